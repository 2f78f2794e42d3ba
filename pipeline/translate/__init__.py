"""Russian/Chinese → English translation with Argos packages run on CTranslate2.

Importing this package is cheap (no ctranslate2, pyarrow or argostranslate
import): heavy modules load only when a model is used. The CLI lives in
``pipeline.translate.cli`` and is imported by the main CLI only.
"""

from __future__ import annotations

from .cache import TranslationCache
from .engine import Translator, load_translator
from .models import (
    IndexUnavailable,
    ModelError,
    ModelInfo,
    ModelMissing,
    default_models_dir,
    find_model,
    install_from_file,
    install_from_index,
    list_models,
)
from .segment import segment_text, split_sentences
from .stage import TranslateReport, translate_records, translate_texts

__all__ = [
    "IndexUnavailable",
    "ModelError",
    "ModelInfo",
    "ModelMissing",
    "TranslateReport",
    "TranslationCache",
    "Translator",
    "default_models_dir",
    "find_model",
    "install_from_file",
    "install_from_index",
    "list_models",
    "load_translator",
    "segment_text",
    "split_sentences",
    "translate_records",
    "translate_texts",
]
