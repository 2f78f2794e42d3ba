"""The publication day readers saw: time zones, displayed dates, 'updated' versus 'published'.

Each page here is written for the test, modelled on kinds of newsroom markup."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from pipeline.datetimes import written_days
from pipeline.extract import extract_article

FETCHED = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
URL = "https://courier.example/news/river-bridge-reopens"

_PARAS = (
    "The river bridge reopened to traffic on Monday morning after eighteen months of repairs, the city "
    "council said, ending the long detours that commuters from the northern suburbs had endured.",
    "Engineers replaced the corroded steel bearings and resurfaced the deck, and the footpaths on both "
    "sides were widened so that cyclists no longer have to share the carriageway with lorries.",
    "The work ran three months over schedule because the contractor found cracks in two of the piers, "
    "which had to be reinforced before the new deck could be laid on top of them.",
    "Shopkeepers on the quay said they hoped the reopening would bring back customers who had stayed away "
    "during the works, when the only access to their street was a narrow temporary walkway.",
)


def page(*, published: str | None = None, modified: str | None = None, head: str = "", byline: str = "",
         before: str = "", after: str = "", lang: str = "en") -> str:
    ld: dict[str, str] = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "River bridge reopens"}
    if published:
        ld["datePublished"] = published
    if modified:
        ld["dateModified"] = modified
    paras = "\n".join(f"<p>{p}</p>" for p in _PARAS)
    return f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>River bridge reopens</title>
<script type="application/ld+json">{json.dumps(ld)}</script>{head}</head><body>
<header><a href="/">The Courier</a></header>{before}
<main><article><h1>River bridge reopens</h1>
<div class="article-meta">By Mara Olsen {byline}</div>
{paras}
</article>{after}</main>
<footer><p>The Courier, 1 Quay Street.</p></footer></body></html>"""


def day_of(html: str, url: str = URL) -> tuple[str | None, str | None]:
    got = extract_article(html, url, fetched_at=FETCHED)
    assert got is not None
    return got.published_day, got.date_source


# ---- time zones: an instant stated in UTC, shown to readers in the newsroom's zone

def test_time_element_shows_the_local_day_of_a_utc_instant():
    # 02:30 UTC on the 19th is 18:30 on the 18th in the newsroom, and its byline says so
    html = page(published="2024-12-19T02:30:00Z",
                byline='<time datetime="2024-12-19T02:30:00Z">December 18, 2024 6:30 PM</time>')
    assert day_of(html) == ("2024-12-18", "jsonld")
    got = extract_article(html, URL, fetched_at=FETCHED)
    assert got is not None and got.published_at == datetime(2024, 12, 19, 2, 30, tzinfo=UTC)  # the instant is kept


def test_only_the_element_stating_the_instant_counts():
    # the previous day written elsewhere (another story's date) is not the article's
    html = page(published="2024-12-19T02:30:00Z",
                after='<div><p>Earlier: <time datetime="2024-12-18T15:00:00Z">December 18, 2024</time></p></div>')
    assert day_of(html)[0] == "2024-12-19"
    # nor a displayed day that no real zone puts the instant on
    html = page(published="2024-12-19T20:30:00Z",
                byline='<time datetime="2024-12-19T20:30:00Z">December 17, 2024</time>')
    assert day_of(html)[0] == "2024-12-19"


def test_time_element_with_junk_datetime_showing_the_instants_wall_clock():
    # the datetime attribute is a template placeholder; the text shows the instant's
    # local time (17:06 at UTC-8 is 01:06 UTC the next day)
    html = page(published="2024-12-24T01:06:51Z", byline='<time datetime="00:00-YY-DD-MM">Dec 23, 2024 5:06pm PT</time>')
    assert day_of(html)[0] == "2024-12-23"
    # a wall-clock time that is not the instant in any real zone is another moment
    html = page(published="2024-12-24T01:06:51Z", byline="<time>Dec 23, 2024 5:20pm</time>")
    assert day_of(html)[0] == "2024-12-24"


def test_empty_time_element_beside_its_displayed_date():
    html = page(published="2024-12-19T02:30:00Z",
                byline='<span class="stamp"><time datetime="2024-12-19T02:30:00Z"></time>Dec. 18, 2024</span>')
    assert day_of(html)[0] == "2024-12-18"


def test_newsroom_offset_from_the_pages_other_statements():
    # published only in UTC; the modified time carries the newsroom's zone (UTC-8)
    html = page(published="2024-12-19T02:30:00Z", modified="2024-12-19T09:15:00-08:00")
    assert day_of(html)[0] == "2024-12-18"
    # the same from a <time> element's zone
    html = page(published="2024-12-19T02:30:00Z", after='<time datetime="2024-12-20T10:00:00-05:00"></time>')
    assert day_of(html)[0] == "2024-12-18"


def test_local_time_mislabelled_as_utc_is_not_shifted():
    # a CMS set to UTC writes the local wall clock with "Z"; the byline's <time> states
    # the same wall clock in the newsroom's zone: the day is that wall clock's day
    html = page(published="2024-12-18T03:00:00Z",
                byline='<time datetime="2024-12-18T03:00:00-0800">December 18, 2024</time>')
    assert day_of(html)[0] == "2024-12-18"


def test_utc_day_kept_when_the_zone_is_unknown_or_unclear():
    assert day_of(page(published="2024-12-19T02:30:00Z"))[0] == "2024-12-19"
    # statements in two zones that put the instant on different days: no guess
    html = page(published="2024-12-19T02:30:00Z", modified="2024-12-19T09:15:00-08:00",
                after='<time datetime="2024-12-20T10:00:00+01:00"></time>')
    assert day_of(html)[0] == "2024-12-19"
    # midnight UTC is how CMSes write a bare day: it is not shifted into the evening before
    assert day_of(page(published="2024-12-19T00:00:00Z", modified="2024-12-19T09:15:00-05:00"))[0] == "2024-12-19"
    # a time without zone is the newsroom's wall clock
    assert day_of(page(published="2024-12-19T02:30:00", modified="2024-12-19T09:15:00-08:00"))[0] == "2024-12-19"


# ---- displayed dates in other languages' and numeric forms

