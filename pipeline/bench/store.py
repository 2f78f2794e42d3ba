"""Landing benchmark: time to land one run into a store of many files, with the id
index warm (files read only when new) against a cold start (every file read).

    python -m pipeline.bench.store [--files 400] [--rows 200]

Writes a throwaway store in a temporary folder; needs no evaluation data.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from pipeline.record import ArticleRecord
from pipeline.store import ID_INDEX_NAME, Store

DAY = date(2026, 11, 20)


def _records(run: int, rows: int) -> list[ArticleRecord]:
    at = datetime(2026, 11, 20, 12, tzinfo=UTC)
    return [
        ArticleRecord(url=f"https://news.example/{run}/{i}", canonical_url=f"https://news.example/{run}/{i}", source="bench",
                      fetched_at=at, title=f"story {run}-{i}",
                      text="body", language="en", language_confidence=1.0, published_at=at)
        for i in range(rows)
    ]


def run(eval_root: Any = None, *, files: int = 400, rows: int = 200, rounds: int = 5) -> dict[str, float]:
    del eval_root  # synthetic data: no evaluation set needed
    tmp = tempfile.mkdtemp(prefix="newspipe-bench-store-")
    try:
        store = Store(tmp)
        for f in range(files):
            store.land(_records(f, rows), f"fill{f:05d}", DAY)
        index_path = Path(store.local_state_path(ID_INDEX_NAME))
        cold, warm = [], []
        for r in range(rounds):
            index_path.unlink(missing_ok=True)
            t0 = time.perf_counter()
            store.land(_records(files + 2 * r, rows), f"cold{r}", DAY)
            cold.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            store.land(_records(files + 2 * r + 1, rows), f"warm{r}", DAY)
            warm.append(time.perf_counter() - t0)
        cold_s, warm_s = sorted(cold)[len(cold) // 2], sorted(warm)[len(warm) // 2]
        return {"files": files, "rows_per_file": rows, "land_seconds_cold_index": cold_s,
                "land_seconds_warm_index": warm_s, "speedup": cold_s / warm_s if warm_s else float("inf"),
                "index_bytes": os.path.getsize(index_path)}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def print_report(result: dict[str, float]) -> None:
    print(
        f"landing into a store of {result['files']} files x {result['rows_per_file']} rows (local disk, median): "
        f"{result['land_seconds_cold_index'] * 1000:.0f} ms reading every file, "
        f"{result['land_seconds_warm_index'] * 1000:.0f} ms with the id index -> {result['speedup']:.1f}x "
        f"(index {result['index_bytes'] / 1024:.0f} KiB; on S3 each skipped file also saves a request)"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline.bench.store", description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=400)
    ap.add_argument("--rows", type=int, default=200)
    args = ap.parse_args(argv)
    print_report(run(files=args.files, rows=args.rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
