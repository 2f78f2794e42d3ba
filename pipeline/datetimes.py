"""The one date parser: a date as a page, feed or sitemap states it -> datetime.

Used by discovery (feed/sitemap dates) and extraction (JSON-LD, meta, <time>,
profiles). ISO 8601 first (with the usual slips: "+0000", long fractions, a space
for the T), then RFC 822 (feeds; zone abbreviations RFC 822 lacks, such as MSK),
then common dotted / CJK / Russian month-name forms, then dateutil.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from functools import lru_cache
from typing import Any

_ISO_FIX = re.compile(r"([+-]\d\d)(\d\d)$")  # +0000 -> +00:00
_FRACTION = re.compile(r"(\.\d{1,6})\d*")
_EXTRA_ZONES = {
    "MSK": "+0300", "MSD": "+0400", "CET": "+0100", "CEST": "+0200", "EET": "+0200",
    "EEST": "+0300", "BST": "+0100", "WET": "+0000", "WEST": "+0100", "JST": "+0900",
    "KST": "+0900", "HKT": "+0800", "SGT": "+0800", "AEST": "+1000", "AEDT": "+1100",
    "UTC": "+0000", "Z": "+0000",
}
_FORMATS = (
    "%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M %z", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M",
    "%Y/%m/%d", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y, %H:%M", "%d.%m.%Y", "%Y年%m月%d日 %H:%M:%S",
    "%Y年%m月%d日 %H:%M", "%Y年%m月%d日%H:%M", "%Y年%m月%d日", "%B %d, %Y %H:%M:%S",
    "%B %d, %Y %H:%M", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%d %B %Y, %H:%M", "%d %B %Y %H:%M",
    "%B %d, %Y %I:%M %p", "%b %d, %Y %I:%M %p", "%a %b %d %H:%M:%S %z %Y", "%a %b %d %H:%M:%S %Y",
    "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y",
)
# Russian month names in the genitive ("14 мая 2025") and abbreviated ("14 дек. 2025",
# "14 сент 2025") -> English, for the formats above
RU_MONTH_WORD = (
    r"(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
    r"|янв|февр?|мар|апр|июн|июл|авг|сент?|окт|нояб?|дек)(?![а-яё])\.?"
)
_RU_MONTH = re.compile(RU_MONTH_WORD, re.I)
_EN_MONTHS = "January February March April May June July August September October November December".split()
_RU_MONTH_KEYS = ("янв", "фев", "мар", "апр", "мая", "июн", "июл", "авг", "сен", "окт", "ноя", "дек")


def _ru_month(word: str) -> int:
    """Month number of a Russian month name or abbreviation (as _RU_MONTH matches it)."""
    return _RU_MONTH_KEYS.index(word[:3].lower()) + 1


@lru_cache(maxsize=4096)
def parse_datetime(value: str | None) -> tuple[datetime, bool] | None:
    """(datetime, has_time) or None. Naive results stay naive: the caller decides
    what zone they are in (extraction and discovery both read them as UTC). Cached:
    a page's statements are read again when its date is chosen (the same instant in
    another zone, the element that displays it)."""
    got = _parse_datetime(value)
    if got is None:
        return None
    try:
        got[0].utcoffset()
    except ValueError:  # an offset of a day or more ("+9999", "+99:99"): no instant
        return None
    return got


def _parse_datetime(value: str | None) -> tuple[datetime, bool] | None:
    if not value:
        return None
    s = " ".join(value.split())
    if not s or len(s) > 80:
        return None
    if s.isdigit():  # unix seconds / milliseconds
        if len(s) not in (10, 13):
            return None
        try:
            return datetime.fromtimestamp(int(s) / (1000 if len(s) == 13 else 1), tz=UTC), True
        except (OverflowError, OSError, ValueError):
            return None
    got = _iso(s)
    if got:
        return got
    head, _, zone = s.rpartition(" ")
    if zone.upper() not in ("AM", "PM") and any(c.isalpha() for c in s):
        rfc = f"{head} {_EXTRA_ZONES[zone.upper()]}" if head and zone.upper() in _EXTRA_ZONES else s
        try:
            return parsedate_to_datetime(rfc), True
        except (TypeError, ValueError, IndexError, OverflowError):  # "Mon, 01 Jan 99999999999999999999"
            pass
    s2 = _RU_MONTH.sub(lambda m: _EN_MONTHS[_ru_month(m.group(0)) - 1], s).replace(" г.", "").replace(" года", "")
    for fmt in _FORMATS:
        try:
            dt = datetime.strptime(s2, fmt)
        except ValueError:
            continue
        return dt, "%H" in fmt or "%I" in fmt
    try:
        from dateutil import parser as du

        dt = du.parse(s2, fuzzy=False, default=datetime(1900, 1, 1))
    except (ValueError, ArithmeticError, TypeError):  # ArithmeticError: overflow, decimal.InvalidOperation
        return None
    if dt.year == 1900:
        return None
    return dt, bool(dt.hour or dt.minute or dt.second)


def _iso(s: str) -> tuple[datetime, bool] | None:
    iso = s[:-4] + "+00:00" if s.endswith(" UTC") else s
    iso = iso.replace("Z", "+00:00").replace("z", "+00:00")
    if " " in iso[:11] and iso[:4].isdigit():
        iso = iso.replace(" ", "T", 1)
    iso = _FRACTION.sub(r"\1", _ISO_FIX.sub(r"\1:\2", iso.replace(" ", "")))
    try:
        return datetime.fromisoformat(iso), len(s) > 10
    except ValueError:
        return None


def to_utc(dt: datetime) -> datetime:
    """Aware UTC; a naive time is read as UTC."""
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


# Dates as written in running text for readers (a byline, a <time> element's text).
# English month names and ISO days (WRITTEN_DATE, also the stamp test of the cleanup)...
_MONTH_WORD = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
WRITTEN_DATE = re.compile(
    r"(?i)\b(?:" + _MONTH_WORD + r"\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)"
    r"|(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH_WORD + r"\.?,?\s+((?:19|20)\d\d)"
    r"|((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))(?!\d)"
)
# ... and the forms of other newsrooms: Russian month names ("14 мая 2025"), CJK
# ("2025年5月14日"), year-first slashes, day-first dots ("14.05.2025") and slashes in
# either order ("05/14/2025", "14/05/2025": both readings when both are days).
_NAMED_OTHER_FORMS = (  # "14 мая 2025", "2025年5月14日": day, month, year / year, month, day
    r"(?<!\d)(\d{1,2})\s+(" + RU_MONTH_WORD + r")\s+((?:19|20)\d\d)(?!\d)"
    r"|(?<!\d)((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
)
WRITTEN_DATE_OTHER = re.compile(
    r"(?i)(?=\d)(?:" + _NAMED_OTHER_FORMS +
    r"|(?<![\d/])((?:19|20)\d\d)/(\d{1,2})/(\d{1,2})(?![\d/])"
    r"|(?<![\d.])(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)(?![\d.]\d)"
    r"|(?<![\d/])(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)(?![\d/]))"
)
_MONTH_NUMBER = {m: i + 1 for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())}


# the named-month forms of other newsrooms, which the date guesser (htmldate) cannot read
# (the numeric forms it reads as they are)
_NAMED_OTHER = re.compile(r"(?i)" + _NAMED_OTHER_FORMS)


def _named_other_ymd(g: tuple[str | Any, ...]) -> tuple[int, int, int]:
    """(year, month, day) of a match of `_NAMED_OTHER_FORMS`' groups (the first six)."""
    return (int(g[2]), _ru_month(g[1]), int(g[0])) if g[0] else (int(g[3]), int(g[4]), int(g[5]))