def test_written_days_of_other_forms():
    text = "Обновлено 14 мая 2025 · 2025年5月15日 · 2025/05/16 · 17.05.2025 · 05/18/2025 · 19/05/2025 · v1.2.3"
    assert [d for d, _ in written_days(text)] == [date(2025, 5, d) for d in (14, 15, 16, 17, 18, 19)]
    # a slashed date with two readings gives both, for the stated dates to decide
    assert [d for d, _ in written_days("04/05/2025")] == [date(2025, 4, 5), date(2025, 5, 4)]
    assert written_days("31.02.2025 and 13/13/2025") == []


def test_slashed_dates_with_a_two_digit_year():
    # US bylines print "12/22/23": both readings when both are days, this century
    assert [d for d, _ in written_days("by Jo Lee - 12/22/23 11:35 AM ET")] == [date(2023, 12, 22)]
    assert [d for d, _ in written_days("05/06/24")] == [date(2024, 5, 6), date(2024, 6, 5)]
    # a fraction, a version, a longer run of numbers: no date
    assert written_days("1/2 cup, v1.2/3/45, 12/22/234, 3/4/5") == []
    # with no date stated in the markup, the byline's day dates the page (not a teaser's)
    html = page(byline="- 05/28/25 11:35 AM ET",
                after='<aside><a href="/n/7">Rising: February 16, 2025</a></aside>').replace(
                    '<script type="application/ld+json">', '<script type="text/x-none">')
    assert day_of(html)[0] == "2025-05-28"


def test_microdata_of_the_headlines_article_comes_before_a_wrappers():
    # an infinite-scroll wrapper <article> carries a template header with another day's
    # microdata; the headline's own <article> states its day
    paras = "".join(f"<p>{p}</p>" for p in _PARAS)
    html = ('<html><head><title>River bridge reopens</title></head><body><main><article class="wrap">'
            '<header><time itemprop="datePublished" datetime="2024-11-01T10:34:37-04:00">November 1, 2024</time></header>'
            '<div><article class="story"><h1>River bridge reopens</h1><div class="meta">By Mara Olsen / '
            '<time itemprop="datePublished" datetime="2025-05-28T16:43:28-04:00">May 28, 2025</time></div>'
            f"{paras}</article></div></article></main></body></html>")
    assert day_of(html) == ("2025-05-28", "itemprop")


def test_displayed_update_in_russian_and_chinese_bylines():
    ru = page(published="2025-05-14T10:00:00+03:00", modified="2025-05-15T09:00:00+03:00",
              byline="<span>Обновлено 15 мая 2025, 09:00</span>", lang="ru")
    assert day_of(ru) == ("2025-05-15", "visible+modified")
    zh = page(published="2025-05-14T10:00:00+08:00", modified="2025-05-15T09:00:00+08:00",
              byline="<span>更新时间：2025年05月15日 09:00</span>", lang="zh")
    assert day_of(zh) == ("2025-05-15", "visible+modified")
    # a displayed published day in those forms keeps the published date
    ru = page(published="2025-05-14T10:00:00+03:00", modified="2025-05-15T09:00:00+03:00",
              byline="<span>14.05.2025, 10:00</span>", lang="ru")
    assert day_of(ru) == ("2025-05-14", "jsonld")


def test_numeric_us_byline():
    html = page(published="2024-10-02T09:00:00-04:00", modified="2024-12-26T10:48:00-05:00",
                byline="<span>Updated 12/26/2024 10:48 AM</span>")
    assert day_of(html) == ("2024-12-26", "visible+modified")


# ---- 'updated' versus 'published' at the head of the article

_PUB = "2024-10-02T09:00:00-04:00"
_UPD = "2024-12-26T10:48:00-05:00"


def test_published_before_updated_in_the_byline():
    html = page(published=_PUB, modified=_UPD, byline="<span>Published Oct. 2, 2024</span> · <span>Updated Dec. 26, 2024</span>")
    assert day_of(html)[0] == "2024-10-02"


def test_relative_update_time_leaves_the_displayed_published_day():
    html = page(published=_PUB, modified=_UPD, byline="<span>Updated 2 hours ago</span> <span>Published October 2, 2024</span>")
    assert day_of(html)[0] == "2024-10-02"


def test_a_displayed_update_beside_a_publication_written_relative_to_the_visit_is_not_it():
    # "Published 4 days ago" names no day, but says the update shown beside it is not the
    # publication: the stated publication stands (in the outlets' languages too)
    for shown, lang in (("Published 4 days ago", "en"), ("Опубликовано 3 дня назад", "ru"), ("发布于 5小时前", "zh")):
        html = page(published=_PUB, modified=_UPD, byline=f"<span>Updated Dec. 26, 2024</span> · <span>{shown}</span>",
                    lang=lang)
        assert day_of(html) == ("2024-10-02", "jsonld"), shown
    # a "Published" that names no time (a publisher's credit) leaves the update alone at the head
    html = page(published=_PUB, modified=_UPD, byline="<span>Updated Dec. 26, 2024</span> · <span>Published by the Courier</span>")
    assert day_of(html) == ("2024-12-26", "visible+modified")


def test_an_update_shown_first_gives_way_to_the_head_s_own_date():
    # statements give both; the head shows "Updated" first, then, past a standfirst, the
    # byline's own day with no word before it: the publication's
    standfirst = "<p class='dek'>" + "The council's engineers signed off the repairs after a final inspection. " * 3 + "</p>"
    html = page(published=_PUB, modified=_UPD,
                byline=f"<span>Updated Dec. 26, 2024</span>{standfirst}<span>Oct. 2, 2024</span>")
    assert day_of(html)[0] == "2024-10-02"
    # the update alone at the head is the day readers saw (the publication's day far
    # down the page, in a closing note, does not count)
    closing = "<p>" + "The bridge's history goes back to 1887, when the first span was built. " * 14 + "</p>"
    html = page(published=_PUB, modified=_UPD,
                byline=f"<span>Updated Dec. 26, 2024</span>{closing}<p>First published Oct. 2, 2024.</p>")
    assert day_of(html) == ("2024-12-26", "visible+modified")


