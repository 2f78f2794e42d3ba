"""Tags, language hints and stated URLs from the page's statements."""

from __future__ import annotations

import logging
import re

from ..urls import join_url
from .jsonld import PageMeta, texts_of, the_article
from .strings import _clean

LOG = logging.getLogger(__name__)


def _tags(pm: PageMeta, url: str = "") -> list[str]:
    """The article's keywords and sections: the page's own JSON-LD article object's (not a
    related story's listed beside it), then the meta tags."""
    raw: list[str] = []
    for v in (obj["keywords"] for obj in the_article(pm, "keywords", url)):
        if isinstance(v, str):
            raw.extend(v.split(","))
        else:
            raw.extend(texts_of(v))
    raw += pm.all("article:tag", "news_keywords", "parsely-tags", "sailthru.tags")
    if not raw:
        kw = pm.first("keywords")
        if kw:
            raw.extend(kw.split(","))
    for obj in the_article(pm, "articleSection", url):
        raw.extend(texts_of(obj["articleSection"]))
    raw += pm.all("article:section")
    out: list[str] = []
    seen = set()
    for r in raw:
        for part in (r.split(",") if "," in r else [r]):
            t = _clean(part)
            if t and len(t) <= 80 and t.casefold() not in seen:
                seen.add(t.casefold())
                out.append(t)
    return out[:50]


def _lang_code(value: str | None) -> str | None:
    if not value:
        return None
    v = value.strip().split(",")[0].strip().replace("_", "-")
    if not re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", v):
        return None
    return v.split("-")[0].lower()


def _absolute(url: str, ref: str | None) -> str | None:
    """A stated URL (og:image, canonical, og:url) made absolute against the page's; None
    when none is stated or no URL can be made of it ("http://[", a port past 65535): a
    page's bad meta tag costs that field, not the article."""
    return join_url(url, ref) if ref else None
