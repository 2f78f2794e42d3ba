"""Extraction benchmark: pipeline `extract_article` next to bare trafilatura, same run.

    python -m pipeline.bench.extraction [--eval-dir DIR] [--chart docs/bench-stages.png] [--memory [N]]

Quality (dev sets in ../shared/eval): body shingle F1 on extraction-aeb and
metadata-naeb, publication day exact and title exact on metadata-naeb; the same on
the dev pages changed as pages nobody tuned for differ (`probes`), on their
stories cut to a few paragraphs (briefs), and on the stories set in a portal's
masthead and cards of other stories, on the stories followed by a comment thread,
and on the pages with their letters as Cyrillic and as unspaced Han characters.
Speed: pages/s of the pipeline (no translation) vs bare `trafilatura.extract` in one
process, and the pipeline with 2 worker processes. `--memory N` extracts N pages
(cycling the dev pages) in one process and reports RSS growth. Per-stage time goes
to a PNG chart. Skips cleanly when the eval folder is absent.

Modules: `scoring` (the labels' keys, F1, halves), `body_probes` and `field_probes`
(the probes' cells), `speed` (speed, memory, chart); this one runs them and prints.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from . import eval_dir, quiet_extraction_logs
from .body_probes import (
    PORTAL_LINES,
    boxes_beside,
    comment_threads,
    portal_stories,
    robustness,
    script_probes,
    short_stories,
    story_inserts,
    story_lists,
    story_photos,
)
from .field_probes import date_probes, script_title_probes, title_probes, writer_names
from .scoring import (
    SETS,
    author_key,
    bare_authors,
    below_bare,
    body_text,
    by_half,
    half_of,
    label_day,
    label_stated,
    load_set,
    page_f1,
    same_title,
    share,
    shingle_f1,
    title_key,
)
from .speed import chart, memory, speed

# ---------------------------------------------------------------- parts




def _title_ok(row: dict[str, Any]) -> bool:
    return bool(row["_ours"]) and same_title(row["_ours"], row)


def _bare_title_ok(row: dict[str, Any]) -> bool:
    return bool(row["_meta"]) and same_title(row["_meta"], row)


def _authors_ok(row: dict[str, Any]) -> bool:
    return author_key(row["_ours"].authors if row["_ours"] else []) == author_key(row.get("authors"))


def _bare_authors_ok(row: dict[str, Any]) -> bool:
    return author_key(bare_authors(row["_meta"])) == author_key(row.get("authors"))


def quality(data: dict[str, list[dict[str, Any]]]) -> tuple[dict[str, Any], dict[str, float]]:
    """Per set and per half: pipeline and bare trafilatura side by side, and the pages
    where the pipeline's body is worse than bare trafilatura's."""
    import trafilatura

    from pipeline.extract import extract_article

    out: dict[str, Any] = {}
    stage: dict[str, float] = {}
    bare_seconds = 0.0
    pages = 0
    for name, rows in data.items():
        for row in rows:
            row["_ours"] = extract_article(row["html"], row["url"], timings=stage)
            t0 = time.perf_counter()
            row["_bare"] = trafilatura.extract(row["html"], url=row["url"])
            bare_seconds += time.perf_counter() - t0
            pages += 1
            ours = row["_ours"].text if row["_ours"] else None
            row["_f1"] = page_f1(row["articleBody"], ours)
            row["_bare_f1"] = page_f1(row["articleBody"], row["_bare"])
        out[f"body_f1[{name}]"] = {
            "pipeline": by_half(rows, lambda rs: shingle_f1([(r["articleBody"], body_text(r["_ours"])) for r in rs])["f1"]),
            "bare": by_half(rows, lambda rs: shingle_f1([(r["articleBody"], r["_bare"]) for r in rs])["f1"]),
        }
        out[f"regressions[{name}]"] = below_bare([(r["id"], r["_f1"] - r["_bare_f1"]) for r in rows])
        if name == "metadata-naeb":
            for r in rows:
                r["_meta"] = trafilatura.bare_extraction(r["html"], url=r["url"], with_metadata=True)
                r["_day"] = label_day(r.get("date"))
                r["_stated"] = label_stated(r["html"], r["url"], r["_day"])

            def day_ok(r: dict[str, Any]) -> bool:
                return bool(r["_ours"]) and r["_ours"].published_day == r["_day"]

            out["date_day_exact[metadata-naeb]"] = {
                "pipeline": by_half(rows, lambda rs: sum(map(day_ok, rs)) / len(rs)),
                "bare": by_half(rows, lambda rs: sum(bool(r["_meta"]) and (r["_meta"].date or None) == r["_day"] for r in rs) / len(rs)),
                "labels_stated_on_page": sum(r["_stated"] for r in rows) / len(rows),
            }
            out["date_day_exact_on_stated[metadata-naeb]"] = {
                "pipeline": by_half([r for r in rows if r["_stated"]], lambda rs: sum(map(day_ok, rs)) / len(rs)),
                "bare": by_half(
                    [r for r in rows if r["_stated"]],
                    lambda rs: sum(bool(r["_meta"]) and (r["_meta"].date or None) == r["_day"] for r in rs) / len(rs),
                ),
            }
            out["title_exact[metadata-naeb]"] = {
                "pipeline": by_half(rows, lambda rs: share(rs, _title_ok)),
                "bare": by_half(rows, lambda rs: share(rs, _bare_title_ok)),
            }
            out["authors_exact[metadata-naeb]"] = {
                "pipeline": by_half(rows, lambda rs: share(rs, _authors_ok)),
                "bare": by_half(rows, lambda rs: share(rs, _bare_authors_ok)),
            }
    stage = {k: v / pages for k, v in stage.items()}
    stage["bare trafilatura.extract (reference)"] = bare_seconds / pages
    return out, stage


def _profile_for(url: str) -> Any:
    """The profile config/sources.yaml gives the page's outlet (by host), valid now."""
    from pipeline.config import ConfigError, load_sources
    from pipeline.urls import host_allowed

    try:
        sources = load_sources()
    except ConfigError:
        return None
    for src in sources:
        if src.profiles and host_allowed(url, src.hosts()):
            return src.profile_at(datetime.now().astimezone())
    return None