def iso_written(text: str) -> str:
    """`text` with its Russian and Chinese written dates as ISO days ("14 мая 2025" ->
    "2025-05-14"): the date guesser's text search then reads the bylines of the outlets
    the pipeline is for as it reads English ones. Impossible days are left as written."""
    def iso(m: re.Match[str]) -> str:
        y, mo, d = _named_other_ymd(m.groups())
        try:
            return date(y, mo, d).isoformat()
        except ValueError:
            return m.group(0)

    return _NAMED_OTHER.sub(iso, text)


# full-width digits and the marks between them ("２０２４年３月５日", "２３：３０"), as some
# Chinese and Japanese pages print dates: one for one, so offsets in the text hold
_FULL_WIDTH = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "：": ":", "／": "/", "．": ".", "－": "-"})


def ascii_digits(text: str) -> str:
    """`text` with full-width digits and date marks as ASCII, the same length."""
    return text if text.isascii() else text.translate(_FULL_WIDTH)


_YEAR = re.compile(r"[12][09]\d\d")  # a charset prefix: the fast scan that finds the years


def _date_spans(text: str) -> list[tuple[int, int]]:
    """Spans of text around its years (19xx, 20xx): every written date holds one, and
    the date patterns run only there (a whole page's text is 100k characters)."""
    spans: list[tuple[int, int]] = []
    for m in _YEAR.finditer(text):
        if text[m.start() : m.start() + 2] not in ("19", "20"):
            continue
        a, b = max(0, m.start() - 32), m.end() + 16
        if spans and a <= spans[-1][1]:
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    return spans


