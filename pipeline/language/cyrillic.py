"""Cyrillic languages told apart: each alphabet rules the others out, a letter-frequency
model weighs letters that should be there and are not, word endings and word
frequencies tip short texts, and lingua judges the rest.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from .frequencies import WORDFREQ_MAX_WORDS, freq_words, wordfreq_evidence
from .models import CYRILLIC, lingua_scores
from .scripts import script_of

_RU = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
_ALPHABETS = {
    "ru": set(_RU),
    "uk": set("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"),
    "be": set("абвгґдеёжзійклмнопрстуўфхцчшыьэюя"),
    "bg": set("абвгдежзийклмнопрстуфхцчшщъьюяѝ"),
    "mk": set("абвгдѓежзѕијклљмнњопрстќуфхцчџшѐѝ"),
    "sr": set("абвгдђежзијклљмнњопрстћуфхцчџш"),
    "kk": set(_RU + "әғқңөұүһі"),
    # Mongolian web text often types ө/ү with legacy-font stand-ins є/ї.
    "mn": set(_RU + "өүєї"),
}
# Approximate share (per Cyrillic letter) of the letters that tell these languages
# apart, from published letter-frequency tables; the rest of the alphabet is
# pooled. A letter outside a language's alphabet gets a tiny floor, not zero, so a
# quoted name cannot veto a whole article.
_FREQ: dict[str, dict[str, float]] = {
    # "ъ'" is a hard sign before е/ё/ю/я (Russian съезд, объявил, подъём): the only
    # place Russian writes it, while Bulgarian's very common ъ is a vowel before
    # consonants and at word ends (път, българи, сън).
    "ru": {"ы": 0.019, "э": 0.003, "ё": 0.002, "ъ'": 0.0004, "ъ": 0.00002, "и": 0.074, "й": 0.012, "щ": 0.0036, "ь": 0.017, "ю": 0.006, "я": 0.020},
    "uk": {"і": 0.055, "ї": 0.006, "є": 0.004, "ґ": 0.0002, "и": 0.062, "й": 0.013, "щ": 0.009, "ь": 0.020, "ю": 0.007, "я": 0.022},
    "be": {"і": 0.050, "ў": 0.020, "ы": 0.016, "э": 0.012, "ё": 0.007, "й": 0.012, "ь": 0.015, "ю": 0.005, "я": 0.025, "ґ": 0.0002},
    "bg": {"ъ": 0.025, "ъ'": 0.0003, "и": 0.085, "й": 0.005, "щ": 0.008, "ь": 0.001, "ю": 0.004, "я": 0.022, "ѝ": 0.0005},
    "mk": {"ј": 0.015, "љ": 0.004, "њ": 0.005, "џ": 0.001, "ѓ": 0.002, "ќ": 0.005, "ѕ": 0.0005, "и": 0.075, "ѐ": 0.0002, "ѝ": 0.0003},
    "sr": {"ј": 0.017, "љ": 0.003, "њ": 0.006, "џ": 0.0005, "ђ": 0.001, "ћ": 0.008, "и": 0.090},
    "kk": {"ә": 0.018, "ғ": 0.008, "қ": 0.020, "ң": 0.010, "ұ": 0.008, "һ": 0.0002, "ө": 0.006, "ү": 0.012, "і": 0.030,
           "ы": 0.020, "и": 0.025, "й": 0.010, "э": 0.0005, "ё": 0.0002, "ъ": 0.0002, "ъ'": 0.0002, "щ": 0.0002, "ь": 0.001, "ю": 0.001, "я": 0.005},
    "mn": {"ө": 0.035, "ү": 0.030, "є": 0.001, "ї": 0.001, "э": 0.050, "ы": 0.010, "ё": 0.002, "и": 0.045, "й": 0.012,
           "ь": 0.020, "ъ": 0.0003, "ъ'": 0.0003, "щ": 0.0002, "ю": 0.002, "я": 0.007},
}
_MARKERS = frozenset(ch for table in _FREQ.values() for ch in table)
_FLOOR = 1e-5
FOREIGN_TOLERANCE = 0.01


"""A language stays a candidate while letters outside its alphabet are under this
share of the Cyrillic letters: one stray letter rules it out of a headline, a
quoted name does not rule it out of an article."""


def _letter_loglik(counts: Counter[str], n: int) -> dict[str, float]:
    """Multinomial log-likelihood of the letter counts: each marker letter is its
    own category, every other letter falls in one pooled category."""
    out: dict[str, float] = {}
    for lang, table in _FREQ.items():
        pooled = 1.0 - sum(table.values())
        seen = 0
        ll = 0.0
        for ch in _MARKERS:
            k = counts.get(ch, 0)
            if k:
                ll += k * math.log(table.get(ch, _FLOOR))
                seen += k
        out[lang] = ll + (n - seen) * math.log(pooled)
    return out


LETTER_WEIGHT = 0.5
"""How much the letter model counts next to lingua (log-score weight)."""

_HARD_SIGN_IOTATED = re.compile("ъ(?=[еёюя])")
_CYR_WORD = re.compile(r"[\u0400-\u052f]+")
_SOUTH_SLAVIC = ("bg", "mk", "sr")
ENDING_WEIGHT = 1  # an int: the evidence stays a Counter (missing language = 0)


"""Log-score a word ending that a language's grammar (nearly) never produces
takes off that language. lingua's n-grams do not see where a word ends, so
"-ого" at the end of an adjective and inside a word look alike to it."""


def _ending_evidence(sample: str) -> Counter[str]:
    """Penalties from inflectional endings, per language (0 = no evidence).

    * adjective genitive -ого/-его (6+ letters, so not много): Russian and
      Ukrainian, not Bulgarian/Macedonian/Serbian (no cases, or -ог/-ога);
    * long adjective -ая/-яя/-ое/-ее/-ую/-юю: Russian (Belarusian), not
      Ukrainian (-а/-е/-у) nor the South Slavic languages;
    * -ть/-ться/-тся: Russian/Ukrainian verbs; Serbian and Macedonian have no
      ь and Bulgarian writes it only before о;
    * -ски/-ско/-цки adjectives and adverbs: Bulgarian/Macedonian/Serbian,
      where Russian says -ский/-ское (its -чески adverbs excepted).
    """
    bad: Counter[str] = Counter()
    for word in _CYR_WORD.findall(sample.lower()):
        if len(word) < 4:
            continue
        if len(word) >= 6 and word.endswith(("ого", "его")):
            for lang in _SOUTH_SLAVIC:
                bad[lang] += ENDING_WEIGHT
        if word.endswith(("ая", "яя", "ое", "ее", "ую", "юю")):
            for lang in (*_SOUTH_SLAVIC, "uk"):
                bad[lang] += ENDING_WEIGHT
        if word.endswith(("ть", "ться", "тся")):
            for lang in _SOUTH_SLAVIC:
                bad[lang] += ENDING_WEIGHT
        if word.endswith(("ски", "ско", "цки")) and not word.endswith("чески"):
            bad["ru"] += ENDING_WEIGHT
            bad["uk"] += ENDING_WEIGHT
    return bad


def cyrillic_scores(sample: str, prior: dict[str, float]) -> tuple[dict[str, float], str]:
    letters = [ch for ch in sample.lower() if script_of(ch) == "cyrillic"]
    n = len(letters)
    counts = Counter(letters)
    foreign = {lang: sum(k for ch, k in counts.items() if ch not in alpha) / n for lang, alpha in _ALPHABETS.items()}
    allowed = [lang for lang in CYRILLIC if foreign[lang] < FOREIGN_TOLERANCE or foreign[lang] == 0]
    method = "cyrillic"
    if not allowed:  # letters of several alphabets: keep the least-violated ones
        least = min(foreign.values())
        allowed = [lang for lang in CYRILLIC if foreign[lang] <= least * 1.5]
        method = "cyrillic-mixed"
    if len(allowed) == 1:
        return {allowed[0]: 1.0}, "alphabet"
    ling = lingua_scores(sample, allowed)
    iotated = len(_HARD_SIGN_IOTATED.findall(sample.lower()))
    if iotated:
        counts["ъ"] -= iotated
        counts["ъ'"] += iotated
    ll = _letter_loglik(counts, n)
    best_ll = max(ll[lang] for lang in allowed)
    endings = _ending_evidence(sample)
    words = freq_words(sample)
    if len(words) <= WORDFREQ_MAX_WORDS:
        freq = wordfreq_evidence([w for w in words if _CYR_WORD.fullmatch(w.replace("'", ""))], allowed)
    else:
        freq = {}
    scores = {}
    for lang in allowed:
        s = math.log(max(ling.get(lang, 0.0), 1e-6)) + LETTER_WEIGHT * (ll[lang] - best_ll) - endings[lang] + freq.get(lang, 0.0)
        scores[lang] = math.exp(s) * prior.get(lang, 1.0)
    return scores, method
