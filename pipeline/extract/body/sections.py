"""Section headings and lists that sit between two paragraphs of the story.

When trafilatura's main pass finds no article frame it recovers the page's loose
paragraphs, and only paragraphs: the story's subheadings ("Create guides with
statistics") and bulleted lists between them are lost. A heading or list whose
neighbours in the same container are consecutive paragraphs of the extracted text
belongs to the story, unless it is page furniture (link lists, related/promo
blocks), and is put back where the page shows it. A subheading need not be an <h2>:
an element marked `role="heading"`, or a short text-only element whose class names it
a subheading ("subhead", "crosshead", "intertitle"), counts as one; and pages that
print their paragraphs as <div>s are read the same way beside a heading.
"""

from __future__ import annotations

import re
import unicodedata

import lxml.etree
from lxml.html import HtmlElement

from ..sites import links_out, site_of
from ..strings import cached_for_short

_KINDS = {"h2", "h3", "h4", "ul", "ol"}
_FURNITURE_CLASS = re.compile(
    r"(?i)related|promo|newsletter|subscribe|advert|\bads?\b|share|social|recommend|sidebar|widget|embed|tweet|caption|toc\b"
)
_WORDS = re.compile(r"\w+")
# a CMS's name for a subheading printed as a <div>/<span> ("story_subheadline", "article-subhead")
_HEADING_CLASS = re.compile(r"(?i)(?:^|[\s_-])(?:sub-?head(?:line|ing|er)?|cross-?head(?:ing)?|inter-?title)(?:$|[\s_-])")
_BLOCKS = frozenset(
    {"p", "div", "ul", "ol", "li", "table", "figure", "section", "article", "aside", "img", "iframe", "h1", "h2", "h3", "h4"}
)
_MAX_HEADING = 150  # characters: longer is a paragraph or a box, not a subheading


def _is_heading_like(el: HtmlElement) -> bool:
    """A subheading not written as <h2>-<h4>: ARIA `role="heading"`, or a short element
    of text only (no nested blocks) whose class names it a subheading."""
    cls = el.get("class") or ""
    if not (("ead" in cls or "itle" in cls) and _HEADING_CLASS.search(cls)) and el.get("role") != "heading":
        return False
    return len(_text(el)) <= _MAX_HEADING and not any(c.tag in _BLOCKS for c in el.iterdescendants() if isinstance(c.tag, str))


@cached_for_short(4096)  # both restorations key every line of the text
def _key(text: str) -> str:
    """The words of a line, compatibility-normalised and casefolded: a paragraph as the
    text and the page print it alike."""
    return " ".join(_WORDS.findall(unicodedata.normalize("NFKC", text).casefold()))


def _text(el: HtmlElement) -> str:
    return " ".join(el.text_content().split())


def _shown(el: HtmlElement) -> str:
    """The text of an element put back, as the reader sees it (CSS-in-JS pages put a
    <style> inside their headings)."""
    if next(el.iter("style", "script"), None) is not None:
        return " ".join(" ".join(_VISIBLE(el)).split())
    return _text(el)


_VISIBLE = lxml.etree.XPath(".//text()[not(ancestor::style) and not(ancestor::script)]")


def _mostly_links(el: HtmlElement, text: str, site: str = "") -> bool:
    """Whether the element is mostly links to the site's own pages (a list of other
    stories). Links out to other sites (a round-up's shops, a deals post's offers)
    are the list's content and do not count, nor do links to a place on the page (a
    heading's link to itself)."""
    linked = sum(
        len(_text(a)) for a in el.iter("a")
        if not links_out(a.get("href") or "", site) and not (a.get("href") or "").startswith("#")
    )
    return linked > 0.5 * max(len(text), 1)


def _lines_of(el: HtmlElement) -> list[str]:
    if el.tag in ("ul", "ol"):
        return ["- " + t for t in (_shown(li) for li in el.iter("li")) if t]
    t = _shown(el)
    return [t] if t else []


def _line_of(el: HtmlElement, at: dict[str, int]) -> int | None:
    """Index of the text's line that is this element's text (a container far longer
    than a paragraph is none, and not worth normalising)."""
    t = _text(el)
    return at.get(_key(t)) if len(t) <= _MAX_PARAGRAPH else None


_MAX_PARAGRAPH = 5000


def lines_at(text: str) -> tuple[list[str], dict[str, int]]:
    """The text's lines, and the index of the first line of each key (`_key`): where a
    restoration finds a paragraph of the page in the text."""
    lines = text.split("\n")
    at: dict[str, int] = {}
    for i, line in enumerate(lines):
        k = _key(line)
        if k:
            at.setdefault(k, i)
    return lines, at


def held(key: str, have: set[str]) -> bool:
    """Whether a line of this key (`_key`) is in the text already, alone or as part of
    a longer line: a restoration puts back only what the text lacks."""
    return key in have or any(key in h for h in have if len(h) > len(key))


def with_lines_added(text: str, lines: list[str], before: dict[int, list[str]],
                     after: dict[int, list[str]] | None = None) -> str:
    """`text` (split as `lines`) with the lines a restoration found put before and after
    the line of each index; `text` itself when it found none."""
    if not before and not after:
        return text
    out: list[str] = []
    for i, line in enumerate(lines):
        out.extend(before.get(i, ()))
        out.append(line)
        out.extend((after or {}).get(i, ()))
    return "\n".join(out)


