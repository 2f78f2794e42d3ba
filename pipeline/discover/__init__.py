"""Discovery: a source's feeds and sitemaps → article URLs for a time window.

Feeds (RSS 0.9x/2.0, RSS 1.0/RDF, Atom) and sitemaps (urlset, sitemapindex,
Google News, gzip, plain text) are parsed with defusedxml, so entity
declarations (XXE, billion laughs) are refused, never expanded. Malformed but
entity-free XML gets a second chance through a tolerant tag parser, because
real feeds often carry a stray `&` or a truncated tail. Nothing raises out of
`discover`: every problem becomes a `Skip` plus a counter.

Modules: `items` (what discovery hands on, as JSON lines too), `xmlinput` (bytes to a
tree, safely and leniently), `documents` (feeds and sitemaps to items).
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Literal
from urllib.parse import urlsplit

from pipeline.config import Source
from pipeline.datetimes import to_utc
from pipeline.fetch import redact_url  # feed URLs may carry user:password@
from pipeline.urls import canonicalize, host_allowed

from .documents import MAX_SITEMAP_ENTRIES, parse_any, parse_date, parse_feed, parse_sitemap
from .items import (
    DiscoveredItem,
    Discovery,
    DocumentError,
    FeedFetcher,
    FetchResultLike,
    SitemapPage,
    Skip,
    dump_items,
    iter_items,
    load_items,
)

log = logging.getLogger(__name__)

MAX_SITEMAPS = 50  # sitemap documents fetched per discover() call
MAX_SITEMAP_DEPTH = 4  # index → index → index → urlset
UNDATED_GRACE = timedelta(hours=6)  # how stale `until` may be and still count as a live run
# Date-source priority when one URL is seen with several dates (higher wins).
_DATE_RANK = {"news": 3, "lastmod": 2, "published": 1, "updated": 1}


def _window_is_live(since: datetime | None, until: datetime | None, now: datetime) -> bool:
    return (since is None or since <= now) and (until is None or now < until + UNDATED_GRACE)


def _fetch(fetcher: FeedFetcher, url: str, kind: Literal["feed", "sitemap"], out: Discovery) -> tuple[bytes, str] | None:
    try:
        res = fetcher.fetch(url, kind=kind)
    except Exception as exc:  # noqa: BLE001 - a fetcher bug or guard must not stop discovery
        out.skips.append(Skip(url, f"fetch error: {type(exc).__name__}: {exc}"))
        out.counts["fetch_failed"] += 1
        return None
    if res.not_modified:
        out.counts["not_modified"] += 1
        return None
    if not res.ok:
        detail = getattr(res, "detail", None)  # pipeline.fetch adds a human-readable detail
        reason = " ".join(p for p in (res.error, f"({detail})" if detail else None) if p)
        out.skips.append(Skip(url, f"fetch failed: status {res.status}" + (f": {reason}" if reason else "")))
        out.counts["fetch_failed"] += 1
        return None
    out.counts[f"{kind}s_fetched"] += 1
    return res.body, res.final_url or url


def discover(source: Source, since: datetime | None, until: datetime | None, fetcher: FeedFetcher,
             *, now: datetime | None = None, keep_undated: bool | None = None,
             max_sitemaps: int = MAX_SITEMAPS, max_depth: int = MAX_SITEMAP_DEPTH,
             max_sitemap_entries: int = MAX_SITEMAP_ENTRIES) -> Discovery:
    """Article URLs of `source` whose best date is in [since, until).

    Best date per entry: news:publication_date > sitemap lastmod > feed
    published/updated; when one URL is seen several times the highest-ranked
    date (and first title) wins, the first URL is kept as-is. Naive datetimes
    are UTC; None means unbounded.

    Undated entries: kept when the window is live — it has started and `until`
    is no more than UNDATED_GRACE in the past (or None), i.e. a scheduled run
    whose feeds show what is current; dropped for past windows (a backfill),
    where an undated entry cannot be placed. `keep_undated` overrides this.

    Sitemap indexes are followed breadth-first, newest child first, up to
    `max_depth` levels and `max_sitemaps` fetches, skipping cycles, children
    off the source's hosts and children whose lastmod is before `since`.
    Entries off `source.hosts()` (subdomains allowed) are dropped; the rest is
    deduplicated by canonical URL and capped at `source.max_articles`, newest
    first. Never raises for bad input: problems become `skips` and `counts`
    (entries, no_link, invalid_url, off_host, duplicates, future_dates,
    out_of_window, undated_kept, undated_dropped, sitemap_entries_cut,
    max_articles_cut, sitemaps_not_followed, lenient_parses, parse_failed,
    fetch_failed, not_modified, feeds_fetched, sitemaps_fetched).
    """
    out = Discovery()
    now = to_utc(now) if now else datetime.now(UTC)
    since = to_utc(since) if since else None
    until = to_utc(until) if until else None
    hosts = source.hosts()
    doc_hosts = hosts | {urlsplit(u).hostname or "" for u in [*source.feeds, *source.sitemaps]}
    raw: list[DiscoveredItem] = []

    def parse(url: str, fetched: tuple[bytes, str]) -> SitemapPage | None:
        body, final = fetched
        try:
            return parse_any(body, final, now, out.counts, max_sitemap_entries, via=url)
        except DocumentError as exc:
            out.skips.append(Skip(url, str(exc)))
        except Exception as exc:  # noqa: BLE001 - parser bugs become skips too
            out.skips.append(Skip(url, f"parse error: {type(exc).__name__}: {exc}"))
        out.counts["parse_failed"] += 1
        log.warning("skip %s: %s", redact_url(url), out.skips[-1].reason)
        return None

    for feed in source.feeds:
        if (fetched := _fetch(fetcher, feed, "feed", out)) and (page := parse(feed, fetched)):
            raw.extend(page.urls)

    queue: list[tuple[str, int]] = [(u, 0) for u in source.sitemaps]
    seen: set[str] = set()
    fetched_count = 0
    while queue:
        url, depth = queue.pop(0)
        key = _canon_or_none(url) or url
        if key in seen:
            out.skips.append(Skip(url, "sitemap cycle or repeat"))
            out.counts["sitemaps_not_followed"] += 1
            continue
        if fetched_count >= max_sitemaps:
            out.skips.append(Skip(url, f"sitemap cap {max_sitemaps} reached"))
            out.counts["sitemaps_not_followed"] += 1
            continue
        seen.add(key)
        fetched_count += 1
        fetched = _fetch(fetcher, url, "sitemap", out)
        if not fetched or not (page := parse(url, fetched)):
            continue
        seen.add(_canon_or_none(fetched[1]) or fetched[1])
        raw.extend(page.urls)
        children = sorted(page.children, key=lambda c: page.child_lastmod.get(c, now), reverse=True)
        for child in children:
            lastmod = page.child_lastmod.get(child)
            reason = (
                "not a URL" if _canon_or_none(child) is None
                else f"depth limit {max_depth}" if depth + 1 >= max_depth
                else "child sitemap off the source's hosts" if not host_allowed(child, doc_hosts)
                else f"lastmod {lastmod.isoformat()} before window" if since and lastmod and lastmod < since
                else None
            )
            if reason:
                out.skips.append(Skip(child, reason))
                out.counts["sitemaps_not_followed"] += 1
            else:
                queue.append((child, depth + 1))

    out.items = _select(raw, since, until, now, keep_undated, hosts, source.max_articles, out.counts)
    log.info("discover %s: %d items, %d skips, counts %s", source.name, len(out.items), len(out.skips), dict(out.counts))
    return out


def _canon_or_none(url: str) -> str | None:
    try:
        return canonicalize(url)
    except ValueError:
        return None


def _select(raw: list[DiscoveredItem], since: datetime | None, until: datetime | None, now: datetime,
            keep_undated: bool | None, hosts: set[str], cap: int | None, counts: Counter[str]) -> list[DiscoveredItem]:
    """Host filter → canonicalize/merge → window filter → cap."""
    merged: dict[str, DiscoveredItem] = {}
    for item in raw:
        canon = _canon_or_none(item.url)
        if canon is None:
            counts["invalid_url"] += 1
            continue
        if not host_allowed(item.url, hosts):
            counts["off_host"] += 1
            continue
        prev = merged.get(canon)
        if prev is None:
            merged[canon] = replace(item, canonical_url=canon)
            continue
        counts["duplicates"] += 1
        if _DATE_RANK.get(item.date_source or "", 0) > _DATE_RANK.get(prev.date_source or "", 0):
            prev = replace(prev, published_at=item.published_at, date_source=item.date_source)
        if prev.title is None and item.title:
            prev = replace(prev, title=item.title)
        merged[canon] = prev

    live = _window_is_live(since, until, now) if keep_undated is None else keep_undated
    kept: list[DiscoveredItem] = []
    for item in merged.values():
        when = item.published_at
        if when is None:
            counts["undated_kept" if live else "undated_dropped"] += 1
            if live:
                kept.append(item)
        elif (since is None or when >= since) and (until is None or when < until):
            kept.append(item)
        else:
            counts["out_of_window"] += 1

    if cap is not None and len(kept) > cap:
        oldest = datetime.min.replace(tzinfo=UTC)
        order = sorted(range(len(kept)), key=lambda i: kept[i].published_at or oldest, reverse=True)
        keep_idx = set(order[:cap])
        counts["max_articles_cut"] += len(kept) - cap
        log.warning("max_articles %d: cut %d of %d items (oldest/undated first)", cap, len(kept) - cap, len(kept))
        kept = [it for i, it in enumerate(kept) if i in keep_idx]
    return kept


__all__ = ["DiscoveredItem", "Discovery", "DocumentError", "FeedFetcher", "FetchResultLike", "SitemapPage", "Skip",
           "discover", "dump_items", "iter_items", "load_items", "parse_date", "parse_feed", "parse_sitemap"]
