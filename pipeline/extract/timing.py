"""Per-stage timing for the bench."""

from __future__ import annotations

import logging
import time

LOG = logging.getLogger(__name__)


def _tick(timings: dict[str, float] | None, stage: str, t0: float) -> float:
    now = time.perf_counter()
    if timings is not None:
        timings[stage] = timings.get(stage, 0.0) + now - t0
    return now

