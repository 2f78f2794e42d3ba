"""Publication date: stated in markup, the URL, or shown to readers; which one is the article's.

Modules: `stated` (what the markup states, then the fallbacks in order), `modified`
(the update it states), `zones` (the local day of a UTC instant), `printed` (dates
readers see), `urls` (a URL's day), `guess` (htmldate's guess).
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from functools import lru_cache
from typing import Any

from lxml.html import HtmlElement

from ..jsonld import PageMeta, to_utc
from ..titles import printed_headline_line
from .modified import modified_dates
from .printed import BYLINE_SPAN, published_ago_beside, visible_dates, visible_reader
from .stated import stated_date
from .urls import url_day


def _days(dt: datetime) -> set[str]:
    """The day as stated (in the statement's own zone) and the day in UTC."""
    return {dt.date().isoformat(), to_utc(dt).date().isoformat()}


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
    visible = visible_reader(tree, printed)
    published_at, day, source = stated_date(tree, html, url, pm, fetched_at, visited, zone, visible, printed, story)
    stated: list[tuple[datetime, set[str], str]] = []
    if published_at is not None and day is not None:
        stated.append((published_at, {day}, source or ""))
    for dt in modified_dates(pm, url, fetched_at):
        stated.append((to_utc(dt), _days(dt), "modified"))
    if len(stated) < 2 or all(day in days for _, days, _ in stated):
        return published_at, day, source  # nothing to choose between
    agreeing = []
    for vday, kind, pos in visible_dates(visible):
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
        near = [c for c in agreeing[1:] if c[2] - first[2] <= BYLINE_SPAN]
        other: list[Any] = []
        if first[1] == "upd":
            head = max(visible()[1], 0) + 4 * BYLINE_SPAN
            other = [c for c in agreeing[1:] if c[1] != "upd" and c[2] <= head]
        first = next((c for c in near if c[1] == "pub"), None) or next(iter(other), first)
        if first[1] == "upd" and published_ago_beside(visible()[0], first[2], fetched_at):
            return published_at, day, source  # the head shows its publication too, as "Published 4 days ago"
    vday, _, _, dt, src = first
    if vday == day or url_day(url) == day:
        # the URL is written when the story is first published and kept through its
        # updates: a displayed date disagreeing with it and the statement is an update's
        # or the masthead's
        return published_at, day, source
    return dt, vday, "visible+" + src
