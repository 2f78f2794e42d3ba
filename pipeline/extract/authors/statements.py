"""What the page states about its authors: JSON-LD `author` (Person before Organization),
author meta tags' keys, `rel=author` / `itemprop=author` links and microdata Persons."""

from __future__ import annotations

from typing import Any

import lxml.etree
from lxml.html import HtmlElement

from ..blocks import headline_article, in_other_article
from ..jsonld import PageMeta, itemprop_value, load_json, text_of, texts_of, the_article, walk_objects
from ..names import clean_text
from ..strings import _clean
from .placement import in_comments, in_teaser


def _graph_nodes(tree: HtmlElement) -> dict[str, dict[str, Any]]:
    """JSON-LD objects by their @id: an article's author may be only a reference
    ({"@id": "#/schema/person/1"}) to a Person elsewhere in the @graph."""
    out: dict[str, dict[str, Any]] = {}
    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        for obj in walk_objects(load_json(script.text or "")):
            if isinstance(obj.get("@id"), str):
                out.setdefault(obj["@id"], obj)
    return out


def jsonld_authors(pm: PageMeta, tree: HtmlElement, url: str = "") -> tuple[list[str], list[str]]:
    """(people, organizations) named as the article's author in JSON-LD."""
    people: list[str] = []
    orgs: list[str] = []
    nodes: dict[str, dict[str, Any]] | None = None

    def visit(v: Any) -> None:
        nonlocal nodes
        if isinstance(v, list):
            for x in v:
                visit(x)
        elif isinstance(v, dict):
            if not v.get("name") and isinstance(v.get("@id"), str):  # a reference: read the node (parsed once, when needed)
                nodes = _graph_nodes(tree) if nodes is None else nodes
                v = nodes.get(v["@id"], v)
            t = v.get("@type")
            types = {str(x).casefold() for x in (t if isinstance(t, list) else [t]) if x}
            # "name" may itself be a list of names (one Person object for several people)
            # (a name as shown: some CMSs write the byline's markup into it, "<a href=...>Jane Roe</a>")
            names = [n for n in map(_clean, texts_of(v.get("name"))) if n]
            if not names and v.get("familyName"):  # {"givenName": "Jane", "familyName": "Roe"}
                names = [" ".join(x for x in (text_of(v.get("givenName")), text_of(v.get("familyName"))) if x)]
            (orgs if types & {"organization", "newsmediaorganization", "corporation"} else people).extend(names)
        elif isinstance(v, str) and (name := _clean(v)):
            people.append(name)

    for key in ("author", "creator"):
        for obj in the_article(pm, key, url):
            visit(obj[key])
        if people or orgs:
            break
    return people, orgs


# (Yandex's `mediator_author`, which Russian sites state for its news feeds)
META_KEYS = (
    "author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl", "cxenseparse:author", "og:article:author",
    "mediator_author",
)


# the elements marked with a rel or an itemprop, page order (found in C: the rest of the page is none)
_MARKED = lxml.etree.XPath("/descendant::*[@rel or @itemprop]")


def link_authors(tree: HtmlElement) -> list[str]:
    """Names marked up as the author (rel=author, itemprop=author), not a reader's in a
    comment thread nor another story's: in a card of it, or in a second <article> (the
    next story a page appends as the reader scrolls). A microdata Person
    (`itemprop="author" itemscope`, not an Organization) gives the name its
    `itemprop="name"` states, which themes often print nowhere (`<meta itemprop="name"
    content="…">`)."""
    out = []
    main = headline_article(tree)
    for a in _MARKED(tree):
        rel = (a.get("rel") or "").lower().split()
        prop = (a.get("itemprop") or "").lower()
        linked = a.tag in ("a", "span") and ("author" in rel or prop == "author")
        person = a.get("itemscope") is not None and "author" in prop.split() \
            and "organization" not in (a.get("itemtype") or "").lower()
        if not (linked or person) or in_comments(a) or in_teaser(a) or in_other_article(a, main):
            continue
        t = clean_text(a.text_content()) if linked else ""
        if not t and person:
            t = _microdata_name(a)
        if t:
            out.append(t)
    return out[:6]


def _microdata_name(person: HtmlElement) -> str:
    """The name a microdata item states: its first `itemprop="name"` that is its own (not
    an item's within it, the Organization the writer works for), the value of its
    `content` attribute (a <meta>'s) or its text ("" when it states none)."""
    for el in person.iter():
        if el is not person and isinstance(el.tag, str) and "name" in (el.get("itemprop") or "").lower().split() \
                and next(up for up in el.iterancestors() if up.get("itemscope") is not None) is person:
            return clean_text(itemprop_value(el))
    return ""
