"""Authors: who wrote the article, as names of people (or a wire agency credited by
a page of another outlet), never the site, its desk or its publisher.

Sources, first that yields a name wins: JSON-LD `author` (Person before
Organization), author meta tags, `rel=author` / `itemprop=author` links, then the
byline in the page text ("By X and Y", "Автор:", "Текст:", "记者 X", "（记者 … 报道）",
"（责编：…）"), then trafilatura's byline search. A byline in the text that names
everyone the statements name and more (statements often carry the first author
only) replaces them. Every candidate passes one filter: no site, desk or publisher
names (compared with og:site_name, the publisher, the host), no numeric ids, slugs,
e-mail addresses or URLs, no credentials ("MS", "RDN", "PhD") split off as names.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

import lxml.etree
from lxml.html import HtmlElement

from .jsonld import PageMeta, text_of

_WS = re.compile(r"\s+")
_NONWORD = re.compile(r"\W+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CYR = re.compile(r"[\u0400-\u04ff]")

_BY = re.compile(
    r"^\W*(?:by|written\s+by|words\s+by|von|par|por|di|door|от|автор[ыа]?|текст|记者|作者|文|撰文|责编|责任编辑)\s*[:：]?\s*", re.I
)
# separators between names; "and"/"и"/"和" only as words
_SPLIT = re.compile(r"\s*(?:,|;|\||/|\band\b|&|\bund\b|\bet\b|\by\b|\bи\b|、|，|；|／|\s和\s)\s*", re.I)
# professional credentials printed after a name ("Lauren Manaker MS, RDN")
_CREDENTIALS = frozenset(
    "ms msc ma ba bs bsc mba mph mpa md do phd dphil rd rdn ld ldn cdces cde rn np pa cpt cscs facsm jd esq dds dvm pharmd "
    "lcsw lmft cfp cfa cpa"
    .split()
)
# a byline that names a desk or the outlet's staff, not a person
_DESK = re.compile(
    r"(?i)\b(?:staff|reports?|desk|newsroom|editorial\s+(?:board|team)|redazione|redaktion|rédaction|редакция|"
    r"correspondent|contributors?|team|wire|sponsored|partner\s+content|editors?|reporter|writer|columnist|producer)\s*$|^(?:staff|the\s+editors|editorial)\b"
)
# a job title printed in the author slot ("Chief Technology Officer", "Head of Reality Labs")
_ROLE = re.compile(r"(?i)\b(?:chief|officer|head\s+of|director|president|founder|manager|ceo|cto|cfo|vice)\b")
_ID_LIKE = re.compile(r"^[\W\d_]+$|\d|^[a-z0-9]+(?:[._-][a-z0-9]+)+$|[:=<>{}#]")
_EMAIL_OR_URL = re.compile(r"@|^https?:|^www\.|\.(?:com|org|net|ru|cn)\b", re.I)
# in-text bylines (one short element of the page, or the text's first/last lines)
_BYLINE_LINE = re.compile(r"^\s*(?:by|written\s+by)\s+(?P<names>[^\n]{3,160})$", re.I)
_RU_BYLINE = re.compile(r"(?:^|\s)(?:Автор[ыа]?|Текст)\s*[:：]\s*(?P<names>[^\n.;|]{3,120})")
_ZH_BYLINE = [
    re.compile(r"[（(]\s*责编\s*[:：]\s*(?P<names>[^）)]{2,40})[）)]"),
    re.compile(r"[（(]\s*(?:记者|通讯员)\s*(?P<names>[^）)]{2,40}?)\s*(?:报道|摄)?\s*[）)]"),
    re.compile(r"(?:^|\s|】)(?:本报)?记者\s*(?P<names>(?:[\u4e00-\u9fff]{2,4}[\s、，]*){1,4})"),
]
_STAMP_WORD = re.compile(r"\s+(?:published|updated|posted|опубликовано|обновлено)\b.*$", re.I)  # byline run into its date
_ZH_SKIP = re.compile(r"报道|电$|摄$|日$|本报")


def _clean(s: str) -> str:
    return _WS.sub(" ", unicodedata.normalize("NFKC", s)).strip()


def _key(s: str) -> str:
    return _NONWORD.sub("", s.casefold())


def site_names(pm: PageMeta, url: str, extra: Iterable[str] = ()) -> list[str]:
    """Names the site, its publisher and its host go by."""
    names = [n for n in (pm.first("og:site_name"), pm.first("application-name"), pm.first("twitter:site")) if n]
    names += pm.organizations
    for v in pm.article_values("publisher"):
        t = text_of(v)
        if t:
            names.append(t)
    names += list(extra)
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    if host:
        names += [host, host.split(".")[0]]
    return [n.lstrip("@") for n in names if n]


def _is_site(name: str, sites: list[str]) -> bool:
    k = _key(name).removeprefix("the")
    if not k:
        return True
    for s in sites:
        ks = _key(s).removeprefix("the")
        if len(ks) >= 3 and (k == ks or ks in k or (len(k) >= 4 and k in ks)):
            return True
    return False


def normalise(name: str) -> str:
    """One name: spaces collapsed, "By" and trailing credentials removed, an
    all-capitals Latin or Cyrillic name put in title case."""
    name = _BY.sub("", _clean(name)).strip(" .,-|:;()[]“”\"'")
    name = _STAMP_WORD.sub("", name)
    words = name.split()
    while len(words) > 1 and words[-1].strip(".,").replace(".", "").casefold() in _CREDENTIALS:
        words.pop()
    name = " ".join(words)
    if name.isupper() and not _CJK.search(name) and len(name) > 3:
        name = name.title()
    return name


def acceptable(name: str, sites: list[str], *, strict: bool = False) -> bool:
    """Whether `name` reads as a person's (or a wire agency's) name. `strict` for names
    read from the page text rather than stated as authors: two to four words."""
    if not name or len(name) > 60 or _EMAIL_OR_URL.search(name) or _ID_LIKE.search(name):
        return False
    if name.replace(".", "").casefold() in _CREDENTIALS or name.startswith(("(", "[")):
        return False
    if _DESK.search(name) or _ROLE.search(name) or _is_site(name, sites):
        return False
    if _CJK.search(name):
        return 2 <= len(name.replace(" ", "")) <= 8 and not _ZH_SKIP.search(name)
    words = name.split()
    if len(words) > (4 if strict else 5) or strict and len(words) < 2:  # a sentence, a job title, a lone word
        return False
    letters = [w for w in words if w[:1].isalpha()]
    return bool(letters) and all(w[:1].isupper() or w.casefold() in _PARTICLES for w in letters)


_PARTICLES = frozenset("de da di del della der den van von la le du dos das bin ibn al el y e".split())


def split_names(raw: str, sites: list[str], *, strict: bool = False) -> list[str]:
    """Names in one author statement, normalised and filtered, in order, once each."""
    raw = _clean(raw)
    if " | " in raw:  # "Name | Outlet", "Name | Sponsored": what follows the bar is an affiliation
        raw = raw.split(" | ")[0]
    if _CJK.search(raw) and not re.search(r"[A-Za-z]", raw):
        parts = re.split(r"[\s、，,；;/]+", _BY.sub("", raw))
    else:
        parts = _SPLIT.split(_BY.sub("", raw))
    out: list[str] = []
    seen: set[str] = set()
    for p in parts:
        n = normalise(p)
        if acceptable(n, sites, strict=strict) and _key(n) not in seen:
            seen.add(_key(n))
            out.append(n)
    return out


def _jsonld_authors(pm: PageMeta) -> tuple[list[str], list[str]]:
    """(people, organizations) named as the article's author in JSON-LD."""
    people: list[str] = []
    orgs: list[str] = []

    def visit(v: Any) -> None:
        if isinstance(v, list):
            for x in v:
                visit(x)
        elif isinstance(v, dict):
            t = v.get("@type")
            types = {str(x).casefold() for x in (t if isinstance(t, list) else [t]) if x}
            name = text_of(v.get("name"))
            if name:
                (orgs if types & {"organization", "newsmediaorganization", "corporation"} else people).append(name)
        elif isinstance(v, str) and v.strip():
            people.append(v)

    for v in pm.article_values("author"):
        visit(v)
    if not people and not orgs:
        for v in pm.article_values("creator"):
            visit(v)
    return people, orgs


