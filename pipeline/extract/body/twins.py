"""A story paragraph whose wrapper the template shares with a box.

Many templates wrap each paragraph of a story in an element of its own, all alike
(`<div class="text-block"><p>…</p></div>`). Where a site sets breadcrumbs, a tags row
or an author box inside one of those wrappers, trafilatura weighs the wrapper as a
whole, finds it full of links and drops it, the paragraph with it: the story loses
its first or last paragraph, or one in between. Such a paragraph is put back when its
wrapper is the twin (same tag and class) of the wrappers next to it whose paragraphs
the text holds side by side, and it reads as a sentence; the line rules of the
cleanup then weigh it like any other line.
"""

from __future__ import annotations

from collections import defaultdict

from lxml.html import HtmlElement

from ..strings import _SENTENCE_END, HEADINGS, NOT_SHOWN, _weight
from .sections import _FURNITURE_CLASS, _key, _line_of, _text, held, lines_at, with_lines_added

_MAX_WRAPPERS = 2000  # a container with more children is a listing, not a story's paragraphs
# of a wrapper's text, the share its paragraphs in the text hold: a story's wrapper is
# its paragraph, a card is a headline beside an excerpt
_OWN_SHARE = 0.9


_DEPTH = 3  # levels of wrapping around a paragraph (BBC: <div><div><p>)


def _own_paragraphs(wrapper: HtmlElement) -> list[HtmlElement]:
    """The <p>s inside `wrapper`, at most `_DEPTH` levels down."""
    out: list[HtmlElement] = []
    level = [wrapper]
    for _ in range(_DEPTH):
        level = [c for e in level for c in e if isinstance(c.tag, str)]
        out.extend(c for c in level if c.tag == "p")
        level = [c for c in level if c.tag != "p"]
    return out


def _ink(el: HtmlElement) -> int:
    """The characters of an element's text but its whitespace: a paragraph's share of
    its wrapper, whatever the markup's indentation."""
    t = el.text_content()
    return len(t) - sum(map(t.count, " \n\t\r\xa0"))


def _twin(a: HtmlElement, b: HtmlElement) -> bool:
    return a.tag == b.tag and (a.get("class") or "") == (b.get("class") or "")


def restore_twins(tree: HtmlElement, text: str) -> str:
    """`text` (one paragraph a line) with the paragraphs put back that sit in a wrapper
    twin to its neighbours: before the first of a run of wrappers whose paragraphs are
    consecutive lines of the text, after its last, or between two of them."""
    lines, at = lines_at(text)
    if len(at) < 2:
        return text
    # each paragraph of the text, read up to `_DEPTH` levels: the wrapper at each
    # level, in its container (the page's other elements are never read)
    found: dict[HtmlElement, dict[HtmlElement, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    for p in tree.iter("p"):
        if (at_line := _line_of(p, at)) is None:
            continue
        ink = _ink(p)
        wrapper = p.getparent()
        for _ in range(_DEPTH):
            if wrapper is None or wrapper.tag in ("body", "html") or (container := wrapper.getparent()) is None:
                break
            found[container][wrapper].append((at_line, ink))
            wrapper = container
    before: dict[int, list[str]] = defaultdict(list)
    after: dict[int, list[str]] = defaultdict(list)
    have = set(at)
    for container, wrappers in found.items():
        if len(wrappers) < 2 or len(container) > _MAX_WRAPPERS:
            continue  # one wrapper shows no run of twins
        kids = [c for c in container if isinstance(c.tag, str) and c.tag not in NOT_SHOWN]
        placed: dict[int, tuple[int, int]] = {}  # kid's index -> first and last line of its paragraphs
        for n, kid in enumerate(kids):
            paras = wrappers.get(kid)
            # a story's wrapper is its paragraphs: a card (a headline beside an
            # excerpt) is not one
            if paras and sum(ink for _, ink in paras) >= _OWN_SHARE * _ink(kid) and next(kid.iterdescendants(*HEADINGS), None) is None:
                placed[n] = (min(i for i, _ in paras), max(i for i, _ in paras))
        # runs of twin wrappers whose paragraphs are consecutive lines of the text
        runs: list[list[int]] = []
        for n in sorted(placed):
            run = runs[-1] if runs else None
            follows = run is not None and placed[n][0] == placed[run[-1]][1] + 1 and _twin(kids[n], kids[run[-1]])
            between = _shown_between(kids, run[-1], n) if run and follows else None
            if run and between == []:
                run.append(n)
            elif run and between is not None and len(between) == 1:
                # one twin between two of the run's: its paragraph is missing in between
                after[placed[run[-1]][1]].extend(_missing(between[0], kids[n], have))
                run.append(n)
            else:
                runs.append([n])
        for run in runs:
            if len(run) < 2:
                continue
            first, last = run[0], run[-1]
            if (prev := _next_shown(kids, first, -1)) is not None:
                before[placed[first][0]].extend(_missing(prev, kids[first], have))
            if (nxt := _next_shown(kids, last, 1)) is not None:
                after[placed[last][1]].extend(_missing(nxt, kids[last], have))
    return with_lines_added(text, lines, before, after)


_SPACERS = 4  # empty elements between two wrappers that do not part them


def _shown_between(kids: list[HtmlElement], a: int, b: int) -> list[HtmlElement] | None:
    """The kids between `a` and `b` that show text (an empty spacer does not part two
    wrappers); None when there are too many to be spacers."""
    if b - a - 1 > _SPACERS:
        return None
    return [k for k in kids[a + 1:b] if _text(k)]


def _next_shown(kids: list[HtmlElement], n: int, step: int) -> HtmlElement | None:
    """The first kid from `n` on in the direction `step` that shows text, past at most
    `_SPACERS` empty ones."""
    for m in range(n + step, n + step * (_SPACERS + 2), step):
        if not 0 <= m < len(kids):
            return None
        if _text(kids[m]):
            return kids[m]
    return None


_SHORTEST = 40  # Latin letters (`_weight`): a story's closing line may be short


def _a_sentence(text: str) -> bool:
    """A sentence or more: beside its twins' paragraphs a story's closing line may be
    shorter than the running prose `strings._is_prose` asks for."""
    return _weight(text) >= _SHORTEST and text.rstrip().endswith(_SENTENCE_END)


def _missing(kid: HtmlElement, twin_of: HtmlElement, have: set[str]) -> list[str]:
    """The sentences of `kid`'s own paragraphs that the text lacks, when `kid` is a twin
    of `twin_of` and not named as furniture; added to `have`."""
    if not _twin(kid, twin_of) or _FURNITURE_CLASS.search(f"{kid.get('class', '')} {kid.get('id', '')}"):
        return []
    out = []
    for p in _own_paragraphs(kid):
        t = _text(p)
        k = _key(t)
        if not k or not _a_sentence(t) or held(k, have):
            continue
        if sum(len(_text(a)) for a in p.iter("a")) * 2 <= len(t):  # a teaser's link is no paragraph
            out.append(t)
            have.add(k)
    return out
