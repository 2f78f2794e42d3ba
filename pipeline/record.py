"""The typed article record that travels between stages and lands as one row."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pyarrow as pa

from .schema import ARTICLE_SCHEMA, SCHEMA_VERSION


def article_id_for(canonical_url: str) -> str:
    """Stable id from the canonical URL: one article, one id."""
    return hashlib.sha256(canonical_url.encode("utf-8")).hexdigest()[:32]


_WS = re.compile(r"\s+")


def content_hash_for(title: str | None, text: str | None) -> str:
    norm = unicodedata.normalize("NFC", f"{title or ''}\n{text or ''}")
    norm = _WS.sub(" ", norm).strip().casefold()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


@dataclass
class ArticleRecord:
    url: str
    canonical_url: str
    source: str
    fetched_at: datetime
    run_key: str = ""
    title: str | None = None
    text: str | None = None
    language: str | None = None
    language_confidence: float | None = None
    published_at: datetime | None = None
    authors: list[str] = field(default_factory=list)
    title_en: str | None = None
    text_en: str | None = None
    translation_model: str | None = None
    site_name: str | None = None
    description: str | None = None
    tags: list[str] = field(default_factory=list)
    image_url: str | None = None
    page_language: str | None = None
    final_url: str | None = None
    aliases: list[str] = field(default_factory=list)
    article_id: str = ""
    content_hash: str = ""
    schema_version: str = SCHEMA_VERSION

    def __post_init__(self) -> None:
        if not self.article_id:
            self.article_id = article_id_for(self.canonical_url)
        if not self.content_hash:
            self.content_hash = content_hash_for(self.title, self.text)
        self.fetched_at = _utc(self.fetched_at)  # type: ignore[assignment]
        self.published_at = _utc(self.published_at)

    def to_row(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in ARTICLE_SCHEMA}

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> ArticleRecord:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in row.items() if k in names})


def records_to_table(records: list[ArticleRecord]) -> pa.Table:
    return pa.Table.from_pylist([r.to_row() for r in records], schema=ARTICLE_SCHEMA)


def table_to_records(table: pa.Table) -> list[ArticleRecord]:
    return [ArticleRecord.from_row(row) for row in table.to_pylist()]
