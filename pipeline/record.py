"""The typed article record that travels between stages and lands as one row."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import pyarrow as pa

from .datetimes import to_utc
from .schema import ARTICLE_SCHEMA, SCHEMA_VERSION


def article_id_for(canonical_url: str) -> str:
    """Stable id from the canonical URL: one article, one id."""
    return hashlib.sha256(canonical_url.encode("utf-8")).hexdigest()[:32]


_WS = re.compile(r"\s+")
# Text that cannot travel as UTF-8 or that readers choke on: lone surrogates (JSON "\\udcff"
# escapes, surrogateescape'd bytes), NUL and other C0 controls except tab/newline/CR, and the
# Unicode non-characters. Replaced by U+FFFD at the record boundary so one page's bytes can
# never make pyarrow (or a reader) raise.
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
                      "\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff"
                      "\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff"
                      "\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff"
                      "\U000dfffe\U000dffff\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]")


def valid_text(value: str | None) -> str | None:
    """`value` with everything that is not valid, storable text replaced by U+FFFD."""
    if value is None:
        return None
    if not isinstance(value, str):
        value = str(value)
    return _INVALID.sub("\ufffd", value)


def content_hash_for(title: str | None, text: str | None) -> str:
    norm = unicodedata.normalize("NFC", f"{title or ''}\n{text or ''}")
    norm = _WS.sub(" ", norm).strip().casefold()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def _utc(value: datetime | None) -> datetime | None:
    return None if value is None else to_utc(value)


def _day(value: date | str | None, published_at: datetime | None) -> date | None:
    """The day the page shows ("YYYY-MM-DD" from extraction, or a date). A day more than one
    day from the UTC instant is not the same publication (no zone is that far off), so
    the instant's UTC day stands instead; without an instant there is no day either."""
    if published_at is None:
        return None
    utc_day = published_at.date()
    if isinstance(value, datetime):
        value = value.date()
    elif isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            value = None
    if value is None or abs((value - utc_day).days) > 1:
        return utc_day
    return value


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
    published_day: date | None = None
    article_id: str = ""
    content_hash: str = ""
    schema_version: str = SCHEMA_VERSION

    def __post_init__(self) -> None:
        # text fields were made valid by __setattr__ as __init__ assigned them
        for f in _LIST_FIELDS:
            setattr(self, f, [v for v in (valid_text(x) for x in (getattr(self, f) or [])) if v is not None])
        if not self.article_id:
            self.article_id = article_id_for(self.canonical_url)
        if not self.content_hash:
            self.content_hash = content_hash_for(self.title, self.text)
        self.fetched_at = _utc(self.fetched_at)  # type: ignore[assignment]
        self.published_at = _utc(self.published_at)
        self.published_day = _day(self.published_day, self.published_at)

    def __setattr__(self, name: str, value: Any) -> None:
        # stages set fields after construction (language, translation): keep the boundary valid
        if name in _TEXT_FIELDS and value is not None:
            value = valid_text(value)
        object.__setattr__(self, name, value)

    def to_row(self) -> dict[str, Any]:
        row = {f.name: getattr(self, f.name) for f in ARTICLE_SCHEMA}
        for name in _LIST_FIELDS:  # lists can be changed in place after construction: check them on the way out
            row[name] = [v for v in (valid_text(x) for x in row[name] or []) if v is not None]
        return row

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> ArticleRecord:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in row.items() if k in names})


_TEXT_FIELDS = tuple(f.name for f in dataclasses.fields(ArticleRecord) if f.type in ("str", "str | None"))
_LIST_FIELDS = ("authors", "tags", "aliases")


def records_to_table(records: list[ArticleRecord]) -> pa.Table:
    return pa.Table.from_pylist([r.to_row() for r in records], schema=ARTICLE_SCHEMA)


def table_to_records(table: pa.Table) -> list[ArticleRecord]:
    return [ArticleRecord.from_row(row) for row in table.to_pylist()]
