"""Blocks of a page that hold other things than its article: cards of other stories,
asides, navigation, footers, lists of related stories and comments. Dates and the
cleanup both leave them out."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from .strings import _norm

_ELSEWHERE_CLASS = re.compile(r"(?i)related|comment|sidebar|recommend|promo")


def teaser_card(el: HtmlElement, size: int = 1000) -> bool:
    """Whether an <article> is a card of another story: a small one, without the page's
    <h1>, whose heading links away (cards of related stories are <article>s too)."""
    if el.tag != "article" or len(el.text_content()) >= size or el.find(".//h1") is not None:
        return False
    for h in el.iter("h2", "h3", "h4", "h5"):
        if h.find(".//a") is not None or any(a.tag == "a" for a in h.iterancestors()):
            return True
    return False


def elsewhere(el: HtmlElement, tag: str, names: str) -> bool:
    """Whether a block holds other things than the article: an aside, navigation, a
    footer, a card of another story, a list of related stories or comments (`names`:
    its class and id)."""
    return tag in ("aside", "footer", "nav") or _ELSEWHERE_CLASS.search(names) is not None or teaser_card(el)


def teaser_texts(tree: HtmlElement) -> set[str]:
    """The normalised texts of every element inside a card of another story: the lines
    trafilatura takes from a grid of cards under a story (their summaries)."""
    out: set[str] = set()
    for card in tree.iter("article"):
        if teaser_card(card):
            for el in card.iter():
                if isinstance(el.tag, str):
                    t = _norm(el.text_content())
                    if t:
                        out.add(t)
    return out
