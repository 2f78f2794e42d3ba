"""The article table's store: a run's records landed once each, read back by day,
with the id registry kept in step with the files (layout and invariants: the package's
docstring)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import posixpath
import socket
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol
from urllib.parse import urlsplit

import fsspec
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ..record import ArticleRecord, article_id_for, records_to_table
from ..registry import PENDING, Registry, stamp_of
from ..schema import ARTICLE_SCHEMA, PARTITION_COLUMN
from .compaction import DAY_ORDER, DayCompactor
from .files import LEFTOVER_SECONDS, TMP_PREFIX, dead_writer, tmp_name
from .lock import StoreLock

log = logging.getLogger(__name__)

PART_PREFIX = "part-"
STORE_JSON = "store.json"
REGISTRY_NAME = "registry.sqlite"
ROW_GROUP_ROWS = 16_384
_ENTRY_COLUMNS = ["article_id", "run_key", "aliases"]


class StoreConfigError(ValueError):
    """This process is configured differently from the store it writes to (a usage error)."""


class TableStore(Protocol):
    """The seam between the pipeline and a table's storage: what a table needs, and
    all the next table (story clusters) has to implement or reuse."""

    def land(self, records: list[ArticleRecord], run_key: str, ingest_date: date) -> LandResult: ...

    def known_ids(self, ids: Iterable[str], *, exclude_run_key: str | None = None) -> set[str]: ...

    def scan(self, columns: list[str] | None = None, days: Iterable[str] | None = None, *,
             unreadable: list[str] | None = None) -> Iterator[pa.RecordBatch]: ...

    def compact_day(self, day: str, *, dry_run: bool = False, settle: bool = True) -> dict[str, Any]: ...

    def settle(self) -> None: ...


@dataclass
class LandResult:
    run_key: str
    landed: int = 0  # rows of this run in the store after landing
    new: int = 0  # rows this landing added
    replaced: int = 0  # rows of this run replaced by a newer version
    already_stored: int = 0  # dropped: another run owns the article or one of its aliases
    duplicates_in_batch: int = 0
    aliases_learned: int = 0  # URLs met reaching an article another run stored, remembered for later runs
    file: str | None = None
    problems: list[str] = field(default_factory=list)
    dropped_ids: list[str] = field(default_factory=list)  # article ids of the already_stored records

    def as_dict(self) -> dict[str, Any]:
        """The counts (the run report lists the dropped records as skips, by URL)."""
        return {k: v for k, v in self.__dict__.items() if k != "dropped_ids"}


def _redact_url(url: str) -> str:
    """A database URL without user and password: what store.json records."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}"