def test_a_byline_row_named_for_its_comment_count_is_read():
    # "Updated" printed under the headline, and the byline row below it, named for the
    # comment count it shows, prints the publication's day: that row is the head's, not
    # a comment thread
    row = ("<div class='entry-meta social-comments-above'>By Mara Olsen • <time>10/02/24 4:20pm</time>"
           " <a href='#comments'>32</a></div>")
    html = page(published=_PUB, modified=_UPD, byline="<div>Updated December 26, 2024, 10:15 AM</div>").replace(
        "<div class=\"article-meta\">By Mara Olsen", row + "<div>", 1)
    assert day_of(html)[0] == "2024-10-02"
    # readers' comments shown under the headline, longer than a byline, are not read:
    # their days are the readers' (here the stated publication's), and the update stands
    said = "".join(f"<div><b>Reader {i}</b> October 2, 2024: so glad the bridge is open again at last.</div>"
                   for i in range(4))
    html = page(published=_PUB, modified=_UPD, byline="<div>Updated December 26, 2024, 10:15 AM</div>"
                f"<div class='top-comments'>{said}</div>")
    assert day_of(html) == ("2024-12-26", "visible+modified")


def test_the_url_s_day_keeps_the_publication_against_a_displayed_update():
    # the update alone at the head, but the URL, written at publication and kept through
    # updates, names the stated publication's day: that day
    html = page(published=_PUB, modified=_UPD, byline="<span>Updated December 26, 2024</span>")
    assert day_of(html, "https://courier.example/2024/10/02/river-bridge-reopens") == ("2024-10-02", "jsonld")
    # a URL of another day is no witness: the displayed update stands, as without one
    assert day_of(html, "https://courier.example/2024/10/01/river-bridge-reopens") == ("2024-12-26", "visible+modified")
    assert day_of(html) == ("2024-12-26", "visible+modified")


def test_a_word_before_one_date_does_not_name_the_next():
    # "Updated" names the first date only: the second, with no word of its own, is the
    # publication's (both sit within 40 characters of the word)
    html = page(published=_PUB, modified=_UPD, byline="<span>Updated Dec. 26, 2024</span> <span>Oct. 2, 2024</span>")
    assert day_of(html)[0] == "2024-10-02"


def test_dates_of_other_stories_lists_do_not_take_part():
    # a trending strip above the article lists another story of the update's day;
    # the article itself shows no date: the published date stands
    strip = ('<div class="trending-strip"><ul><li><a href="/n/2">Ferry fares rise</a> '
             '<span>December 26, 2024</span></li></ul></div>')
    assert day_of(page(published=_PUB, modified=_UPD, before=strip))[0] == "2024-10-02"
    aside = '<aside><ul><li><a href="/n/3">Harbour works</a> December 26, 2024</li></ul></aside>'
    assert day_of(page(published=_PUB, modified=_UPD, before=aside))[0] == "2024-10-02"
    # a wrapper of the article whose class names a sidebar still shows its byline
    html = page(published=_PUB, modified=_UPD, byline="<span>Updated December 26, 2024</span>")
    html = html.replace("<main>", '<main class="article-with-sidebar">')
    assert day_of(html)[0] == "2024-12-26"


def test_written_clocks():
    from pipeline.datetimes import written_clocks

    assert written_clocks("Updated 6:30 PM EST, Mon December 18, 2024") == [(18, 30)]
    assert written_clocks("12:05 a.m. · 18:30:12 · 13:30 pm · v1.12:30") == [(0, 5), (18, 30)]


def test_modified_time_in_open_graph_and_dublin_core_names():
    # the update is stated only as og:article:modified_time / DC.date.modified and displayed at the head
    for name in ('property="og:article:modified_time"', 'name="DC.date.modified"'):
        html = page(published=_PUB, head=f'<meta {name} content="{_UPD}">', byline="<span>Updated December 26, 2024</span>")
        assert day_of(html) == ("2024-12-26", "visible+modified")


def test_masthead_date_far_above_the_headline_is_the_visit_not_the_article():
    # the masthead prints the day of the visit, which here is also the day of the
    # (undisplayed) update; the article shows no date of its own
    sections = " ".join(f"<a href='/s/{i}'>Section number {i}</a>" for i in range(25))
    masthead = f"<div class='masthead'><p>Thursday, December 26, 2024</p><div class='sections'>{sections}</div></div>"
    assert day_of(page(published=_PUB, modified=_UPD, before=masthead)) == ("2024-10-02", "jsonld")
    # a date just above the headline (a kicker) is the article's
    kicker = masthead + "<p class='kicker'>Updated December 26, 2024</p>"
    assert day_of(page(published=_PUB, modified=_UPD, before=kicker)) == ("2024-12-26", "visible+modified")


def test_a_related_storys_json_ld_listed_first_does_not_date_the_page():
    related = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Ferry fares rise",
               "url": "https://courier.example/news/ferry-fares-rise", "datePublished": "2023-01-05T09:00:00+00:00",
               "dateModified": "2023-01-05T09:00:00+00:00"}
    own = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "River bridge reopens",
           "url": URL, "datePublished": "2025-05-12T08:00:00+01:00"}
    head = "".join(f'<script type="application/ld+json">{json.dumps(o)}</script>' for o in (related, own))
    got = extract_article(page(head=head), URL, fetched_at=FETCHED)
    assert got is not None and got.published_day == "2025-05-12"


