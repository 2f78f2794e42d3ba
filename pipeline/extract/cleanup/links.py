"""Menus, cross-links and cards of other stories in the text: the texts of the
site's links and cards, read from the page, and the runs of them that open or close
the text (a menu, a "More stories" list) or stand inside it (a box of cards)."""

from __future__ import annotations

from lxml.html import HtmlElement

from ...datetimes import written_days
from ..sites import link_texts
from ..strings import _is_prose, _norm, _weight
from .lines import TERMINAL, Drop


def menu_texts(tree: HtmlElement, url: str = "") -> set[str]:
    """Texts of all links to the site's other pages, however short ("News"): a run of
    them opening or closing the text is a menu (`without_menu_runs`). Links out to
    other sites (the shops of a deals post, the sources of a round-up) are what the
    article offers its readers and do not count."""
    return link_texts(tree, url)[0]


def cross_link_texts(menu: set[str], headings: set[str] | frozenset[str] = frozenset()) -> set[str]:
    """Of the texts of links to the site (`menu_texts`), those long enough to be
    cross-links to its other stories: 12 in Latin-letter terms (a Chinese link of four
    characters counts), so a story's short line that is also a link's text stays; and
    none of the story's own section headings (`section_heading_links`)."""
    return {t for t in menu if _weight(t) >= 12 and t not in headings}


_SECTION_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})


def _prose_size(el: HtmlElement) -> int:
    """The length of a `<p>` of running prose that is not mostly the text of its links
    (an excerpt of the story's own, not a list of cross-links); 0 for any other element."""
    if el.tag != "p":
        return 0
    text = el.text_content()
    linked = sum(len(a.text_content()) for a in el.iter("a"))
    return len(text) if _is_prose(" ".join(text.split())) and linked * 2 < len(text) else 0


def _whole_link(h: HtmlElement) -> str:
    """The normalised text of a heading that is one link and nothing else, or ""."""
    links = list(h.iter("a"))
    t = _norm(h.text_content())
    return t if len(links) == 1 and t and _norm(links[0].text_content()) == t else ""


def section_heading_links(tree: HtmlElement) -> set[str]:
    """Texts of links that are the whole of a heading of the story's own sections: a
    round-up names each bar, product or place it writes about by a link to the site's
    page on it (`<h2><a href="/tag/boundary-stone">Boundary Stone</a></h2>`), and those
    headings are the story's, not cross-links. They stand in the story's flow, as
    siblings of its paragraphs: prose before the first of them (the story's opening),
    and at least half of the prose among them under them. A card of another story holds
    its headline and excerpt alone; a "More reviews to read" box of linked headings
    closing a review holds a small part of its prose."""
    groups: dict[HtmlElement, dict[HtmlElement, str]] = {}  # parent -> its linked headings and their texts
    for h in tree.iter(*_SECTION_TAGS):
        if (parent := h.getparent()) is not None and (t := _whole_link(h)):
            groups.setdefault(parent, {})[h] = t
    out: set[str] = set()
    for parent, heads in groups.items():
        level = min(h.tag for h in heads)  # "h2" < "h3": the sections' level
        opening = under = total = 0
        inside = None  # None: before the first linked heading
        for el in parent:
            if el in heads:
                inside = True
            elif el.tag in _SECTION_TAGS and el.tag <= level and inside is not None:
                inside = False  # another section of the story, none of theirs
            elif size := _prose_size(el):
                total += size
                under += size if inside else 0
                opening += size if inside is None else 0
        if opening and under * 2 >= total:
            out.update(heads.values())
    return out


_MENU_RUN = 5  # lines: a menu, not a story's one or two linked lines


_GLUED_MAX = 400  # characters of a line read as a menu printed in one line


def _glued_links(line: str, menu: set[str] | frozenset[str]) -> int:
    """How many texts of links to the site a line is, end to end and nothing else (an
    old template's menu cell, "| ПолитикаЭкономикаСпорт |", its links printed glued or
    spaced), or 0: the fewest links that spell it, each a whole link's text."""
    target = "".join(_norm(line).split())
    if not target or len(line) > _GLUED_MAX:
        return 0
    texts = {t for t in ("".join(m.split()) for m in menu) if len(t) >= 2}  # (an A-Z index's letters spell words)
    best = [0] + [-1] * len(target)  # links spelling target[:i], -1: none do
    for i in range(len(target)):
        if best[i] < 0:
            continue
        for t in texts:
            if target.startswith(t, i) and (best[i + len(t)] < 0 or best[i + len(t)] > best[i] + 1):
                best[i + len(t)] = best[i] + 1
    return max(best[-1], 0)


