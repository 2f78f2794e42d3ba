"""The day or month a URL carries: written when the story is first published and kept
through its updates, so it bounds and checks the other dates.
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urlsplit

_URL_DATE = [
    re.compile(r"(?<!\d)((?:19|20)\d\d)[/_.-](0?[1-9]|1[0-2])[/_.-](0?[1-9]|[12]\d|3[01])(?!\d)"),
    re.compile(r"[/_-]((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)"),
    # "/2024/0424/" (People's Daily), "/202404/24/" (China Daily): a segment each side
    re.compile(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])/"),
    re.compile(r"/((?:19|20)\d\d)(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])/"),
]
_MONTHS = {m: i + 1 for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())}
_URL_NAMED_MONTH = re.compile(r"/((?:19|20)\d\d)/([a-z]{3})[a-z]*/(0?[1-9]|[12]\d|3[01])(?:/|$)", re.I)
_URL_YEAR_MONTH = re.compile(r"/((?:19|20)\d\d)[/_-](0[1-9]|1[0-2])(?:/|$)")


def url_date(url: str) -> datetime | None:
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


def url_day(url: str) -> str | None:
    d = url_date(url)
    return d.date().isoformat() if d else None


def url_month(url: str) -> tuple[int, int] | None:
    m = _URL_YEAR_MONTH.search(urlsplit(url).path)
    return (int(m.group(1)), int(m.group(2))) if m else None
