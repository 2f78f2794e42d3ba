"""Image captions in the text: what a page marks as a caption (figcaption, a
"caption" class), a paragraph in italics under an image, a centred one under a centred
image, the short texts of an image's own box, and a caption's credit broken into
pieces at its inner elements."""

from __future__ import annotations

import re
from typing import Any, NamedTuple

import lxml.etree
from lxml.html import HtmlElement

from ..strings import HEADINGS, _norm, text_sizes
from .lines import SENTENCE_END

_CAPTIONS = lxml.etree.XPath("//figcaption | //*[contains(@class, 'aption')]")  # caption, imageCaption, wp-caption-text


def _image_before(p: HtmlElement) -> HtmlElement | None:
    """The block before `p` (comments aside) when it is an image with no text."""
    prev = p.getprevious()
    while prev is not None and not isinstance(prev.tag, str):  # comments between them
        prev = prev.getprevious()
    if prev is not None and (prev.tag == "img" or next(prev.iter("img", "picture"), None) is not None
                             and not prev.text_content().strip()):
        return prev
    return None


_CENTRED = re.compile(r"text-align\s*:\s*center", re.I)


def _centred(el: HtmlElement) -> bool:
    return bool(_CENTRED.search(el.get("style") or "")) or (el.get("align") or "").lower() == "center"


def _italic_captions(tree: HtmlElement) -> list[HtmlElement]:
    """Paragraphs set wholly in italics right under an image: the caption as a plain
    editor writes it (<p><img></p><p><em>Jane Doe at the pier in May. (AP)</em></p>);
    and paragraphs centred under a centred image, as Chinese outlets caption a photo
    (<p style="text-align: center"><img></p><p style="text-align: center">…</p>)."""
    out = []
    for em in tree.iter("em", "i"):
        p = em.getparent()
        if p is None or p.tag != "p" or len(p) != 1 or (p.text or "").strip() or (em.tail or "").strip():
            continue
        if _image_before(p) is not None:
            out.append(p)
    order: list[HtmlElement] = []  # paragraphs with text, in page order: read for a first candidate
    at: dict[HtmlElement, int] = {}
    for p in tree.iter("p"):
        if _centred(p) and (img := _image_before(p)) is not None and (img.tag == "img" or _centred(img)):
            if not at:
                order = [x for x in tree.iter("p") if x.text_content().strip()]
                at = {x: i for i, x in enumerate(order)}
            i = at.get(p)
            # a page that centres its paragraphs too (a poem, quotes of reviews) sets no
            # caption apart: the next paragraph with text, wherever it sits, is not centred
            if i is not None and (i + 1 == len(order) or not _centred(order[i + 1])):
                out.append(p)
    return out


_BOX_MAX = 300  # characters: an image's box with more text holds more than its caption
_BOX_LEVELS = 3  # elements up from an image to the box that holds its caption
# a quote with a photo is a testimonial's, a list item's text with a thumbnail the item's
_NOT_A_BOX = frozenset(("blockquote", "li"))


def _image_box_captions(tree: HtmlElement) -> list[HtmlElement]:
    """The texts of an image's own box, whatever its class names: the nearest element
    around an image that holds text, when that text is short (`_BOX_MAX`), the box
    holds no heading and is not mostly links (a round-up's product, a deal, a card)
    nor text of its own between its elements (a block of lines printed with <br>s,
    links and an image among them), and the image is not set in a <figure> (a page
    that uses them captions in a <figcaption>; text beside a figure is the story's, as
    in a media-and-text block). Each of the box's elements beside the image's is a
    line of the caption where trafilatura printed it as one. As CSS-in-JS sites
    caption a photo: <div><img><p>Jane Doe at the pier.</p><p>(AP Photo)</p></div>."""
    size = text_sizes()  # images of one gallery share their ancestors
    out: list[HtmlElement] = []
    boxes: set[HtmlElement] = set()
    for img in tree.iter("img"):
        branch, box = img, img.getparent()
        for _ in range(_BOX_LEVELS):
            if box is None or size(box):
                break
            branch, box = box, box.getparent()
        if box is None or box in boxes or box.tag in _NOT_A_BOX or next(branch.iter("figure"), None) is not None:
            continue
        boxes.add(box)
        n = size(box)
        if n > _BOX_MAX or next(box.iter(*HEADINGS), None) is not None \
                or sum(size(a) for a in box.iter("a")) * 2 > n \
                or (box.text or "").strip() or any((el.tail or "").strip() for el in box):
            continue
        out.extend(el for el in box if el is not branch and isinstance(el.tag, str) and size(el))
    return out


