"""Dates as the reader sees them in the page text ("Updated December 26, 2023 10:48 AM",
"Posted: 22 Dec 2023", "Обновлено 14 мая 2025", "发布时间：2025年05月14日"): read beside the
headline, above the story, or relative to the visit, and whether a date's word names
the publication or an update. The one reader of written dates is
`datetimes.written_days`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime, tzinfo
from functools import lru_cache
from typing import Any, NamedTuple

from lxml.html import HtmlElement

from ...datetimes import written_ago, written_days, written_this_year
from ...urls import host_of
from ..jsonld import plausible
from ..strings import NOT_SHOWN

_DATE_KIND = re.compile(
    r"(?i)(published|posted|first\s+published|updated|modified|last\s+updated"
    r"|опубликовано|обновлено|изменено|发布|發布|发表|發表|更新|修改)"
)
_UPDATE_WORDS = ("updated", "modified", "обновлено", "изменено", "更新", "修改")
BYLINE_SPAN = 200  # characters: "Updated Dec. 23 ... / Published Dec. 22" sit this close


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
    return "comment" in names and len(" ".join(el.text_content().split())) > BYLINE_SPAN


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


def visible_reader(tree: HtmlElement, printed: Callable[[], HtmlElement | None] = lambda: None) -> Callable[[], tuple[str, int]]:
    """The page's `_visible_text`, read on the first call: the date rules that need it
    share one reading (`printed`: the line printing the headline on a page without an
    <h1>)."""
    return lru_cache(maxsize=1)(lambda: _visible_text(tree, printed()))


def visible_dates(visible: Callable[[], tuple[str, int]], limit: int = 40) -> list[tuple[str, str | None, int]]:
    """(YYYY-MM-DD, "pub" | "upd" | None, offset in the text) for dates written in the
    page's visible text from just above the headline on, in page order; the kind comes
    from a "Published"/"Updated" word just before the date. Dates far above the
    headline are the masthead's (the day of the visit) or a ticker's, not the
    article's: its date sits with the headline, in the byline or a kicker above it."""
    return _dates_in(*visible(), limit)


def _dates_in(text: str, headline: int, limit: int, month_first: bool | None = None) -> list[tuple[str, str | None, int]]:
    """`visible_dates` of a page's visible text and its headline's offset; above the
    headline as far as two byline spans (a kicker's day may sit past an editors' note).
    `month_first`: the order the page writes a slashed date in, if known (`writes_month_first`)."""
    start = max(0, headline - 2 * BYLINE_SPAN)
    out: list[tuple[str, str | None, int]] = []
    after = 0  # a word before the date before this one is that date's ("Updated Dec 23, Dec 22")
    kind: str | None = None
    for d, pos in written_days(text[start:], limit, month_first):
        pos += start
        if out and out[-1][2] == pos:  # the other reading of a slashed date: the same word before it
            out.append((d.isoformat(), kind, pos))
            continue
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


# countries whose English writes the day first, by their country-code domains (the
# Commonwealth's, Ireland's): "05/03/2024" on a .co.uk page in plain "en" is 5 March
_DAY_FIRST_ENGLISH = frozenset("uk ie au nz in za sg pk ng ke gh my hk lk mt".split())


def writes_month_first(locales: Iterable[str | None], url: str = "") -> bool | None:
    """Whether the page writes a slashed date month first ("05/06/2024" is May 6 in US
    English, 5 June in British English and most other languages), from the first of
    its stated locales (`<html lang>`, og:locale, Content-Language) that names a
    language; for English with no region (or no locale), the country of the host's
    domain where it writes the day first; else None, where only the visit's nearness
    can tell."""
    for raw in locales:
        parts = re.split(r"[-_]", (raw or "").strip().lower())
        if not parts[0].isalpha() or len(parts[0]) not in (2, 3):
            continue
        if parts[0] != "en":
            return False
        if len(parts) >= 2:
            return parts[1] == "us"
        break
    return False if _host_country(url) in _DAY_FIRST_ENGLISH else None


def _host_country(url: str) -> str:
    """The host's last label ("uk" for www.thetimes.co.uk); "" for no host (`host_of`
    reads none from "http://[::1")."""
    return host_of(url).rstrip(".").rsplit(".", 1)[-1]


def day_beside_headline(visible: Callable[[], tuple[str, int]], fetched_at: datetime,
                         month: tuple[int, int] | None = None, month_first: bool | None = None) -> datetime | None:
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
                  d, kind, pos) for d, kind, pos in _dates_in(text, headline, 8, month_first) if pos <= headline + 4 * BYLINE_SPAN]
    below = [x for x in near if not x.above]
    pool = sorted(below or near)
    if below and all(x.kind == "upd" for x in below):
        # only updates below: a byline or kicker printed above the headline dates the
        # story, with a day before the update (the masthead's day of the visit is later)
        pool = sorted(x for x in near if x.above and x.kind != "upd" and x.day < below[0].day) + pool

    def gives_way(update: _Near) -> bool:
        # to another date of the same byline, or to one a writer's name prints below it
        # (past a standfirst), not to a caption's
        return any(x.kind != "upd" and (abs(x.pos - update.pos) <= BYLINE_SPAN or _after_a_name(text, x.pos)) for x in pool)

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


def day_above_story(visible: Callable[[], tuple[str, int]], story: str | None, fetched_at: datetime,
                     month: tuple[int, int] | None = None, month_first: bool | None = None) -> datetime | None:
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
    near = sorted((kind == "upd", at - pos, d) for d, kind, pos in _dates_in(text, at, 8, month_first) if pos < at)
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


def ago_beside_headline(tree: HtmlElement, fetched_at: datetime, zone: tzinfo | None = None,
                         printed: Callable[[], HtmlElement | None] = lambda: None) -> datetime | None:
    """The moment a short line beside the headline gives relative to the visit ("By Jane
    Roe · 3 hours ago", "Сегодня, 14:30", "5小时前"; a day and month with no year and a
    time of day, "5 марта, 14:30", in the visit's year), when the page states no date and
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
            at = written_ago(text, now) or written_this_year(text, now)
            if at is not None and plausible(at, fetched_at):
                return at
    return None


_AGO_AFTER_WORD = 25  # characters between "Published" and "4 days ago"


def published_ago_beside(text: str, at: int, fetched_at: datetime) -> bool:
    """Whether the byline around the date at offset `at` also shows the publication
    written relative to the visit ("Updated December 21, 2023 · Published 4 days ago"):
    the displayed update is then not the publication, though that line names no day."""
    span = text[max(0, at - BYLINE_SPAN) : at + BYLINE_SPAN]
    return any(
        not _names_update(m.group(0))
        and written_ago(span[m.end() : m.end() + _AGO_AFTER_WORD], fetched_at) is not None
        for m in _DATE_KIND.finditer(span)
    )
