"""Structured metadata a page declares about itself: JSON-LD, meta tags, <html lang>.

One job: read what the publisher states (no text extraction, no ranking of
candidates beyond "article-like JSON-LD objects first"). `article.py` and the
field readers (dates.py, titles.py, authors/) decide which statement to trust.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import lxml.etree
from lxml.html import HtmlElement

from ..datetimes import parse_datetime, to_utc

__all__ = ["parse_datetime", "to_utc"]  # one date parser, re-exported for the extraction modules

# schema.org types that describe one article (sub-types of Article we meet on news sites)
ARTICLE_TYPES = frozenset(
    t.lower()
    for t in (
        "NewsArticle", "Article", "ReportageNews", "BlogPosting", "AnalysisNewsArticle",
        "OpinionNewsArticle", "ReviewNewsArticle", "BackgroundNewsArticle", "AskPublicNewsArticle",
        "LiveBlogPosting", "TechArticle", "ScholarlyArticle", "Report", "SatiricalArticle",
        "SocialMediaPosting", "DiscussionForumPosting", "AdvertiserContentArticle", "Review",
    )
)
# types that may still carry a usable datePublished / headline when no article object exists
PAGE_TYPES = frozenset(t.lower() for t in ("WebPage", "ItemPage", "VideoObject", "Blog", "CollectionPage"))

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_WS = re.compile(r"\s+")


def _types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type")
    if isinstance(t, str):
        return {t.rsplit("/", 1)[-1].lower()}
    if isinstance(t, list):
        return {x.rsplit("/", 1)[-1].lower() for x in t if isinstance(x, str)}
    return set()


def load_json(raw: str) -> Any:
    raw = raw.strip()
    if raw.startswith("<!--"):
        raw = raw[4:]
    if raw.endswith("-->"):
        raw = raw[:-3]
    raw = raw.replace("<![CDATA[", "").replace("]]>", "").strip().rstrip(";")
    try:
        return json.loads(raw)
    except ValueError:
        pass
    try:  # common publisher slips: raw newlines/tabs in strings, trailing commas
        return json.loads(_TRAILING_COMMA.sub(r"\1", _CONTROL.sub(" ", raw)), strict=False)
    except ValueError:
        return None


def walk_objects(node: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every dict in a JSON-LD document that has a @type, @graph and lists flattened."""
    if depth > 6:
        return
    if isinstance(node, list):
        for item in node:
            yield from walk_objects(item, depth + 1)
    elif isinstance(node, dict):
        if "@graph" in node:
            yield from walk_objects(node["@graph"], depth + 1)
        if "@type" in node:
            yield node
        for key in ("mainEntity", "mainEntityOfPage", "hasPart", "itemListElement", "item"):
            child = node.get(key)
            if isinstance(child, (dict, list)):
                yield from walk_objects(child, depth + 1)


def _first_of(values: list[Any], read: Callable[[Any], str | None]) -> str | None:
    """The first item of a JSON-LD list that `read` gets a string from."""
    for v in values:
        s = read(v)
        if s:
            return s
    return None


def text_of(value: Any) -> str | None:
    """A JSON-LD value read as one string (first of a list, `name`/`@value` of an object)."""
    if value is None:
        return None
    if isinstance(value, str):
        s = _WS.sub(" ", value).strip()
        return s or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, list):
        return _first_of(value, text_of)
    if isinstance(value, dict):
        for key in ("name", "@value", "url", "contentUrl", "@id"):
            got = text_of(value.get(key))
            if got:
                return got
    return None


def texts_of(value: Any) -> list[str]:
    """All strings in a JSON-LD value (a list of names, objects with `name`, or one string)."""
    if value is None:
        return []
    if isinstance(value, list):
        out: list[str] = []
        for v in value:
            out.extend(texts_of(v))
        return out
    if isinstance(value, dict):
        s = text_of(value.get("name")) or text_of(value.get("@value"))
        return [s] if s else []
    s = text_of(value)
    return [s] if s else []


def image_of(value: Any) -> str | None:
    if isinstance(value, list):
        return _first_of(value, image_of)
    if isinstance(value, dict):
        return text_of(value.get("url")) or text_of(value.get("contentUrl")) or text_of(value.get("@id"))
    return text_of(value)


