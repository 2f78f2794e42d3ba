"""Discovery: a source's feeds and sitemaps → article URLs for a time window.

Feeds (RSS 0.9x/2.0, RSS 1.0/RDF, Atom) and sitemaps (urlset, sitemapindex,
Google News, gzip, plain text) are parsed with defusedxml, so entity
declarations (XXE, billion laughs) are refused, never expanded. Malformed but
entity-free XML gets a second chance through a tolerant tag parser, because
real feeds often carry a stray `&` or a truncated tail. Nothing raises out of
`discover`: every problem becomes a `Skip` plus a counter.
"""

from __future__ import annotations

import json
import logging
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from html.parser import HTMLParser
from typing import IO, Literal, Protocol
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from pipeline.config import Source
from pipeline.datetimes import parse_datetime, to_utc
from pipeline.fetch import redact_url  # feed URLs may carry user:password@
from pipeline.urls import canonicalize, host_allowed, join_url

log = logging.getLogger(__name__)

MAX_SITEMAP_ENTRIES = 50_000  # the sitemap protocol's own per-file limit
MAX_SITEMAPS = 50  # sitemap documents fetched per discover() call
MAX_SITEMAP_DEPTH = 4  # index → index → index → urlset
MAX_DECOMPRESSED = 50_000_000  # the sitemap protocol's 50 MB uncompressed limit
FUTURE_TOLERANCE = timedelta(hours=1)  # clock skew; later dates are treated as unknown
UNDATED_GRACE = timedelta(hours=6)  # how stale `until` may be and still count as a live run
MIN_YEAR = 1995  # older dates are placeholders ("0001-01-01", epoch 0)

# Date-source priority when one URL is seen with several dates (higher wins).
_DATE_RANK = {"news": 3, "lastmod": 2, "published": 1, "updated": 1}


# --------------------------------------------------------------------- types


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


# --------------------------------------------------------------------- dates

def parse_date(value: str | None) -> datetime | None:
    """Parse ISO 8601, RFC 822 and common odd formats to aware UTC; naive = UTC.

    Returns None for anything unparseable or implausibly old.
    """
    try:
        got = parse_datetime(value)
        return None if got is None or got[0].year < MIN_YEAR else to_utc(got[0])
    except (OverflowError, ValueError, OSError):  # e.g. year 9999 shifted past datetime.max
        return None


def _date_or_none(value: str | None, now: datetime, stats: Counter[str]) -> datetime | None:
    dt = parse_date(value)
    if dt is not None and dt > now + FUTURE_TOLERANCE:
        stats["future_dates"] += 1
        log.debug("future date %r treated as unknown", value)
        return None
    return dt


# ---------------------------------------------------------------- XML input

_XML_DECL_ENCODING = re.compile(r"""^(\s*<\?xml[^>]*?encoding\s*=\s*["'])([A-Za-z0-9._-]+)""")
_NATIVE = {"utf-8", "utf8", "us-ascii", "ascii", "utf-16", "utf-16le", "utf-16be", "iso-8859-1", "latin-1"}
_WIDER = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030"}


def _declared_encoding(body: bytes) -> str | None:
    m = _XML_DECL_ENCODING.match(body[:300].decode("latin-1"))
    return m.group(2).lower() if m else None


def _codec(enc: str | None) -> str:
    return _WIDER.get(enc or "utf-8", enc or "utf-8")


def _to_expat_encoding(body: bytes) -> bytes:
    """Transcode GBK/GB2312, windows-1251 etc. to UTF-8: expat rejects
    multi-byte legacy encodings, which Chinese feeds still use."""
    enc = _declared_encoding(body)
    if not enc or enc in _NATIVE or body.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return body
    try:
        text = body.decode(_codec(enc), errors="replace")
    except LookupError:
        return body
    return _XML_DECL_ENCODING.sub(r"\g<1>utf-8", text, count=1).encode("utf-8")


def _gunzip(body: bytes, limit: int = MAX_DECOMPRESSED) -> bytes:
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(body, limit + 1)
    except zlib.error as exc:
        raise DocumentError(f"bad gzip: {exc}") from None
    if len(out) > limit or d.unconsumed_tail:
        raise DocumentError(f"gzip expands beyond {limit} bytes")
    return out


_ENTRY_TAGS = frozenset({"item", "entry", "url", "sitemap"})


