"""Benchmarks and evaluation against ../shared/eval (skipped cleanly when absent)."""

from __future__ import annotations

from pathlib import Path

EVAL_DIR_DEFAULT = Path(__file__).resolve().parents[2].parent / "shared" / "eval"


def eval_dir(explicit: str | Path | None = None) -> Path | None:
    """The eval folder, or None (with the caller printing a skip) when absent."""
    import os

    p = Path(explicit or os.environ.get("NEWSPIPE_EVAL_DIR") or EVAL_DIR_DEFAULT)
    return p if p.is_dir() else None


def quiet_extraction_logs() -> None:
    """Silence what the extraction libraries log per page (a bench extracts thousands)."""
    import logging

    for name in ("trafilatura", "htmldate", "courlan", "pipeline.extract"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
