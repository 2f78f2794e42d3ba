"""Blocks of a page that hold other things than its article: cards of other stories,
asides, navigation, footers, lists of related stories and comments, sign-up boxes.
Dates and the cleanup both leave them out."""

from __future__ import annotations

import re
from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from itertools import islice

import lxml.etree
from lxml.html import HtmlElement

from ..datetimes import written_ago, written_days
from .sites import links_out, site_of
from .strings import _is_prose, _norm, _weight, text_sizes

_ELSEWHERE_CLASS = re.compile(r"(?i)related|comment|sidebar|recommend|promo")

# what a browser does not render: `hidden` elements (but "until-found", a collapsed
# section the reader opens or finds) and <template>s (but a declarative shadow root)
# (two queries: the attribute axis is faster than testing every element for it)
_HIDDEN = lxml.etree.XPath("//@hidden[. != 'until-found']")
_TEMPLATES = lxml.etree.XPath("//template[not(@shadowrootmode) and not(@shadowroot)]")


def unrendered(tree: HtmlElement) -> tuple[HtmlElement, ...]:
    """The outermost elements of the page a browser does not render (`_HIDDEN`, `_TEMPLATES`).
    trafilatura reads their text where they sit in the article: a sign-up form's
    thank-you, a player's fallback line, a modal's paywall notice. An element holding
    the <h1> or half the page's text or more is left: the page itself, hidden until its
    scripts show it. One without text is left too: taking it out would cost a copy of
    the page for nothing."""
    found = [el for el in dict.fromkeys([*(a.getparent() for a in _HIDDEN(tree)), *_TEMPLATES(tree)])
             if isinstance(el, HtmlElement) and el.getparent() is not None]
    if not found:
        return ()
    outer = set(found)
    found = [el for el in found if not any(a in outer for a in el.iterancestors())]
    whole = len(tree.text_content())
    return tuple(el for el in found
                 if (size := len(el.text_content().strip())) and 2 * size < whole and el.tag != "h1" and el.find(".//h1") is None)


def headline_article(tree: HtmlElement) -> HtmlElement | None:
    """The <article> that holds the page's first <h1>, if any."""
    h1 = tree.find(".//h1")
    return next((x for x in h1.iterancestors() if x.tag == "article"), None) if h1 is not None else None


def in_other_article(el: HtmlElement, main: HtmlElement | None) -> bool:
    """Whether an element sits in an <article> that neither is nor holds the one with
    the page's headline (`main`): the next story a page appends, a card."""
    if main is None:
        return False
    art = next((x for x in el.iterancestors() if x.tag == "article"), None)
    return art is not None and art is not main and art not in main.iterancestors()


def teaser_card(el: HtmlElement, size: int = 1000) -> bool:
    """Whether an <article> is a card of another story: a small one, without the page's
    <h1>, whose headline (its first heading) links away (cards of related stories are
    <article>s too; a brief's own <article> is as small, and may hold a "Read more" box
    of linked headlines under its own heading)."""
    if el.tag != "article" or len(el.text_content()) >= size or el.find(".//h1") is not None:
        return False
    h = next(el.iter("h2", "h3", "h4", "h5"), None)  # its headline: the first heading
    return h is not None and (h.find(".//a") is not None or any(a.tag == "a" for a in h.iterancestors()))


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
            out |= _element_texts(card)
    return out


def _element_texts(block: HtmlElement) -> set[str]:
    """The normalised text of every element inside `block`, itself included: each line
    trafilatura may print of it, whichever of its elements it reads as one."""
    return {t for el in block.iter() if isinstance(el.tag, str) and (t := _norm(el.text_content()))}


