"""The one date parser: a date as a page, feed or sitemap states it -> datetime.

Used by discovery (feed/sitemap dates) and extraction (JSON-LD, meta, <time>,
profiles). ISO 8601 first (with the usual slips: "+0000", long fractions, a space
for the T), then RFC 822 (feeds; zone abbreviations RFC 822 lacks, such as MSK),
then common dotted / CJK / Russian month-name forms, then dateutil.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

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
# Russian month names in the genitive ("14 мая 2025") -> English, for the formats above
_RU_MONTHS = {
    "января": "January", "февраля": "February", "марта": "March", "апреля": "April", "мая": "May", "июня": "June",
    "июля": "July", "августа": "August", "сентября": "September", "октября": "October", "ноября": "November", "декабря": "December",
}
_RU_MONTH = re.compile("|".join(_RU_MONTHS), re.I)


def parse_datetime(value: str | None) -> tuple[datetime, bool] | None:
    """(datetime, has_time) or None. Naive results stay naive: the caller decides
    what zone they are in (extraction and discovery both read them as UTC)."""
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
        except (TypeError, ValueError, IndexError):
            pass
    s2 = _RU_MONTH.sub(lambda m: _RU_MONTHS[m.group(0).lower()], s).replace(" г.", "").replace(" года", "")
    for fmt in _FORMATS:
        try:
            dt = datetime.strptime(s2, fmt)
        except ValueError:
            continue
        return dt, "%H" in fmt or "%I" in fmt
    try:
        from dateutil import parser as du

        dt = du.parse(s2, fuzzy=False, default=datetime(1900, 1, 1))
    except (ValueError, OverflowError, TypeError):
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
