"""The publication date a page states in its markup (JSON-LD, meta tags, itemprop, a
`<time>`), and where it states none, the URL's day, the day printed beside the
headline or above the story, a line written relative to the visit, or htmldate's guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from lxml.html import HtmlElement

from ..blocks import elsewhere, headline_article
from ..jsonld import PageMeta, itemprop_value, iter_strings, parse_datetime, plausible, the_article, to_utc
from .guess import guessed_date
from .printed import ago_beside_headline, day_above_story, day_beside_headline, writes_month_first
from .urls import url_date, url_month
from .zones import reader_day

_META_DATE_KEYS = (
    "article:published_time", "og:article:published_time", "article:published", "og:published_time",
    "datepublished", "published_time", "article.published", "parsely-pub-date", "sailthru.date",
    "pubdate", "publishdate", "publish-date", "publish_date", "article_date_original", "date.published",
    "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created", "dc.date.created",
    "cxenseparse:recs:publishtime", "originalpublicationdate", "date", "citation_publication_date",
    "article:post_date", "og:pubdate", "datecreated", "release_date", "timestamp",
)
_ARTICLE_CLASS = re.compile(r"(?i)byline|dateline|article|post-meta|entry-meta|published|timestamp")


def _time_elements(times: list[HtmlElement]) -> list[str]:
    """datetime values of <time> elements, those inside the article / marked pubdate
    first, those stating an update after the others of their kind; none of those in an
    aside, navigation, a footer, a card of another story or a list of related stories or
    comments (another story's date, a reader's)."""
    first: list[str] = []
    rest: list[str] = []
    first_updated: list[str] = []
    rest_updated: list[str] = []
    for el in times:
        val = el.get("datetime")
        if not val:
            continue
        anc = el
        in_article = el.get("pubdate") is not None or (el.get("itemprop") or "").lower() == "datepublished"
        away = False
        depth = 0
        while anc is not None and depth < 12 and not in_article:
            tag = anc.tag if isinstance(anc.tag, str) else ""
            cls = (anc.get("class") or "") + " " + (anc.get("id") or "")
            if elsewhere(anc, tag, cls) and anc.find(".//h1") is None:  # not the article's own wrapper
                away = True
                break
            if tag in ("article", "header", "main") or _ARTICLE_CLASS.search(cls):
                in_article = True
            anc = anc.getparent()
            depth += 1
        if away:
            continue
        ((first_updated if in_article else rest_updated) if _labelled_update(el) else (first if in_article else rest)).append(val)
    return first + first_updated + rest + rest_updated


_UPDATE_LABEL = re.compile(r"(?i)(?:updated|modified|обновлено|изменено|更新|修改)\W*$")
_UPDATE_OPENS = re.compile(r"(?i)\W*(?:last\s+)?(?:updated|modified|обновлено|изменено|更新|修改)")
_UPDATE_CLASS = re.compile(r"(?i)(?:^|[\s_-])(?:updated|modified)(?:$|[\s_-])")


def _labelled_update(el: HtmlElement) -> bool:
    """Whether a <time> states when the article was updated: marked dateModified or
    "updated" in its markup, or its own text or the text just before it says so
    ("Updated <time>", "<time>Last updated: ...</time>"). The publication comes first."""
    if (el.get("itemprop") or "").lower() == "datemodified" or _UPDATE_CLASS.search(el.get("class") or ""):
        return True
    if _UPDATE_OPENS.match(el.text_content() or ""):
        return True
    prev = el.getprevious()
    before = (prev.tail if prev is not None else el.getparent().text if el.getparent() is not None else None) or ""
    if not before.strip() and prev is not None:
        before = prev.text_content() or ""
    return bool(_UPDATE_LABEL.search(before.strip()[-40:]))


# og:type values of pages that are not dated publications (the date guesser would
# return a date from their content: a birthday, a wedding, a review)
_UNDATED_OG_TYPES = frozenset({"profile", "product", "book", "music.song", "music.album", "music.playlist", "place", "business.business"})


def _near_url_date(values: list[str], url: str) -> list[str]:
    """<time> values, where the URL carries the article's date: those on that day first,
    then those a day off (a time zone), none further off. A page lists other stories'
    and later updates' times too; the URL was minted when the article was published."""
    in_url = url_date(url)
    if in_url is None:
        return values
    near: list[tuple[int, int, str]] = []
    for i, v in enumerate(values):
        got = parse_datetime(v)
        if got is None:
            continue
        dt = got[0]
        off = min(abs((d - in_url.date()).days) for d in (dt.date(), to_utc(dt).date()))
        if off <= 1:
            near.append((off, i, v))
    return [v for _, _, v in sorted(near)]


