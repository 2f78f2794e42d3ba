"""The store lock: one lander or maintenance pass at a time, across processes (flock)
or across machines (a PostgreSQL advisory lock)."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import time
from collections.abc import Iterator


class StoreLock:
    """Serializes landing and maintenance. A file lock (flock) for local roots: released
    by the kernel when the holder dies, so a SIGKILLed writer never wedges the store.
    With `lock_url` (postgresql://) a session advisory lock, for writers on several
    machines sharing an object store."""

    def __init__(self, key: str, local_dir: str, lock_url: str | None = None, timeout: float = 600.0):
        self.key = key
        self.local_dir = local_dir
        self.lock_url = lock_url
        self.timeout = timeout

    @contextlib.contextmanager
    def hold(self) -> Iterator[None]:
        if self.lock_url:
            with self._pg_lock():
                yield
            return
        os.makedirs(self.local_dir, exist_ok=True)
        path = os.path.join(self.local_dir, "store.lock")
        with open(path, "a+") as fh:
            deadline = time.monotonic() + self.timeout
            while True:
                try:
                    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise TimeoutError(f"store lock {path} held for more than {self.timeout}s") from None
                    time.sleep(0.05)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    @contextlib.contextmanager
    def _pg_lock(self) -> Iterator[None]:
        import psycopg2  # scale-out extra

        lock_id = int.from_bytes(hashlib.sha256(self.key.encode()).digest()[:8], "big", signed=True)
        conn = psycopg2.connect(self.lock_url)
        try:
            conn.autocommit = True
            with conn.cursor() as cur:
                cur.execute("SET lock_timeout = %s", (f"{int(self.timeout * 1000)}ms",))
                cur.execute("SELECT pg_advisory_lock(%s)", (lock_id,))
            try:
                yield
            finally:
                with conn.cursor() as cur:
                    cur.execute("SELECT pg_advisory_unlock(%s)", (lock_id,))
        finally:
            conn.close()
