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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
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
    entries: dict[str, tuple[str, pa.Array]] = field(default_factory=dict)  # file -> (stamp, ids)
    reads: int = 0  # files read by the last refresh (for logs and benchmarks)

    @classmethod
    def load(cls, path: str) -> IdIndex:
        index = cls(path)
        if not os.path.exists(path):
            return index
        try:
            table = pq.read_table(path).cast(INDEX_SCHEMA)
        except Exception as exc:  # noqa: BLE001 - a damaged cache is rebuilt, never trusted
            log.warning("store: id index %s unreadable (%s); rebuilding it from the files", path, exc)
            return index
        if not table.num_rows:
            return index
        # rows are saved grouped by file: cut the table where the file changes
        files = table.column("file").combine_chunks().dictionary_encode()
        codes = files.indices.to_numpy(zero_copy_only=False)
        starts = [0, *(np.flatnonzero(np.diff(codes)) + 1).tolist(), len(codes)]
        stamps = table.column("stamp")
        ids = table.column("article_id").combine_chunks()
        for lo, hi in zip(starts, starts[1:]):
            chunk = ids.slice(lo, hi - lo)
            index.entries[files.dictionary[codes[lo]].as_py()] = (stamps[lo].as_py(), chunk.drop_null())
        return index

    def refresh(self, stamps: dict[str, str], read_ids: Callable[[str], pa.Array | None]) -> list[str]:
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
                self.entries[file] = (stamp, ids.cast(pa.string()))
        return bad

    def set(self, file: str, stamp: str, ids: pa.Array) -> None:
        self.entries[file] = (stamp, ids.cast(pa.string()))

    def all_ids(self, exclude: str | None = None) -> pa.Array:
        arrays = [ids for file, (_, ids) in self.entries.items() if file != exclude]
        return pa.concat_arrays(arrays) if arrays else pa.array([], pa.string())

    def owned(self, candidates: Iterable[str], exclude: str | None = None) -> set[str]:
        """The candidates that some file other than `exclude` already holds."""
        cand = pa.array(list(dict.fromkeys(candidates)), pa.string())
        if not len(cand):
            return set()
        mask = pc.is_in(cand, value_set=self.all_ids(exclude))
        return set(cand.filter(mask).to_pylist())

    def save(self) -> None:
        files, stamps, arrays = [], [], []
        for file, (stamp, ids) in sorted(self.entries.items()):
            if not len(ids):
                ids = pa.array([None], pa.string())  # keep the stamp of a file without ids
            files.append(file)
            stamps.append(stamp)
            arrays.append(ids)
        counts = np.array([len(a) for a in arrays], dtype=np.int64)
        codes = pa.array(np.repeat(np.arange(len(files), dtype=np.int32), counts))
        table = pa.table({
            "file": pa.DictionaryArray.from_arrays(codes, pa.array(files, pa.string())).cast(pa.string()),
            "stamp": pa.DictionaryArray.from_arrays(codes, pa.array(stamps, pa.string())).cast(pa.string()),
            "article_id": pa.concat_arrays(arrays) if arrays else pa.array([], pa.string()),
        }, schema=INDEX_SCHEMA)
        os.makedirs(os.path.dirname(self.path) or ".", exist_ok=True)
        tmp = f"{self.path}.{uuid.uuid4().hex}.tmp"
        try:
            pq.write_table(table, tmp, compression="zstd")
            os.replace(tmp, self.path)
        except OSError as exc:  # a cache that cannot be written costs speed, not data
            log.warning("store: could not save id index %s (%s)", self.path, exc)
            if os.path.exists(tmp):
                os.remove(tmp)
