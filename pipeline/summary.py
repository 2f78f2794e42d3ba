"""Derived tables and statistics over the articles table, kept incrementally.

The daily summary is rebuilt from per-ingest-day partial counts kept in
`_state/summary/partials.parquet`. Each partial remembers the version of its
ingest day (a digest of the day's files and stamps in the registry); a summary
run recounts only the days whose version changed, reading only the columns it
needs, so its cost follows the days that changed, not the store. The statistics
page (CLI `stats`, the Airflow plugin) reads the summary, never the articles.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections import defaultdict
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .schema import SCHEMA_VERSION, SUMMARY_SCHEMA
from .store import Store

log = logging.getLogger(__name__)

SUMMARY_PATH = "summaries/daily_summary.parquet"
PARTIALS_PATH = "_state/summary/partials.parquet"
_COLUMNS = ["source", "language", "published_day", "published_at", "fetched_at", "translation_model"]
# bumped when the counting changes, so every ingest day is recounted once (2: the day the page shows)
_COUNTING = "2"
_TS = pa.timestamp("us", tz="UTC")
SHORT = "+short"  # a day's version mark: some of its files could not be read
PARTIAL_SCHEMA = pa.schema([
    ("ingest_date", pa.string()), ("version", pa.string()), ("day", pa.date32()), ("source", pa.string()),
    ("language", pa.string()), ("articles", pa.int64()), ("translated", pa.int64()), ("last_fetched_at", _TS),
    ("in_english", pa.int64()),
])


_READS = 3  # a day changing under every read: the last one counts, and its version is recounted next run


def day_versions(store: Store) -> dict[str, str]:
    """Ingest day -> digest of its files and their stamps (one registry query)."""
    store.ensure_registry()
    per_day: dict[str, list[str]] = defaultdict(list)
    for path, entry in store.registry.files().items():
        per_day[entry.day].append(f"{path}\t{entry.stamp}\t{entry.rows}")
    return {d: _COUNTING + ":" + hashlib.sha256("\n".join(sorted(v)).encode()).hexdigest()[:16] for d, v in per_day.items()}


def _count_day(store: Store, ingest_date: str, version: str) -> pa.Table:
    """Counts of one ingest day by publication day, source and language. The day is read
    again if its files changed during the read (a compaction swapped them: a file
    listed before the swap is gone after it, and would be counted short)."""
    for _ in range(_READS):
        before = store.list_day(ingest_date)[0]
        unreadable: list[str] = []
        table = store.read_articles(columns=_COLUMNS, days=[ingest_date], unreadable=unreadable)
        if store.list_day(ingest_date)[0] == before:
            break
        log.info("summary: %s changed while it was read; reading it again", ingest_date)
    if unreadable:
        # count what could be read, and mark the day so that it is recounted, and
        # reported, until the file is mended or set aside
        log.warning("summary: ingest day %s counted without %d unreadable file(s) (%s); recounted next run",
                    ingest_date, len(unreadable), ", ".join(unreadable))
        version += SHORT
    if table.num_rows == 0:
        return _markers([ingest_date], [version]) if version.endswith(SHORT) else PARTIAL_SCHEMA.empty_table()
    # publication day as the page shows it (rows before schema 1.2: the UTC day), else the fetch day
    day = pc.coalesce(table.column("published_day"), pc.cast(table.column("published_at"), pa.date32()),
                      pc.cast(table.column("fetched_at"), pa.date32()))
    work = pa.table({
        "day": day, "source": table.column("source"), "language": table.column("language"),
        "translated": pc.cast(pc.is_valid(table.column("translation_model")), pa.int64()),
        # English text: English originals (text_en = text) and machine translations; no need to read text_en
        "in_english": pc.cast(pc.or_kleene(pc.equal(table.column("language"), "en"),
                                           pc.is_valid(table.column("translation_model"))), pa.int64()),
        "fetched_at": table.column("fetched_at"),
    })
    g = work.group_by(["day", "source", "language"], use_threads=False).aggregate(
        [([], "count_all"), ("translated", "sum"), ("in_english", "sum"), ("fetched_at", "max")])
    n = g.num_rows
    return pa.table({
        "ingest_date": pa.array([ingest_date] * n, pa.string()), "version": pa.array([version] * n, pa.string()),
        "day": g.column("day"), "source": g.column("source"), "language": g.column("language"),
        "articles": g.column("count_all"), "translated": g.column("translated_sum"),
        "last_fetched_at": g.column("fetched_at_max"), "in_english": g.column("in_english_sum"),
    }).cast(PARTIAL_SCHEMA)


def _markers(days: list[str], versions: list[str]) -> pa.Table:
    """Partials of ingest days with no rows counted: their versions only, so that they
    are not recounted each time (a day read short is, by its version)."""
    cols = {f.name: pa.nulls(len(days), f.type) for f in PARTIAL_SCHEMA}
    cols.update(ingest_date=pa.array(days, pa.string()), version=pa.array(versions, pa.string()))
    return pa.table(cols, schema=PARTIAL_SCHEMA)


def _read(store: Store, rel: str, schema: pa.Schema) -> pa.Table | None:
    path = store.join(rel)
    if not store.fs.exists(path):
        return None
    try:
        with store.fs.open(path, "rb") as fh:
            return pq.read_table(fh).cast(schema)
    except Exception as exc:  # noqa: BLE001 - derived data: recount rather than fail
        log.warning("summary: %s unreadable (%s); recounting every day", rel, exc)
        return None


def _summary_of(partials: pa.Table) -> pa.Table:
    if partials.num_rows == 0:
        return SUMMARY_SCHEMA.empty_table()
    g = partials.group_by(["day", "source", "language"], use_threads=False).aggregate(
        [("articles", "sum"), ("translated", "sum")])
    articles, done = g.column("articles_sum"), g.column("translated_sum")
    return pa.table({
        "day": g.column("day"), "source": g.column("source"), "language": g.column("language"),
        "articles": articles, "translated": done,
        "share_translated": pc.divide(pc.cast(done, pa.float64()), pc.cast(articles, pa.float64())),
        "schema_version": pa.array([SCHEMA_VERSION] * g.num_rows),
    }).cast(SUMMARY_SCHEMA).sort_by([("day", "ascending"), ("source", "ascending"), ("language", "ascending")])


def build_daily_summary(store: Store) -> dict[str, Any]:
    """Recount the ingest days that changed since the last build; rewrite the summary."""
    t0 = time.perf_counter()
    if not store.fs.exists(store.articles_dir) and not store.fs.exists(store.join(SUMMARY_PATH)):
        # nothing landed yet: a reading command (`stats`, `summary`, `query`) writes nothing
        return {"rows": 0, "path": store.join(SUMMARY_PATH), "days_recounted": 0, "days_unchanged": 0, "seconds": 0.0}
    versions = day_versions(store)
    old = _read(store, PARTIALS_PATH, PARTIAL_SCHEMA)
    have: dict[str, str] = {}
    if old is not None and old.num_rows:
        for d, v in zip(old.column("ingest_date").to_pylist(), old.column("version").to_pylist()):
            have[d] = v
    if not store.fs.exists(store.join(SUMMARY_PATH)):
        have = {}  # summary deleted by hand: recount
    changed = sorted(d for d, v in versions.items() if have.get(d) != v)
    removed = sorted(set(have) - set(versions))
    parts = [_count_day(store, d, versions[d]) for d in changed]
    keep = old if old is not None and have else PARTIAL_SCHEMA.empty_table()
    if keep.num_rows and (changed or removed):
        keep = keep.filter(pc.invert(pc.is_in(keep.column("ingest_date"), pa.array(changed + removed, pa.string()))))
    partials = pa.concat_tables([keep, *parts]) if parts else keep
    # days with no rows at all keep a marker so they are not recounted each time
    empty = [d for d, p in zip(changed, parts) if p.num_rows == 0]
    if empty:
        partials = pa.concat_tables([partials, _markers(empty, [versions[d] for d in empty])])
    summary = _summary_of(partials.filter(pc.is_valid(partials.column("day"))))
    if changed or removed or not store.fs.exists(store.join(SUMMARY_PATH)):
        with store.lock.hold():
            store.write_atomic(partials, store.join(PARTIALS_PATH))
            store.write_atomic(summary, store.join(SUMMARY_PATH))
    seconds = time.perf_counter() - t0
    log.info("summary: %d ingest day(s) recounted, %d unchanged, %d gone; %d rows in %s (%.2fs)",
             len(changed), len(versions) - len(changed), len(removed), summary.num_rows, SUMMARY_PATH, seconds)
    return {"rows": summary.num_rows, "path": store.join(SUMMARY_PATH), "days_recounted": len(changed),
            "days_unchanged": len(versions) - len(changed), "seconds": round(seconds, 3)}


def daily_summary(store: Store) -> pa.Table:
    """The summary as it stands after bringing it up to date."""
    build_daily_summary(store)
    return _read(store, SUMMARY_PATH, SUMMARY_SCHEMA) or SUMMARY_SCHEMA.empty_table()


def store_stats(store: Store) -> dict[str, Any]:
    """Counts per source and language from the summary (never the articles), for the
    CLI and the Airflow plugin. Empty until the first summary run."""
    partials = _read(store, PARTIALS_PATH, PARTIAL_SCHEMA)
    stats: dict[str, Any] = {"root": store.root, "articles": 0, "by_source_language": []}
    summary_path = store.join(SUMMARY_PATH)
    if partials is None or not store.fs.exists(summary_path):
        stats["note"] = "no summary yet: it is built after each landing (newspipe_summary DAG, or `newspipe summary`)"
        return stats
    info = store.fs.info(summary_path)
    built = info.get("mtime") or info.get("LastModified")
    stats["summary_built_at"] = (time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(built)) if isinstance(built, (int, float))
                                 else str(built))
    short = sorted({d for d, v in zip(partials.column("ingest_date").to_pylist(), partials.column("version").to_pylist())
                    if v and v.endswith(SHORT)})
    if short:
        stats["days_read_short"] = short  # counts of these days leave out a file that could not be read
    partials = partials.filter(pc.is_valid(partials.column("day")))
    stats["articles"] = int(pc.sum(partials.column("articles")).as_py() or 0)
    stats["ingest_days"] = len(set(partials.column("ingest_date").to_pylist()))
    if not partials.num_rows:
        return stats
    g = partials.group_by(["source", "language"]).aggregate(
        [("articles", "sum"), ("in_english", "sum"), ("translated", "sum"), ("last_fetched_at", "max")]
    ).sort_by([("source", "ascending"), ("language", "ascending")])
    for row in g.to_pylist():
        last = row["last_fetched_at_max"]
        stats["by_source_language"].append({
            "source": row["source"], "language": row["language"], "articles": row["articles_sum"],
            "in_english": row["in_english_sum"], "translated": row["translated_sum"], "last_fetched_at": last.isoformat() if last else None,
        })
    return stats