def outlets(root: Path) -> list[dict[str, Any]]:
    """Per page of the outlets set: body F1, title, authors, day; pipeline next to bare."""
    import trafilatura

    from pipeline.extract import extract_article

    folder = root / "outlets"
    if not (folder / "ground-truth.json").is_file():
        return []
    rows = []
    for r in load_set(root, "outlets"):
        profile = _profile_for(r["url"])
        ours = extract_article(r["html"], r["url"], profile=profile)
        meta = trafilatura.bare_extraction(r["html"], url=r["url"], with_metadata=True)
        day = label_day(r.get("date"))
        rows.append({
            "id": r["id"] + (" (profile)" if profile else ""),
            "body_f1": page_f1(r["articleBody"], ours.text if ours else None),
            "bare_body_f1": page_f1(r["articleBody"], getattr(meta, "text", None)),
            "title": bool(ours and title_key(ours.title) == title_key(r["title"])),
            "bare_title": title_key(getattr(meta, "title", None)) == title_key(r["title"]),
            "authors": bool(ours and author_key(ours.authors) == author_key(r.get("authors"))),
            "bare_authors": author_key(bare_authors(meta)) == author_key(r.get("authors")),
            "got_authors": list(ours.authors) if ours else [],
            "day": bool(ours and ours.published_day == day),
            "bare_day": (getattr(meta, "date", None) or None) == day,
        })
    return rows


# ---------------------------------------------------------------- entry points


