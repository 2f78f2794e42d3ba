"""extract_article / extract_many on pages written for these tests."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from pipeline.config import ExtractSettings
from pipeline.extract import Extracted, extract_article, extract_many

FETCHED = datetime(2024, 3, 10, 12, 0, tzinfo=UTC)

PARAS = [
    "The harbour authority of Northfield announced on Tuesday that the old lighthouse on the eastern pier "
    "will be restored over the next two years, after a decade in which the tower stood empty and unlit.",
    "Engineers who surveyed the structure last autumn found that the iron lantern room had rusted through "
    "in several places, while the stone base remained sound despite repeated winter storms.",
    "The restoration will cost an estimated four million euros, most of it paid by a regional heritage "
    "fund, with the remainder raised by a local association of former fishermen and their families.",
    "Local historians say the lighthouse guided ships into the harbour for more than a century and that "
    "its keeper's logbooks, kept in the town archive, record storms, rescues and the daily weather.",
    "Work is expected to begin in the spring, once the breeding season of the gulls nesting on the pier "
    "has ended, and the lamp should be lit again for the first time on the tower's two hundredth anniversary.",
]


def news_page(*, jsonld: object | None = None, head_extra: str = "", title_tag: str = "Lighthouse to shine again | Northfield Gazette",
              h1: str = "Lighthouse to shine again", lang: str = "en", body_extra: str = "") -> str:
    ld = f'<script type="application/ld+json">{json.dumps(jsonld)}</script>' if jsonld is not None else ""
    paras = "\n".join(f"<p>{p}</p>" for p in PARAS)
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<title>{title_tag}</title>
<meta property="og:site_name" content="Northfield Gazette">
{head_extra}
{ld}
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/weather">Weather</a></li></ul></nav></header>
<div class="ad-banner">Advertisement: Buy the best boots in town at Boot Palace, now with 20% off!</div>
<main><article>
<h1>{h1}</h1>
<div class="byline">By Anna Berg and Tom Lund</div>
{paras}
{body_extra}
</article>
<aside class="related"><h3>Related stories</h3><ul>
<li><a href="/news/ferry-timetable-changes-this-summer">Ferry timetable changes this summer</a></li>
<li><a href="/news/new-fish-market-opens-on-the-quay">New fish market opens on the quay</a></li></ul></aside>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>Great news, I remember the light from my childhood!</p></div>
<div class="comment"><p>What a waste of money, fix the roads first.</p></div></section>
</main>
<footer><p>© 2024 Northfield Gazette. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>"""


GRAPH = {
    "@context": "https://schema.org",
    "@graph": [
        {"@type": "WebSite", "name": "Northfield Gazette", "url": "https://gazette.example/"},
        {
            "@type": ["NewsArticle"],
            "headline": "Lighthouse to shine again",
            "datePublished": "2024-03-05T09:30:00+01:00",
            "dateModified": "2024-03-06T10:00:00+01:00",
            "author": [{"@type": "Person", "name": "Anna Berg"}, {"@type": "Person", "name": "Tom Lund"}],
            "keywords": "lighthouse, heritage, harbour",
            "articleSection": "Local",
            "image": {"@type": "ImageObject", "url": "https://gazette.example/img/lighthouse.jpg"},
            "publisher": {"@type": "NewsMediaOrganization", "name": "Northfield Gazette"},
        },
    ],
}


def test_news_page_body_without_boilerplate():
    got = extract_article(news_page(jsonld=GRAPH), "https://gazette.example/news/lighthouse", fetched_at=FETCHED)
    assert isinstance(got, Extracted)
    text = got.text or ""
    for p in PARAS:
        assert p in text
    for junk in ("Boot Palace", "Ferry timetable", "waste of money", "All rights reserved", "Sport"):
        assert junk not in text
    assert text.split("\n")[0] == PARAS[0]  # the headline is not repeated as the first paragraph
    assert "\n" in text


def test_jsonld_graph_fields():
    got = extract_article(news_page(jsonld=GRAPH), "https://gazette.example/news/lighthouse", fetched_at=FETCHED)
    assert got is not None
    assert got.title == "Lighthouse to shine again"
    assert got.published_at == datetime(2024, 3, 5, 8, 30, tzinfo=UTC)
    assert got.published_day == "2024-03-05"
    assert got.authors == ["Anna Berg", "Tom Lund"]
    assert got.tags == ["lighthouse", "heritage", "harbour", "Local"]
    assert got.image_url == "https://gazette.example/img/lighthouse.jpg"
    assert got.site_name == "Northfield Gazette"
    assert got.page_language == "en"
    assert got.html_lang == "en"


def test_title_site_suffix_stripped_and_h1_agreement():
    page = news_page(
        head_extra='<meta property="og:title" content="Lighthouse to shine again - Northfield Gazette">',
        title_tag="Lighthouse to shine again | Northfield Gazette",
    )
    got = extract_article(page, "https://gazette.example/news/lighthouse", fetched_at=FETCHED)
    assert got is not None and got.title == "Lighthouse to shine again"
    # prefix form and no <h1>
    page = news_page(title_tag="Northfield Gazette: Lighthouse to shine again", h1="")
    got = extract_article(page.replace("<h1></h1>", ""), "https://gazette.example/news/lighthouse", fetched_at=FETCHED)
    assert got is not None and got.title == "Lighthouse to shine again"


