"""The site a page belongs to: its registrable host, whether a link leaves it, the texts
of the links to it and away from it, and the names it goes by (the body, title, author and section rules all ask)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from ..urls import host_of, join_url
from .jsonld import PageMeta, text_of
from .strings import _norm

_HOST = re.compile(r"^(?:[a-zA-Z][\w+.-]*:)?//(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)")


def site_of(url: str) -> str:
    """The registrable part of a URL's host, roughly: its last two labels (three
    under a two-letter country's second level, as in bbc.co.uk)."""
    m = _HOST.match(url.strip() if "//" in url else "//" + url.strip())
    return _site_of_host(m.group(1).lower() if m else "")


@lru_cache(maxsize=4096)
def _site_of_host(host: str) -> str:
    labels = host.rstrip(".").split(".")
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in ("co", "com", "org", "net", "ac", "gov", "edu") else 2
    return ".".join(labels[-keep:])


def bare_host(url: str) -> str:
    """The URL's host without "www." ("" when none can be read): the site's name as its
    address spells it."""
    return host_of(url).removeprefix("www.")


def links_out(href: str, site: str) -> bool:
    """Whether a link's href goes to another site than `site` (a relative link, an
    in-page anchor and a link to another of the site's hosts stay on it)."""
    href = href.strip()
    return bool(site) and href.startswith(("http://", "https://", "//")) and site_of(href) != site


def links_here(href: str, url: str) -> bool:
    """Whether a link's href is the page at `url` itself (relative or absolute, its
    query, fragment and a closing slash aside): a breadcrumb's last item, a headline
    linking to its own page."""
    href = href.strip()
    if not href or href.startswith("#") or not url:
        return False
    joined = join_url(url, href)
    if joined is None:  # "http://[": no address, so not this page
        return False
    there, here = urlsplit(joined), urlsplit(url)
    return (there.netloc.lower(), there.path.rstrip("/")) == (here.netloc.lower(), here.path.rstrip("/"))


def link_texts(tree: HtmlElement, url: str) -> tuple[set[str], set[str]]:
    """The normalised texts of the page's links: (to the site's own pages, to other
    sites). In-page anchors (a table of contents repeating the story's headings) are
    neither."""
    site = site_of(url)
    own: set[str] = set()
    out: set[str] = set()
    for a in tree.iter("a"):
        href = (a.get("href") or "").strip()
        t = _norm(a.text_content())
        if t and not href.startswith("#"):
            (out if links_out(href, site) else own).add(t)
    return own, out


def site_names(pm: PageMeta, url: str, extra: Iterable[str] = ()) -> list[str]:
    """Names the site, its publisher and its host go by (the title's suffix, an
    author slot that names the outlet)."""
    names = [n for n in (pm.first("og:site_name"), pm.first("application-name"), pm.first("twitter:site")) if n]
    names += pm.organizations
    for v in pm.article_values("publisher"):
        t = text_of(v)
        if t:
            names.append(t)
    names += list(extra)
    host = bare_host(url)
    if host:
        names += [host, host.split(".")[0]]
    return [n.lstrip("@") for n in names if n]