def run(eval_root: str | Path | None = None, *, chart_path: str | Path | None = "docs/bench-stages.png",
        memory_pages: int = 0, do_speed: bool = True, half: int | None = None) -> dict[str, Any]:
    root = eval_dir(eval_root)
    if root is None:
        return {"skipped": "eval folder not found (expected ../shared/eval or $NEWSPIPE_EVAL_DIR)"}
    missing = [s for s in SETS if not (root / s / "ground-truth.json").is_file()]
    if missing:
        return {"skipped": f"eval sets missing under {root}: {', '.join(missing)}"}
    quiet_extraction_logs()
    data = {s: load_set(root, s) for s in SETS}
    if half is not None:  # develop a rule on one half; the other confirms it
        data = {s: [r for r in rows if half_of(r["id"]) == half] for s, rows in data.items()}
    result: dict[str, Any] = {}
    q, stage = quality(data)
    result["quality"] = q
    result["stage_seconds_per_page"] = stage
    result["outlets"] = outlets(root)
    result["probes"] = robustness(data)
    result["short_stories"] = short_stories(data)
    result["portal_stories"] = portal_stories(data)
    result["comment_threads"] = comment_threads(data)
    result["inserts"] = story_inserts(data)
    result["boxes_beside"] = boxes_beside(data)
    result["photos"] = story_photos(data)
    result["story_lists"] = story_lists(data)
    result["scripts"] = script_probes(data)
    result["date_probes"] = date_probes(data)
    result["writer_names"] = writer_names(data)
    result["title_probes"] = title_probes(data)
    result["title_probes"].update(script_title_probes(data))
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
    "title_exact[metadata-naeb]": 0.95,
    "date_day_exact_on_stated[metadata-naeb]": 0.950,
    "authors_exact[metadata-naeb]": 0.80,
}


def _cell_line(what: str, vals: dict[str, Any], swollen: bool = True) -> str:
    """One cell of a stories probe (`_stories_cell`) as the report prints it."""
    below = vals["over_0.05"]
    return (f"{what}: {vals['pages']} pages, body F1 {vals['pipeline']:.3f} vs bare {vals['bare']:.3f}; "
            f"{len(below)} pages > 0.05 below bare, {len(vals['over_0.2'])} > 0.2 below"
            + (" (" + ", ".join(f"{i[:8]} {d:+.3f}" for i, d in below) + ")" if below else "")
            + (f"; results over 3x the story: {vals['over_3x_story'][0]} (bare {vals['over_3x_story'][1]})" if swollen else ""))


