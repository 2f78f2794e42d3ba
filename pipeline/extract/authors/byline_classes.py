"""trafilatura's byline search, by the class and id names of the elements that hold it
(tiers of tags and names), outside comments and reviews."""

from __future__ import annotations

import re
from copy import deepcopy

import lxml.etree
from lxml.html import HtmlElement

from ..blocks import headline_article, in_other_article
from ..body.prose import _text_blocks
from ..names import BY, ENDS_IN_JOB, NOT_WRITER_PART, split_names, without_outlets
from .placement import in_teaser

# trafilatura's byline search (metadata.extract_author: three tiers of author XPaths,
# comment threads, sidebars, figures and timestamps discarded) in one pass over the
# page: its EXSLT-regex XPaths cost more than the rest of the extraction
_TIER1_TAGS = frozenset({"a", "address", "div", "link", "p", "span", "strong"})
_TIER2_TAGS = frozenset({"a", "div", "h3", "h4", "p", "span"})
_T1_CLASS = re.compile(r"author-?name|AuthorName|authorName|contributor-?name|ContributorName")
_T2_ID = re.compile(r"author|zuozhe|bianji|xiaobian")
_T2_CLASS = re.compile(r"author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name")
_T3_ID = re.compile(r"[Aa]uthor")
_T3_CLASS = re.compile(r"[Aa]uthor|screenname|writer|[Bb]yline")
_DISCARD_ID = re.compile(r"^comments|comment-?list|ProductReviews")
_DISCARD_CLASS = re.compile(
    r"^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|article-(?:share|support)|print|category|meta-date|meta-reviewer"
)


def _byline_tier(el: HtmlElement) -> int:
    tag, cls, id_ = el.tag, el.get("class") or "", el.get("id") or ""
    prop, rel = el.get("itemprop") or "", el.get("rel") or ""
    if tag == "author" or tag in _TIER1_TAGS and (
        rel == "author" or id_ == "author" or cls == "author" or prop == "author name"
        or el.get("data-testid") in ("AuthorCard", "AuthorURL") or _T1_CLASS.search(cls)
    ):
        return 1
    if tag in _TIER2_TAGS and (
        cls in ("byline", "username", "byl", "BBL") or "author" in prop or _T2_ID.search(id_) or _T2_CLASS.search(cls)
    ):
        return 2
    # a component or test hook named for the byline ("byline-block", "byline-name"): the
    # markup of sites that hash their class names (most elements have neither)
    comp, hook = el.get("data-component"), el.get("data-testid")
    if (comp and "byline" in comp.lower()) or (hook and "byline" in hook.lower()) or "author" in prop \
            or _T3_ID.search(id_) or _T3_CLASS.search(cls):
        return 3
    return 0


def _discarded(el: HtmlElement) -> bool:
    node: HtmlElement | None = el
    while node is not None:
        tag = node.tag
        if tag in ("time", "figure"):
            return True
        if tag in ("a", "div", "section", "span"):
            cls, id_ = node.get("class") or "", node.get("id") or ""
            if id_ == "comments" or cls in ("comments", "title", "date") or _DISCARD_ID.search(id_) or _DISCARD_CLASS.search(cls):
                return True
            if "Figure" in (node.get("data-component") or ""):
                return True
        node = node.getparent()
    return False


# a byline element's text opening with one word before a colon ("Contributor: Jane Roe"),
# or with an editor's or a sponsor's credit ("Edited by X", "Sponsored by Acme")
_LABEL = re.compile(r"^\W*[^\W\d_]+\s*:\s*(?=\S)")
_NOT_WRITER_BY = re.compile(
    r"^\W*(?:edited|sponsored|presented|powered|brought\s+to\s+you|paid\s+for|supported|funded|underwritten)\s+by\s", re.I
)


