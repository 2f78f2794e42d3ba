"""One article, one id: the single place that decides an article's identity.

Inputs are what a fetch knows about a page: the URL it was asked for, the redirect
hops, the URL it landed on, and what the page says about itself (`<link rel=canonical>`,
`og:url`). The canonical URL is the landed URL, replaced by the page's own canonical
(else og:url) when that points to the same site and is neither its home page nor a
section of it (sites point every AMP/mobile/print copy to the article; broken templates
point every article to the home page or a section: those are ignored). Every other
URL that reaches the page is an alias: the store remembers aliases, so discovery and
fetch never fetch an alias of a stored article again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from .record import article_id_for
from .urls import canonicalize

# host prefixes of the same site's copies (mobile, AMP, print)
_COPY_PREFIXES = ("www.", "m.", "mobile.", "amp.", "print.")


@dataclass(frozen=True)
class Identity:
    canonical_url: str
    article_id: str
    aliases: list[str] = field(default_factory=list)  # canonicalized, excluding canonical_url

    @property
    def alias_ids(self) -> list[str]:
        return [article_id_for(a) for a in self.aliases]

    @property
    def all_ids(self) -> list[str]:
        return [self.article_id, *self.alias_ids]


def _site(host: str) -> str:
    host = host.lower().rstrip(".")
    for prefix in _COPY_PREFIXES:
        if host.startswith(prefix) and host.count(".") > 1:
            return host[len(prefix):]
    return host


def same_site(a: str, b: str) -> bool:
    """True when two URLs are copies on one site (www./m./amp. prefixes and subdomains aside)."""
    ha, hb = _site(urlsplit(a).hostname or ""), _site(urlsplit(b).hostname or "")
    return bool(ha) and (ha == hb or ha.endswith("." + hb) or hb.endswith("." + ha))


def _segments(url: str) -> list[str]:
    return [s for s in urlsplit(url).path.split("/") if s]


def _usable(candidate: str | None, page: str) -> str | None:
    """The canonicalized candidate if it may name the page's article, else None."""
    if not candidate:
        return None
    try:
        canon = canonicalize(urljoin(page, candidate.strip()))
    except ValueError:
        return None
    if not same_site(canon, page):
        return None  # another site cannot claim our page (nor can we trust it to)
    segs, own = _segments(canon), _segments(page)
    if not segs:
        return None  # the home page
    if len(segs) < len(own) and own[: len(segs)] == segs:
        return None  # a section the page sits in (/world for /world/2024/story)
    if len(segs) == 1 and not urlsplit(canon).query and len(own) > 1 and not any(c.isdigit() for c in segs[0]):
        return None  # a one-word section (/politics) for a deeper article URL
    return canon


def decide_identity(requested_url: str, final_url: str | None = None, redirects: Iterable[str] = (),
                    canonical_url: str | None = None, og_url: str | None = None) -> Identity:
    """The article's canonical URL, id and aliases (raises ValueError if no URL is http(s))."""
    landed = canonicalize(final_url or requested_url)
    canon = _usable(canonical_url, landed) or _usable(og_url, landed) or landed
    aliases: list[str] = []
    for url in (requested_url, *redirects, final_url, og_url, canonical_url):
        if not url:
            continue
        try:
            alias = canonicalize(urljoin(landed, url))
        except ValueError:
            continue
        # og:url/canonical of another site or a section are not aliases either
        if url in (og_url, canonical_url) and alias != _usable(url, landed):
            continue
        if alias != canon and alias not in aliases:
            aliases.append(alias)
    return Identity(canon, article_id_for(canon), aliases)
