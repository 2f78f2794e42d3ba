"""What discovery hands on: an article URL with its best-known date (`DiscoveredItem`),
a counted skip, a sitemap page; the fetcher it needs; and the items as JSON lines, the
staging file between discover and fetch.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import IO, Literal, Protocol


class FetchResultLike(Protocol):
    """What `discover` needs from a fetch result (pipeline.fetch.FetchResult fits)."""

    @property
    def ok(self) -> bool: ...
    @property
    def body(self) -> bytes: ...
    @property
    def final_url(self) -> str: ...
    @property
    def status(self) -> int: ...
    @property
    def error(self) -> str | None: ...
    @property
    def not_modified(self) -> bool: ...


class FeedFetcher(Protocol):
    def fetch(self, url: str, *, kind: Literal["feed", "sitemap"]) -> FetchResultLike: ...


@dataclass(frozen=True, slots=True)
class DiscoveredItem:
    """One article URL. `published_at` is the best date known (see `date_source`)."""

    url: str
    canonical_url: str
    published_at: datetime | None
    title: str | None
    via: str
    date_source: str | None = None  # news | lastmod | published | updated


@dataclass(frozen=True, slots=True)
class Skip:
    url: str
    reason: str


@dataclass(slots=True)
class SitemapPage:
    urls: list[DiscoveredItem]
    children: list[str]
    child_lastmod: dict[str, datetime] = field(default_factory=dict)


@dataclass(slots=True)
class Discovery:
    """Result of `discover`; `counts` keys are documented in `discover`."""

    items: list[DiscoveredItem] = field(default_factory=list)
    skips: list[Skip] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)


class DocumentError(ValueError):
    """A feed/sitemap body that cannot be used (unsafe, malformed, not a feed)."""


def dump_items(items: Iterable[DiscoveredItem], fp: IO[str]) -> int:
    """Write items as JSON lines (the discover → fetch hand-off file); returns the count."""
    n = 0
    for item in items:
        row = asdict(item)
        row["published_at"] = item.published_at.isoformat() if item.published_at else None
        fp.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n


def load_items(fp: IO[str]) -> list[DiscoveredItem]:
    return list(iter_items(fp))


def iter_items(fp: IO[str]) -> Iterator[DiscoveredItem]:
    for lineno, line in enumerate(fp, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            when = row.get("published_at")
            yield DiscoveredItem(
                url=row["url"], canonical_url=row["canonical_url"],
                published_at=datetime.fromisoformat(when) if when else None,
                title=row.get("title"), via=row.get("via", ""), date_source=row.get("date_source"),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"line {lineno}: bad discovered item: {exc}") from None
