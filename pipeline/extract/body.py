"""Body choice: trafilatura's passes, the page state, the JSON-LD body; which one wins."""

from __future__ import annotations

import copy
import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import lxml.etree
from lxml.html import HtmlElement

from ..config import ExtractSettings
from .authors.bylines import byline_names
from .blocks import card_excerpts, teaser_texts
from .cleanup import (
    _caption_texts,
    _dedup_paragraphs,
    _link_texts,
    clean_body,
    stated_authors,
)
from .jsonld import PageMeta, text_of
from .sections import restore_between, restore_tails
from .sites import link_texts
from .statebody import state_body
from .strings import _CJK, _SENTENCE_END, INLINE, NOT_SHOWN, _html_fragment_text, _is_prose, _norm, _paragraphs, _weight
from .textsim import containment as _containment
from .textsim import shingles as _shingles
from .timing import _tick

LOG = logging.getLogger(__name__)


# ---------------------------------------------------------------- body


@lru_cache(maxsize=1)
def _cjk_config() -> Any:
    """trafilatura's settings with its size thresholds in Latin-letter terms for a page
    in Chinese, Japanese or Korean (`_weight`: a character carries about three letters'
    worth). At its 250 characters a short Chinese story is "too short" for the main
    pass, and trafilatura falls back to the whole article block as one line, with the
    headline and byline in it."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", str(250 // 3))
    return config


def _cjk_page(tree: HtmlElement) -> bool:
    """A page in Chinese, Japanese or Korean: so declared, or its <title> mostly in
    those scripts (People's Daily declares no language)."""
    lang = (tree.get("lang") or "").lower()
    if lang[:2] in ("zh", "ja", "ko"):
        return True
    title = tree.find(".//title")
    text = "".join((title.text_content() if title is not None else "").split())
    return len(text) >= 4 and len(_CJK.findall(text)) * 2 >= len(text)


def _trafilatura_text(
    tree: HtmlElement, url: str, *, precision: bool, recall: bool, fast: bool, blocks: Callable[[], str]
) -> str | None:
    from trafilatura import bare_extraction
    from trafilatura.settings import DEFAULT_CONFIG

    doc = bare_extraction(
        tree,
        url=url,
        config=_cjk_config() if _cjk_page(tree) else DEFAULT_CONFIG,
        fast=fast,
        favor_precision=precision,
        favor_recall=recall,
        include_comments=False,
        include_tables=True,
        # trafilatura's own deduplication counts blocks across pages (and across its
        # fallback passes, discarding whole single-block articles); we drop repeated
        # paragraphs within the page instead, so a result never depends on history
        deduplicate=False,
        with_metadata=False,
    )
    text = getattr(doc, "text", None)
    return _paragraphs(_rejoin(text, blocks)) if text else None


_GLUED = tuple(",.;:!?)")


def _printed_blocks(tree: HtmlElement) -> Callable[[], str]:
    """The page's blocks of text (`_text_blocks`), one a line, read on the first call."""
    return lru_cache(maxsize=1)(lambda: "\n".join(_text_blocks(tree)))


def _rejoin(text: str, blocks: Callable[[], str]) -> str:
    """trafilatura's text with the paragraphs it broke at inline elements whole again.
    Text that sits in a <div> or between <br>s its comparison pass may break at each
    link or <em>, leaving the space beside the break ("the subject of \npersistent
    chatter\n."). A break with a space beside it (or before a comma or full stop)
    whose two sides are printed together in one of the page's blocks of text
    (`blocks()`, one a line, read only when a break has a space beside it) is none;
    a <br> or a new block between them is a break."""
    out: list[str] = []
    spaced = False  # the last piece ended with a space
    printed: str | None = None  # the blocks without their spaces, read on the first break
    for raw in text.split("\n"):
        ln = " ".join(raw.split())
        if not ln:
            spaced = spaced or bool(raw)
            continue
        if out and (spaced or raw[:1].isspace() or ln.startswith(_GLUED)):
            if printed is None:
                printed = blocks().replace(" ", "")
            # compared without spaces: the blocks put one between an inline element and its
            # tail ("Maestro !"), where the line already joined has none
            joined = (out[-1] + ln).replace(" ", "") in printed
        else:
            joined = False
        if joined:
            out[-1] += ln if ln.startswith(_GLUED) else " " + ln
        else:
            out.append(ln)
        spaced = raw[-1:].isspace()
    return "\n".join(out)


def _unglued(text: str | None, blocks: Callable[[], str]) -> list[str] | None:
    """The blocks of text the page prints that a one-line result glues together, or None.
    When its main extractor finds almost nothing (a story of two or three short
    paragraphs), trafilatura falls back to the whole text of the page's <article> as one
    line: the kicker, headline, byline, date, story, tags and share line run on, and no
    line rule can name any of them. A one-line result that is three or more of the
    page's printed blocks in a row (others between them left out, white space aside) is
    read as those blocks."""
    if not text or "\n" in text.strip():
        return None
    line = " ".join(text.split())
    at = [i for i, c in enumerate(line) if c != " "]  # where each printed character sits
    printed = line.replace(" ", "")
    pos, cuts = 0, []
    for block in blocks().split("\n"):
        nb = block.replace(" ", "")
        if nb and printed.startswith(nb, pos):
            pos += len(nb)
            cuts.append(at[pos - 1] + 1)
            if pos == len(printed):
                break
    if pos < len(printed) or len(cuts) < 3:
        return None
    return [line[a:b].strip() for a, b in zip([0, *cuts], cuts)]


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


def _is_running(line: str, anchors: list[str]) -> bool:
    """A prose line that is not mostly the text of the page's links `anchors` (menus,
    link lists and teasers of other stories are)."""
    return _is_prose(line) and (not anchors or _link_share(line, anchors) < 0.5)


def _prose_weight(text: str, anchors: list[str]) -> int:
    """Weight of a text's running prose."""
    return sum(_weight(ln) for ln in text.split("\n") if _is_running(ln, anchors))


def _text_blocks(tree: HtmlElement) -> list[str]:
    """The page's runs of text as a reader sees them, in the order it prints them: a run
    goes on through inline elements and breaks at <br> and at each block's start and
    end. A story printed as <div>s, or as text between <br>s, is paragraphs too; a
    block's text after a nested block (a date after a share bar) comes after it."""
    out: list[str] = []
    run: list[str] = []
    hidden: HtmlElement | None = None  # the element not shown (a script) being walked through

    def flush() -> None:
        text = " ".join(" ".join(run).split())
        if text:
            out.append(text)
        run.clear()

    for event, el in lxml.etree.iterwalk(tree, events=("start", "end")):
        tag = el.tag
        if hidden is not None:
            if event == "end" and el is hidden:
                hidden = None
                run.append(el.tail or "")
            continue
        block = isinstance(tag, str) and tag not in INLINE
        if event == "start":
            if isinstance(tag, str) and tag in NOT_SHOWN:
                hidden = el
            elif isinstance(tag, str):
                if block:
                    flush()
                run.append(el.text or "")
            continue
        if block:
            flush()
        if el is not tree:
            run.append(el.tail or "")
    flush()
    return out


def _page_prose(tree: HtmlElement) -> int:
    """Weight of the running prose in the page's blocks of text, wherever they are."""
    return _blocks_prose(_text_blocks(tree))


def _blocks_prose(blocks: list[str]) -> int:
    return sum(_weight(t) for t in blocks if _is_prose(t))


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


def _is_sentence(line: str, anchors: list[str]) -> bool:
    return len(line.split()) >= 5 and line.endswith(_SENTENCE_END) and _link_share(line, anchors) < 0.5


def _cuts(fast: str, full: str) -> bool:
    """Whether `full` is a part of `fast` (90% of it found there) and at most half of it."""
    return _weight(full) <= 0.5 * _weight(fast) and _containment(_shingles(full), _shingles(fast)) >= 0.9


def _link_lines(text: str, anchors: list[str]) -> int:
    """Weight of a text's lines that are mostly the text of the page's links and not
    running prose (menus, link lists, teasers of other stories)."""
    return sum(_weight(ln) for ln in text.split("\n") if not _is_prose(ln) and _link_share(ln, anchors) >= 0.5)


def _trimmed_off(fast: str, full: str, anchors: list[str]) -> tuple[str, str] | None:
    """What `full` cuts off `fast`, and the story it leaves, when `full` is `fast` with
    its head and tail cut off and those are mostly not running prose (at most a
    twentieth of `fast`'s); None otherwise. Nothing inside the story is cut: the story
    is `full` where it holds every line between, else `fast`'s lines from the first one
    `full` holds to the last (a box or a list of deals between the paragraphs, which the
    comparison pass leaves out, stays). A line the comparison pass printed in pieces,
    broken at its links, is held by its words."""
    lines = fast.split("\n")
    same = set(full.split("\n"))
    held = [ln in same for ln in lines]
    rest = _shingles(full) - _shingles("\n".join(ln for ln, k in zip(lines, held) if k))  # words of no line held
    for i, ln in enumerate(lines):
        if not held[i] and (sh := _shingles(ln)) and _containment(sh, rest) >= 0.9:
            held[i], rest = True, rest - sh
    at = [i for i, k in enumerate(held) if k]
    if not at or at[-1] - at[0] + 1 == len(lines):
        return None
    if _containment(_shingles(full), _shingles(fast)) < 0.9:
        return None
    cut = "\n".join(lines[: at[0]] + lines[at[-1] + 1 :])
    prose = _prose_weight(cut, anchors)
    if prose > 0.3 * _weight(cut) or prose > 0.05 * _prose_weight(fast, anchors):
        return None
    return cut, full if all(held[at[0] : at[-1] + 1]) else "\n".join(lines[at[0] : at[-1] + 1])


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
    return "\n".join(
        ln for ln in full.split("\n")
        if (_containment(sh, have) >= 0.5 if (sh := _shingles(ln)) else ln.strip() in fast)
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


def _link_share(line: str, anchors: list[str]) -> float:
    """Share of a line's text that is the text of links on the page."""
    nl = _norm(line)
    covered = sum(len(a) for a in anchors if a in nl)
    return min(1.0, covered / max(len(nl), 1))


def _anchors(tree: HtmlElement) -> list[str]:
    """Texts of the page's links (normalised, longest first, at most 400)."""
    return sorted({t for t in (_norm(a.text_content()) for a in tree.iter("a")) if len(t) >= 3}, key=len, reverse=True)[:400]


def _page_anchors(tree: HtmlElement) -> Callable[[], list[str]]:
    """The page's link texts (`_anchors`), read on the first call: the passes' tests
    that need them share one reading."""
    return lru_cache(maxsize=1)(lambda: _anchors(tree))


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


def _lost_most(reference: str, result: str) -> bool:
    """Whether `result` keeps less than half of `reference`'s text (by shingles; a
    result at least half as long, which is most pages, is not measured)."""
    if len(result) * 2 >= len(reference):
        return False
    ref = _shingles(reference)
    return sum(ref.values()) >= 20 and _containment(ref, _shingles(result)) < 0.5


# cuts of the text the final guard leaves: the publisher's own body (JSON-LD) and the
# headline's <article> among the next stories name what they keep
_NAMED_CUTS = ("jsonld", "headline-span")

# rules whose removals the final guard counts as named: they cut a block that announces
# itself (a "Sources" heading closing the text and what follows it)
_NAMED_BLOCKS = frozenset({"sources list closing the text", "link to the site's other pages", "menu of the site's links"})


def _unnamed_part(first: str, dropped: list[tuple[str, str]]) -> str:
    """trafilatura's text without the blocks a rule removed by name: the guard weighs
    only what the passes and the line rules lost."""
    named = {line for rule, line in dropped if rule in _NAMED_BLOCKS}
    return "\n".join(ln for ln in first.split("\n") if ln not in named) if named else first


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
    m: _MainReading, full: str | None, tree: HtmlElement, page_links: tuple[set[str], set[str]], min_chars: int
) -> tuple[str, str] | None:
    """The text and method name when the comparison pass's text `full` (or the part of
    it the main pass agrees with) replaces the main pass's result, None when the result
    stands. In order: the rest of the story; the story, far more running prose than the
    result; the story alone, a part of the result cut from the menus, the lines both
    passes agree on, or the result without the link lines at its head and tail; on a
    page read blind, a part of the result, the story around the quotes it kept alone,
    the frame's story, or more running prose than the result."""
    main = m.text
    if not full or full == main:
        return None
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
    # on a page read blind the lines between may be the page's widgets, which the
    # rules below cut: there the story is the comparison pass's own, or none
    if m.links and (trim := _trimmed_off(main, full, anchors)) is not None and _site_links(trim[0], *page_links) \
            and (trim[1] == full or not m.blind):
        return trim[1], "trafilatura-trimmed"
    if m.blind and len(full) >= min_chars and _weight(full) < m.total \
            and _containment(_shingles(full), _shingles(main)) >= 0.9 and _blind(tree, full, anchors):
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


def choose_body(
    tree: HtmlElement,
    url: str,
    pm: PageMeta,
    title: str | None,
    settings: ExtractSettings,
    timings: dict[str, float] | None,
) -> tuple[str | None, str]:
    """The article's text and the method that found it: trafilatura's passes, the story
    in the page's JSON state or JSON-LD, the headline's span, then the cleanup, and a
    final guard that keeps trafilatura's text when all that lost most of it unnamed."""
    t0 = time.perf_counter()
    blocks = _printed_blocks(tree)  # how the page prints its text, read when needed
    page_links = link_texts(tree, url)  # (texts of links to the site, of links out)
    anchors = _page_anchors(tree)  # texts of all its links, read when a test needs them

    def run(fast: bool, precision: bool = False, recall: bool = False) -> tuple[str | None, bool]:
        """A pass's text, and whether it came as one line glued from the page's blocks
        (then read as those blocks, `_unglued`)."""
        text = _trafilatura_text(tree, url, precision=precision, recall=recall, fast=fast, blocks=blocks)
        parts = _unglued(text, blocks)
        return ("\n".join(parts), True) if parts else (text, False)

    if settings.favor_precision or settings.favor_recall:
        main, _ = run(False, settings.favor_precision, settings.favor_recall)
        method = "trafilatura-precision" if settings.favor_precision else "trafilatura-recall"
    else:
        # trafilatura's main extractor alone; its readability/jusText comparison pass
        # replaces good news bodies with worse ones more often than it rescues them,
        # so it runs only when the main pass finds (almost) nothing or its result gives
        # a reason (`_read_main`), and is taken only as `_choose_pass` says
        main, glued = run(True)
        method = "trafilatura-fast"
        if not main or len(main) < settings.min_text_chars or _no_story(main, anchors):
            # the comparison pass may add only prose: on a page whose story is a few
            # lines it otherwise returns the site's menu or a listing as the body
            full, _ = run(False)
            if full and full != main:
                main, method = _prose_only(main, full, anchors()), "trafilatura"
        else:
            reading = _read_main(tree, main, anchors, glued)
            if reading.second_pass:
                full, _ = run(False)
                taken = _choose_pass(reading, full, tree, page_links, settings.min_text_chars)
                if full and taken:
                    main, method = taken
    first = main  # trafilatura's own result: the reference the final guard compares with
    if main:
        # the story may go on in the page's JSON state past what the HTML renders
        state = state_body(tree, main)
        if state:
            main, method = state, method + "+state"
    t0 = _tick(timings, "body", t0)
    ld = _jsonld_body(pm)
    if ld and len(ld) >= max(settings.min_text_chars, 1):
        ld_sh = _shingles(ld)
        main_sh = _shingles(main or "")
        if not main or _containment(main_sh, ld_sh) == 0.0 and len(main) < settings.min_text_chars:
            main, method = ld, "jsonld-only"
        elif (
            len(ld) >= 1000
            and ld.rstrip()[-1:] in ".!?\"'”’»)"
            and _containment(ld_sh, main_sh) >= 0.9
            and _containment(main_sh, ld_sh) < 0.5
        ):
            # the publisher's own body is complete and is a small part of what was
            # extracted: the rest belongs to other items (next stories, listings)
            main, method = _span_of(main, ld_sh), method + "+jsonld-span"
    if main and "jsonld" not in method and (cut := _headline_span(main, tree, title)) is not None:
        main, method = cut, method + "+headline-span"
    if not main:
        return None, method
    main = restore_tails(tree, restore_between(tree, main, url))
    dropped: list[tuple[str, str]] = []
    menu = page_links[0]
    out = clean_body(main, title, _link_texts(menu), _caption_texts(tree, main), dropped,
                     stated_authors(pm) or byline_names(tree, pm, url), teaser_texts(tree), menu,
                     card_excerpts(tree, url))
    if dropped and LOG.isEnabledFor(logging.DEBUG):
        LOG.debug("cleanup %s: %s", url, "; ".join(f"{rule}: {line[:60]!r}" for rule, line in dropped))
    if first and not any(named in method for named in _NAMED_CUTS) and _lost_most(_unnamed_part(first, dropped), out):
        # the passes and the cleanup together lost most of trafilatura's text without a
        # named reason (the spans name one: the publisher's own body, the next stories): keep
        # trafilatura's result, without repeated paragraphs
        rules = sorted({rule for rule, _ in dropped})
        LOG.info("body guard: kept trafilatura's text, ours kept too little of it (rules that fired: %s) %s",
                 ", ".join(rules) or "none", url)
        out, method = "\n".join(_dedup_paragraphs(first.split("\n"))), method + "+guard"
    _tick(timings, "clean", t0)
    return out, method