# a slashed date with a two-digit year ("12/22/23", US bylines): no four-digit year to
# find it by, so it is looked for on its own; a year of this century
_SHORT_SLASHED = re.compile(r"(?<![\d/.])(\d{1,2})/(\d{1,2})/(\d\d)(?![\d/])")


def _slashed(year: int, first: int, second: int, month_first: bool | None) -> list[tuple[int, int, int]]:
    """A slashed date's readings (year, month, day): month/day and day/month; with the
    page's order known (`month_first`), that reading alone where it is a day."""
    both = [(year, first, second), (year, second, first)]
    if month_first is None:
        return both
    for y, mo, d in both if month_first else both[::-1]:
        try:
            date(y, mo, d)
        except ValueError:
            continue
        return [(y, mo, d)]
    return []


def written_days(text: str, limit: int = 40, month_first: bool | None = None) -> list[tuple[date, int]]:
    """(day, offset in text) of the dates written in text, in text order. A slashed
    date whose two readings (month/day, day/month) are both days gives both, unless
    `month_first` says which order the page writes (US English: month first)."""
    text = ascii_digits(text)
    found: list[tuple[int, list[tuple[int, int, int]]]] = []
    for a, b in _date_spans(text):
        part = text[a:b]
        for m in WRITTEN_DATE.finditer(part):
            g = m.groups()
            if g[0]:
                ymd = [(int(g[2]), _MONTH_NUMBER[g[0][:3].lower()], int(g[1]))]
            elif g[3]:
                ymd = [(int(g[5]), _MONTH_NUMBER[g[4][:3].lower()], int(g[3]))]
            else:
                ymd = [(int(g[6]), int(g[7]), int(g[8]))]
            found.append((a + m.start(), ymd))
        for m in WRITTEN_DATE_OTHER.finditer(part):
            g = m.groups()
            if g[0] or g[3]:
                ymd = [_named_other_ymd(g)]
            elif g[6]:
                ymd = [(int(g[6]), int(g[7]), int(g[8]))]
            elif g[9]:
                ymd = [(int(g[11]), int(g[10]), int(g[9]))]
            else:
                ymd = _slashed(int(g[14]), int(g[12]), int(g[13]), month_first)
            found.append((a + m.start(), ymd))
    if "/" in text:
        for m in _SHORT_SLASHED.finditer(text):
            first, second, year = int(m.group(1)), int(m.group(2)), 2000 + int(m.group(3))
            found.append((m.start(), _slashed(year, first, second, month_first)))
    found.sort(key=lambda f: f[0])
    out: list[tuple[date, int]] = []
    for pos, ymds in found:
        for y, mo, d in dict.fromkeys(ymds):
            try:
                out.append((date(y, mo, d), pos))
            except ValueError:
                continue
        if len(out) >= limit:
            return out[:limit]
    return out


_CLOCK = re.compile(r"(?i)(?<![\d:.])([01]?\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?(?![\d:])(?:\s*([ap])\.?\s?m\b\.?)?")


def written_clocks(text: str) -> list[tuple[int, int]]:
    """(hour 0-23, minute) of the times of day written in text ("6:30 PM", "18:30")."""
    text = ascii_digits(text)
    out: list[tuple[int, int]] = []
    for m in _CLOCK.finditer(text):
        hour, minute, half = int(m.group(1)), int(m.group(2)), (m.group(3) or "").lower()
        if half and not 1 <= hour <= 12:
            continue
        if half:
            hour = hour % 12 + (12 if half == "p" else 0)
        out.append((hour, minute))
    return out


# times written relative to the reader's visit ("2 hours ago", "3 часа назад", "5分钟前";
# "Yesterday, 14:30", "вчера в 14:30", "昨天 14:30"): the moment of the visit dates them
_AGO = re.compile(
    r"(?i)\b(?P<en_n>\d{1,3}|an?|one)\s*(?P<en_unit>minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago\b"
    r"|(?<!\w)(?:(?P<ru_n>\d{1,3})\s*)?(?P<ru_unit>минут[уы]?|час(?:а|ов)?|д(?:ень|ня|ней)|недел[юиь])\s+назад"
    r"|(?<!\d)(?P<zh_n>\d{1,3})\s*(?P<zh_unit>分钟|小时|天|周|星期)前"
)
_DAY_WORD = re.compile(r"(?i)\b(day\s+before\s+yesterday|yesterday|today)\b|(?<!\w)(позавчера|вчера|сегодня)(?!\w)|(前天|昨天|今天)")
_DAYS_BACK = {"yesterday": 1, "вчера": 1, "昨天": 1, "day before yesterday": 2, "позавчера": 2, "前天": 2}
# a stamp that is the moment of the visit itself ("Just now", "Только что", "刚刚"), alone
_JUST_NOW = re.compile(r"(?i)^\W*(?:just\s+now|только\s+что|刚刚)\W*$")
_UNIT_MINUTES = {"m": 1, "h": 60, "d": 1440, "w": 10080, "м": 1, "ч": 60, "д": 1440, "н": 10080,
                 "分": 1, "小": 60, "天": 1440, "周": 10080, "星": 10080}


