"""A cache of which article ids each store file holds, so landing reads only new files.

Landing must know every id the store already owns (one article, one row). Reading
the `article_id` column of every file costs one request per file: fine for a
hundred files on disk, slow for thousands on S3. This index keeps, per file, the
ids and the file's stamp (size, modification time, inode or ETag); a file whose
stamp is unchanged is not read again. The files stay the only truth: a missing,
stale or unreadable index costs a re-read, never a wrong answer, and it is
written only by the lander under the store lock.
"""

from __future__ import annotations

import logging
import os
import uuid
from dataclasses import dataclass, field
from typing import Any, Callable

import pyarrow as pa
import pyarrow.parquet as pq

log = logging.getLogger(__name__)

INDEX_SCHEMA = pa.schema([("file", pa.string()), ("stamp", pa.string()), ("article_id", pa.string())])


def stamp_of(info: dict[str, Any]) -> str:
    """What changes when a file is replaced: size, modification time, inode or ETag."""
    parts = [info.get("size"), info.get("mtime") or info.get("LastModified") or info.get("last_modified"),
             info.get("ino") or info.get("ETag") or info.get("etag") or info.get("generation")]
    return "|".join("" if p is None else str(p) for p in parts)


@dataclass
class IdIndex:
    path: str  # a local file
    entries: dict[str, tuple[str, list[str]]] = field(default_factory=dict)  # file -> (stamp, ids)
    reads: int = 0  # files read by the last refresh (for logs and benchmarks)

    @classmethod
    def load(cls, path: str) -> "IdIndex":
        index = cls(path)
        if not os.path.exists(path):
            return index
        try:
            table = pq.read_table(path, schema=INDEX_SCHEMA)
        except Exception as exc:  # noqa: BLE001 - a damaged cache is rebuilt, never trusted
            log.warning("store: id index %s unreadable (%s); rebuilding it from the files", path, exc)
            return index
        for file, stamp, aid in zip(*(table.column(c).to_pylist() for c in ("file", "stamp", "article_id"))):
            entry = index.entries.setdefault(file, (stamp, []))
            if aid is not None:
                entry[1].append(aid)
        return index

    def refresh(self, stamps: dict[str, str], read_ids: Callable[[str], list[str] | None]) -> list[str]:
        """Bring the index to the files in `stamps` (file -> stamp): drop files that are
        gone, read files that are new or changed. Returns the files that could not be read."""
        self.reads = 0
        bad = []
        for file in list(self.entries):
            if file not in stamps:
                del self.entries[file]
        for file, stamp in stamps.items():
            cached = self.entries.get(file)
            if cached is not None and cached[0] == stamp and stamp:
                continue
            self.reads += 1
            ids = read_ids(file)
            if ids is None:
                self.entries.pop(file, None)
                bad.append(file)
            else:
                self.entries[file] = (stamp, ids)
        return bad

    def set(self, file: str, stamp: str, ids: list[str]) -> None:
        self.entries[file] = (stamp, ids)

    def owners(self, exclude: str | None = None) -> dict[str, str]:
        """article_id -> the first file (in path order) holding it."""
        out: dict[str, str] = {}
        for file in sorted(self.entries):
            if file == exclude:
                continue
            for aid in self.entries[file][1]:
                out.setdefault(aid, file)
        return out

    def save(self) -> None:
        files, stamps, ids = [], [], []
        for file, (stamp, file_ids) in sorted(self.entries.items()):
            for aid in file_ids or [None]:
                files.append(file)
                stamps.append(stamp)
                ids.append(aid)
        table = pa.table({"file": files, "stamp": stamps, "article_id": ids}, schema=INDEX_SCHEMA)
        os.makedirs(os.path.dirname(self.path) or ".", exist_ok=True)
        tmp = f"{self.path}.{uuid.uuid4().hex}.tmp"
        try:
            pq.write_table(table, tmp, compression="zstd")
            os.replace(tmp, self.path)
        except OSError as exc:  # a cache that cannot be written costs speed, not data
            log.warning("store: could not save id index %s (%s)", self.path, exc)
            if os.path.exists(tmp):
                os.remove(tmp)
