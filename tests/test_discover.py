"""Discovery: feeds and sitemaps → article URLs, with a fake fetcher (no network)."""

from __future__ import annotations

import gzip
import io
import logging
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from web_values import URLISH

from pipeline.config import ConfigError, Source, load_sources
from pipeline.discover import (
    DiscoveredItem,
    DocumentError,
    discover,
    dump_items,
    load_items,
    parse_date,
    parse_feed,
    parse_sitemap,
)

UTC = UTC
NOW = datetime(2024, 1, 10, 12, 0, tzinfo=UTC)


@dataclass
class FakeResult:
    ok: bool
    body: bytes
    final_url: str
    status: int
    error: str | None = None
    not_modified: bool = False


class FakeFetcher:
    """URL → bytes (or an Exception to raise, or None for a 404)."""

    def __init__(self, pages: dict[str, bytes | Exception | None]):
        self.pages = pages
        self.calls: list[tuple[str, str]] = []

    def fetch(self, url: str, kind: str = "feed") -> FakeResult:
        self.calls.append((url, kind))
        page = self.pages.get(url)
        if isinstance(page, Exception):
            raise page
        if page is None:
            return FakeResult(False, b"", url, 404, "http_error")
        return FakeResult(True, page, url, 200)


def src(**kw) -> Source:
    base = {"name": "t", "language": "en", "allowed_hosts": ["example.com"]}
    return Source(**{**base, **kw})


def rss(items: str) -> bytes:
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>c</title>{items}</channel></rss>'.encode()


def urlset(entries: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9" '
        'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">' + entries + "</urlset>"
    ).encode()


def index(children: list[tuple[str, str | None]]) -> bytes:
    parts = "".join(
        f"<sitemap><loc>{u}</loc>{f'<lastmod>{m}</lastmod>' if m else ''}</sitemap>" for u, m in children
    )
    return f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{parts}</sitemapindex>'.encode()


# ------------------------------------------------------------------ feeds


def test_rss2_links_dates_titles_and_missing_links():
    body = rss(
        "<item><title>Relative</title><link>/world/a.html</link><pubDate>Tue, 09 Jan 2024 08:00:00 GMT</pubDate></item>"
        "<item><title>Guid only</title><guid>https://example.com/b</guid></item>"
        '<item><title>Not a permalink</title><guid isPermaLink="false">https://example.com/c</guid></item>'
        "<item><title>Nothing</title><description>x</description></item>"
        '<item xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0"><link>http://feeds.feedburner.com/~r/x/1</link>'
        "<feedburner:origLink>https://example.com/d</feedburner:origLink><title><![CDATA[CDATA <b>title</b>]]></title></item>"
    )
    from collections import Counter

    stats: Counter[str] = Counter()
    items = parse_feed(body, "https://example.com/rss/feed.xml", now=NOW, stats=stats)
    assert [i.url for i in items] == ["https://example.com/world/a.html", "https://example.com/b", "https://example.com/d"]
    assert items[0].title == "Relative"
    assert items[0].published_at == datetime(2024, 1, 9, 8, tzinfo=UTC)
    assert items[0].date_source == "published"
    assert items[1].published_at is None
    assert items[2].title == "CDATA <b>title</b>"
    assert stats["no_link"] == 2 and stats["entries"] == 5


