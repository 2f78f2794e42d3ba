"""Derived tables and statistics over the articles table."""

from __future__ import annotations

import logging
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from .schema import SCHEMA_VERSION, SUMMARY_SCHEMA
from .store import Store

log = logging.getLogger(__name__)

SUMMARY_PATH = "summaries/daily_summary.parquet"
_COLUMNS = ["source", "language", "published_at", "fetched_at", "translation_model", "text_en"]


def _day_column(table: pa.Table) -> pa.Array:
    """Publication day, falling back to the fetch day when the page gave no date."""
    pub = pc.cast(table.column("published_at"), pa.date32())
    fetched = pc.cast(table.column("fetched_at"), pa.date32())
    return pc.coalesce(pub, fetched)


def daily_summary(store: Store) -> pa.Table:
    """Articles per source, language and day, with the share translated."""
    table = store.read_articles(columns=_COLUMNS)
    if table.num_rows == 0:
        return SUMMARY_SCHEMA.empty_table()
    translated = pc.cast(pc.is_valid(table.column("translation_model")), pa.int64())
    work = pa.table({
        "day": _day_column(table),
        "source": table.column("source"),
        "language": table.column("language"),
        "translated": translated,
    })
    grouped = work.group_by(["day", "source", "language"], use_threads=False).aggregate(
        [([], "count_all"), ("translated", "sum")]
    )
    articles = grouped.column("count_all")
    done = grouped.column("translated_sum")
    out = pa.table({
        "day": grouped.column("day"),
        "source": grouped.column("source"),
        "language": grouped.column("language"),
        "articles": articles,
        "translated": done,
        "share_translated": pc.divide(pc.cast(done, pa.float64()), pc.cast(articles, pa.float64())),
        "schema_version": pa.array([SCHEMA_VERSION] * grouped.num_rows),
    }).cast(SUMMARY_SCHEMA)
    return out.sort_by([("day", "ascending"), ("source", "ascending"), ("language", "ascending")])


def build_daily_summary(store: Store) -> dict[str, Any]:
    table = daily_summary(store)
    path = store.write_table(table, SUMMARY_PATH)
    log.info("summary: %d rows written to %s", table.num_rows, path)
    return {"rows": table.num_rows, "path": path}


def store_stats(store: Store) -> dict[str, Any]:
    """Counts per source and language, for the CLI and the Airflow plugin: `in_english`
    has English text (English originals and translations), `translated` is machine-translated."""
    table = store.read_articles(columns=["article_id", *_COLUMNS])
    stats: dict[str, Any] = {"root": store.root, "articles": table.num_rows, "files": len(store.article_files()),
                             "by_source_language": []}
    if table.num_rows == 0:
        return stats
    work = pa.table({
        "source": table.column("source"),
        "language": table.column("language"),
        "translated": pc.cast(pc.is_valid(table.column("translation_model")), pa.int64()),
        "in_english": pc.cast(pc.is_valid(table.column("text_en")), pa.int64()),
        "fetched_at": table.column("fetched_at"),
        "article_id": table.column("article_id"),
    })
    grouped = work.group_by(["source", "language"]).aggregate(
        [("article_id", "count"), ("in_english", "sum"), ("translated", "sum"), ("fetched_at", "max")]
    ).sort_by([("source", "ascending"), ("language", "ascending")])
    for row in grouped.to_pylist():
        stats["by_source_language"].append({
            "source": row["source"], "language": row["language"], "articles": row["article_id_count"],
            "in_english": row["in_english_sum"], "translated": row["translated_sum"],
            "last_fetched_at": row["fetched_at_max"].isoformat() if row["fetched_at_max"] else None,
        })
    stats["distinct_ids"] = pc.count_distinct(table.column("article_id")).as_py()
    return stats
