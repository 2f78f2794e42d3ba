"""Publication date: stated in markup, the URL, or shown to readers; which one is the article's."""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Callable, Iterable, Iterator
from copy import deepcopy
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from itertools import islice
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from ..datetimes import WRITTEN_DATE, iso_written, written_ago, written_clocks, written_days
from .blocks import elsewhere, headline_article
from .jsonld import PageMeta, itemprop_value, iter_strings, parse_datetime, plausible, the_article, to_utc
from .strings import NOT_SHOWN
from .titles import printed_headline_line

LOG = logging.getLogger(__name__)


# ---------------------------------------------------------------- dates

_URL_DATE = [
    re.compile(r"(?<!\d)((?:19|20)\d\d)[/_.-](0?[1-9]|1[0-2])[/_.-](0?[1-9]|[12]\d|3[01])(?!\d)"),
    re.compile(r"[/_-]((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)"),
    # "/2024/0424/" (People's Daily), "/202404/24/" (China Daily): a segment each side
    re.compile(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])/"),
    re.compile(r"/((?:19|20)\d\d)(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])/"),
]

_META_DATE_KEYS = (
    "article:published_time", "og:article:published_time", "article:published", "og:published_time",
    "datepublished", "published_time", "article.published", "parsely-pub-date", "sailthru.date",
    "pubdate", "publishdate", "publish-date", "publish_date", "article_date_original", "date.published",
    "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created", "dc.date.created",
    "cxenseparse:recs:publishtime", "originalpublicationdate", "date", "citation_publication_date",
    "article:post_date", "og:pubdate", "datecreated", "release_date", "timestamp",
)


_MONTHS = {m: i + 1 for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())}
_URL_NAMED_MONTH = re.compile(r"/((?:19|20)\d\d)/([a-z]{3})[a-z]*/(0?[1-9]|[12]\d|3[01])(?:/|$)", re.I)
_URL_YEAR_MONTH = re.compile(r"/((?:19|20)\d\d)[/_-](0[1-9]|1[0-2])(?:/|$)")


def _url_date(url: str) -> datetime | None:
    path = urlsplit(url).path
    for rx in _URL_DATE:
        m = rx.search(path)
        if m:
            try:
                return datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
    m = _URL_NAMED_MONTH.search(path)
    if m and m.group(2).lower() in _MONTHS:
        try:
            return datetime(int(m.group(1)), _MONTHS[m.group(2).lower()], int(m.group(3)))
        except ValueError:
            return None
    return None


def _url_day(url: str) -> str | None:
    d = _url_date(url)
    return d.date().isoformat() if d else None


def _url_month(url: str) -> tuple[int, int] | None:
    m = _URL_YEAR_MONTH.search(urlsplit(url).path)
    return (int(m.group(1)), int(m.group(2))) if m else None


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
_COMMENTS = re.compile(r"(?i)(?:^|[\s_-])(?:comments?|replies|reply|disqus|discussion)(?:$|[\s_-])")


def _others(tree: HtmlElement) -> list[HtmlElement]:
    """Comment threads and blocks of other stories (`blocks.elsewhere`, not one that holds
    the <h1>: a wrapper "article-with-sidebar", "commentary-body" is the article's)."""
    return [
        el for el in tree.iter()
        if isinstance(el.tag, str) and el.tag not in ("html", "body")
        and (_COMMENTS.search(f"{el.get('class', '')} {el.get('id', '')}")
             or elsewhere(el, el.tag, f"{el.get('class', '')} {el.get('id', '')}") and el.find(".//h1") is None)
    ]


def _for_the_guesser(tree: HtmlElement) -> HtmlElement:
    """The page as the date guesser reads it (a copy): without comment threads and other
    stories' blocks, whose timestamps are the readers' and other stories', and without
    the targets of its links, whose dates are other pages' (a schedule link's
    "?date=2024-02-21" is the day of the visit, not of the story); its Russian and
    Chinese written dates as ISO days (`iso_written`), which the guesser cannot read."""
    others = set(_others(tree))
    copy = deepcopy(tree)
    if others:
        # the copy's elements in the same order as the page's: the blocks found once
        for el in [c for o, c in zip(tree.iter(), copy.iter()) if o in others]:
            if el.getparent() is not None:  # the root has no parent to drop it from
                el.drop_tree()
    for el in copy.iter():
        if el.tag == "a":
            el.attrib.pop("href", None)
        if el.text and _OTHER_NEWSROOM.search(el.text):
            el.text = iso_written(el.text)
        if el.tail and _OTHER_NEWSROOM.search(el.tail):
            el.tail = iso_written(el.tail)
    return copy