def test_date_only_in_url():
    got = extract_article(news_page(), "https://gazette.example/2023/11/07/lighthouse-to-shine-again/", fetched_at=FETCHED)
    assert got is not None
    assert got.published_at == datetime(2023, 11, 7, tzinfo=UTC)
    assert got.date_source == "url"


def test_utc_only_instant_takes_the_newsroom_day_from_the_url():
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Lighthouse to shine again",
          "datePublished": "2024-03-06T01:30:00Z"}
    # filed on the evening of the 5th in the Americas: 01:30 UTC on the 6th
    got = extract_article(news_page(jsonld=ld), "https://gazette.example/2024/03/05/lighthouse/", fetched_at=FETCHED)
    assert got is not None
    assert got.published_day == "2024-03-05" and got.published_at == datetime(2024, 3, 6, 1, 30, tzinfo=UTC)
    # a URL day that no time zone reaches from that instant is not the newsroom's day
    got = extract_article(news_page(jsonld=ld), "https://gazette.example/2024/03/02/lighthouse/", fetched_at=FETCHED)
    assert got is not None and got.published_day == "2024-03-06"
    # an instant stated with its own offset keeps its own day
    ld["datePublished"] = "2024-03-06T01:30:00+01:00"
    got = extract_article(news_page(jsonld=ld), "https://gazette.example/2024/03/05/lighthouse/", fetched_at=FETCHED)
    assert got is not None and got.published_day == "2024-03-06"


def test_future_date_rejected():
    head = (
        '<meta property="article:published_time" content="2031-01-01T00:00:00Z">'
        '<meta property="og:updated_time" content="2031-01-02T00:00:00Z">'
    )
    got = extract_article(news_page(head_extra=head), "https://gazette.example/2024/02/28/lighthouse/", fetched_at=FETCHED)
    assert got is not None
    assert got.published_at is not None and got.published_at.year != 2031
    assert got.published_at.date().isoformat() == "2024-02-28"


def test_meta_tags_authors_tags_image_language():
    head = """
<meta property="og:title" content="Lighthouse to shine again">
<meta property="og:locale" content="en_GB">
<meta property="og:image" content="/img/lh.jpg">
<meta property="article:published_time" content="2024-03-01T18:00:00-05:00">
<meta property="article:tag" content="lighthouse">
<meta property="article:tag" content="heritage">
<meta name="author" content="Anna Berg and Tom Lund">
<link rel="canonical" href="https://gazette.example/news/lighthouse">
<meta name="description" content="The eastern pier lighthouse will be restored.">"""
    got = extract_article(news_page(head_extra=head, lang=""), "https://gazette.example/news/lighthouse?utm_source=x", fetched_at=FETCHED)
    assert got is not None
    assert got.authors == ["Anna Berg", "Tom Lund"]
    assert got.tags == ["lighthouse", "heritage"]
    assert got.image_url == "https://gazette.example/img/lh.jpg"
    assert got.og_locale == "en_GB" and got.page_language == "en"
    assert got.canonical_url == "https://gazette.example/news/lighthouse"
    assert got.description == "The eastern pier lighthouse will be restored."
    assert got.published_day == "2024-03-01"  # the day in the stated zone
    assert got.published_at == datetime(2024, 3, 1, 23, 0, tzinfo=UTC)


def test_page_language_from_html_lang_region():
    got = extract_article(news_page(lang="ru-RU"), "https://gazette.example/news/lighthouse", fetched_at=FETCHED)
    assert got is not None and got.page_language == "ru" and got.html_lang == "ru-RU"


def test_time_element_in_article():
    extra = '<p class="dateline"><time datetime="2024-01-15T07:00:00+00:00">15 January 2024</time></p>'
    got = extract_article(news_page(body_extra=extra), "https://gazette.example/news/lighthouse", fetched_at=FETCHED)
    assert got is not None and got.published_day == "2024-01-15"


def test_no_article_page_returns_none(caplog):
    page = """<html><head><title>Northfield Gazette</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<ul><li><a href="/a">Ferry timetable changes</a></li><li><a href="/b">Fish market opens</a></li></ul>
<footer>© 2024</footer></body></html>"""
    with caplog.at_level("INFO", logger="pipeline.extract"):
        assert extract_article(page, "https://gazette.example/", fetched_at=FETCHED) is None
    assert "no article" in caplog.text
    assert extract_article("", "https://gazette.example/") is None


def test_jsonld_body_used_when_page_text_is_thin():
    body = " ".join(PARAS)
    ld = {"@context": "https://schema.org", "@type": "Article", "headline": "Script-rendered story", "articleBody": body}
    page = f"""<html><head><title>Script-rendered story</title>
<script type="application/ld+json">{json.dumps(ld)}</script></head>
<body><div id="app">Loading…</div></body></html>"""
    got = extract_article(page, "https://gazette.example/news/spa", fetched_at=FETCHED)
    assert got is not None
    assert PARAS[2] in (got.text or "")
    assert "Loading" not in (got.text or "")


