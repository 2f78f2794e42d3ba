"""Translation throughput: pipeline stage vs raw CTranslate2 vs argostranslate.

Speed does not depend on weights, so instead of downloading a real model we
build a randomly initialised transformer-base (6+6 layers, d_model 512, int8)
straight from a ``ctranslate2.specs.TransformerSpec`` with numpy (no torch),
with a sentencepiece vocabulary trained on the sentences themselves, packaged
like an Argos package and cached. Random weights rarely emit ``</s>``, so the
decoding length is capped at ``max_decoding_ratio × input + 10`` for both the
pipeline and the raw run (``max_decoding_ratio`` = 1.0 here: about the length
of a real translation).

- pipeline: ``translate_records`` on records made of the sentences (segmentation,
  bulk tokenisation, batching, detokenisation, reassembly; cache off).
- raw: ``translate_batch`` on the same segments, pre-tokenised, same length-sorted
  batches, batch size, beam and decoding options: the CTranslate2 floor.
- argostranslate: ``argostranslate.translate`` per text, when it is installed
  with its stanza dependency (not in this project's environment).

``python -m pipeline.bench.translate [EVAL_DIR] [--n N]``
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from . import eval_dir

D_MODEL, FFN, LAYERS, HEADS, VOCAB = 512, 2048, 6, 8, 16000
BENCH_VERSION = "1"  # bump when the model recipe changes (cache key)

BUILTIN = {
    "ru": [
        "Президент России В. В. Путин провёл переговоры с председателем КНР Си Цзиньпином в Москве.",
        "Министр финансов заявил, что инфляция в этом году снизится до четырёх процентов.",
        "По словам экспертов, рост экономики замедлился из-за высоких процентных ставок.",
        "Центральный банк сохранил ключевую ставку на уровне 16 процентов годовых.",
        "Встреча лидеров состоялась в понедельник, т.е. накануне открытия саммита.",
        "Цены на нефть выросли после сообщений о сокращении добычи странами ОПЕК+.",
        "В г. Казани открылся международный экономический форум, в котором участвуют делегации из 40 стран.",
        "«Мы готовы к диалогу», — сказал министр иностранных дел журналистам.",
    ],
    "zh": [
        "国家主席习近平在北京会见了俄罗斯总统普京。",
        "财政部长表示，今年的通货膨胀率将降至百分之四。",
        "专家认为，由于利率较高，经济增长有所放缓。",
        "中国人民银行将贷款市场报价利率维持在3.45%不变。",
        "领导人会晤于周一举行，也就是峰会开幕的前一天。",
        "在欧佩克+宣布减产后，油价上涨。",
        "国际经济论坛在喀山开幕，来自40个国家的代表团出席。",
        "外交部长对记者说：“我们准备进行对话。”",
    ],
}


def _cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or (Path.home() / ".cache")
    root = Path(base) / "newspipe" / "bench"
    try:
        root.mkdir(parents=True, exist_ok=True)
        return root
    except OSError:
        root = Path(tempfile.gettempdir()) / "newspipe-bench"
        root.mkdir(parents=True, exist_ok=True)
        return root


def load_sentences(eval_root: Path | None, lang: str, n: int) -> tuple[list[str], list[str], str]:
    """(n WMT22 source sentences, all source+reference text for the vocabulary, origin);
    the built-in sentences (repeated) when the eval folder is absent."""
    path = eval_root / "translation-wmt22" / f"{lang}-en.jsonl.gz" if eval_root else None
    if path and path.is_file():
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh if line.strip()]
        corpus = [r["src"] for r in rows] + [r["ref"] for r in rows]
        return [r["src"] for r in rows[:n]], corpus, f"WMT22 {lang}-en ({path})"
    base = BUILTIN[lang]
    return [base[i % len(base)] for i in range(n)], list(base), "built-in sentences"


def _random_spec(pieces: list[str], seed: int):  # type: ignore[no-untyped-def]
    """A transformer-base spec filled with random numpy weights."""
    import numpy as np
    from ctranslate2.specs import model_spec, transformer_spec

    rng = np.random.default_rng(seed)
    spec = transformer_spec.TransformerSpec.from_config((LAYERS, LAYERS), HEADS, pre_norm=True)
    v, d = len(pieces), D_MODEL
    shapes = {
        "self_attention/linear_0": (3 * d, d),
        "self_attention/linear_1": (d, d),
        "attention/linear_0": (d, d),
        "attention/linear_1": (2 * d, d),
        "attention/linear_2": (d, d),
        "ffn/linear_0": (FFN, d),
        "ffn/linear_1": (d, FFN),
        "projection": (v, d),
        "embeddings": (v, d),
        "embeddings_0": (v, d),
    }

    def fill(layer, name, value):  # type: ignore[no-untyped-def]
        if value is not None:
            return
        scope, attr = name.rsplit("/", 1)
        if attr == "gamma":
            arr = np.ones(d, dtype=np.float32)
        elif attr == "beta":
            arr = np.zeros(d, dtype=np.float32)
        else:
            key = next(k for k in shapes if scope.endswith(k))
            shape = shapes[key]
            arr = (rng.standard_normal(shape, dtype=np.float32) / np.sqrt(shape[1])).astype(np.float32)
        setattr(layer, attr, arr)

    model_spec.visit_spec(spec, fill)
    spec.register_source_vocabulary(pieces)
    spec.register_target_vocabulary(pieces)
    return spec


def build_random_package(lang: str, corpus: list[str], root: Path | None = None) -> Path:
    """Build (or reuse) a random transformer-base Argos-style package for lang→en."""
    import sentencepiece as spm

    digest = hashlib.sha256("\n".join([BENCH_VERSION, lang, *corpus]).encode()).hexdigest()[:12]
    home = (root or _cache_root()) / f"{lang}-{digest}"  # one package per dir: find_model is unambiguous
    pkg = home / f"translate-{lang}_en-random"
    if (pkg / "model" / "model.bin").is_file():
        return pkg
    home.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".build-", dir=home))
    corpus = corpus + BUILTIN[lang]
    extra = {"max_sentencepiece_length": 4} if lang == "zh" else {}
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(corpus), model_prefix=str(tmp / "sentencepiece"), vocab_size=VOCAB,
        model_type="bpe", character_coverage=0.9995, hard_vocab_limit=False, minloglevel=2, **extra,
    )
    sp = spm.SentencePieceProcessor(model_file=str(tmp / "sentencepiece.model"))
    pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    spec = _random_spec(pieces, seed=int(digest[:8], 16))
    spec.validate()
    spec.optimize(quantization="int8")
    (tmp / "model").mkdir()
    spec.save(str(tmp / "model"))
    (tmp / "metadata.json").write_text(json.dumps({
        "package_version": "0.0", "argos_version": "1.9.0", "from_code": lang, "from_name": lang,
        "to_code": "en", "to_name": "English", "type": "translate", "links": [],
    }))
    (tmp / "sentencepiece.vocab").unlink(missing_ok=True)
    try:
        tmp.rename(pkg)
    except OSError:  # another process built it first
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
    return pkg


def _records(sentences: list[str], lang: str):  # type: ignore[no-untyped-def]
    from pipeline.record import ArticleRecord

    now = datetime.now(UTC)
    return [
        ArticleRecord(url=f"http://bench/{i}", canonical_url=f"http://bench/{i}", source="bench",
                      fetched_at=now, text=s, language=lang)
        for i, s in enumerate(sentences)
    ]


def _time_pipeline(sentences: list[str], lang: str, settings) -> float:  # type: ignore[no-untyped-def]
    from pipeline.translate import translate_records

    records = _records(sentences, lang)
    t0 = time.perf_counter()
    report = translate_records(records, settings, cache_path=None)
    elapsed = time.perf_counter() - t0
    assert report.translated == len(records), report.summary()
    return elapsed


def _time_raw(translator, sentences: list[str], lang: str) -> float:  # type: ignore[no-untyped-def]
    """The same CTranslate2 work as the pipeline, with everything else done beforehand."""
    from pipeline.translate.segment import fit_length, segment_text

    segs = sorted({s for t in sentences for p in segment_text(t, lang) for s in p})
    toks = fit_length(segs, translator.encode(segs), lang, translator.settings.max_input_tokens, translator.encode)
    flat = [p for ps in toks for p in ps]
    lengths = [len(t) for t in flat]
    order = sorted(range(len(flat)), key=lengths.__getitem__)
    calls = []
    for group in translator._batches(order, lengths):
        batch = [flat[i] for i in group]
        opts = dict(translator.options, max_decoding_length=translator.max_decoding_length(max(lengths[i] for i in group)))
        calls.append((batch, opts))
    t0 = time.perf_counter()
    for batch, opts in calls:
        translator.ct2.translate_batch(batch, **opts)
    return time.perf_counter() - t0


def _time_argos(pkg: Path, sentences: list[str], lang: str) -> float | str:
    """argostranslate's own path, when its translate module (stanza, torch) imports."""
    try:
        import importlib.util

        if importlib.util.find_spec("stanza") is None:
            return "not installed, skipped (argostranslate.translate needs stanza/torch)"
        os.environ["ARGOS_PACKAGES_DIR"] = str(pkg.parent)  # read when argostranslate.settings imports
        import argostranslate.translate as at
    except Exception as exc:  # noqa: BLE001
        return f"not installed, skipped ({type(exc).__name__}: {exc})"
    try:
        at.translate(sentences[0], lang, "en")
        t0 = time.perf_counter()
        for s in sentences:
            at.translate(s, lang, "en")
        return time.perf_counter() - t0
    except Exception as exc:  # noqa: BLE001
        return f"failed, skipped ({type(exc).__name__}: {exc})"