_OTHER_NEWSROOM = re.compile(r"年|[а-яё]", re.I)  # a text that may hold a date `iso_written` rewrites


def _local_day(dt: datetime, url: str) -> str:
    """The day readers saw. An instant stated only in UTC falls on the next or previous
    day for newsrooms far from Greenwich (a Los Angeles story filed at 17:00 is 01:00Z);
    when the URL carries a day that the instant falls on in some real zone (UTC-12 to
    UTC+14), that is the newsroom's day."""
    day = dt.date().isoformat()
    if dt.utcoffset() not in (None, timedelta(0)):
        return day
    url_day = _url_date(url)
    if url_day is None or url_day.date().isoformat() == day:
        return day
    utc = to_utc(dt).replace(tzinfo=None)
    if (utc - timedelta(hours=12)).date() <= url_day.date() <= (utc + timedelta(hours=14)).date():
        return url_day.date().isoformat()
    return day


def _in_reach(day: date, dt: datetime) -> bool:
    """Whether the UTC instant falls on day in some real zone (UTC-12 to UTC+14)."""
    utc = to_utc(dt).replace(tzinfo=None)
    return (utc - timedelta(hours=12)).date() <= day <= (utc + timedelta(hours=14)).date()


def _at_instant(day: date, clock: tuple[int, int], dt: datetime) -> bool:
    """Whether day at this wall-clock time is the UTC instant in some real zone (UTC-12
    to UTC+14, whole hours or a zone's own half or quarter hour)."""
    local = datetime.combine(day, time(*clock))
    minutes = (local - to_utc(dt).replace(tzinfo=None, second=0, microsecond=0)).total_seconds() / 60
    return -720 <= minutes <= 840 and (minutes % 60 == 0 or minutes in _ODD_OFFSETS)


# the zones whose offsets are not whole hours (minutes east of UTC)
_ODD_OFFSETS = frozenset((-570, -210, 210, 270, 330, 345, 390, 525, 570, 630, 765))


def _shown_day(times: list[HtmlElement], dt: datetime) -> str | None:
    """The day a <time> element displays for this instant: "December 18, 2023 6:30 PM"
    over datetime="2023-12-19T02:30:00Z" is the day its readers saw. The element must
    state the same instant in its markup (or, when its datetime is missing or junk,
    display the instant's own wall-clock time beside the day); the dates of other
    elements of the page do not count."""
    for el in times:
        got = parse_datetime(el.get("datetime"))
        same = bool(got and got[1] and abs(to_utc(got[0]) - to_utc(dt)) <= timedelta(minutes=1))
        if got and not same:
            continue  # another instant: another story's, or the update's
        text = el.text_content()
        parent = el.getparent()
        if same and not text.strip() and parent is not None:
            text = " ".join(islice(parent.itertext(), 12))[:200]  # an empty <time> beside the date it stands for
        for shown, _ in written_days(text, limit=1):
            if same and _in_reach(shown, dt) or any(_at_instant(shown, c, dt) for c in written_clocks(text)):
                return shown.isoformat()
    return None


def _shown_beside_headline(visible: Callable[[], tuple[str, int]], dt: datetime) -> str | None:
    """The day written beside the headline (`visible`: the page's `_visible_text`) with a
    time of day that is this instant in some real zone ("5 декабря 2023, 01:30" under a
    statement of 22:30Z the day before): the day readers saw, where no <time> element
    displays it."""
    text, headline = visible()
    if headline < 0:
        return None
    span = text[headline : headline + 4 * _BYLINE_SPAN]
    for shown, pos in written_days(span, limit=8):
        if any(_at_instant(shown, c, dt) for c in written_clocks(span[pos : pos + 60])):
            return shown.isoformat()
    return None


