"""Authors from the page's statements."""

from __future__ import annotations

import logging
import re

from .jsonld import PageMeta, texts_of
from .strings import _clean

LOG = logging.getLogger(__name__)


# ---------------------------------------------------------------- authors, tags, misc

_BY = re.compile(r"^(?:by|von|par|por|di|door|от|автор[ы]?:?)\s+", re.I)
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|\bund\b|\bet\b|\by\b|\bи\b|、|，)\s*")


def _authors(pm: PageMeta) -> list[str]:
    raw: list[str] = []
    for v in pm.article_values("author"):
        raw.extend(texts_of(v))
    if not raw:
        for v in pm.article_values("creator"):
            raw.extend(texts_of(v))
    if not raw:
        raw = pm.all("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl", "cxenseparse:author")
        raw = [r for r in raw if not r.startswith(("http://", "https://", "www."))]
    out: list[str] = []
    seen = set()
    for r in raw:
        r = _BY.sub("", _clean(r) or "")
        for name in _AUTHOR_SPLIT.split(r):
            name = name.strip(" .-|")
            if not name or len(name) > 80 or name.startswith(("http://", "https://")):
                continue
            key = name.casefold()
            if key not in seen:
                seen.add(key)
                out.append(name)
    return out