def test_a_link_no_url_can_be_made_of_costs_its_entry_not_the_feed():
    # "//[x]/a" (no address) used to raise in urljoin and lose the whole feed as a parse error
    body = rss(
        "<item><title>Broken</title><link>//[not-an-address]/a</link><pubDate>Tue, 09 Jan 2024 08:00:00 GMT</pubDate></item>"
        "<item><title>Fine</title><link>/world/b.html</link><pubDate>Tue, 09 Jan 2024 09:00:00 GMT</pubDate></item>"
    )
    atom = (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://["><title>x</title>'
            b'<entry><title>Fine</title><link href="/world/c.html"/><updated>2024-01-09T10:00:00Z</updated></entry></feed>')
    fetcher = FakeFetcher({"https://example.com/rss": body, "https://example.com/atom": atom})
    got = discover(src(feeds=["https://example.com/rss", "https://example.com/atom"]), None, None, fetcher, now=NOW)
    assert sorted(i.url for i in got.items) == ["https://example.com/world/b.html", "https://example.com/world/c.html"]
    assert got.counts["invalid_url"] == 1 and got.counts["parse_failed"] == 0 and not got.skips


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(link=URLISH, base=URLISH)
def test_any_link_and_base_in_an_entry_leave_the_other_entries(link: str, base: str):
    from xml.sax.saxutils import escape, quoteattr

    body = (f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title>'
            f"<entry xml:base={quoteattr(base)}><title>Any</title><link href={quoteattr(link)}/></entry>"
            f"<entry><title>Fine</title><link>{escape('https://example.com/world/d.html')}</link></entry></feed>")
    try:
        items = parse_feed(body.encode("utf-8", "surrogatepass"), "https://example.com/atom", now=NOW)
    except DocumentError:
        return  # text XML cannot hold (a control character): the document's one clear error
    assert "https://example.com/world/d.html" in [i.url for i in items]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(loc=URLISH)
def test_any_child_loc_in_a_sitemap_index_leaves_the_other_children(loc: str):
    # "http://[x/sitemap.xml" made discover() raise (host check of the child), losing the whole source
    from xml.sax.saxutils import escape

    idx = index([(escape(loc), None), ("https://example.com/s1.xml", None)])
    fetcher = FakeFetcher({"https://example.com/sitemap.xml": idx,
                           "https://example.com/s1.xml": urlset("<url><loc>https://example.com/a</loc></url>")})
    got = discover(src(sitemaps=["https://example.com/sitemap.xml"]), None, None, fetcher, now=NOW, keep_undated=True)
    assert "https://example.com/a" in [i.url for i in got.items]


def test_atom_prefers_alternate_and_resolves_against_xml_base():
    body = b"""<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://example.com/news/">
  <entry>
    <title>One</title>
    <link rel="self" href="https://example.com/api/1"/>
    <link rel="alternate" type="application/json" href="https://example.com/1.json"/>
    <link rel="alternate" type="text/html" href="one.html"/>
    <published>2024-01-09T10:00:00+03:00</published>
    <updated>2024-01-09T11:00:00Z</updated>
  </entry>
  <entry>
    <title type="html">Two</title>
    <link href="/two"/>
    <updated>2024-01-08T00:00:00Z</updated>
  </entry>
  <entry><title>No link</title><id>urn:uuid:1</id></entry>
</feed>"""
    items = parse_feed(body, "https://example.com/atom.xml", now=NOW)
    assert [i.url for i in items] == ["https://example.com/news/one.html", "https://example.com/two"]
    assert items[0].published_at == datetime(2024, 1, 9, 7, tzinfo=UTC)
    assert items[0].date_source == "published"
    assert items[1].published_at == datetime(2024, 1, 8, tzinfo=UTC)
    assert items[1].date_source == "updated"


def test_lenient_atom_with_unclosed_link_tags():
    body = (b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><link rel="alternate" href="https://example.com/x">'
            b"<title>Broken & fine</title><published>2024-01-09T00:00:00Z</published></entry></feed>")
    [item] = parse_feed(body, "https://example.com/atom", now=NOW)
    assert (item.url, item.title, item.published_at) == ("https://example.com/x", "Broken & fine", datetime(2024, 1, 9, tzinfo=UTC))


def test_rdf_rss1():
    body = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://example.com/"><title>c</title></channel>
  <item rdf:about="https://example.com/r1"><title>R1</title><link>https://example.com/r1</link>
    <dc:date>2024-01-09T06:00:00Z</dc:date></item>
  <item rdf:about="https://example.com/r2"><title>R2 about only</title></item>