def _pages() -> list[tuple[str, str]]:
    pages = []
    for i in range(12):
        url = f"https://gazette.example/2024/0{1 + i % 9}/1{i % 9}/story-{i}"
        pages.append((news_page(h1=f"Story number {i}", title_tag=f"Story number {i} | Northfield Gazette"), url))
    pages.insert(5, ("<html><body><p>nothing</p></body></html>", "https://gazette.example/empty"))
    return pages


def test_extract_many_matches_sequential_in_order():
    pages = _pages()
    settings = ExtractSettings(max_tasks_per_worker=4)  # forces worker recycling mid-run
    seq = list(extract_many(pages, settings, workers=1))
    par = list(extract_many(pages, settings, workers=2, chunk_size=2))
    assert len(par) == len(pages)
    assert par[5] is None
    assert [None if r is None else r.title for r in par] == [None if r is None else r.title for r in seq]

    def strip(r: Extracted | None) -> dict | None:
        return None if r is None else r.__dict__

    assert [strip(r) for r in par] == [strip(r) for r in seq]


@pytest.mark.parametrize("value", ["1994-12-31T00:00:00Z", "not a date"])
def test_implausible_or_bad_dates_ignored(value):
    head = f'<meta property="article:published_time" content="{value}">'
    got = extract_article(news_page(head_extra=head), "https://gazette.example/news/lighthouse", fetched_at=FETCHED)
    assert got is not None
    assert got.published_at is None or got.published_at.year >= 1995


# ---- the date the article shows its readers

_DATED_LD = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    "headline": "Lighthouse to shine again",
    "datePublished": "2023-10-02T09:00:00-04:00",
    "dateModified": "2023-12-26T10:48:00-05:00",
}


def _dated_page(byline: str, tail: str = "") -> str:
    related = ('<aside class="related"><ul><li><a href="/n/1">Ferry timetable changes</a> '
               '<span class="date">December 27, 2023</span></li></ul></aside>')
    return news_page(jsonld=_DATED_LD, body_extra=f'<p>{tail}</p>' if tail else "").replace(
        '<div class="byline">By Anna Berg and Tom Lund</div>', f'<div class="byline">By Anna Berg and Tom Lund {byline}</div>'
    ).replace("</main>", related + "</main>")


def test_displayed_update_date_wins_over_hidden_published():
    # the only date the article shows is its update: that is the date readers see
    page = _dated_page('<time class="update-date" datetime="2023-12-26T10:48:00-05:00">Updated December 26, 2023 10:48 AM</time>')
    got = extract_article(page, "https://gazette.example/news/lighthouse", fetched_at=FETCHED)
    assert got is not None and got.published_day == "2023-12-26"
    assert got.date_source == "visible+modified"


def test_published_date_beside_update_in_byline_wins():
    page = _dated_page("<span>Updated Dec. 26, 2023 10:48AM EST / Published Oct. 2, 2023 9:00AM EDT</span>")
    got = extract_article(page, "https://gazette.example/news/lighthouse", fetched_at=FETCHED)
    assert got is not None and got.published_day == "2023-10-02"


def test_distant_original_publication_note_does_not_override_displayed_date():
    page = _dated_page("<span>Updated 26 December 2023</span>",
                       tail="This story was originally published October 2, 2023, 9:00 AM.")
    got = extract_article(page, "https://gazette.example/news/lighthouse", fetched_at=FETCHED)
    assert got is not None and got.published_day == "2023-12-26"


def test_visible_dates_of_other_stories_ignored():
    # no byline date; the related list's date agrees with no stated date
    page = _dated_page("")
    got = extract_article(page, "https://gazette.example/news/lighthouse", fetched_at=FETCHED.replace(year=2025))
    assert got is not None and got.published_day == "2023-10-02"
    # and the displayed published day is kept when it matches the stated one
    page = _dated_page("<time>October 2, 2023</time>")
    got = extract_article(page, "https://gazette.example/news/lighthouse", fetched_at=FETCHED.replace(year=2025))
    assert got is not None and got.published_day == "2023-10-02" and got.date_source == "jsonld"


# ---- page furniture inside the article container

def test_furniture_stamps_bios_and_sources_dropped():
    extra = (
        "<p>All products featured on the Gazette are independently selected by our editors.</p>"
        "<p>Saturday 9 March 2024 05:39, UK</p>"
        "<p>Want more harbour news? Sign up for the Gazette's free weekly newsletter.</p>"
        "<p>This content can also be viewed on the site it originates from.</p>"
        "<p>Exhibition open 29 November 2023 | 20 January 2024</p>"
        "<p>Tom Lund contributed to this report.</p>"
        "<h3>Sources</h3><p>Harbour authority, Annual report on the eastern pier, 2023</p>"
        "<p>Northfield Archive, Keeper's logbook 1899-1901, accessed March 2024</p>"
        "<p>Anna Berg is a senior reporter at the Northfield Gazette covering the coast and its towns.</p>"
    )
    got = extract_article(news_page(body_extra=extra), "https://gazette.example/news/lighthouse", fetched_at=FETCHED)
    assert got is not None
    text = got.text or ""
    for p in PARAS:
        assert p in text
    for junk in ("independently selected", "05:39", "newsletter", "originates from", "contributed to this report",
                 "Annual report", "Keeper's logbook", "senior reporter"):
        assert junk not in text, junk
    assert "29 November 2023 | 20 January 2024" in text  # a date range is content, not a stamp