def restore_between(tree: HtmlElement, text: str, url: str = "") -> str:
    """`text` (one paragraph a line) with the missing headings and lists put back;
    `url` (the page's) tells links out from links within the site."""
    site = site_of(url) if url else ""
    lines, at = lines_at(text)
    if len(at) < 2:
        return text
    before: dict[int, list[str]] = {}
    seen_parents = set()
    for p in tree.iter("p", "h2", "h3", "h4"):
        parent = p.getparent()
        if parent is None or parent in seen_parents:
            continue
        seen_parents.add(parent)
        kids = [c for c in parent if isinstance(c.tag, str)]
        cand = {n for n, c in enumerate(kids) if c.tag in _KINDS or _is_heading_like(c)}
        if not cand:
            continue
        # the story's paragraphs: <p>s, and beside a heading or list any other element
        # (pages that print paragraphs as <div>s); read only there, to keep it cheap
        near = {m for n in cand for m in (n - 2, n - 1, n + 1, n + 2)}
        found = [(n, _line_of(c, at)) for n, c in enumerate(kids) if n not in cand and (c.tag == "p" or n in near)]
        placed = [(n, i) for n, i in found if i is not None]
        for (n1, i1), (n2, i2) in zip(placed, placed[1:]):
            if i2 != i1 + 1:
                continue  # only between paragraphs that the text has side by side
            for n in range(n1 + 1, n2):
                el = kids[n]
                if n not in cand or _FURNITURE_CLASS.search(f"{el.get('class', '')} {el.get('id', '')}"):
                    continue
                t = _text(el)
                if not t or _mostly_links(el, t, site):
                    continue
                new = [ln for ln in _lines_of(el) if _key(ln) and _key(ln) not in at]
                if new:
                    before.setdefault(i2, []).extend(new)
    return with_lines_added(text, lines, before)


_TAIL_HOSTS = frozenset({"div", "ul", "ol", "aside", "section", "figure", "table", "blockquote", "iframe", "script"})
# the same blocks, and custom elements (a hyphen in the name, as the HTML standard asks of
# them: an ad slot, a gallery promo a CMS's scripts fill), in page order
_TAIL_HOST_PATH = lxml.etree.XPath(" | ".join(f"//{t}" for t in sorted(_TAIL_HOSTS)) + " | //*[contains(local-name(), '-')]")
_LINE_BREAKS = frozenset({"br", "hr"})


def _text_before(el: HtmlElement) -> str:
    """The nearest text before `el` in its parent: a preceding sibling's tail or text,
    else the parent's own opening text."""
    for sib in el.itersiblings(preceding=True):
        if sib.tail and sib.tail.strip():
            return " ".join(sib.tail.split())
        if isinstance(sib.tag, str) and sib.tag not in ("script", "style"):
            t = _text(sib)
            if t:
                return t
    parent = el.getparent()
    return " ".join((parent.text or "").split()) if parent is not None else ""


def _line_after(el: HtmlElement) -> str:
    """The line `el`'s tail opens where paragraphs are <br> lines: the tail and the inline
    elements after it, up to a <br> or a block ("subject of <a>persistent chatter</a>.")."""
    parts = [el.tail or ""]
    for sib in el.itersiblings():
        if isinstance(sib.tag, str):
            if sib.tag in _BLOCKS or sib.tag in _LINE_BREAKS or "-" in sib.tag:
                break
            parts.append(sib.text_content())
        parts.append(sib.tail or "")
    return " ".join("".join(parts).split())


def _line_before(el: HtmlElement) -> str:
    """The <br> line before `el` (`_line_after` read backwards, past the <br>s between
    the two lines): the line a tail of `el` follows where the nearest text is a link's
    tail ("." after "<a>persistent chatter</a>")."""
    parts: list[str] = []
    for sib in el.itersiblings(preceding=True):
        parts.append(sib.tail or "")
        if not isinstance(sib.tag, str):
            continue
        if sib.tag in _LINE_BREAKS:
            if "".join(parts).strip():
                break
            continue
        if sib.tag in _BLOCKS or "-" in sib.tag:
            break
        parts.append(sib.text_content())
    else:
        parent = el.getparent()
        parts.append(parent.text or "" if parent is not None else "")
    return " ".join("".join(reversed(parts)).split())


def restore_tails(tree: HtmlElement, text: str) -> str:
    """`text` with the story's paragraphs that a CMS printed as bare text right after an
    inserted block (a related-stories box, an embed, an ad slot, a custom element) put
    back: the tail of that block, which trafilatura drops with the block. A custom
    element's tail opens a <br> line, read to its end through its links (`_line_after`)
    and found after the line before the element (`_line_before`). Only running prose
    (long, ending a sentence) directly after a paragraph the text already has (or one put
    back before it) goes back, after that paragraph."""
    from ..strings import _is_prose

    lines = text.split("\n")
    keys = [_key(ln) for ln in lines]
    have = set(keys)
    anchors = [(k, n) for n, k in enumerate(keys) if k]  # a line put back anchors the next
    after: dict[int, list[str]] = {}
    for el in _TAIL_HOST_PATH(tree):
        tail = el.tail
        if not tail or not tail.strip():
            continue
        custom = "-" in el.tag  # an element of a <br>-lines template: its tail opens a line
        t = _line_after(el) if custom else " ".join(tail.split())
        if len(t if custom else tail) < 80:
            continue
        k = _key(t)
        if not _is_prose(t) or held(k, have):
            continue
        prev = _key(_text_before(el))
        if len(prev) < 20 and custom:
            prev = _key(_line_before(el))
        if len(prev) < 20:
            continue
        i = next((n for line, n in anchors if line.endswith(prev) or prev.endswith(line)), None)
        if i is not None:
            after.setdefault(i, []).append(t)
            have.add(k)
            anchors.append((k, i))
    if not after:
        return text
    out: list[str] = []
    for i, line in enumerate(lines):
        out.append(line)
        out.extend(after.get(i, ()))
    return "\n".join(out)