@dataclass
class PageMeta:
    """What a page says about itself, keys lower-cased."""

    articles: list[dict[str, Any]] = field(default_factory=list)  # article-like JSON-LD objects, page order
    pages: list[dict[str, Any]] = field(default_factory=list)  # WebPage-like JSON-LD objects
    organizations: list[str] = field(default_factory=list)  # names of Organization / WebSite objects
    meta: dict[str, list[str]] = field(default_factory=dict)  # meta name/property/itemprop/http-equiv -> contents
    itemprops: dict[str, list[str]] = field(default_factory=dict)  # non-meta itemprop elements -> content/datetime
    html_lang: str | None = None
    canonical: str | None = None
    title_tag: str | None = None

    def first(self, *keys: str) -> str | None:
        for k in keys:
            for v in self.meta.get(k, ()):
                if v:
                    return v
        return None

    def all(self, *keys: str) -> list[str]:
        out: list[str] = []
        for k in keys:
            out.extend(v for v in self.meta.get(k, ()) if v)
        return out

    def article_values(self, key: str) -> Iterator[Any]:
        for obj in self.articles:
            if obj.get(key) not in (None, "", []):
                yield obj[key]


# the whole document's elements, page order ("/descendant::x" is "//x" without the
# intermediate set of every node that "//" stands for)
_ITEMPROPS = lxml.etree.XPath("/descendant::*[@itemprop][not(self::meta)]")
_LD_SCRIPTS = lxml.etree.XPath('/descendant::script[contains(translate(@type,"LDJSON","ldjson"),"ld+json")]')


def itemprop_value(el: HtmlElement) -> str:
    """A microdata element's value: its datetime or content attribute, else its text."""
    return el.get("datetime") or el.get("content") or _WS.sub(" ", el.text_content()).strip()


def read_page_meta(tree: HtmlElement) -> PageMeta:
    pm = PageMeta()
    root = tree.getroottree().getroot() if hasattr(tree, "getroottree") else tree
    lang = root.get("lang") or root.get("xml:lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    pm.html_lang = lang.strip() or None if lang else None

    for el in tree.iter("meta"):
        content = el.get("content")
        if content is None:
            content = el.get("value")
        if content is None:
            continue
        content = _WS.sub(" ", content).strip()
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = el.get(attr)
            if key:
                for k in key.lower().split():
                    pm.meta.setdefault(k.strip(), []).append(content)

    for el in tree.iter("link"):
        rel = (el.get("rel") or "").lower().split()
        if "canonical" in rel and el.get("href") and pm.canonical is None:
            pm.canonical = el.get("href").strip()

    for el in tree.iter("title"):
        # the document's first <title>, wherever the parser put it (after stray markup in
        # <head> it moves into <body>), but not an inline <svg>'s
        if not any(a.tag == "svg" or str(a.tag).endswith("}svg") for a in el.iterancestors()):
            pm.title_tag = _WS.sub(" ", el.text_content()).strip() or None
            break

    for el in _ITEMPROPS(tree):
        prop = el.get("itemprop").lower()
        if prop in ("datepublished", "datecreated", "datemodified", "headline", "author", "name"):
            val = itemprop_value(el)
            if val:
                pm.itemprops.setdefault(prop, []).append(val)

    for script in _LD_SCRIPTS(tree):
        data = load_json(script.text or "")
        if data is None:
            continue
        for obj in walk_objects(data):
            types = _types(obj)
            if types & ARTICLE_TYPES:
                pm.articles.append(obj)
            elif types & PAGE_TYPES:
                pm.pages.append(obj)
            if types & {"organization", "newsmediaorganization", "website"}:
                name = text_of(obj.get("name"))
                if name:
                    pm.organizations.append(name)
            for key in ("publisher",):
                pub = obj.get(key)
                if isinstance(pub, dict):
                    name = text_of(pub.get("name"))
                    if name:
                        pm.organizations.append(name)
    return pm


# ---- dates ---------------------------------------------------------------



def plausible(dt: datetime, fetched_at: datetime) -> bool:
    u = to_utc(dt)
    return datetime(1995, 1, 1, tzinfo=UTC) <= u <= to_utc(fetched_at) + timedelta(days=1)


def iter_strings(values: Iterable[Any]) -> Iterator[str]:
    for v in values:
        yield from texts_of(v)


def the_article(pm: PageMeta, key: str, url: str) -> list[dict[str, Any]]:
    """The article object to read `key` (author, headline) from, as a list of none or
    one: with several article objects on a page (a list of related stories, other posts
    in a @graph), the first whose url / @id / mainEntityOfPage is this page and that
    states `key` (none when those that are this page lack it), else the first that states
    `key`. Authors, titles and dates read it."""
    objs = [o for o in pm.articles if o.get(key) not in (None, "", [])]
    if len(pm.articles) <= 1:
        return objs
    path = urlsplit(url).path.rstrip("/")
    if len(path) > 1:
        # this page's objects (two plugins may each describe it): the first stating `key`
        mine = [o for o in pm.articles if any(path in str(o.get(k) or "") for k in ("url", "@id", "mainEntityOfPage"))]
        if mine:
            return [o for o in mine if any(o is x for x in objs)][:1]
    return objs[:1]
