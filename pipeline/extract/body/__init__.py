"""Body choice: trafilatura's passes (`passes`, chosen by `passchoice`), the page
state (`statebody`), the JSON-LD body and the headline's span (`spans`), the cleanup,
and a final guard that keeps trafilatura's text when all that lost most of it unnamed."""

from __future__ import annotations

import logging
import time
from functools import partial

from lxml.html import HtmlElement

from ...config import ExtractSettings
from ..authors.bylines import byline_names
from ..blocks import Cards, card_excerpts, form_box_texts, teaser_texts, thread_entries, unshown_texts, without_blocks
from ..cleanup import (
    caption_texts,
    clean_body,
    cross_link_texts,
    dedup_paragraphs,
    section_heading_links,
    stated_authors,
)
from ..jsonld import PageMeta
from ..sites import link_texts
from ..strings import _norm
from ..timing import _tick
from .passchoice import _cards_without_story, _choose_pass, _mostly_cards, _no_story, _prose_only, _read_main
from .passes import _cjk_page, _printed_blocks, _trafilatura_text, _unglued
from .prose import _page_anchors
from .sections import restore_between, restore_tails
from .spans import _headline_span, _jsonld_body, _span_of
from .statebody import state_body
from .textsim import containment as _containment
from .textsim import shingles as _shingles
from .twins import restore_twins

LOG = logging.getLogger(__name__)


def _lost_most(reference: str, result: str) -> bool:
    """Whether `result` keeps less than half of `reference`'s text (by shingles; a
    result at least half as long, which is most pages, is not measured)."""
    if len(result) * 2 >= len(reference):
        return False
    ref = _shingles(reference)
    return sum(ref.values()) >= 20 and _containment(ref, _shingles(result)) < 0.5


# the share of the publisher's own body (JSON-LD) the result must hold for its span to
# be the story: not all of it, as it may hold what the page does not print (an editor's
# note, a caption) and a pass may lose a paragraph of it at a box beside it
_LD_IN_RESULT = 0.8


# cuts of the text the final guard leaves: the publisher's own body (JSON-LD) and the
# headline's <article> among the next stories name what they keep
_NAMED_CUTS = ("jsonld", "headline-span")


# rules whose removals the final guard counts as named: they cut a block that announces
# itself (a "Sources" heading closing the text and what follows it)
_NAMED_BLOCKS = frozenset({"sources list closing the text", "link to the site's other pages", "menu of the site's links",
                           "excerpts of cards of other stories closing the text",
                           "run of excerpts of cards of other stories"})


def _unnamed_part(first: str, dropped: list[tuple[str, str]]) -> str:
    """trafilatura's text without the blocks a rule removed by name: the guard weighs
    only what the passes and the line rules lost."""
    named = {line for rule, line in dropped if rule in _NAMED_BLOCKS}
    return "\n".join(ln for ln in first.split("\n") if ln not in named) if named else first