</rdf:RDF>"""
    items = parse_feed(body, "https://example.com/rdf", now=NOW)
    assert [(i.url, i.title) for i in items] == [("https://example.com/r1", "R1"), ("https://example.com/r2", "R2 about only")]
    assert items[0].published_at == datetime(2024, 1, 9, 6, tzinfo=UTC)


def test_gb2312_feed_is_transcoded():
    body = (
        '<?xml version="1.0" encoding="gb2312"?><rss><channel><item><title>人民日报 评论</title>'
        "<link>http://www.people.com.cn/n1/2024/0109/c1.html</link><pubDate>2024-01-09 18:00:00 +0800</pubDate>"
        "</item></channel></rss>"
    ).encode("gb2312")
    [item] = parse_feed(body, "http://www.people.com.cn/rss/politics.xml", now=NOW)
    assert item.title == "人民日报 评论"
    assert item.published_at == datetime(2024, 1, 9, 10, tzinfo=UTC)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Tue, 09 Jan 2024 08:00:00 GMT", datetime(2024, 1, 9, 8)),
        ("Tue, 9 Jan 2024 11:00 +0300", datetime(2024, 1, 9, 8)),
        ("Tue, 09 Jan 2024 11:00:00 MSK", datetime(2024, 1, 9, 8)),
        ("09 Jan 2024 08:00:00 Z", datetime(2024, 1, 9, 8)),
        ("2024-01-09T08:00:00Z", datetime(2024, 1, 9, 8)),
        ("2024-01-09T16:00:00.1234567+08:00", datetime(2024, 1, 9, 8, 0, 0, 123456)),
        ("2024-01-09 16:00:00 +0800", datetime(2024, 1, 9, 8)),
        ("2024-01-09 08:00:00", datetime(2024, 1, 9, 8)),
        ("2024-01-09", datetime(2024, 1, 9)),
        ("20240109T080000Z", datetime(2024, 1, 9, 8)),
        ("2024/01/09 08:00", datetime(2024, 1, 9, 8)),
        ("09.01.2024 08:00", datetime(2024, 1, 9, 8)),
        ("2024年01月09日 08:00", datetime(2024, 1, 9, 8)),
        ("January 9, 2024", datetime(2024, 1, 9)),
        ("Jan 9, 2024 8:00 PM", datetime(2024, 1, 9, 20)),
        ("Tue Jan 09 08:00:00 +0000 2024", datetime(2024, 1, 9, 8)),
        ("1704787200", datetime(2024, 1, 9, 8)),
        ("  2024-01-09T08:00:00Z \n", datetime(2024, 1, 9, 8)),
        ("0001-01-01T00:00:00Z", None),
        ("9999-12-31T23:59:59-05:00", None),
        ("yesterday", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date_formats(text, expected):
    assert parse_date(text) == (expected.replace(tzinfo=UTC) if expected else None)


def test_future_dates_become_unknown():
    from collections import Counter

    stats: Counter[str] = Counter()
    body = rss(
        "<item><link>https://example.com/far</link><pubDate>Sat, 20 Jan 2024 12:00:00 GMT</pubDate></item>"
        "<item><link>https://example.com/skew</link><pubDate>Wed, 10 Jan 2024 12:30:00 GMT</pubDate></item>"
    )
    far, skew = parse_feed(body, "https://example.com/f", now=NOW, stats=stats)
    assert far.published_at is None and stats["future_dates"] == 1
    assert skew.published_at == datetime(2024, 1, 10, 12, 30, tzinfo=UTC)  # within the clock-skew tolerance


# --------------------------------------------------------------- sitemaps


def test_news_sitemap_dates_titles_and_image_locs():
    body = urlset(
        "<url><loc>https://example.com/n1</loc><lastmod>2024-01-01T00:00:00Z</lastmod>"
        "<news:news><news:publication><news:name>Ex</news:name><news:language>en</news:language></news:publication>"
        "<news:publication_date>2024-01-09T10:00:00+00:00</news:publication_date><news:title>News one</news:title></news:news>"
        "<image:image><image:loc>https://img.example.com/1.jpg</image:loc><image:title>img</image:title></image:image></url>"
        "<url><loc>https://example.com/n2</loc><lastmod>2024-01-08</lastmod></url>"
        "<url><loc>https://example.com/n3</loc></url>"
        "<url><lastmod>2024-01-08</lastmod></url>"
    )
    page = parse_sitemap(body, "https://example.com/news.xml", now=NOW)
    assert page.children == []
    assert [(i.url, i.published_at, i.date_source, i.title) for i in page.urls] == [
        ("https://example.com/n1", datetime(2024, 1, 9, 10, tzinfo=UTC), "news", "News one"),
        ("https://example.com/n2", datetime(2024, 1, 8, tzinfo=UTC), "lastmod", None),
        ("https://example.com/n3", None, None, None),
    ]


def test_gzip_and_plain_text_sitemaps():
    gz = gzip.compress(urlset("<url><loc>https://example.com/gz1</loc></url>"))
    assert [i.url for i in parse_sitemap(gz, "https://example.com/s.xml.gz").urls] == ["https://example.com/gz1"]
    text = b"https://example.com/t1\n\nhttps://example.com/t2\r\n"
    assert [i.url for i in parse_sitemap(text, "https://example.com/s.txt").urls] == [
        "https://example.com/t1", "https://example.com/t2"]


def test_truncated_gzip_sitemap_recovers_complete_entries():
    full = urlset("".join(f"<url><loc>https://example.com/t{i}</loc></url>" for i in range(2000)))
    gz = gzip.compress(full)
    from collections import Counter

    stats: Counter[str] = Counter()
    page = parse_sitemap(gz[: len(gz) // 2], "https://example.com/s.xml.gz", stats=stats)
    assert 0 < len(page.urls) < 2000
    assert [i.url for i in page.urls] == [f"https://example.com/t{i}" for i in range(len(page.urls))]
    assert stats["lenient_parses"] == 1


def test_rss_body_in_sitemap_slot_is_accepted():
    page = parse_sitemap(rss("<item><link>https://example.com/r</link></item>"), "https://example.com/sitemap")
    assert [i.url for i in page.urls] == ["https://example.com/r"] and page.children == []


def test_gzip_bomb_is_refused():
    bomb = gzip.compress(b"<" + b" " * 60_000_000)
    with pytest.raises(DocumentError, match="gzip expands beyond"):
        parse_sitemap(bomb, "https://example.com/bomb.xml.gz")


def test_sitemap_index_nested_cycle_offhost_lastmod_and_depth():
    since, until = datetime(2024, 1, 9, tzinfo=UTC), datetime(2024, 1, 10, tzinfo=UTC)
    pages = {
        "https://example.com/index.xml": index([
            ("https://example.com/sub-index.xml", "2024-01-09T12:00:00Z"),
            ("https://example.com/2024-01-09.xml", "2024-01-09T23:00:00Z"),
            ("https://example.com/2023-12.xml", "2023-12-31T00:00:00Z"),  # older than since: not fetched
            ("https://evil.example.net/s.xml", None),  # off host: not fetched
        ]),
        "https://example.com/sub-index.xml": index([
            ("https://example.com/index.xml", None),  # cycle back to the root
            ("https://example.com/deep-1.xml", None),
        ]),
        "https://example.com/deep-1.xml": index([("https://example.com/deep-2.xml", None)]),
        "https://example.com/deep-2.xml": index([("https://example.com/deep-3.xml", None)]),
        "https://example.com/deep-3.xml": urlset("<url><loc>https://example.com/too-deep</loc></url>"),
        "https://example.com/2024-01-09.xml": urlset(
            "<url><loc>https://example.com/a</loc><lastmod>2024-01-09T05:00:00Z</lastmod></url>"),
        "https://example.com/2023-12.xml": urlset("<url><loc>https://example.com/old</loc></url>"),
    }
    fetcher = FakeFetcher(pages)
    out = discover(src(sitemaps=["https://example.com/index.xml"]), since, until, fetcher, now=NOW, max_depth=4)
    fetched = [u for u, _ in fetcher.calls]
    assert all(kind == "sitemap" for _, kind in fetcher.calls)
    assert fetched.count("https://example.com/index.xml") == 1
    assert "https://example.com/2023-12.xml" not in fetched
    assert "https://evil.example.net/s.xml" not in fetched
    assert "https://example.com/deep-3.xml" not in fetched  # index(0) → sub(1) → deep-1(2) → deep-2(3) → limit
    assert [i.url for i in out.items] == ["https://example.com/a"]
    reasons = {s.url: s.reason for s in out.skips}
    assert "cycle" in reasons["https://example.com/index.xml"]
    assert "off the source's hosts" in reasons["https://evil.example.net/s.xml"]
    assert "before window" in reasons["https://example.com/2023-12.xml"]
    assert "depth limit" in reasons["https://example.com/deep-3.xml"]
    assert out.counts["sitemaps_fetched"] == 5


def test_total_sitemap_cap():
    children = [(f"https://example.com/s{i}.xml", None) for i in range(80)]
    pages: dict[str, bytes | Exception | None] = {"https://example.com/index.xml": index(children)}
    pages.update({u: urlset(f"<url><loc>{u[:-4]}/article</loc></url>") for u, _ in children})
    fetcher = FakeFetcher(pages)
    out = discover(src(sitemaps=["https://example.com/index.xml"]), None, None, fetcher, now=NOW)
    assert len(fetcher.calls) == 50
    assert len(out.items) == 49
    assert sum("sitemap cap 50 reached" in s.reason for s in out.skips) == 31


# --------------------------------------------------------------- discover


def test_canonical_dedupe_hosts_and_best_date():
    feed = rss(
        "<item><title>Feed title</title><link>https://www.example.com/a/?utm_source=rss&amp;b=2#top</link>"
        "<pubDate>Tue, 09 Jan 2024 08:00:00 GMT</pubDate></item>"
        "<item><link>https://news.example.com/b?fbclid=1</link></item>"
        "<item><link>https://evil.com/c</link></item>"
        "<item><link>https://notexample.com/d</link></item>"
        "<item><link>mailto:editor@example.com</link></item>"
    )
    news = urlset(
        "<url><loc>https://WWW.example.com/a?b=2</loc><news:news>"
        "<news:publication_date>2024-01-09T09:00:00Z</news:publication_date><news:title>News title</news:title>"
        "</news:news></url>"
        "<url><loc>https://news.example.com/b</loc></url>"
    )
    fetcher = FakeFetcher({"https://example.com/feed": feed, "https://example.com/news.xml": news})
    s = src(feeds=["https://example.com/feed"], sitemaps=["https://example.com/news.xml"])
    out = discover(s, None, None, fetcher, now=NOW)
    assert [(i.url, i.canonical_url) for i in out.items] == [
        ("https://www.example.com/a/?utm_source=rss&b=2#top", "https://www.example.com/a?b=2"),
        ("https://news.example.com/b?fbclid=1", "https://news.example.com/b"),
    ]
    a = out.items[0]
    assert a.published_at == datetime(2024, 1, 9, 9, tzinfo=UTC) and a.date_source == "news"
    assert a.title == "Feed title" and a.via == "https://example.com/feed"
    assert out.counts["duplicates"] == 2
    assert out.counts["off_host"] == 2
    assert out.counts["invalid_url"] == 1


def test_window_boundaries_since_inclusive_until_exclusive():
    since, until = datetime(2024, 1, 9, tzinfo=UTC), datetime(2024, 1, 10, tzinfo=UTC)
    body = urlset(
        "<url><loc>https://example.com/before</loc><lastmod>2024-01-08T23:59:59.999999Z</lastmod></url>"
        "<url><loc>https://example.com/at-since</loc><lastmod>2024-01-09T00:00:00Z</lastmod></url>"
        "<url><loc>https://example.com/at-since-tz</loc><lastmod>2024-01-09T03:00:00+03:00</lastmod></url>"
        "<url><loc>https://example.com/last</loc><lastmod>2024-01-09T23:59:59.999999Z</lastmod></url>"
        "<url><loc>https://example.com/at-until</loc><lastmod>2024-01-10T00:00:00Z</lastmod></url>"
    )
    fetcher = FakeFetcher({"https://example.com/s.xml": body})
    out = discover(src(sitemaps=["https://example.com/s.xml"]), since, until, fetcher, now=NOW)
    assert [i.url for i in out.items] == [
        "https://example.com/at-since", "https://example.com/at-since-tz", "https://example.com/last"]
    assert out.counts["out_of_window"] == 2


def test_naive_window_bounds_are_utc():
    body = urlset("<url><loc>https://example.com/x</loc><lastmod>2024-01-09T00:00:00Z</lastmod></url>")
    fetcher = FakeFetcher({"https://example.com/s.xml": body})
    out = discover(src(sitemaps=["https://example.com/s.xml"]), datetime(2024, 1, 9), datetime(2024, 1, 10), fetcher, now=NOW)
    assert [i.url for i in out.items] == ["https://example.com/x"]


def _undated_run(since, until, **kw):
    body = rss("<item><link>https://example.com/undated</link></item>"
               "<item><link>https://example.com/dated</link><pubDate>Wed, 10 Jan 2024 11:00:00 GMT</pubDate></item>")
    fetcher = FakeFetcher({"https://example.com/feed": body})
    return discover(src(feeds=["https://example.com/feed"]), since, until, fetcher, now=NOW, **kw)


def test_undated_entries_kept_for_live_window_dropped_for_backfill():
    live = _undated_run(datetime(2024, 1, 10, 11, tzinfo=UTC), datetime(2024, 1, 10, 12, tzinfo=UTC))
    assert {i.url for i in live.items} == {"https://example.com/undated", "https://example.com/dated"}
    assert live.counts["undated_kept"] == 1
    open_ended = _undated_run(datetime(2024, 1, 10, 11, tzinfo=UTC), None)
    assert "https://example.com/undated" in {i.url for i in open_ended.items}
    backfill = _undated_run(datetime(2024, 1, 1, tzinfo=UTC), datetime(2024, 1, 2, tzinfo=UTC))
    assert backfill.items == [] and backfill.counts["undated_dropped"] == 1
    forced = _undated_run(datetime(2024, 1, 1, tzinfo=UTC), datetime(2024, 1, 2, tzinfo=UTC), keep_undated=True)
    assert [i.url for i in forced.items] == ["https://example.com/undated"]


def test_max_articles_keeps_newest():
    entries = "".join(
        f"<url><loc>https://example.com/{d}</loc><lastmod>2024-01-0{d}T00:00:00Z</lastmod></url>" for d in (3, 9, 1, 7)
    ) + "<url><loc>https://example.com/undated</loc></url>"
    fetcher = FakeFetcher({"https://example.com/s.xml": urlset(entries)})
    out = discover(src(sitemaps=["https://example.com/s.xml"], max_articles=2), None, None, fetcher, now=NOW)
    assert [i.url for i in out.items] == ["https://example.com/9", "https://example.com/7"]
    assert out.counts["max_articles_cut"] == 3


def test_fetch_failures_not_modified_and_fetcher_exceptions_become_skips():
    class NotModified(FakeFetcher):
        def fetch(self, url, kind="feed"):
            if url.endswith("/nm"):
                self.calls.append((url, kind))
                return FakeResult(True, b"", url, 304, not_modified=True)
            return super().fetch(url, kind)

    fetcher = NotModified({"https://example.com/boom": RuntimeError("blocked by guard")})
    s = src(feeds=["https://example.com/missing", "https://example.com/boom", "https://example.com/nm"])
    out = discover(s, None, None, fetcher, now=NOW)
    assert out.items == []
    reasons = {s.url: s.reason for s in out.skips}
    assert "404" in reasons["https://example.com/missing"]
    assert "blocked by guard" in reasons["https://example.com/boom"]
    assert out.counts["not_modified"] == 1 and out.counts["fetch_failed"] == 2


# ---------------------------------------------------------- bad and hostile


def test_malformed_xml_lenient_fallback_and_logged_skips(caplog):
    broken = (b'<?xml version="1.0"?><rss><channel><item><title>AT&T wins</title>'
              b"<link>https://example.com/q?a=1&b=2</link></item><item><link>https://example.com/second</link></item>"
              b"<item><link>https://example.com/truncat")  # cut off mid-URL: that entry is dropped
    garbage = b"<rss><channel><<<>>>"
    html = b"<!doctype html><html><head><link rel=stylesheet href=/x.css></head><body>Soft 404</body></html>"
    fetcher = FakeFetcher({
        "https://example.com/broken": broken, "https://example.com/garbage": garbage,
        "https://example.com/html": html, "https://example.com/empty": b"  \n",
        "https://example.com/text": b"Access denied\n",
    })
    s = src(feeds=[f"https://example.com/{n}" for n in ("broken", "garbage", "html", "empty", "text")])
    with caplog.at_level(logging.WARNING, logger="pipeline.discover"):
        out = discover(s, None, None, fetcher, now=NOW)
    assert [(i.url, i.title) for i in out.items] == [
        ("https://example.com/q?a=1&b=2", "AT&T wins"), ("https://example.com/second", None)]
    assert out.counts["lenient_parses"] >= 1
    skipped = {s.url for s in out.skips}
    assert skipped == {f"https://example.com/{n}" for n in ("garbage", "html", "empty", "text")}
    assert "parsed leniently" in caplog.text and "skip https://example.com/html" in caplog.text


def test_xxe_external_entity_is_refused_and_never_read(tmp_path: Path, caplog):
    secret = "TOP-SECRET-3f9a1c"
    target = tmp_path / "secret.txt"
    target.write_text(secret)
    xxe_entity = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{target}">]>'
                  "<rss><channel><item><title>&xxe;</title><link>https://example.com/x</link></item></channel></rss>").encode()
    xxe_param = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % p SYSTEM "file://{target}"> %p;]>'
                 "<rss><channel><item><link>https://example.com/y</link></item></channel></rss>").encode()
    xxe_dtd = (f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "file://{target}">'
               "<rss><channel><item><title>&secret;</title><link>https://example.com/z</link></item></channel></rss>").encode()
    xxe_broken = (f'<!DOCTYPE urlset [<!ENTITY xxe SYSTEM "file://{target}">]><urlset><url><loc>&xxe;</loc>'
                  "<url><loc>https://example.com/w</loc></urlset").encode()
    pages = {"https://example.com/1": xxe_entity, "https://example.com/2": xxe_param,
             "https://example.com/3": xxe_dtd, "https://example.com/4": xxe_broken}
    with caplog.at_level(logging.DEBUG):
        out = discover(src(feeds=list(pages)), None, None, FakeFetcher(pages), now=NOW)
    everything = repr(out) + caplog.text
    assert secret not in everything
    reasons = {s.url: s.reason for s in out.skips}
    assert "unsafe XML refused" in reasons["https://example.com/1"]
    assert "unsafe XML refused" in reasons["https://example.com/2"]
    assert "https://example.com/4" in reasons  # malformed with entity declarations: no lenient retry
    assert {i.url for i in out.items} <= {"https://example.com/z"}  # a bare external DTD is never loaded


def test_billion_laughs_refused_quickly():
    ents = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 12))
    body = f'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">{ents}]><rss><channel><item>' \
           f"<title>&lol11;</title><link>https://example.com/x</link></item></channel></rss>".encode()
    start = time.perf_counter()
    out = discover(src(sitemaps=["https://example.com/s"]), None, None, FakeFetcher({"https://example.com/s": body}), now=NOW)
    assert time.perf_counter() - start < 1.0
    assert out.items == []
    assert "unsafe XML refused" in out.skips[0].reason
    with pytest.raises(DocumentError):
        parse_feed(body, "https://example.com/s")


def _sitemap_of(n: int) -> bytes:
    return urlset("".join(
        f"<url><loc>https://example.com/a/{i}?utm_medium=x</loc><lastmod>2024-01-09T{i % 24:02d}:00:00Z</lastmod></url>"
        for i in range(n)
    ))


def test_100k_entry_sitemap_is_capped_in_linear_time(caplog):
    """Ten times the entries cost about ten times the time (a ratio in one run, not a
    wall-clock limit that a loaded machine breaks): no per-entry cost grows with the map."""
    timings = {}
    for n in (10_000, 100_000):
        fetcher = FakeFetcher({"https://example.com/big.xml": _sitemap_of(n)})
        start = time.perf_counter()
        with caplog.at_level(logging.WARNING, logger="pipeline.discover"):
            out = discover(src(sitemaps=["https://example.com/big.xml"]), None, None, fetcher, now=NOW,
                           max_sitemap_entries=30_000)
        timings[n] = time.perf_counter() - start
    assert timings[100_000] < 30 * timings[10_000], timings  # linear is ~10x; quadratic would be ~100x
    assert len(out.items) == 30_000
    assert out.items[0].canonical_url == "https://example.com/a/0"
    assert out.counts["sitemap_entries_cut"] == 70_000
    assert "cut 70000" in caplog.text


# -------------------------------------------------------------- hand-off


def test_jsonl_round_trip():
    items = [
        DiscoveredItem("https://example.com/a?utm_source=x", "https://example.com/a",
                       datetime(2024, 1, 9, 8, tzinfo=UTC), "Заголовок 标题", "https://example.com/feed", "published"),
        DiscoveredItem("https://example.com/b", "https://example.com/b", None, None, "https://example.com/s.xml"),
    ]
    buf = io.StringIO()
    assert dump_items(items, buf) == 2
    assert len(buf.getvalue().splitlines()) == 2
    assert load_items(io.StringIO(buf.getvalue() + "\n")) == items
    with pytest.raises(ValueError, match="line 1"):
        load_items(io.StringIO('{"url": "x"}\n'))


# ---------------------------------------------------------------- config


def test_sources_yaml_loads_with_entry_points_and_language():
    sources = load_sources()
    assert len(sources) >= 10
    names = {s.name for s in sources}
    assert {"cnn", "reuters", "tass", "tass-en", "ria", "interfax", "xinhua-en", "xinhua-zh",
            "peoples-daily-en", "peoples-daily-zh", "cgtn-en", "china-daily-en"} <= names
    for s in sources:
        assert s.feeds or s.sitemaps, s.name
        assert s.language in ("en", "ru", "zh"), s.name
        assert s.allowed_hosts, s.name
        assert s.delay_seconds is not None and 2 <= s.delay_seconds <= 5, s.name
    assert {s.language for s in sources} == {"en", "ru", "zh"}


def test_the_moscow_and_beijing_newsrooms_read_times_printed_without_a_zone_as_their_own():
    # "Сегодня, 14:30", "2024-03-05 14:30", "今天 05:00": local times, and the day may differ from UTC's
    zones = {s.name: {p.timezone for p in s.profiles} for s in load_sources()}
    for name in ("tass", "tass-en", "ria", "interfax"):
        assert zones[name] == {"Europe/Moscow"}, name
    for name in ("xinhua-en", "xinhua-zh", "peoples-daily-en", "peoples-daily-zh", "cgtn-en", "china-daily-en"):
        assert zones[name] == {"Asia/Shanghai"}, name
    assert zones["taipei-times"] == {"Asia/Taipei"}


@pytest.mark.parametrize(
    "body, expected",
    [
        ("sources:\n  - name: bad\n    feeds: [ftp://example.com/rss]\n", ["source 'bad'", "field 'feeds'", "not an http(s) URL"]),
        ("sources:\n  - name: extra\n    feeds: [https://example.com/rss]\n    colour: red\n",
         ["source 'extra'", "field 'colour'", "unknown key"]),
        ("sources:\n  - name: typed\n    feeds: [https://example.com/rss]\n    delay_seconds: slow\n",
         ["source 'typed'", "field 'delay_seconds'"]),
        ("sources:\n  - name: empty\n    language: en\n", ["source 'empty'", "needs at least one feed or sitemap"]),
    ],
)
def test_config_errors_name_file_source_and_field(tmp_path: Path, body: str, expected: list[str]):
    path = tmp_path / "sources.yaml"
    path.write_text(body)
    with pytest.raises(ConfigError) as info:
        load_sources(path)
    message = str(info.value)
    assert str(path) in message
    for part in expected:
        assert part in message, message
