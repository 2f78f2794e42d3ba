"""Stated authors the page credits only for its pictures: the photographer, not a writer."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

# the role of a credit that names who made the pictures, at the end of the text before "by"
# ("Photography by", "Photos by", "Styled by"); "Text and photos by" credits the writer too
_PICTURES_ROLE = re.compile(
    r"(?i)(?<!\band\s)(?<!&\s)\b(?:photograph(?:y|s)?|photos?|pictures|illustrations?|styl(?:ed|ing))\s+$"
)
_WORD_CHAR = re.compile(r"\w")


def _credits_by(text: str, name: str) -> list[int]:
    """Where "by <name>" opens at a word's start in `text` (the start of "by", matches
    apart), as the pattern word boundary, "by", spaces, the name, word boundary finds it.
    The pattern is searched without its leading boundary, so that re skips ahead to its
    literal "by" (25 times faster over a page's whole text, which a JSON state makes
    megabytes long), and the boundary is checked at each match."""
    pattern = re.compile(r"by\s+" + re.escape(name) + r"\b")
    out: list[int] = []
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        at = m.start()
        if at and _WORD_CHAR.match(text, at - 1):
            pos = at + 1  # "Abby Roe": no "by" of its own; the next match may start inside
            continue
        out.append(at)
        pos = m.end()
    return out


def without_picture_credits(tree: HtmlElement, stated: list[str]) -> list[str]:
    """The stated authors (JSON-LD, meta tags) without those whom the page text credits
    for the pictures alone ("Photography by Whitney Hayes" under "By Shamira Ibrahim",
    both listed as the article's authors, as Condé Nast pages list them): someone also
    credited otherwise ("By X", "Text and photos by X") stays, and so does the last one
    left."""
    if len(stated) < 2:
        return stated
    text = " ".join(" ".join(tree.itertext()).split())
    keep = []
    for name in stated:
        roles = [_PICTURES_ROLE.search(text[max(0, at - 30): at]) is not None for at in _credits_by(text, name)]
        if not (roles and all(roles)):
            keep.append(name)
    return keep or stated[:1]
