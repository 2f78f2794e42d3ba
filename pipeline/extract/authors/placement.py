"""Where an element sits on the page, for the author finders: in navigation, a footer,
comments, a teaser of another story, a menu; and the archive path of a writer's page."""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import chain, islice

from lxml.html import HtmlElement

from ..blocks import teaser_card
from ..names import clean_text


def menu_item(el: HtmlElement) -> bool:
    """Whether an element is an item of a menu, whatever the tags around it: inside an
    <li> that is wholly one link, in a list of three or more such items."""
    li = el if el.tag == "li" else next(el.iterancestors("li"), None)
    if li is None or not _wholly_a_link(li):
        return False
    parent = li.getparent()
    return parent is not None and sum(1 for x in parent if x.tag == "li" and _wholly_a_link(x)) >= 3


def _wholly_a_link(item: HtmlElement) -> bool:
    links = list(item.iter("a"))
    return len(links) == 1 and bool(links[0].get("href")) and clean_text(links[0].text_content()) == clean_text(item.text_content())


# "/author/jane-roe/", and with a numeric id or short index keys first
# ("/staff/8378342001/jane-roe/", "/authors/j/jr-ja/jane-roe/")
ARCHIVE_PATH = re.compile(
    r"/(?:authors?|writers?|editors?|contributors?|journalists?|reporters?|columnists?|profile|people|person|staff|by)/"
    r"(?:\d+/|[a-z]{1,3}(?:-[a-z]{1,3})?/){0,2}(?P<slug>[^/?#]+)/?(?:[?#]|$)",
    re.I,
)
_AWAY = re.compile(r"(?i)related|comment|sidebar|recommend|promo|footer|menu|nav")


def within(el: HtmlElement, test: Callable[[HtmlElement], bool]) -> bool:
    """Whether the element or one of its ancestors below <body> passes `test` (the
    body's own class names the theme, not a block)."""
    node: HtmlElement | None = el
    while node is not None and node.tag not in ("body", "html"):
        if test(node):
            return True
        node = node.getparent()
    return False


def away(el: HtmlElement) -> bool:
    """Whether an element sits in navigation, a footer, an aside, comments or a list of
    related stories. A block named so that holds the page's <h1> is the article's
    wrapper ("single is-sidebar-right": a layout with a sidebar), not such a block."""
    return within(el, lambda n: n.tag in ("nav", "footer", "aside")
                   or _AWAY.search(f"{n.get('class', '')} {n.get('id', '')}") is not None and n.find(".//h1") is None)


# a comment thread's own class or id tokens (not "comment-count" beside a byline)
_COMMENTS = re.compile(r"(?i)^(?:comments?|commentlist|comments?-(?:list|area|section|thread|body|content)|disqus_thread)$")


def in_comments(el: HtmlElement) -> bool:
    """Whether an element sits in a comment thread ("Posted by" a reader). Lists of
    related stories are not skipped here: on a page with no byline of its own their
    credits are rare, and a rule skipping them lost a dev page whose label names one."""
    return within(el, lambda n: any(_COMMENTS.match(t) for t in f"{n.get('class', '')} {n.get('id', '')}".split()))


def in_teaser(a: HtmlElement, size: int = 1500, levels: int = 99) -> bool:
    """Whether a link sits in a teaser of another story: a small block (under `size`
    characters, at most `levels` up) that also holds a heading linking elsewhere (lists
    of stories credit their own writers; the article itself is a larger block). A heading
    linking to a writer's archive is the byline's own author card, not a story, and so
    is a heading the element sits in."""
    node = a.getparent()
    while node is not None and node.tag not in ("body", "html") and levels > 0:
        levels -= 1
        if len(node.text_content()) >= size:
            return False
        for h in node.iter("h2", "h3", "h4"):
            if h in a.iterancestors():  # the byline's own heading ("<h3 class=byline>")
                continue
            if any(not ARCHIVE_PATH.search(link.get("href") or "") for link in h.iter("a")):
                return True
        if node.tag == "li" and any(_headline_link(x) for x in node.iter("a") if x is not a):
            return True  # an item of a list of stories, its headline a plain link
        node = node.getparent()
    return False


def _headline_link(link: HtmlElement) -> bool:
    """A link whose text reads as a story's headline: five words or more, to a page
    that is no writer's archive."""
    return len(link.text_content().split()) >= 5 and not ARCHIVE_PATH.search(link.get("href") or "")


def in_other_block(el: HtmlElement) -> bool:
    """Whether an element sits in an <aside> or a <footer> of the page or of a card of
    another story; an article's own <footer> ("Posted by ...") is its byline's place."""
    for x in (el, *el.iterancestors()):
        if x.tag == "aside":
            return True
        if x.tag == "footer":
            art = next((a for a in x.iterancestors() if a.tag == "article"), None)
            return art is None or teaser_card(art)
    return False


_PICTURES = ("img", "picture", "figure", "video")


def beside_picture(tree: HtmlElement, line: str) -> bool:
    """Whether the page prints `line` (of the extracted text) in an image's block: in a
    <figure> or <figcaption>, or in a wrapper (three levels up at most) that holds a
    picture and little more text than the line: a caption and its credit."""
    probe = line.strip()[:40]
    if not probe:
        return False
    for node in tree.xpath("//body//text()[contains(., $s)]", s=probe):
        el = node.getparent()
        for anc in islice(chain([el], el.iterancestors()), 4) if el is not None else ():
            if anc.tag in ("figure", "figcaption"):
                return True
            if next(anc.iter(*_PICTURES), None) is not None and len(clean_text(anc.text_content())) <= len(line) + 300:
                return True
    return False