# an <input> a reader types an address, a name or a number into (a missing type is
# "text"); a search field opens no box: a masthead's, whose texts are the site's menu
_ENTRY_TYPES = frozenset({"", "text", "email", "tel", "number"})
_FORM_BOX_SIZE = 300  # characters: a box's heading, pitch and small print, less than a story's block
_FORM_BOX_PARTS = 300  # elements: a box of more is a form of its own, not a box beside a story
_FORM_BOX_REACH = 12  # levels above the form: a box is near its field
_ENTRY_FIELDS = 20  # fields read for boxes: a page of more is a form, not a story with a box


# an inline style that hides its element (any case and spacing, as browsers read it)
_STYLE_HIDES = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_STYLES = lxml.etree.XPath("//@style")


def style_hides(el: HtmlElement) -> bool:
    """Whether the element's own inline style hides it (`_STYLE_HIDES`): the one test of
    what a page's style hides, for the headline's lines and the cleanup's `Unshown`."""
    return bool(_STYLE_HIDES.search(el.get("style") or ""))


_UNSHOWN_SIZE = 300  # characters: a widget's message or label; more may be a story a script unfolds


class Unshown:
    """The normalised texts of small blocks the page's own style hides (`style_hides`:
    display:none or visibility:hidden; at most `_UNSHOWN_SIZE` characters): a widget's
    empty-list message, a form's thank-you, a menu's label, which a pass may print where
    they sit (trafilatura's main pass drops such blocks, where their style is written as
    it expects). A text is one (`in`) only where the page does not also show it outside
    them (a summary printed twice, for two screens): looked up on a hit, as hits are
    rare and reading the page's whole text is not cheap."""

    def __init__(self, blocks: list[HtmlElement], tree: HtmlElement) -> None:
        self._blocks, self._tree = blocks, tree
        self.texts: set[str] = set().union(*(_element_texts(el) for el in blocks))
        self._read: tuple[str, str] | None = None

    def __contains__(self, text: object) -> bool:
        if text not in self.texts:
            return False
        if self._read is None:
            self._read = (_norm(self._tree.text_content()), " | ".join(_norm(el.text_content()) for el in self._blocks))
        page, hidden = self._read
        return isinstance(text, str) and page.count(text) <= hidden.count(text)


def unshown_texts(tree: HtmlElement) -> Unshown:
    """The page's `Unshown` texts: of its outermost blocks hidden by an inline style,
    those of a widget's size. Taken out of the result by the cleanup, not before the
    passes: the passes weigh the page as it is."""
    blocks = [a.getparent() for a in _STYLES(tree) if _STYLE_HIDES.search(a)]
    outer = set(blocks)
    small = [el for el in blocks if isinstance(el, HtmlElement) and not any(up in outer for up in el.iterancestors())
             and 0 < len(" ".join(el.text_content().split())) <= _UNSHOWN_SIZE]
    return Unshown(small, tree)


def form_box_texts(tree: HtmlElement) -> set[str]:
    """The normalised texts of every element inside a box around a field a reader types
    into (a newsletter's sign-up between a story's paragraphs, a comment or tip form):
    its heading and pitch ("Get the morning briefing") are the lines trafilatura keeps
    of it where its class names say nothing. The box is the field's form's nearest
    ancestor with text of its own besides the form's (the heading, the pitch), when
    that is at most `_FORM_BOX_SIZE` characters and holds no <h1>, <article> or <main>:
    a larger one holds the story, which may wrap each paragraph with what follows it."""
    size = text_sizes()  # fields of one form share their ancestors
    out: set[str] = set()
    boxes: set[HtmlElement] = set()
    fields = (el for el in tree.iter("input") if (el.get("type") or "").strip().lower() in _ENTRY_TYPES)
    for field in islice(fields, _ENTRY_FIELDS):
        base = next(field.iterancestors("form"), field)
        own = size(base)
        box = next((up for up in islice(base.iterancestors(), _FORM_BOX_REACH) if size(up) > own), None)
        if box is None or box in boxes or box.tag in ("body", "html", "main", "article") or size(box) > _FORM_BOX_SIZE \
                or len(list(islice(box.iter(), _FORM_BOX_PARTS + 1))) > _FORM_BOX_PARTS or box.find(".//h1") is not None:
            continue
        boxes.add(box)
        out |= _element_texts(box)
    return out


