"""The pipeline's translation stage: fill ``title_en``/``text_en`` on records.

All records of one language go to the model together (sentences from many
articles share batches), repeated sentences are translated once, and a cache
makes re-runs free. A missing model never loses data: records stay
untranslated and the report says which pair to install.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from pipeline.errors import redact_text

from .cache import TranslationCache
from .engine import Translator, load_translator
from .models import ModelError, ModelMissing, find_model
from .segment import segment_text
from .stanza_split import stanza_splitter

if TYPE_CHECKING:
    from pipeline.config import TranslationSettings
    from pipeline.record import ArticleRecord

log = logging.getLogger(__name__)

FIELDS = (("title", "title_en"), ("text", "text_en"))


@dataclass
class TranslateReport:
    """What the stage did, for logs, task results and alerts."""

    translated: int = 0  # records given an English version by a model
    english: int = 0  # English records passed through
    segments_translated: int = 0  # distinct sentences sent to a model
    cached_segments: int = 0  # distinct sentences served from the cache
    retried: int = 0  # sentences (or pieces) that hit the first decoding cap and were decoded again alone
    truncated: int = 0  # sentences kept cut at the decoding cap even after that retry
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> records
    missing_pairs: list[str] = field(default_factory=list)  # e.g. "ru→en"
    models: list[str] = field(default_factory=list)  # labels of models used
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def skip(self, reason: str, n: int = 1) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + n

    def as_dict(self) -> dict:
        """JSON-ready (task results, run reports)."""
        return {**asdict(self), "seconds": round(self.seconds, 3)}

    def summary(self) -> str:
        parts = [
            f"translated {self.translated}",
            f"english {self.english}",
            f"segments new {self.segments_translated} cached {self.cached_segments}",
        ]
        if self.retried or self.truncated:
            parts.append(f"retried alone {self.retried}, truncated {self.truncated}")
        if self.skipped:
            parts.append("skipped " + ", ".join(f"{k}: {v}" for k, v in sorted(self.skipped.items())))
        if self.missing_pairs:
            parts.append("missing models " + ", ".join(self.missing_pairs))
        return "; ".join(parts) + f" ({self.seconds:.1f}s)"


def normalize_language(code: str | None) -> str | None:
    """``zh-cn``/``zh_TW``/``RU`` → ``zh``/``ru``: routing codes to package codes."""
    if not code:
        return None
    return code.strip().lower().replace("_", "-").split("-")[0] or None


class Translated(NamedTuple):
    """What ``translate_texts`` returns."""

    texts: list[str]
    new: int  # distinct sentences sent to the model
    cached: int  # distinct sentences served from the cache
    cut: int  # distinct sentences kept cut at the decoding cap
    retried: int  # model inputs decoded again alone after hitting the first cap
    truncated: dict[int, int]  # text index -> sentences of it kept cut


def _translate_group(lang: str, recs: list[ArticleRecord], translator: Translator,
                     split: Callable[[str, str], list[str]] | None, cache: TranslationCache | None,
                     settings: TranslationSettings, report: TranslateReport) -> int:
    """Translate records that share batches; how many were translated is returned. If the
    model fails on them, again one record at a time, so a text it cannot take leaves that
    record untranslated, not its language's whole run (the others are decoded twice then:
    a failure is rare, and the first pass cached nothing)."""
    pair = f"{lang}→{settings.target}"
    slots = [(rec, dst, getattr(rec, src)) for rec in recs for src, dst in FIELDS if getattr(rec, src)]
    try:
        done = translate_texts(translator, [text for _, _, text in slots], lang, cache, split)
    except (RuntimeError, ValueError, OSError) as exc:
        if len(recs) > 1:
            log.warning("translation %s of %d records failed (%s: %s); translating record by record",
                        pair, len(recs), type(exc).__name__, exc)
            return sum(_translate_group(lang, [rec], translator, split, cache, settings, report) for rec in recs)
        log.exception("translation %s of %s failed; kept untranslated", pair, redact_text(recs[0].url))
        report.errors.append(f"{pair}: {redact_text(recs[0].url)}: {exc}")
        report.skip(f"translation failed for {pair}")
        return 0
    for (rec, dst, _), text in zip(slots, done.texts):
        setattr(rec, dst, text)
    for i, n in sorted(done.truncated.items()):
        rec, dst, _ = slots[i]
        log.warning("translation of %s (%s, %s) keeps %d sentence(s) cut at the decoding cap (max_decoding_ratio %s)",
                    rec.canonical_url, rec.article_id, dst, n, settings.max_decoding_ratio)
    for rec in recs:
        rec.translation_model = translator.model.label
    report.translated += len(recs)
    report.segments_translated += done.new
    report.cached_segments += done.cached
    report.truncated += done.cut
    report.retried += done.retried
    return len(recs)


def translate_texts(
    translator: Translator, texts: list[str], lang: str, cache: TranslationCache | None = None,
    split: Callable[[str, str], list[str]] | None = None,
) -> Translated:
    """Translate whole texts keeping paragraphs.

    A sentence kept truncated is not cached, so a later run (another package,
    other settings) tries it again and counts it again.
    """
    layouts = [segment_text(t, lang, split) for t in texts]
    unique = list(dict.fromkeys(s for lay in layouts for para in lay for s in para))
    label = translator.model.label
    done = cache.get_many(label, unique) if cache is not None else {}
    todo = [s for s in unique if s not in done]
    cut: set[str] = set()
    retried = 0
    if todo:
        result = translator.translate_many(todo, lang)
        fresh = dict(zip(todo, result.texts))
        cut, retried = result.truncated, result.retried
        if cache is not None:
            cache.put_many(label, {s: t for s, t in fresh.items() if s not in cut})
        done.update(fresh)
    joiner = translator.joiner
    out = ["\n".join(joiner.join(done[s] for s in para) for para in lay) for lay in layouts]
    truncated: dict[int, int] = {}
    if cut:
        for i, lay in enumerate(layouts):
            n = len({s for para in lay for s in para} & cut)
            if n:
                truncated[i] = n
    return Translated(out, len(todo), len(unique) - len(todo), len(cut), retried, truncated)


def _open_cache(settings: TranslationSettings, cache_path: Path | None, report: TranslateReport) -> TranslationCache | None:
    if not (settings.cache and cache_path):
        return None
    try:
        return TranslationCache(cache_path)
    except Exception as exc:  # noqa: BLE001 - a broken cache must not stop translation
        log.warning("translation cache %s unusable, continuing without it: %s", cache_path, exc)
        report.errors.append(f"cache {cache_path}: {exc}")
        return None


def translate_records(
    records: list[ArticleRecord],
    settings: TranslationSettings,
    cache_path: Path | None = None,
) -> TranslateReport:
    """Fill English fields in place; every record is kept whatever happens."""
    start = time.perf_counter()
    report = TranslateReport()
    by_lang: dict[str, list[ArticleRecord]] = {}
    sources = {normalize_language(s) for s in settings.sources}
    target = settings.target
    for rec in records:
        lang = normalize_language(rec.language)
        if lang == target:
            rec.title_en, rec.text_en, rec.translation_model = rec.title, rec.text, None
            report.english += 1
        elif lang is None:
            report.skip("no language")
        elif lang not in sources:
            report.skip(f"language {lang} not translated")
        elif not settings.enabled:
            report.skip("translation disabled")
        elif not (rec.title or rec.text):
            report.skip("nothing to translate")
        elif settings.max_text_chars and len(rec.text or "") > settings.max_text_chars:
            log.warning("%s: text of %d characters left untranslated (over translation.max_text_chars %d)",
                        redact_text(rec.url), len(rec.text or ""), settings.max_text_chars)
            report.skip("text over translation.max_text_chars")
        else:
            by_lang.setdefault(lang, []).append(rec)

    cache = _open_cache(settings, cache_path, report) if by_lang else None
    try:
        for lang, recs in sorted(by_lang.items()):
            _translate_language(lang, recs, settings, cache, report)
    finally:
        if cache is not None:
            cache.close()
    report.seconds = time.perf_counter() - start
    log.info("translation: %s", report.summary())
    return report


def _translate_language(
    lang: str,
    recs: list[ArticleRecord],
    settings: TranslationSettings,
    cache: TranslationCache | None,
    report: TranslateReport,
) -> None:
    pair = f"{lang}→{settings.target}"
    try:
        model = find_model(lang, settings.target, settings.models_dir)
        translator = load_translator(model, settings)
        split = stanza_splitter(model) if settings.splitter == "stanza" else None
    except ModelMissing as exc:
        log.error("%s; %d record(s) kept untranslated", exc, len(recs))
        report.missing_pairs.append(pair)
        report.skip(f"model missing for {pair}", len(recs))
        return
    except (ModelError, RuntimeError, ValueError, OSError) as exc:
        log.error("cannot load the %s model: %s; %d record(s) kept untranslated", pair, exc, len(recs))
        report.errors.append(f"{pair}: {exc}")
        report.skip(f"model failed to load for {pair}", len(recs))
        return
    if _translate_group(lang, recs, translator, split, cache, settings, report) and model.label not in report.models:
        report.models.append(model.label)