class _TolerantTree(HTMLParser):
    """Builds an Element tree from tag soup: unknown/unbalanced tags are fine,
    nothing is ever resolved or expanded. Tag names come out lower-cased."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        el = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].append(el)
        if not (_local(tag) == "link" and "href" in el.attrib):  # Atom/HTML <link href> is void
            self.stack.append(el)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].append(Element(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        el = self.stack[-1]
        el.text = (el.text or "") + data

    def unknown_decl(self, data: str) -> None:
        if data.startswith("CDATA["):
            self.handle_data(data[6:])

    def close(self) -> None:
        """Drop entries still open at EOF: a truncated body's last entry may
        carry a cut-off URL."""
        super().close()
        for parent, el in zip(self.stack, self.stack[1:]):
            if _local(el.tag) in _ENTRY_TAGS:
                parent.remove(el)
                break


def _lenient_root(body: bytes) -> Element:
    try:
        text = body.decode(_codec(_declared_encoding(body)), errors="replace")
    except LookupError:
        text = body.decode("utf-8", errors="replace")
    tree = _TolerantTree()
    tree.feed(text)
    tree.close()
    first = next(iter(tree.root), None)
    if first is None or _local(first.tag) == "html":
        raise DocumentError("not a feed or sitemap")
    return first


def _parse_root(body: bytes) -> tuple[Element, str | None]:
    """Safe parse; on malformed (but entity-free) XML a tolerant parse, returned
    with the reason it was needed."""
    try:
        return SafeET.fromstring(_to_expat_encoding(body), forbid_dtd=False, forbid_entities=True, forbid_external=True), None
    except DefusedXmlException as exc:
        raise DocumentError(f"unsafe XML refused: {type(exc).__name__}") from None
    except (ParseError, ValueError) as exc:
        if b"<!entity" in body.lower():
            raise DocumentError(f"malformed XML with entity declarations: {exc}") from None
        reason = f"malformed XML: {exc}"
    try:
        return _lenient_root(body), reason
    except DocumentError as exc:
        raise DocumentError(f"{reason}; {exc}") from None


# ---------------------------------------------------------------- documents


@lru_cache(maxsize=4096)
def _local(tag: object) -> str:
    """Namespace- and prefix-free lower-case tag name (works for both trees)."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


def _resolve(base: str, link: str) -> str:
    """The link made absolute against `base`; a link no URL can be made of ("//[x]/")
    as it is, for the selection to count as an invalid URL (one entry, not the feed)."""
    if link.startswith(("https://", "http://")):
        return link
    return join_url(base, link) or link


def _child(el: Element, name: str) -> Element | None:
    return next((c for c in el if _local(c.tag) == name), None)


def _fields(el: Element) -> dict[str, Element]:
    """First child per local name, in one pass (hot path for big sitemaps)."""
    out: dict[str, Element] = {}
    for c in el:
        out.setdefault(_local(c.tag), c)
    return out


def _text(el: Element | None) -> str | None:
    if el is None:
        return None
    raw = el.text or "" if len(el) == 0 else "".join(el.itertext())
    return " ".join(raw.split()) or None


def _attr(el: Element, name: str) -> str | None:
    for k, v in el.attrib.items():
        if _local(k) == name:
            return v
    return None


def _entry_link(entry: Element, base: str) -> str | None:
    """Link choice: feedburner origLink > RSS <link> > Atom rel=alternate
    (text/html first) > other non-meta Atom link > permalink guid > rdf:about."""
    orig = _text(_child(entry, "origlink"))
    if orig:
        return _resolve(base, orig)
    atom_links: list[tuple[int, str]] = []
    for c in entry:
        if _local(c.tag) != "link":
            continue
        href = _attr(c, "href")
        if href is None:
            text = _text(c)
            if text:
                return _resolve(base, text)
            continue
        rel = (_attr(c, "rel") or "alternate").lower()
        if rel in ("self", "edit", "enclosure", "replies", "license", "hub", "via"):
            continue
        typ = (_attr(c, "type") or "").lower()
        rank = 0 if rel == "alternate" and typ in ("", "text/html", "application/xhtml+xml") else 1 if rel == "alternate" else 2
        atom_links.append((rank, href.strip()))
    if atom_links:
        return _resolve(base, min(atom_links)[1])
    guid = _child(entry, "guid")
    if guid is not None and (_attr(guid, "ispermalink") or "true").lower() != "false":
        g = _text(guid) or ""
        if g.startswith(("http://", "https://")):
            return g
    about = _attr(entry, "about")
    if about and about.startswith(("http://", "https://")):
        return about
    return None


def _xml_base(el: Element, base: str) -> str:
    """The base an element's links resolve against: its xml:base, unless no URL can be
    made of it ("http://["), then the enclosing one."""
    xb = el.get("{http://www.w3.org/XML/1998/namespace}base") or el.get("xml:base")
    return (join_url(base, xb) or base) if xb else base


def _feed_items(root: Element, base: str, via: str, now: datetime, stats: Counter[str]) -> list[DiscoveredItem]:
    base = _xml_base(root, base)
    out: list[DiscoveredItem] = []
    for entry in root.iter():
        if _local(entry.tag) not in ("item", "entry") or entry is root:
            continue
        stats["entries"] += 1
        link = _entry_link(entry, _xml_base(entry, base))
        if not link:
            stats["no_link"] += 1
            continue
        date, source = None, None
        for name, kind in (("published", "published"), ("pubdate", "published"), ("issued", "published"),
                           ("date", "published"), ("updated", "updated"), ("modified", "updated")):
            date = _date_or_none(_text(_child(entry, name)), now, stats)
            if date is not None:
                source = kind
                break
        out.append(DiscoveredItem(link, "", date, _text(_child(entry, "title")), via, source))
    return out