_CARD_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
_CARD_SIZE = 600  # a card's whole text, in `_weight`: a headline, an excerpt, a date
_CARDS_SHOWN = 3  # a grid or a list of them; one such block is a box of the story
_STORY_LEAST = 100  # a brief's paragraph, in `_weight`: less is a caption or a copyright line


def densest_block(tree: HtmlElement, leave_out: frozenset[HtmlElement] = frozenset(), least: float = 0) -> HtmlElement | None:
    """The element that holds the most paragraph text (its <p>s' text, half of its
    grandchildren's; on a page whose <p>s hold no paragraph, its own lines of running
    prose): where the page's running text sits, whatever its classes. The paragraphs
    and line holders `leave_out` don't count; None when no block holds `least`."""
    score: dict[HtmlElement, float] = {}

    def add(holder: HtmlElement | None, n: int) -> None:
        if n < 25 or holder is None:
            return
        score[holder] = score.get(holder, 0) + n
        grand = holder.getparent()
        if grand is not None:
            score[grand] = score.get(grand, 0) + n / 2

    for p in tree.iter("p"):
        if p not in leave_out:
            add(p.getparent(), _weight(p.text_content().strip()))
    if score and max(score.values()) >= _STORY_LEAST:
        return _best(score, least)
    # no block of <p>s holds a paragraph: a page printing its paragraphs as items of
    # lists, cells of tables or lines of running prose (ended by <br>s, outside any
    # link), as older templates do. An item or a cell is held by the block around its
    # list or table, as a <p> by its parent; a line by the element whose text it is
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in _NOT_LINES or _inline(el) or el in leave_out \
                or any(a.tag in ("p", "a") for a in el.iterancestors()):
            continue
        if el.tag in _PARAGRAPH_LIKE:
            if next(el.iterdescendants("p", *_PARAGRAPH_LIKE), None) is None:  # else its items count
                text = " ".join(el.text_content().split())
                if _is_prose(text):
                    holder = el.getparent()
                    while holder is not None and holder.tag in _LIST_PARTS:
                        holder = holder.getparent()
                    add(holder, _weight(text))
            continue
        for run in _text_runs(el):
            if _is_prose(run):
                add(el, _weight(run))
    return _best(score, least)


def _best(score: dict[HtmlElement, float], least: float) -> HtmlElement | None:
    best = max(score, key=score.__getitem__) if score else None
    return best if best is not None and score[best] >= least else None


# elements whose text is no line of a story printed as lines: a <p> counts apart, a
# heading is a title, an inline element's text is its parent's line
_NOT_LINES = frozenset({"p", "a", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style", "noscript", "template", "head",
                        "title", "html", "button", "label", "select", "option", "textarea"})
_PARAGRAPH_LIKE = ("li", "td", "dd")  # a paragraph where a template prints none in <p>s
_LIST_PARTS = frozenset({"ul", "ol", "dl", "table", "tbody", "thead", "tfoot", "tr"})
_INLINE = frozenset({"a", "span", "em", "strong", "b", "i", "u", "small", "font", "abbr", "cite", "q", "sub", "sup", "mark",
                     "time"})


def _text_runs(el: HtmlElement) -> list[str]:
    """An element's own lines of text that are not links: its text and its children's
    tails, joined across inline children and split at <br>s and blocks (a story printed
    as lines of text), each less than half link text (a menu's or a card's headline)."""
    runs: list[str] = []
    cur, linked = [el.text or ""], 0
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if _inline(child):
            text = child.text_content()
            cur.append(text)
            linked += len(text) if tag == "a" else sum(len(a.text_content()) for a in child.iter("a"))
        else:
            runs.extend(_line(cur, linked))
            cur, linked = [], 0
        cur.append(child.tail or "")
    runs.extend(_line(cur, linked))
    return runs


