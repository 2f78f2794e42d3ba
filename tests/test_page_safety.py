"""Whatever a page holds, page -> record -> parquet lands or is a counted skip, never raises.

Property-based: arbitrary bytes as a body, arbitrary text (lone surrogates, NULs, non-characters,
any charset label) in the body, in JSON-LD escapes and in the URL.
"""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

import pyarrow.parquet as pq
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from web_values import URLISH

from pipeline.config import Settings
from pipeline.rawstore import RawPage
from pipeline.record import ArticleRecord, records_to_table, valid_text
from pipeline.runner import detect_records, pages_to_records, to_table_isolated

SETTINGS = Settings.model_validate({"extract": {"workers": 1, "min_text_chars": 20}, "translation": {"enabled": False}})
WHEN = datetime(2024, 5, 1, 12, tzinfo=UTC)
# every code point, surrogates included (they arrive as JSON "\ud800" escapes and surrogateescape'd bytes)
ANY_TEXT = st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=300)
CHARSETS = st.sampled_from([None, "text/html", "text/html; charset=utf-8", "text/html; charset=gb2312",
                            "text/html; charset=windows-1251", "text/html; charset=koi8-r", "text/html; charset=bogus-9",
                            "text/html; charset=utf-16", "application/octet-stream"])


def _html(headline: str, body: str, author: str) -> bytes:
    ld = json.dumps({"@type": "NewsArticle", "headline": headline, "author": {"name": author},
                     "datePublished": "2024-05-01T08:00:00Z"})  # ensure_ascii: lone surrogates become \\udxxx escapes
    paras = "".join(f"<p>{body} {i} council budget river harbour minister election market railway.</p>" for i in range(4))
    page = (f'<html><head><title>{headline}</title><script type="application/ld+json">{ld}</script></head>'
            f"<body><article><h1>{headline}</h1>{paras}</article></body></html>")
    return page.encode("utf-8", errors="surrogatepass")


def _through_parquet(records: list[ArticleRecord]) -> int:
    table, bad = to_table_isolated(records)
    buf = io.BytesIO()
    pq.write_table(table, buf)
    buf.seek(0)
    back = pq.read_table(buf)
    return back.num_rows + len(bad)


def _check(page: RawPage) -> None:
    records, skips = pages_to_records([page], "prop", SETTINGS)
    assert len(records) + len(skips) == 1, (records, skips)
    skips += detect_records(records, None)
    assert len(records) + len(skips) == 1
    assert _through_parquet(records) == len(records)
    for rec in records:
        for value in (rec.title, rec.text, rec.url, *rec.authors):
            assert value is None or valid_text(value) == value
    for _url, reason in skips:
        assert reason.strip()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=st.binary(max_size=3000), ctype=CHARSETS)
def test_arbitrary_bytes_land_or_skip(body: bytes, ctype: str | None) -> None:
    _check(RawPage(url="http://news.example/a/1", final_url="http://news.example/a/1", status=200,
                   headers={"content-type": ctype} if ctype else {}, body=body, fetched_at=WHEN))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(headline=ANY_TEXT, body=ANY_TEXT, author=ANY_TEXT, path=ANY_TEXT, ctype=CHARSETS)
def test_arbitrary_text_in_page_jsonld_and_url_lands_or_skips(headline: str, body: str, author: str, path: str,
                                                              ctype: str | None) -> None:
    url = "http://news.example/" + path
    _check(RawPage(url=url, final_url=url, status=200, headers={"content-type": ctype} if ctype else {},
                   body=_html(headline, body, author), fetched_at=WHEN))


@given(value=ANY_TEXT)
def test_record_boundary_makes_any_text_storable(value: str) -> None:
    rec = ArticleRecord(url="http://h.example/" + value, canonical_url="http://h.example/x", source="s", fetched_at=WHEN,
                        title=value, text=value, authors=[value], tags=[value], aliases=[value])
    rec.text_en = value  # set after construction, like translation does
    records_to_table([rec])  # raises on anything pyarrow cannot encode
    assert "\ufffd" in rec.title or rec.title == value


