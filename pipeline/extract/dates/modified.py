"""The update a page states (dateModified, article:modified_time and their kin): the
other date the choice weighs against the publication, and a clue to the newsroom's zone.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..jsonld import PageMeta, iter_strings, parse_datetime, plausible, the_article

_MODIFIED_KEYS = (
    "article:modified_time", "og:updated_time", "datemodified", "dcterms.modified", "article:modified",
    "og:article:modified_time", "dc.date.modified", "article_date_updated", "cxenseparse:modified_time",
)


def modified_statements(pm: PageMeta, url: str) -> list[Any]:
    """The update as this page's JSON-LD article object and its meta tags state it."""
    raws: list[Any] = [obj["dateModified"] for obj in the_article(pm, "dateModified", url)]
    for k in _MODIFIED_KEYS:
        raws.extend(pm.meta.get(k, ()))
    return raws


def modified_dates(pm: PageMeta, url: str, fetched_at: datetime) -> list[datetime]:
    raws = modified_statements(pm, url)
    raws.extend(pm.itemprops.get("datemodified", ()))
    raws.extend(o["dateModified"] for o in pm.pages if o.get("dateModified"))
    out = []
    for s in iter_strings(raws):
        got = parse_datetime(s)
        if got and got[1] and plausible(got[0], fetched_at):
            out.append(got[0])
    return out
