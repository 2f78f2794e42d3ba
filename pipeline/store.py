"""The parquet store: Hive-partitioned article files, one file per run.

Layout under the store root (a local path or any fsspec URI, e.g. s3://bucket/news):

    articles/ingest_date=YYYY-MM-DD/part-<run_key>.parquet   the articles table
    raw/ingest_date=YYYY-MM-DD/<run_key>--<stamp>.warc.gz      every fetched page, as fetched
    summaries/daily_summary.parquet                           derived tables
    _state/                                                   locks, staging, caches, run reports

Invariants (see design.md) and how they hold:
- One article, one row: landing is serialized by a store lock; under it the
  lander reads the ids every other file owns and drops those rows (an id index
  in _state/ spares re-reading files whose size/mtime/ETag did not change).
- A run owns its interval: its file is named after its run key and replaced as a
  whole; rows it landed before and does not bring again are kept (merge), so a
  rerun never loses what it stored.
- Readers never see a partial write: files are written under a hidden temporary
  name (ignored by pyarrow, DuckDB `*.parquet` globs, Spark) and renamed into
  place; leftovers are removed by the next lander.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import os
import posixpath
import tempfile
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq

from .idindex import IdIndex, stamp_of
from .record import ArticleRecord, article_id_for, records_to_table
from .schema import ARTICLE_SCHEMA, PARTITION_COLUMN

log = logging.getLogger(__name__)

TMP_PREFIX = ".tmp-"
PART_PREFIX = "part-"
ID_INDEX_NAME = "article_ids.parquet"  # under _state/ (local stores) or the local cache


@dataclass
class LandResult:
    run_key: str
    landed: int = 0  # rows in this run's file after landing
    new: int = 0  # rows this landing added
    replaced: int = 0  # rows of this run replaced by a newer version
    already_stored: int = 0  # dropped: another run owns the article
    duplicates_in_batch: int = 0
    file: str | None = None
    problems: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


class StoreLock:
    """Serializes landing. A file lock (flock) for local roots: released by the
    kernel when the holder dies, so a SIGKILLed writer never wedges the store.
    With `lock_url` (postgresql://) a session advisory lock, for writers on
    several machines sharing an object store."""

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


class Store:
    def __init__(self, root: str, *, storage_options: dict[str, Any] | None = None, lock_url: str | None = None):
        self.root = root
        self.fs, self.path = fsspec.core.url_to_fs(root, **(storage_options or {}))
        self.path = self.path.rstrip("/") or "/"
        self.is_local = "file" in (self.fs.protocol if isinstance(self.fs.protocol, tuple) else (self.fs.protocol,))
        if self.is_local:
            self.path = os.path.abspath(self.path)
            lock_dir = os.path.join(self.path, "_state")
        else:
            digest = hashlib.sha256(root.encode()).hexdigest()[:16]
            lock_dir = os.path.join(tempfile.gettempdir(), f"newspipe-lock-{digest}")
            if not lock_url:
                log.warning("store %s is remote and no store.lock_url is set: landing is serialized on this machine only", root)
        self.lock = StoreLock(f"newspipe:{root}", lock_dir, lock_url)

    # -- paths ---------------------------------------------------------------
    def join(self, *parts: str) -> str:
        return posixpath.join(self.path, *parts)

    @property
    def articles_dir(self) -> str:
        return self.join("articles")

    @property
    def raw_dir(self) -> str:
        return self.join("raw")

    @property
    def state_dir(self) -> str:
        return self.join("_state")

    def partition_dir(self, table_dir: str, day: date) -> str:
        return posixpath.join(table_dir, f"{PARTITION_COLUMN}={day.isoformat()}")

    def article_file(self, run_key: str, day: date) -> str:
        return posixpath.join(self.partition_dir(self.articles_dir, day), f"{PART_PREFIX}{run_key}.parquet")

    def local_state_path(self, name: str) -> str:
        """A path on local disk for state that needs a real file (SQLite caches)."""
        if self.is_local:
            base = self.join("_state")
        else:
            base = os.path.join(os.path.expanduser("~/.cache/newspipe"), hashlib.sha256(self.root.encode()).hexdigest()[:16])
        os.makedirs(base, exist_ok=True)
        return os.path.join(base, name)

    # -- reading -------------------------------------------------------------
    def _scan_articles(self) -> tuple[dict[str, str], list[str]]:
        """One listing of articles/: our part files (path -> stamp: size, mtime,
        inode/ETag) and the files that are not ours. Temporary files are neither."""
        if not self.fs.exists(self.articles_dir):
            return {}, []
        ours: dict[str, str] = {}
        foreign: list[str] = []
        for path, info in sorted(self.fs.find(self.articles_dir, detail=True).items()):
            name = posixpath.basename(path)
            if name.startswith(TMP_PREFIX):
                continue
            if not (name.startswith(PART_PREFIX) and name.endswith(".parquet")):
                foreign.append(path)
                continue
            partition = posixpath.dirname(path)
            if posixpath.dirname(partition) == self.articles_dir and posixpath.basename(partition).startswith(f"{PARTITION_COLUMN}="):
                ours[path] = stamp_of(info)
        return ours, foreign

    def article_files(self) -> list[str]:
        return list(self._scan_articles()[0])

    def foreign_files(self) -> list[str]:
        """Files under articles/ that are not ours (reported, never fatal)."""
        return self._scan_articles()[1]

    def _read_ids(self, path: str) -> pa.Array | None:
        try:
            with self.fs.open(path, "rb") as fh:
                return pq.read_table(fh, columns=["article_id"]).column("article_id").combine_chunks()
        except Exception as exc:  # noqa: BLE001 - a corrupt file must not stop landing
            log.error("store: cannot read %s (%s); it is left in place and ignored", path, exc)
            return None

    def id_index(self, stamps: dict[str, str] | None = None) -> tuple[IdIndex, list[str]]:
        """The id index brought up to date with the files (`stamps` from a listing
        just made, else a new one; only new or changed files are read), and the
        files that could not be read."""
        index = IdIndex.load(self.local_state_path(ID_INDEX_NAME))
        bad = index.refresh(self._scan_articles()[0] if stamps is None else stamps, self._read_ids)
        if index.reads:
            log.info("store: read the ids of %d new or changed file(s); %d from the index", index.reads,
                     len(index.entries) - index.reads + len(bad))
        return index, bad

    def stored_ids(self) -> set[str]:
        return set(self.id_index()[0].all_ids().to_pylist())

    def known_ids(self, ids: Iterable[str], *, exclude_run_key: str | None = None) -> set[str]:
        """The `ids` that are the article_id or an alias id of a row landed by a run other than
        `exclude_run_key` (a rerun refetches its own). Interim: reads three columns of every
        file; the registry of issue 11 replaces it with a lookup."""
        wanted = set(ids)
        cols = pa.schema([ARTICLE_SCHEMA.field(c) for c in ("article_id", "aliases", "run_key")])
        found: set[str] = set()
        for path in self.article_files() if wanted else []:
            try:
                with self.fs.open(path, "rb") as fh:
                    rows = pq.read_table(fh, schema=cols).to_pylist()  # 1.0 files: aliases null
            except Exception as exc:  # noqa: BLE001 - reported by land; a lookup must not fail the run
                log.warning("store: cannot read ids of %s (%s)", path, exc)
                continue
            for row in rows:
                if row["run_key"] != exclude_run_key:
                    found.update(wanted.intersection([row["article_id"], *(article_id_for(a) for a in row["aliases"] or [])]))
        return found

    def read_articles(self, columns: list[str] | None = None) -> pa.Table:
        tables = []
        for path in self.article_files():
            try:
                with self.fs.open(path, "rb") as fh:
                    if "article_id" not in pq.ParquetFile(fh).schema_arrow.names:
                        # a foreign parquet file under a part- name: null rows, not articles
                        log.error("store: skipping %s: not an articles file (no article_id column)", path)
                        continue
                    fh.seek(0)
                    tables.append(pq.read_table(fh, columns=columns, schema=ARTICLE_SCHEMA if columns is None else None))
            except Exception as exc:  # noqa: BLE001
                log.error("store: skipping unreadable %s (%s)", path, exc)
        if not tables:
            schema = ARTICLE_SCHEMA if columns is None else pa.schema([ARTICLE_SCHEMA.field(c) for c in columns])
            return schema.empty_table()
        return pa.concat_tables(tables, promote_options="default")

    def _read_file(self, path: str) -> pa.Table | None:
        if not self.fs.exists(path):
            return None
        try:
            with self.fs.open(path, "rb") as fh:
                # schema= fills columns added since the file was written (1.0 files have no aliases)
                return pq.read_table(fh, schema=ARTICLE_SCHEMA)
        except Exception as exc:  # noqa: BLE001
            log.error("store: own file %s unreadable (%s); it will be replaced", path, exc)
            return None

    # -- writing -------------------------------------------------------------
    def write_atomic(self, table: pa.Table, final_path: str) -> None:
        """Write to a hidden temporary name in the same folder, then rename."""
        folder = posixpath.dirname(final_path)
        self.fs.makedirs(folder, exist_ok=True)
        tmp = posixpath.join(folder, f"{TMP_PREFIX}{uuid.uuid4().hex}.inprogress")
        try:
            with self.fs.open(tmp, "wb") as fh:
                pq.write_table(table, fh, compression="zstd")
            if self.is_local:
                with open(tmp, "rb+") as fh:
                    os.fsync(fh.fileno())
                os.replace(tmp, final_path)
            else:
                self.fs.mv(tmp, final_path)
        except BaseException:
            with contextlib.suppress(Exception):
                self.fs.rm(tmp)
            raise

    def clean_leftovers(self) -> int:
        """Remove temporary files a crashed writer left (call under the lock)."""
        removed = 0
        for base in (self.articles_dir, self.join("summaries")):
            if not self.fs.exists(base):
                continue
            for p in self.fs.find(base):
                if posixpath.basename(p).startswith(TMP_PREFIX):
                    with contextlib.suppress(FileNotFoundError):
                        self.fs.rm(p)
                        removed += 1
        if removed:
            log.info("store: removed %d leftover temporary file(s) from an interrupted write", removed)
        return removed

    def land(self, records: list[ArticleRecord], run_key: str, ingest_date: date) -> LandResult:
        """Land a run's records: idempotent per run key, never duplicating an id."""
        result = LandResult(run_key=run_key)
        final = self.article_file(run_key, ingest_date)
        with self.lock.hold():
            self.clean_leftovers()
            stamps, foreign = self._scan_articles()
            index, bad = self.id_index(stamps)
            old = self._read_file(final)
            old_ids = old.column("article_id").to_pylist() if old is not None else []
            owners = index.owned([r.article_id for r in records] + old_ids, exclude=final)
            result.problems.extend(f"unreadable file ignored: {p}" for p in bad)
            result.problems.extend(f"foreign file ignored: {p}" for p in foreign)
            batch: dict[str, ArticleRecord] = {}
            for rec in records:
                rec.run_key = run_key
                if rec.article_id in owners:
                    result.already_stored += 1
                elif rec.article_id in batch:
                    result.duplicates_in_batch += 1
                else:
                    batch[rec.article_id] = rec
            new_table = records_to_table(list(batch.values()))
            kept_old = 0
            if old is not None and old.num_rows:
                result.replaced = sum(1 for a in old_ids if a in batch)
                keep = [i for i, a in enumerate(old_ids) if a not in batch and a not in owners]
                kept_old = len(keep)
                if keep:
                    new_table = pa.concat_tables([new_table, old.take(keep)])
            result.new = len(batch) - result.replaced
            result.landed = new_table.num_rows
            if new_table.num_rows == 0:
                index.save()
                log.info("store: run %s has nothing to land (%d already stored elsewhere)", run_key, result.already_stored)
                return result
            new_table = new_table.sort_by([("published_at", "ascending"), ("article_id", "ascending")])
            self.write_atomic(new_table, final)
            result.file = final
            with contextlib.suppress(Exception):  # the index is a cache: a miss only costs a re-read
                index.set(final, stamp_of(self.fs.info(final)), new_table.column("article_id").combine_chunks())
            index.save()
        log.info(
            "store: landed %s: %d rows (%d new, %d replaced, %d kept from before), %d already stored by other runs",
            run_key, result.landed, result.new, result.replaced, kept_old, result.already_stored,
        )
        return result

    def write_table(self, table: pa.Table, relpath: str) -> str:
        """Atomically write a derived table (e.g. summaries/daily_summary.parquet)."""
        final = self.join(relpath)
        with self.lock.hold():
            self.write_atomic(table, final)
        return final
