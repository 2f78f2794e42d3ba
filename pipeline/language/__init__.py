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

Modules: `codes`, `scripts`, `models` (lingua, langdetect), `frequencies` (wordfreq),
`cyrillic`, `cjk`; the Latin case, the hints and the decision are here.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TextIO

from .cjk import cjk_scores
from .codes import normalize_code, route_of
from .cyrillic import cyrillic_scores
from .frequencies import WORDFREQ_MAX_WORDS, freq_words, wordfreq_evidence
from .models import LATIN_CORE, LATIN_NAMING, langdetect_guess, lingua_scores
from .scripts import SCRIPT_LANGUAGE, main_script, script_of, text_sample

__all__ = ["LanguageResult", "detect_language", "langid_stream", "normalize_code", "route_of"]


@dataclass(frozen=True)
class LanguageResult:
    language: str  # ISO 639-1 code, or "und" when nothing can be said (empty text)
    confidence: float  # 0..1
    route: str  # "ru" | "zh" | "en" | "other"
    method: str  # short tag of what decided it, for logs/debug


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


def _latin(sample: str, prior: dict[str, float]) -> LanguageResult:
    ling = lingua_scores(sample, LATIN_CORE)
    words = freq_words(sample)
    freq = wordfreq_evidence(words, LATIN_CORE) if len(words) <= WORDFREQ_MAX_WORDS else {}
    scores = {lang: v * prior.get(lang, 1.0) * math.exp(freq.get(lang, 0.0)) for lang, v in ling.items()}
    res = _finish(scores, "lingua-latin")
    if res.route == "en":
        return res
    named = lingua_scores(sample, LATIN_NAMING, low=True)
    named = {lang: v * prior.get(lang, 1.0) for lang, v in named.items()}
    lang = max(named, key=named.__getitem__)
    if lang == res.language or named[lang] <= 0:
        return res
    return LanguageResult(lang, res.confidence, "other", "lingua-latin-named")


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
    sample = text_sample(text or "", title)
    scripts: Counter[str] = Counter()
    for ch in sample:
        s = script_of(ch)
        if s:
            scripts[s] += 1
    if not scripts:
        return LanguageResult("und", 0.0, "other", "empty")
    prior = _hint_prior(html_lang, og_locale, source_hint, sum(scripts.values()))
    main = main_script(sample)
    if main in ("han", "kana", "hangul"):
        return _finish(*cjk_scores(sample, scripts, prior))
    if main == "cyrillic":
        return _finish(*cyrillic_scores(sample, prior))
    if main in SCRIPT_LANGUAGE:
        return _finish({SCRIPT_LANGUAGE[main]: 1.0}, f"script-{main}")
    if main == "latin":
        return _latin(sample, prior)
    found = langdetect_guess(sample)
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
                from ..record import valid_text  # JSON "\ud800" escapes decode to lone surrogates: not printable

                text = valid_text(obj["text"]) or ""
                kwargs = {k: valid_text(obj[k]) for k in ("title", "html_lang", "og_locale", "source_hint") if isinstance(obj.get(k), str)}
        res = detect_language(text, **kwargs)
        row = {"language": res.language, "confidence": res.confidence, "route": res.route, "method": res.method}
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count