def print_report(result: dict[str, Any]) -> None:
    if "skipped" in result:
        print(f"skipped: {result['skipped']}")
        return
    print(f"{'measure':44} {'pipeline':>9} {'half0':>6} {'half1':>6} | {'bare':>6} {'half0':>6} {'half1':>6} {'target':>7}")
    for key, vals in result["quality"].items():
        if key.startswith("regressions"):
            continue
        p, b = vals["pipeline"], vals["bare"]
        print(f"{key:44} {p['all']:9.3f} {p['half0']:6.3f} {p['half1']:6.3f} | {b['all']:6.3f} {b['half0']:6.3f} {b['half1']:6.3f} "
              f"{TARGETS.get(key, float('nan')):7.3f}")
        if "labels_stated_on_page" in vals:
            print(f"{'  label audit: labelled day stated':44} {vals['labels_stated_on_page']:9.3f}"
                  "  (ceiling for any method reading the page)")
    for key, vals in result["quality"].items():
        if key.startswith("regressions"):
            print(f"{key}: {len(vals['over_0.05'])} pages > 0.05 below bare trafilatura, {len(vals['over_0.2'])} > 0.2 below"
                  + (": " + ", ".join(f"{i} ({d:+.3f})" for i, d in vals["over_0.05"]) if vals["over_0.05"] else ""))
    for key, vals in result.get("probes", {}).items():
        print(f"{key}: body F1 {vals['pipeline']:.3f} vs bare {vals['bare']:.3f}; "
              f"{len(vals['over_0.05'])} pages > 0.05 below bare, {len(vals['over_0.2'])} > 0.2 below"
              + (": " + ", ".join(f"{i[:8]} ({d:+.3f})" for i, d in vals["over_0.05"]) if vals["over_0.05"] else ""))
        if "title" in vals:
            print("  " + ", ".join(f"{k} {vals[k][0]:.3f} (bare {vals[k][1]:.3f})" for k in ("title", "authors", "day_on_stated")))
    for key, vals in result.get("short_stories", {}).items():
        k, name = key.rstrip("]").split("[", 1)
        print(_cell_line(f"story cut to {k} paragraph(s), {name}", vals))
    for key, vals in result.get("portal_stories", {}).items():
        k, name = key.rstrip("]").split("[", 1)
        lines = k.endswith(PORTAL_LINES)
        k = k.removesuffix(PORTAL_LINES)
        what = ("whole story" if k == "whole" else f"story cut to {k} paragraph(s)") + " in a portal (masthead, cards around it" \
            + (", paragraphs as <br> lines)" if lines else ")")
        print(_cell_line(f"{what}, {name}", vals))
    for probe, what in (("comment_threads", "a comment thread after it"), ("inserts", "inserts between its paragraphs"),
                        ("boxes_beside", "breadcrumbs and tags beside its paragraphs"),
                        ("photos", "captioned photos between its paragraphs")):
        for key, vals in result.get(probe, {}).items():
            k, name = key.rstrip("]").split("[", 1)
            names = "class names hashed" if k == "hashed" else "names as they are"
            print(_cell_line(f"story with {what} ({names}), {name}", vals, swollen=False))
    for key, vals in result.get("story_lists", {}).items():
        k, name = key.rstrip("]").split("[", 1)
        print(_cell_line(f"story with product lines as its own ({k}), {name}", vals, swollen=False))
    for key, vals in result.get("scripts", {}).items():
        what, name = key.rstrip("]").split("[", 1)
        print(_cell_line(f"no scripts or statements, {what}, {name}", vals, swollen=False))
    for what, vals in result.get("date_probes", {}).items():
        p, b = vals["pipeline"], vals["bare"]
        print(f"day on labels shown, {what}: {vals['pages']} pages, {p['all']:.3f} ({p['half0']:.3f} / {p['half1']:.3f}) "
              f"vs bare {b['all']:.3f} ({b['half0']:.3f} / {b['half1']:.3f})")
    for what, vals in result.get("writer_names", {}).items():
        p, b = vals["pipeline"], vals["bare"]
        print(f"authors exact, writers renamed ({what}): {vals['pages']} pages, {p['all']:.3f} ({p['half0']:.3f} / "
              f"{p['half1']:.3f}) vs bare {b['all']:.3f} ({b['half0']:.3f} / {b['half1']:.3f})")
    for what, vals in result.get("title_probes", {}).items():
        p, b = vals["pipeline"], vals["bare"]
        print(f"title exact, {what}: {vals['pages']} pages, {p['all']:.3f} ({p['half0']:.3f} / {p['half1']:.3f}) "
              f"vs bare {b['all']:.3f} ({b['half0']:.3f} / {b['half1']:.3f})")
    if result.get("outlets"):
        print(f"outlets (pipeline / bare): {'page':24} {'body F1':>13} {'title':>7} {'authors':>7} {'day':>7}")
        yn = {True: "y", False: "-"}
        for o in result["outlets"]:
            print(f"{'':27}{o['id']:24} {o['body_f1']:6.3f}/{o['bare_body_f1']:.3f} {yn[o['title']]:>5}/{yn[o['bare_title']]} "
                  f"{yn[o['authors']]:>5}/{yn[o['bare_authors']]} {yn[o['day']]:>5}/{yn[o['bare_day']]}")
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
    ap.add_argument("--half", type=int, choices=(0, 1), default=None, help="only this half of the dev pages (quality only)")
    ap.add_argument("--json", action="store_true", help="print the result dict as JSON")
    args = ap.parse_args(argv)
    result = run(args.eval_dir, chart_path=args.chart or None, memory_pages=args.memory,
                 do_speed=not args.no_speed and args.half is None, half=args.half)
    if args.json:
        print(json.dumps(result, indent=2, default=str))
    else:
        print_report(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
