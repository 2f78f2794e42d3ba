"""Compaction of a closed day: its run files rewritten as one sorted file, swapped in
so that a reader never counts the day twice or misses it (see `DayCompactor.compact_day`)."""

from __future__ import annotations

import contextlib
import logging
import os
import posixpath
import shutil
import time
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ..registry import PENDING, stamp_of
from .files import LEFTOVER_SECONDS, dead_writer, exchange, remove_files, tmp_name, writer_tag

if TYPE_CHECKING:
    from .articles import Store

log = logging.getLogger(__name__)

COMPACT_PREFIX = "compact-"
RETIRED_PREFIX = "retired~"
RETIRED_SECONDS = 60.0  # a day's files swapped out by compaction stay readable this long
SWAP_GRACE_SECONDS = 0.25  # a compacted day's old names fail to open this long, then go
DAY_ORDER = [("source", "ascending"), ("run_key", "ascending"), ("published_at", "ascending"), ("article_id", "ascending")]


class DayCompactor:
    """A store's compaction: it builds and swaps in closed days, and keeps what the swap
    left for readers (the old names as placeholders, the old folder retired) until no
    reader can still need it. One per Store, which hands `compact_day` and `settle` to it."""

    def __init__(self, store: Store):
        self.store = store
        self._graces: list[tuple[str, Future[None]]] = []  # compacted days whose old names still fail to open
        self._grace_pool: ThreadPoolExecutor | None = None

    def compact_day(self, day: str, *, dry_run: bool = False, retry: bool = True, settle: bool = True) -> dict[str, Any]:
        """Rewrite a closed day as one file sorted by source, run and time, in row groups
        of `row_group_rows`. The file is built without the lock (landings go on); the
        lock is held only to check that the day did not change meanwhile and to swap.

        A reader never counts the day twice or misses it; at worst it fails and reads
        again. On a local store the partition folder is swapped in one atomic rename
        (RENAME_EXCHANGE). A reader lists a folder, looks each listed name up (DuckDB
        skips a name it cannot find), then opens the files, in no fixed order. So in
        the new folder every old name is first an empty file, which fails to open: a
        reader that listed the old folder just before the swap gets an error, not a day
        short or twice. The empty files go SWAP_GRACE_SECONDS later, in a thread and
        without the lock (a landing does not wait for them; `settle=False` leaves them
        going while the next day is built, `settle()` waits for them), and the old folder
        stays whole under _state/compact/ for RETIRED_SECONDS, for a reader that opened
        it just before the swap. On an object store the new file appears, then the old
        ones go in one batch delete (the window, documented in docs/store.md)."""
        store = self.store
        store.check_backend()
        self.clean_leftovers()
        with store.lock.hold():
            store.ensure_registry(locked=True)
            problems = store.sync_day(day)
            listing, _ = store.list_day(day)
            report: dict[str, Any] = {"day": day, "files_before": len(listing), "problems": problems}
            if len(listing) <= 1 and all(posixpath.basename(p).startswith(COMPACT_PREFIX) for p in listing):
                report.update(action="already compact" if listing else "empty")
                return report
            if dry_run:
                report.update(action="would compact")
                return report
        tables = []
        for rel in sorted(listing):
            t = store.read_file(store.join(rel))
            if t is None:
                problems.append(f"unreadable file left in place: {rel}")
                continue
            owned = store.registry.owners(t.column("article_id").to_pylist())
            mask = pa.array([owned.get(a, ("", rel))[1] == rel for a in t.column("article_id").to_pylist()], pa.bool_())
            dropped = len(t) - (pc.sum(pc.cast(mask, pa.int64())).as_py() or 0)
            if dropped:
                problems.append(f"{dropped} duplicate row(s) of {rel} left out (another file holds those ids)")
            tables.append((rel, t.filter(mask)))
        if not tables:
            report.update(action="nothing readable")
            return report
        table = pa.concat_tables([t for _, t in tables]).sort_by(DAY_ORDER)
        del tables
        rel_new = posixpath.join(posixpath.dirname(next(iter(listing))), f"{COMPACT_PREFIX}{uuid.uuid4().hex[:12]}.parquet")
        old = sorted(r for r in listing if not any(p.startswith(f"unreadable file left in place: {r}") for p in problems))
        rows = table.num_rows
        staged = self._stage_compacted(day, table, rel_new, listing, old)
        del table
        changed = swapped = False
        placeholders: list[str] = []
        try:
            with store.lock.hold():
                if store.list_day(day)[0] != listing:
                    changed = True  # a landing wrote into this day meanwhile: its rows are not in the new file
                else:
                    with store.registry.transaction() as cur:
                        store.registry.move_day(cur, old, rel_new, day, PENDING, rows)
                    swapped, placeholders = self._swap(day, staged, rel_new, old)
                    with store.registry.transaction() as cur:
                        store.registry.set_stamp(cur, rel_new, stamp_of(store.info(store.join(rel_new))))
                        store.record_dir(cur, day, store.dir_stamp(day))
        finally:
            self._unstage(staged, retire=swapped)
            if placeholders:
                self._after_grace(day, placeholders)
            if settle:
                self.settle()
        if changed:
            log.info("store: %s changed while it was being compacted; %s", day, "trying again" if retry else "left for next time")
            if retry:
                return self.compact_day(day, retry=False, settle=settle)
            report.update(action="changed meanwhile; left for the next maintenance")
            return report
        report.update(action="compacted", files_after=1 + len(listing) - len(old), rows=rows, file=rel_new)
        log.info("store: compacted %s: %d file(s) -> 1 (%d rows)", day, len(old), rows)
        return report

    @property
    def _compact_dir(self) -> str:
        return self.store.join("_state", "compact")

    def _stage_compacted(self, day: str, table: pa.Table, rel_new: str, listing: dict[str, str], old: list[str]) -> str:
        """Write the compacted day where readers do not look: a new partition folder
        under _state/compact/ (local), or a hidden temporary object in the day (remote)."""
        store = self.store
        if not store.is_local:
            tmp = posixpath.join(store.partition_dir(store.articles_dir, day), tmp_name())
            with store.fs.open(tmp, "wb") as fh:
                pq.write_table(table, fh, compression="zstd", row_group_size=store.row_group_rows)
            return tmp
        part = store.partition_dir(store.articles_dir, day)
        new_part = posixpath.join(self._compact_dir, writer_tag(), posixpath.basename(part))
        os.makedirs(new_part)
        # files the compaction leaves alone (unreadable ones) stay visible: hard links
        for rel in listing:
            if rel not in old:
                with contextlib.suppress(FileNotFoundError):  # gone meanwhile: the check before the swap sees it
                    os.link(store.join(rel), posixpath.join(new_part, posixpath.basename(rel)))
        for rel in old:  # found, and failing to open, by a reader that listed the old folder
            open(posixpath.join(new_part, posixpath.basename(rel)), "wb").close()
        path = posixpath.join(new_part, posixpath.basename(rel_new))
        pq.write_table(table, path, compression="zstd", row_group_size=store.row_group_rows)
        with open(path, "rb+") as fh:
            os.fsync(fh.fileno())
        return new_part

    def _swap(self, day: str, staged: str, rel_new: str, old: list[str]) -> tuple[bool, list[str]]:
        """Under the lock: put the compacted day in place of its files. (whether the old
        partition folder is now at `staged` (exchanged), to be retired; the empty files
        standing for the old names in the new folder, to go after the grace)."""
        store = self.store
        if not store.is_local:
            store.fs.mv(staged, store.join(rel_new))
            store.fs.rm([store.join(r) for r in old])  # one DeleteObjects request per 1,000 keys
            return False, []
        if exchange(staged, store.partition_dir(store.articles_dir, day)):
            return True, [store.join(rel) for rel in old]
        # no RENAME_EXCHANGE here: the new file shows for the moment the old ones take to go
        os.replace(posixpath.join(staged, posixpath.basename(rel_new)), store.join(rel_new))
        remove_files([store.join(rel) for rel in old])
        return False, []

    def _after_grace(self, day: str, placeholders: list[str]) -> None:
        """Remove a swapped day's placeholders SWAP_GRACE_SECONDS from now, in a thread:
        the lock is free meanwhile, and a maintenance pass compacting many days waits
        the grace once, not once per day."""
        if self._grace_pool is None:
            self._grace_pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="newspipe-swap-grace")
        until = time.monotonic() + SWAP_GRACE_SECONDS

        def later() -> None:
            try:
                self._swap_grace(until)
            finally:
                remove_files(placeholders)

        self._graces.append((day, self._grace_pool.submit(later)))

    def _swap_grace(self, until: float) -> None:
        """The moment a reader that listed the old folder has to look its names up."""
        time.sleep(max(0.0, until - time.monotonic()))

    def settle(self) -> None:
        """Wait until every compacted day's placeholders are gone (and raise what removing
        them raised): before the process ends, or before reading the days just compacted.
        Then, under the lock, the registry sees each such folder as it now is (its stamp
        changed when the placeholders went), so the next landing has no day to re-check."""
        store = self.store
        graces, self._graces = self._graces, []
        for _, g in graces:
            g.result()
        if graces:
            with store.lock.hold():
                for day in sorted({d for d, _ in graces}):
                    for problem in store.sync_day(day):
                        log.warning("store: after compacting %s: %s", day, problem)

    def _unstage(self, staged: str, *, retire: bool = False) -> None:
        """Remove a staging folder; one that now holds the swapped-out day is renamed
        retired~<time>~… and removed by a later compaction, once no reader can be
        between listing it and opening its files."""
        store = self.store
        if not store.is_local:
            with contextlib.suppress(FileNotFoundError):
                store.fs.rm(staged)
            return
        folder = posixpath.dirname(staged)
        if retire:
            os.replace(folder, posixpath.join(self._compact_dir, f"{RETIRED_PREFIX}{time.time_ns()}~{uuid.uuid4().hex[:8]}"))
        else:
            shutil.rmtree(folder, ignore_errors=True)

    def clean_leftovers(self, retired_age: float = RETIRED_SECONDS) -> int:
        """Remove swapped-out days older than `retired_age` seconds and staging folders
        of compactions that died (their process gone, or older than LEFTOVER_SECONDS)."""
        if not self.store.is_local or not os.path.isdir(self._compact_dir):
            return 0
        removed, now = 0, time.time()
        with os.scandir(self._compact_dir) as entries:
            for entry in list(entries):
                if entry.name.startswith(RETIRED_PREFIX):
                    stamp = entry.name[len(RETIRED_PREFIX):].split("~")[0]
                    gone = not stamp.isdigit() or now - int(stamp) / 1e9 > retired_age
                else:
                    gone = dead_writer(entry.name) or now - entry.stat().st_mtime > LEFTOVER_SECONDS
                if gone:
                    shutil.rmtree(entry.path, ignore_errors=True)
                    removed += 1
        return removed
