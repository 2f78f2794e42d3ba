"""Which script a text is written in, letter by letter, and the sample of a page that
is classified (title and the start of the text, without URLs and entities).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict

SAMPLE_CHARS = 3000
"""Classify at most this many characters (title + start of text): fast, and plenty."""


def script_of(ch: str) -> str | None:
    """Coarse script of a letter (None for non-letters)."""
    o = ord(ch)
    if o < 0x250:
        return "latin" if ch.isalpha() else None
    if 0x400 <= o <= 0x52F or 0x1C80 <= o <= 0x1C8F or 0x2DE0 <= o <= 0x2DFF or 0xA640 <= o <= 0xA69F:
        return "cyrillic"
    if 0x3040 <= o <= 0x30FF or 0x31F0 <= o <= 0x31FF or 0xFF66 <= o <= 0xFF9F:
        return "kana"
    if 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F:
        return "hangul"
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x2FA1F or ch == "々":
        return "han"
    if not ch.isalpha():
        return None
    if 0x1E00 <= o <= 0x1EFF or 0xFF21 <= o <= 0xFF5A:
        return "latin"
    if 0x370 <= o <= 0x3FF or 0x1F00 <= o <= 0x1FFF:
        return "greek"
    if 0x590 <= o <= 0x5FF:
        return "hebrew"
    if 0x530 <= o <= 0x58F:
        return "armenian"
    if 0x10A0 <= o <= 0x10FF:
        return "georgian"
    if 0xE00 <= o <= 0xE7F:
        return "thai"
    return "other"


# Scripts that name their language outright.
SCRIPT_LANGUAGE = {"greek": "el", "hebrew": "he", "armenian": "hy", "georgian": "ka", "thai": "th", "hangul": "ko"}
_WORD = re.compile(r"[^\W\d_]+")
_CJK = ("han", "kana", "hangul")


def main_script(sample: str) -> str:
    """The script the text is written in, counted in words, not letters.

    A CJK character counts as most of a word. Capitalized Latin words in a
    text that also has other scripts are mostly names and brands (PlayStation,
    NetBIOS), so they count less: a Kazakh sentence about game consoles is Kazakh.
    """
    weights: defaultdict[str, float] = defaultdict(float)
    latin_caps = 0.0
    for word in _WORD.findall(sample):
        kinds = Counter(k for k in map(script_of, word) if k)
        if not kinds:
            continue
        cjk = sum(kinds[k] for k in _CJK)
        for k in _CJK:
            if kinds[k]:
                weights[k] += 0.7 * kinds[k]
        if cjk:
            continue
        kind = kinds.most_common(1)[0][0]
        if kind == "latin" and word[0].isupper():
            latin_caps += 1
        else:
            weights[kind] += 1
    if len(weights) > 1 or (weights and "latin" not in weights):
        weights["latin"] += 0.3 * latin_caps
    else:
        weights["latin"] += latin_caps
    return max(weights, key=weights.__getitem__) if weights else "other"


_NOISE = re.compile(r"https?://\S+|www\.\S+|\S+@\S+\.\w+|&[a-z]+;|&#\d+;")


def text_sample(text: str, title: str | None) -> str:
    body = f"{title}\n{text}" if title else text
    body = unicodedata.normalize("NFC", body[: SAMPLE_CHARS + 500])
    body = _NOISE.sub(" ", body)
    # Drop combining marks (Russian stress accents etc.) so letters compare cleanly.
    body = "".join(ch for ch in body if unicodedata.category(ch) != "Mn")
    return re.sub(r"\s+", " ", body).strip()[:SAMPLE_CHARS]
