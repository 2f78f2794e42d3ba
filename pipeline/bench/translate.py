"""Translation throughput: pipeline stage vs raw CTranslate2 vs argostranslate, and cores used.

Speed does not depend on weights, so instead of downloading a real model we
build a randomly initialised transformer-base (6+6 layers, d_model 512, int8)
straight from a ``ctranslate2.specs.TransformerSpec`` with numpy (no torch),
with a sentencepiece vocabulary trained on the sentences themselves, packaged
like an Argos package and cached. Random weights would never emit ``</s>``, so
``</s>`` reads one decoder position dimension that grows with the step
(``EOS_RAMP``): outputs end after about 20-30 tokens whatever the input, about a
translation's length for a median news sentence (ru 1.2x, zh 2.1x the input's
tokens). Short inputs then overrun their first cap and exercise the lone retry:
more often than with a real model, so the retry figures are an upper bound.

- pipeline: ``translate_records`` on records made of the sentences (segmentation,
  bulk tokenisation, batching, lone retries, detokenisation, reassembly; cache off).
- raw: the same ``translate_batch`` calls on the same segments, pre-tokenised:
  length-bucket batches with their caps, then a lone retry of each output that hit
  its cap; same batch size, beam and options, submitted the same way
  (asynchronously). The CTranslate2 floor: pipeline/raw is the pipeline's overhead.
- cores used: process CPU time (all threads, and children) ÷ wall time while each runs;
  cores asked: (CPU time + time runnable but waiting for a CPU, from the threads'
  schedstat) ÷ wall time, which is what an idle machine would have given.
- argostranslate: ``argostranslate.translate`` per text, when it is installed
  with its stanza dependency (not in this project's environment).

``python -m pipeline.bench.translate [EVAL_DIR] [--n N] [--tune]``: ``--tune``
compares thread and batch settings (inter_threads × intra_threads, examples vs tokens).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import eval_dir

if TYPE_CHECKING:
    from pipeline.config import TranslationSettings

D_MODEL, FFN, LAYERS, HEADS, VOCAB = 512, 2048, 6, 8, 16000
BENCH_VERSION = "2"  # bump when the model recipe changes (cache key)
EOS_RAMP, EOS_WEIGHT, EOS_BIAS = 1.0, 1.0, -3.0  # </s> logit = weight x normalised step + bias (see _random_spec)
POSITIONS = 4096  # decoder positions: more than any retry cap

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


def _random_spec(pieces: list[str], seed: int):
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

    def fill(layer, name, value):
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
    # Let outputs end like translations: dimension 0 of the decoder's position
    # encodings grows with the step, and </s> reads only that dimension, so </s>
    # overtakes the random logits after a few tens of steps.
    steps = np.arange(POSITIONS, dtype=np.float32)[:, None]
    rates = np.exp(-np.log(10000.0) * np.arange(0, d, 2, dtype=np.float32) / d)
    table = np.zeros((POSITIONS, d), dtype=np.float32)
    table[:, 0::2], table[:, 1::2] = np.sin(steps * rates), np.cos(steps * rates)
    table[:, 0] = EOS_RAMP * steps[:, 0]
    spec.decoder.position_encodings.encodings = table
    eos = pieces.index("</s>")
    spec.decoder.projection.weight[eos] = 0.0
    spec.decoder.projection.weight[eos, 0] = EOS_WEIGHT
    bias = np.zeros(v, dtype=np.float32)
    bias[eos] = EOS_BIAS
    spec.decoder.projection.bias = bias
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
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(corpus), model_prefix=str(tmp / "sentencepiece"), vocab_size=VOCAB,
        model_type="bpe", character_coverage=0.9995, hard_vocab_limit=False, minloglevel=2,
        max_sentencepiece_length=4 if lang == "zh" else 16,
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


def _records(sentences: list[str], lang: str):
    from pipeline.record import ArticleRecord

    now = datetime.now(UTC)
    return [
        ArticleRecord(url=f"http://bench/{i}", canonical_url=f"http://bench/{i}", source="bench",
                      fetched_at=now, text=s, language=lang)
        for i, s in enumerate(sentences)
    ]


def _cpu_seconds() -> float:
    """CPU time of this process (every thread) and of its waited-for children."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _sched_seconds() -> float:
    """Seconds this process's threads spent on a CPU or waiting in a run queue for one
    (Linux schedstat; 0 elsewhere): what the threads asked for, whoever else is busy."""
    total = 0
    for stat in Path("/proc/self/task").glob("*/schedstat"):
        try:
            run, wait, _ = stat.read_text().split()
        except (OSError, ValueError):
            continue  # thread ended meanwhile
        total += int(run) + int(wait)
    return total / 1e9


class _Meter:
    """Wall, CPU and CPU-or-runnable seconds of a block."""

    def __enter__(self) -> _Meter:
        self.t0, self.c0, self.s0 = time.perf_counter(), _cpu_seconds(), _sched_seconds()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self.t0
        self.cpu = _cpu_seconds() - self.c0
        self.asked = _sched_seconds() - self.s0


