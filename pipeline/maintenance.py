"""Store upkeep: compaction of closed days, retention, and the registry check.

`newspipe maintain` and the daily `newspipe_maintenance` DAG call `maintain()`.
Hourly runs write 720 files a day; compaction turns each closed day (older than
`maintenance.compact_after_days`) into one file sorted by source, run and time,
so readers list days, not runs. Raw WARC days and run reports older than their
retention are deleted; staging of runs that never landed, compaction leftovers,
empty partitions and runs that own nothing any more go too. The store lock is held
for one short step at a time (a day's swap, not its rewrite), so landings go on.
"""

from __future__ import annotations

import contextlib
import logging
import posixpath
import time
from datetime import UTC, date, datetime, timedelta
from typing import Any

from .config import MaintenanceSettings
from .registry import PENDING
from .schema import PARTITION_COLUMN
from .store import COMPACT_PREFIX, Store

log = logging.getLogger(__name__)


def _day(name: str) -> date | None:
    with contextlib.suppress(ValueError):
        return date.fromisoformat(posixpath.basename(name.rstrip("/")).split("=", 1)[-1])
    return None


def _mtime(info: dict[str, Any]) -> float:
    m = info.get("mtime") or info.get("LastModified") or info.get("last_modified") or 0
    return m.timestamp() if hasattr(m, "timestamp") else float(m)


def _older_files(store: Store, folder: str, cutoff: float) -> list[str]:
    if not store.fs.exists(folder):
        return []
    return sorted(p for p, info in store.fs.find(folder, detail=True).items() if _mtime(info) < cutoff)


def maintain(store: Store, settings: MaintenanceSettings | None = None, *, dry_run: bool = False,
             today: date | None = None) -> dict[str, Any]:
    """One maintenance pass; with dry_run, only say what it would do."""
    settings = settings or MaintenanceSettings()
    today = today or datetime.now(UTC).date()
    store.check_backend()
    store.ensure_registry()
    report: dict[str, Any] = {"dry_run": dry_run, "compacted": [], "problems": []}
    t0 = time.perf_counter()

    # 1. compaction of closed days, one day per lock hold; each day's old names go after
    # the swap's grace while the next day is built (settled once, at the end)
    closed = today - timedelta(days=settings.compact_after_days)
    try:
        for day in store.days():
            d = _day(day)
            if d is None or d >= closed:
                continue
            registered = store.registry.files(day)
            if len(registered) == 1 and posixpath.basename(next(iter(registered))).startswith(COMPACT_PREFIX):
                continue  # compacted before and untouched since, as far as the registry knows (store check sees the rest)
            r = store.compact_day(day, dry_run=dry_run, settle=False)
            report["problems"].extend(r.get("problems", []))
            if r["action"] in ("compacted", "would compact"):
                report["compacted"].append({k: r.get(k) for k in ("day", "files_before", "rows", "action")})
    finally:
        store.settle()

    # 2. retention of raw WARC days
    removed_raw: list[str] = []
    if settings.raw_retention_days is not None and store.fs.exists(store.raw_dir):
        limit = today - timedelta(days=settings.raw_retention_days)
        for folder in store.fs.ls(store.raw_dir, detail=False):
            d = _day(folder)
            if d is not None and d < limit and posixpath.basename(folder.rstrip("/")).startswith(f"{PARTITION_COLUMN}="):
                removed_raw.append(store.rel(folder))
                if not dry_run:
                    store.fs.rm(folder, recursive=True)
    report["raw_days_removed"] = removed_raw

    # 3. run reports and staging of runs that never landed (by age of the files)
    now = time.time()
    reports: list[str] = []
    if settings.report_retention_days is not None:
        reports = _older_files(store, store.join("_state", "runs"), now - settings.report_retention_days * 86400)
    staging_dir = store.join("_state", "staging")
    stale_runs: list[str] = []
    if store.fs.exists(staging_dir):
        cutoff = now - settings.staging_retention_days * 86400
        for run_dir in store.fs.ls(staging_dir, detail=False):
            files = store.fs.find(run_dir, detail=True)
            if all(_mtime(i) < cutoff for i in files.values()):
                stale_runs.append(run_dir)
    report["run_reports_removed"] = len(reports)
    report["staging_removed"] = [store.rel(p) for p in stale_runs]
    if not dry_run:
        if reports:
            store.fs.rm(reports)
        for p in stale_runs:
            with contextlib.suppress(FileNotFoundError):
                store.fs.rm(p, recursive=True)
        # days swapped out more than a minute ago, and staging of compactions that died
        store.clean_compaction_leftovers()

    # 4. what no run owns: leftovers of crashed writers, empty partitions, files without rows, runs without ids
    with store.lock.hold():
        if not dry_run:
            report["leftovers_removed"] = store.clean_leftovers()
        removed_files: list[str] = []
        for day in store.days():
            for rel, entry in store.registry.files(day).items():
                if entry.rows == 0 and entry.stamp != PENDING:
                    removed_files.append(rel)
                    if not dry_run:
                        with store.registry.transaction() as cur:
                            store.registry.drop_file(cur, rel)
                        with contextlib.suppress(FileNotFoundError):
                            store.fs.rm(store.join(rel))
            if store.is_local and not dry_run:
                folder = store.partition_dir(store.articles_dir, day)
                with contextlib.suppress(OSError):
                    if not store.fs.ls(folder):
                        store.fs.rmdir(folder)
        pruned = forgotten = 0
        if not dry_run:
            with store.registry.transaction() as cur:
                pruned = store.registry.prune_runs(cur)
                forgotten = store.registry.prune_learned(cur)
    report["empty_files_removed"] = removed_files
    report["runs_forgotten"] = pruned
    report["learned_aliases_forgotten"] = forgotten  # their article left the store
    report["seconds"] = round(time.perf_counter() - t0, 3)
    log.info("maintain %s: %d day(s) compacted, %d raw day(s), %d run report(s), %d staging folder(s) removed%s",
             store.root, len(report["compacted"]), len(removed_raw), len(reports), len(stale_runs),
             " (dry run)" if dry_run else "")
    return report