_PIECE_MAX = 40  # characters: a piece of a caption (a credit, its label), not a line of the story
_PIECES_LONG = 12  # characters: pieces this long together are a caption's wherever they sit in it
_PIECES_SHORT = 6  # characters: shorter pieces (not under this) are a caption's only where they close it


_STORY_BLOCKS = ("p", "h2", "h3", "h4", "h5", "h6")  # where a story prints a text a caption also holds


def _caption_pieces(text: str) -> list[tuple[str, list[str]]]:
    """Runs of two to four consecutive short lines, none ending a sentence, normalised
    (each with its text as " a b ", to be found among a caption's words): where a
    caption's credit comes out broken at its inner elements, the pieces of one caption's
    text in a row, `_PIECES_LONG` characters or more together, or fewer where they close
    the caption ("Image:" / "FBI)")."""
    norm = [_norm(ln) if len(ln) < _PIECE_MAX and ln.rstrip()[-1:] not in SENTENCE_END else "" for ln in text.split("\n")]
    runs: list[tuple[str, list[str]]] = []
    for i in range(len(norm)):
        for k in (2, 3, 4):
            run = norm[i : i + k]
            if len(run) == k and all(run) and len(joined := " ".join(run)) >= _PIECES_SHORT:
                runs.append((f" {joined} ", run))
    return runs


class CaptionLines(NamedTuple):
    """Lines of a text that are image captions: `marked` as one by the page (figcaption,
    a "caption" class, italics or centring under an image) and `boxed`, the texts of an
    image's own box, which the body stage gives back where they outweigh what the
    cleanup leaves: there the box was a brief's own block beside its photo."""

    marked: set[str]
    boxed: set[str]


def caption_texts(tree: HtmlElement, text: str) -> CaptionLines:
    """Lines of `text` that are image captions, or pieces of one (`_caption_pieces`),
    which the story does not also print as a paragraph or heading (some outlets caption
    a photo with a sentence of the story)."""
    lines = {_norm(ln) for ln in text.split("\n")}
    marked: set[str] = set()
    boxed: set[str] = set()
    inside: set[Any] = set()
    pieces: list[tuple[str, list[str]]] | None = None  # read for the first caption not printed whole
    found_in = [(el, marked) for el in _CAPTIONS(tree) + _italic_captions(tree)]
    for el, caps in found_in + [(el, boxed) for el in _image_box_captions(tree)]:
        t = _norm(el.text_content())
        if len(t) < 12:
            continue
        if t in lines:
            caps.add(t)
            inside.update(el.iter())
            continue
        if pieces is None:
            pieces = _caption_pieces(text)
        spaced = f" {t} "
        if found := [run for joined, run in pieces
                     if joined in spaced and (len(joined.strip()) >= _PIECES_LONG or spaced.endswith(joined))]:
            # a credit broken at the caption's inner elements ("Image:" / "Getty Images)")
            caps.update(n for run in found for n in run)
            inside.update(el.iter())
    if not marked and not boxed:
        return CaptionLines(marked, boxed)
    in_story = {_norm(p.text_content()) for p in tree.iter(*_STORY_BLOCKS) if p not in inside}
    return CaptionLines(marked - in_story, boxed - in_story - marked)
