"""The statistical classifiers, loaded once per set of languages: lingua (Cyrillic and
the major Latin news languages) and seeded langdetect for other scripts.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from .codes import normalize_code

_lock = threading.Lock()  # the classifiers' caches, filled once


CYRILLIC = ("ru", "uk", "be", "bg", "mk", "sr", "kk", "mn")
LATIN_CORE = ("en", "de", "fr", "es", "it", "pt", "nl")
"""Latin-script languages the high-accuracy en-or-not decision is made among:
the biggest news languages. Every extra language costs English accuracy on short
text and ~0.5 s / 27 MB of model per process."""
LATIN_NAMING = ("de", "fr", "es", "it", "pt", "nl", "pl", "tr", "sv", "da", "nb", "nn", "fi", "cs", "sk", "ro",
                "hu", "id", "ms", "vi", "hr", "bs", "sl", "sq", "lt", "lv", "et", "ca", "eu", "ga", "cy", "is",
                "az", "af", "sw", "tl", "so", "yo", "zu", "xh")
_detectors: dict[tuple[frozenset[str], bool], object] = {}


def _lingua(codes: Iterable[str], low: bool = False):
    """A lingua detector for these languages, built once per process and set.

    High-accuracy mode: it is what tells Bulgarian from Russian on a few words.
    Models load lazily and are shared by all detectors, so the memory cost is the
    languages actually met (about 25 MB each), not one copy per set.
    """
    langs = frozenset(codes)
    key = (langs, low)
    det = _detectors.get(key)
    if det is None:
        with _lock:
            det = _detectors.get(key)
            if det is None:
                from lingua import IsoCode639_1, LanguageDetectorBuilder

                builder = LanguageDetectorBuilder.from_iso_codes_639_1(*[getattr(IsoCode639_1, c.upper()) for c in sorted(langs)])
                det = (builder.with_low_accuracy_mode() if low else builder).build()
                _detectors[key] = det
    return det


def lingua_scores(text: str, codes: Iterable[str], low: bool = False) -> dict[str, float]:
    codes = tuple(codes)
    if len(codes) == 1:
        return {codes[0]: 1.0}
    values = _lingua(codes, low).compute_language_confidence_values(text)
    return {v.language.iso_code_639_1.name.lower(): float(v.value) for v in values}


_langdetect_ready = False


def langdetect_guess(text: str) -> tuple[str, float] | None:
    """Seeded langdetect (it is random otherwise): the fallback for scripts lingua is not asked about."""
    global _langdetect_ready
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    if not _langdetect_ready:
        DetectorFactory.seed = 0
        _langdetect_ready = True
    try:
        best = detect_langs(text)[0]
    except LangDetectException:
        return None
    return normalize_code(best.lang) or best.lang, float(best.prob)
