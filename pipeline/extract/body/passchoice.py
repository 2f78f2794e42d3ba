"""Which of trafilatura's passes is the article: the main pass's result read for
reasons to run the comparison pass (`_read_main`), and the tests that decide whether
the comparison pass's text, or the part both agree on, replaces it (`_choose_pass`).
A fallback pass may replace or extend the result only with prose, never with menus
or link lists."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lxml.html import HtmlElement

from ..strings import _is_prose, _norm, _weight
from .prose import _blocks_prose, _is_running, _is_sentence, _link_lines, _link_share, _page_prose, _prose_weight, _text_blocks
from .searched import SearchedText
from .textsim import containment as _containment
from .textsim import shingles as _shingles

_SHORT_TEXT = 1500  # a few paragraphs; the frame check costs ~3 ms, the comparison pass 2-5x the main pass


def _article_frame(tree: HtmlElement) -> HtmlElement | None:
    """The element trafilatura's main pass reads first: the first match of the first of
    its article-frame expressions that matches the page (None when none does)."""
    try:
        from trafilatura.xpaths import BODY_XPATH
    except ImportError:  # a trafilatura without the module: assume none matched
        return None
    for expr in BODY_XPATH:
        hit = next((s for s in expr(tree) if s is not None), None)
        if hit is not None:
            return hit
    return None


def _has_article_frame(tree: HtmlElement) -> bool:
    """Whether one of trafilatura's article-frame expressions matches the page (when
    none does, its main pass keeps only loose paragraphs)."""
    return _article_frame(tree) is not None


def _completes(fast: str, full: str, anchors: list[str] | None = None) -> bool:
    """Whether `full` is `fast` with more of the same story: it keeps (nearly) all of
    `fast`, grows it at most sixfold, and what it adds is mostly running prose (long
    lines ending a sentence, not mostly the text of the page's links `anchors`), not
    sign-up forms, menus, listings or other stories; and it prints no line twice (a
    story does not, a widget rendered for two screens does)."""
    if full == fast or len(full) > 6 * len(fast) or _containment(_shingles(fast), _shingles(full)) < 0.8:
        return False
    kept = set(fast.split("\n"))
    added = [ln for ln in full.split("\n") if ln not in kept]
    long_lines = [ln for ln in added if _weight(ln) >= 40]
    if len(set(long_lines)) < len(long_lines):
        return False
    total = sum(len(ln) for ln in added)
    prose = sum(len(ln) for ln in added if _is_running(ln, anchors or []))
    return total > 0 and prose >= 0.6 * total


def _from_frame(full: str, frame_blocks: list[str]) -> bool:
    """Whether `full` is mostly (80% of it) text of the article frame's blocks `frame_blocks`:
    the frame's story, not the next stories or the site's pages around it."""
    return _containment(_shingles(full), _shingles(" ".join(frame_blocks))) >= 0.8


def _little_paragraph_prose(tree: HtmlElement, below: float) -> bool:
    """Whether the running prose in the page's <p> elements (what the main pass reads)
    weighs less than `below` (read only until it does not)."""
    total = 0
    for p in tree.iter("p"):
        t = " ".join(p.text_content().split())
        if _is_prose(t):
            total += _weight(t)
            if total >= below:
                return False
    return True


def _blind(tree: HtmlElement, full: str, anchors: list[str]) -> bool:
    """Whether the main pass read the page blind and the comparison pass found a story:
    no article frame and almost no prose in <p>s (a page of <div>s and <br> lines, where
    the main pass keeps the whole page's text), and the comparison pass's text at least
    40% running prose (a story with a list or short quotes in it is not much more than
    half). Then its cut is trafilatura's own judgement, as bare trafilatura takes it."""
    prose = _prose_weight(full, anchors)
    return prose >= 0.4 * _weight(full) and _little_paragraph_prose(tree, 0.2 * prose) and not _has_article_frame(tree)


def _story_of(glued: str, full: str, anchors: list[str]) -> bool:
    """Whether `full` is the story in the blocks of a glued result: a part of them (90%
    of its weight in lines they hold, `_agreed`: the comparison pass may keep them in
    another order), at least 40% sentences (lines of five words or more that end one,
    not mostly link text: a brief's paragraphs are short), and holding the blocks' first
    sentence, where the story opens under its headline and byline (an author box after
    the story is sentences too, but not the story)."""
    opening = next((ln for ln in glued.split("\n") if _is_sentence(ln, anchors)), None)
    return (
        opening is not None
        and _containment(_shingles(opening), _shingles(full)) >= 0.5
        and _weight(_agreed(glued, full)) >= 0.9 * _weight(full)
        and sum(_weight(ln) for ln in full.split("\n") if _is_sentence(ln, anchors)) >= 0.4 * _weight(full)
    )


def _cuts(fast: str, full: str) -> bool:
    """Whether `full` is a part of `fast` (90% of it found there) and at most half of it."""
    return _weight(full) <= 0.5 * _weight(fast) and _containment(_shingles(full), _shingles(fast)) >= 0.9


_MOSTLY = 0.5  # share of a result's text


def _mostly_cards(text: str, cards: frozenset[str]) -> bool:
    """Whether most of a result's text (by `_weight`) is lines of cards of other stories."""
    if not cards:
        return False
    lines = text.split("\n")
    return sum(_weight(ln) for ln in lines if _norm(ln) in cards) >= _MOSTLY * _weight(text)


def _without_card_lines(text: str, cards: frozenset[str]) -> str:
    """A result without its lines of cards of other stories (what the cleanup leaves)."""
    return "\n".join(ln for ln in text.split("\n") if _norm(ln) not in cards)


def _cards_without_story(text: str, cards: frozenset[str], min_chars: int, anchors: Callable[[], list[str]]) -> bool:
    """Whether a pass's text is mostly a box of cards of other stories and, without
    them, holds no story (less than a story's length, or no line of running prose):
    around a brief the box outweighs the story, and a pass takes it instead."""
    if not _mostly_cards(text, cards):
        return False
    rest = _without_card_lines(text, cards)
    return _weight(rest) < min_chars or _no_story(rest, anchors)


def _in_cards(line: str, cards: frozenset[str]) -> bool:
    """Whether a line is a card's text or a part of one (an excerpt printed as its own
    line under the card's heading): `cards` are the normalised texts of the page's cards
    of other stories (`blocks.card_excerpts`)."""
    n = _norm(line)
    return len(n) >= 40 and any(n in card for card in cards)


def _trimmed_off(fast: str, full: str, anchors: list[str], cards: frozenset[str] = frozenset()) -> tuple[str, str] | None:
    """What `full` cuts off `fast`, and the story it leaves, when `full` is `fast` with
    its head and tail cut off and those are mostly not running prose (at most a
    tenth of `fast`'s: an author box's bio among its links may be; a cut story's
    opening paragraph is more); None otherwise. What it takes is the comparison pass's
    own judgement, bare trafilatura's result. Nothing inside the story is cut: the story
    is `full` where it holds every line between, else `fast`'s lines from the first one
    `full` holds to the last (a box or a list of deals between the paragraphs, which the
    comparison pass leaves out, stays). A line the comparison pass printed in pieces,
    broken at its links, is held by its words."""
    have = _shingles(full)
    if _containment(have, _shingles(fast)) < 0.9:
        return None
    lines = fast.split("\n")
    same = set(full.split("\n"))
    held = [ln in same for ln in lines]
    rest = have - _shingles("\n".join(ln for ln, k in zip(lines, held) if k))  # words of no line held
    for i, ln in enumerate(lines):
        if not held[i] and (sh := _shingles(ln)) and _containment(sh, rest) >= 0.9:
            held[i], rest = True, rest - sh
    at = [i for i, k in enumerate(held) if k]
    if not at or at[-1] - at[0] + 1 == len(lines):
        return None
    cut = "\n".join(lines[: at[0]] + lines[at[-1] + 1 :])
    prose = _prose_weight("\n".join(ln for ln in cut.split("\n") if not _in_cards(ln, cards)) if cards else cut, anchors)
    if prose > 0.3 * _weight(cut) or prose > 0.1 * _prose_weight(fast, anchors):
        return None
    return cut, full if all(held[at[0] : at[-1] + 1]) else "\n".join(lines[at[0] : at[-1] + 1])


def _part_of(full: str, fast: str) -> bool:
    """Whether `fast` holds `full` (90% of it): by its shingles, or by its lines where
    `fast` prints them apart (an "Advertisement" line between two paragraphs, a
    teaser's link the comparison pass ran into the line before: the shingles across
    the break are then missing, a few in each paragraph, 0.1 of a brief's)."""
    return _containment(_shingles(full), _shingles(fast)) >= 0.9 or _weight(_agreed(fast, full)) >= 0.9 * _weight(full)


def _left_out(fast: str, full: str) -> str:
    """The lines of `fast` that `full` does not have (by shingles: the passes may split
    or join a paragraph differently)."""
    have = _shingles(full)
    return "\n".join(ln for ln in fast.split("\n") if _containment(_shingles(ln), have) < 0.5)


def _agreed(fast: str, full: str) -> str:
    """The lines of `full` that `fast` holds too (by shingles; a line too short for one
    by its text): what both passes took for the page's text. On a page read blind the
    main pass keeps the menus with the story, the comparison pass the story with a
    sign-up form it alone takes for text."""
    have = _shingles(fast)
    held = SearchedText(fast)  # a page of thousands of short lines searches it at each
    return "\n".join(
        ln for ln in full.split("\n")
        if (_containment(sh, have) >= 0.5 if (sh := _shingles(ln)) else held.find(ln.strip()) >= 0)
    )


def _site_links(cut: str, own: set[str], out: set[str]) -> bool:
    """Whether a cut head and tail are the site's own links (its menus, its other
    stories): a good part of them lines of links to the site (texts `own`), few of links
    out (`out`). A deals post's list of shops links out; a list of products is not links
    at all."""

    def share(texts: set[str]) -> int:
        ordered = sorted((t for t in texts if len(t) >= 2), key=len, reverse=True)[:400]
        return sum(_weight(ln) for ln in cut.split("\n") if _link_share(ln, ordered) >= 0.5)

    total = _weight(cut)
    return share(own) >= 0.4 * total and share(out) <= 0.1 * total


def _outweighs(fast: str, full: str, anchors: list[str]) -> bool:
    """Whether `full`, another text than `fast`, is the story `fast` missed: the main
    pass may settle on a comment or an author box, while the comparison pass finds a
    text of mostly running prose, a story's length of it and at least twice as much as
    `fast` has (a menu or a sign-up form is not prose; a few cards of other stories
    under a short story are not a story's length)."""
    prose = _prose_weight(full, anchors)
    return prose >= max(2 * _prose_weight(fast, anchors), _SHORT_TEXT) and prose >= 0.6 * _weight(full)


def _prose_only(kept: str | None, extra: str, anchors: list[str]) -> str:
    """`extra` without what is not running prose, except lines `kept` already has: a
    prose line is long, ends a sentence, and is not mostly link text (`anchors`: menus,
    link lists and teasers of other stories are)."""
    have = set((kept or "").split("\n"))
    out = [
        ln for ln in extra.split("\n")
        if ln in have or _is_running(ln, anchors)
    ]
    return "\n".join(out)


def _no_story(main: str, anchors: Callable[[], list[str]]) -> bool:
    """Whether a result is no story at all: not one line of running prose, and mostly
    lines of the page's link texts (a menu, a list of other stories, a headline): around
    a brief of a few paragraphs the main pass may find only the site."""
    return not any(map(_is_prose, main.split("\n"))) and _link_lines(main, anchors()) >= 0.5 * _weight(main)


@dataclass
class _MainReading:
    """The main pass's result and what the page says of it, read once: each flag is a
    reason to run the comparison pass, which costs 2-5x the main pass."""

    text: str
    total: int  # weight of the result
    short: bool  # a few paragraphs
    # short and loose (no article frame), or in a frame while the page's blocks of text
    # hold twice the result's prose: the rest of its story may complete it
    completable: bool
    menus: bool  # less than half of it in long lines that end a sentence
    links: bool  # a tenth of it lines of link text: menus or link lists around the story
    blind: bool  # read blind (no frame, little prose in <p>s), a tenth of it no prose
    grown: bool  # read blind, and the page prints 1.5 times the result's prose
    cut_short: bool  # its frame's blocks hold twice the result's prose (a story in <br> lines)
    glued: bool  # one line of the page's blocks run together: trafilatura's last resort
    quoted: bool  # read blind, and all of it the page's <blockquote>s: its quotes, embeds
    frame_blocks: list[str]
    anchors: Callable[[], list[str]]  # texts of the page's links, read when needed

    @property
    def second_pass(self) -> bool:
        return (self.completable or self.menus or self.links or self.blind or self.grown or self.cut_short
                or self.glued or self.quoted)


def _read_main(tree: HtmlElement, main: str, anchors: Callable[[], list[str]], glued: bool = False) -> _MainReading:
    """A result of the main pass, read for what the comparison pass may do about it.

    A short result: where trafilatura found no article frame it is its loose <p>s only
    (a story laid out as spans in divs loses all but its summary box and pull quotes),
    and where the frame it found holds another block than the story (a comment thread,
    an author box) it is that block; in a frame, the comparison pass runs only when the
    page's paragraphs hold far more prose than the result. A result that is mostly short
    lines holds the site's menus and widgets around the story. A page the main pass
    reads blind (no frame, hardly any prose in <p>s: <div>s and <br> lines) keeps the
    text around the story, or a part of it when the page prints far more prose than it
    kept; and a frame printing its story in <br> lines may hold far more prose than the
    main pass kept of it (a gift guide's product names, not what it says of them)."""
    total, prose = _weight(main), _prose_weight(main, [])
    short = total < _SHORT_TEXT
    little = _little_paragraph_prose(tree, 0.2 * prose)
    frame = _article_frame(tree) if short or little else None  # read once: ~3 ms
    completable = short and (frame is None or _page_prose(tree) >= 2 * total)
    menus = prose < 0.5 * total
    links = False
    if not (completable or menus) and total - prose >= 0.1 * total:
        links = _link_lines(main, anchors()) >= 0.1 * total
    read_blind = little and frame is None
    quoted = read_blind and _quotes_only(tree, main)
    frame_blocks = _text_blocks(frame) if little and frame is not None else []
    return _MainReading(
        text=main, total=total, short=short, completable=completable, menus=menus, links=links,
        blind=read_blind and total - prose >= 0.1 * total,
        grown=read_blind and _page_prose(tree) >= 1.5 * total,
        cut_short=_blocks_prose(frame_blocks) >= 2 * max(prose, 1),
        frame_blocks=frame_blocks, anchors=anchors, glued=glued, quoted=quoted,
    )


def _quotes_only(tree: HtmlElement, main: str) -> bool:
    """Whether `main` is all (90%) text of the page's <blockquote>s: on a page with no
    frame and no <p>s trafilatura's main pass keeps the quote elements alone (readers'
    reviews, embedded posts, pull quotes) and none of the story around them."""
    quotes = [q.text_content() for q in tree.iter("blockquote")]
    return bool(quotes) and _containment(_shingles(main), _shingles(" ".join(quotes))) >= 0.9


def _choose_pass(
    m: _MainReading, full: str | None, tree: HtmlElement, page_links: tuple[set[str], set[str]], min_chars: int,
    cards: frozenset[str] = frozenset(),
) -> tuple[str, str] | None:
    """The text and method name when the comparison pass's text `full` (or the part of
    it the main pass agrees with) replaces the main pass's result, None when the result
    stands. In order: the rest of the story; the story, far more running prose than the
    result; the story alone, a part of the result cut from the menus, the lines both
    passes agree on, or the result without the link lines at its head and tail; on a
    page read blind, a part of the result, the story around the quotes it kept alone,
    the frame's story, or more running prose than the result."""
    main = m.text
    if not full or full == main or _cards_without_story(full, cards, min_chars, m.anchors):
        return None  # the comparison pass read a box of other stories' cards, not the story
    anchors = m.anchors()
    if m.glued and _story_of(main, full, anchors):
        return full, "trafilatura-unglued"  # the story, cut from the <article>'s text the main pass glued
    if (m.completable or m.grown) and _completes(main, full, anchors):
        return full, "trafilatura-fallback"
    if (m.short or m.menus) and _outweighs(main, full, anchors):
        return full, "trafilatura-replaced"
    if m.menus and len(full) >= min_chars and _cuts(main, full) \
            and (_site_links(_left_out(main, full), *page_links) or _blind(tree, full, anchors)):
        return full, "trafilatura-cut"
    # the lines both hold come in the comparison pass's order: each is the result's, so
    # only their weight is measured (a part-of test by shingles counts the words across
    # lines the main pass printed apart as missing); they keep at least half of the
    # comparison pass's prose (a form's, printed twice, may go; not most of a story the
    # main pass kept only the start of)
    if m.menus and m.blind and (agreed := _agreed(main, full)) != full and len(agreed) >= min_chars \
            and _weight(agreed) <= 0.5 * m.total and _blind(tree, agreed, anchors) \
            and 2 * _prose_weight(agreed, anchors) >= _prose_weight(full, anchors):
        return agreed, "trafilatura-agreed"  # the story both passes read, without the menus or a form
    # the result with its head and tail of links cut off, also where it is mostly menus
    # but its story, holding short lines (a timetable, subheadings), is more than half
    # of it (the menus cut above needs less); on a page read blind the lines between may
    # be the page's widgets, which the rules below cut: there the story is the
    # comparison pass's own, or none
    if (m.links or m.menus) and (trim := _trimmed_off(main, full, anchors, cards)) is not None and _site_links(trim[0], *page_links) \
            and (trim[1] == full or not m.blind):
        return trim[1], "trafilatura-trimmed"
    if m.blind and len(full) >= min_chars and _weight(full) < m.total and _part_of(full, main) \
            and _blind(tree, full, anchors):
        return full, "trafilatura-cut"
    if m.quoted and _weight(full) > m.total and _containment(_shingles(main), _shingles(full)) >= 0.8 \
            and _blind(tree, full, anchors):
        return full, "trafilatura-unquoted"  # the story around the quotes the main pass kept alone
    if m.cut_short and _outweighs(main, full, anchors) and _from_frame(full, m.frame_blocks):
        return full, "trafilatura-frame"  # the frame's story, which the main pass kept a part of
    if m.blind and _prose_weight(full, anchors) > _prose_weight(main, anchors) and _blind(tree, full, anchors):
        # read blind, the main pass kept another part of the page than the story (a
        # sidebar, the story's first lines and the menus): trafilatura's own choice,
        # more running prose, is taken as bare trafilatura takes it
        return full, "trafilatura-blind"
    return None
