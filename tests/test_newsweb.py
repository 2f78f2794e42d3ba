"""The local news web (pipeline.newsweb): feeds, encodings, quirks, HTTP semantics.

Most tests use their own module-scoped server so they neither consume nor
pollute the shared `news_web` fixture (hits, flaky budget, disallowed article).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import urllib.robotparser
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from html import unescape
from html.parser import HTMLParser

import defusedxml.ElementTree as ET
import httpx
import pytest
import yaml

from pipeline.config import SourcesFile
from pipeline.newsweb import NON_GB2312_CHARS, NewsWeb
from pipeline.urls import canonicalize

TODAY = date(2025, 6, 18)
NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
    "atom": "http://www.w3.org/2005/Atom",
    "dc": "http://purl.org/dc/elements/1.1/",
}


@pytest.fixture(scope="module")
def web() -> Iterator[NewsWeb]:
    with NewsWeb(today=TODAY, slow_seconds=0.5, fail_first=1) as w:
        yield w


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=10) as c:
        yield c


def _decode(info, body: bytes) -> str:
    return body.decode({"gbk": "gb18030"}.get(info.encoding, info.encoding))


class _Head(HTMLParser):
    """Collects <meta>, <title>, <html lang> and JSON-LD from a page."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.charset: str | None = None
        self.http_equiv: str | None = None
        self.lang: str | None = None
        self.title = ""
        self.ld: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "meta":
            if "charset" in a:
                self.charset = a["charset"]
            if a.get("http-equiv", "").lower() == "content-type":
                self.http_equiv = a.get("content")
            key = a.get("property") or a.get("name")
            if key and key not in self.meta:
                self.meta[key] = a.get("content", "")
        elif tag == "title":
            self._in = "title"
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._in = "ld"
            self.ld.append("")

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        elif self._in == "ld":
            self.ld[-1] += data


def _head(text: str) -> _Head:
    p = _Head()
    p.feed(text)
    return p


def _public(web: NewsWeb):
    return [a for a in web.articles() if "disallowed" not in a.flags]


# ----------------------------------------------------------------------------- catalogue


def test_catalogue_languages_dates_and_lengths(web):
    arts = web.articles()
    by_lang: dict[str, int] = {}
    for a in arts:
        by_lang[a.language] = by_lang.get(a.language, 0) + 1
    assert by_lang["en"] >= 4 and by_lang["ru"] >= 4 and by_lang["zh"] >= 4
    assert by_lang["uk"] == 1 and by_lang["ja"] == 1
    assert {a.published_at.date() for a in arts} == {TODAY, TODAY - timedelta(days=1), TODAY - timedelta(days=2)}
    for day in range(3):
        assert len(web.articles_on(TODAY - timedelta(days=day))) >= 3
    for a in arts:
        assert a.published_at.tzinfo is not None and a.published_at.utcoffset() == timedelta(0)
        assert a.local_published_at.date() == a.published_at.date(), a.id  # local date == UTC date
        if a.language in ("zh", "ja"):
            assert 400 <= len(re.sub(r"\s", "", a.text)) <= 1200, a.id
        else:
            assert 250 <= len(a.text.split()) <= 600, a.id
        assert len(a.paragraphs) >= 5
    flags = {f: [a.id for a in arts if f in a.flags] for f in ("slow", "flaky", "disallowed")}
    assert all(len(v) == 1 for v in flags.values()), flags
    assert web.article(flags["disallowed"][0]).path.startswith("/en/private/")


def test_default_today_is_utc_today_once_its_articles_are_out():
    from pipeline.newsweb.server import content_day

    before = datetime.now(UTC)
    w = NewsWeb()
    try:
        assert w.today in {content_day(before), content_day(datetime.now(UTC))}
        assert w.today in {before.date(), before.date() - timedelta(days=1)}
        assert w.base_url.startswith("http://127.0.0.1:") and w.port > 0
    finally:
        w.stop()


def test_sources_config_validates(web):
    cfg = SourcesFile.model_validate(web.sources_config())
    names = [s.name for s in cfg.sources]
    assert names == ["demo-en", "demo-ru", "demo-zh"]
    for s in cfg.sources:
        assert s.allowed_hosts == ["127.0.0.1"] and s.delay_seconds == 0
        assert all(u.startswith(web.base_url + "/") for u in [*s.feeds, *s.sitemaps])
    assert {s.name: s.language for s in cfg.sources} == {"demo-en": "en", "demo-ru": "ru", "demo-zh": "zh"}
    # Round-trips through YAML as `newspipe demo` writes it.
    SourcesFile.model_validate(yaml.safe_load(yaml.safe_dump(web.sources_config(), allow_unicode=True)))