def without_menu_runs(lines: list[str], menu: set[str] | frozenset[str], drop: Drop) -> list[str]:
    def run(seq: list[str]) -> int:
        """Lines opening `seq` that are links' texts, and how many links they print (a
        line may be a whole menu glued, `_glued_links`)."""
        n = links = 0
        while n < len(seq) and seq[n].rstrip()[-1:] not in TERMINAL:
            k = 1 if _norm(seq[n]) in menu else _glued_links(seq[n], menu)
            if k < 1 or k == 1 and _norm(seq[n]) not in menu:
                break
            n, links = n + 1, links + k
        return n if links >= _MENU_RUN else 0

    head = run(lines)
    if head and head < len(lines):
        for p in lines[:head]:
            drop("menu of the site's links", p)
        lines = lines[head:]
    tail = run(lines[::-1])
    if tail and tail < len(lines):
        for p in lines[len(lines) - tail:]:
            drop("menu of the site's links", p)
        lines = lines[: len(lines) - tail]
    return lines


_CARD_RUN = 3  # excerpts of cards in a row inside the text: a box of other stories
_EXCERPT_MAX = 300  # characters of a card's excerpt under its dated headline


def _dated_link(line: str, menu: set[str] | frozenset[str]) -> bool:
    """Whether a line is a dated headline of another story: the text of a link to the
    site (20 or more in `_weight`) with a date or time before or after it and nothing else
    ("05.03.2024В городе открылся каток", the date glued to the link)."""
    n = _norm(line)
    if not n or not any(c.isdigit() for c in n):
        return False
    for t in menu:
        if len(t) < len(n) and _weight(t) >= 20 and (n.endswith(t) or n.startswith(t)):
            rest = n[: len(n) - len(t)] if n.endswith(t) else n[len(t):]
            if any(c.isdigit() for c in rest) and (not any(c.isalpha() for c in rest) or written_days(rest, 1)):
                return True
    return False


def without_dated_link_cards(out: list[str], menu: set[str] | frozenset[str], drop: Drop) -> list[str]:
    """The text without a list of other stories closing it whose cards have no heading:
    three or more dated headlines that are links to the site, each with at most one line
    of excerpt under it (Bitrix's news list, the default of many Russian regional sites:
    `<p><span>05.03.2024</span><a><b>Headline</b></a><br>Excerpt</p>`). The first line
    always stays; a story's own list (a round-up's items) prints no date before each."""
    start, cards = len(out), 0
    while start > 1:
        if _dated_link(out[start - 1], menu):
            start, cards = start - 1, cards + 1
        elif start > 2 and len(out[start - 1]) <= _EXCERPT_MAX and _dated_link(out[start - 2], menu):
            start, cards = start - 2, cards + 1
        else:
            break
    if cards < _CARD_RUN:
        return out
    for p in out[start:]:
        drop("dated headlines of other stories closing the text", p)
    return out[:start]


def without_card_runs(out: list[str], cards: frozenset[str] | set[str], drop: Drop) -> list[str]:
    """The text without runs of excerpts of cards of other stories: two or more closing
    it ("Recent", "Popular" lists of <div>s: their headlines went as links to the site,
    their excerpts stay behind; the first line always stays), then three or more inside
    it or two opening it: a "More stories" box between the story and a line that closes
    it (a credit, a correction) is not the text's end; a rail of cards above the story is
    the closing list's mirror."""
    tail = 0
    while tail < len(out) - 1 and _norm(out[len(out) - 1 - tail]) in cards:
        tail += 1
    if tail >= 2:
        for p in out[len(out) - tail:]:
            drop("excerpts of cards of other stories closing the text", p)
        out = out[: len(out) - tail]
    keep: list[str] = []
    run: list[str] = []
    for p in [*out, ""]:
        if p and _norm(p) in cards:
            run.append(p)
            continue
        if len(run) >= _CARD_RUN or len(run) >= 2 and not keep and p:
            # (two opening the text, above the story, are a rail of them as two closing it are a list)
            for q in run:
                drop("run of excerpts of cards of other stories", q)
        else:
            keep.extend(run)
        run = []
        if p:
            keep.append(p)
    return keep