def test_day_written_beside_the_headline_when_the_markup_states_none():
    # no JSON-LD date, no meta, no <time>, no date in the URL: the byline's written day,
    # not the masthead's day of the visit above it nor a copyright or comment date below
    masthead = "<div class='top'>Sunday, June 1, 2025</div>"
    tail = "<div class='foot'><p>Comment posted May 30, 2025</p><p>© 2024 The Courier</p></div>"
    html = page(byline="| Published May 19, 2025, 5:40 PM", before=masthead, after=tail)
    got = extract_article(html, URL, fetched_at=FETCHED)
    assert got is not None and got.published_day == "2025-05-19" and got.date_source == "visible"
    # "Updated" beside "Published": the publication day
    html = page(byline="| Updated May 21, 2025 | Published May 19, 2025", before=masthead, after=tail)
    assert extract_article(html, URL, fetched_at=FETCHED).published_day == "2025-05-19"
    # a date with no word beside an "Updated" one: that date
    html = page(byline="| May 19, 2025 · 5 min read · Updated May 21, 2025", before=masthead, after=tail)
    assert extract_article(html, URL, fetched_at=FETCHED).published_day == "2025-05-19"
    # an "Updated" date first, the day with no word further on: that day
    html = page(byline="| Updated May 21, 2025, after the council's second vote on the works | May 19, 2025",
                before=masthead, after=tail)
    assert extract_article(html, URL, fetched_at=FETCHED).published_day == "2025-05-19"
    # an "Updated" date alone below the headline: that one, not the masthead's above it
    html = page(byline="| Updated May 21, 2025", before=masthead, after=tail)
    assert extract_article(html, URL, fetched_at=FETCHED).published_day == "2025-05-21"
    # with no headline to read beside, not the first date of the page (the masthead's) but
    # the one nearest above the story's first line (the byline's); none there, none read
    headless = page(byline="| Published May 19, 2025", before=masthead).replace("<h1>River bridge reopens</h1>", "")
    assert day_of(headless) == ("2025-05-19", "visible")
    headless = page(before=masthead + "<p>" + "Ferry timetables and harbour news. " * 14 + "</p>").replace(
        "<h1>River bridge reopens</h1>", "")
    assert extract_article(headless, URL, fetched_at=FETCHED).date_source != "visible"


def test_a_templates_indentation_is_no_distance_from_the_headline():
    # the byline's "Updated" day after a deep template's indentation, and the dates of a
    # list of other stories below (no names say so): the byline's day
    indent = "\n" + " " * 40
    byline = "<div>" + "<div>".join(indent for _ in range(30)) + "<span>Updated May 21, 2025</span>" + "</div>" * 30
    related = "<div><div><a href='/n/1'>Ferry fares rise</a> <div>May 12, 2025 5:36 PM</div></div></div>"
    assert day_of(page(byline=byline, after=related)) == ("2025-05-21", "visible")


def test_an_update_alone_in_the_byline_is_not_given_up_for_a_captions_day_below():
    # "Updated" alone in the byline, and a photo caption two paragraphs down dated the
    # day before: the caption is no other date of the byline
    caption = "<div><img src='/deck.jpg' alt=''><div>Crews lay the new deck on Tuesday, May 20, 2025.</div></div>"
    html = page(byline="| Updated May 21, 2025")
    html = html.replace(f"<p>{_PARAS[2]}</p>", caption + f"<p>{_PARAS[2]}</p>")
    assert day_of(html) == ("2025-05-21", "visible")


def test_an_update_alone_under_the_headline_gives_way_to_the_writers_dated_byline_past_a_standfirst():
    # no statements; "Updated" under the headline, then a standfirst, then the byline: a
    # writer's name and the publication's day (past a byline's span from the update)
    standfirst = "<div>" + "The council's engineers signed off the repairs after a final inspection. " * 3 + "</div>"
    for byline in ("By Mara Olsen October 2, 2024", "Mara Olsen-Lind · Oct 02, 2024 · 3 min read"):
        html = page(byline=f"<div>Updated Dec. 26, 2024</div>{standfirst}<div>{byline}</div>")
        assert day_of(html) == ("2024-10-02", "visible"), byline
    # a caption's day there follows a sentence's words: the update stands
    html = page(byline=f"<div>Updated Dec. 26, 2024</div>{standfirst}<div>Crews lay the deck on Tuesday, Oct. 1, 2024.</div>")
    assert day_of(html) == ("2024-12-26", "visible")


def test_an_update_alone_below_the_headline_gives_way_to_an_earlier_day_above_it():
    # no statements; the section and day printed above the headline, "Updated" below it:
    # the day above dates the story (a publication comes before its update)
    kicker = "<div class='kicker'>Transport · Oct. 2, 2024 5:06pm</div>"
    html = page(byline="<div>Updated Dec. 26, 2024</div>").replace("<h1>", kicker + "<h1>", 1)
    assert day_of(html) == ("2024-10-02", "visible")
    # a day above it later than the update is the masthead's day of the visit: the update stands
    html = page(byline="<div>Updated Dec. 26, 2024</div>").replace("<h1>", "<div>Friday, Jan. 3, 2025</div><h1>", 1)
    assert day_of(html) == ("2024-12-26", "visible")


def test_of_the_days_above_the_headline_the_nearest_is_the_bylines():
    # a stale date in the masthead's ticker and the byline's date, both just above the
    # headline (the template prints the byline first): the byline's, nearer the headline
    masthead = "<div class='top'><a href='/'>Skip navigation</a> November 1, 2022 Breaking News</div>"
    byline = "<div class='meta'>Mara Olsen / May 19, 2025 / 9:43 p.m. ET <a href='#'>Share</a></div>"
    got = extract_article(page(before=masthead + byline), URL, fetched_at=FETCHED)
    assert got is not None and (got.published_day, got.date_source) == ("2025-05-19", "visible")


def test_a_day_above_the_headline_past_an_editors_note_is_the_articles():
    # the section and day, then an editors' note box (some 300 characters), then the
    # headline: the day is the article's, as near as a byline above it can be
    note = ("<div><p>Editors' notes</p><p>This article has been reviewed according to the newsroom's "
            "editorial process and policies. Editors have highlighted the following attributes while "
            "ensuring the content's credibility:</p><ul><li>fact-checked</li><li>peer-reviewed publication"
            "</li><li>reputable news agency</li><li>proofread</li></ul></div>")
    html = page(before=f"<div><a href='/city/'>City</a> May 19, 2025</div>{note}")
    assert day_of(html) == ("2025-05-19", "visible")


def test_time_elements_far_from_the_urls_date_are_other_stories():
    # no statement; a list of the day's other stories inside the article, its <time>s
    # first in the page, and the article's own <time> on the day its URL carries
    listed = "".join(f'<li><time datetime="2025-02-{d:02d}T10:00:00Z">10:00</time> <a href="/n/{d}">Story {d}</a></li>'
                     for d in (17, 16))
    own = '<time datetime="2024-12-23T23:30:00-05:00">December 23, 2024</time>'
    html = page(byline=own, after=f"<ul>{listed}</ul>").replace("<main><article>", f"<main><article><ul>{listed}</ul>")
    dated = "https://courier.example/world/2024/12/23/river-bridge-reopens"
    assert day_of(html, dated) == ("2024-12-23", "time")
    # a day off is a time zone: that <time> still dates the page (its UTC day is the 24th)
    assert day_of(html, dated.replace("/23/", "/24/")) == ("2024-12-23", "time")
    # with every <time> far from it, the URL's date stands
    assert day_of(html.replace(own, ""), dated) == ("2024-12-23", "url")
    # a URL without a date leaves the page's first <time> as it was
    assert day_of(html)[0] == "2025-02-17"