def _time_pipeline(sentences: list[str], lang: str, settings) -> tuple[_Meter, dict]:
    """(meter, translation report) of the pipeline stage."""
    from pipeline.translate import translate_records

    records = _records(sentences, lang)
    with _Meter() as meter:
        report = translate_records(records, settings, cache_path=None)
    assert report.translated == len(records), report.summary()
    return meter, report.as_dict()


def _time_raw(translator, sentences: list[str], lang: str) -> tuple[_Meter, int]:
    """The same CTranslate2 calls as the pipeline (length-bucket batches, then a lone
    retry of each output that hit its cap), with everything else done beforehand:
    (meter, outputs retried)."""
    from pipeline.translate.segment import fit_length, segment_text

    segs = sorted({s for t in sentences for p in segment_text(t, lang) for s in p})
    toks = fit_length(segs, translator.encode(segs), lang, translator.settings.max_input_tokens, translator.encode)
    flat = [p for ps in toks for p in ps]
    lengths = [len(t) for t in flat]
    order = sorted(range(len(flat)), key=lengths.__getitem__)
    opts = translator.options
    calls = [(group, [flat[i] for i in group], dict(opts, max_decoding_length=translator.decoding_cap(lengths[group[0]])))
             for group in translator._batches(order, lengths)]
    end = [translator.end_token]
    with _Meter() as meter:
        pending = [(group, translator.ct2.translate_batch(batch, asynchronous=True, **o)) for group, batch, o in calls]
        retries = [translator.ct2.translate_batch([flat[i]], asynchronous=True,
                                                  **dict(opts, max_decoding_length=translator.retry_cap(lengths[i])))
                   for group, results in pending for i, r in zip(group, results) if r.result().hypotheses[0][-1:] != end]
        for results in retries:
            results[0].result()
    return meter, len(retries)


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


def _settings(pkg: Path, overrides: dict[str, Any]) -> TranslationSettings:
    from pipeline.config import TranslationSettings

    return TranslationSettings.model_validate({"models_dir": str(pkg.parent), "cache": False, **overrides})


def bench_language(eval_root: Path | None, lang: str, n: int, rounds: int = 7, overrides: dict[str, Any] | None = None) -> dict:
    """Pipeline vs raw on one language, interleaved rounds: speeds from the best round, ratios and cores from all."""
    from pipeline.translate import find_model, load_translator

    sentences, corpus, origin = load_sentences(eval_root, lang, n)
    t0 = time.perf_counter()
    pkg = build_random_package(lang, corpus)
    build_s = time.perf_counter() - t0
    settings = _settings(pkg, overrides or {})
    t0 = time.perf_counter()
    translator = load_translator(find_model(lang, "en", pkg.parent), settings)  # what the stage will reuse
    load_s = time.perf_counter() - t0
    _time_pipeline(sentences[:8], lang, settings)  # warm-up
    pipe, raw = [], []
    for k in range(rounds):  # interleave, alternating which goes first: fair under a noisy shared machine
        if k % 2:
            pipe.append(_time_pipeline(sentences, lang, settings))
        raw.append(_time_raw(translator, sentences, lang))
        if not k % 2:
            pipe.append(_time_pipeline(sentences, lang, settings))
    best_pipe, best_raw = min(pipe, key=lambda r: r[0].wall), min(raw, key=lambda r: r[0].wall)
    report = best_pipe[1]
    res = {
        "sentences": len(sentences),
        "source": origin,
        "model": f"random transformer-base {LAYERS}+{LAYERS} d{D_MODEL} int8, vocab {translator.sp.get_piece_size()}",
        "build_seconds": round(build_s, 2),
        "load_seconds": round(load_s, 2),
        "beam_size": settings.beam_size,
        "batch_size": settings.batch_size,
        "batch_type": settings.batch_type,
        "inter_threads": translator.inter_threads,
        "intra_threads": translator.intra_threads,
        "rounds": rounds,
        "pipeline_sent_per_s": round(len(sentences) / best_pipe[0].wall, 2),
        "raw_sent_per_s": round(len(sentences) / best_raw[0].wall, 2),
        # pipeline/raw: best round over best round (a neighbour only ever slows a round down),
        # and the median of the back-to-back pairs
        "ratio_pipeline_raw": round(best_raw[0].wall / best_pipe[0].wall, 3),
        "ratio_pipeline_raw_paired": round(statistics.median(r.wall / p.wall for (r, _), (p, _) in zip(raw, pipe)), 3),
        # CPU seconds of raw CTranslate2 work per CPU second of the pipeline (insensitive to neighbours)
        "cpu_ratio_pipeline_raw": round(sum(m.cpu for m, _ in raw) / sum(m.cpu for m, _ in pipe), 3),
        # cores used: CPU time / wall time; cores asked: (CPU + run-queue wait) / wall, what an idle machine would give
        "pipeline_cores": round(statistics.median(m.cpu / m.wall for m, _ in pipe), 2),
        "raw_cores": round(statistics.median(m.cpu / m.wall for m, _ in raw), 2),
        "pipeline_cores_asked": round(statistics.median(m.asked / m.wall for m, _ in pipe), 2),
        "raw_cores_asked": round(statistics.median(m.asked / m.wall for m, _ in raw), 2),
        "segments": report["segments_translated"],
        "retried": report["retried"],
        "truncated": report["truncated"],
        "raw_retried": best_raw[1],
    }
    argos = _time_argos(pkg, sentences, lang) if not overrides else "skipped while tuning"
    res["argos_sent_per_s"] = round(len(sentences) / argos, 2) if isinstance(argos, float) else argos
    return res


