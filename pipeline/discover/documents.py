"""Feeds (RSS 0.9x/2.0, RSS 1.0/RDF, Atom) and sitemaps (urlset, sitemapindex, Google News,
plain text) read into items, each with the best date the document gives it.
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import UTC, datetime, timedelta
from xml.etree.ElementTree import Element

from pipeline.datetimes import parse_datetime, to_utc
from pipeline.fetch import redact_url  # feed URLs may carry user:password@
from pipeline.urls import join_url

from .items import DiscoveredItem, DocumentError, SitemapPage
from .xmlinput import gunzip, local, parse_root

log = logging.getLogger(__name__)


MAX_SITEMAP_ENTRIES = 50_000  # the sitemap protocol's own per-file limit
FUTURE_TOLERANCE = timedelta(hours=1)  # clock skew; later dates are treated as unknown
MIN_YEAR = 1995  # older dates are placeholders ("0001-01-01", epoch 0)


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


def _resolve(base: str, link: str) -> str:
    """The link made absolute against `base`; a link no URL can be made of ("//[x]/")
    as it is, for the selection to count as an invalid URL (one entry, not the feed)."""
    if link.startswith(("https://", "http://")):
        return link
    return join_url(base, link) or link


def _child(el: Element, name: str) -> Element | None:
    return next((c for c in el if local(c.tag) == name), None)


def _fields(el: Element) -> dict[str, Element]:
    """First child per local name, in one pass (hot path for big sitemaps)."""
    out: dict[str, Element] = {}
    for c in el:
        out.setdefault(local(c.tag), c)
    return out


def _text(el: Element | None) -> str | None:
    if el is None:
        return None
    raw = el.text or "" if len(el) == 0 else "".join(el.itertext())
    return " ".join(raw.split()) or None


def _attr(el: Element, name: str) -> str | None:
    for k, v in el.attrib.items():
        if local(k) == name:
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
        if local(c.tag) != "link":
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
        if local(entry.tag) not in ("item", "entry") or entry is root:
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
        name = local(el.tag)
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


def parse_any(body: bytes, base_url: str, now: datetime | None, stats: Counter[str] | None,
               max_entries: int = MAX_SITEMAP_ENTRIES, via: str | None = None) -> SitemapPage:
    """Parse any supported document; raises DocumentError."""
    stats = stats if stats is not None else Counter()
    now = to_utc(now) if now else datetime.now(UTC)
    via = via or base_url
    if body[:2] == b"\x1f\x8b":
        body = gunzip(body)
    head = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head:
        raise DocumentError("empty body")
    if not head.startswith(b"<") and body[:2] not in (b"\xff\xfe", b"\xfe\xff"):
        return _text_sitemap(head, via, stats, max_entries)
    root, lenient = parse_root(body)
    kind = local(root.tag)
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
    page = parse_any(body, base_url, now, stats)
    if page.children:
        log.info("feed %s is a sitemap index; %d children ignored", redact_url(base_url), len(page.children))
    return page.urls


def parse_sitemap(body: bytes, base_url: str, *, now: datetime | None = None,
                  stats: Counter[str] | None = None, max_entries: int = MAX_SITEMAP_ENTRIES) -> SitemapPage:
    """Entries and child sitemaps of a sitemap (XML, gzip or plain text; an
    RSS/Atom body works too, as search engines allow). Raises DocumentError."""
    return parse_any(body, base_url, now, stats, max_entries)