_CARDS = ('<section><h2>More news</h2>'
          '<article><a href="/news/ferry-fares-rise"><h3>Ferry fares rise</h3></a>'
          '<time datetime="2025-05-20T09:00:00Z">May 20, 2025</time></article>'
          '<article><h3><a href="/news/harbour-works">Harbour works begin</a></h3>'
          '<time datetime="2025-05-18T09:00:00Z">May 18, 2025</time></article></section>')


def test_cards_and_asides_of_other_stories_do_not_date_the_page():
    # the article states no date in its markup and shows its day as text; cards of other
    # stories (<article>s themselves) and an aside list carry <time> elements
    for others in (_CARDS, f"<aside>{_CARDS}</aside>", _CARDS.replace("section", "footer")):
        for where in ("before", "after"):
            html = page(byline="<span>May 29, 2025</span>", **{where: others})
            assert day_of(html)[0] == "2025-05-29", (others[:20], where)
    # the article's own <time> stands even with the cards above it
    own = '<time datetime="2025-05-29T08:00:00Z">May 29, 2025</time>'
    assert day_of(page(byline=own, before=_CARDS))[0] == "2025-05-29"
    # a day the article shows without its year leaves the page undated, not the cards' day
    assert day_of(page(byline="<span>May 29</span>", before=f"<aside>{_CARDS}</aside>"))[0] is None


def test_a_time_labelled_as_an_update_follows_the_publication():
    pub = '<time datetime="2025-05-29T08:00:00Z">May 29</time>'
    for upd in ('Updated <time datetime="2025-05-30T09:00:00Z">May 30</time>',
                '<time class="updated" datetime="2025-05-30T09:00:00Z">May 30</time>',
                '<time datetime="2025-05-30T09:00:00Z">Last updated: May 30</time>',
                '<span>Обновлено</span> <time datetime="2025-05-30T09:00:00Z">30 мая</time>'):
        assert day_of(page(byline=f"{upd} · Published {pub}"))[0] == "2025-05-29", upd
    # an update is still the day when the page states nothing else
    assert day_of(page(byline='Updated <time datetime="2025-05-30T09:00:00Z">May 30</time>'))[0] == "2025-05-30"


def test_abbreviated_russian_months():
    text = "5 дек. 2024 · 6 дек 2024 · 1 сент. 2024 · 3 мар 2025 · 12 нояб. 2024"
    assert [d for d, _ in written_days(text)] == [date(2024, 12, 5), date(2024, 12, 6), date(2024, 9, 1),
                                                   date(2025, 3, 3), date(2024, 11, 12)]
    # a word that merely opens like a month is not one
    assert written_days("5 декор 2024 · 7 марафон 2024") == []


def test_a_slashed_day_that_reads_both_ways_is_the_reading_nearer_the_visit():
    """"05/04/2025" is 5 April (day first) or 4 May (month first). A page is fetched
    within days of its date, so the reading nearer the visit is the day, in either
    order of writing."""
    no_ld = page().replace('<script type="application/ld+json">', '<script type="text/plain">')
    for written, fetched, day in (("05/04/2025", datetime(2025, 5, 6, tzinfo=UTC), "2025-05-04"),
                                  ("05/04/2025", datetime(2025, 4, 7, tzinfo=UTC), "2025-04-05"),
                                  ("12/05/2023", datetime(2023, 12, 9, tzinfo=UTC), "2023-12-05"),
                                  ("12/05/2023", datetime(2023, 5, 15, tzinfo=UTC), "2023-05-12")):
        html = no_ld.replace("By Mara Olsen ", f"By Mara Olsen | Published: {written}")
        got = extract_article(html, URL, fetched_at=fetched)
        assert got is not None and got.published_day == day, (written, fetched)



def test_a_slashed_day_on_a_page_file_reads_in_its_locales_order():
    """A page file has no moment of its visit to be near: "05/04/2025" on a page stating
    en-US is 4 May, on a page in British English or in Russian 5 April; a day that reads
    one way only ("25/04/2025") is that day on any page. With the visit's moment the
    reading nearer it wins whatever the locale (WordPress pages of every country keep its
    default en-US); English with no region: the test above."""
    no_ld = page().replace('<script type="application/ld+json">', '<script type="text/plain">')
    for written, by_lang in (("05/04/2025", {"en-US": "2025-05-04", "en-GB": "2025-04-05", "ru": "2025-04-05"}),
                             ("04/05/2025", {"en-US": "2025-04-05", "en-GB": "2025-05-04", "ru": "2025-05-04"})):
        html = no_ld.replace("By Mara Olsen ", f"By Mara Olsen | Published: {written}")
        for lang, day in by_lang.items():
            assert day_of_at(html.replace('lang="en"', f'lang="{lang}"'), None) == day, (written, lang)
        # the locale stated by og:locale where <html> states none
        og = html.replace(' lang="en"', "").replace("</title>", '</title><meta property="og:locale" content="en_US">')
        assert day_of_at(og, None) == by_lang["en-US"]
        # visited two days after the day it was read as in British English: that reading, on an en-US page too
        for day in by_lang.values():
            near = datetime.fromisoformat(day).replace(tzinfo=UTC) + timedelta(days=2)
            assert day_of_at(html.replace('lang="en"', 'lang="en-US"'), near) == day, (written, day)
    one_way = no_ld.replace("By Mara Olsen ", "By Mara Olsen | Published: 25/04/2025")
    assert day_of_at(one_way.replace('lang="en"', 'lang="en-US"'), None) == "2025-04-25"
    assert [d for d, _ in written_days("05/04/2025 and 04/25/25", month_first=True)] == [date(2025, 5, 4), date(2025, 4, 25)]
    assert [d for d, _ in written_days("05/04/2025 and 25/04/25", month_first=False)] == [date(2025, 4, 5), date(2025, 4, 25)]