def _load_note() -> str:
    try:
        return "load average " + " ".join(f"{x:.1f}" for x in os.getloadavg()) + f" on {os.cpu_count()} cores"
    except OSError:
        return f"{os.cpu_count()} cores"


def run(eval_root: Path | None = None, n: int = 200, langs: tuple[str, ...] = ("ru", "zh"),
        overrides: dict[str, Any] | None = None) -> dict:
    """Throughput figures per language; prints a short table."""
    if eval_root is None:
        print("translate bench: no eval folder, using built-in sentences")
    out: dict = {"date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), "machine": _load_note()}
    print(f"translate bench {out['date']}, {out['machine']} at start")
    for lang in langs:
        res = bench_language(eval_root, lang, n, overrides=overrides)
        out[lang] = res
        print(f"[{lang}] {res['sentences']} sentences from {res['source']}; {res['model']}")
        print(f"[{lang}] pipeline {res['pipeline_sent_per_s']} sent/s, raw translate_batch {res['raw_sent_per_s']} sent/s, "
              f"pipeline/raw {res['ratio_pipeline_raw']} (paired median {res['ratio_pipeline_raw_paired']})")
        print(f"[{lang}] beam {res['beam_size']}, batch {res['batch_size']} {res['batch_type']}, "
              f"inter_threads {res['inter_threads']}, intra_threads {res['intra_threads']}")
        print(f"[{lang}] cores used: pipeline {res['pipeline_cores']}, raw {res['raw_cores']} (CPU time / wall time); "
              f"cores asked: pipeline {res['pipeline_cores_asked']}, raw {res['raw_cores_asked']} ((CPU + run-queue wait) / wall); "
              f"CPU time raw/pipeline {res['cpu_ratio_pipeline_raw']}")
        print(f"[{lang}] truncated {res['truncated']} of {res['segments']} sentences "
              f"(retried alone {res['retried']}, raw {res['raw_retried']})")
        argos = res["argos_sent_per_s"]
        print(f"[{lang}] argostranslate.translate: {argos if isinstance(argos, str) else f'{argos} sent/s'}", flush=True)
    out["machine_end"] = _load_note()
    return out


# Thread and batch layouts compared by --tune (inter_threads, intra_threads, batch_type, batch_size).
TUNE_GRID = [
    (1, 4, "examples", 32),  # CTranslate2's own default (intra_threads 4)
    (1, 2, "examples", 32),
    (2, 1, "examples", 32),
    (2, 1, "tokens", 1024),
]


def tune(eval_root: Path | None, n: int, lang: str, rounds: int = 3) -> list[dict]:
    """Pipeline speed and cores used per layout, all in one run (ratios comparable)."""
    rows = []
    print(f"translate tune {lang}, {n} sentences, {_load_note()}")
    for inter, intra, btype, bsize in TUNE_GRID:
        res = bench_language(eval_root, lang, n, rounds=rounds, overrides=dict(
            inter_threads=inter, intra_threads=intra, batch_type=btype, batch_size=bsize))
        rows.append(res)
        print(f"inter {inter} intra {intra} {btype} {bsize}: pipeline {res['pipeline_sent_per_s']} sent/s, "
              f"cores {res['pipeline_cores']} (asked {res['pipeline_cores_asked']}); raw {res['raw_sent_per_s']} sent/s, "
              f"cores {res['raw_cores']}; "
              f"pipeline/raw {res['ratio_pipeline_raw']} (CPU {res['cpu_ratio_pipeline_raw']})", flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline.bench.translate", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("eval_dir", nargs="?", default=None)
    ap.add_argument("--n", type=int, default=200, help="sentences per language")
    ap.add_argument("--lang", action="append", choices=["ru", "zh"])
    ap.add_argument("--tune", action="store_true", help="compare inter/intra threads and batch types")
    args = ap.parse_args(argv)
    langs = tuple(args.lang or ("ru", "zh"))
    if args.tune:
        for lang in langs:
            tune(eval_dir(args.eval_dir), args.n, lang)
    else:
        run(eval_dir(args.eval_dir), n=args.n, langs=langs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