def test_bio_like_sentence_inside_article_kept():
    # the bio rule only strips the closing paragraphs; the same shape mid-article stays
    extra = "<p>Maria Holm is a former newspaper editor who tended the light for thirty years before it went dark.</p>"
    page = news_page().replace(f"<p>{PARAS[2]}</p>", f"<p>{PARAS[2]}</p>{extra}")
    got = extract_article(page, "https://gazette.example/news/lighthouse", fetched_at=FETCHED)
    assert got is not None and "Maria Holm is a former newspaper editor" in (got.text or "")


def test_closing_disclosures_and_late_sources_dropped():
    # a long list of short sources puts the heading in the first half by paragraph count;
    # it still closes the text by length
    sources = "".join(f"<p>Interview with source number {i}, harbour office, March {i + 1}, 2024</p>" for i in range(12))
    extra = (
        f"<h3>Our Sources</h3>{sources}"
    )
    got = extract_article(news_page(body_extra=extra), "https://gazette.example/news/lighthouse", fetched_at=FETCHED)
    assert got is not None and PARAS[-1] in (got.text or "")
    assert "Interview with source" not in (got.text or "")
    for closing in (
        "The author or authors do not own shares in any securities mentioned in this article.",
        "Northfield Gazette's mission is to be a digital town square for coastal communities.",
        "For more local coverage, visit gazette.example/news",
        "(Reporting by Anna Berg; Editing by Tom Lund)",
        "This piece originally appeared in the Coastal Review.",
        "Harbour Notes is for informational purposes only and does not constitute legal advice.",
        "To learn more about the eastern pier, watch our documentary on Gazette TV.",
        "Follow senior reporter Anna Berg on Instagram at @annaberg.",
    ):
        got = extract_article(news_page(body_extra=f"<p>{closing}</p>"), "https://gazette.example/news/lighthouse", fetched_at=FETCHED)
        assert got is not None and PARAS[-1] in (got.text or "") and closing not in (got.text or ""), closing


def test_calls_to_action_and_provenance_lines_dropped():
    lead = "<p>This article originally appeared on the Coastal Review.</p>"
    extra = (
        "<p>Also read: Ferry timetable changes this summer</p>"
        "<p>REQUIRED READING: New fish market opens on the quay</p>"
        "<p>For the full restoration timetable, click here.</p>"
        "<p>We need your help.</p><p>Support independent journalism in Northfield today.</p>"
        "<p>Don't want to miss a column? Sign up to get Harbour Notes in your inbox.</p>"
        "<p>in-content</p><p>mid-content</p>"
        "<p>Get the Gazette delivered every week, 12 issues for £9. Click here for more information.</p>"
        "<p>If you buy something through this post, the Gazette may get a share of the sale.</p>"
        "<p>Tell us what YOU think...</p><p>More Great Gazette Stories</p>"
    )
    page = news_page().replace(f"<p>{PARAS[0]}</p>", f"{lead}<p>{PARAS[0]}</p>").replace(f"<p>{PARAS[2]}</p>", f"<p>{PARAS[2]}</p>{extra}")
    got = extract_article(page, "https://gazette.example/news/lighthouse", fetched_at=FETCHED)
    assert got is not None
    text = got.text or ""
    assert text.split("\n")[0] == PARAS[0]
    for p in PARAS:
        assert p in text
    for junk in ("originally appeared", "Also read", "REQUIRED READING", "click here", "your help", "independent journalism", "inbox",
                 "in-content", "mid-content", "Click here", "share of the sale", "what YOU think", "Great Gazette Stories"):
        assert junk not in text, junk


def test_review_badges_citations_and_photo_credits_dropped():
    lead = ("<p>This article has been reviewed according to the Gazette's editorial process and policies.</p>"
            "<p>fact-checked</p><p>proofread</p><p>Lighthouse to shine again</p>")
    extra = ("<p>Next: Ferry timetable changes this summer</p>"
             "<p>Get the harbour news direct to your inbox.</p>")
    tail = ("<p>A. Berg et al. 2024. Corrosion of iron lantern rooms on the North Sea coast. J. Coastal Eng. 12: 45-67</p>"
            "<p>Keeper's logbook, Northfield Archive.</p>")
    credits = "<p>PHOTO CREDITS</p><p>Photographer Tom Lund</p><p>Drone operator Maria Holm</p>"
    for closing in (tail, credits):
        page = (news_page().replace(f"<p>{PARAS[0]}</p>", f"{lead}<p>{PARAS[0]}</p>")
                .replace(f"<p>{PARAS[2]}</p>", f"<p>{PARAS[2]}</p>{extra}").replace(f"<p>{PARAS[-1]}</p>", f"<p>{PARAS[-1]}</p>{closing}"))
        got = extract_article(page, "https://gazette.example/news/lighthouse", fetched_at=FETCHED)
        assert got is not None
        text = got.text or ""
        assert text.split("\n")[0] == PARAS[0] and text.split("\n")[-1] == PARAS[-1]
        for junk in ("editorial process", "fact-checked", "proofread", "Ferry timetable", "inbox", "et al", "logbook, Northfield",
                     "PHOTO CREDITS", "Drone operator"):
            assert junk not in text, junk


