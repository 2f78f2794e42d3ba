"""Extraction benchmark: pipeline `extract_article` next to bare trafilatura, same run.

    python -m pipeline.bench.extraction [--eval-dir DIR] [--chart docs/bench-stages.png] [--memory [N]]

Quality (dev sets in ../shared/eval): body shingle F1 on extraction-aeb and
metadata-naeb, publication day exact and title exact on metadata-naeb.
Speed: pages/s of the pipeline (no translation) vs bare `trafilatura.extract` in one
process, and the pipeline with 2 worker processes. `--memory N` extracts N pages
(cycling the dev pages) in one process and reports RSS growth. Per-stage time goes
to a PNG chart. Skips cleanly when the eval folder is absent.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import sys
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from . import eval_dir

_WORD = re.compile(r"\w+")
_NONWORD = re.compile(r"\W+")
SETS = ("extraction-aeb", "metadata-naeb")


# ---------------------------------------------------------------- metrics (README of the eval folder)


def _shingles(text: str | None) -> Counter:
    toks = _WORD.findall(text or "")
    return Counter(tuple(toks[i : i + 4]) for i in range(max(0, len(toks) - 3)))


def shingle_f1(pairs: list[tuple[str | None, str | None]]) -> dict[str, float]:
    """ScrapingHub body metric: per-page P and R over 4-token shingle multisets, F1 of the means."""
    ps, rs = [], []
    for truth, pred in pairs:
        a, b = _shingles(truth), _shingles(pred)
        tp = sum((a & b).values())
        fp = sum(b.values()) - tp
        fn = sum(a.values()) - tp
        if fp == fn == 0:
            ps.append(1.0)
            rs.append(1.0)
            continue
        ps.append(tp / (tp + fp) if tp + fp else 0.0)
        rs.append(tp / (tp + fn) if tp + fn else 0.0)
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    return {"f1": 2 * p * r / (p + r) if p + r else 0.0, "precision": p, "recall": r}


def title_key(s: str | None) -> str:
    return _NONWORD.sub(" ", (s or "").casefold()).strip()


def label_day(value: str | None) -> str | None:
    """The labelled day; pandas' "NaT" and empty labels mean the page has no date."""
    v = (value or "").strip()
    return None if v in ("", "NaT", "None", "null") else v[:10]


_MONTH_NAMES = ("january february march april may june july august september october november december").split()


def label_stated(html: str, url: str, day: str | None) -> bool:
    """Whether the page states the labelled day anywhere, in any common form (ISO,
    slashes, English month names, in the URL, or as an instant whose day in some time
    zone is that day). A label the page never states is out of reach of any method
    that reads the page: this bounds the attainable score (label audit)."""
    if day is None:
        return True  # answering "no date" is right
    y, m, d = (int(x) for x in day.split("-"))
    name = _MONTH_NAMES[m - 1]
    forms = [
        rf"{y}-{m:02d}-{d:02d}", rf"{y}/{m:02d}/{d:02d}", rf"{y}/{m}/{d}(?!\d)", rf"{y}{m:02d}{d:02d}",
        rf"(?<!\d){m:02d}/{d:02d}/{y}", rf"(?<!\d){m}/{d}/{y}", rf"(?<!\d){d:02d}\.{m:02d}\.{y}",
        rf"(?i)\b{name[:3]}[a-z]*\.?\s+0?{d}(?:st|nd|rd|th)?,?\s+{y}", rf"(?i)(?<!\d)0?{d}(?:st|nd|rd|th)?\s+(?:of\s+)?{name[:3]}[a-z]*\.?,?\s+{y}",
        rf"(?i)/{y}/{name[:3]}[a-z]*/0?{d}(?:/|$)",
    ]
    text = html + " " + url
    if any(re.search(f, text) for f in forms):
        return True
    # an instant stated in UTC or another zone whose local day (some UTC offset) is the label
    target = datetime(y, m, d)
    for iso in re.findall(r"(?<!\d)((?:19|20)\d\d-\d\d-\d\d)[T ](\d\d):(\d\d)", text):
        try:
            at = datetime.fromisoformat(f"{iso[0]}T{iso[1]}:{iso[2]}")
        except ValueError:
            continue
        if target - timedelta(hours=14) <= at < target + timedelta(hours=36):
            return True
    return False


# ---------------------------------------------------------------- data


def load_set(root: Path, name: str) -> list[dict[str, Any]]:
    gt = json.loads((root / name / "ground-truth.json").read_text(encoding="utf-8"))
    rows = []
    for pid, truth in gt.items():
        with gzip.open(root / name / "html" / f"{pid}.html.gz", "rt", encoding="utf-8", errors="replace") as fh:
            rows.append({"id": pid, "html": fh.read(), **truth})
    return rows