def test_a_slashed_day_on_an_english_page_file_reads_in_its_hosts_countrys_order():
    """A page in plain "en" (or stating no language) on a British, Irish, Australian or
    Indian domain writes "05/04/2025" for 5 April, as the country does; on a .com it is
    still undecided (the reading nearer now), and a stated region wins over the host."""
    no_ld = page().replace('<script type="application/ld+json">', '<script type="text/plain">')
    html = no_ld.replace("By Mara Olsen ", "By Mara Olsen | Published: 05/04/2025")
    for host in ("www.courier.co.uk", "courier.ie", "www.courier.com.au", "courier.in"):
        url = URL.replace("courier.example", host)
        assert day_of_at(html, None, url) == "2025-04-05", host
        assert day_of_at(html.replace(' lang="en"', ""), None, url) == "2025-04-05", host
        assert day_of_at(html.replace('lang="en"', 'lang="en-US"'), None, url) == "2025-05-04", host
    assert day_of_at(html, None, URL.replace("courier.example", "www.courier.com")) == "2025-05-04"


def day_of_at(html: str, fetched: datetime | None, url: str = URL) -> str | None:
    got = extract_article(html, url, fetched_at=fetched)
    return got.published_day if got else None


def test_a_day_written_under_the_headline_without_a_time_is_the_local_day_of_a_utc_instant():
    """"December 4, 2024" in the byline over a statement of 03:30Z on the 5th: the
    newsroom (UTC-5) published on the 4th, as its readers saw; east of Greenwich too
    (20:30Z on the 4th printed as the 5th). An update's day, a day the instant cannot
    fall on in any zone, and a day above the headline (a masthead's) decide nothing."""
    for published, shown, want in (("2024-12-05T03:30:00Z", "December 4, 2024", "2024-12-04"),
                                   ("2024-12-04T20:30:00Z", "5 декабря 2024", "2024-12-05"),
                                   ("2024-12-05T03:30:00Z", "Updated December 4, 2024", "2024-12-05"),
                                   ("2024-12-05T03:30:00Z", "December 2, 2024", "2024-12-05")):
        assert day_of(page(published=published, byline=f"<span>{shown}</span>"))[0] == want, shown
    masthead = "<p>Wednesday, December 4, 2024</p>"
    assert day_of(page(published="2024-12-05T03:30:00Z", before=masthead))[0] == "2024-12-05"


def test_day_and_time_written_beside_the_headline_show_the_local_day_of_a_utc_instant():
    # 22:30 UTC on the 4th is 01:30 on the 5th in Moscow; the byline writes it as text
    for shown in ("5 декабря 2024, 01:30", "December 5, 2024 1:30 AM", "05.12.2024 01:30"):
        html = page(published="2024-12-04T22:30:00Z", byline=f"<span>{shown}</span>")
        assert day_of(html) == ("2024-12-05", "jsonld"), shown
    # a day and time that are not the instant in any zone do not move it
    html = page(published="2024-12-04T22:30:00Z", byline="<span>5 декабря 2024, 20:00</span>")
    assert day_of(html)[0] == "2024-12-04"


def test_a_time_written_before_the_day_beside_the_headline_shows_the_local_day():
    # CNN prints the time first: 04:30 UTC on the 5th is 23:30 on the 4th in New York
    for shown in ("Published 11:30 PM ET, Mon March 4, 2024", "11:30 PM EST · March 4, 2024",
                  "Updated 2:00 AM ET · Published 11:30 PM ET, Mon March 4, 2024"):
        html = page(published="2024-03-05T04:30:00Z", byline=f"<span>{shown}</span>")
        assert day_of(html) == ("2024-03-04", "jsonld"), shown
    # a time that is not the instant in any zone on that day does not move it, nor one
    # too far before the day to be its own (the day's own time, nearer, is not the instant's)
    for shown in ("Published 9:00 AM ET, Mon March 4, 2024", "11:30 PM: the council met. Monday, March 4, 2024, 9:00 AM"):
        html = page(published="2024-03-05T04:30:00Z", byline=f"<span>{shown}</span>")
        assert day_of(html)[0] == "2024-03-05", shown


def test_a_wrapper_of_the_article_named_like_a_sidebar_is_read_by_the_date_guesser():
    # no statement and no <time>: htmldate guesses from the page, which leaves out the
    # blocks of other stories, not the article's own wrapper that holds the <h1>
    html = page(byline='<span class="post-date">29. Mai 2025</span>', lang="de")
    html = html.replace("<main>", '<main class="commentary-with-sidebar">')
    assert day_of(html)[0] == "2025-05-29"


def test_the_articles_time_inside_a_wrapper_named_like_a_sidebar_counts():
    # no <article>, <header> or <main> around it: the wrapper holding the <h1> is the article's
    paras = "".join(f"<p>{p}</p>" for p in _PARAS)
    html = ('<html><head><title>River bridge reopens</title></head><body><div class="commentary-with-sidebar">'
            '<h1>River bridge reopens</h1><div><time datetime="2025-05-29T08:00:00Z">May 29, 2025</time></div>'
            f"{paras}</div></body></html>")
    assert day_of(html) == ("2025-05-29", "time")


def test_a_date_in_a_link_to_another_page_is_not_the_articles_day():
    """With no statement, no date in the URL and none beside the headline, the date
    guesser reads the page: a schedule link's query date (the day the page was fetched)
    is another page's, not the story's; a date the page prints is still found."""
    story = "".join(f"<div>Paragraph {i}: the club named its coach of the year after a season that ended with a "
                    f"first trophy, the league said.</div>" for i in range(14))
    nav = ("<ul><li><a href='https://league.example.com/schedule/scores#competition=all&amp;date=2025-06-01'>"
           "Schedule</a></li><li><a href='/news/index'>News</a></li></ul>")
    url = "https://league.example.com/news/coach-of-the-year"
    html = f"<html><head><title>Coach of the year</title></head><body>{nav}<div><h1>Coach of the year</h1>{story}</div></body></html>"
    got = extract_article(html, url, fetched_at=FETCHED)
    assert got is not None and got.published_day is None
    printed = html.replace("</div></body>", "<div>Nov 21, 2024</div></div></body>")
    got = extract_article(printed, url, fetched_at=FETCHED)
    assert got is not None and got.published_day == "2024-11-21"