def test_jsonld_lone_surrogate_escapes_become_replacement_characters() -> None:
    """Finding 1's page: the escapes are plain ASCII in the HTML and turn into lone surrogates in json.loads."""
    page = _html("Leaders meet", "Story", "Staff").decode()
    page = page.replace('"headline": "Leaders meet"', '"headline": "Leaders \\ud800 meet"')
    page = page.replace('"name": "Staff"', '"name": "A \\udcff B"')
    assert "\\ud800" in page and "\\udcff" in page
    records, skips = pages_to_records([RawPage(url="http://news.example/s", final_url="http://news.example/s", status=200,
                                                headers={}, body=page.encode(), fetched_at=WHEN)], "prop", SETTINGS)
    assert len(records) == 1, skips
    rec = records[0]
    fields = [rec.title or "", rec.text or "", *rec.authors]
    assert not any(0xD800 <= ord(ch) <= 0xDFFF for value in fields for ch in value), fields
    assert _through_parquet(records) == 1


def test_lists_changed_in_place_are_checked_on_the_way_out() -> None:
    rec = ArticleRecord(url="http://h.example/a", canonical_url="http://h.example/a", source="s", fetched_at=WHEN)
    rec.authors.append("bad \udcff name\x00")
    rec.tags.append("\ud800")
    row = records_to_table([rec]).to_pylist()[0]
    assert row["authors"] == ["bad \ufffd name\ufffd"] and row["tags"] == ["\ufffd"]


def test_a_stated_url_no_url_can_be_made_of_costs_that_field_not_the_article() -> None:
    # og:image, canonical and og:url of "http://[", "//[x]/a" or a port past 65535 raised in urljoin:
    # the page became an error; now the field is empty and the article lands under its own URL
    for bad in ("http://[", "//[not-an-address]/a", "https://news.example:99999/a"):
        head = (f'<meta property="og:image" content="{bad}"><link rel="canonical" href="{bad}">'
                f'<meta property="og:url" content="{bad}">')
        body = _html("Council approves budget", "The council met.", "Jane Roe").replace(b"</head>", head.encode() + b"</head>")
        url = "http://news.example/a/1"
        records, skips = pages_to_records([RawPage(url=url, final_url=url, status=200, headers={}, body=body, fetched_at=WHEN)],
                                          "prop", SETTINGS)
        assert not skips and len(records) == 1, (bad, skips)
        assert records[0].image_url is None and records[0].canonical_url == url, bad


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(image=URLISH, canonical=URLISH, og_url=URLISH, link=URLISH)
def test_any_stated_or_linked_url_leaves_the_article_landing(image: str, canonical: str, og_url: str, link: str) -> None:
    from html import escape

    head = (f'<meta property="og:image" content="{escape(image)}"><link rel="canonical" href="{escape(canonical)}">'
            f'<meta property="og:url" content="{escape(og_url)}"><link rel="author" href="{escape(link)}">')
    crumbs = f'<div><a href="/">Home</a> › <a href="{escape(link)}">Council approves budget</a></div>'
    body = _html("Council approves budget", "The council met.", "Jane Roe").decode()
    body = body.replace("</head>", head + "</head>").replace("<body>", "<body>" + crumbs)
    url = "http://news.example/a/1"
    records, skips = pages_to_records([RawPage(url=url, final_url=url, status=200, headers={},
                                               body=body.encode("utf-8", "surrogatepass"), fetched_at=WHEN)],
                                      "prop", SETTINGS)
    assert not skips and len(records) == 1, skips


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(url=URLISH)
@example(url="http://[::1/x")
def test_any_page_url_gives_an_article_or_none_never_raises(url: str) -> None:
    """The library's own contract, apart from the runner's URL check: a page file whose
    URL cannot be read ("http://[::1/x") is no article, with its reason logged."""
    from pipeline.extract import extract_article

    page = _html("Council approves budget", "The council met and voted on the budget for the parks.", "Jane Roe").decode()
    got = extract_article(page, url)
    assert got is None or got.title == "Council approves budget"
