"""Conditional GET: ETag and Last-Modified per URL, kept across runs (SQLite) so a feed
or sitemap that did not change costs a 304 instead of a full download.
"""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple


class Validators(NamedTuple):
    etag: str | None
    last_modified: str | None
    stored_at: str  # ISO UTC


class ValidatorStore:
    """ETag/Last-Modified per URL; in memory, optionally persisted to SQLite.

    Kept across runs (with a path) so feeds and sitemaps that did not change
    cost a 304 instead of a full download.
    """

    def __init__(self, path: str | Path | None = None) -> None:
        self._mem: dict[str, Validators] = {}
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        if path is not None:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(path), check_same_thread=False)
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS validators (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, stored_at TEXT)"
            )
            self._db.commit()

    def get(self, url: str) -> Validators | None:
        with self._lock:
            hit = self._mem.get(url)
            if hit is None and self._db is not None:
                row = self._db.execute("SELECT etag, last_modified, stored_at FROM validators WHERE url = ?", (url,)).fetchone()
                if row:
                    hit = self._mem[url] = Validators(*row)
            return hit

    def put(self, url: str, etag: str | None, last_modified: str | None) -> None:
        if not etag and not last_modified:
            return
        value = Validators(etag, last_modified, datetime.now(UTC).isoformat())
        with self._lock:
            self._mem[url] = value
            if self._db is not None:
                self._db.execute("INSERT OR REPLACE INTO validators VALUES (?, ?, ?, ?)", (url, *value))
                self._db.commit()

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