def bench_language(eval_root: Path | None, lang: str, n: int, rounds: int = 3) -> dict:
    from pipeline.config import TranslationSettings
    from pipeline.translate import find_model, load_translator

    sentences, corpus, origin = load_sentences(eval_root, lang, n)
    t0 = time.perf_counter()
    pkg = build_random_package(lang, corpus)
    build_s = time.perf_counter() - t0
    settings = TranslationSettings(models_dir=str(pkg.parent), max_decoding_ratio=1.0, cache=False)
    t0 = time.perf_counter()
    translator = load_translator(find_model(lang, "en", pkg.parent), settings)  # what the stage will reuse
    load_s = time.perf_counter() - t0
    _time_pipeline(sentences[:8], lang, settings)  # warm-up
    pipe, raw = [], []
    for _ in range(rounds):  # interleave: fair under a noisy shared machine
        raw.append(_time_raw(translator, sentences, lang))
        pipe.append(_time_pipeline(sentences, lang, settings))
    argos = _time_argos(pkg, sentences, lang)
    res = {
        "sentences": len(sentences),
        "source": origin,
        "model": f"random transformer-base {LAYERS}+{LAYERS} d{D_MODEL} int8, vocab {translator.sp.get_piece_size()}",
        "build_seconds": round(build_s, 2),
        "load_seconds": round(load_s, 2),
        "beam_size": settings.beam_size,
        "batch_size": settings.batch_size,
        "pipeline_sent_per_s": round(len(sentences) / min(pipe), 2),
        "raw_sent_per_s": round(len(sentences) / min(raw), 2),
    }
    res["ratio_pipeline_raw"] = round(res["pipeline_sent_per_s"] / res["raw_sent_per_s"], 3)
    res["argos_sent_per_s"] = round(len(sentences) / argos, 2) if isinstance(argos, float) else argos
    return res