def test_the_date_guesser_reads_russian_and_chinese_written_dates():
    """A page that states no date and prints none beside its headline or above its story
    falls to the date guesser (htmldate), which reads "Nov 21, 2024" but not
    "21 ноября 2024 г." or "2024年11月21日": it took a comment's or a footer's date
    instead. Written as ISO days for it, the outlets' own forms date the page alike."""
    story = "".join(f"<div>Paragraph {i}: the club named its coach of the year after a season that ended with a "
                    f"first trophy, the league said.</div>" for i in range(14))
    url = "https://league.example.com/news/coach-of-the-year"
    for written in ("Nov 21, 2024", "21 ноября 2024 г.", "2024年11月21日 08:30", "21 нояб. 2024"):
        html = (f"<html><head><title>Coach of the year</title></head><body><div><h1>Coach of the year</h1>{story}"
                f"<div>Опубликовано / 发布: {written}</div></div><footer>Archive 2019-03-02</footer></body></html>")
        got = extract_article(html, url, fetched_at=FETCHED)
        assert got is not None and (got.published_day, got.date_source) == ("2024-11-21", "htmldate"), written


def _undated(head: str, byline: str, first: str = "") -> str:
    paras = first + "".join(
        f"<p>The harbour board met on Monday night and approved the plan to deepen the northern channel, part {i}.</p>"
        for i in range(4))
    cards = "".join(f"<article><h3><a href='/n/{i}'>Other story {i}</a></h3><span>{i + 5} hours ago</span></article>"
                    for i in range(3))
    return (f"<html><head><title>Harbour plan</title></head><body><main>{head}<h1>Harbour plan approved</h1>"
            f"<div class='meta'>{byline}</div>{paras}</main><section>{cards}</section></body></html>")


def test_a_line_written_relative_to_the_visit_dates_a_page_that_states_no_date():
    visit = datetime(2025, 5, 14, 9, 30, tzinfo=UTC)
    url = "https://news.example.com/harbour-plan"
    got = extract_article(_undated("", "By Jane Roe · 3 hours ago"), url, fetched_at=visit)
    assert got is not None and got.date_source == "relative"
    assert got.published_at == datetime(2025, 5, 14, 6, 30, tzinfo=UTC) and got.published_day == "2025-05-14"
    # Russian and Chinese datelines, above the headline too
    got = extract_article(_undated("<div class='date'>Вчера, 21:05</div>", ""), url, fetched_at=visit)
    assert got is not None and got.published_day == "2025-05-13" and got.date_source == "relative"
    got = extract_article(_undated("", "新华社 2天前"), url, fetched_at=visit)
    assert got is not None and got.published_day == "2025-05-12" and got.date_source == "relative"
    # without the moment of the visit (a page file), no relative line is read
    got = extract_article(_undated("", "By Jane Roe · 3 hours ago"), url)
    assert got is not None and got.date_source != "relative"
    # not the story's sentences, nor the cards of other stories down the page
    story = "<p>The storm that hit the coast 3 days ago left the northern channel silted up and closed to the ferries.</p>"
    for page in (_undated("", "By Jane Roe", story), _undated("", "By Jane Roe")):
        got = extract_article(page, url, fetched_at=visit)
        assert got is not None and got.date_source != "relative" and got.published_day is None


def test_a_day_and_month_with_no_year_beside_the_headline_is_in_the_visits_year():
    """Outlets print this year's stories with no year ("5 марта, 14:30", "14:30, 05 мар",
    "03月05日 14:30"): with the moment of the visit that is the day, in the visit's year or,
    for a day still to come, the year before; with no time of day, no such line is read."""
    url = "https://news.example.com/harbour-plan"
    march = datetime(2025, 3, 7, 9, 30, tzinfo=UTC)
    for line in ("5 марта, 14:30", "14:30, 05 мар", "03月05日 14:30", "By Jane Roe · Mar 5, 2:30 PM"):
        got = extract_article(_undated("", line), url, fetched_at=march)
        assert got is not None and (got.published_day, got.date_source) == ("2025-03-05", "relative"), line
        assert got.published_at == datetime(2025, 3, 5, 14, 30, tzinfo=UTC), line
    january = datetime(2025, 1, 3, 9, 30, tzinfo=UTC)
    got = extract_article(_undated("<div class='date'>28 декабря, 10:15</div>", ""), url, fetched_at=january)
    assert got is not None and got.published_day == "2024-12-28"
    for line in ("5 марта", "By Jane Roe · March 5"):  # a day alone may be an event's
        got = extract_article(_undated("", line), url, fetched_at=march)
        assert got is not None and got.published_day is None, line
    # without the moment of the visit (a page file), none is read
    got = extract_article(_undated("", "5 марта, 14:30"), url)
    assert got is not None and got.published_day is None


def test_a_day_word_is_read_in_the_outlets_zone_when_its_profile_gives_one():
    """"今天 05:00" read at 22:30 UTC is already the next day in Beijing: with the
    profile's zone the day and the instant are Beijing's; without one, the visit's (UTC)."""
    from pipeline.config import ExtractionProfile

    visit = datetime(2025, 5, 14, 22, 30, tzinfo=UTC)
    url = "https://news.example.com/harbour-plan"
    page = _undated("", "人民网 今天 05:00")
    got = extract_article(page, url, fetched_at=visit, profile=ExtractionProfile(timezone="Asia/Shanghai"))
    assert got is not None and got.date_source == "relative"
    assert got.published_day == "2025-05-15" and got.published_at == datetime(2025, 5, 14, 21, 0, tzinfo=UTC)
    got = extract_article(page, url, fetched_at=visit)
    assert got is not None and got.published_day == "2025-05-14" and got.published_at == datetime(2025, 5, 14, 5, 0, tzinfo=UTC)


