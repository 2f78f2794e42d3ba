"""Routing accuracy of `pipeline.language` against bare seeded langdetect.

Reads `<eval>/langid/{sentences,word-pairs,single-words}.jsonl.gz` (rows
`{lang, text}`), maps answer and label each to ru / zh / en / other, and reports
the share routed right, rows per second, and which languages the errors went
between (the guide for what to fix next). Run: `python -m pipeline.bench.langid`.
"""

from __future__ import annotations

import gzip
import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from ..language import detect_language, route_of
from . import eval_dir

SETS = ("sentences", "word-pairs", "single-words")


def _langdetect_fn() -> Callable[[str], str]:
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0

    def run(text: str) -> str:
        try:
            return detect(text)
        except LangDetectException:
            return "und"

    return run


def _score(rows: list[dict], fn: Callable[[str], str]) -> tuple[float, float, Counter]:
    errors: Counter = Counter()
    right = 0
    start = time.perf_counter()
    for row in rows:
        got = fn(row["text"])
        if route_of(got) == route_of(row["lang"]):
            right += 1
        else:
            errors[(row["lang"], got)] += 1
    elapsed = max(time.perf_counter() - start, 1e-9)
    return right / max(len(rows), 1), len(rows) / elapsed, errors


def run(eval_root: Path | None = None) -> dict:
    """Print and return {set: {rows, pipeline, langdetect, *_rows_per_s, errors}}; {} without eval data."""
    root = eval_dir(eval_root)
    folder = root / "langid" if root else None
    if folder is None or not folder.is_dir():
        print("langid bench: skipped, no eval folder (../shared/eval/langid not found; set NEWSPIPE_EVAL_DIR)")
        return {}
    langdetect = _langdetect_fn()

    def pipeline(text: str) -> str:
        return detect_language(text).language

    t0 = time.perf_counter()
    pipeline("warm up the detectors")
    pipeline("Прогрев моделей для кириллицы")
    print(f"langid bench: model load/warm-up {time.perf_counter() - t0:.1f}s")
    results: dict = {}
    for name in SETS:
        path = folder / f"{name}.jsonl.gz"
        if not path.exists():
            print(f"{name}: missing, skipped")
            continue
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh if line.strip()]
        acc, speed, errors = _score(rows, pipeline)
        ld_acc, ld_speed, ld_errors = _score(rows, langdetect)
        by_pair = Counter({(a, route_of(b) if route_of(b) != "other" else b): k for (a, b), k in errors.items()})
        results[name] = {
            "rows": len(rows),
            "pipeline": round(acc, 4),
            "pipeline_rows_per_s": round(speed, 1),
            "langdetect": round(ld_acc, 4),
            "langdetect_rows_per_s": round(ld_speed, 1),
            "errors": {f"{a}->{b}": k for (a, b), k in by_pair.most_common()},
        }
        print(
            f"{name:13s} rows={len(rows):5d}  pipeline {acc:.4f} ({speed:7.0f} rows/s)   "
            f"langdetect {ld_acc:.4f} ({ld_speed:7.0f} rows/s)"
        )
        print("  pipeline routing errors (label->answer): " + ", ".join(f"{a}->{b} {k}" for (a, b), k in by_pair.most_common(12)))
        print("  langdetect routing errors: " + ", ".join(f"{a}->{b} {k}" for (a, b), k in ld_errors.most_common(8)))
    return results


if __name__ == "__main__":
    run(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