# ---------------------------------------------------------------- parts


def quality(data: dict[str, list[dict[str, Any]]]) -> tuple[dict[str, Any], dict[str, float]]:
    import trafilatura

    from pipeline.extract import extract_article

    out: dict[str, Any] = {}
    stage: dict[str, float] = {}
    bare_seconds = 0.0
    pages = 0
    for name, rows in data.items():
        ours, bare = [], []
        for row in rows:
            ours.append(extract_article(row["html"], row["url"], timings=stage))
            t0 = time.perf_counter()
            bare.append(trafilatura.extract(row["html"], url=row["url"]))
            bare_seconds += time.perf_counter() - t0
            pages += 1
        out[f"body_f1[{name}]"] = {
            "pipeline": shingle_f1([(r["articleBody"], o.text if o else None) for r, o in zip(rows, ours)])["f1"],
            "bare": shingle_f1([(r["articleBody"], b) for r, b in zip(rows, bare)])["f1"],
        }
        if name == "metadata-naeb":
            bare_meta = [trafilatura.bare_extraction(r["html"], url=r["url"], with_metadata=True) for r in rows]
            n = len(rows)
            days = [label_day(r.get("date")) for r in rows]
            out["date_day_exact[metadata-naeb]"] = {
                "pipeline": sum(bool(o) and o.published_day == d for d, o in zip(days, ours)) / n,
                "pipeline_utc_day": sum(
                    bool(o) and (o.published_at.date().isoformat() if o.published_at else None) == d for d, o in zip(days, ours)
                )
                / n,
                "bare": sum(bool(m) and (m.date or None) == d for d, m in zip(days, bare_meta)) / n,
                "labels_stated_on_page": sum(label_stated(r["html"], r["url"], d) for r, d in zip(rows, days)) / n,
            }
            out["title_exact[metadata-naeb]"] = {
                "pipeline": sum(bool(o and title_key(o.title) == title_key(r["title"])) for r, o in zip(rows, ours)) / n,
                "bare": sum(bool(m and title_key(m.title) == title_key(r["title"])) for r, m in zip(rows, bare_meta)) / n,
            }
    stage = {k: v / pages for k, v in stage.items()}
    stage["bare trafilatura.extract (reference)"] = bare_seconds / pages
    return out, stage


def speed(pages: list[tuple[str, str]], rounds: int = 2) -> dict[str, float]:
    """Pages/s in one process (pipeline vs bare, interleaved per page so that load
    from other processes hits both alike) and with 2 worker processes."""
    import os

    import trafilatura

    from pipeline.config import ExtractSettings
    from pipeline.extract import extract_article, extract_many

    load_before = os.getloadavg()[0]
    t_ours = t_bare = 0.0
    n = 0
    for _ in range(rounds):
        for html, url in pages:
            t0 = time.perf_counter()
            extract_article(html, url)
            t1 = time.perf_counter()
            trafilatura.extract(html, url=url)
            t2 = time.perf_counter()
            t_ours += t1 - t0
            t_bare += t2 - t1
            n += 1
    one = n / t_ours
    # the single-process figure again, back to back with the 2-worker figure
    work = pages * rounds
    t0 = time.perf_counter()
    for html, url in work:
        extract_article(html, url)
    seq = len(work) / (time.perf_counter() - t0)
    settings = ExtractSettings()
    t0 = time.perf_counter()
    got = sum(1 for _ in extract_many(work, settings, workers=2))
    two = got / (time.perf_counter() - t0)
    return {
        "pipeline_pages_per_s_1proc": one,
        "bare_extract_pages_per_s_1proc": n / t_bare,
        "ratio_pipeline_vs_bare_1proc": one / (n / t_bare),
        "pipeline_pages_per_s_1proc_again": seq,
        "pipeline_pages_per_s_2workers": two,
        "ratio_2workers_vs_1proc": two / seq,
        "cpu_count": os.cpu_count() or 1,
        "load_average_1min_before": load_before,
        "load_average_1min_after": os.getloadavg()[0],
    }


