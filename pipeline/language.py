"""Language routing: decide which articles go to the ru→en and zh→en translators.

The costly mistake is sending a neighbour language to a translator that cannot
read it (Ukrainian, Belarusian, Bulgarian, Macedonian, Serbian, Kazakh or
Mongolian to ``ru``; Japanese to ``zh``). So the decision goes script first:

* CJK is settled by letters: kana means Japanese, Hangul Korean, Han only
  Chinese (a Japanese page hint or Japanese-only kanji keep short Han-only
  headlines out of ``zh``).
* Cyrillic: each language's alphabet rules out the others (і/ї/є, ў, ј/љ/њ,
  ђ/ћ, ѓ/ќ/ѕ, қ/ә/ү, ө ... are never Russian; ы/э/ё are never Ukrainian or
  Bulgarian), a letter-frequency model weighs letters that *should* be there
  but are not, and lingua (high accuracy, Cyrillic languages only) judges the
  rest.
* Latin: lingua over a set of major news languages.
* Short texts (a few words, where n-grams say little) also weigh how common
  each word is in each language (wordfreq lists): снова is everyday Russian
  but not Serbian, "public transport" is English, not French.
* Other scripts: the script itself, else seeded langdetect.

Page hints (html lang, og:locale, the source's language) are a prior: they tip
short or ambiguous text but cannot revive a language the letters rule out, nor
beat a confident text verdict.
"""

from __future__ import annotations

import json
import math
import re
import threading
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TextIO

__all__ = ["LanguageResult", "detect_language", "langid_stream", "normalize_code", "route_of"]

SAMPLE_CHARS = 3000
"""Classify at most this many characters (title + start of text): fast, and plenty."""

ROUTES = ("ru", "zh", "en")


@dataclass(frozen=True)
class LanguageResult:
    language: str  # ISO 639-1 code, or "und" when nothing can be said (empty text)
    confidence: float  # 0..1
    route: str  # "ru" | "zh" | "en" | "other"
    method: str  # short tag of what decided it, for logs/debug


# --------------------------------------------------------------------------- codes

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


# --------------------------------------------------------------------------- scripts


def _script(ch: str) -> str | None:
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
_SCRIPT_LANGUAGE = {"greek": "el", "hebrew": "he", "armenian": "hy", "georgian": "ka", "thai": "th", "hangul": "ko"}

_WORD = re.compile(r"[^\W\d_]+")
_CJK = ("han", "kana", "hangul")


def _main_script(sample: str) -> str:
    """The script the text is written in, counted in words, not letters.

    A CJK character counts as most of a word. Capitalized Latin words in a
    text that also has other scripts are mostly names and brands (PlayStation,
    NetBIOS), so they count less: a Kazakh sentence about game consoles is Kazakh.
    """
    weights: defaultdict[str, float] = defaultdict(float)
    latin_caps = 0.0
    for word in _WORD.findall(sample):
        kinds = Counter(k for k in map(_script, word) if k)
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


def _sample(text: str, title: str | None) -> str:
    body = f"{title}\n{text}" if title else text
    body = unicodedata.normalize("NFC", body[: SAMPLE_CHARS + 500])
    body = _NOISE.sub(" ", body)
    # Drop combining marks (Russian stress accents etc.) so letters compare cleanly.
    body = "".join(ch for ch in body if unicodedata.category(ch) != "Mn")
    return re.sub(r"\s+", " ", body).strip()[:SAMPLE_CHARS]


# --------------------------------------------------------------------------- hints


def _hint_prior(html_lang: str | None, og_locale: str | None, source_hint: str | None, letters: int) -> dict[str, float]:
    """Multiplicative prior per hinted language; agreeing hints add up.

    The shorter the text, the less it says, so the more the hints count: a
    one-word title leans on the page, a paragraph barely notices it.
    """
    prior: dict[str, float] = {}
    for value, weight in ((html_lang, 2.0), (og_locale, 1.5), (source_hint, 2.0)):
        code = normalize_code(value)
        if code:
            prior[code] = prior.get(code, 1.0) + weight
    power = min(4.0, max(1.0, 40.0 / max(letters, 1)))
    return {code: p**power for code, p in prior.items()}


# --------------------------------------------------------------------------- lingua

