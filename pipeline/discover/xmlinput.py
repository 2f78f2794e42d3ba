"""Feed and sitemap bytes to an XML tree, safely and leniently: defusedxml refuses entity
declarations (XXE, billion laughs); a legacy encoding declared (GBK, windows-1251) is
transcoded for expat, gb2312 and GBK read as GB18030; gzip is capped at the sitemap
protocol's 50 MB; malformed but entity-free XML (a stray `&`, a truncated tail) gets a
second chance through a tolerant tag parser.
"""

from __future__ import annotations

import re
import zlib
from functools import lru_cache
from html.parser import HTMLParser
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from .items import DocumentError

MAX_DECOMPRESSED = 50_000_000  # the sitemap protocol's 50 MB uncompressed limit
_XML_DECL_ENCODING = re.compile(r"""^(\s*<\?xml[^>]*?encoding\s*=\s*["'])([A-Za-z0-9._-]+)""")
_NATIVE = {"utf-8", "utf8", "us-ascii", "ascii", "utf-16", "utf-16le", "utf-16be", "iso-8859-1", "latin-1"}
_WIDER = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030"}


def _declared_encoding(body: bytes) -> str | None:
    m = _XML_DECL_ENCODING.match(body[:300].decode("latin-1"))
    return m.group(2).lower() if m else None


def _codec(enc: str | None) -> str:
    return _WIDER.get(enc or "utf-8", enc or "utf-8")


def _to_expat_encoding(body: bytes) -> bytes:
    """Transcode GBK/GB2312, windows-1251 etc. to UTF-8: expat rejects
    multi-byte legacy encodings, which Chinese feeds still use."""
    enc = _declared_encoding(body)
    if not enc or enc in _NATIVE or body.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return body
    try:
        text = body.decode(_codec(enc), errors="replace")
    except LookupError:
        return body
    return _XML_DECL_ENCODING.sub(r"\g<1>utf-8", text, count=1).encode("utf-8")


def gunzip(body: bytes, limit: int = MAX_DECOMPRESSED) -> bytes:
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(body, limit + 1)
    except zlib.error as exc:
        raise DocumentError(f"bad gzip: {exc}") from None
    if len(out) > limit or d.unconsumed_tail:
        raise DocumentError(f"gzip expands beyond {limit} bytes")
    return out


_ENTRY_TAGS = frozenset({"item", "entry", "url", "sitemap"})


class _TolerantTree(HTMLParser):
    """Builds an Element tree from tag soup: unknown/unbalanced tags are fine,
    nothing is ever resolved or expanded. Tag names come out lower-cased."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        el = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].append(el)
        if not (local(tag) == "link" and "href" in el.attrib):  # Atom/HTML <link href> is void
            self.stack.append(el)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].append(Element(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        el = self.stack[-1]
        el.text = (el.text or "") + data

    def unknown_decl(self, data: str) -> None:
        if data.startswith("CDATA["):
            self.handle_data(data[6:])

    def close(self) -> None:
        """Drop entries still open at EOF: a truncated body's last entry may
        carry a cut-off URL."""
        super().close()
        for parent, el in zip(self.stack, self.stack[1:]):
            if local(el.tag) in _ENTRY_TAGS:
                parent.remove(el)
                break


def _lenient_root(body: bytes) -> Element:
    try:
        text = body.decode(_codec(_declared_encoding(body)), errors="replace")
    except LookupError:
        text = body.decode("utf-8", errors="replace")
    tree = _TolerantTree()
    tree.feed(text)
    tree.close()
    first = next(iter(tree.root), None)
    if first is None or local(first.tag) == "html":
        raise DocumentError("not a feed or sitemap")
    return first


def parse_root(body: bytes) -> tuple[Element, str | None]:
    """Safe parse; on malformed (but entity-free) XML a tolerant parse, returned
    with the reason it was needed."""
    try:
        return SafeET.fromstring(_to_expat_encoding(body), forbid_dtd=False, forbid_entities=True, forbid_external=True), None
    except DefusedXmlException as exc:
        raise DocumentError(f"unsafe XML refused: {type(exc).__name__}") from None
    except (ParseError, ValueError) as exc:
        if b"<!entity" in body.lower():
            raise DocumentError(f"malformed XML with entity declarations: {exc}") from None
        reason = f"malformed XML: {exc}"
    try:
        return _lenient_root(body), reason
    except DocumentError as exc:
        raise DocumentError(f"{reason}; {exc}") from None


@lru_cache(maxsize=4096)
def local(tag: object) -> str:
    """Namespace- and prefix-free lower-case tag name (works for both trees)."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()
