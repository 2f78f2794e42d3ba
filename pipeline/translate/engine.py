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
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
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
CT2_DEFAULT_MAX_DECODING_LENGTH = 256  # what argostranslate decodes with (it sets no cap)
ARGOS_LENGTH_PENALTY = 0.2  # what argostranslate uses; keeps our output equal to theirs


def resolve_device(device: str) -> str:
    """``auto`` → cuda when CTranslate2 sees a GPU, else cpu."""
    if device != "auto":
        return device
    import ctranslate2

    return "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def thread_layout(inter_threads: int, intra_threads: int, cores: int | None = None) -> tuple[int, int]:
    """(inter_threads, intra_threads) with 0 meaning automatic.

    Automatic: at least two workers decoding batches side by side (so a core never
    waits for the Python side or for the last, short batch), one per 4 cores
    beyond 8; each worker gets an equal share of the cores. 2 cores → 2×1,
    8 → 2×4, 32 → 8×4 (measured for 2 cores; see the README).
    """
    cores = cores or available_cores()
    inter = inter_threads or min(cores, max(2, cores // 4))
    intra = intra_threads or max(1, cores // inter)
    return inter, intra


def length_bucket(n_tokens: int) -> int:
    """Round an input length up to its bucket's ceiling: steps of 4 up to 32 tokens,
    then a quarter of the power of two below (8 up to 64, 16 up to 128, ...).

    The decoding cap is computed from this ceiling, so it is at most ~25 % more
    generous than from the exact length, and a batch is one bucket.
    """
    step = max(4, 1 << max(0, n_tokens.bit_length() - 3))
    return max(step, -(-n_tokens // step) * step)


@dataclass
class Segments:
    """Translations of a list of segments, and the source segments whose translation was cut."""

    texts: list[str]
    truncated: set[str]
    retried: int = 0  # token inputs decoded again alone after hitting the first cap


class Translator:
    """One loaded package: tokenize in bulk, translate length-sorted batches, detokenize in bulk."""

    def __init__(
        self,
        model: ModelInfo,
        settings: TranslationSettings,
        *,
        batch_type: str | None = None,
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
        self.batch_type = batch_type or settings.batch_type
        self.options: dict[str, Any] = dict(
            beam_size=settings.beam_size,
            max_batch_size=settings.batch_size,
            batch_type=self.batch_type,
            length_penalty=length_penalty,
            repetition_penalty=repetition_penalty,
            no_repeat_ngram_size=no_repeat_ngram_size,
            replace_unknowns=True,
            return_end_token=True,  # tells a finished sentence from one cut at the cap
            max_input_length=0,  # we already cut inputs to max_input_tokens
        )
        self.sp = spm.SentencePieceProcessor(model_file=str(sp_path))
        self.inter_threads, self.intra_threads = thread_layout(settings.inter_threads, settings.intra_threads)
        self.ct2 = ctranslate2.Translator(
            str(model.path / "model"),
            device=self.device,
            compute_type=settings.compute_type,
            inter_threads=self.inter_threads,
            intra_threads=self.intra_threads,
        )
        self.joiner = "" if model.to_code in ("zh", "ja", "zt") else " "
        self.end_token = "</s>"  # Argos packages are OpenNMT/fairseq conversions: </s> ends decoding
        log.info("loaded %s on %s (beam %d, batch %d %s, %d×%d threads)", model.label, self.device, settings.beam_size,
                 settings.batch_size, self.batch_type, self.inter_threads, self.intra_threads)

    # -- tokenization ---------------------------------------------------------
    def encode(self, texts: list[str]) -> list[list[str]]:
        return self.sp.encode(texts, out_type=str) if texts else []

    def decode(self, pieces: list[list[str]]) -> list[str]:
        return self.sp.decode(pieces) if pieces else []

    # -- decoding -------------------------------------------------------------
    def decoding_cap(self, n_tokens: int) -> int:
        """The first decoding cap of one input: a function of its own length only.

        Lengths are rounded up to their bucket's ceiling (see ``length_bucket``) so
        that a batch holds inputs with one cap and no input's cap depends on its
        neighbours, yet batches stay large.
        """
        cap = int(self.settings.max_decoding_ratio * length_bucket(n_tokens)) + 10
        return cap + 1 if self.model.target_prefix else cap

    def retry_cap(self, n_tokens: int) -> int:
        """The cap of the lone retry of an input that hit its first cap: twice the
        first, and never below CTranslate2's (and so argostranslate's) default of 256."""
        return max(2 * self.decoding_cap(n_tokens), CT2_DEFAULT_MAX_DECODING_LENGTH)

    def _batches(self, order: list[int], lengths: list[int]) -> list[list[int]]:
        """Length-sorted groups, each within one length bucket (one cap per call)."""
        size = self.settings.batch_size
        groups: list[list[int]] = []
        current: list[int] = []
        for i in order:
            full = len(current) >= size if self.batch_type == "examples" else lengths[i] * (len(current) + 1) > size
            if current and (full or length_bucket(lengths[i]) != length_bucket(lengths[current[0]])):
                groups.append(current)
                current = []
            current.append(i)
        if current:
            groups.append(current)
        return groups

    def _submit(self, batch: list[list[str]], cap: int) -> list[Any]:
        opts = dict(self.options, max_decoding_length=cap)
        if self.model.target_prefix:
            opts["target_prefix"] = [[self.model.target_prefix]] * len(batch)
        return self.ct2.translate_batch(batch, asynchronous=True, **opts)

    def _finish(self, hyp: list[str]) -> tuple[list[str], bool]:
        """(tokens without prefix and end token, whether decoding ended by itself)."""
        prefix = self.model.target_prefix
        if prefix and hyp[:1] == [prefix]:
            hyp = hyp[1:]
        if hyp[-1:] == [self.end_token]:
            return hyp[:-1], True
        return hyp, False

    def translate_tokens(self, sources: list[list[str]]) -> tuple[list[list[str]], set[int], int]:
        """Token lists in, target token lists out (same order), the indexes kept truncated
        and how many inputs were retried.

        Each input's result depends on that input alone: its cap comes from its own
        length, and an input that stops at the cap without an end token is decoded
        again alone with ``retry_cap``; if that also hits the cap it is kept and
        its index returned.
        """
        if not sources:
            return [], set(), 0
        lengths = [len(s) for s in sources]
        order = sorted(range(len(sources)), key=lengths.__getitem__)
        pending = [(group, self._submit([sources[i] for i in group], self.decoding_cap(lengths[group[0]])))
                   for group in self._batches(order, lengths)]
        out: list[list[str]] = [[] for _ in sources]
        alone: list[tuple[int, list[Any]]] = []
        for group, results in pending:
            for i, res in zip(group, results):
                out[i], ended = self._finish(res.result().hypotheses[0])
                if not ended:  # queued now, behind the batches still running: no worker idles
                    alone.append((i, self._submit([sources[i]], self.retry_cap(lengths[i]))))
        truncated: set[int] = set()
        for i, results in alone:
            out[i], ended = self._finish(results[0].result().hypotheses[0])
            if not ended:
                truncated.add(i)
        if alone:
            log.debug("%s: %d input(s) hit the first decoding cap and were retried alone; %d still truncated",
                      self.model.label, len(alone), len(truncated))
        return out, truncated, len(alone)

    def translate_many(self, segments: Sequence[str], lang: str | None = None) -> Segments:
        """Translate sentences (any number, from many articles) in one pass.

        Over-long sentences are cut to ``max_input_tokens`` pieces and their
        translations joined again, so every input gets exactly one output.
        """
        lang = lang or self.model.from_code
        texts = [s.strip() for s in segments]
        todo = sorted({t for t in texts if t})
        if not todo:
            return Segments(["" for _ in texts], set())
        tokens = self.encode(todo)
        pieces = fit_length(todo, tokens, lang, self.settings.max_input_tokens, self.encode)
        flat = [p for ps in pieces for p in ps]
        hyps, cut, retried = self.translate_tokens(flat)
        translated = self.decode(hyps)
        done: dict[str, str] = {}
        truncated: set[str] = set()
        k = 0
        for text, ps in zip(todo, pieces):
            parts = translated[k : k + len(ps)]
            if any(j in cut for j in range(k, k + len(ps))):
                truncated.add(text)
            k += len(ps)
            done[text] = self.joiner.join(p.strip() for p in parts if p.strip())
        return Segments([done.get(t, "") for t in texts], truncated, retried)

    def translate_segments(self, segments: Sequence[str], lang: str | None = None) -> list[str]:
        """``translate_many`` without the truncation details."""
        return self.translate_many(segments, lang).texts


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