def memory(pages: list[tuple[str, str]], count: int) -> dict[str, float]:
    import psutil

    from pipeline.extract import extract_article

    proc = psutil.Process()
    warm = min(200, count // 10 or 1)
    rss0 = 0
    for i in range(count):
        html, url = pages[i % len(pages)]
        extract_article(html, url)
        if i + 1 == warm:
            rss0 = proc.memory_info().rss
    rss1 = proc.memory_info().rss
    return {"pages": count, "rss_after_warmup_mb": rss0 / 2**20, "rss_end_mb": rss1 / 2**20, "rss_growth_mb": (rss1 - rss0) / 2**20}


def chart(stage: dict[str, float], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = list(stage)
    ms = [stage[k] * 1000 for k in names]
    fig, ax = plt.subplots(figsize=(6.4, 3.2), dpi=100)
    colors = ["#4c72b0"] * (len(names) - 1) + ["#999999"]
    ax.barh(names, ms, color=colors)
    ax.invert_yaxis()
    ax.set_xlabel("ms per page (dev pages, one process)")
    ax.set_title("extract_article time per stage")
    for y, v in enumerate(ms):
        ax.text(v, y, f" {v:.1f}", va="center", fontsize=8)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)


# ---------------------------------------------------------------- entry points


def run(eval_root: str | Path | None = None, *, chart_path: str | Path | None = "docs/bench-stages.png",
        memory_pages: int = 0, do_speed: bool = True) -> dict[str, Any]:
    root = eval_dir(eval_root)
    if root is None:
        return {"skipped": "eval folder not found (expected ../shared/eval or $NEWSPIPE_EVAL_DIR)"}
    missing = [s for s in SETS if not (root / s / "ground-truth.json").is_file()]
    if missing:
        return {"skipped": f"eval sets missing under {root}: {', '.join(missing)}"}
    for name in ("trafilatura", "htmldate", "courlan", "pipeline.extract"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    data = {s: load_set(root, s) for s in SETS}
    result: dict[str, Any] = {}
    q, stage = quality(data)
    result["quality"] = q
    result["stage_seconds_per_page"] = stage
    pages = [(r["html"], r["url"]) for rows in data.values() for r in rows]
    if do_speed:
        result["speed"] = speed(pages)
    if memory_pages:
        result["memory"] = memory(pages, memory_pages)
    if chart_path:
        chart(stage, Path(chart_path))
        result["chart"] = str(chart_path)
    return result


TARGETS = {
    "body_f1[extraction-aeb]": 0.970,
    "body_f1[metadata-naeb]": 0.950,
    "date_day_exact[metadata-naeb]": 0.930,
    "title_exact[metadata-naeb]": 0.90,
}


def print_report(result: dict[str, Any]) -> None:
    if "skipped" in result:
        print(f"skipped: {result['skipped']}")
        return
    print(f"{'measure':34} {'pipeline':>9} {'bare':>9} {'target':>8}")
    for key, vals in result["quality"].items():
        print(f"{key:34} {vals['pipeline']:9.3f} {vals['bare']:9.3f} {TARGETS.get(key, float('nan')):8.3f}")
        if "pipeline_utc_day" in vals:
            print(f"{'  (same, day of the UTC instant)':34} {vals['pipeline_utc_day']:9.3f}")
            print(f"{'  label audit: labelled day stated':34} {vals['labels_stated_on_page']:9.3f}  (ceiling for any method reading the page)")
    if "speed" in result:
        s = result["speed"]
        print(
            f"one process: pipeline {s['pipeline_pages_per_s_1proc']:.1f} pages/s, bare trafilatura.extract "
            f"{s['bare_extract_pages_per_s_1proc']:.1f} pages/s -> ratio {s['ratio_pipeline_vs_bare_1proc']:.2f}x (target >= 0.85)"
        )
        print(
            f"2 workers: {s['pipeline_pages_per_s_2workers']:.1f} pages/s vs {s['pipeline_pages_per_s_1proc_again']:.1f} "
            f"in one process -> {s['ratio_2workers_vs_1proc']:.2f}x (target >= 1.7; {s['cpu_count']} cores, "
            f"load average {s['load_average_1min_before']:.1f} before / {s['load_average_1min_after']:.1f} after)"
        )
    if "memory" in result:
        m = result["memory"]
        print(
            f"memory: {m['pages']} pages, RSS {m['rss_after_warmup_mb']:.0f} MB after warm-up -> {m['rss_end_mb']:.0f} MB "
            f"(growth {m['rss_growth_mb']:+.1f} MB, target <= 100)"
        )
    else:
        print("memory: not measured (run with --memory [N], default N=5000)")
    print("stages (ms/page): " + ", ".join(f"{k} {v * 1000:.1f}" for k, v in result["stage_seconds_per_page"].items()))
    if "chart" in result:
        print(f"chart: {result['chart']}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline.bench.extraction", description=__doc__.split("\n\n")[0])
    ap.add_argument("--eval-dir", default=None)
    ap.add_argument("--chart", default="docs/bench-stages.png", help="PNG path for per-stage time ('' to skip)")
    ap.add_argument("--memory", nargs="?", type=int, const=5000, default=0, metavar="N", help="measure RSS growth over N pages")
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--json", action="store_true", help="print the result dict as JSON")
    args = ap.parse_args(argv)
    result = run(args.eval_dir, chart_path=args.chart or None, memory_pages=args.memory, do_speed=not args.no_speed)
    if args.json:
        print(json.dumps(result, indent=2, default=str))
    else:
        print_report(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