def _newsroom_offsets(pm: PageMeta, url: str, candidates: list[tuple[str, Any]]) -> set[timedelta]:
    """The UTC offsets of the page's other statements that carry a real zone (published,
    modified, <time> elements): the newsroom's zone, when the page states it."""
    raws: list[Any] = [raw for _, raw in candidates]
    raws.extend(_modified_statements(pm, url))
    out: set[timedelta] = set()
    for s in iter_strings(raws):
        got = parse_datetime(s)
        if got and got[1]:
            off = got[0].utcoffset()
            if off is not None and off != timedelta(0):
                out.add(off)
    return out


def _reader_day(
    dt: datetime, has_time: bool, visible: Callable[[], tuple[str, int]], times: list[HtmlElement], url: str,
    pm: PageMeta, candidates: list[tuple[str, Any]],
) -> tuple[datetime, str]:
    """(instant, day readers saw) for a published instant stated in UTC or without zone.
    In order: the same instant (or wall clock) stated in the newsroom's zone; the day an element
    stating the instant displays, or the day and time written beside the headline that are
    the instant in some zone; the URL's day (_local_day); for an instant stated in
    UTC, the day in the zone of the page's other statements, when they all agree."""
    for _, raw2 in candidates:
        for s2 in iter_strings([raw2]):
            got2 = parse_datetime(s2)
            if got2 and got2[0].utcoffset() not in (None, timedelta(0)) and (
                abs(to_utc(got2[0]) - to_utc(dt)) <= timedelta(minutes=1)
                # the same wall clock in a real zone: the UTC statement is the local time
                # mislabelled (a CMS set to UTC), the zoned one is the page's truth
                or abs(got2[0].replace(tzinfo=None) - dt.replace(tzinfo=None)) <= timedelta(minutes=1)
            ):
                return got2[0], got2[0].date().isoformat()
    shown = (_shown_day(times, dt) or _shown_beside_headline(visible, dt)) if has_time else None
    if shown:
        return dt, shown
    day = _local_day(dt, url)
    if day != dt.date().isoformat() or dt.tzinfo is None or not has_time or dt.time() == time(0):
        # the URL's day; a naive time is the newsroom's wall clock; a bare day (or
        # midnight UTC, as CMSes write one) is the newsroom's day as stated
        return dt, day
    local = {(to_utc(dt) + off).date() for off in _newsroom_offsets(pm, url, candidates)}
    if len(local) == 1:
        return dt, local.pop().isoformat()
    return dt, day


def _near_url_date(values: list[str], url: str) -> list[str]:
    """<time> values, where the URL carries the article's date: those on that day first,
    then those a day off (a time zone), none further off. A page lists other stories'
    and later updates' times too; the URL was minted when the article was published."""
    in_url = _url_date(url)
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


