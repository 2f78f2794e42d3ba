"""How common each word of a short text is in each language (wordfreq lists): a few
words say little to n-grams, but снова is everyday Russian and not Serbian.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable

_lock = threading.Lock()  # the lists' cache, filled once


WORDFREQ_MAX_WORDS = 4
"""Word-frequency evidence is used on texts of at most this many words: there
lingua's n-grams have little to go on, while whole words are telling (снова is
common Russian and rare Serbian). Longer texts are left to the n-gram models,
which already route sentences nearly perfectly."""
WORDFREQ_WEIGHT = 0.75
"""Natural-log score per decade of word frequency (log10) a language is behind
the best-matching one, summed over the words."""
WORDFREQ_FLOOR = -7.0
"""log10 frequency of a word absent from a language's list (the 'small' lists
stop at 1e-6, so absent means rarer than that, not impossible: names, typos)."""
_WORDFREQ_LISTS = {
    "ru": "ru", "uk": "uk", "bg": "bg", "mk": "mk", "sr": "sh",
    "en": "en", "de": "de", "fr": "fr", "es": "es", "it": "it", "pt": "pt", "nl": "nl",
}
"""Our language -> wordfreq 'small' list. Serbian is the Serbo-Croatian list,
which is Latin-script only, so Cyrillic Serbian is transliterated to look it up.
Kazakh, Belarusian and Mongolian have no list: they are kept neutral (scored as
well as the best language that has one), never penalized for it."""
_wordfreq_lists: dict[str, dict[str, int] | None] = {}
_wordfreq_keys: dict[str, Callable[[str], str]] = {}


def _wordfreq_list(lang: str) -> dict[str, int] | None:
    """{word: -100 * log10 frequency} for a language, loaded on first use, once
    per process (about 0.02 s and 5 MB each); None without a list or without wordfreq."""
    if lang in _wordfreq_lists:
        return _wordfreq_lists[lang]
    with _lock:
        if lang not in _wordfreq_lists:
            table: dict[str, int] | None = None
            code = _WORDFREQ_LISTS.get(lang)
            if code is not None:
                try:
                    from wordfreq import available_languages, read_cBpack

                    # Buckets are centibels: bucket i holds words of frequency 10**(-i/100).
                    buckets = read_cBpack(available_languages("small")[code])
                    table = {word: i for i, bucket in enumerate(buckets) for word in bucket}
                    if lang == "sr":
                        # Look Cyrillic words up in their Latin spelling (кућа -> kuća).
                        from wordfreq.transliterate import SR_LATN_TABLE

                        _wordfreq_keys["sr"] = lambda word: word.translate(SR_LATN_TABLE)
                except (ImportError, KeyError, OSError):
                    table = None
            _wordfreq_lists[lang] = table
    return _wordfreq_lists[lang]


_FREQ_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")


def freq_words(sample: str) -> list[str]:
    """Words as the frequency lists spell them: case-folded (ß -> ss), one
    apostrophe kind, and apostrophe words whole (п'ять, don't, aujourd'hui)."""
    return [w.replace("’", "'").replace("ʼ", "'") for w in _FREQ_WORD.findall(sample.casefold())]


def wordfreq_evidence(words: list[str], langs: Iterable[str]) -> dict[str, float]:
    """Log-score (<= 0) per language from how common the words are in it.

    Each language gets the summed log10 frequency of the words (WORDFREQ_FLOOR
    for a word it does not list), minus the best language's sum, times
    WORDFREQ_WEIGHT. Languages without a list get 0, like the best one.
    """
    totals: dict[str, float] = {}
    for lang in langs:
        table = _wordfreq_list(lang)
        if table is None:
            continue
        key = _wordfreq_keys.get(lang, str)
        total = 0.0
        for word in words:
            cb = table.get(key(word))
            if cb is not None:
                total += max(-cb / 100.0, WORDFREQ_FLOOR)
                continue
            # An elided or apostrophe word the list splits (l'économie): its parts.
            for part in word.split("'") if "'" in word else (word,):
                cb = table.get(key(part)) if part else 0
                total += WORDFREQ_FLOOR if cb is None else max(-cb / 100.0, WORDFREQ_FLOOR)
        totals[lang] = total
    if not totals:
        return {}
    best = max(totals.values())
    return {lang: WORDFREQ_WEIGHT * (t - best) for lang, t in totals.items()}