def _inline(el: HtmlElement) -> bool:
    """Whether an element is part of its parent's line: an inline tag holding only
    inline tags (a <span> holding <p>s or <br>s holds lines of its own)."""
    return el.tag in _INLINE and all(d.tag in _INLINE or d.tag in ("img", "wbr") for d in el.iterdescendants()
                                     if isinstance(d.tag, str))


def _line(parts: list[str], linked: int) -> list[str]:
    text = " ".join("".join(parts).split())
    return [text] if text and linked * 2 < len(text) else []


@dataclass(frozen=True)
class Cards:
    """Cards of other stories a page shows (`card_excerpts`): their blocks, and their
    excerpts' and headlines' normalised texts."""

    blocks: tuple[HtmlElement, ...] = ()
    texts: frozenset[str] = frozenset()


def card_excerpts(tree: HtmlElement, url: str) -> Cards:
    """The cards of other stories, and their normalised excerpts and headlines, whatever
    the element: a small block, without the <h1>, whose heading links to another page of
    the site and which holds one paragraph, the excerpt: a <p>, where it has none an
    item of a list, a cell of a table or a line of its own text ("Recent", "Popular"
    lists built of <div>s; a headline written as two sentences is kept as prose where
    the others go as links). Only when the page shows at least three, and not those inside the page's
    densest block of paragraphs: the items of a list the story itself makes (a round-up
    whose items link to the site's reviews) sit there. That block is found without the
    cards' own paragraphs, which under a brief outweigh it."""
    site = site_of(url)
    found: dict[HtmlElement, tuple[str, str]] = {}
    excerpts: set[HtmlElement] = set()
    # read once, when a card without a <p> asks: there a line beside a card's heading is its date or byline
    no_ps = cache(lambda: not any(_is_prose(" ".join(p.text_content().split())) for p in tree.iter("p")))
    for h in tree.iter(*_CARD_HEADINGS):
        hrefs = ((a.get("href") or "").strip() for a in (*h.iter("a"), *h.iterancestors("a")))
        if not any(href and not href.startswith("#") and not links_out(href, site) for href in hrefs):
            continue
        for up in list(h.iterancestors())[:3]:
            if up.find(".//h1") is not None or _weight(up.text_content()) > _CARD_SIZE:
                break
            paras = _card_paragraphs(up, no_ps)
            if paras:
                holder, text = paras[0]
                if len(paras) == 1 and h not in set(holder.iterancestors()):
                    found[up] = (_norm(text), _norm(h.text_content()))
                    excerpts.add(holder)
                break
    if len(found) < _CARDS_SHOWN:
        return Cards()
    inside = _inside_story(tree, frozenset(excerpts))
    outside = tuple(card for card in found if card not in inside)
    return Cards(outside, frozenset(text for card in outside for text in found[card] if text))


def _card_paragraphs(up: HtmlElement, no_ps: Callable[[], bool]) -> list[tuple[HtmlElement, str]]:
    """A card's paragraphs of 20 or more (`_weight`), each with the element holding it:
    its <p>s; where it has none, and the page prints no <p> of prose (`no_ps`), its list
    items or table cells, else the lines of its own text (a page of <br> lines)."""
    paras = [(p, p.text_content()) for p in up.iter("p") if _weight(p.text_content().strip()) >= 20]
    if paras or not no_ps():
        return paras
    items = [(el, el.text_content()) for el in up.iter(*_PARAGRAPH_LIKE) if _weight(el.text_content().strip()) >= 20]
    return items or [(up, run) for run in _text_runs(up) if _weight(run) >= 20]


