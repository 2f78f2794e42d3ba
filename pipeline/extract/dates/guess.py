"""htmldate's guess, for pages that state and print no date: read on a copy of the page
without comment threads, other stories' blocks and links' targets.
"""

from __future__ import annotations

import logging
import re
import warnings
from copy import deepcopy
from datetime import datetime, timedelta
from typing import Any

from lxml.html import HtmlElement

from ...datetimes import iso_written
from ..blocks import elsewhere
from ..jsonld import parse_datetime, plausible, to_utc
from .urls import url_month

LOG = logging.getLogger(__name__)


_OTHER_NEWSROOM = re.compile(r"年|[а-яё]", re.I)  # a text that may hold a date `iso_written` rewrites
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


def guessed_date(tree: HtmlElement, url: str, fetched_at: datetime) -> datetime | None:
    """htmldate's date for the page (`_for_the_guesser`), bounded by the visit and by a
    year and month in the URL; None where it finds none, only a bare year (a copyright
    line read as 1 January) or a day that is not plausible."""
    try:
        from htmldate import find_date as htmldate_find_date

        bounds: dict[str, Any] = {"max_date": to_utc(fetched_at).strftime("%Y-%m-%d")}
        ym = url_month(url)
        if ym:  # a year/month in the URL bounds the search to that month
            y, m = ym
            last = (datetime(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)).day
            bounds = {"min_date": f"{y:04d}-{m:02d}-01", "max_date": min(bounds["max_date"], f"{y:04d}-{m:02d}-{last:02d}")}
        with warnings.catch_warnings():  # its parser's "tzname EST ... not understood": a guess's, not the user's
            warnings.simplefilter("ignore")
            found = htmldate_find_date(_for_the_guesser(tree), url=url, original_date=True, extensive_search=True, **bounds)
    except Exception as exc:  # noqa: BLE001 - htmldate is a best-effort fallback
        LOG.debug("htmldate failed: %s", exc)
        return None
    if not found or found.endswith("-01-01"):
        return None
    got = parse_datetime(found)
    return got[0] if got is not None and plausible(got[0], fetched_at) else None
