"""The articles table contract: one versioned pyarrow schema readers can trust.

Additive changes bump the minor version; anything else bumps the major version.
Partition columns (``ingest_date``) live in the directory names only.
"""

from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = "1.2"

_TS = pa.timestamp("us", tz="UTC")

ARTICLE_FIELDS: list[pa.Field] = [
    pa.field("article_id", pa.string(), nullable=False, metadata={"doc": "sha256 of canonical_url, 32 hex chars"}),
    pa.field("url", pa.string(), nullable=False, metadata={"doc": "URL as fetched (before redirects)"}),
    pa.field("canonical_url", pa.string(), nullable=False, metadata={"doc": "normalized URL the id derives from"}),
    pa.field("source", pa.string(), nullable=False, metadata={"doc": "source name from config/sources.yaml"}),
    pa.field("title", pa.string()),
    pa.field("text", pa.string(), metadata={"doc": "main text, paragraphs separated by newlines"}),
    pa.field("language", pa.string(), metadata={"doc": "ISO 639-1 code of the routed language"}),
    pa.field("language_confidence", pa.float64()),
    pa.field("published_at", _TS, metadata={"doc": "UTC; null when unknown"}),
    pa.field("authors", pa.list_(pa.string())),
    pa.field("title_en", pa.string(), metadata={"doc": "null until translated; equals title for English"}),
    pa.field("text_en", pa.string(), metadata={"doc": "null until translated; equals text for English"}),
    pa.field("translation_model", pa.string(), metadata={"doc": "package name and version, or null"}),
    pa.field("content_hash", pa.string(), metadata={"doc": "sha256 of normalized title+text"}),
    pa.field("fetched_at", _TS, nullable=False),
    pa.field("schema_version", pa.string(), nullable=False),
    # additional fields (schema 1.0)
    pa.field("site_name", pa.string()),
    pa.field("description", pa.string()),
    pa.field("tags", pa.list_(pa.string())),
    pa.field("image_url", pa.string()),
    pa.field("page_language", pa.string(), metadata={"doc": "language the page declares (html lang, og:locale)"}),
    pa.field("final_url", pa.string(), metadata={"doc": "URL after redirects"}),
    pa.field("run_key", pa.string(), nullable=False, metadata={"doc": "run that landed the row; owns it"}),
    # schema 1.1
    pa.field("aliases", pa.list_(pa.string()), metadata={
        "doc": "other canonicalized URLs that reach this article (feed link, redirect hops, AMP/og:url); "
               "never fetched again by another run"}),
    # schema 1.2
    pa.field("published_day", pa.date32(), metadata={
        "doc": "day of publication as the page shows it, in the newsroom's time zone (published_at is the "
               "same moment in UTC and can fall on the next or previous day); null when unknown"}),
]

ARTICLE_SCHEMA = pa.schema(ARTICLE_FIELDS, metadata={"newspipe.schema_version": SCHEMA_VERSION, "newspipe.table": "articles"})

PARTITION_COLUMN = "ingest_date"

SUMMARY_SCHEMA = pa.schema(
    [
        pa.field("day", pa.date32(), nullable=False),
        pa.field("source", pa.string(), nullable=False),
        pa.field("language", pa.string()),
        pa.field("articles", pa.int64(), nullable=False),
        pa.field("translated", pa.int64(), nullable=False),
        pa.field("share_translated", pa.float64()),
        pa.field("schema_version", pa.string(), nullable=False),
    ],
    metadata={"newspipe.schema_version": SCHEMA_VERSION, "newspipe.table": "daily_summary"},
)