# ----------------------------------------------------------------------------- feeds and sitemaps


def test_rss_feed(web, client):
    r = client.get(web.url("/en/rss.xml"))
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/rss+xml")
    root = ET.fromstring(r.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    items = root.findall("./channel/item")
    links = [i.findtext("link") for i in items]
    en = [a for a in web.articles() if a.outlet_key == "en"]
    assert {canonicalize(u) for u in links} == {a.url for a in en}
    assert len(links) > len(set(canonicalize(u) for u in links))  # a duplicate item
    assert any("utm_source=" in u for u in links) and any("fbclid=" in u for u in links)
    assert any("#" in u for u in links) and any(u.split("?")[0].endswith("/") for u in links)
    private = [a for a in en if "disallowed" in a.flags][0]
    assert private.url in links  # linked, but robots.txt forbids it
    by_url = {a.url: a for a in en}
    for item in items:
        a = by_url[canonicalize(item.findtext("link"))]
        assert parsedate_to_datetime(item.findtext("pubDate")) == a.published_at
        assert item.findtext("title") == a.title
        assert item.findtext("dc:creator", namespaces=NS) == a.author


def test_atom_feed(web, client):
    r = client.get(web.url("/ru/atom.xml"))
    assert r.headers["content-type"].startswith("application/atom+xml")
    root = ET.fromstring(r.content)
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    entries = root.findall("atom:entry", NS)
    ru_outlet = [a for a in web.articles() if a.outlet_key == "ru"]
    by_url = {a.url: a for a in ru_outlet}
    seen = set()
    for e in entries:
        href = e.find("atom:link[@rel='alternate']", NS).get("href")
        a = by_url[canonicalize(href)]
        seen.add(a.id)
        assert datetime.fromisoformat(e.findtext("atom:published", namespaces=NS)) == a.published_at
        assert datetime.fromisoformat(e.findtext("atom:updated", namespaces=NS)) == a.published_at
        assert e.findtext("atom:title", namespaces=NS) == a.title
    assert seen == {a.id for a in ru_outlet}
    assert "uk" in {a.language for a in ru_outlet}  # a Ukrainian article in the Russian feed
    assert any("utm_source=" in e.find("atom:link", NS).get("href") for e in entries)


def test_news_sitemap_and_index(web, client):
    r = client.get(web.url("/zh/news-sitemap.xml"))
    root = ET.fromstring(r.content)
    urls = root.findall("sm:url", NS)
    zh_outlet = {a.url: a for a in web.articles() if a.outlet_key == "zh"}
    langs = set()
    for u in urls:
        a = zh_outlet[canonicalize(u.findtext("sm:loc", namespaces=NS))]
        pub = u.findtext("news:news/news:publication_date", namespaces=NS)
        assert datetime.fromisoformat(pub) == a.published_at
        assert datetime.fromisoformat(u.findtext("sm:lastmod", namespaces=NS)) == a.published_at
        assert u.findtext("news:news/news:title", namespaces=NS) == a.title
        assert u.findtext("news:news/news:publication/news:name", namespaces=NS) == "环球新闻"
        langs.add(u.findtext("news:news/news:publication/news:language", namespaces=NS))
    assert langs == {"zh-cn", "ja"}
    assert {canonicalize(u.findtext("sm:loc", namespaces=NS)) for u in urls} == set(zh_outlet)

    idx = ET.fromstring(client.get(web.url("/sitemap.xml")).content)
    assert idx.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    children = {s.findtext("sm:loc", namespaces=NS): s.findtext("sm:lastmod", namespaces=NS) for s in idx.findall("sm:sitemap", NS)}
    assert set(children) == {web.url(p) for p in ("/en/sitemap.xml", "/ru/sitemap.xml", "/zh/sitemap.xml", "/zh/news-sitemap.xml")}
    listed: dict[str, datetime] = {}
    for loc, lastmod in children.items():
        child = ET.fromstring(client.get(loc).content)
        stamps = []
        for u in child.findall("sm:url", NS):
            when = datetime.fromisoformat(u.findtext("sm:lastmod", namespaces=NS))
            listed[canonicalize(u.findtext("sm:loc", namespaces=NS))] = when
            stamps.append(when)
        assert datetime.fromisoformat(lastmod) == max(stamps)  # index lastmod = newest child entry
    # The sitemaps list every public article, with its publication time: findable per day.
    assert listed == {a.url: a.published_at for a in _public(web)}
    for day in range(3):
        d = TODAY - timedelta(days=day)
        assert {u for u, t in listed.items() if t.astimezone(UTC).date() == d} == {
            a.url for a in web.articles_on(d) if "disallowed" not in a.flags
        }


# ----------------------------------------------------------------------------- pages


@pytest.mark.parametrize("article_id", ["en1", "en2", "en3", "ru1", "ru3", "ru4", "uk1", "zh1", "zh2", "zh3", "zh4", "ja1"])
def test_page_metadata_agrees(web, client, article_id):
    a = web.article(article_id)
    r = client.get(a.url)
    assert r.status_code == 200
    text = _decode(a, r.content)
    h = _head(text)
    site = a.outlet
    assert h.title == f"{a.title} | {site}"
    assert h.lang.split("-")[0] == a.language
    assert h.meta["og:title"] == a.title and h.meta["og:site_name"] == site
    assert h.meta["og:locale"] and h.meta["og:image"].startswith(web.base_url)
    assert h.meta["description"]
    assert datetime.fromisoformat(h.meta["article:published_time"]) == a.published_at
    (ld_text,) = h.ld
    ld = json.loads(ld_text)
    assert ld["@type"] == "NewsArticle" and ld["headline"] == a.title
    assert datetime.fromisoformat(ld["datePublished"]) == a.published_at
    assert ld["author"][0]["name"] == a.author and ld["articleSection"] == a.section
    assert ld["keywords"] and ld["image"]
    for para in a.paragraphs:
        assert para in unescape(text)
    # Boilerplate for extraction to remove.
    for marker in ('class="main-nav"', 'id="cookie-banner"', 'class="ad ', 'class="related"', 'id="comments"', 'class="site-footer"'):
        assert marker in text
    # Some of the chrome (and the ads) links elsewhere.
    assert 'rel="sponsored nofollow"' in text
    assert f'<link rel="canonical" href="{a.url}">' in text


def test_gbk_pages_declared_gb2312(web, client):
    zh = [a for a in web.articles() if a.language == "zh"]
    seen_chars = set()
    where = set()
    for a in zh:
        r = client.get(a.url)
        body = r.content
        assert a.encoding == "gbk" and a.declared_charset == "gb2312"
        text = body.decode("gb18030")
        assert body.decode("gbk") == text
        with pytest.raises(UnicodeDecodeError):
            body.decode("gb2312")  # honouring the declaration literally fails
        present = {c for c in NON_GB2312_CHARS if c in text}
        assert present, a.id
        seen_chars |= present
        header_cs = r.headers["content-type"].partition("charset=")[2] or None
        h = _head(text)
        declared = {header_cs, h.charset, (h.http_equiv or "").partition("charset=")[2] or None} - {None}
        assert declared == {"gb2312"}, a.id
        where |= set(a.charset_in)
    assert seen_chars == set(NON_GB2312_CHARS)
    assert where == {"header", "meta", "http-equiv"}


def test_cyrillic_legacy_encodings(web, client):
    by_id = {a.id: a for a in web.articles()}
    ru1 = client.get(by_id["ru1"].url)  # cp1251, header and meta
    assert ru1.headers["content-type"] == "text/html; charset=windows-1251"
    with pytest.raises(UnicodeDecodeError):
        ru1.content.decode("utf-8")
    assert "Путин прибыл в Пекин" in ru1.content.decode("cp1251")

    ru2 = by_id["ru2"]  # cp1251, only <meta charset>; flaky, so retry past the 503
    r = client.get(ru2.url)
    if r.status_code == 503:
        r = client.get(ru2.url)
    assert r.status_code == 200 and r.headers["content-type"] == "text/html"
    with pytest.raises(UnicodeDecodeError):
        r.content.decode("utf-8")
    assert _head(r.content.decode("cp1251")).charset == "windows-1251"

    ru4 = client.get(by_id["ru4"].url)  # cp1251, only <meta http-equiv>
    assert ru4.headers["content-type"] == "text/html"
    with pytest.raises(UnicodeDecodeError):
        ru4.content.decode("utf-8")
    assert _head(ru4.content.decode("cp1251")).http_equiv == "text/html; charset=windows-1251"

    ru3 = client.get(by_id["ru3"].url)  # KOI8-R
    assert ru3.headers["content-type"] == "text/html; charset=koi8-r"
    text = ru3.content.decode("koi8-r")
    assert by_id["ru3"].paragraphs[0] in unescape(text)
    assert by_id["ru3"].paragraphs[0] not in unescape(ru3.content.decode("cp1251"))

    uk1 = client.get(by_id["uk1"].url)  # Ukrainian in cp1251
    text = uk1.content.decode("cp1251")
    assert "і" in text and "ї" in text and 'lang="uk"' in text


def test_utf8_pages(web, client):
    for a in web.articles():
        if a.encoding == "utf-8" and "slow" not in a.flags and "disallowed" not in a.flags:
            r = client.get(a.url)
            assert r.headers["content-type"] == "text/html; charset=utf-8"
            assert a.paragraphs[-1] in unescape(r.content.decode("utf-8"))


# ----------------------------------------------------------------------------- HTTP behaviour


def test_flaky_page_503_then_200():
    with NewsWeb(today=TODAY, fail_first=2) as w, httpx.Client() as c:
        (flaky,) = [a for a in w.articles() if "flaky" in a.flags]
        for _ in range(2):
            r = c.get(flaky.url)
            assert r.status_code == 503 and r.headers["retry-after"] == "1"
        r = c.get(flaky.url + "/?utm_source=x")  # the budget is per page, not per spelling
        assert r.status_code == 200 and "ETag" in r.headers
        assert c.get(flaky.url).status_code == 200
        assert w.hits[flaky.path] == 3 and w.hits_for(flaky.path) == 4
        w.reset()
        assert c.get(flaky.url).status_code == 503  # re-armed
    with NewsWeb(today=TODAY, fail_first=0) as w, httpx.Client() as c:
        (flaky,) = [a for a in w.articles() if "flaky" in a.flags]
        assert c.get(flaky.url).status_code == 200


def test_slow_page_delay(web, client):
    (slow,) = [a for a in web.articles() if "slow" in a.flags]
    fast = web.article("en1")
    t0 = time.monotonic()
    assert client.get(slow.url).status_code == 200
    slow_elapsed = time.monotonic() - t0
    t0 = time.monotonic()
    assert client.get(fast.url).status_code == 200
    fast_elapsed = time.monotonic() - t0
    assert slow_elapsed >= web.slow_seconds
    assert fast_elapsed < web.slow_seconds
    with pytest.raises(httpx.ReadTimeout):
        client.get(slow.url, timeout=httpx.Timeout(5, read=0.1))


def test_slow_default_is_about_two_seconds():
    w = NewsWeb()
    try:
        assert w.slow_seconds == 2.0 and w.fail_first == 1
    finally:
        w.stop()


@pytest.mark.parametrize("path", ["/en/world/putin-arrives-in-beijing-for-summit-with-xi", "/en/rss.xml", "/sitemap.xml", "/robots.txt"])
def test_conditional_requests(web, client, path):
    r = client.get(web.url(path))
    etag, last_modified = r.headers["etag"], r.headers["last-modified"]
    assert etag.startswith('"') and parsedate_to_datetime(last_modified).tzinfo is not None

    r304 = client.get(web.url(path), headers={"If-None-Match": etag})
    assert r304.status_code == 304 and r304.content == b"" and r304.headers["etag"] == etag
    assert client.get(web.url(path), headers={"If-None-Match": f'"nope", W/{etag}'}).status_code == 304
    assert client.get(web.url(path), headers={"If-None-Match": '"other"'}).status_code == 200

    assert client.get(web.url(path), headers={"If-Modified-Since": last_modified}).status_code == 304
    later = format_datetime(parsedate_to_datetime(last_modified) + timedelta(hours=1), usegmt=True)
    assert client.get(web.url(path), headers={"If-Modified-Since": later}).status_code == 304
    earlier = format_datetime(parsedate_to_datetime(last_modified) - timedelta(seconds=1), usegmt=True)
    again = client.get(web.url(path), headers={"If-Modified-Since": earlier})
    assert again.status_code == 200 and again.content == r.content
    # If-None-Match takes precedence over If-Modified-Since.
    assert client.get(web.url(path), headers={"If-None-Match": '"other"', "If-Modified-Since": later}).status_code == 200


def test_last_modified_is_publication_time(web, client):
    a = web.article("zh2")
    r = client.get(a.url)
    assert parsedate_to_datetime(r.headers["last-modified"]) == a.published_at


def test_robots_txt(web, client):
    r = client.get(web.url("/robots.txt"))
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    assert "Disallow: /en/private/" in r.text
    assert f"Sitemap: {web.base_url}/sitemap.xml" in r.text
    rp = urllib.robotparser.RobotFileParser()
    rp.parse(r.text.splitlines())
    (private,) = [a for a in web.articles() if "disallowed" in a.flags]
    assert not rp.can_fetch("newspipe", private.url)
    assert all(rp.can_fetch("newspipe", a.url) for a in _public(web))
    assert rp.can_fetch("newspipe", web.url("/en/rss.xml"))


def test_duplicate_url_variants_serve_identical_bodies(web, client):
    multi = [a for a in web.articles() if len(a.variants) > 1]
    assert {a.outlet_key for a in multi} == {"en", "ru", "zh"}
    kinds = set()
    for a in multi:
        if "flaky" in a.flags or "slow" in a.flags:
            continue
        canonical = client.get(a.url)
        assert canonical.status_code == 200
        for v in a.variants:
            assert canonicalize(v) == a.url
            r = client.get(v)  # httpx drops the #fragment, as browsers do
            assert r.status_code == 200 and r.content == canonical.content, v
            assert r.headers["etag"] == canonical.headers["etag"]
            if "utm_" in v:
                kinds.add("utm")
            if "fbclid=" in v:
                kinds.add("fbclid")
            if "#" in v:
                kinds.add("fragment")
            if v.split("?")[0].split("#")[0].endswith("/"):
                kinds.add("slash")
    assert kinds == {"utm", "fbclid", "fragment", "slash"}


def test_hits_and_404(web, client):
    path = "/zh/definitely-not-here"
    before = web.hits[path]
    r = client.get(web.url(path + "?a=1"))
    assert r.status_code == 404
    assert web.hits[path] == before + 1  # keyed by path without query
    head = client.head(web.url("/en/rss.xml"))
    assert head.status_code == 200 and head.content == b"" and int(head.headers["content-length"]) > 0
    for p in ("/", "/en/", "/ru/", "/zh/", "/static/img/en1.png", "/static/site.css"):
        assert client.get(web.url(p)).status_code == 200, p
    assert client.get(web.url("/static/img/en1.png")).content.startswith(b"\x89PNG")


def test_urllib_client(web):
    import urllib.request

    with urllib.request.urlopen(web.url("/ru/atom.xml"), timeout=10) as resp:
        assert resp.status == 200
        ET.fromstring(resp.read())


def test_stop_frees_port():
    w = NewsWeb(today=TODAY).start()
    port = w.port
    w.stop()
    with NewsWeb(port=port, today=TODAY) as again, httpx.Client() as c:
        assert c.get(again.url("/robots.txt")).status_code == 200


def test_shared_fixture(news_web):
    # Only harmless requests here: other tests assert on the shared server's hits.
    assert news_web.today.isoformat() == "2025-06-18"
    SourcesFile.model_validate(news_web.sources_config())
    assert httpx.get(news_web.url("/robots.txt"), timeout=10).status_code == 200


def test_cli_prints_sources():
    out = subprocess.run(
        [sys.executable, "-m", "pipeline.newsweb", "--port", "0", "--today", "2025-06-18", "--sources"],
        capture_output=True, text=True, timeout=60, check=True,
    ).stdout
    SourcesFile.model_validate(yaml.safe_load(out))


def test_site_stays_on_yesterday_until_todays_articles_are_out():
    # right after midnight UTC the day's articles (02:30-07:00) would be dated in the
    # future; the site serves yesterday as its "today" until the last of them is out
    from datetime import UTC, date, datetime

    from pipeline.newsweb.server import content_day

    assert content_day(datetime(2026, 12, 1, 0, 20, tzinfo=UTC)) == date(2026, 11, 30)
    assert content_day(datetime(2026, 12, 1, 6, 59, tzinfo=UTC)) == date(2026, 11, 30)
    assert content_day(datetime(2026, 12, 1, 7, 0, tzinfo=UTC)) == date(2026, 12, 1)
    assert content_day(datetime(2026, 12, 1, 23, 59, tzinfo=UTC)) == date(2026, 12, 1)
