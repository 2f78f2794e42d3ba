"""Language codes: aliases and locales to ISO 639-1 (`normalize_code`), and the
translation route a language takes (`route_of`).
"""

from __future__ import annotations

import re

ROUTES = ("ru", "zh", "en")
_ALIASES = {
    # ISO 639-2/3 and legacy codes pages still declare
    "rus": "ru", "zho": "zh", "chi": "zh", "cmn": "zh", "yue": "zh", "wuu": "zh", "lzh": "zh",
    "eng": "en", "ukr": "uk", "bel": "be", "bul": "bg", "mkd": "mk", "mac": "mk", "srp": "sr",
    "kaz": "kk", "mon": "mn", "khk": "mn", "jpn": "ja", "kor": "ko", "deu": "de", "ger": "de",
    "fra": "fr", "fre": "fr", "spa": "es", "iw": "he", "in": "id", "ji": "yi", "jw": "jv",
    "mo": "ro", "sh": "sr", "no": "nb", "fil": "tl",
}


def normalize_code(code: str | None) -> str | None:
    """'zh-Hans', 'zh_TW', 'ru-RU', 'be-tarask', 'rus' -> 'zh', 'zh', 'ru', 'be', 'ru'.

    Returns None for empty or meaningless values ('und', 'x-default', '*').
    """
    if not code:
        return None
    primary = re.split(r"[-_.@\s]", code.strip().lower(), maxsplit=1)[0]
    primary = _ALIASES.get(primary, primary)
    if primary in ("", "und", "x", "i", "mul", "zxx", "mis", "*") or not primary.isalpha():
        return None
    if len(primary) not in (2, 3):
        return None
    return primary


def route_of(code: str) -> str:
    """Translator route for a language code: 'ru', 'zh', 'en' or 'other'."""
    norm = normalize_code(code)
    return norm if norm in ROUTES else "other"
