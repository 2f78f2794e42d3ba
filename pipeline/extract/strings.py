"""Text normalisation shared by the extraction modules."""

from __future__ import annotations

import html as html_lib
import logging
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

import lxml.etree
import lxml.html
from lxml.html import HtmlElement

LOG = logging.getLogger(__name__)


# ---------------------------------------------------------------- helpers

_WS = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
# elements whose text no reader sees (a <select>'s options included: a menu's choices)
NOT_SHOWN = frozenset({"script", "style", "noscript", "template", "option"})
# elements a line of text runs through: a reader sees their text as part of the line
INLINE = frozenset({"a", "span", "b", "strong", "i", "em", "u", "small", "sup", "sub", "abbr", "cite", "q",
                    "mark", "time", "font", "code", "s", "del", "ins", "label"})
# text for screen readers only ("<span class=sr-only> (opens in new window)</span>"): not
# what the page shows
SCREEN_READER = re.compile(r"(?i)(?:^|\s)(?:screen-reader-text|sr-only|visually-?hidden)(?:$|\s)")
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def text_sizes() -> Callable[[HtmlElement], int]:
    """len(el.text_content().strip()), each element read once: the boxes around a
    page's fields or images share their ancestors."""
    sizes: dict[HtmlElement, int] = {}

    def size(el: HtmlElement) -> int:
        if el not in sizes:
            sizes[el] = len(el.text_content().strip())
        return sizes[el]

    return size


_ENTITY = re.compile(r"&(?:[A-Za-z]{2,8}|#\d{2,6}|#[xX][0-9A-Fa-f]{2,5});")


# a tag written into a statement's text: some CMSs put the byline's or the headline's
# markup into JSON-LD and meta tags ("<em>Putin</em> and Xi ...", "<a href=...>Jane Roe</a>")
_MARKUP = re.compile(r"</?([A-Za-z][\w:-]*)(?:\s[^<>]*)?/?>")


def _without_markup(s: str) -> str:
    return _MARKUP.sub(lambda m: "" if m.group(1).lower() in INLINE else " ", s)


def _clean(s: str | None) -> str | None:
    """A statement's text as a reader would see it: entities unescaped, markup taken out,
    white space collapsed."""
    if s is None:
        return None
    if "<" in s:
        s = _without_markup(s)
    if "&" in s and _ENTITY.search(s):
        s = html_lib.unescape(s)  # statements escaped twice ("D&amp;D" inside JSON-LD)
        s = _without_markup(s) if "<" in s else s
    s = _WS.sub(" ", unicodedata.normalize("NFC", s)).strip()
    return s or None


def cached_for_short(maxsize: int, max_len: int = 1000) -> Callable[[Callable[[str], str]], Callable[[str], str]]:
    """A text function cached for texts up to `max_len` characters: the rules normalise
    the same lines again and again, and a bound on both entries and length keeps the
    cache's memory small."""
    def wrap(fn: Callable[[str], str]) -> Callable[[str], str]:
        cached = lru_cache(maxsize=maxsize)(fn)
        return lambda s: cached(s) if len(s) <= max_len else fn(s)
    return wrap


@cached_for_short(8192)  # ~100k calls over the bench's 249 pages, a third of them distinct
def _words(s: str) -> str:
    return " ".join(_WORD.findall(s.casefold()))


def _norm(s: str | None) -> str:
    """The text's words, casefolded, one space apart: how the rules compare texts."""
    return _words(s) if s else ""


# characters libxml2 refuses (trafilatura.utils.INVALID_XML_CHARS)
_INVALID_XML = (*(chr(c) for c in (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20))), "\ufffe", "\uffff")


def _load_tree(html: str) -> HtmlElement | None:
    """The page as trafilatura's `load_html` parses it, the same tree. Its regex pass
    stripping characters libxml2 refuses costs ~1 ms on a 300 kB page that almost never
    has one; a substring test per character finds none several times faster."""
    from trafilatura.utils import load_html

    try:
        if isinstance(html, str) and not any(c in html for c in _INVALID_XML):
            return _load_clean(html)
        return load_html(html)
    except Exception as exc:  # noqa: BLE001 - lxml raises assorted errors on junk
        LOG.debug("unparseable HTML: %s", exc)
        return None