CYRILLIC = ("ru", "uk", "be", "bg", "mk", "sr", "kk", "mn")
LATIN_CORE = ("en", "de", "fr", "es", "it", "pt", "nl")
"""Latin-script languages the high-accuracy en-or-not decision is made among:
the biggest news languages. Every extra language costs English accuracy on short
text and ~0.5 s / 27 MB of model per process."""
LATIN_NAMING = ("de", "fr", "es", "it", "pt", "nl", "pl", "tr", "sv", "da", "nb", "nn", "fi", "cs", "sk", "ro",
                "hu", "id", "ms", "vi", "hr", "bs", "sl", "sq", "lt", "lv", "et", "ca", "eu", "ga", "cy", "is",
                "az", "af", "sw", "tl", "so", "yo", "zu", "xh")
"""Once the route is 'other', the language is named among these in low-accuracy
mode (trigrams only: ~3 MB each), so Swedish is not filed as Dutch."""

_lock = threading.Lock()
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


def _lingua_scores(text: str, codes: Iterable[str], low: bool = False) -> dict[str, float]:
    codes = tuple(codes)
    if len(codes) == 1:
        return {codes[0]: 1.0}
    values = _lingua(codes, low).compute_language_confidence_values(text)
    return {v.language.iso_code_639_1.name.lower(): float(v.value) for v in values}


_langdetect_ready = False


def _langdetect(text: str) -> tuple[str, float] | None:
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


# --------------------------------------------------------------------------- word frequencies

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


def _freq_words(sample: str) -> list[str]:
    """Words as the frequency lists spell them: case-folded (ß -> ss), one
    apostrophe kind, and apostrophe words whole (п'ять, don't, aujourd'hui)."""
    return [w.replace("’", "'").replace("ʼ", "'") for w in _FREQ_WORD.findall(sample.casefold())]


def _wordfreq_evidence(words: list[str], langs: Iterable[str]) -> dict[str, float]:
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


# --------------------------------------------------------------------------- Cyrillic

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


def _cyrillic(sample: str, prior: dict[str, float]) -> tuple[dict[str, float], str]:
    letters = [ch for ch in sample.lower() if _script(ch) == "cyrillic"]
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
    ling = _lingua_scores(sample, allowed)
    iotated = len(_HARD_SIGN_IOTATED.findall(sample.lower()))
    if iotated:
        counts["ъ"] -= iotated
        counts["ъ'"] += iotated
    ll = _letter_loglik(counts, n)
    best_ll = max(ll[lang] for lang in allowed)
    endings = _ending_evidence(sample)
    words = _freq_words(sample)
    if len(words) <= WORDFREQ_MAX_WORDS:
        freq = _wordfreq_evidence([w for w in words if _CYR_WORD.fullmatch(w.replace("'", ""))], allowed)
    else:
        freq = {}
    scores = {}
    for lang in allowed:
        s = math.log(max(ling.get(lang, 0.0), 1e-6)) + LETTER_WEIGHT * (ll[lang] - best_ll) - endings[lang] + freq.get(lang, 0.0)
        scores[lang] = math.exp(s) * prior.get(lang, 1.0)
    return scores, method


# --------------------------------------------------------------------------- CJK

# Kanji that Japanese writes but neither simplified nor traditional Chinese does,
# plus the iteration mark: Japanese even in a headline without kana.
_JA_ONLY_HAN = set("々駅広円売読図県沢気関発経済権戦総歳楽対実変労営両価転伝験検険単様悪応桜帯拡恵児辺観覚挙誉仏払浜畳焼峠込働畑枠匂")
# Common simplified-only characters: Chinese, whatever the page says.
_ZH_ONLY_HAN = set("们这说时个会来为对从后发过还进长问开关现东车说话样让给认门间热头买卖亲观难")