class Store:
    def __init__(self, root: str, *, storage_options: dict[str, Any] | None = None, lock_url: str | None = None,
                 registry_url: str | None = None, registry_table: str | None = None,
                 row_group_rows: int = ROW_GROUP_ROWS):
        self.root = root
        self.fs, self.path = fsspec.core.url_to_fs(root, **(storage_options or {}))
        self.path = self.path.rstrip("/") or "/"
        self.is_local = "file" in (self.fs.protocol if isinstance(self.fs.protocol, tuple) else (self.fs.protocol,))
        digest = hashlib.sha256(root.encode()).hexdigest()[:16]
        if self.is_local:
            self.path = os.path.abspath(self.path)
            lock_dir = os.path.join(self.path, "_state")
        else:
            lock_dir = os.path.join(tempfile.gettempdir(), f"newspipe-lock-{digest}")
            if not lock_url:
                log.warning("store %s is remote and no store.lock_url is set: landing is serialized on this machine only", root)
        self.lock = StoreLock(f"newspipe:{root}", lock_dir, lock_url)
        self.lock_url = lock_url
        self.row_group_rows = row_group_rows
        # the registry lives beside the lock: PostgreSQL when the lock does (several machines)
        pg = registry_url or (lock_url if lock_url and lock_url.startswith("postgres") else None)
        self.registry_table = registry_table or f"newspipe_{digest[:12]}"
        if pg:
            self.registry = Registry(pg_url=pg, table_prefix=self.registry_table)
        else:
            self.registry = Registry(sqlite_path=self.local_state_path(REGISTRY_NAME))
        self._backend_checked = False
        self._registry_ready = False
        self.compactor = DayCompactor(self)

    # -- paths ---------------------------------------------------------------
    def join(self, *parts: str) -> str:
        return posixpath.join(self.path, *parts)

    def rel(self, path: str) -> str:
        return path[len(self.path) + 1:] if path.startswith(self.path + "/") else path

    @property
    def articles_dir(self) -> str:
        return self.join("articles")

    @property
    def raw_dir(self) -> str:
        return self.join("raw")

    @property
    def state_dir(self) -> str:
        return self.join("_state")

    def partition_dir(self, table_dir: str, day: date | str) -> str:
        d = day if isinstance(day, str) else day.isoformat()
        return posixpath.join(table_dir, f"{PARTITION_COLUMN}={d}")

    def article_file(self, run_key: str, day: date | str) -> str:
        return posixpath.join(self.partition_dir(self.articles_dir, day), f"{PART_PREFIX}{run_key}.parquet")

    def local_state_path(self, name: str) -> str:
        """A path on local disk for state that needs a real file (SQLite). Its folder is
        made by whatever writes there first: opening a store to read it creates nothing."""
        if self.is_local:
            base = self.join("_state")
        else:
            base = os.path.join(os.path.expanduser("~/.cache/newspipe"), hashlib.sha256(self.root.encode()).hexdigest()[:16])
        return os.path.join(base, name)

    @staticmethod
    def day_of(relpath: str) -> str:
        """The partition day of a file path (articles/ingest_date=D/...)."""
        for part in relpath.split("/"):
            if part.startswith(f"{PARTITION_COLUMN}="):
                return part.split("=", 1)[1]
        raise ValueError(f"not in a partition: {relpath}")

    # -- the store's backends --------------------------------------------------
    def backend(self) -> dict[str, str]:
        """How this process locks and registers: every lander of a store must agree."""
        host = socket.gethostname()
        if self.lock_url:
            lock = _redact_url(self.lock_url)
        else:
            lock = "flock:_state/store.lock" if self.is_local else f"flock-on-one-machine:{host}"
        reg = self.registry
        if reg.pg_url:
            registry = f"{_redact_url(reg.pg_url)}#{reg.p}"
        else:
            registry = f"sqlite:_state/{REGISTRY_NAME}" if self.is_local else f"sqlite-on-one-machine:{host}"
        return {"lock": lock, "registry": registry}

    def check_backend(self) -> None:
        """Refuse to write with a lock or registry other than the one the store records.

        Two landers on different locks do not exclude each other (duplicates, a lost
        file); two registries each miss the other's ids. The first writer records its
        backends in _state/store.json; a lander configured differently stops here."""
        if self._backend_checked:
            return
        path = self.join("_state", STORE_JSON)
        mine = self.backend()
        recorded: dict[str, Any] | None = None
        if self.fs.exists(path):
            recorded = json.loads(self.fs.cat_file(path))
        else:
            body = json.dumps({**mine, "layout": "articles/ingest_date=D/{part-<run_key>,compact-<token>}.parquet"},
                              indent=1).encode()
            if self.is_local:
                os.makedirs(os.path.dirname(path), exist_ok=True)
                # written whole under another name, then linked in (fails if the record
                # exists): a lander starting beside this one never reads it half-written
                fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".store-", suffix=".tmp")
                try:
                    with os.fdopen(fd, "wb") as fh:
                        fh.write(body)
                    os.link(tmp, path)
                except FileExistsError:
                    recorded = json.loads(self.fs.cat_file(path))
                finally:
                    os.unlink(tmp)
            else:
                self.fs.pipe_file(path, body)
        if recorded is not None:
            diff = [k for k in ("lock", "registry") if recorded.get(k) != mine[k]]
            if diff:
                raise StoreConfigError(
                    f"store {self.root} is written with " + ", ".join(f"{k} {recorded.get(k)!r}" for k in diff)
                    + "; this process is configured with " + ", ".join(f"{k} {mine[k]!r}" for k in diff)
                    + ". Use the same store.lock_url / store.registry_url as the other landers "
                    + f"(or, if no other lander uses it any more, delete {path})."
                )
        self._backend_checked = True

    # -- reading -------------------------------------------------------------
    def _listing(self, folder: str) -> list[dict[str, Any]]:
        with contextlib.suppress(Exception):
            self.fs.invalidate_cache(folder)
        try:
            return [i for i in self.fs.ls(folder, detail=True) if i.get("type") != "directory"]
        except FileNotFoundError:
            return []

    def info(self, path: str) -> dict[str, Any]:
        """A file's current details (never a cached listing: stamps must be fresh)."""
        with contextlib.suppress(Exception):
            self.fs.invalidate_cache(path)
        return self.fs.info(path)

    def days(self) -> list[str]:
        """Partition days present under articles/ (one listing of the top level)."""
        with contextlib.suppress(Exception):
            self.fs.invalidate_cache(self.articles_dir)
        try:
            names = self.fs.ls(self.articles_dir, detail=False)
        except FileNotFoundError:
            return []
        prefix = f"{PARTITION_COLUMN}="
        return sorted(posixpath.basename(n.rstrip("/"))[len(prefix):] for n in names
                      if posixpath.basename(n.rstrip("/")).startswith(prefix))

    def list_day(self, day: str) -> tuple[dict[str, str], list[str]]:
        """One listing of a partition: its parquet files (relative path -> stamp) and
        the files that are not parquet (foreign). Temporary files are neither."""
        ours: dict[str, str] = {}
        foreign: list[str] = []
        for info in self._listing(self.partition_dir(self.articles_dir, day)):
            name = posixpath.basename(info["name"])
            if name.startswith(TMP_PREFIX):
                continue
            if name.endswith(".parquet"):
                ours[self.rel(info["name"])] = stamp_of(info)
            else:
                foreign.append(self.rel(info["name"]))
        return ours, foreign

    def article_files(self, days: Iterable[str] | None = None) -> list[str]:
        out: list[str] = []
        for d in self.days() if days is None else days:
            out.extend(self.join(p) for p in self.list_day(d)[0])
        return sorted(out)

    def foreign_files(self) -> list[str]:
        """Files under articles/ that are not parquet (reported, never fatal)."""
        return [self.join(p) for d in self.days() for p in self.list_day(d)[1]]

    def _read_entries(self, path: str) -> list[tuple[str, str]] | None:
        """(id, run_key) for every article id and alias id in a file; None if unreadable."""
        try:
            with self.fs.open(path, "rb") as fh:
                pf = pq.ParquetFile(fh)
                names = pf.schema_arrow.names
                if "article_id" not in names or "run_key" not in names:
                    log.error("store: %s is not an articles file (no article_id/run_key column)", path)
                    return None
                cols = [c for c in _ENTRY_COLUMNS if c in names]
                out: list[tuple[str, str]] = []
                for batch in pf.iter_batches(columns=cols, batch_size=8192):
                    d = batch.to_pydict()
                    aliases = d.get("aliases") or [None] * batch.num_rows
                    for aid, rk, al in zip(d["article_id"], d["run_key"], aliases):
                        out.append((aid, rk))
                        out.extend((article_id_for(a), rk) for a in al or ())
                return out
        except Exception as exc:  # noqa: BLE001 - a corrupt file must not stop landing
            log.error("store: cannot read %s (%s); it is left in place and ignored", path, exc)
            return None

    def read_file(self, path: str, run_key: str | None = None) -> pa.Table | None:
        try:
            with self.fs.open(path, "rb") as fh:
                # schema= fills columns added since the file was written (1.0 files have no aliases)
                table = pq.read_table(fh, schema=ARTICLE_SCHEMA)
        except FileNotFoundError:
            return None
        except Exception as exc:  # noqa: BLE001
            log.error("store: file %s unreadable (%s)", path, exc)
            return None
        if run_key is not None:
            table = table.filter(pc.equal(table.column("run_key"), run_key))
        return table

    def scan(self, columns: list[str] | None = None, days: Iterable[str] | None = None, *,
             unreadable: list[str] | None = None) -> Iterator[pa.RecordBatch]:
        """Stream the articles of some days (all by default), only the columns asked for;
        a file that cannot be read is logged, skipped and added to `unreadable`."""
        for path in self.article_files(days):
            try:
                with self.fs.open(path, "rb") as fh:
                    pf = pq.ParquetFile(fh)
                    if "article_id" not in pf.schema_arrow.names:
                        log.error("store: skipping %s: not an articles file (no article_id column)", path)
                        continue
                    have = set(pf.schema_arrow.names)
                    want = columns or ARTICLE_SCHEMA.names
                    for batch in pf.iter_batches(columns=[c for c in want if c in have], batch_size=16_384):
                        # columns added since the file was written come back null
                        arrays = [batch.column(c) if c in have else pa.nulls(batch.num_rows, ARTICLE_SCHEMA.field(c).type)
                                  for c in want]
                        schema = pa.schema([ARTICLE_SCHEMA.field(c) for c in want])
                        yield pa.RecordBatch.from_arrays([a.cast(schema.field(i).type) for i, a in enumerate(arrays)],
                                                         schema=schema)
            except Exception as exc:  # noqa: BLE001
                log.error("store: skipping unreadable %s (%s)", path, exc)
                if unreadable is not None:
                    unreadable.append(self.rel(path))

    def read_articles(self, columns: list[str] | None = None, days: Iterable[str] | None = None, *,
                      unreadable: list[str] | None = None) -> pa.Table:
        schema = ARTICLE_SCHEMA if columns is None else pa.schema([ARTICLE_SCHEMA.field(c) for c in columns])
        batches = list(self.scan(columns, days, unreadable=unreadable))
        return pa.Table.from_batches(batches, schema=schema) if batches else schema.empty_table()

    # -- the registry ----------------------------------------------------------
    def ensure_registry(self, *, locked: bool = False) -> None:
        """Build the registry from the files once (a store from before it, or a lost
        SQLite file); a damaged SQLite file is set aside and rebuilt."""
        if self._registry_ready:
            return
        try:
            built = self.registry.get_meta("built")
        except Exception as exc:  # noqa: BLE001 - a damaged SQLite file: rebuild, never trust it
            if self.registry.pg_url:
                raise
            self.registry.close()
            assert self.registry.sqlite_path
            bad = f"{self.registry.sqlite_path}.damaged-{int(time.time())}"
            log.error("store: registry %s unreadable (%s); set aside as %s and rebuilt from the files",
                      self.registry.sqlite_path, exc, bad)
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    os.replace(self.registry.sqlite_path + suffix, bad + suffix)
            built = None
        if built is None:
            if locked:
                self.rebuild_registry(locked=True)
            else:
                with self.lock.hold():
                    if self.registry.get_meta("built") is None:
                        self.rebuild_registry(locked=True)
        self._registry_ready = True

    def rebuild_registry(self, *, locked: bool = False) -> dict[str, int]:
        """Rebuild the registry from the files, one file at a time (bounded memory)."""
        if not locked:
            self.check_backend()
            with self.lock.hold():
                return self.rebuild_registry(locked=True)
        files = ids = 0
        problems: list[str] = []
        t0 = time.perf_counter()
        with self.registry.transaction() as cur:
            # learned aliases are in no file: a rebuild drops them (each costs one refetch, once)
            dropped = self.registry.clear(cur)
            for day in self.days():
                self.record_dir(cur, day, self.dir_stamp(day))
                listing, _ = self.list_day(day)
                for rel, stamp in sorted(listing.items()):
                    entries = self._read_entries(self.join(rel))
                    if entries is None:
                        problems.append(f"unreadable file ignored: {rel}")
                        continue
                    dups = self.registry.set_file(cur, rel, day, stamp, entries)
                    problems.extend(f"duplicate id {i} in {rel} (another file holds it)" for i in dups)
                    files += 1
                    ids += len(entries)
            self.registry.set_meta(cur, "built", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
        for p in problems:
            log.warning("store: %s", p)
        log.info("store: registry rebuilt from %d file(s), %d ids, in %.1fs", files, ids, time.perf_counter() - t0)
        self._registry_ready = True
        return {"files": files, "ids": ids, "problems": len(problems), "learned_aliases_dropped": dropped}

    def known_ids(self, ids: Iterable[str], *, exclude_run_key: str | None = None) -> set[str]:
        """The ids (article ids or alias ids) stored by a run other than exclude_run_key,
        and learned aliases of articles such a run stored (the article's owner counts:
        its own rerun refetches them, like the rest of what it stored)."""
        self.check_backend()
        self.ensure_registry()
        ids = list(ids)
        owners = self.registry.owners(ids)
        known = {i for i, (rk, _) in owners.items() if rk != exclude_run_key}
        rest = [i for i in ids if i not in owners]
        if rest:
            known |= {i for i, rk in self.registry.learned_owners(rest).items() if rk != exclude_run_key}
        return known

    def dir_stamp(self, day: str) -> str | None:
        """A local partition folder's mtime and inode: they change whenever a file in it
        is added, removed or renamed, by us or by hand (no such thing on object stores)."""
        if not self.is_local:
            return None
        try:
            st = os.stat(self.partition_dir(self.articles_dir, day))
        except FileNotFoundError:
            return None
        return f"{st.st_mtime_ns}|{st.st_ino}"

    def record_dir(self, cur: Any, day: str, stamp: str | None) -> None:
        if self.is_local:
            if stamp is None:
                self.registry.del_meta(cur, f"dir:{day}")
            else:
                self.registry.set_meta(cur, f"dir:{day}", stamp)

    def verify_folders(self, verified: set[str]) -> list[str]:
        """Local stores: sync every partition whose folder changed since the registry last
        saw it (one stat per day, no listing), so a file added, replaced or deleted by
        hand in any day is noticed by the next landing, not only in the days it touches."""
        if not self.is_local or not os.path.isdir(self.articles_dir):
            return []
        recorded = self.registry.meta_prefix("dir:")
        problems: list[str] = []
        seen: set[str] = set()
        prefix = f"{PARTITION_COLUMN}="
        with os.scandir(self.articles_dir) as entries:
            folders = [(e.name[len(prefix):], e) for e in entries if e.name.startswith(prefix) and e.is_dir()]
        for day, entry in folders:
            seen.add(day)
            if day in verified:
                continue
            st = entry.stat()
            if recorded.get(day) != f"{st.st_mtime_ns}|{st.st_ino}":
                problems.extend(self.sync_day(day))
                verified.add(day)
        for day in set(recorded) - seen - verified:  # a whole partition removed by hand
            problems.extend(self.sync_day(day))
            verified.add(day)
        return problems

    def sync_day(self, day: str) -> list[str]:
        """Bring the registry to a partition's files (call under the lock): files new or
        changed since registered are re-read, files gone are dropped. Returns problems."""
        before = self.dir_stamp(day)
        problems = self._sync_files(day)
        if self.is_local and self.registry.get_meta(f"dir:{day}") != before:
            with self.registry.transaction() as cur:
                self.record_dir(cur, day, before)
        return problems

    def _sync_files(self, day: str) -> list[str]:
        listing, foreign = self.list_day(day)
        problems = [f"foreign file ignored: {p}" for p in foreign]
        registered = self.registry.files(day)
        changed = [p for p, st in listing.items() if p not in registered or registered[p].stamp != st]
        gone = [p for p in registered if p not in listing]
        if not changed and not gone:
            return problems
        with self.registry.transaction() as cur:
            for p in gone:
                if registered[p].stamp != PENDING:
                    msg = (f"file deleted outside newspipe: {p} ({registered[p].rows} articles no longer in the store; "
                           "restore it from a backup or reprocess its runs)")
                    log.error("store: %s", msg)
                    problems.append(msg)
                self.registry.drop_file(cur, p)
            for p in changed:
                entries = self._read_entries(self.join(p))
                if entries is None:
                    self.registry.drop_file(cur, p)
                    problems.append(f"unreadable file ignored: {p}")
                    continue
                if p in registered and registered[p].stamp != PENDING:
                    log.warning("store: %s changed outside newspipe; its ids are read again", p)
                elif p not in registered:
                    log.warning("store: %s appeared outside newspipe; its ids are registered", p)
                dups = self.registry.set_file(cur, p, day, listing[p], entries)
                problems.extend(f"duplicate id {i} in {p} (another file holds it)" for i in dups)
        return problems

    def _owners(self, ids: list[str], run_key: str, verified: set[str]) -> tuple[dict[str, str], list[str]]:
        """id -> owning file, for ids another run owns; each owner's file is checked
        against its registered stamp (days not yet verified are synced)."""
        problems: list[str] = []
        for _ in range(2):
            owners = {i: f for i, (rk, f) in self.registry.owners(ids).items() if rk != run_key}
            stale: set[str] = set()
            by_day: dict[str, set[str]] = {}
            for f in set(owners.values()):
                by_day.setdefault(self.day_of(f), set()).add(f)
            for day, day_files in by_day.items():
                if day in verified:
                    continue
                if len(day_files) > 2:  # one listing of the day is cheaper than a request per file
                    stale.add(day)
                    continue
                registered = self.registry.files(day)
                for f in day_files:
                    entry = registered.get(f)
                    try:
                        ok = entry is not None and stamp_of(self.info(self.join(f))) == entry.stamp
                    except FileNotFoundError:
                        ok = False
                    if not ok:
                        stale.add(day)
            if not stale:
                return owners, problems
            for day in stale:
                problems.extend(self.sync_day(day))
                verified.add(day)
        owners = {i: f for i, (rk, f) in self.registry.owners(ids).items() if rk != run_key}
        return owners, problems

    # -- writing -------------------------------------------------------------
    def write_atomic(self, table: pa.Table, final_path: str, *, row_group_size: int | None = None) -> None:
        """Write to a hidden temporary name in the same folder, then rename."""
        folder = posixpath.dirname(final_path)
        self.fs.makedirs(folder, exist_ok=True)
        tmp = posixpath.join(folder, tmp_name())
        try:
            with self.fs.open(tmp, "wb") as fh:
                pq.write_table(table, fh, compression="zstd", row_group_size=row_group_size)
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

    def clean_leftovers(self, days: Iterable[str] | None = None, min_age: float = LEFTOVER_SECONDS) -> int:
        """Remove temporary files crashed writers left in the partitions of `days` (all
        of articles/ and summaries/ when None): files of a dead process on this host,
        or older than `min_age` seconds. Never a live writer's file (another lander
        may write outside this lock, e.g. staging or a summary)."""
        removed = 0
        now = time.time()
        if days is None:
            found: dict[str, dict[str, Any]] = {}
            for base in (self.articles_dir, self.join("summaries")):
                if self.fs.exists(base):
                    found.update(self.fs.find(base, detail=True))
        else:  # a landing looks only where it writes: its cost follows the batch
            found = {i["name"]: i for d in days for i in self._listing(self.partition_dir(self.articles_dir, d))}
        for p, info in found.items():
            name = posixpath.basename(p)
            if not name.startswith(TMP_PREFIX):
                continue
            dead = dead_writer(name[len(TMP_PREFIX):].removesuffix(".inprogress"))
            mtime: Any = info.get("mtime") or info.get("LastModified") or now
            age = now - (mtime.timestamp() if hasattr(mtime, "timestamp") else float(mtime))
            if dead or age > min_age:
                with contextlib.suppress(FileNotFoundError):
                    self.fs.rm(p)
                    removed += 1
        if removed:
            log.info("store: removed %d leftover temporary file(s) from an interrupted write", removed)
        return removed

    def _write_registered(self, table: pa.Table, rel: str, day: str, *, row_group_size: int | None = None) -> None:
        """Register a file's ids (stamp pending), write it, then record its stamp: a crash
        between leaves a pending stamp, which the next sync of the day re-reads."""
        entries = _entries_of(table)
        with self.registry.transaction() as cur:
            dups = self.registry.set_file(cur, rel, day, PENDING, entries)
        if dups:
            log.error("store: %d id(s) of %s are registered to another file", len(dups), rel)
        if row_group_size is None:  # a run's own file: as small as it is, one row group
            self.write_atomic(table, self.join(rel))
        else:
            self.write_atomic(table, self.join(rel), row_group_size=row_group_size)
        with self.registry.transaction() as cur:
            self.registry.set_stamp(cur, rel, stamp_of(self.info(self.join(rel))))
            self.record_dir(cur, day, self.dir_stamp(day))

    def _remove_file(self, rel: str) -> None:
        with self.registry.transaction() as cur:
            self.registry.drop_file(cur, rel)
        with contextlib.suppress(FileNotFoundError):
            self.fs.rm(self.join(rel))
        with self.registry.transaction() as cur:
            self.record_dir(cur, self.day_of(rel), self.dir_stamp(self.day_of(rel)))

    def land(self, records: list[ArticleRecord], run_key: str, ingest_date: date) -> LandResult:
        """Land a run's records: idempotent per run key, never duplicating an id or alias."""
        result = LandResult(run_key=run_key)
        day = ingest_date.isoformat()
        self.check_backend()
        with self.lock.hold():
            self.ensure_registry(locked=True)
            self.clean_leftovers([day])
            verified = {day}
            result.problems.extend(self.sync_day(day))
            result.problems.extend(self.verify_folders(verified))
            run_files = self.registry.files_of_run(run_key)
            for d in {self.day_of(f) for f in run_files} - verified:
                result.problems.extend(self.sync_day(d))
                verified.add(d)
            run_files = self.registry.files_of_run(run_key)
            # what this run landed before, wherever it is now (its file, or a compacted day)
            holders = {f: self.read_file(self.join(f)) for f in run_files}
            old_parts = [t.filter(pc.equal(t.column("run_key"), run_key)) for t in holders.values() if t is not None]
            old = pa.concat_tables(old_parts) if old_parts else ARTICLE_SCHEMA.empty_table()
            old_rows = old.select(["article_id", "aliases"]).to_pylist()
            wanted = [rec.article_id for rec in records] + [article_id_for(a) for rec in records for a in rec.aliases]
            wanted += [r["article_id"] for r in old_rows] + [article_id_for(a) for r in old_rows for a in r["aliases"] or ()]
            owners, problems = self._owners(wanted, run_key, verified)
            result.problems.extend(problems)
            batch: dict[str, ArticleRecord] = {}
            claimed: set[str] = set()
            learned: dict[str, str] = {}  # alias id -> the id of the stored article it reached
            for rec in records:
                rec.run_key = run_key
                rids = [rec.article_id, *(article_id_for(a) for a in rec.aliases)]
                if any(i in owners for i in rids):
                    result.already_stored += 1
                    result.dropped_ids.append(rec.article_id)
                    # the URLs that reached a stored article without being in its row (an AMP copy,
                    # a short link met later) are remembered, so later runs do not fetch them again
                    held = next(i for i in rids if i in owners)
                    learned.update((i, held) for i in rids if i not in owners)
                elif any(i in claimed for i in rids):
                    result.duplicates_in_batch += 1
                else:
                    batch[rec.article_id] = rec
                    claimed.update(rids)
            old_ids = [r["article_id"] for r in old_rows]
            keep = [i for i, r in enumerate(old_rows)
                    if not any(x in owners or x in claimed
                               for x in [r["article_id"], *(article_id_for(a) for a in r["aliases"] or ())])]
            result.replaced = sum(1 for a in old_ids if a in batch)
            result.new = len(batch) - result.replaced
            mine = records_to_table(list(batch.values()))
            if keep:
                mine = pa.concat_tables([mine, old.take(keep)])
            result.landed = mine.num_rows
            if learned:
                with self.registry.transaction() as cur:
                    result.aliases_learned = self.registry.learn(
                        cur, learned, run_key, time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
            if not batch and len(keep) == len(old_rows):
                log.info("store: run %s has nothing new to land (%d already stored elsewhere, %d alias(es) learned)",
                         run_key, result.already_stored, result.aliases_learned)
                result.file = self.join(run_files[0]) if run_files else None
                return result
            # where the run's rows go: the compacted file of its day that already holds
            # some (one atomic replace), else the run's own file
            shared = [f for f in run_files if self.day_of(f) == day and posixpath.basename(f) != f"{PART_PREFIX}{run_key}.parquet"]
            own = self.rel(self.article_file(run_key, day))
            target = shared[0] if shared and holders.get(shared[0]) is not None else own
            base = holders.get(target)
            if base is not None:
                others = base.filter(pc.not_equal(base.column("run_key"), run_key))
                table = pa.concat_tables([others, mine])
                table = table.sort_by(DAY_ORDER) if others.num_rows else table
                row_groups = self.row_group_rows if others.num_rows else None
            else:
                table, row_groups = mine.sort_by([("published_at", "ascending"), ("article_id", "ascending")]), None
            if table.num_rows:
                self._write_registered(table, target, day, row_group_size=row_groups)
                result.file = self.join(target)
            # rows of this run elsewhere (another day, a second file) leave those files
            for f, t in holders.items():
                if f == target or t is None:
                    continue
                rest = t.filter(pc.not_equal(t.column("run_key"), run_key))
                if rest.num_rows:
                    self._write_registered(rest, f, self.day_of(f), row_group_size=self.row_group_rows)
                else:
                    self._remove_file(f)
        log.info("store: landed %s: %d rows (%d new, %d replaced, %d kept from before), %d already stored by other runs"
                 " (%d alias(es) learned)", run_key, result.landed, result.new, result.replaced, len(keep),
                 result.already_stored, result.aliases_learned)
        return result

    def write_table(self, table: pa.Table, relpath: str) -> str:
        """Atomically write a derived table (e.g. summaries/daily_summary.parquet)."""
        final = self.join(relpath)
        with self.lock.hold():
            self.write_atomic(table, final)
        return final

    # -- compaction (pipeline.store.compaction) ---------------------------------
    def compact_day(self, day: str, *, dry_run: bool = False, retry: bool = True, settle: bool = True) -> dict[str, Any]:
        """Rewrite a closed day as one sorted file (`DayCompactor.compact_day`)."""
        return self.compactor.compact_day(day, dry_run=dry_run, retry=retry, settle=settle)

    def settle(self) -> None:
        """Wait until every compacted day's placeholders are gone (`DayCompactor.settle`)."""
        self.compactor.settle()

    def clean_compaction_leftovers(self) -> int:
        """Remove swapped-out days and dead compactions' staging (`DayCompactor.clean_leftovers`)."""
        return self.compactor.clean_leftovers()


def _entries_of(table: pa.Table) -> list[tuple[str, str]]:
    d = table.select(_ENTRY_COLUMNS).to_pydict()
    out: list[tuple[str, str]] = []
    for aid, rk, al in zip(d["article_id"], d["run_key"], d["aliases"]):
        out.append((aid, rk))
        out.extend((article_id_for(a), rk) for a in al or ())
    return out


def open_store(settings: Any) -> Store:
    """A Store from StoreSettings (pipeline.config)."""
    return Store(settings.root, storage_options=settings.storage_options, lock_url=settings.lock_url,
                 registry_url=settings.registry_url, registry_table=settings.registry_table,
                 row_group_rows=settings.row_group_rows)
