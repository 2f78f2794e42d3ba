"""The page context: everything known about one fetched page, in one typed value.

It travels from fetch (or the raw store, or an ingest manifest) to extraction and
identity instead of long argument lists, so `fetched_at` reaches the date checks and a
page rebuilt from raw gives the same row as the page fetched live.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .rawstore import RawPage


@dataclass
class PageContext:
    requested_url: str  # as discovered (feed link, sitemap loc, manifest url)
    final_url: str  # after redirects
    fetched_at: datetime  # aware UTC
    source: str
    html: str  # decoded document
    encoding: str | None = None
    headers: dict[str, str] = field(default_factory=dict)  # lower-cased names
    redirects: list[str] = field(default_factory=list)  # hops between requested and final URL
    canonical_url: str | None = None  # <link rel=canonical>, absolutized; set once read
    og_url: str | None = None  # og:url, absolutized; set once read
    visit_known: bool = True  # False: a page file without its fetch time (`fetched_at` is now)

    @classmethod
    def from_raw(cls, page: RawPage, default_source: str) -> PageContext:
        """Decode a kept raw page (charset from headers, meta and the bytes themselves)."""
        from .charset import decode_html
        from .fetch import redact_url  # URLs are stored without user:password@, on every path

        decoded = decode_html(page.body, page.headers.get("content-type"))
        when = page.fetched_at if page.fetched_at.tzinfo else page.fetched_at.replace(tzinfo=UTC)
        return cls(requested_url=redact_url(page.url), final_url=redact_url(page.final_url or page.url),
                   fetched_at=when.astimezone(UTC), source=page.source or default_source, html=decoded.text,
                   encoding=decoded.encoding, headers=dict(page.headers),
                   redirects=[redact_url(u) for u in page.redirects or []], visit_known=page.visit_known)