def test_markup_escaped_twice_is_read_as_its_text():
    shown = ('&lt;a href="https://social.example/hashtag/Northfield"&gt;#Northfield&lt;/a&gt; harbour master '
             'says the lamp will be &lt;b&gt;lit again&lt;/b&gt; in two years, and the pier stays open to walkers. '
             '[button link="https://gazette.example/tips" type="big"]Send us your harbour photos[/button]')
    page = news_page().replace(f"<p>{PARAS[2]}</p>", f"<p>{PARAS[2]}</p><p>{shown}</p>")
    got = extract_article(page, "https://gazette.example/news/lighthouse", fetched_at=FETCHED)
    assert got is not None
    assert "#Northfield harbour master says the lamp will be lit again in two years" in (got.text or "")
    assert "href" not in (got.text or "") and "[button" not in (got.text or "") and "[/button]" not in (got.text or "")


def test_image_captions_dropped_unless_the_story_prints_them_too():
    cap = "The lighthouse on the eastern pier of Northfield, photographed from the ferry in March"
    fig = f'<div class="mol-photo"><img src="/img/l.jpg"><p class="imageCaption">{cap}</p></div>'
    # a caption that repeats a sentence of the story: the story's paragraph stays
    fig2 = f'<div class="photo"><img src="/img/k.jpg"><p class="imageCaption">{PARAS[3]}</p></div>'
    page = news_page().replace(f"<p>{PARAS[1]}</p>", f"{fig}<p>{PARAS[1]}</p>").replace(f"<p>{PARAS[3]}</p>", f"{fig2}<p>{PARAS[3]}</p>")
    got = extract_article(page, "https://gazette.example/news/lighthouse", fetched_at=FETCHED)
    assert got is not None
    text = got.text or ""
    assert "photographed from the ferry" not in text
    for p in PARAS:
        assert p in text


def test_section_headings_linked_from_a_table_of_contents_kept():
    toc = ('<nav class="toc"><ul><li><a href="#cost">Who pays for the restoration work</a></li>'
           '<li><a href="#history">A century of guiding ships home</a></li></ul></nav>')
    page = news_page().replace(f"<p>{PARAS[0]}</p>", f"{toc}<p>{PARAS[0]}</p>").replace(
        f"<p>{PARAS[2]}</p>", f'<h2 id="cost">Who pays for the restoration work</h2><p>{PARAS[2]}</p>').replace(
        f"<p>{PARAS[3]}</p>", f'<h2 id="history">A century of guiding ships home</h2><p>{PARAS[3]}</p>')
    got = extract_article(page, "https://gazette.example/news/lighthouse", fetched_at=FETCHED)
    assert got is not None
    lines = (got.text or "").split("\n")
    assert "Who pays for the restoration work" in lines and "A century of guiding ships home" in lines


def test_disclosure_sentence_inside_article_kept():
    # the closing-line rules strip only the closing paragraphs
    extra = "<p>The fund does not own shares in the shipyard, its chairman said.</p>"
    page = news_page().replace(f"<p>{PARAS[1]}</p>", f"<p>{PARAS[1]}</p>{extra}")
    got = extract_article(page, "https://gazette.example/news/lighthouse", fetched_at=FETCHED)
    assert got is not None and "does not own shares in the shipyard" in (got.text or "")


# ---- the story held in the page's JSON state

_STATE_PARAS = PARAS + [
    "The association plans an open day on the pier in June, when visitors will be able to climb the tower "
    "for the last time before the scaffolding goes up and the lantern room is lifted off by crane.",
    "A museum in the keeper's cottage is also planned, with the logbooks, the old lens and photographs "
    "of the storms that the lighthouse has weathered since it was first lit two centuries ago.",
]


def _state_page(state_script: str, shown: int = 2) -> str:
    """A page whose HTML shows the first `shown` paragraphs and ships the state."""
    page = news_page()
    for p in PARAS[shown:]:
        page = page.replace(f"<p>{p}</p>", "")
    return page.replace("</body>", state_script + "</body>")


def _next_data(paras: list[str], *, widgets: int = 0) -> str:
    blocks = [{"type": "paragraph", "content": [{"type": "text", "value": p}]} for p in paras]
    blocks += [{"type": "product", "content": [{"type": "text", "value": f"Boot Palace deal {i}"}]} for i in range(widgets)]
    state = {
        "props": {
            "pageProps": {
                "story": {
                    "headline": "Lighthouse to shine again",
                    "summary": PARAS[0],
                    "share": {"text": PARAS[0], "description": PARAS[1]},
                    "body": {"type": "document", "content": blocks},
                },
                "related": [{"headline": "Ferry timetable changes this summer", "teaser": "Ferries will run less often."}],
            }
        }
    }
    return f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(state)}</script>'


def test_story_continued_in_page_state_is_read():
    got = extract_article(_state_page(_next_data(_STATE_PARAS)), "https://gazette.example/news/lighthouse", fetched_at=FETCHED)
    assert got is not None and got.method.endswith("+state")
    text = got.text or ""
    for p in _STATE_PARAS:
        assert p in text
    assert text.count(PARAS[0]) == 1  # the state's copies of the lead (summary, share text) are not the body
    assert "Ferries will run less often" not in text


