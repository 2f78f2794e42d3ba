"""Per-outlet extraction profiles (declared in config/sources.yaml, model in
pipeline.config.ExtractionProfile): selectors for body, drop, title, date, author.

A profile only speaks where it is given a selector that matches the page; every
other part, and every part whose selector matches nothing (a layout change the
profile's valid_until did not foresee), falls to the general rules.
"""

from __future__ import annotations

import re
from copy import deepcopy
from typing import TYPE_CHECKING

import lxml.etree
from lxml.html import HtmlElement

from ..selectors import compile_selector
from .body.prose import _text_blocks

if TYPE_CHECKING:
    from ..config import ExtractionProfile

_WS = re.compile(r"\s+")
def select(tree: HtmlElement, selectors: list[str]) -> list[HtmlElement]:
    """Elements matched by the first selector that matches anything, page order."""
    for sel in selectors:
        try:
            hits = compile_selector(sel)(tree)
        except (ValueError, lxml.etree.XPathError):
            continue  # validated with the configuration; a page cannot make it fail, but never sink one
        found = [el for el in (hits if isinstance(hits, list) else []) if isinstance(el, HtmlElement)]
        if found:
            return found
    return []


def drop(tree: HtmlElement, profile: ExtractionProfile | None) -> HtmlElement:
    """The page without the profile's `drop` elements (a copy; the page if none match)."""
    if profile is None or not profile.drop:
        return tree
    if not select(tree, profile.drop):
        return tree
    copy = deepcopy(tree)
    for sel in profile.drop:
        for el in select(copy, [sel]):
            if el.getparent() is not None:
                el.drop_tree()
    return copy


_BLOCKS = ("p", "h2", "h3", "h4", "h5", "li", "blockquote", "pre", "figcaption", "td")


def text_lines(el: HtmlElement) -> list[str]:
    """An element's text, one line per block (paragraph, heading, list item); where
    those blocks hold less than half of what the element prints, its lines as printed
    (`_text_blocks`: broken at <br>s and blocks). A layout that drifted under the
    profile (its paragraphs now <br> lines or loose text in the container) otherwise
    left a caption or the standfirst as the whole story."""

    def nested(b: HtmlElement) -> bool:
        p = b.getparent()
        while p is not None and p is not el:
            if p.tag in _BLOCKS:
                return True
            p = p.getparent()
        return False

    blocks = [b for b in el.iter(*_BLOCKS) if b is not el and not nested(b)]
    out = []
    for b in blocks:
        t = _WS.sub(" ", b.text_content()).strip()
        if t:
            out.append(t)
    printed = _text_blocks(el)
    if 2 * sum(map(len, out)) < sum(map(len, printed)):
        headlines = {_WS.sub(" ", h.text_content()).strip() for h in el.iter("h1")}  # not blocks of the body either
        return [t for t in printed if t not in headlines]
    return out


def body_text(tree: HtmlElement, profile: ExtractionProfile | None) -> str | None:
    if profile is None or not profile.body:
        return None
    lines: list[str] = []
    for el in select(tree, profile.body):
        lines += text_lines(el)
    return "\n".join(lines) or None


def first_text(tree: HtmlElement, selectors: list[str]) -> str | None:
    for el in select(tree, selectors):
        t = _WS.sub(" ", el.text_content()).strip()
        if t:
            return t
    return None


def date_value(tree: HtmlElement, profile: ExtractionProfile | None) -> str | None:
    """The raw date the profile points at: a datetime/content attribute, else the text."""
    if profile is None or not profile.date:
        return None
    for el in select(tree, profile.date):
        for attr in ("datetime", "content", "data-date", "title"):
            if el.get(attr):
                return el.get(attr)
        t = _WS.sub(" ", el.text_content()).strip()
        m = _DATE_PART.search(t)
        if m:
            return m.group(0)
    return None


# the date in a dateline that carries more ("2024年04月24日23:52 | 来源：新华网", "14.05.2025, 20:28")
_DATE_PART = re.compile(
    r"\d{4}年\d{1,2}月\d{1,2}日\s*(?:\d{1,2}:\d\d)?|\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d)?(?:Z|[+-]\d\d:?\d\d)?)?"
    r"|\d{1,2}\.\d{1,2}\.\d{4}(?:,?\s*\d{1,2}:\d\d)?|\d{1,2}\s+[^\W\d_]+\s+\d{4}(?:,?\s*\d{1,2}:\d\d)?"
)


def author_texts(tree: HtmlElement, profile: ExtractionProfile | None) -> list[str]:
    if profile is None or not profile.author:
        return []
    return [t for t in (_WS.sub(" ", el.text_content()).strip() for el in select(tree, profile.author)) if t]
