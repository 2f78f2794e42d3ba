"""SQLite cache of segment translations, so re-processing an article is free.

Keyed by sha256 of (model label, segment): a new package version naturally
misses. WAL mode lets parallel DAG tasks read while one writes; writes retry on
``database is locked`` instead of failing the run.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import random
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")

_CHUNK = 500  # stay below SQLite's bound-parameter limit
_SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    key BLOB PRIMARY KEY,
    model TEXT NOT NULL,
    translation TEXT NOT NULL,
    created REAL NOT NULL
) WITHOUT ROWID
"""


def cache_key(model_label: str, segment: str) -> bytes:
    return hashlib.sha256(f"{model_label}\x00{segment}".encode()).digest()


class TranslationCache:
    """Process- and thread-safe enough for pipeline workers: one connection per instance."""

    def __init__(self, path: str | Path, retries: int = 8, timeout: float = 30.0):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.retries = retries
        self._lock = threading.RLock()  # one connection, shared by threads one call at a time
        self._db = sqlite3.connect(str(self.path), timeout=timeout, isolation_level=None, check_same_thread=False)
        self._retry(lambda: self._db.execute("PRAGMA journal_mode=WAL"))
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
        self._retry(lambda: self._db.execute(_SCHEMA))

    def _retry(self, fn: Callable[[], T]) -> T:
        for attempt in range(self.retries + 1):
            try:
                with self._lock:
                    return fn()
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc) or attempt == self.retries:
                    raise
                delay = min(2.0, 0.05 * 2**attempt) * (0.5 + random.random())
                log.debug("translation cache busy (%s); retrying in %.2fs", exc, delay)
                time.sleep(delay)
        raise AssertionError("unreachable")

    def get_many(self, model_label: str, segments: Iterable[str]) -> dict[str, str]:
        """Cached translations for those segments that have one."""
        by_key = {cache_key(model_label, s): s for s in segments}
        keys = list(by_key)
        found: dict[str, str] = {}
        for i in range(0, len(keys), _CHUNK):
            chunk = keys[i : i + _CHUNK]
            sql = f"SELECT key, translation FROM translations WHERE key IN ({','.join('?' * len(chunk))})"
            rows = self._retry(functools.partial(self._fetch, sql, chunk))
            for key, translation in rows:
                found[by_key[bytes(key)]] = translation
        return found

    def _fetch(self, sql: str, params: list[bytes]) -> list[tuple[bytes, str]]:
        return self._db.execute(sql, params).fetchall()

    def put_many(self, model_label: str, translations: dict[str, str]) -> None:
        if not translations:
            return
        now = time.time()
        rows = [(cache_key(model_label, s), model_label, t, now) for s, t in translations.items()]

        def write() -> None:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany("INSERT OR REPLACE INTO translations VALUES (?, ?, ?, ?)", rows)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

        self._retry(write)

    def __len__(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM translations").fetchone()[0])

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> TranslationCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