def _inside_story(tree: HtmlElement, leave_out: frozenset[HtmlElement]) -> set[HtmlElement]:
    """The elements of the story's block: the densest block of the paragraphs other
    than `leave_out` (the cards' or entries' own, which under a brief outweigh it);
    where no other block holds a brief's paragraph, of them all (a round-up's items, a
    discussion's entries are the page's prose)."""
    story = densest_block(tree, leave_out, _STORY_LEAST)
    if story is None:
        story = densest_block(tree)
    return set(story.iter()) if story is not None else set()


_ENTRY_SIZE = 2000  # a comment's whole text, in `_weight`: a name, a time, a few lines, "Reply"


def thread_entries(tree: HtmlElement) -> Cards:
    """The entries of a comment thread, whatever their names: three or more blocks side
    by side, each holding one paragraph and a line of the time it was written ("2 hours
    ago", "December 3, 2023 at 10:10 am"), beside a form's <textarea> (the thread's own
    form, in the entries' list or the block around it: a live ticker's entries, a time
    and a paragraph each too, have none), and outside the page's densest block of
    paragraphs. Their texts are every line they hold (the names, times, "Reply")."""
    if next(tree.iter("textarea"), None) is None:
        return Cards()
    now = datetime.now(UTC)
    by_list: dict[HtmlElement, list[tuple[HtmlElement, HtmlElement]]] = {}
    weights: dict[HtmlElement, int] = {}  # a block around many paragraphs (the body) is weighed once
    for p in tree.iter("p"):
        if _weight(p.text_content().strip()) < 20:
            continue
        for up in list(p.iterancestors())[:2]:
            if up not in weights:
                weights[up] = _weight(up.text_content())
            if weights[up] > _ENTRY_SIZE or up.find(".//h1") is not None:
                break
            if sum(_weight(q.text_content().strip()) >= 20 for q in up.iter("p")) > 1:
                break  # a block of paragraphs, not an entry
            rest = " ".join(up.text_content().replace(p.text_content(), " ").split())
            if rest and (up.find(".//time") is not None or written_days(rest, 1) or written_ago(rest, now)):
                parent = up.getparent()
                if parent is not None:
                    by_list.setdefault(parent, []).append((up, p))
                break
    entries = [(up, p) for parent, found in by_list.items() if len(found) >= _CARDS_SHOWN and _beside_form(parent)
               for up, p in found]
    if not entries:
        return Cards()
    inside = _inside_story(tree, frozenset(p for _, p in entries))
    outside = tuple(up for up, _ in entries if up not in inside)
    texts = {t for up in outside for el in up.iter() if isinstance(el.tag, str)
             for t in (_norm(el.text_content()), *map(_norm, _text_runs(el))) if t}
    return Cards(outside, frozenset(texts))


def _beside_form(listing: HtmlElement) -> bool:
    """Whether a list of entries, or the block around it, holds a form's <textarea>."""
    around = listing.getparent()
    return next((around if around is not None else listing).iter("textarea"), None) is not None


def without_blocks(tree: HtmlElement, blocks: tuple[HtmlElement, ...]) -> HtmlElement:
    """A copy of the page without `blocks` (the page itself is left as it is: every
    pass and rule reads it). Blocks are found in the copy by their children's indexes
    (an XPath of the tag names fails on prefixed tags such as `<fb:like>`)."""
    steps = [_steps(tree, b) for b in blocks]
    copy = deepcopy(tree)
    found = [_walk(copy, path) for path in steps if path is not None]
    for el in found:  # all looked up first: a removal renumbers its siblings
        if el is not None and el.getparent() is not None:
            el.drop_tree()
    return copy


def _steps(root: HtmlElement, el: HtmlElement) -> list[int] | None:
    """The indexes of `el` and its ancestors among their siblings, from `root` down."""
    out = []
    while el is not root:
        parent = el.getparent()
        if parent is None:
            return None
        out.append(parent.index(el))
        el = parent
    return out[::-1]


def _walk(root: HtmlElement, steps: list[int]) -> HtmlElement | None:
    el = root
    for i in steps:
        if i >= len(el):
            return None
        el = el[i]
    return el