def written_ago(text: str, now: datetime) -> datetime | None:
    """The moment a line written relative to the visit names ("2 hours ago", "3 часа
    назад", "5分钟前", "Yesterday, 14:30", "вчера в 14:30", "昨天 14:30"), counted back
    from `now` (the visit); None when it names none. A day word counts only with a time
    of day after it: in a sentence "yesterday" is when something happened. The outlet's
    zone is not known here: the day words read `now`'s day and the clock in `now`'s zone.
    "Just now" alone is the visit; "позавчера", "前天" two days back."""
    text = ascii_digits(text)
    m = _AGO.search(text)
    if m and not (m.group("ru_unit") and not m.group("ru_n") and text[: m.start()].rstrip()[-1:].isdigit()):
        # (a count of four digits or more before "минут назад" is no "минуту назад")
        n_raw = m.group("en_n") or m.group("ru_n") or m.group("zh_n") or "1"
        n = int(n_raw) if n_raw.isdigit() else 1  # "an hour ago", "час назад"
        unit = (m.group("en_unit") or m.group("ru_unit") or m.group("zh_unit")).lower()
        return now - timedelta(minutes=n * _UNIT_MINUTES[unit[0]])
    if _JUST_NOW.match(text):
        return now
    d = _DAY_WORD.search(text)
    if d:
        clocks = written_clocks(text[d.end() : d.end() + 12])
        if clocks:
            word = d.group(0).lower()
            back = _DAYS_BACK.get(" ".join(word.split()), 0)  # "today": 0
            hour, minute = clocks[0]
            return (now - timedelta(days=back)).replace(hour=hour, minute=minute, second=0, microsecond=0)
    return None


# a day and month printed with no year, as outlets print this year's stories ("5 марта,
# 14:30", "14:30, 5 марта", "03月05日 14:30", "Mar 5, 10:00 AM"): the year is the visit's
_YEARLESS = re.compile(
    r"(?i)(?<![\d.])(?P<ru_d>\d{1,2})\s+(?P<ru_m>" + RU_MONTH_WORD + r")"
    r"|(?<!\d)(?P<zh_m>\d{1,2})\s*月\s*(?P<zh_d>\d{1,2})\s*日"
    r"|\b" + _MONTH_WORD.replace("(", "(?P<en_m>", 1) + r"\.?\s+(?P<en_d>\d{1,2})(?:st|nd|rd|th)?\b(?!:)"
    r"|(?<![\d.])(?P<en_d2>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH_WORD.replace("(", "(?P<en_m2>", 1) + r"\b"
)
_ANY_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)|年")


def written_this_year(text: str, now: datetime) -> datetime | None:
    """The moment a short line gives as a day and month with no year and a time of day
    ("5 марта, 14:30", "03月05日 14:30", "March 5, 10:00 AM"): the visit's year, or the
    year before where that day would be after the visit ("28 декабря" read on January 3).
    A line that writes a year anywhere is no such line, nor one without a time of day
    (a bare "March 5" may name an event's day)."""
    text = ascii_digits(text)
    if _ANY_YEAR.search(text):
        return None
    m = _YEARLESS.search(text)
    if m is None:
        return None
    clocks = written_clocks(text[: m.start()] + " " + text[m.end() :])
    if not clocks:
        return None
    if m.group("ru_m"):
        month, day = _ru_month(m.group("ru_m")), int(m.group("ru_d"))
    elif m.group("zh_m"):
        month, day = int(m.group("zh_m")), int(m.group("zh_d"))
    else:
        word, day = (m.group("en_m"), int(m.group("en_d"))) if m.group("en_m") else (m.group("en_m2"), int(m.group("en_d2")))
        month = _MONTH_NUMBER[word[:3].lower()]
    hour, minute = clocks[0]
    try:
        at = now.replace(month=month, day=day, hour=hour, minute=minute, second=0, microsecond=0)
        if at > now + _AHEAD:  # a day still to come this year: last year's
            at = at.replace(year=now.year - 1)
    except ValueError:  # "31 февраля", "29 февраля" in a year without one
        return None
    return at


_AHEAD = timedelta(hours=14)  # the clock read in the visit's zone may be the outlet's, up to UTC+14