def test_jsonml_state_assignment_is_read():
    blocks = [["p", {"class": "para"}, p[:40], ["a", {"href": "/harbour"}, p[40:60]], p[60:]] for p in _STATE_PARAS]
    script = f"<script>window.__PRELOADED_STATE__ = {json.dumps({'article': {'body': ['root', {}] + blocks}})};</script>"
    got = extract_article(_state_page(script), "https://gazette.example/news/lighthouse", fetched_at=FETCHED)
    assert got is not None and got.method.endswith("+state")
    for p in _STATE_PARAS:
        assert p in (got.text or "")
    assert "/harbour" not in (got.text or "") and "para" not in (got.text or "").split()


def test_page_state_not_used_when_html_shows_the_whole_story():
    # the state holds the same story plus product widgets: the HTML text stands
    page = news_page().replace("</body>", _next_data(PARAS, widgets=30) + "</body>")
    got = extract_article(page, "https://gazette.example/news/lighthouse", fetched_at=FETCHED)
    assert got is not None and "+state" not in got.method
    assert "Boot Palace deal" not in (got.text or "")


def test_page_state_of_another_story_ignored():
    # a state whose list quotes the lead but goes on with other stories is not this article
    other = ["Ferries will run less often this summer, the operator said on Monday, citing the cost of fuel "
             "and a shortage of crews for the smaller boats that serve the islands."] * 1
    script = _next_data([PARAS[0], PARAS[1]] + [o + f" Story {i}." for o in other for i in range(6)])
    page = _state_page(script, shown=5)
    got = extract_article(page, "https://gazette.example/news/lighthouse", fetched_at=FETCHED)
    assert got is not None and "+state" not in got.method and "Ferries will run" not in (got.text or "")


# ---- dates of pages without a stated publication date

def test_comment_timestamps_are_not_the_publication_date():
    comment = ('<section class="comments"><div class="comment"><span class="comment-time">Oct 28, 2022</span>'
               '<p>I remember the light from my childhood, what a sight it was on winter nights.</p></div></section>')
    page = news_page(body_extra="").replace("</main>", comment + "</main>")
    got = extract_article(page, "https://gazette.example/news/lighthouse", fetched_at=FETCHED)
    assert got is not None and got.published_day != "2022-10-28"


def test_profile_pages_get_no_guessed_date():
    head = '<meta property="og:type" content="profile">'
    extra = '<p>They married in a small ceremony on the pier.</p><span class="date">2018-06-30</span>'
    got = extract_article(news_page(head_extra=head, body_extra=extra), "https://gazette.example/people/anna", fetched_at=FETCHED)
    assert got is not None and got.published_day is None and got.published_at is None
    # the same page typed as an article gets the date guessed from its text
    got = extract_article(news_page(body_extra=extra), "https://gazette.example/people/anna", fetched_at=FETCHED)
    assert got is not None and got.published_day == "2018-06-30"


def test_hostile_page_state_is_skipped():
    deep = "[" * 100_000 + "]" * 100_000
    script = f'<script id="__NEXT_DATA__" type="application/json">{{"a": "{PARAS[0][:40]}", "b": {deep}}}</script>'
    broken = f"<script>window.__STATE__ = {{\"story\": [\"{PARAS[0]}\", \"{PARAS[1]}\", </script>"
    for extra in (script, broken):
        got = extract_article(_state_page(extra), "https://gazette.example/news/lighthouse", fetched_at=FETCHED)
        assert got is not None and PARAS[0] in (got.text or "") and "+state" not in got.method


def test_title_without_media_tag_and_with_entities_decoded():
    page = news_page(h1="Lighthouse to shine again [Watch]", title_tag="Lighthouse to shine again")
    got = extract_article(page, "https://gazette.example/news/lighthouse", fetched_at=FETCHED)
    assert got is not None and got.title == "Lighthouse to shine again"
    # a JSON-LD headline escaped twice reads as the text it stands for
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Fish &amp; chips shop reopens on the quay"}
    page = news_page(jsonld=ld, h1="A different display headline for the chip shop", title_tag="Northfield Gazette")
    got = extract_article(page, "https://gazette.example/news/chips", fetched_at=FETCHED)
    assert got is not None and "&amp;" not in (got.title or "")
    # a bracketed word that is part of the headline stays
    page = news_page(h1="Lighthouse keepers remembered [1899-1901]", title_tag="Lighthouse keepers remembered")
    got = extract_article(page, "https://gazette.example/news/keepers", fetched_at=FETCHED)
    assert got is not None and got.title == "Lighthouse keepers remembered [1899-1901]"


