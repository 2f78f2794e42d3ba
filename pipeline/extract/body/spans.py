"""Spans of the result that are the article when the page holds more stories: the
run of paragraphs the publisher's own JSON-LD body covers, or the one inside the
<article> under the page's headline (the next stories scrolled in below it)."""

from __future__ import annotations

import copy
from collections import Counter

import lxml.etree
from lxml.html import HtmlElement

from ..jsonld import PageMeta, text_of
from ..strings import NOT_SHOWN, _html_fragment_text, _norm, _paragraphs, _weight
from .prose import _page_prose
from .textsim import containment as _containment
from .textsim import shingles as _shingles


def _jsonld_body(pm: PageMeta) -> str | None:
    best = None
    for value in pm.article_values("articleBody"):
        s = text_of(value) if not isinstance(value, str) else value
        if not s:
            continue
        s = _paragraphs(_html_fragment_text(s))
        if best is None or len(s) > len(best):
            best = s
    return best


def _span_of(main: str, ld_sh: Counter) -> str:
    """The run of `main`'s paragraphs that a text (the JSON-LD body, the headline's
    block) covers."""
    paras = main.split("\n")
    hits = [i for i, p in enumerate(paras) if _containment(_shingles(p), ld_sh) >= 0.5]
    if not hits:
        return main
    return "\n".join(paras[hits[0] : hits[-1] + 1])


def _shown_text(el: HtmlElement) -> str:
    """An element's text as a reader sees it: without scripts and styles (a copy: only
    the rare page with a headline's block gets here)."""
    clone = copy.deepcopy(el)
    lxml.etree.strip_elements(clone, *NOT_SHOWN, with_tail=False)
    return clone.text_content()


def _headline_block(tree: HtmlElement, title: str | None) -> HtmlElement | None:
    """The <article> of the story whose headline (<h1>) is the page's title, on a page
    that shows several stories one after the other, each its own <article> under its own
    <h1> (the next ones scrolled in below); None on other pages. An <article> is what
    the page itself calls a complete story, whatever its classes; an <h1> that heads a
    section, or is the logo, is not another story's."""
    heads = list(tree.iter("h1"))
    nt = _norm(title) if len(heads) > 1 else ""  # one <h1>: one story
    h1 = next((h for h in heads if _norm(h.text_content()) == nt), None) if nt else None
    story = next(h1.iterancestors("article"), None) if h1 is not None else None
    if story is None or sum(1 for _ in story.iter("h1")) > 1:
        return None
    around = set(story.iterancestors())
    for up in story.iterancestors():
        others = [
            a for a in up.iter("article")
            if a is not story and a not in around and a.find(".//h1") is not None
        ]
        if others:
            return story if any(_page_prose(a) >= _STORY_PROSE for a in others) else None
    return None


_STORY_PROSE = 500  # running prose a block needs to be a story (in `_weight`)


def _headline_span(main: str, tree: HtmlElement, title: str | None) -> str | None:
    """`main` cut to the run of its paragraphs inside the headline's block
    (`_headline_block`), when `main` is at least 1.5 times what that block shows, holds
    (nearly) all of it, and the block holds a story's length of running prose: the rest
    is the next stories. trafilatura keeps them where the class names say nothing of
    which block is the article (CSS-in-JS names; the dev pages with names hashed)."""
    block = _headline_block(tree, title)
    if block is None or _page_prose(block) < _STORY_PROSE:
        return None
    shown = _shown_text(block)
    if _weight(main) < 1.5 * _weight(shown):
        return None
    have = _shingles(shown)
    if _containment(have, _shingles(main)) < 0.8:
        return None
    cut = _span_of(main, have)
    return cut if cut != main else None