def run(eval_root: Path | None = None, n: int = 200, langs: tuple[str, ...] = ("ru", "zh")) -> dict:
    """Throughput figures per language; prints a short table."""
    if eval_root is None:
        print("translate bench: no eval folder, using built-in sentences")
    out: dict = {}
    for lang in langs:
        res = bench_language(eval_root, lang, n)
        out[lang] = res
        print(f"[{lang}] {res['sentences']} sentences from {res['source']}; {res['model']}")
        print(f"[{lang}] pipeline {res['pipeline_sent_per_s']} sent/s, raw translate_batch {res['raw_sent_per_s']} sent/s, "
              f"ratio {res['ratio_pipeline_raw']} (beam {res['beam_size']}, batch {res['batch_size']})")
        argos = res["argos_sent_per_s"]
        print(f"[{lang}] argostranslate.translate: {argos if isinstance(argos, str) else f'{argos} sent/s'}", flush=True)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline.bench.translate", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("eval_dir", nargs="?", default=None)
    ap.add_argument("--n", type=int, default=200, help="sentences per language")
    ap.add_argument("--lang", action="append", choices=["ru", "zh"])
    args = ap.parse_args(argv)
    run(eval_dir(args.eval_dir), n=args.n, langs=tuple(args.lang or ("ru", "zh")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