@pytest.mark.parametrize("h1, stated", [
    ("【视频】普京与习近平在北京举行会谈", "普京与习近平在北京举行会谈"),
    ("普京与习近平在北京举行会谈（组图）", "普京与习近平在北京举行会谈"),
    ("Путин и Си Цзиньпин провели переговоры (видео)", "Путин и Си Цзиньпин провели переговоры"),
])
def test_a_russian_or_chinese_media_tag_is_no_part_of_the_headline(h1, stated):
    # the tag before or after the title the page states: the headline is the title
    page = news_page(h1=h1, title_tag=stated)
    got = extract_article(page, "https://news.example.cn/2024/05/16/summit", fetched_at=FETCHED)
    assert got is not None and got.title == stated
    # brackets that hold no media word are the headline's own
    own = h1.replace("视频", "专访").replace("组图", "上").replace("видео", "часть 2")
    got = extract_article(news_page(h1=own, title_tag=stated), "https://news.example.cn/2024/05/16/summit", fetched_at=FETCHED)
    assert got is not None and got.title == own


def test_a_chinese_h1_of_two_phrases_is_the_headline_where_the_statements_word_it_otherwise():
    # a social og:title and a search <title>; the <h1> has a colon, so two "words" by spaces
    page = news_page(h1="中欧班列：开行数量再创新高", title_tag="今年中欧班列累计开行一万列 货物运输持续增长",
                     head_extra='<meta property="og:title" content="一万列！中欧班列跑出加速度">')
    got = extract_article(page, "https://news.example.cn/2024/05/16/trains", fetched_at=FETCHED)
    assert got is not None and got.title == "中欧班列：开行数量再创新高"


def test_title_without_section_label_element_of_the_h1():
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Lighthouse to shine again"}
    h1 = '<span class="kicker">Opinion</span> <span class="headline">Lighthouse to shine again</span>'
    page = news_page(jsonld=ld, h1=h1, title_tag="Opinion | Lighthouse to shine again")
    got = extract_article(page, "https://gazette.example/news/lighthouse", fetched_at=FETCHED)
    assert got is not None and got.title == "Lighthouse to shine again"
    # no statement gives the headline without the first element: the h1 stays whole
    h1 = '<span>Breaking:</span> <span>Lighthouse to shine again</span>'
    page = news_page(h1=h1, title_tag="Breaking: Lighthouse to shine again")
    got = extract_article(page, "https://gazette.example/news/lighthouse", fetched_at=FETCHED)
    assert got is not None and got.title == "Breaking: Lighthouse to shine again"


def test_single_h1_wins_over_social_and_search_variants_but_not_a_logo():
    head = '<meta property="og:title" content="You will not believe what is happening to the old lighthouse">'
    page = news_page(head_extra=head, h1="Lighthouse to shine again after two decades",
                     title_tag="Northfield lighthouse restoration 2024: costs, dates | Northfield Gazette")
    got = extract_article(page, "https://gazette.example/news/lighthouse", fetched_at=FETCHED)
    assert got is not None and got.title == "Lighthouse to shine again after two decades"
    # nor a short section name that shares no word with the stated titles
    page = news_page(head_extra='<meta property="og:title" content="Lighthouse to shine again">', h1="World News",
                     title_tag="Lighthouse to shine again | Northfield Gazette")
    got = extract_article(page, "https://gazette.example/news/lighthouse", fetched_at=FETCHED)
    assert got is not None and got.title == "Lighthouse to shine again"
    # an <h1> holding the site's name (a logo) is not the headline
    page = news_page(head_extra='<meta property="og:title" content="Lighthouse to shine again">', h1="Northfield Gazette",
                     title_tag="Lighthouse to shine again | Northfield Gazette")
    got = extract_article(page, "https://gazette.example/news/lighthouse", fetched_at=FETCHED)
    assert got is not None and got.title == "Lighthouse to shine again"


RU_PARAS = [
    "Президент России Владимир Путин провёл в Кремле переговоры с председателем КНР Си Цзиньпином, "
    "стороны обсудили торговлю, энергетику и строительство нового газопровода через Монголию.",
    "По итогам встречи лидеры подписали совместное заявление о развитии отношений всеобъемлющего "
    "партнёрства и стратегического взаимодействия на ближайшие пять лет.",
    "Отдельное внимание было уделено расчётам в национальных валютах: их доля во взаимной торговле, "
    "по словам министра финансов, превысила девяносто процентов.",
    "Следующая встреча лидеров запланирована на осень, когда в Пекине пройдёт форум «Один пояс, "
    "один путь», на который приглашены делегации более ста стран.",
]


def test_state_with_escaped_cyrillic_is_read():
    state = {"story": {"lead": RU_PARAS[0], "blocks": [{"text": p} for p in RU_PARAS]}}
    page = f"""<html lang="ru"><head><title>Путин и Си провели переговоры</title></head><body>
<article><h1>Путин и Си провели переговоры</h1><p>{RU_PARAS[0]}</p><p>{RU_PARAS[1]}</p></article>
<script>window.__INITIAL_STATE__ = {json.dumps(state)};</script></body></html>"""
    assert "\\u041f" in page  # the state is ASCII-escaped, as json.dumps writes it
    got = extract_article(page, "https://tass.example/politika/123", fetched_at=FETCHED)
    assert got is not None and got.method.endswith("+state")
    for p in RU_PARAS:
        assert p in (got.text or "")


# ---- a short main-pass result completed by trafilatura's comparison pass