_META_KEYS = (
    "author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl", "cxenseparse:author", "og:article:author",
)


def _link_authors(tree: HtmlElement) -> list[str]:
    out = []
    for a in tree.iter("a", "span"):
        rel = (a.get("rel") or "").lower().split()
        if "author" in rel or (a.get("itemprop") or "").lower() == "author":
            t = _clean(a.text_content())
            if t:
                out.append(t)
    return out[:6]


# elements whose own text opens a byline, found by lxml in one pass (reading every
# element's text in Python costs more than the rest of the extraction)
_BYLINE_ELEMENTS = lxml.etree.XPath(
    "//body//*[not(self::script or self::style or self::noscript or self::template or self::option)]"
    "[text()[starts-with(normalize-space(.), 'By ') or starts-with(normalize-space(.), 'by ') or starts-with(normalize-space(.), 'BY ')"
    " or contains(., 'Автор') or contains(., 'Текст:') or contains(., 'Текст :') or contains(., '记者') or contains(., '责编')]]"
)


def _short_texts(tree: HtmlElement, limit: int = 40) -> Iterable[str]:
    """Texts of the elements where a byline opens, page order."""
    for el in _BYLINE_ELEMENTS(tree)[:limit]:
        t = el.text_content()
        if 3 <= len(t) <= 200:
            yield _clean(t)