def _cjk(sample: str, scripts: Counter[str], prior: dict[str, float]) -> tuple[dict[str, float], str]:
    han, kana, hangul = scripts["han"], scripts["kana"], scripts["hangul"]
    cjk = han + kana + hangul
    if hangul >= max(1, 0.2 * cjk) and hangul >= kana:
        return {"ko": 1.0}, "script-hangul"
    if kana >= max(1, 0.05 * cjk):
        return {"ja": 1.0}, "script-kana"
    chars = set(sample)
    ja_marks = len(chars & _JA_ONLY_HAN)
    zh_marks = len(chars & _ZH_ONLY_HAN)
    if ja_marks > zh_marks:
        return {"ja": 0.9, "zh": 0.1}, "han-japanese-forms"
    if zh_marks == 0 and prior.get("ja", 1.0) > prior.get("zh", 1.0) and han <= 40:
        # A short kanji-only headline on a page that says it is Japanese.
        return {"ja": 0.8, "zh": 0.2}, "han-hint"
    return {"zh": 1.0}, "script-han"


# --------------------------------------------------------------------------- Latin


def _latin(sample: str, prior: dict[str, float]) -> LanguageResult:
    ling = _lingua_scores(sample, LATIN_CORE)
    words = _freq_words(sample)
    freq = _wordfreq_evidence(words, LATIN_CORE) if len(words) <= WORDFREQ_MAX_WORDS else {}
    scores = {lang: v * prior.get(lang, 1.0) * math.exp(freq.get(lang, 0.0)) for lang, v in ling.items()}
    res = _finish(scores, "lingua-latin")
    if res.route == "en":
        return res
    named = _lingua_scores(sample, LATIN_NAMING, low=True)
    named = {lang: v * prior.get(lang, 1.0) for lang, v in named.items()}
    lang = max(named, key=named.__getitem__)
    if lang == res.language or named[lang] <= 0:
        return res
    return LanguageResult(lang, res.confidence, "other", "lingua-latin-named")


# --------------------------------------------------------------------------- main


def _finish(scores: dict[str, float], method: str) -> LanguageResult:
    total = sum(scores.values())
    if total <= 0:
        return LanguageResult("und", 0.0, "other", method)
    lang = max(scores, key=scores.__getitem__)
    conf = scores[lang] / total
    return LanguageResult(lang, round(min(max(conf, 0.0), 1.0), 4), route_of(lang), method)


def detect_language(
    text: str,
    *,
    title: str | None = None,
    html_lang: str | None = None,
    og_locale: str | None = None,
    source_hint: str | None = None,
) -> LanguageResult:
    """Language of an article (title + the start of its text) and its translator route."""
    sample = _sample(text or "", title)
    scripts: Counter[str] = Counter()
    for ch in sample:
        s = _script(ch)
        if s:
            scripts[s] += 1
    if not scripts:
        return LanguageResult("und", 0.0, "other", "empty")
    prior = _hint_prior(html_lang, og_locale, source_hint, sum(scripts.values()))
    main = _main_script(sample)
    if main in ("han", "kana", "hangul"):
        return _finish(*_cjk(sample, scripts, prior))
    if main == "cyrillic":
        return _finish(*_cyrillic(sample, prior))
    if main in _SCRIPT_LANGUAGE:
        return _finish({_SCRIPT_LANGUAGE[main]: 1.0}, f"script-{main}")
    if main == "latin":
        return _latin(sample, prior)
    found = _langdetect(sample)
    if found is None:
        return LanguageResult("und", 0.0, "other", "langdetect-none")
    lang, prob = found
    return LanguageResult(lang, round(prob, 4), route_of(lang), "langdetect")


def langid_stream(lines: Iterable[str], out: TextIO) -> int:
    """`newspipe langid`: one JSON result per input line; returns the count.

    A line that is a JSON object with "text" may also carry "title", "html_lang",
    "og_locale" and "source_hint"; any other line is the text itself.
    """
    count = 0
    for line in lines:
        line = line.rstrip("\r\n")
        kwargs: dict[str, str | None] = {}
        text = line
        if line.lstrip().startswith("{"):
            try:
                obj = json.loads(line)
            except ValueError:
                obj = None
            if isinstance(obj, dict) and isinstance(obj.get("text"), str):
                from .record import valid_text  # JSON "\ud800" escapes decode to lone surrogates: not printable

                text = valid_text(obj["text"]) or ""
                kwargs = {k: valid_text(obj[k]) for k in ("title", "html_lang", "og_locale", "source_hint") if isinstance(obj.get(k), str)}
        res = detect_language(text, **kwargs)
        out.write(json.dumps({"language": res.language, "confidence": res.confidence, "route": res.route, "method": res.method}, ensure_ascii=False) + "\n")
        count += 1
    return count
