"""A CPU-time budget for one page's extraction.

The web is hostile and the rules are many patterns: one page built to be slow (a
megabyte of "author", a pathological run of markup) must cost its own skip, not the
worker's hour nor the run's deadline. The budget counts the process's CPU time
(`ITIMER_VIRTUAL`, signal SIGVTALRM), so waiting and other processes do not use it up,
and it leaves SIGALRM to Airflow's `execution_timeout`. Pattern matching checks for
signals, so a runaway regular expression is stopped too.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class ExtractionTimeout(Exception):
    """One page's extraction used up its CPU budget; the page is skipped as error:extract."""


def _can_time() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def cpu_budget(seconds: float) -> Iterator[None]:
    """Raise ExtractionTimeout inside the block once it has used `seconds` of CPU.

    No budget when `seconds` is 0, off the main thread (a signal handler runs there
    only) or where the platform has no interval timers (Windows): the block runs as is.
    """
    if seconds <= 0 or not _can_time():
        yield
        return

    def expired(signum: int, frame: FrameType | None) -> None:
        raise ExtractionTimeout(f"extraction used over {seconds:g} s of CPU (extract.max_cpu_seconds)")

    previous = signal.signal(signal.SIGVTALRM, expired)
    signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)