def text_bylines(tree: HtmlElement, text: str | None) -> list[str]:
    """Raw byline statements written in the page ("By X and Y", "Автор: X", "（责编：X、Y）")."""
    out: list[str] = []
    lines = (text or "").split("\n")
    head_tail = lines[:3] + lines[-3:]
    for t in [*head_tail, *_short_texts(tree)]:
        m = _BYLINE_LINE.match(t)
        if m and len(t) <= 120:
            out.append(m.group("names"))
        m = _RU_BYLINE.search(t)
        if m:
            out.append(m.group("names"))
        for rx in _ZH_BYLINE:
            for m in rx.finditer(t):
                out.append(m.group("names"))
        if len(out) >= 6:
            break
    return out


def find_authors(tree: HtmlElement, pm: PageMeta, url: str, text: str | None = None, *, extra_sites: Iterable[str] = ()) -> list[str]:
    """The article's authors, in page order, each once."""
    sites = site_names(pm, url, extra_sites)
    people, orgs = _jsonld_authors(pm)
    stated: list[str] = []
    for raw in people:
        stated += split_names(raw, sites)
    if not stated:
        for raw in pm.all(*_META_KEYS):
            if not raw.startswith(("http://", "https://", "www.")):
                stated += split_names(raw, sites)
    if not stated:
        for raw in _link_authors(tree):
            stated += split_names(raw, sites)
    byline: list[str] = []
    for raw in text_bylines(tree, text):
        names = split_names(raw, sites, strict=True)
        if names:
            byline = names
            break
    keys = {_key(n) for n in stated}
    if byline and (not stated or keys < {_key(n) for n in byline}):
        stated = byline
    if not stated:
        for raw in orgs:  # a wire agency credited by another outlet's page
            stated += split_names(raw, sites)
    if not stated:
        stated = _trafilatura_byline(tree, sites)
    return _unique(stated)


def _trafilatura_byline(tree: HtmlElement, sites: list[str]) -> list[str]:
    """trafilatura's byline search (its author XPaths, skipping comments, figures and
    other discarded blocks), read in place rather than on a pruned copy of the page."""
    try:
        from trafilatura.metadata import normalize_authors
        from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS
    except ImportError:
        return []
    try:
        discard: set | None = None  # computed only once a candidate turns up
        found = None
        for expr in AUTHOR_XPATHS:
            for el in expr(tree):
                if discard is None:
                    discard = {d for dx in AUTHOR_DISCARD_XPATHS for d in dx(tree)}
                if el in discard or any(a in discard for a in el.iterancestors()):
                    continue
                content = " ".join(" ".join(el.itertext()).split())
                if 2 < len(content) < 120:
                    found = normalize_authors(None, content)
                    break
            if found:
                break
    except Exception:  # noqa: BLE001 - a best-effort fallback
        return []
    out: list[str] = []
    for raw in (found or "").split(";"):
        out += split_names(raw, sites, strict=True)
    return out


def _unique(names: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for n in names:
        if _key(n) not in seen:
            seen.add(_key(n))
            out.append(n)
    return out