def check(store: Store, *, deep: bool = False) -> dict[str, Any]:
    """Compare the registry with the files: files added, deleted or changed by hand,
    unreadable or foreign files; with deep, every file's ids too. A folder with neither
    files nor state is an empty store, in step: checking it writes nothing."""
    out: dict[str, Any] = {"added": [], "deleted": [], "changed": [], "foreign": [], "id_mismatch": [], "unreadable": [],
                           "files": 0}
    if not store.fs.exists(store.articles_dir) and not store.fs.exists(store.state_dir):
        out.update(ids=0, learned_aliases={"count": 0, "article_gone": 0}, ok=True)
        return out
    store.check_backend()
    store.ensure_registry()
    with store.lock.hold():  # a landing in flight is not a difference
        disk_days = set(store.days())
        for day in sorted(disk_days | set(store.registry.days())):
            listing, foreign = store.list_day(day) if day in disk_days else ({}, [])
            registered = store.registry.files(day)
            out["files"] += len(listing)
            out["foreign"] += foreign
            entries = {p: store._read_entries(store.join(p)) for p in sorted(listing)} if deep else {}
            bad = {p for p, e in entries.items() if e is None}
            out["unreadable"] += sorted(bad)
            out["added"] += sorted(p for p in listing if p not in registered and p not in bad)
            out["deleted"] += sorted(f"{p} ({e.rows} articles)" for p, e in registered.items() if p not in listing)
            out["changed"] += sorted(p for p, e in registered.items() if p in listing and e.stamp != listing[p])
            for p in sorted(set(listing) & set(registered) - bad):
                got = entries.get(p)
                if got is not None and {i for i, _ in got} != store.registry.ids_of_file(p):
                    out["id_mismatch"].append(p)
    out["ids"] = store.registry.count_ids()
    # learned aliases are a cache beside the files, never a difference between registry and files
    total, stale = store.registry.count_learned()
    out["learned_aliases"] = {"count": total, "article_gone": stale}
    out["ok"] = not any(out[k] for k in ("added", "deleted", "changed", "id_mismatch", "unreadable"))
    return out


def run_maintenance(dry_run: bool = False) -> dict[str, Any]:
    """The DAG's entry point: settings from config/ and the environment."""
    from .runner import get_settings, open_store

    settings = get_settings()
    return maintain(open_store(settings), settings.maintenance, dry_run=dry_run)
