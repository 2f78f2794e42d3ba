"""Stated authors the page credits only for its pictures: the photographer, not a writer."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

# the role of a credit that names who made the pictures, at the end of the text before "by"
# ("Photography by", "Photos by", "Styled by"); "Text and photos by" credits the writer too
_PICTURES_ROLE = re.compile(
    r"(?i)(?<!\band\s)(?<!&\s)\b(?:photograph(?:y|s)?|photos?|pictures|illustrations?|styl(?:ed|ing))\s+$"
)
_BY = r"\bby\s+"


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
        roles = [_PICTURES_ROLE.search(text[max(0, m.start() - 30): m.start()]) is not None
                 for m in re.finditer(_BY + re.escape(name) + r"\b", text)]
        if not (roles and all(roles)):
            keep.append(name)
    return keep or stated[:1]