def _span_laid_out_page(extra: str = "") -> str:
    """A story whose paragraphs are spans in divs (no <p>, no article/main), with a
    summary box in a <p> and a pulled quote: the main pass sees only those two."""
    summary = ("Harbour officials said on Tuesday that the lighthouse on the eastern pier will shine again after a "
               "two-year restoration paid for by a heritage fund and a fishermen's association of the town.")
    spans = "".join(f'<div class="zk-3 e7"><span class="zk-4">{p}</span></div>' for p in PARAS)
    quote = '<blockquote class="zk-5"><p>“It is the heart of the harbour and we will see it lit again,” said the mayor.</p></blockquote>'
    return f"""<html><head><title>Lighthouse to shine again</title></head><body><div id="root"><div class="zk-1">
<h1>Lighthouse to shine again</h1><div class="zk-2"><p class="zk-9">{summary}</p></div>
{spans}{quote}{extra}</div><div class="zk-8">© Gazette</div></div></body></html>"""


def test_story_laid_out_in_spans_is_completed_by_the_comparison_pass():
    got = extract_article(_span_laid_out_page(), "https://gazette.example/news/lighthouse", fetched_at=FETCHED)
    assert got is not None and got.method == "trafilatura-fallback"
    for p in PARAS:
        assert p in (got.text or "")


def test_comparison_pass_not_taken_when_it_adds_other_material():
    from pipeline.extract.body.passchoice import _completes

    fast = "\n".join(PARAS[:2])
    form = "\n".join(["What is your email?", "Password must be at least 8 characters", "Lower case letters (a-z)",
                      "Upper case letters (A-Z)", "Already a subscriber?", "Sign in", "Terms and Privacy Notice"] * 3)
    assert not _completes(fast, fast + "\n" + form)  # sign-up form, not prose
    assert not _completes(fast, "\n".join(PARAS[2:]) + "\n" + PARAS[0])  # drops half of what the main pass found
    assert not _completes(fast, fast + "\n" + "\n".join(PARAS * 6))  # other stories: grows more than sixfold
    assert _completes(fast, fast + "\n" + "\n".join(PARAS[2:]))
    # Chinese prose: shorter lines, sentences end in "。"
    zh = ["北方港务局周二宣布，东码头上的旧灯塔将在今后两年内完成修复，这座灯塔已经空置并熄灭了整整十年。",
          "工程师去年秋天对建筑进行了勘察，发现铁制灯室有多处锈穿，但石砌基座在多年冬季风暴之后依然坚固。",
          "修复工程预计耗资四百万欧元，其中大部分由地区文物保护基金承担，其余部分由当地渔民协会募集。",
          "当地历史学家表示，这座灯塔在一个多世纪里一直为进港船只导航，守塔人的日志至今保存在镇档案馆。"]
    assert _completes("\n".join(zh[:2]), "\n".join(zh))


def test_a_page_over_its_cpu_budget_fails_alone_and_the_budget_is_lifted_after(monkeypatch):
    """A page built to be slow costs its own skip: its extraction is stopped once it has
    used `max_cpu_seconds` of CPU, the other pages extract, and the timer and its handler
    are put back (SIGALRM stays Airflow's)."""
    import signal
    import time

    import pipeline.extract.pool as pool

    real = pool.extract_article

    def slow_for_one(html, url, *a, **kw):
        if url.endswith("/spin"):
            until = time.process_time() + 5.0  # CPU, as a runaway pattern burns it
            while time.process_time() < until:
                pass
        return real(html, url, *a, **kw)

    monkeypatch.setattr(pool, "extract_article", slow_for_one)
    before = signal.getsignal(signal.SIGVTALRM), signal.getsignal(signal.SIGALRM)
    pages = [(news_page(), "https://gazette.example/news/one"), (news_page(), "https://gazette.example/news/spin"),
             (news_page(), "https://gazette.example/news/three")]
    got = list(extract_many(pages, ExtractSettings(max_cpu_seconds=0.5), workers=1))
    assert isinstance(got[1], pool.ExtractionFailed) and got[1].kind == "ExtractionTimeout", got[1]
    assert "max_cpu_seconds" in got[1].message
    assert isinstance(got[0], Extracted) and isinstance(got[2], Extracted)
    assert (signal.getsignal(signal.SIGVTALRM), signal.getsignal(signal.SIGALRM)) == before
    assert signal.getitimer(signal.ITIMER_VIRTUAL) == (0.0, 0.0)
    # no budget (0): the slow page takes its time and extracts
    [unbounded] = list(extract_many(pages[1:2], ExtractSettings(max_cpu_seconds=0), workers=1))
    assert isinstance(unbounded, Extracted)


def test_an_author_statement_longer_than_a_credit_names_no_one():
    """A megabyte in the author slot is text put there, not a credit (and splitting it
    would cost time with the square of its length)."""
    from pipeline.extract.names import MAX_STATEMENT_CHARS

    ok = extract_article(news_page(head_extra='<meta name="author" content="Jane Roe">'), "https://gazette.example/news/a")
    assert ok is not None and ok.authors == ["Jane Roe"]
    long = "Jane Roe and " * (MAX_STATEMENT_CHARS // 12) + "Jane Roe"
    got = extract_article(news_page(head_extra=f'<meta name="author" content="{long}">'), "https://gazette.example/news/a")
    assert got is not None and "Jane Roe" not in got.authors  # the page's own byline may still credit its writers
    assert got.text and PARAS[0] in got.text
