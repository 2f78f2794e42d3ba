"""The local day of an instant stated only in UTC (or with no zone): the day the page
shows for that instant, the newsroom's zone from its other statements, or the URL's day.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta, tzinfo
from itertools import islice
from typing import Any

from lxml.html import HtmlElement

from ...datetimes import written_clocks, written_days
from ..jsonld import PageMeta, iter_strings, parse_datetime, to_utc
from .modified import modified_statements
from .printed import BYLINE_SPAN, visible_dates
from .urls import url_date


def _local_day(dt: datetime, url: str) -> str:
    """The day readers saw. An instant stated only in UTC falls on the next or previous
    day for newsrooms far from Greenwich (a Los Angeles story filed at 17:00 is 01:00Z);
    when the URL carries a day that the instant falls on in some real zone (UTC-12 to
    UTC+14), that is the newsroom's day."""
    day = dt.date().isoformat()
    if dt.utcoffset() not in (None, timedelta(0)):
        return day
    url_day = url_date(url)
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
    span = text[headline : headline + 4 * BYLINE_SPAN]
    prev = 0
    for shown, pos in written_days(span, limit=8):
        clocks = _clocks_beside(span, pos, prev)  # not back past the day before
        if any(_at_instant(shown, c, dt) for c in clocks):
            return shown.isoformat()
        prev = pos
    return None


_CLOCK_BEFORE = 30  # characters before a written day its time of day may take: "11:30 PM EST, Mon "


def _clocks_beside(text: str, pos: int, start: int = 0) -> list[tuple[int, int]]:
    """The times of day written with the day at `pos`: after it, or before it back to
    `start` ("11:30 PM ET, Mon March 4, 2024", as CNN prints it)."""
    return written_clocks(text[pos : pos + 60]) + written_clocks(text[max(start, pos - _CLOCK_BEFORE) : pos])


def _day_under_headline(visible: Callable[[], tuple[str, int]], dt: datetime) -> str | None:
    """The first day written under the headline (within two byline spans), with no time
    beside it ("March 5, 2024" in the byline over a statement of 03:30Z on the 6th),
    when it is not an update's and the instant falls on it in some real zone: the
    newsroom's day as its readers saw it. A day out of the instant's reach is another
    event's, and one with a time beside it another moment: they decide nothing."""
    text, headline = visible()
    if headline < 0:
        return None
    for day, kind, pos in visible_dates(visible, limit=8):
        if pos < headline:
            continue
        if pos > headline + 2 * BYLINE_SPAN or kind == "upd" or _clocks_beside(text, pos):
            return None  # (a time beside it that is not the instant's: another moment)
        return day if _in_reach(date.fromisoformat(day), dt) else None
    return None


def _newsroom_offsets(pm: PageMeta, url: str, candidates: list[tuple[str, Any]]) -> set[timedelta]:
    """The UTC offsets of the page's other statements that carry a real zone (published,
    modified, <time> elements): the newsroom's zone, when the page states it."""
    raws: list[Any] = [raw for _, raw in candidates]
    raws.extend(modified_statements(pm, url))
    out: set[timedelta] = set()
    for s in iter_strings(raws):
        got = parse_datetime(s)
        if got and got[1]:
            off = got[0].utcoffset()
            if off is not None and off != timedelta(0):
                out.add(off)
    return out


def reader_day(
    dt: datetime, has_time: bool, visible: Callable[[], tuple[str, int]], times: list[HtmlElement], url: str,
    pm: PageMeta, candidates: list[tuple[str, Any]], zone: tzinfo | None = None,
) -> tuple[datetime, str]:
    """(instant, day readers saw) for a published instant stated in UTC or without zone.
    In order: the same instant (or wall clock) stated in the newsroom's zone; the day an element
    stating the instant displays, or the day and time written beside the headline that are
    the instant in some zone; the URL's day (_local_day); for an instant stated in
    UTC, the day written under the headline without a time, when the instant falls on
    it in some zone; the day in the zone of the page's other statements, when they all
    agree; the day in the outlet's zone, where its profile states one (`zone`: TASS's
    01:30 in Moscow, stated as 22:30Z the evening before)."""
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
    under = _day_under_headline(visible, dt)
    if under is not None:
        return dt, under
    local = {(to_utc(dt) + off).date() for off in _newsroom_offsets(pm, url, candidates)}
    if len(local) == 1:
        return dt, local.pop().isoformat()
    if zone is not None:
        return dt, to_utc(dt).astimezone(zone).date().isoformat()
    return dt, day
