"""Bytes to text for HTML and XML pages.

Order: BOM, HTTP charset, `<meta>`/XML declaration in the first 4 KB, then
detection. Declarations are validated rather than trusted, because news sites
get them wrong in a few recurring ways this module handles explicitly:

* gb2312 declared, GBK/GB18030 bytes used (names such as 镕 喆 堃) -> gb18030;
* server default iso-8859-1/ascii on a page in another script -> meta/detection;
* UTF-8 bytes under a cp1251 (or other legacy) label, and the reverse;
* cp1251 vs KOI8-R, which detectors confuse: settled by Russian letter
  frequencies and case pattern.

`decode_html` never raises; the worst case is a replacement-character decode.
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

import charset_normalizer


class Decoded(NamedTuple):
    text: str
    encoding: str  # Python codec name, e.g. "utf-8", "cp1251", "gb18030"
    method: str  # "bom" | "header" | "meta" | "detected" | "fallback"

    @property
    def source(self) -> str:
        """Alias of `method` (the name docs/architecture.md uses)."""
        return self.method


META_SCAN_BYTES = 4096
DETECT_SAMPLE_BYTES = 256_000

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Labels whose real-world use is a superset: decode with the superset.
_SUPERSETS = {
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
    "csgb2312": "gb18030", "chinese": "gb18030", "cp936": "gb18030", "euc-cn": "gb18030",
    "iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "iso8859-1": "cp1252",
    "l1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252", "iso-8859-15": "cp1252",
    "big5": "big5hkscs", "shift_jis": "cp932", "sjis": "cp932", "x-sjis": "cp932",
    "euc-kr": "cp949", "ks_c_5601-1987": "cp949", "iso-8859-9": "cp1254", "tis-620": "cp874",
    "x-user-defined": "cp1252", "unicode": "utf-8", "utf8": "utf-8",
}
# Declarations servers emit by default, so weak evidence about the page.
_WEAK = {"cp1252"}
_CYRILLIC = ("cp1251", "koi8-r", "koi8-u", "iso8859-5", "cp866", "mac-cyrillic")

_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_META = re.compile(rb"<meta\s[^>]*>", re.I)
_META_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']""", re.I)
_SCRIPT_STYLE = re.compile(rb"<(script|style)\b.*?</\1\s*>", re.I | re.S)
_TAG = re.compile(rb"<[^>]*>")

# Most frequent lower-case Russian letters (about 60 % of letters in running text).
_RU_COMMON = set("оеаинтсрвлкм")


