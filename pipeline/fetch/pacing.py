"""Per-host politeness shared by the fetch threads: a cap on concurrent requests to a
host and spacing of their starts (the source's delay, Crawl-delay, Retry-After).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class HostGate:
    """Per-host concurrency cap and spacing of request starts, shared by threads."""

    def __init__(self, per_host: int) -> None:
        self._per_host = per_host
        self._lock = threading.Lock()
        self._sems: dict[str, threading.BoundedSemaphore] = {}
        self._next: dict[str, float] = {}

    @contextmanager
    def slot(self, host: str, delay: float) -> Iterator[None]:
        with self._lock:
            sem = self._sems.setdefault(host, threading.BoundedSemaphore(self._per_host))
        sem.acquire()
        try:
            with self._lock:  # reserve a start time, then sleep outside the lock
                now = time.monotonic()
                start = max(now, self._next.get(host, now))
                self._next[host] = start + delay
            if start > now:
                time.sleep(start - now)
            yield
        finally:
            sem.release()

    def defer(self, host: str, seconds: float) -> None:
        """Hold back every thread's next start to `host` (Retry-After, backoff)."""
        with self._lock:
            self._next[host] = max(self._next.get(host, 0.0), time.monotonic() + seconds)
