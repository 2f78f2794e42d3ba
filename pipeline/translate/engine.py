"""Run an Argos package with CTranslate2 directly, batching across articles.

Why not ``argostranslate.translate``: it translates one text at a time (one
``translate_batch`` call per text), needs stanza → torch for sentence splitting,
and is 4–15× slower than feeding CTranslate2 length-sorted batches ourselves.
We mirror its model contract (sentencepiece pieces without ``</s>``, optional
target prefix, ``length_penalty=0.2``, ``replace_unknowns``) so packages and
results stay compatible.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .models import ModelError, ModelInfo
from .segment import fit_length

if TYPE_CHECKING:
    from pipeline.config import TranslationSettings

log = logging.getLogger(__name__)

# Runaway-repetition guards. A repetition penalty > 1 also punishes legitimate
# repeats ("the", "of", names) and shifts good translations, so it stays off by
# default; blocking repeated 4-grams plus the length cap stops decoding loops.
DEFAULT_NO_REPEAT_NGRAM = 4
DEFAULT_REPETITION_PENALTY = 1.0
ARGOS_LENGTH_PENALTY = 0.2  # what argostranslate uses; keeps our output equal to theirs


def resolve_device(device: str) -> str:
    """``auto`` → cuda when CTranslate2 sees a GPU, else cpu."""
    if device != "auto":
        return device
    import ctranslate2

    return "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"


class Translator:
    """One loaded package: tokenize in bulk, translate length-sorted batches, detokenize in bulk."""

    def __init__(
        self,
        model: ModelInfo,
        settings: TranslationSettings,
        *,
        batch_type: str = "examples",
        no_repeat_ngram_size: int = DEFAULT_NO_REPEAT_NGRAM,
        repetition_penalty: float = DEFAULT_REPETITION_PENALTY,
        length_penalty: float = ARGOS_LENGTH_PENALTY,
    ):
        import ctranslate2
        import sentencepiece as spm

        sp_path = model.path / "sentencepiece.model"
        if not sp_path.is_file():
            raise ModelError(f"{model.path}: no sentencepiece.model (BPE-tokenized packages are not supported)")
        self.model = model
        self.settings = settings
        self.device = resolve_device(settings.device)
        self.batch_type = batch_type
        self.options: dict[str, Any] = dict(
            beam_size=settings.beam_size,
            max_batch_size=settings.batch_size,
            batch_type=batch_type,
            length_penalty=length_penalty,
            repetition_penalty=repetition_penalty,
            no_repeat_ngram_size=no_repeat_ngram_size,
            replace_unknowns=True,
            max_input_length=0,  # we already cut inputs to max_input_tokens
        )
        self.sp = spm.SentencePieceProcessor(model_file=str(sp_path))
        self.ct2 = ctranslate2.Translator(
            str(model.path / "model"),
            device=self.device,
            compute_type=settings.compute_type,
            inter_threads=settings.inter_threads,
            intra_threads=settings.intra_threads,
        )
        self.joiner = "" if model.to_code in ("zh", "ja", "zt") else " "
        log.info("loaded %s on %s (beam %d, batch %d)", model.label, self.device, settings.beam_size, settings.batch_size)

    # -- tokenization ---------------------------------------------------------
    def encode(self, texts: list[str]) -> list[list[str]]:
        return self.sp.encode(texts, out_type=str) if texts else []

    def decode(self, pieces: list[list[str]]) -> list[str]:
        return self.sp.decode(pieces) if pieces else []

    # -- decoding -------------------------------------------------------------
    def max_decoding_length(self, longest_input: int) -> int:
        return int(self.settings.max_decoding_ratio * longest_input) + 10

    def _batches(self, order: list[int], lengths: list[int]) -> list[list[int]]:
        """Length-sorted groups, so padding and the per-batch length cap stay tight."""
        size = self.settings.batch_size
        if self.batch_type == "examples":
            return [order[i : i + size] for i in range(0, len(order), size)]
        groups: list[list[int]] = []
        current: list[int] = []
        for i in order:
            if current and lengths[i] * (len(current) + 1) > size:
                groups.append(current)
                current = []
            current.append(i)
        if current:
            groups.append(current)
        return groups

    def translate_tokens(self, sources: list[list[str]]) -> list[list[str]]:
        """Token lists in, target token lists out (prefix removed), same order."""
        if not sources:
            return []
        lengths = [len(s) for s in sources]
        order = sorted(range(len(sources)), key=lengths.__getitem__)
        prefix = self.model.target_prefix
        pending = []
        for group in self._batches(order, lengths):
            batch = [sources[i] for i in group]
            opts = dict(self.options, max_decoding_length=self.max_decoding_length(max(lengths[i] for i in group)))
            if prefix:
                opts["target_prefix"] = [[prefix]] * len(batch)
                opts["max_decoding_length"] += 1
            pending.append((group, self.ct2.translate_batch(batch, asynchronous=True, **opts)))
        out: list[list[str]] = [[] for _ in sources]
        for group, results in pending:
            for i, res in zip(group, results):
                hyp = res.result().hypotheses[0]
                if prefix and hyp[:1] == [prefix]:
                    hyp = hyp[1:]
                out[i] = hyp
        return out

    def translate_segments(self, segments: Sequence[str], lang: str | None = None) -> list[str]:
        """Translate sentences (any number, from many articles) in one pass.

        Over-long sentences are cut to ``max_input_tokens`` pieces and their
        translations joined again, so every input gets exactly one output.
        """
        lang = lang or self.model.from_code
        texts = [s.strip() for s in segments]
        todo = sorted({t for t in texts if t})
        if not todo:
            return ["" for _ in texts]
        tokens = self.encode(todo)
        pieces = fit_length(todo, tokens, lang, self.settings.max_input_tokens, self.encode)
        flat = [p for ps in pieces for p in ps]
        translated = self.decode(self.translate_tokens(flat))
        done: dict[str, str] = {}
        k = 0
        for text, ps in zip(todo, pieces):
            parts = translated[k : k + len(ps)]
            k += len(ps)
            done[text] = self.joiner.join(p.strip() for p in parts if p.strip())
        return [done.get(t, "") for t in texts]


_LOADED: dict[tuple, Translator] = {}
_LOCK = threading.Lock()


def load_translator(model: ModelInfo, settings: TranslationSettings) -> Translator:
    """A process-wide loaded Translator per package and runtime settings (models load once)."""
    key = (str(model.path), model.version, settings.model_dump_json())
    with _LOCK:
        tr = _LOADED.get(key)
        if tr is None:
            tr = _LOADED[key] = Translator(model, settings)
        return tr


def unload_all() -> None:
    with _LOCK:
        _LOADED.clear()