@lru_cache(maxsize=1)
def _parser() -> lxml.html.HTMLParser:
    """trafilatura's HTML_PARSER (its options), with lxml.html's element classes looked
    up in C: lxml.html's own lookup is a Python method, called for each element object
    created, which every walk over the tree creates anew (~0.3 us an element)."""
    default = lxml.etree.ElementDefaultClassLookup(
        element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment,
        pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity,
    )
    lookup = lxml.etree.ElementNamespaceClassLookup(default)
    lookup.get_namespace(None).update(lxml.html.HtmlElementClassLookup._default_element_classes)  # form, input, ...
    parser = lxml.html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True)
    parser.set_element_class_lookup(lookup)
    return parser


def _load_clean(html: str) -> HtmlElement | None:
    """trafilatura 2.3.1 `load_html` for a string without refused characters (its
    steps in its order, the stripping pass left out)."""
    from trafilatura.utils import DOCTYPE_TAG, FAULTY_HTML, fromstring_bytes

    beginning = html[:50].lower()
    dubious = "html" not in beginning
    if "doctype" in beginning:  # libxml2 chokes on a doctype with a slash
        firstline, _, rest = html.partition("\n")
        html = DOCTYPE_TAG.sub("", firstline, count=1) + "\n" + rest
    for line in html[:4096].splitlines()[:4]:  # a self-closing <html/> in the first lines
        if "<html" in line and line.endswith("/>"):
            html = FAULTY_HTML.sub(r"\1>", html, count=1)
            break
    tree: HtmlElement | None = None
    fallback = False
    try:
        tree = lxml.html.fromstring(html, parser=_parser())
    except ValueError:  # a string with an encoding declaration
        tree = fromstring_bytes(html)
        fallback = True
    except Exception as exc:  # noqa: BLE001 - as load_html: logged, then the bytes pass
        LOG.debug("lxml parsing failed: %s", exc)
    if (tree is None or len(tree) < 1) and not fallback:
        tree = fromstring_bytes(html)
    if tree is not None and dubious and len(tree) < 2:
        return None  # not HTML at all
    return tree


def _html_fragment_text(s: str) -> str:
    """JSON-LD articleBody sometimes carries HTML: keep its text, one line per block."""
    if "<" not in s or ">" not in s:
        return s
    try:
        frag = lxml.html.fragment_fromstring(s, create_parent="div")
    except Exception:  # noqa: BLE001
        return re.sub(r"<[^>]+>", " ", s)
    for br in frag.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for el in frag.iter("p", "div", "li", "h1", "h2", "h3", "h4", "blockquote"):
        el.tail = "\n" + (el.tail or "")
    return frag.text_content()


def _paragraphs(text: str) -> str:
    lines = (_WS.sub(" ", ln).strip() for ln in text.replace("\r", "\n").split("\n"))
    return "\n".join(ln for ln in lines if ln)


_SENTENCE_END = tuple('.!?"”’)。！？」』')
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# Chinese and Japanese characters: scripts written without spaces between words (Korean has them)
HAN_KANA = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_KANA_CHAR = re.compile(f"[{HAN_KANA}]")


def _weight(s: str) -> int:
    """Length in Latin-letter terms: a Chinese, Japanese or Korean character carries
    about as much as three Latin letters, so "short" means the same in every script."""
    if s.isascii():  # a flag of the string, read at no cost: most lines are
        return len(s)
    return len(s) + 2 * len(_CJK.findall(s))


def _is_prose(line: str) -> bool:
    """Whether a line reads as running prose: long (80 in `_weight`) and ending a
    sentence; menus, labels, headings and credits are not. A row of one table cell is
    prose when its text is (trafilatura prints it "| Answer. |"); a row of several
    cells ("| name | 1 year | Sets a cookie. |") is a table's."""
    end = line.rstrip()
    if end.endswith(" |") and end.lstrip().startswith("| ") and " | " not in end:
        end = end[:-2].rstrip()
    return _weight(line) >= 80 and end.endswith(_SENTENCE_END)

