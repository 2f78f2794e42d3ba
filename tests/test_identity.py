"""One article, one id: identity from requested URL, redirects, rel=canonical and og:url."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pipeline.config import Settings
from pipeline.identity import decide_identity, same_site
from pipeline.rawstore import RawPage
from pipeline.record import article_id_for
from pipeline.runner import pages_to_records


def test_redirect_chain_and_feed_url_are_aliases_of_the_final_url() -> None:
    ident = decide_identity("https://news.example/r/123?utm_source=rss", "https://news.example/2024/05/story",
                            ["https://news.example/r2/123"])
    assert ident.canonical_url == "https://news.example/2024/05/story"
    assert ident.article_id == article_id_for(ident.canonical_url)
    assert ident.aliases == ["https://news.example/r/123", "https://news.example/r2/123"]
    assert ident.all_ids == [ident.article_id, *map(article_id_for, ident.aliases)]


def test_amp_and_mobile_copies_name_their_canonical() -> None:
    amp = decide_identity("https://amp.news.example/amp/story", canonical_url="https://www.news.example/world/story")
    assert amp.canonical_url == "https://www.news.example/world/story"
    assert amp.aliases == ["https://amp.news.example/amp/story"]
    og = decide_identity("https://m.news.example/story", og_url="https://news.example/world/story")
    assert og.canonical_url == "https://news.example/world/story"


@pytest.mark.parametrize("canonical", [
    "https://other.example/world/story",  # another site cannot claim the page
    "https://news.example/",  # the home page (a broken template)
    "/",
    "https://news.example/world",  # the section the page sits in
    "/politics",  # a one-word section
    "javascript:alert(1)",
    "",
])
def test_canonicals_that_are_ignored(canonical: str) -> None:
    ident = decide_identity("https://news.example/world/2024/story", canonical_url=canonical)
    assert ident.canonical_url == "https://news.example/world/2024/story"
    assert ident.aliases == []


def test_og_url_used_when_canonical_is_unusable() -> None:
    ident = decide_identity("https://news.example/a/2024/x?id=1", canonical_url="https://news.example/",
                            og_url="https://news.example/a/2024/x")
    assert ident.canonical_url == "https://news.example/a/2024/x"
    assert ident.aliases == ["https://news.example/a/2024/x?id=1"]


def test_same_site() -> None:
    assert same_site("https://www.news.example/a", "https://m.news.example/b")
    assert same_site("https://news.example/a", "https://video.news.example/b")
    assert not same_site("https://news.example/a", "https://news.example.evil/b")


def test_extraction_reads_canonical_and_og_url_for_identity() -> None:
    from pipeline.extract import extract_article

    body = "".join(f"<p>Paragraph {i} of the council budget story, with enough words to count as text.</p>" for i in range(5))
    html = ('<html><head><link rel="alternate" href="/x"><link rel="Canonical" href="/world/story">'
            f'<meta property="og:url" content="https://news.example/og"></head><body><article>{body}</article></body></html>')
    ext = extract_article(html, "https://news.example/amp/story")
    assert ext is not None
    assert (ext.canonical_url, ext.og_url) == ("https://news.example/world/story", "https://news.example/og")


def _page(date: str) -> bytes:
    paras = "".join(f"<p>Paragraph {i} of the council budget story, with enough words to count as text.</p>" for i in range(5))
    ld = f'{{"@type": "NewsArticle", "headline": "Budget", "datePublished": "{date}"}}'
    return (f'<html><head><title>Budget</title><script type="application/ld+json">{ld}</script></head>'
            f"<body><article><h1>Budget</h1>{paras}</article></body></html>").encode()


def test_fetched_at_reaches_the_date_checks() -> None:
    """A date after the page was fetched is implausible; judged against fetched_at, not today, so a page
    rebuilt from raw years later gives the same row."""
    settings = Settings.model_validate({"extract": {"workers": 1, "min_text_chars": 20}})
    fetched = datetime(2024, 5, 1, 12, tzinfo=UTC)

    def published(date: str):
        page = RawPage(url="https://news.example/a/1", final_url="https://news.example/a/1", status=200, headers={},
                       body=_page(date), fetched_at=fetched)
        records, skips = pages_to_records([page], "s", settings)
        assert len(records) == 1, skips
        return records[0].published_at

    assert published("2024-04-30T08:00:00Z") == datetime(2024, 4, 30, 8, tzinfo=UTC)
    assert published("2024-09-30T08:00:00Z") != datetime(2024, 9, 30, 8, tzinfo=UTC)  # after the fetch: not believed


def test_extract_pages_in_workers_passes_fetched_at_like_serial() -> None:
    """The one extraction call site: worker processes get each page's fetched_at too."""
    from pipeline.page import PageContext
    from pipeline.runner import extract_pages

    fetched = datetime(2024, 5, 1, 12, tzinfo=UTC)
    pages = [PageContext(requested_url=f"https://news.example/a/{i}", final_url=f"https://news.example/a/{i}",
                         fetched_at=fetched, source="s", html=_page(date).decode())
             for i, date in enumerate(["2024-04-30T08:00:00Z", "2024-09-30T08:00:00Z"] * 2)]
    serial = extract_pages(pages, Settings.model_validate({"extract": {"workers": 1, "min_text_chars": 20}}))
    parallel = extract_pages(pages, Settings.model_validate({"extract": {"workers": 2, "min_text_chars": 20}}))
    assert [e.published_at for e in serial] == [e.published_at for e in parallel]
    assert serial[0].published_at == datetime(2024, 4, 30, 8, tzinfo=UTC)
    assert serial[1].published_at != datetime(2024, 9, 30, 8, tzinfo=UTC)


def test_join_url_makes_a_url_or_says_none_can_be_made():
    from pipeline.urls import join_url

    assert join_url("https://news.example/a/1", "../b?x=1#f") == "https://news.example/b?x=1#f"
    assert join_url("https://news.example/a/1", "//cdn.example/i.jpg") == "https://cdn.example/i.jpg"
    # urljoin and urlsplit raise on these; a value from the web is then no URL
    for ref in ("http://[", "//[not-an-address]/a", "https://news.example:99999/a", "http://[::1"):
        assert join_url("https://news.example/a/1", ref) is None, ref