def _sitemap_page(root: Element, base: str, via: str, now: datetime, stats: Counter[str], max_entries: int) -> SitemapPage:
    page = SitemapPage([], [])
    cut = 0
    for el in root.iter():
        name = _local(el.tag)
        if name not in ("url", "sitemap"):
            continue
        if name == "url" and len(page.urls) >= max_entries:
            stats["entries"] += 1
            cut += 1
            continue
        fields = _fields(el)
        loc = _text(fields.get("loc"))
        if not loc:
            stats["no_link"] += 1
            continue
        loc = _resolve(base, loc)
        if name == "sitemap":
            page.children.append(loc)
            lastmod = _date_or_none(_text(fields.get("lastmod")), now, stats)
            if lastmod:
                page.child_lastmod[loc] = lastmod
            continue
        stats["entries"] += 1
        news = fields.get("news")
        date, source, title = None, None, None
        if news is not None:
            date = _date_or_none(_text(_child(news, "publication_date")), now, stats)
            source = "news" if date else None
            title = _text(_child(news, "title"))
        if date is None:
            date = _date_or_none(_text(fields.get("lastmod")), now, stats)
            source = "lastmod" if date else None
        page.urls.append(DiscoveredItem(loc, "", date, title, via, source))
    if cut:
        stats["sitemap_entries_cut"] += cut
        log.warning("sitemap %s: kept %d entries, cut %d (cap %d)", redact_url(via), max_entries, cut, max_entries)
    return page


def _parse_any(body: bytes, base_url: str, now: datetime | None, stats: Counter[str] | None,
               max_entries: int = MAX_SITEMAP_ENTRIES, via: str | None = None) -> SitemapPage:
    """Parse any supported document; raises DocumentError."""
    stats = stats if stats is not None else Counter()
    now = to_utc(now) if now else datetime.now(UTC)
    via = via or base_url
    if body[:2] == b"\x1f\x8b":
        body = _gunzip(body)
    head = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head:
        raise DocumentError("empty body")
    if not head.startswith(b"<") and body[:2] not in (b"\xff\xfe", b"\xfe\xff"):
        return _text_sitemap(head, via, stats, max_entries)
    root, lenient = _parse_root(body)
    kind = _local(root.tag)
    if kind in ("rss", "rdf", "feed", "channel"):
        page = SitemapPage(_feed_items(root, base_url, via, now, stats), [])
    elif kind in ("urlset", "sitemapindex"):
        page = _sitemap_page(root, base_url, via, now, stats, max_entries)
    else:
        raise DocumentError(f"{lenient + '; ' if lenient else ''}not a feed or sitemap (root <{kind}>)")
    if lenient:
        if not page.urls and not page.children:
            raise DocumentError(f"{lenient}; nothing recovered")
        stats["lenient_parses"] += 1
        log.warning("%s: %s; parsed leniently", redact_url(base_url), lenient)
    return page


def _text_sitemap(body: bytes, base: str, stats: Counter[str], max_entries: int) -> SitemapPage:
    urls: list[DiscoveredItem] = []
    for line in body.decode("utf-8", errors="replace").splitlines():
        line = line.strip()
        if not line:
            continue
        if not line.startswith(("http://", "https://")):
            if not urls:
                raise DocumentError("not a feed or sitemap (text without URLs)")
            stats["invalid_url"] += 1
            continue
        stats["entries"] += 1
        if len(urls) >= max_entries:
            stats["sitemap_entries_cut"] += 1
            continue
        urls.append(DiscoveredItem(line, "", None, None, base))
    return SitemapPage(urls, [])


def parse_feed(body: bytes, base_url: str, *, now: datetime | None = None,
               stats: Counter[str] | None = None) -> list[DiscoveredItem]:
    """Items of an RSS/RDF/Atom feed (a sitemap body works too). `canonical_url`
    is left empty here; `discover` fills it. Raises DocumentError."""
    page = _parse_any(body, base_url, now, stats)
    if page.children:
        log.info("feed %s is a sitemap index; %d children ignored", redact_url(base_url), len(page.children))
    return page.urls


def parse_sitemap(body: bytes, base_url: str, *, now: datetime | None = None,
                  stats: Counter[str] | None = None, max_entries: int = MAX_SITEMAP_ENTRIES) -> SitemapPage:
    """Entries and child sitemaps of a sitemap (XML, gzip or plain text; an
    RSS/Atom body works too, as search engines allow). Raises DocumentError."""
    return _parse_any(body, base_url, now, stats, max_entries)


# ------------------------------------------------------------------ discover


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
            return _parse_any(body, final, now, out.counts, max_sitemap_entries, via=url)
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


# ---------------------------------------------------------------- JSON lines


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