def test_an_instant_stated_only_in_utc_is_the_day_in_the_outlets_zone_when_its_profile_gives_one():
    """TASS states 01:30 Moscow time on 16 May as 22:30Z on the 15th and prints no day the
    page's markup ties to it: with the profile's zone the day is Moscow's; without one, the
    UTC day. The page's own evidence comes first: a day its <time> element shows, and a
    zone its other statements carry."""
    from pipeline.config import ExtractionProfile

    moscow = ExtractionProfile(timezone="Europe/Moscow")
    html = page(published="2024-05-15T22:30:00Z")
    for profile, want in ((moscow, "2024-05-16"), (None, "2024-05-15")):
        got = extract_article(html, URL, fetched_at=FETCHED, profile=profile)
        assert got is not None and got.published_day == want, profile
        assert got.published_at == datetime(2024, 5, 15, 22, 30, tzinfo=UTC)
    shown = page(published="2024-05-15T22:30:00Z",
                 byline='<time datetime="2024-05-15T22:30:00Z">May 15, 2024 6:30 PM</time>')
    got = extract_article(shown, URL, fetched_at=FETCHED, profile=moscow)
    assert got is not None and got.published_day == "2024-05-15"
    stated = page(published="2024-05-15T22:30:00Z", modified="2024-05-15T20:00:00-04:00")
    got = extract_article(stated, URL, fetched_at=FETCHED, profile=moscow)
    assert got is not None and got.published_day == "2024-05-15"


def test_chinese_outlets_url_days():
    # with nothing stated or shown, the URL's day: People's Daily writes "/2024/0424/",
    # China Daily "/202404/24/"; a month-day segment that is no day is no date
    for url, want in (("http://politics.people.com.cn/n1/2024/0424/c1001-40223222.html", "2024-04-24"),
                      ("https://www.chinadaily.com.cn/a/202404/24/WS6628a1b2.html", "2024-04-24"),
                      ("https://courier.example/n1/2024/1234/c1-4022.html", None),
                      ("https://courier.example/n1/2024/0431/c1-4022.html", None)):
        day, source = day_of(page(), url)
        assert day == want, url
        if want:
            assert source == "url"


def _no_h1(headline: str, dateline: str, masthead: str, title: str | None = None) -> str:
    """A page of an old template: the headline in a <div>, no <h1>, no statement, no
    <time>; the masthead prints the day of the visit above it, the story a past day."""
    paras = "".join(
        f"<p>Совет гавани в понедельник вечером одобрил план углубления северного канала, часть {i}: работы "
        f"начнутся весной и займут два года, сообщили в администрации порта.</p>" for i in range(6))
    return (f"<html><head><title>{title or headline}</title></head><body><div class='top'>{masthead}</div>"
            f"<div class='wrap'><div class='t1'>{headline}</div><div class='info'>{dateline}</div>{paras}"
            f"<div class='old'>Архив: 3 марта 2019 г.</div></div></body></html>")


def test_the_day_beside_a_headline_printed_without_an_h1():
    """An old template prints its headline in a <div>: the day beside it is read as
    beside an <h1> (before, the date guesser read the whole page and took the
    masthead's day of the visit or a date further down)."""
    visit = datetime(2025, 5, 14, 9, 30, tzinfo=UTC)
    url = "https://gavan.example.ru/news/plan"
    for masthead, dateline, want in (
            ("Среда, 14 мая 2025 г.", "Опубликовано: 12 мая 2025 г., 16:26", "2025-05-12"),
            ("2025年05月14日 星期三", "2025年05月12日 16:26 来源：新华网", "2025-05-12"),
            ("Wednesday, May 14, 2025", "By Jane Roe · May 12, 2025", "2025-05-12")):
        got = extract_article(_no_h1("План углубления канала одобрен", dateline, masthead), url, fetched_at=visit)
        assert got is not None and got.title == "План углубления канала одобрен"
        assert (got.published_day, got.date_source) == (want, "visible"), dateline
    # "3 hours ago" beside it, from the moment of the visit
    got = extract_article(_no_h1("План углубления канала одобрен", "3 часа назад", ""), url, fetched_at=visit)
    assert got is not None and got.published_at == datetime(2025, 5, 14, 6, 30, tzinfo=UTC)
    # a headline found elsewhere than printed (the <title> a search variant) places no line:
    # the day printed nearest above the story's first line is the byline's, not the masthead's
    search = "Порт: план углубления северного канала одобрен советом гавани"
    for dateline in ("Опубликовано: 12 мая 2025 г.", "2025年05月12日 16:26"):
        got = extract_article(_no_h1("Канал", dateline, "Среда, 14 мая 2025 г.", title=search), url, fetched_at=visit)
        assert got is not None and got.title == search
        assert (got.published_day, got.date_source) == ("2025-05-12", "visible")
    # not a date the story's own lines write
    got = extract_article(_no_h1("Канал", "", "", title=search).replace("часть 1:", "часть 1, 3 марта 2024 г.:"), url,
                          fetched_at=visit)
    assert got is not None and got.published_day != "2024-03-03"


@given(st.lists(st.one_of(st.none(), st.text(max_size=24)), max_size=4), st.text(max_size=80))
def test_any_locales_give_an_order_or_none_and_any_text_its_days(locales, text):
    from pipeline.extract.dates.printed import writes_month_first

    order = writes_month_first(locales)
    assert order in (True, False, None)
    for url in ("https://www.courier.co.uk/x", "http://[::1/x", text):  # any host, a malformed one too
        assert writes_month_first(locales, url) in (True, False, None)
    days = written_days(text, month_first=order)
    # with an order known, a slashed date gives one reading at most: never more days than without
    assert len(days) <= len(written_days(text))


def test_a_date_printed_in_full_width_digits_is_read():
    """Some Chinese and Japanese pages print dates in full-width digits ("２０２４年３月５日",
    "２３：３０"): they are the same dates, and the offsets in the text stay those of the
    page (a full-width digit is one character, as its ASCII one is)."""
    url = "https://news.example.com/harbour-plan"
    for line in ("２０２４年３月５日 ２３：３０", "２０２４－０３－０５", "２０２４／３／５"):
        got = extract_article(_undated("", line), url)
        assert got is not None and got.published_day == "2024-03-05", line
    march = datetime(2025, 3, 7, 9, 30, tzinfo=UTC)
    for line, day in (("３小时前", "2025-03-07"), ("昨天 １４：３０", "2025-03-06"), ("０３月０５日 １４：３０", "2025-03-05")):
        got = extract_article(_undated("", line), url, fetched_at=march)
        assert got is not None and (got.published_day, got.date_source) == (day, "relative"), line
    text = "发布时间：２０２４年３月５日"
    assert written_days(text) == [(date(2024, 3, 5), text.index("２"))]