def _own_itemprops(tree: HtmlElement) -> list[str]:
    """The datePublished microdata inside the <article> of the page's headline, read
    before the page's others (when there are several): a wrapper of the next stories,
    or a template's leftover header, may state another day first."""
    main = headline_article(tree)
    if main is None:
        return []
    out = []
    for el in main.iter():
        if isinstance(el.tag, str) and (el.get("itemprop") or "").lower() == "datepublished":
            val = itemprop_value(el)
            if val:
                out.append(val)
    return out


def stated_date(
    tree: HtmlElement, html: str, url: str, pm: PageMeta, fetched_at: datetime, visited: bool,
    zone: tzinfo | None, visible: Callable[[], tuple[str, int]],
    printed: Callable[[], HtmlElement | None] = lambda: None, story: str | None = None,
) -> tuple[datetime | None, str | None, str | None]:
    """(published_at UTC, local day, source) from the page's machine-readable statements
    (`visible`: the page's `_visible_text`, read when needed; `printed`: the line printing
    the headline on a page without an <h1>, found when needed; `story`: the text)."""

    def ok(raw: str | None) -> tuple[datetime, bool] | None:
        got = parse_datetime(raw)
        if got is None or not plausible(got[0], fetched_at):
            return None
        return got

    candidates: list[tuple[str, Any]] = []
    # the article object of this page, not a related story's listed beside it
    for obj in the_article(pm, "datePublished", url):
        candidates.append(("jsonld", obj["datePublished"]))
    for k in _META_DATE_KEYS:
        for v in pm.meta.get(k, ()):
            candidates.append(("meta:" + k, v))
    microdata = pm.itemprops.get("datepublished", [])
    for v in (*(_own_itemprops(tree) if len(microdata) > 1 else ()), *microdata):
        candidates.append(("itemprop", v))
    for obj in the_article(pm, "dateCreated", url):
        candidates.append(("jsonld-created", obj["dateCreated"]))
    for obj in pm.pages:
        if obj.get("datePublished"):
            candidates.append(("jsonld-page", obj["datePublished"]))
    times = list(tree.iter("time"))
    for v in _near_url_date(_time_elements(times), url):
        candidates.append(("time", v))

    for source, raw in candidates:
        for s in iter_strings([raw]):
            got = ok(s)
            if got:
                dt, has_time = got
                if dt.utcoffset() in (None, timedelta(0)):
                    dt, day = reader_day(dt, has_time, visible, times, url, pm, candidates, zone)
                else:
                    day = dt.date().isoformat()
                return to_utc(dt), day, source
    d = url_date(url)
    if d is not None and plausible(d, fetched_at):
        return d.replace(tzinfo=UTC), d.date().isoformat(), "url"

    if (pm.first("og:type") or "").strip().lower() in _UNDATED_OG_TYPES:
        return None, None, None  # a profile or product page: no publication date to guess
    month = url_month(url)  # a URL's year and month are the publication's
    # the two readings of a slashed date: the one nearer the visit, where its moment is
    # known (a page is fetched within days of its date, and WordPress pages of every
    # country keep its default lang="en-US"); else the order the page's locale writes
    order = None if visited else writes_month_first((pm.html_lang, pm.first("og:locale"), pm.first("content-language")), url)
    beside = day_beside_headline(visible, fetched_at, month, order)
    if beside is not None:
        return beside, beside.date().isoformat(), "visible"
    ago = ago_beside_headline(tree, fetched_at, zone, printed) if visited else None  # "3 hours ago" needs the visit's moment
    if ago is not None:
        return to_utc(ago), ago.date().isoformat(), "relative"
    above = day_above_story(visible, story, fetched_at, month, order)
    if above is not None:
        return above, above.date().isoformat(), "visible"
    guessed = guessed_date(tree, url, fetched_at)
    if guessed is not None:
        return to_utc(guessed), guessed.date().isoformat(), "htmldate"
    return None, None, None