def _stated_date(
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
                    dt, day = _reader_day(dt, has_time, visible, times, url, pm, candidates)
                else:
                    day = dt.date().isoformat()
                return to_utc(dt), day, source
    d = _url_date(url)
    if d is not None and plausible(d, fetched_at):
        return d.replace(tzinfo=UTC), d.date().isoformat(), "url"

    if (pm.first("og:type") or "").strip().lower() in _UNDATED_OG_TYPES:
        return None, None, None  # a profile or product page: no publication date to guess
    month = _url_month(url)  # a URL's year and month are the publication's
    beside = _day_beside_headline(visible, fetched_at, month)
    if beside is not None:
        return beside, beside.date().isoformat(), "visible"
    ago = _ago_beside_headline(tree, fetched_at, zone, printed) if visited else None  # "3 hours ago" needs the visit's moment
    if ago is not None:
        return to_utc(ago), ago.date().isoformat(), "relative"
    above = _day_above_story(visible, story, fetched_at, month)
    if above is not None:
        return above, above.date().isoformat(), "visible"
    try:
        from htmldate import find_date as htmldate_find_date

        bounds: dict[str, Any] = {"max_date": to_utc(fetched_at).strftime("%Y-%m-%d")}
        ym = _url_month(url)
        if ym:  # a year/month in the URL bounds the search to that month
            y, m = ym
            last = (datetime(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)).day
            bounds = {"min_date": f"{y:04d}-{m:02d}-01", "max_date": min(bounds["max_date"], f"{y:04d}-{m:02d}-{last:02d}")}
        with warnings.catch_warnings():  # its parser's "tzname EST ... not understood": a guess's, not the user's
            warnings.simplefilter("ignore")
            found = htmldate_find_date(_for_the_guesser(tree), url=url, original_date=True, extensive_search=True, **bounds)
    except Exception as exc:  # noqa: BLE001 - htmldate is a best-effort fallback
        LOG.debug("htmldate failed: %s", exc)
        found = None
    if found and not found.endswith("-01-01"):  # a bare year (copyright line) read as 1 January
        got = ok(found)
        if got:
            return to_utc(got[0]), got[0].date().isoformat(), "htmldate"
    return None, None, None


# Dates as the reader sees them in the page text ("Updated December 26, 2023 10:48 AM",
# "Posted: 22 Dec 2023", "Обновлено 14 мая 2025", "发布时间：2025年05月14日"): the one
# reader of written dates is datetimes.written_days; the cleanup's stamp test shares
# its English pattern.
_VISIBLE_DATE = WRITTEN_DATE
_DATE_KIND = re.compile(
    r"(?i)(published|posted|first\s+published|updated|modified|last\s+updated"
    r"|опубликовано|обновлено|изменено|发布|發布|发表|發表|更新|修改)"
)
_UPDATE_WORDS = ("updated", "modified", "обновлено", "изменено", "更新", "修改")


def _names_update(word: str) -> bool:
    """Whether a word of `_DATE_KIND` names an update ("Updated", "更新"), not the publication."""
    w = word.lower()
    return any(u in w for u in _UPDATE_WORDS)
_NOT_VISIBLE = NOT_SHOWN | {"head", "title", "svg"}
# lists of other stories and readers' comments: their dates are not the article's
_OTHER_STORIES = ("related", "recommend", "sidebar", "promo", "trending", "popular", "more-stories")


_CONTAINERS = frozenset(("div", "section", "ul", "ol"))


def _names_other_stories(el: HtmlElement) -> bool:
    """Whether a block is named as a list of other stories, or as readers' comments
    and longer than a byline: a byline row named for the comment count it shows
    ("social-comments") prints the article's own day; a thread is longer."""
    names = f"{el.get('class', '')} {el.get('id', '')}".lower()
    if any(w in names for w in _OTHER_STORIES):
        return True
    return "comment" in names and len(" ".join(el.text_content().split())) > _BYLINE_SPAN


def _visible_text(tree: HtmlElement, printed: HtmlElement | None = None) -> tuple[str, int]:
    """(the page's visible text without asides, navigation and lists of other stories,
    offset of the first <h1> in it, or of `printed`, the line printing the headline on a
    page without one, or -1)."""
    body = tree.find(".//body")
    if body is None:
        body = tree
    parts: list[str] = []
    size = 0  # characters in parts, with the joining spaces

    def add(t: str) -> None:
        # runs of white space as one space: a template's indentation is no distance
        nonlocal size
        t = " ".join(t.split())
        if t:
            parts.append(t)
            size += len(t) + 1

    headline = -1
    skip_to: Any = None  # the last descendant of a skipped subtree
    for el in body.iter():
        if skip_to is not None:
            if el is skip_to:
                skip_to = None
            continue
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _NOT_VISIBLE or not tag:
            # skip the element's own text; its tail is visible text of the parent
            if el.tail and el is not body:
                add(el.tail)
            continue
        if (
            el is not body
            and (tag in ("aside", "nav") or tag in _CONTAINERS and _names_other_stories(el))
            and el.find(".//h1") is None  # not a wrapper of the article itself ("article-with-sidebar")
        ):
            if el.tail:
                add(el.tail)
            last = el
            while len(last):
                last = last[-1]
            skip_to = last if last is not el else None
            continue
        if (tag == "h1" or el is printed) and headline < 0:
            headline = size
        if el.text:
            add(el.text)
        if el.tail and el is not body:
            add(el.tail)
    # (iter() is document order for text; a tail follows its element's subtree, so
    # ordering is approximate inside an element: good enough to find the byline)
    return " ".join(parts), headline


def _visible_reader(tree: HtmlElement, printed: Callable[[], HtmlElement | None] = lambda: None) -> Callable[[], tuple[str, int]]:
    """The page's `_visible_text`, read on the first call: the date rules that need it
    share one reading (`printed`: the line printing the headline on a page without an
    <h1>)."""
    return lru_cache(maxsize=1)(lambda: _visible_text(tree, printed()))


def _visible_dates(visible: Callable[[], tuple[str, int]], limit: int = 40) -> list[tuple[str, str | None, int]]:
    """(YYYY-MM-DD, "pub" | "upd" | None, offset in the text) for dates written in the
    page's visible text from just above the headline on, in page order; the kind comes
    from a "Published"/"Updated" word just before the date. Dates far above the
    headline are the masthead's (the day of the visit) or a ticker's, not the
    article's: its date sits with the headline, in the byline or a kicker above it."""
    return _dates_in(*visible(), limit)


def _dates_in(text: str, headline: int, limit: int) -> list[tuple[str, str | None, int]]:
    """`_visible_dates` of a page's visible text and its headline's offset; above the
    headline as far as two byline spans (a kicker's day may sit past an editors' note)."""
    start = max(0, headline - 2 * _BYLINE_SPAN)
    out: list[tuple[str, str | None, int]] = []
    after = 0  # a word before the date before this one is that date's ("Updated Dec 23, Dec 22")
    for d, pos in written_days(text[start:], limit):
        pos += start
        kinds = _DATE_KIND.findall(text[max(0, pos - 40, after) : pos])
        after = pos + 1
        kind = None
        if kinds:
            kind = "upd" if _names_update(kinds[-1]) else "pub"
        out.append((d.isoformat(), kind, pos))
    return out


class _Near(NamedTuple):
    """A date beside the headline; its fields in the order a reader prefers such dates
    (below the headline first, a "Published" one first, the nearest, the nearest the visit)."""

    above: bool
    unpublished: bool  # no "Published" word before it
    distance: int  # from the headline
    age: int  # days before (or after) the visit
    day: str  # YYYY-MM-DD
    kind: str | None  # "pub" | "upd" | None
    pos: int  # offset in the visible text


def _day_beside_headline(visible: Callable[[], tuple[str, int]], fetched_at: datetime,
                         month: tuple[int, int] | None = None) -> datetime | None:
    """The day written beside the headline, when the page states no date in its markup:
    below it before above it (a masthead's day of the visit sits above), the nearest first, a
    "Published" date first, an "Updated" one only when no other is there. Read before
    htmldate, whose search of the whole page takes a copyright line, a comment's date or
    the day of the visit as often as the byline's."""
    text, headline = visible()
    if headline < 0:
        return None  # no headline to read beside: the first date may be the masthead's
    # the nearest to the headline first (above it, a byline or kicker sits closer than
    # the masthead's day); the two readings of a slashed date ("12/05/2023") sit at one
    # offset: the one nearer the visit wins (a page is fetched within days of its date)
    near = [_Near(pos < headline, kind != "pub", abs(pos - headline), abs((fetched_at.date() - date.fromisoformat(d)).days),
                  d, kind, pos) for d, kind, pos in _dates_in(text, headline, 8) if pos <= headline + 4 * _BYLINE_SPAN]
    below = [x for x in near if not x.above]
    pool = sorted(below or near)
    if below and all(x.kind == "upd" for x in below):
        # only updates below: a byline or kicker printed above the headline dates the
        # story, with a day before the update (the masthead's day of the visit is later)
        pool = sorted(x for x in near if x.above and x.kind != "upd" and x.day < below[0].day) + pool

    def gives_way(update: _Near) -> bool:
        # to another date of the same byline, or to one a writer's name prints below it
        # (past a standfirst), not to a caption's
        return any(x.kind != "upd" and (abs(x.pos - update.pos) <= _BYLINE_SPAN or _after_a_name(text, x.pos)) for x in pool)

    return _first_plausible((x.day for x in pool if x.kind != "upd" or not gives_way(x)), fetched_at, month)


# a writer's name ending just before a date, as a byline prints it ("By Yesha Callahan
# December 21, 2023", "Daisy-Mae Schmitt Dec 05, 2023"): two to four capitalised words;
# a caption's date follows a sentence's words ("... on Tuesday, May 20, 2025")
_NAME_BEFORE = re.compile(r"(?<![\w'’.-])(?:[A-ZА-ЯЁ][\w'’.-]+\s+){1,3}[A-ZА-ЯЁ][\w'’.-]+[\s,|/·•–—-]*$")
_NAME_REACH = 60  # characters before the date


def _after_a_name(text: str, pos: int) -> bool:
    """Whether the date at offset `pos` follows a writer's name (`_NAME_BEFORE`)."""
    return _NAME_BEFORE.search(text[max(0, pos - _NAME_REACH) : pos]) is not None


def _first_plausible(days: Iterable[str], fetched_at: datetime, month: tuple[int, int] | None) -> datetime | None:
    """The first of `days` (ISO dates, in the order a reader prefers them) plausible for
    a page fetched at `fetched_at` and in `month` (year, month), the one a URL carries."""
    for d in days:
        dt = datetime.fromisoformat(d).replace(tzinfo=UTC)
        if plausible(dt, fetched_at) and (month is None or (dt.year, dt.month) == month):
            return dt
    return None


def _day_above_story(visible: Callable[[], tuple[str, int]], story: str | None, fetched_at: datetime,
                     month: tuple[int, int] | None = None) -> datetime | None:
    """On a page where no headline is found to read beside (no <h1>, no line printing
    the headline found), the day printed nearest above the story's first line, within
    two byline spans: the byline's block sits between the headline and the story, the
    masthead's day of the visit further up; a "Published" date before an "Updated" one."""
    text, headline = visible()
    first = " ".join((story or "").split("\n", 1)[0].split())[:60]
    if headline >= 0 or len(first) < 20:
        return None
    at = text.find(first)
    if at <= 0:
        return None
    near = sorted((kind == "upd", at - pos, d) for d, kind, pos in _dates_in(text, at, 8) if pos < at)
    return _first_plausible((d for _, _, d in near), fetched_at, month)


_AGO_LINE = 80  # characters: a byline or dateline, not a sentence of the story
_AGO_REACH = 150  # elements after the headline: the byline's block, not the cards down the page


def _following(el: HtmlElement) -> Iterator[HtmlElement]:
    """The elements after `el` in page order, from its siblings out to those of its
    grandparent (the byline's block sits beside the headline's or its wrapper's)."""
    node: HtmlElement | None = el
    for _ in range(3):
        if node is None:
            return
        for sib in node.itersiblings():
            yield from sib.iter()
        node = node.getparent()


def _ago_beside_headline(tree: HtmlElement, fetched_at: datetime, zone: tzinfo | None = None,
                         printed: Callable[[], HtmlElement | None] = lambda: None) -> datetime | None:
    """The moment a short line beside the headline gives relative to the visit ("By Jane
    Roe · 3 hours ago", "Сегодня, 14:30", "5小时前"), when the page states no date and
    writes none: the lines between the <h1> and the story's first paragraph, then those
    just above it in the same block (a dateline over the headline). Read only from
    `fetched_at`, the moment of the visit, which reprocessing keeps; "Сегодня, 14:30" in
    the outlet's `zone` when its profile gives one (the visit's zone, UTC, otherwise)."""
    h1 = next(tree.iter("h1"), None)
    if h1 is None:
        h1 = printed()
    if h1 is None:
        return None
    below: list[HtmlElement] = []
    for el in _following(h1):
        if el.tag == "p" and len(el.text_content().strip()) >= _AGO_LINE or len(below) >= _AGO_REACH:
            break  # the story has begun, or the line is too far to be the byline's
        below.append(el)
    parent = h1.getparent()
    above = [*h1.itersiblings(preceding=True), *(parent.itersiblings(preceding=True) if parent is not None else ())]
    now = fetched_at.astimezone(zone) if zone else fetched_at
    for el in (*below, *above):
        if not isinstance(el.tag, str) or el.tag in NOT_SHOWN:
            continue
        text = " ".join(el.text_content().split())
        if text and len(text) <= _AGO_LINE:
            at = written_ago(text, now)
            if at is not None and plausible(at, fetched_at):
                return at
    return None


_MODIFIED_KEYS = (
    "article:modified_time", "og:updated_time", "datemodified", "dcterms.modified", "article:modified",
    "og:article:modified_time", "dc.date.modified", "article_date_updated", "cxenseparse:modified_time",
)


def _modified_statements(pm: PageMeta, url: str) -> list[Any]:
    """The update as this page's JSON-LD article object and its meta tags state it."""
    raws: list[Any] = [obj["dateModified"] for obj in the_article(pm, "dateModified", url)]
    for k in _MODIFIED_KEYS:
        raws.extend(pm.meta.get(k, ()))
    return raws


def _modified_dates(pm: PageMeta, url: str, fetched_at: datetime) -> list[datetime]:
    raws = _modified_statements(pm, url)
    raws.extend(pm.itemprops.get("datemodified", ()))
    raws.extend(o["dateModified"] for o in pm.pages if o.get("dateModified"))
    out = []
    for s in iter_strings(raws):
        got = parse_datetime(s)
        if got and got[1] and plausible(got[0], fetched_at):
            out.append(got[0])
    return out


def _days(dt: datetime) -> set[str]:
    """The day as stated (in the statement's own zone) and the day in UTC."""
    return {dt.date().isoformat(), to_utc(dt).date().isoformat()}


_BYLINE_SPAN = 200  # characters: "Updated Dec. 23 ... / Published Dec. 22" sit this close
_AGO_AFTER_WORD = 25  # characters between "Published" and "4 days ago"


def _published_ago_beside(text: str, at: int, fetched_at: datetime) -> bool:
    """Whether the byline around the date at offset `at` also shows the publication
    written relative to the visit ("Updated December 21, 2023 · Published 4 days ago"):
    the displayed update is then not the publication, though that line names no day."""
    span = text[max(0, at - _BYLINE_SPAN) : at + _BYLINE_SPAN]
    return any(
        not _names_update(m.group(0))
        and written_ago(span[m.end() : m.end() + _AGO_AFTER_WORD], fetched_at) is not None
        for m in _DATE_KIND.finditer(span)
    )


def find_date(
    tree: HtmlElement, html: str, url: str, pm: PageMeta, fetched_at: datetime, visited: bool = True,
    zone: tzinfo | None = None, title: str | None = None, story: str | None = None,
) -> tuple[datetime | None, str | None, str | None]:
    """(published_at UTC, local day, source). `title` is the headline found: on a page
    with no <h1> the dates beside the line printing it are read as beside an <h1>.

    The publication date is the one the article shows its readers. Pages state
    several dates in their markup (published, modified, the URL's); when the page
    text displays one of them, that one wins. Often the only date displayed at the
    head of the article is the update ("Updated December 26"), which is what readers
    (and archives) take as the article's date; a "Published" date printed right
    beside it in the same byline is preferred to it. Only dates that agree with a
    stated day count, so dates of other stories listed on the page are not picked up.
    """
    # the line printing the headline on a page without an <h1>, found once, when a reader needs it
    printed = lru_cache(maxsize=1)(lambda: printed_headline_line(tree, title))
    visible = _visible_reader(tree, printed)
    published_at, day, source = _stated_date(tree, html, url, pm, fetched_at, visited, zone, visible, printed, story)
    stated: list[tuple[datetime, set[str], str]] = []
    if published_at is not None and day is not None:
        stated.append((published_at, {day}, source or ""))
    for dt in _modified_dates(pm, url, fetched_at):
        stated.append((to_utc(dt), _days(dt), "modified"))
    if len(stated) < 2 or all(day in days for _, days, _ in stated):
        return published_at, day, source  # nothing to choose between
    agreeing = []
    for vday, kind, pos in _visible_dates(visible):
        for dt, days, src in stated:
            if vday in days:
                agreeing.append((vday, kind, pos, dt, src))
                break
    if not agreeing:
        return published_at, day, source
    first = agreeing[0]
    if first[1] != "pub":
        # a "Published" date of the same byline first; an "Updated" one is the date
        # only where the head of the article displays no other
        near = [c for c in agreeing[1:] if c[2] - first[2] <= _BYLINE_SPAN]
        other: list[Any] = []
        if first[1] == "upd":
            head = max(visible()[1], 0) + 4 * _BYLINE_SPAN
            other = [c for c in agreeing[1:] if c[1] != "upd" and c[2] <= head]
        first = next((c for c in near if c[1] == "pub"), None) or next(iter(other), first)
        if first[1] == "upd" and _published_ago_beside(visible()[0], first[2], fetched_at):
            return published_at, day, source  # the head shows its publication too, as "Published 4 days ago"
    vday, _, _, dt, src = first
    if vday == day or _url_day(url) == day:
        # the URL is written when the story is first published and kept through its
        # updates: a displayed date disagreeing with it and the statement is an update's
        # or the masthead's
        return published_at, day, source
    return dt, vday, "visible+" + src