def _box_was_the_story(out: str, dropped: list[tuple[str, str]], boxed: set[str]) -> bool:
    """Whether the lines taken as the texts of an image's box outweigh what the cleanup
    left of the text: then the box was the story's own block (a brief beside its photo,
    the rest of the text other stories' cards), not a photo's caption box."""
    taken = sum(len(line) for rule, line in dropped if rule == "image caption" and _norm(line) in boxed)
    return taken > len(out)


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

    cards = card_excerpts(tree, url)  # cards of other stories the page shows
    thread = thread_entries(tree)  # a comment thread's entries, whatever their names
    if thread.blocks:
        cards = Cards(cards.blocks + thread.blocks, cards.texts | thread.texts)
    page = tree  # what the passes read: the page, or the page without its cards

    def run(fast: bool, precision: bool = False, recall: bool = False, own_sizes: bool = False) -> tuple[str | None, bool]:
        """A pass's text, and whether it came as one line glued from the page's blocks
        (then read as those blocks, `_unglued`)."""
        text = _trafilatura_text(page, url, precision=precision, recall=recall, fast=fast, blocks=blocks, own_sizes=own_sizes)
        parts = _unglued(text, blocks)
        return ("\n".join(parts), True) if parts else (text, False)

    def compare(main: str | None) -> str | None:
        """The comparison pass's text. On a CJK page, where it repeats the main pass, it
        is read again at trafilatura's own sizes: at the CJK ones a standfirst in a block
        named like the article's passes for the story, and trafilatura does not look
        further for a story it would recover below its own 250 characters."""
        full, _ = run(False)
        if full == main and _cjk_page(page):
            full, _ = run(False, own_sizes=True)
        return full

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
        if main and _cards_without_story(main, cards.texts, settings.min_text_chars, anchors):
            # around a brief, a box of cards of other stories outweighs the story and
            # the main pass takes the box, without the story: the page without the
            # cards is read again (where the story is there too, the cleanup takes the
            # cards out; a second reading then took the site's lists in more often than
            # it found more of the story)
            page = without_blocks(tree, cards.blocks)
            again, again_glued = run(True)
            if again and not _mostly_cards(again, cards.texts):
                main, glued, method = again, again_glued, "trafilatura-fast+without-cards"
            else:
                page = tree
        if not main or len(main) < settings.min_text_chars or _no_story(main, anchors):
            # the comparison pass may add only prose: on a page whose story is a few
            # lines it otherwise returns the site's menu or a listing as the body
            full = compare(main)
            if full and full != main:
                main, method = _prose_only(main, full, anchors()), "trafilatura"
        else:
            reading = _read_main(tree, main, anchors, glued)
            if reading.second_pass:
                full = compare(main)
                taken = _choose_pass(reading, full, tree, page_links, settings.min_text_chars, cards.texts)
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
            and _containment(ld_sh, main_sh) >= _LD_IN_RESULT
            and _containment(main_sh, ld_sh) < 0.5
        ):
            # the publisher's own body is complete and is a small part of what was
            # extracted: the rest belongs to other items (next stories, listings)
            main, method = _span_of(main, ld_sh), method + "+jsonld-span"
    if main and "jsonld" not in method and (cut := _headline_span(main, tree, title)) is not None:
        main, method = cut, method + "+headline-span"
    if not main:
        return None, method
    main = restore_twins(tree, restore_tails(tree, restore_between(tree, main, url)))
    dropped: list[tuple[str, str]] = []
    menu = page_links[0]
    captions = caption_texts(tree, main)
    clean = partial(clean_body, main, title, cross_link_texts(menu, section_heading_links(tree)),
                    authors=stated_authors(pm) or byline_names(tree, pm, url), teasers=teaser_texts(tree), menu=menu,
                    cards=cards.texts, forms=form_box_texts(tree), unshown=unshown_texts(tree))
    out = clean(captions.marked | captions.boxed, dropped)
    if captions.boxed and _box_was_the_story(out, dropped, captions.boxed):
        dropped = []
        out = clean(captions.marked, dropped)
    if dropped and LOG.isEnabledFor(logging.DEBUG):
        LOG.debug("cleanup %s: %s", url, "; ".join(f"{rule}: {line[:60]!r}" for rule, line in dropped))
    if first and not any(named in method for named in _NAMED_CUTS) and _lost_most(_unnamed_part(first, dropped), out):
        # the passes and the cleanup together lost most of trafilatura's text without a
        # named reason (the spans name one: the publisher's own body, the next stories): keep
        # trafilatura's result, without repeated paragraphs
        rules = sorted({rule for rule, _ in dropped})
        LOG.info("body guard: kept trafilatura's text, ours kept too little of it (rules that fired: %s) %s",
                 ", ".join(rules) or "none", url)
        out, method = "\n".join(dedup_paragraphs(first.split("\n"))), method + "+guard"
    _tick(timings, "clean", t0)
    return out, method
