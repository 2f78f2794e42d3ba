"""How much of a text is running prose, and how much the text of the page's links:
the measures the pass choice weighs results by (`_prose_weight`, `_link_share`), and
the page's own blocks of text as a reader sees them (`_text_blocks`)."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import lxml.etree
from lxml.html import HtmlElement

from ..strings import _SENTENCE_END, INLINE, NOT_SHOWN, _is_prose, _norm, _weight


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


def _is_running(line: str, anchors: list[str]) -> bool:
    """A prose line that is not mostly the text of the page's links `anchors` (menus,
    link lists and teasers of other stories are)."""
    return _is_prose(line) and (not anchors or _link_share(line, anchors) < 0.5)


def _prose_weight(text: str, anchors: list[str]) -> int:
    """Weight of a text's running prose."""
    return sum(_weight(ln) for ln in text.split("\n") if _is_running(ln, anchors))


def _is_sentence(line: str, anchors: list[str]) -> bool:
    return len(line.split()) >= 5 and line.endswith(_SENTENCE_END) and _link_share(line, anchors) < 0.5


def _link_lines(text: str, anchors: list[str]) -> int:
    """Weight of a text's lines that are mostly the text of the page's links and not
    running prose (menus, link lists, teasers of other stories)."""
    return sum(_weight(ln) for ln in text.split("\n") if not _is_prose(ln) and _link_share(ln, anchors) >= 0.5)


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
