"""trafilatura's passes over a page, and their text read as the page prints it: a
paragraph broken at its inline elements made whole (`_rejoin`), a one-line result
glued from the page's blocks read as those blocks (`_unglued`); a CJK page's size
thresholds in Latin-letter terms."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

from lxml.html import HtmlElement

from ..strings import _CJK, _HAN_KANA_CHAR, _paragraphs
from .prose import _text_blocks
from .searched import SearchedText


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
    tree: HtmlElement, url: str, *, precision: bool, recall: bool, fast: bool, blocks: PrintedBlocks,
    own_sizes: bool = False,
) -> str | None:
    """trafilatura's text of the page, its paragraphs whole (`_rejoin`); on a CJK page at
    sizes in Latin-letter terms (`_cjk_config`) unless `own_sizes`."""
    from trafilatura import bare_extraction
    from trafilatura.settings import DEFAULT_CONFIG

    doc = bare_extraction(
        tree,
        url=url,
        config=_cjk_config() if not own_sizes and _cjk_page(tree) else DEFAULT_CONFIG,
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


class PrintedBlocks:
    """How the page prints its text: its blocks of text (`_text_blocks`), one a line,
    read on the first call, and where two pieces are printed one after the other,
    compared without spaces (`SearchedText`: a page of thousands of breaks is not
    searched again whole at each)."""

    def __init__(self, read: Callable[[], str], index_after: int = 256) -> None:
        self._read = read
        self._text: str | None = None
        self._bare: SearchedText | None = None
        self._index_after = index_after

    def __call__(self) -> str:
        if self._text is None:
            self._text = self._read()
        return self._text

    def bare(self) -> str:
        """The text without its spaces: the blocks put one between an inline element
        and its tail ("Maestro !"), where a line trafilatura joined has none."""
        return self._searched().text

    def find(self, a: str, b: str) -> int:
        """Where `a` then `b` (both without spaces) are printed, or -1."""
        return self._searched().find(a + b, focus=len(a))

    def _searched(self) -> SearchedText:
        if self._bare is None:
            self._bare = SearchedText(self().replace(" ", ""), self._index_after)
        return self._bare


def _printed_blocks(tree: HtmlElement) -> PrintedBlocks:
    """The page's blocks of text (`_text_blocks`), one a line, read on the first call."""
    return PrintedBlocks(lambda: "\n".join(_text_blocks(tree)))


def _rejoin(text: str, blocks: PrintedBlocks) -> str:
    """trafilatura's text with the paragraphs it broke at inline elements whole again.
    Text that sits in a <div> or between <br>s its comparison pass may break at each
    link or <em>, leaving the space beside the break ("the subject of \npersistent
    chatter\n."). A break with a space beside it (or before a comma or full stop)
    whose two sides are printed together in one of the page's blocks of text
    (`blocks`, compared without spaces, read only at the first such break) is none;
    a <br> or a new block between them is a break. Chinese and Japanese text has no
    spaces to leave: a break beside one of their characters is tested too, and the
    pieces are joined without one. A paragraph joined at many breaks is followed
    through the text from where it is printed, not searched for again at each."""
    out: list[str] = []
    at, size = -1, 0  # where the last piece is printed (-1: not looked for), its size without spaces
    for ln, spaced in _lines(text):
        tested, unspaced = _break(out[-1] if out else None, ln, spaced)
        joined = False
        if tested:
            bare = ln.replace(" ", "")
            if at >= 0 and blocks.bare().startswith(bare, at + size):
                joined = True
            else:
                last = out[-1].replace(" ", "")
                at, size = blocks.find(last, bare), len(last)
                joined = at >= 0
            size += len(bare)
        if joined:
            out[-1] = _glue(out[-1], ln, unspaced)
        else:
            out.append(ln)
            at = -1
    return "\n".join(out)


def _lines(text: str) -> Iterator[tuple[str, bool]]:
    """The text's lines with their white space made single, each with whether a space
    stood beside the break before it (at the end of the line before, in blank lines
    between, or at its own start): what a break at an inline element leaves."""
    spaced = False  # the last line ended with a space
    for raw in text.split("\n"):
        ln = " ".join(raw.split())
        if not ln:
            spaced = spaced or bool(raw)
            continue
        yield ln, spaced or raw[:1].isspace()
        spaced = raw[-1:].isspace()


def _break(last: str | None, ln: str, spaced: bool) -> tuple[bool, bool]:
    """Whether the break between the piece `last` (None: `ln` opens the text) and the
    line `ln` is tested: a space beside it, `ln` opening with a mark, or no space at a
    Chinese or Japanese character; and whether it is that last kind (joined without a
    space)."""
    if last is None:
        return False, False
    unspaced = not spaced and bool(_HAN_KANA_CHAR.match(last[-1]) or _HAN_KANA_CHAR.match(ln[0]))
    return spaced or ln.startswith(_GLUED) or unspaced, unspaced


def _glue(last: str, ln: str, unspaced: bool) -> str:
    """The two pieces of a break that is none, as printed."""
    return last + ln if ln.startswith(_GLUED) or unspaced else f"{last} {ln}"


def _one_cell(line: str) -> str:
    """A table row of one cell as trafilatura writes it ("| A B C |": the story an old
    template prints in one `<td>`, its paragraphs apart at `<br>`s), without the bars."""
    s = line.strip()
    if len(s) > 4 and s.startswith("| ") and s.endswith(" |") and " | " not in s[2:-2]:
        return s[2:-2]
    return line


def _unglued(text: str | None, blocks: PrintedBlocks) -> list[str] | None:
    """The blocks of text the page prints that a one-line result glues together, or None.
    When its main extractor finds almost nothing (a story of two or three short
    paragraphs), trafilatura falls back to the whole text of the page's <article> as one
    line: the kicker, headline, byline, date, story, tags and share line run on, and no
    line rule can name any of them. A one-line result that is three or more of the
    page's printed blocks in a row (others between them left out, white space aside) is
    read as those blocks; a table row of one cell (`_one_cell`) that is two or more.
    """
    if not text or "\n" in text.strip():
        return None
    cell = _one_cell(text)
    line = " ".join(cell.split())
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
    if pos < len(printed) or len(cuts) < (2 if cell is not text else 3):  # a cell is no glued <article>
        return None
    return [line[a:b].strip() for a, b in zip([0, *cuts], cuts)]
