"""Text normalisation shared by the extraction modules."""

from __future__ import annotations

import html as html_lib
import logging
import re
import unicodedata

import lxml.etree
import lxml.html
from lxml.html import HtmlElement

LOG = logging.getLogger(__name__)


# ---------------------------------------------------------------- helpers

_WS = re.compile(r"\s+")
_NONWORD = re.compile(r"\W+")


_ENTITY = re.compile(r"&(?:[A-Za-z]{2,8}|#\d{2,6}|#[xX][0-9A-Fa-f]{2,5});")


def _clean(s: str | None) -> str | None:
    if s is None:
        return None
    if "&" in s and _ENTITY.search(s):
        s = html_lib.unescape(s)  # statements escaped twice ("D&amp;D" inside JSON-LD)
    s = _WS.sub(" ", unicodedata.normalize("NFC", s)).strip()
    return s or None


def _norm(s: str | None) -> str:
    return _NONWORD.sub(" ", (s or "").casefold()).strip()


def _load_tree(html: str) -> HtmlElement | None:
    from trafilatura.utils import load_html

    try:
        return load_html(html)
    except Exception as exc:  # noqa: BLE001 - lxml raises assorted errors on junk
        LOG.debug("unparseable HTML: %s", exc)
        return None


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


def _weight(s: str) -> int:
    """Length in Latin-letter terms: a Chinese, Japanese or Korean character carries
    about as much as three Latin letters, so "short" means the same in every script."""
    return len(s) + 2 * len(_CJK.findall(s))