def normalize_encoding(label: str | None) -> str | None:
    """Python codec name for a charset label (with superset mapping), or None."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _SUPERSETS.get(label, label)
    if label.startswith("windows-"):
        label = "cp" + label[8:]
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return _SUPERSETS.get(name, name)


def charset_from_content_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    match = _HEADER_CHARSET.search(content_type)
    return match.group(1) if match else None


def charset_from_markup(head: bytes) -> tuple[str, str] | None:
    """Charset declared by an XML declaration or `<meta>` in `head`: (label, method)."""
    match = _XML_DECL.match(head)
    if match:
        return match.group(1).decode("ascii", "replace"), "meta"
    for tag in _META.finditer(head):
        found = _META_CHARSET.search(tag.group(0))
        if found:
            return found.group(1).decode("ascii", "replace"), "meta"
    return None


def _visible_bytes(body: bytes) -> bytes:
    """Rough text content: markup and scripts are ASCII and would dilute statistics."""
    return _TAG.sub(b" ", _SCRIPT_STYLE.sub(b" ", body))


def _high_ratio(body: bytes) -> float:
    """Share of non-ASCII bytes among letters and high bytes in the visible text."""
    visible = _visible_bytes(body)
    high = sum(1 for b in visible if b >= 0x80)
    letters = sum(1 for b in visible if 0x61 <= (b | 0x20) <= 0x7A)
    return high / (high + letters) if high else 0.0


def _is_utf8(body: bytes) -> bool:
    """Valid UTF-8 with real multi-byte content (a cap may cut the last character)."""
    if not any(b >= 0x80 for b in body):
        return False
    try:
        body.decode("utf-8")
        return True
    except UnicodeDecodeError as exc:
        return exc.start >= len(body) - 3 and exc.reason == "unexpected end of data"


def _bad_ratio(text: str) -> float:
    """Share of replacement/control characters among non-ASCII characters."""
    non_ascii = 0
    bad = 0
    for ch in text:
        if ch >= "\x80":
            non_ascii += 1
            if ch == "\ufffd" or "\x80" <= ch <= "\x9f":
                bad += 1
    return bad / non_ascii if non_ascii else 0.0


def _decode(body: bytes, encoding: str) -> str:
    return body.decode(encoding, errors="replace")


def russian_score(text: str) -> float:
    """How much `text` looks like correctly decoded Russian, 0..1.

    Mis-decoded KOI8-R/cp1251 yields mostly upper-case, rare letters; real
    Russian is mostly lower-case with о е а и н т … dominating.
    """
    letters = [ch for ch in text if "\u0400" <= ch <= "\u04ff"]
    if not letters:
        return 0.0
    lower = sum(1 for ch in letters if ch.islower())
    common = sum(1 for ch in letters if ch in _RU_COMMON)
    return 0.5 * lower / len(letters) + 0.5 * min(1.0, common / (0.6 * len(letters)))


def _cyrillic_fix(body: bytes, encoding: str, text: str) -> tuple[str, str] | None:
    """A better Cyrillic code page for `body`, when `encoding` is one and loses clearly."""
    if encoding not in _CYRILLIC:
        return None
    best_score, best = russian_score(text), None
    for candidate in _CYRILLIC:
        if candidate == encoding:
            continue
        other = _decode(body, candidate)
        score = russian_score(other)
        if score > best_score + 0.15:
            best_score, best = score, (other, candidate)
    return best


def _detect(body: bytes) -> tuple[str, str] | None:
    """charset-normalizer's guess (as text, codec), with Cyrillic and GB fixes applied."""
    as_utf8 = _decode(body, "utf-8")
    if _is_utf8(body) or _bad_ratio(as_utf8) < 0.05:  # UTF-8 with a few broken sequences
        return as_utf8, "utf-8"
    try:
        match = charset_normalizer.from_bytes(body[:DETECT_SAMPLE_BYTES]).best()
    except Exception:  # detection is best effort
        match = None
    encoding = normalize_encoding(match.encoding) if match is not None else None
    if encoding is None or (encoding.startswith(("utf-16", "utf-32")) and b"\x00" not in body):
        return None  # UTF-16 without NULs is a detector artefact on short bodies
    text = _decode(body, encoding)
    fixed = _cyrillic_fix(body, encoding, text)
    if fixed is None and _high_ratio(body) > 0.5 and encoding not in _CYRILLIC:
        # Detector picked some other single-byte page; a near-perfect Russian
        # reading of the same bytes is far more likely on a news site.
        for candidate in ("cp1251", "koi8-r"):
            other = _decode(body, candidate)
            if russian_score(other) > 0.85 and _bad_ratio(other) < 0.01:
                fixed = (other, candidate)
                break
    return fixed or (text, encoding)


def _fits(body: bytes, encoding: str, text: str) -> bool:
    """Whether a declared `encoding` is plausible for `body`."""
    if encoding.startswith("utf-8"):
        return _is_utf8(body) or _bad_ratio(text) < 0.01
    if encoding.startswith(("utf-16", "utf-32")):
        return _bad_ratio(text) < 0.01 and "\x00" not in text
    if _is_utf8(body):
        return False  # legacy label on UTF-8 bytes: the bytes win
    if _bad_ratio(text) > 0.02:
        return False
    if encoding in _WEAK and _high_ratio(body) > 0.3:
        return False  # Western text is mostly ASCII letters; this is another script
    return True


def decode_html(body: bytes, content_type: str | None = None) -> Decoded:
    """Decode an HTML/XML body to text; never raises."""
    try:
        return _decode_html(body, content_type)
    except Exception:  # a last resort keeps the pipeline going
        return Decoded(_decode(body, "utf-8"), "utf-8", "fallback")


def _decode_html(body: bytes, content_type: str | None) -> Decoded:
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return Decoded(_decode(body[len(bom):], encoding), encoding, "bom")

    declared: list[tuple[str, str]] = []
    header = normalize_encoding(charset_from_content_type(content_type))
    if header:
        declared.append((header, "header"))
    found = charset_from_markup(body[:META_SCAN_BYTES])
    if found:
        meta = normalize_encoding(found[0])
        if meta and meta.startswith(("utf-16", "utf-32")):
            meta = "utf-8"  # we read the declaration as ASCII, so it cannot be UTF-16
        if meta and all(meta != enc for enc, _ in declared):
            declared.append((meta, found[1]))

    for encoding, method in declared:
        text = _decode(body, encoding)
        if _fits(body, encoding, text):
            fixed = _cyrillic_fix(body, encoding, text)
            if fixed:
                return Decoded(fixed[0], fixed[1], "detected")
            return Decoded(text, encoding, method)

    if not any(b >= 0x80 for b in body):
        return Decoded(body.decode("ascii"), "utf-8", declared[0][1] if declared else "detected")
    detected = _detect(body)
    if detected:
        return Decoded(detected[0], detected[1], "detected")
    return Decoded(_decode(body, "utf-8"), "utf-8", "fallback")