def _writers_credit(content: str) -> str | None:
    """A byline element's text as a writer's credit: without a label before a colon
    ("Contributor: Jane Roe", "Author: Jane Roe"); None for the pictures' or the editing's
    credit ("Photos: X", "Edited by Y") or a sponsor's ("Sponsored by Acme"). trafilatura's
    reading kept the label as a name's first word ("Contributor Jane Roe") and credited
    the sponsor; other credits by name ("Submitted by X", "Written and reported by X")
    stay the writer's."""
    if NOT_WRITER_PART.match(content) or _NOT_WRITER_BY.match(content):
        return None
    if by := BY.match(content):
        # a label opening the byline ("Author: ", "Reporter: ", also for screen readers
        # only) goes: trafilatura's reading keeps it as a first name ("Author Jane Roe")
        return content[by.end():] if ":" in by.group() or "：" in by.group() else content
    m = _LABEL.match(content)
    return content[m.end():] if m else content


def trafilatura_byline(tree: HtmlElement, sites: list[str]) -> list[str]:
    try:
        from trafilatura.metadata import normalize_authors
    except ImportError:
        return []
    tiers: dict[int, list[HtmlElement]] = {1: [], 2: [], 3: []}
    for el in tree.iter():
        if isinstance(el.tag, str):
            t = _byline_tier(el)
            if t:
                tiers[t].append(el)
    main = headline_article(tree)

    def elsewhere(el: HtmlElement) -> bool:  # another story's writer, a comment's, a figure's
        return _discarded(el) or in_teaser(el) or in_other_article(el, main)

    def reading(el: HtmlElement) -> str | None:
        """trafilatura's reading of the element's credit ("" for none); None when the
        credit is no byline's length."""
        raw = " ".join(" ".join(el.itertext()).split())
        content = _writers_credit(raw)  # measured with its label: "作者：张三" is a byline's length
        return (normalize_authors(None, content) or "") if content and 2 < len(raw) < 120 else None

    for t in (1, 2, 3):
        for el in tiers[t]:
            found = None if elsewhere(el) else reading(el)
            if found is None:
                continue
            if not found:
                break  # the tier's first byline holds no name: the next tier
            names = _element_names(el, found, sites)
            for peer in _peers(el) if names else ():
                got = None if elsewhere(peer) else reading(peer)
                names += _element_names(peer, got, sites) if got else []
            return list(dict.fromkeys(names))
    return []


def _peers(el: HtmlElement) -> list[HtmlElement]:
    """Co-authors' blocks beside a byline element: its siblings of the same tag and class
    ("<div class=author>Jane Roe, Correspondent</div><div class=author>John Doe,
    Editor</div>")."""
    parent, cls = el.getparent(), el.get("class")
    if parent is None or not cls:
        return []
    return [x for x in parent if x is not el and x.tag == el.tag and x.get("class") == cls]


def _element_names(el: HtmlElement, found: str, sites: list[str]) -> list[str]:
    """The names a byline element gives: line by line first, a line with the writer's job
    last (a job, a date or a picture credit printed under the name is no part of it); the
    element's whole text as trafilatura reads it (`found`) when no line names anyone. The
    lines are read as printed: trafilatura's reading puts every word in capitals, and a
    sentence's line ("stated on December 13") would pass for a name."""
    lines = _lines(el)
    if len(lines) > 1:
        for group in ([ln for ln in lines if not ENDS_IN_JOB.search(ln)], lines):
            names = [n for line in group for n in split_names(_writers_credit(line) or "", sites, strict=True)]
            if names:
                return names
    # (trafilatura parts the names with ";": the outlet beside them is one part)
    return [n for raw in without_outlets(found.split(";")) for n in split_names(raw, sites, strict=True)]


def _lines(el: HtmlElement) -> list[str]:
    """A byline element's lines as printed (blocks and <br>s break them; an avatar does
    not: "<img> Jane Roe <img> John Doe" is one run of names)."""
    copy = deepcopy(el)
    lxml.etree.strip_elements(copy, "img", "picture", "svg", with_tail=False)
    return _text_blocks(copy)
