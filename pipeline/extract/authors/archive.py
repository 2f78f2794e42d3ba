"""A writer's name on a link to their archive page ("/author/jane-roe/"), the slug
spelling the name (a Cyrillic name in Latin letters too, a Chinese one in pinyin)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import unquote

from lxml.html import HtmlElement

from ..names import CYR, TRANSLIT, in_pinyin, name_key, split_names
from .bylines import ProseMemo, in_prose
from .placement import ARCHIVE_PATH, away, in_teaser


def archive_link_author(tree: HtmlElement, sites: list[str]) -> list[str]:
    """The name on the first link to an author's archive page ("/author/kaitlin/"),
    when the link's text is a name that shares a word with the archive's slug; a
    page whose byline carries no markup names its writer only this way."""
    prose, many = ProseMemo(), dict[HtmlElement, bool]()  # the page's texts and blocks, each read once for all its links
    for a in _below_headline_first(tree.iter("a", "h1")):
        m = ARCHIVE_PATH.search(a.get("href") or "")
        if not m:
            continue
        if away(a) or _among_many_people(a, many) or in_teaser(a) or in_prose(a, prose):
            continue
        raw = _unaccented(unquote(m.group("slug")).casefold())
        slug = {w for w in re.split(r"[-_.+]+", raw) if len(w) >= 3}
        for text in _link_name_texts(a):
            names = split_names(text, sites, strict=True)
            if len(names) == 1 and (any(_in_slug(w, slug) for w in names[0].split()) or in_pinyin(names[0], raw)):
                return _with_coauthors(a, names[0], sites)
    return []


def _with_coauthors(a: HtmlElement, name: str, sites: list[str]) -> list[str]:
    """`a`'s name and, in page order, those of the links beside it to other archive
    pages, of its tag and class in the same block: a byline of several writers, each a
    link, whose archive slugs may be ids ("/authors/6620e2e67e3b9/") where one spells
    its name. A link whose text is no one name is left out."""
    parent = a.getparent()
    if parent is None:
        return [name]
    out: list[str] = []
    for x in parent:
        if x is a:
            out.append(name)
        elif x.tag == a.tag and x.get("class") == a.get("class") and ARCHIVE_PATH.search(x.get("href") or ""):
            got = split_names(x.text_content(), sites, strict=True)
            if len(got) == 1:
                out += got
    return out


def _below_headline_first(elements: Iterable[HtmlElement]) -> list[HtmlElement]:
    """The links in page order, those after the first <h1> before those above it: a
    byline sits with the headline, the site's menus (a columnist's link among them)
    above it."""
    above: list[HtmlElement] = []
    below: list[HtmlElement] = []
    seen_h1 = False
    for el in elements:
        if el.tag == "h1":
            seen_h1 = True
        else:
            (below if seen_h1 else above).append(el)
    return below + above


def _link_name_texts(a: HtmlElement) -> Iterable[str]:
    """Where a link to an archive page may carry the name: its text; its own text,
    without what its children add (a screen-reader label, "archive page"); the alt of
    its only image (the writer's picture). The archive's slug must spell the name."""
    full = a.text_content()
    yield full
    own = "".join([a.text or "", *(c.tail or "" for c in a)])
    if own.strip() and own.strip() != full.strip():
        yield own
    imgs = list(a.iter("img"))
    if len(imgs) == 1 and imgs[0].get("alt"):
        yield imgs[0].get("alt") or ""


def _among_many_people(a: HtmlElement, many: dict[HtmlElement, bool], levels: int = 3) -> bool:
    """Whether a link sits in a list of people (a tag cloud of the people a story is
    about, a staff page): a block a few levels up linking to four or more archive pages.
    `many`: each block's answer, read once for all the links in it."""
    node = a.getparent()
    while node is not None and levels > 0 and node.tag not in ("body", "html"):
        if (found := many.get(node)) is None:
            found = many[node] = len({x.get("href") for x in node.iter("a") if ARCHIVE_PATH.search(x.get("href") or "")}) >= 4
        if found:
            return True
        node, levels = node.getparent(), levels - 1
    return False


_UNDECOMPOSED = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "æ": "ae", "œ": "oe", "ı": "i"})


def _unaccented(s: str) -> str:
    """Latin letters without their accents, as slugs spell names ("chloé" as "chloe",
    "søren" as "soren"); a Cyrillic word as it is (its "й" is for `TRANSLIT`)."""
    if CYR.search(s):
        return s
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).translate(_UNDECOMPOSED)


def _in_slug(word: str, slug: set[str]) -> bool:
    """Whether a word of a name is a word of an archive's slug, or (four letters or
    more) a part of a slug that runs the name together ("chrisprice"); a Cyrillic name
    in its Latin spelling, which varies ("kh"/"h", "yu"/"iu"), so on its first four
    letters."""
    key = _unaccented(name_key(word))
    if key in slug:
        return True
    if len(key) >= 4 and any(len(w) > len(key) and key in w for w in slug):  # "/author/chrisprice/"
        return True
    if not CYR.search(word):
        return False
    latin = key.translate(TRANSLIT)
    return len(latin) >= 4 and any(w[:4] == latin[:4] for w in slug)

