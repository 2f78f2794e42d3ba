"""Build tiny real-format Argos packages (ru→en, zh→en) for the test suite.

Why: no translation model can be downloaded on CI or dev machines, but the
translation stage must be tested end to end on the exact package format
production installs with ``argospm``. So we train a very small Marian model on a
templated parallel news corpus until in-template sentences translate exactly,
convert it to CTranslate2 int8 and zip it like an ``.argosmodel``.

Run in a throwaway venv (torch must never enter the project lock)::

    python3 -m venv /tmp/trainvenv
    /tmp/trainvenv/bin/pip install torch==2.13.0 transformers sentencepiece ctranslate2 numpy
    /tmp/trainvenv/bin/python scripts/build_test_models.py --lang ru --lang zh

Outputs ``tests/models/translate-{ru,zh}_en-test.argosmodel`` and
``tests/models/examples.json`` (in-template pairs verified to translate exactly).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "tests" / "models"
PACKAGE_VERSION = "0.1"

# ---------------------------------------------------------------- slot fillers
# Leaders: en, ru nominative/genitive/accusative/instrumental, zh.
LEADERS = [
    dict(en="Putin", nom="Путин", gen="Путина", acc="Путина", ins="Путиным", zh="普京"),
    dict(en="Vladimir Putin", nom="В. В. Путин", gen="В. В. Путина", acc="В. В. Путина", ins="В. В. Путиным", zh="弗拉基米尔·普京"),
    dict(en="Xi Jinping", nom="Си Цзиньпин", gen="Си Цзиньпина", acc="Си Цзиньпина", ins="Си Цзиньпином", zh="习近平"),
    dict(en="Biden", nom="Байден", gen="Байдена", acc="Байдена", ins="Байденом", zh="拜登"),
    dict(en="Macron", nom="Макрон", gen="Макрона", acc="Макрона", ins="Макроном", zh="马克龙"),
    dict(en="Modi", nom="Моди", gen="Моди", acc="Моди", ins="Моди", zh="莫迪"),
    dict(en="Lula", nom="Лула", gen="Лулы", acc="Лулу", ins="Лулой", zh="卢拉"),
    dict(en="Erdogan", nom="Эрдоган", gen="Эрдогана", acc="Эрдогана", ins="Эрдоганом", zh="埃尔多安"),
    dict(en="Scholz", nom="Шольц", gen="Шольца", acc="Шольца", ins="Шольцем", zh="朔尔茨"),
]
# Cities: ru "in" (prepositional with в), accusative (visit X / to X), zh.
CITIES = [
    dict(en="Moscow", prep="в Москве", acc="Москву", zh="莫斯科"),
    dict(en="Beijing", prep="в Пекине", acc="Пекин", zh="北京"),
    dict(en="Shanghai", prep="в Шанхае", acc="Шанхай", zh="上海"),
    dict(en="Paris", prep="в Париже", acc="Париж", zh="巴黎"),
    dict(en="Berlin", prep="в Берлине", acc="Берлин", zh="柏林"),
    dict(en="New Delhi", prep="в Нью-Дели", acc="Нью-Дели", zh="新德里"),
    dict(en="Washington", prep="в Вашингтоне", acc="Вашингтон", zh="华盛顿"),
    dict(en="Kazan", prep="в Казани", acc="Казань", zh="喀山"),
    dict(en="Ankara", prep="в Анкаре", acc="Анкару", zh="安卡拉"),
    dict(en="St. Petersburg", prep="в Санкт-Петербурге", acc="Санкт-Петербург", zh="圣彼得堡"),
]
COUNTRIES = [
    dict(en="Russia", nom="Россия", gen="России", ins="Россией", prep="в России", acc="Россию", to="в Россию", zh="俄罗斯"),
    dict(en="China", nom="Китай", gen="Китая", ins="Китаем", prep="в Китае", acc="Китай", to="в Китай", zh="中国"),
    dict(en="India", nom="Индия", gen="Индии", ins="Индией", prep="в Индии", acc="Индию", to="в Индию", zh="印度"),
    dict(en="France", nom="Франция", gen="Франции", ins="Францией", prep="во Франции", acc="Францию", to="во Францию", zh="法国"),
    dict(en="Germany", nom="Германия", gen="Германии", ins="Германией", prep="в Германии", acc="Германию", to="в Германию", zh="德国"),
    dict(en="Brazil", nom="Бразилия", gen="Бразилии", ins="Бразилией", prep="в Бразилии", acc="Бразилию", to="в Бразилию", zh="巴西"),
    dict(en="Turkey", nom="Турция", gen="Турции", ins="Турцией", prep="в Турции", acc="Турцию", to="в Турцию", zh="土耳其"),
    dict(en="the United States", nom="США", gen="США", ins="США", prep="в США", acc="США", to="в США", zh="美国"),
    dict(en="Japan", nom="Япония", gen="Японии", ins="Японией", prep="в Японии", acc="Японию", to="в Японию", zh="日本"),
]
MINISTERS = [
    dict(en="foreign minister", ru="министр иностранных дел", zh="外交部长"),
    dict(en="finance minister", ru="министр финансов", zh="财政部长"),
    dict(en="defense minister", ru="министр обороны", zh="国防部长"),
    dict(en="trade minister", ru="министр торговли", zh="商务部长"),
    dict(en="economy minister", ru="министр экономики", zh="经济部长"),
]
DAYS = [
    dict(en="on Monday", ru="в понедельник", zh="周一"),
    dict(en="on Tuesday", ru="во вторник", zh="周二"),
    dict(en="on Wednesday", ru="в среду", zh="周三"),
    dict(en="on Thursday", ru="в четверг", zh="周四"),
    dict(en="on Friday", ru="в пятницу", zh="周五"),
    dict(en="on Saturday", ru="в субботу", zh="周六"),
    dict(en="on Sunday", ru="в воскресенье", zh="周日"),
]
_MONTHS_EN = "January February March April May June July August September October November December".split()
_MONTHS_RU = "январе феврале марте апреле мае июне июле августе сентябре октябре ноябре декабре".split()
MONTHS = [dict(en=f"in {e}", ru=f"в {r}", zh=f"{i + 1}月") for i, (e, r) in enumerate(zip(_MONTHS_EN, _MONTHS_RU))]
TOPICS = [
    dict(en="trade", acc="торговлю", o="о торговле", gen="торговли", zh="贸易"),
    dict(en="energy", acc="энергетику", o="об энергетике", gen="энергетики", zh="能源"),
    dict(en="security", acc="безопасность", o="о безопасности", gen="безопасности", zh="安全"),
    dict(en="investment", acc="инвестиции", o="об инвестициях", gen="инвестиций", zh="投资"),
    dict(en="technology", acc="технологии", o="о технологиях", gen="технологий", zh="技术"),
    dict(en="agriculture", acc="сельское хозяйство", o="о сельском хозяйстве", gen="сельского хозяйства", zh="农业"),
]


def _plural(n: int, one: str, few: str, many: str) -> str:
    """Russian count form after a numeral."""
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def _gen_count(n: int, one: str, many: str) -> str:
    """Genitive after до/из + numeral: 1 → singular, else plural."""
    return one if n % 10 == 1 and n % 100 != 11 else many


def _num(n: int) -> dict[str, str]:
    return dict(
        n=str(n),
        pct=_plural(n, "процент", "процента", "процентов"),
        pct_gen=_gen_count(n, "процента", "процентов"),
        hours=_plural(n, "час", "часа", "часов"),
        bln_gen=_gen_count(n, "миллиарда", "миллиардов"),
        countries_gen=_gen_count(n, "страны", "стран"),
        zh_yi=str(n * 10),  # N billion = N*10 亿
    )


# ------------------------------------------------------------------- templates
# (en, ru, zh, slots) — slots: name -> (pool or callable producing a filler)
Slots = dict[str, Any]
TEMPLATES: list[tuple[str, str, str, dict[str, Callable[[random.Random], Any]]]] = []


def _pool(items: list[dict[str, str]]) -> Callable[[random.Random], dict[str, str]]:
    return lambda rng: rng.choice(items)


def _nums(lo: int, hi: int) -> Callable[[random.Random], dict[str, str]]:
    return lambda rng: _num(rng.randint(lo, hi))


L, C, K, M, D, MO, T = (_pool(x) for x in (LEADERS, CITIES, COUNTRIES, MINISTERS, DAYS, MONTHS, TOPICS))


def Y(rng: random.Random) -> str:  # a slot name, like L, C, K above
    return str(rng.randint(2010, 2025))


def _t(en: str, ru: str, zh: str, **slots: Callable[[random.Random], Any]) -> None:
    TEMPLATES.append((en, ru, zh, slots))


_t("{A[en]} met {B[en]} in {C[en]} {D[en]}.", "{A[nom]} встретился с {B[ins]} {C[prep]} {D[ru]}.", "{A[zh]}{D[zh]}在{C[zh]}会见了{B[zh]}。", A=L, B=L, C=C, D=D)
_t("{A[en]} will visit {C[en]} {D[en]}.", "{A[nom]} посетит {C[acc]} {D[ru]}.", "{A[zh]}将于{D[zh]}访问{C[zh]}。", A=L, C=C, D=D)
_t("The talks between {A[en]} and {B[en]} lasted {N[n]} hours.", "Переговоры {A[gen]} и {B[gen]} продолжались {N[n]} {N[hours]}.", "{A[zh]}与{B[zh]}的会谈持续了{N[n]}个小时。", A=L, B=L, N=_nums(2, 12))
_t("The {M[en]} of {K[en]} arrived in {C[en]} {D[en]}.", "{M[ru]} {K[gen]} прибыл в {C[acc]} {D[ru]}.", "{K[zh]}{M[zh]}{D[zh]}抵达{C[zh]}。", M=M, K=K, C=C, D=D)
_t("Trade between {K[en]} and {J[en]} grew by {N[n]} percent.", "Торговля между {K[ins]} и {J[ins]} выросла на {N[n]} {N[pct]}.", "{K[zh]}与{J[zh]}之间的贸易增长了{N[n]}%。", K=K, J=K, N=_nums(1, 60))
_t("{A[en]} said that the economy of {K[en]} is growing.", "{A[nom]} заявил, что экономика {K[gen]} растет.", "{A[zh]}表示，{K[zh]}经济正在增长。", A=L, K=K)
_t("The summit will be held in {C[en]} {O[en]}.", "Саммит пройдет {C[prep]} {O[ru]}.", "峰会将于{O[zh]}在{C[zh]}举行。", C=C, O=MO)
_t("{A[en]} and {B[en]} discussed {T[en]}.", "{A[nom]} и {B[nom]} обсудили {T[acc]}.", "{A[zh]}和{B[zh]}讨论了{T[zh]}问题。", A=L, B=L, T=T)
_t("Inflation in {K[en]} fell to {N[n]} percent {O[en]}.", "Инфляция {K[prep]} {O[ru]} снизилась до {N[n]} {N[pct_gen]}.", "{O[zh]}{K[zh]}通货膨胀率降至{N[n]}%。", K=K, O=MO, N=_nums(1, 30))
_t("The {M[en]} of {K[en]} will hold talks with {A[en]} {D[en]}.", "{M[ru]} {K[gen]} {D[ru]} проведет переговоры с {A[ins]}.", "{K[zh]}{M[zh]}将于{D[zh]}与{A[zh]}举行会谈。", M=M, K=K, A=L, D=D)
_t("The central bank of {K[en]} raised the key rate to {N[n]} percent.", "Центральный банк {K[gen]} повысил ключевую ставку до {N[n]} {N[pct_gen]}.", "{K[zh]}央行将关键利率上调至{N[n]}%。", K=K, N=_nums(1, 25))
_t("Exports from {K[en]} to {J[en]} reached {N[n]} billion dollars.", "Экспорт из {K[gen]} {J[to]} достиг {N[n]} {N[bln_gen]} долларов.", "{K[zh]}对{J[zh]}的出口达到{N[zh_yi]}亿美元。", K=K, J=K, N=_nums(1, 90))
_t("{A[en]} arrived in {C[en]} on a two-day visit.", "{A[nom]} прибыл в {C[acc]} с двухдневным визитом.", "{A[zh]}抵达{C[zh]}进行为期两天的访问。", A=L, C=C)
_t("The meeting of the ministers took place in {C[en]} {D[en]}.", "Встреча министров состоялась {D[ru]} {C[prep]}.", "部长会议{D[zh]}在{C[zh]}举行。", C=C, D=D)
_t("{A[en]} congratulated {B[en]} on the victory.", "{A[nom]} поздравил {B[acc]} с победой.", "{A[zh]}祝贺{B[zh]}获胜。", A=L, B=L)
_t("{K[en]} and {J[en]} signed an agreement on {T[en]}.", "{K[nom]} и {J[nom]} подписали соглашение {T[o]}.", "{K[zh]}和{J[zh]}签署了{T[zh]}协议。", K=K, J=K, T=T)
_t("Oil prices rose by {N[n]} percent {D[en]}.", "Цены на нефть {D[ru]} выросли на {N[n]} {N[pct]}.", "{D[zh]}油价上涨了{N[n]}%。", D=D, N=_nums(1, 15))
_t("{A[en]} will speak at the forum in {C[en]}.", "{A[nom]} выступит на форуме {C[prep]}.", "{A[zh]}将在{C[zh]}论坛上发表讲话。", A=L, C=C)
_t("The {M[en]} of {K[en]} called the talks with {J[en]} constructive.", "{M[ru]} {K[gen]} назвал переговоры с {J[ins]} конструктивными.", "{K[zh]}{M[zh]}称与{J[zh]}的会谈富有建设性。", M=M, K=K, J=K)
_t("The economy of {K[en]} grew by {N[n]} percent in {Y}.", "Экономика {K[gen]} выросла на {N[n]} {N[pct]} в {Y} году.", "{Y}年{K[zh]}经济增长了{N[n]}%。", K=K, N=_nums(1, 9), Y=Y)
_t("Ministers from {N[n]} countries will meet in {C[en]} {D[en]}.", "Министры из {N[n]} {N[countries_gen]} встретятся {D[ru]} {C[prep]}.", "来自{N[n]}个国家的部长将于{D[zh]}在{C[zh]}会面。", N=_nums(3, 40), C=C, D=D)
_t("{A[en]} had a phone call with {B[en]} {D[en]}.", "{A[nom]} {D[ru]} провел телефонный разговор с {B[ins]}.", "{A[zh]}{D[zh]}与{B[zh]}通了电话。", A=L, B=L, D=D)
_t("The leaders agreed to expand cooperation in {T[en]}.", "Лидеры договорились расширить сотрудничество в области {T[gen]}.", "领导人同意扩大在{T[zh]}领域的合作。", T=T)
_t("The summit in {C[en]} ended {D[en]}.", "Саммит {C[prep]} завершился {D[ru]}.", "{C[zh]}峰会于{D[zh]}结束。", C=C, D=D)
_t("{A[en]} and {B[en]} will meet in {C[en]} {O[en]}.", "{A[nom]} и {B[nom]} встретятся {C[prep]} {O[ru]}.", "{A[zh]}和{B[zh]}将于{O[zh]}在{C[zh]}会晤。", A=L, B=L, C=C, O=MO)
_t("The {M[en]} of {K[en]} resigned {D[en]}.", "{M[ru]} {K[gen]} {D[ru]} подал в отставку.", "{K[zh]}{M[zh]}{D[zh]}辞职。", M=M, K=K, D=D)
_t("Unemployment in {K[en]} rose to {N[n]} percent.", "Безработица {K[prep]} выросла до {N[n]} {N[pct_gen]}.", "{K[zh]}失业率升至{N[n]}%。", K=K, N=_nums(1, 20))
_t("{A[en]} invited {B[en]} to visit {K[en]}.", "{A[nom]} пригласил {B[acc]} посетить {K[acc]}.", "{A[zh]}邀请{B[zh]}访问{K[zh]}。", A=L, B=L, K=K)


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def sample_pair(rng: random.Random, lang: str) -> tuple[str, str]:
    """One (source, english) pair from a random template; distinct fillers per slot type."""
    en, ru, zh, slots = TEMPLATES[rng.randrange(len(TEMPLATES))]
    while True:
        values = {name: make(rng) for name, make in slots.items()}
        if values.get("A") is None or values.get("A") is not values.get("B"):
            if values.get("K") is None or values.get("K") is not values.get("J"):
                break
    src = (ru if lang == "ru" else zh).format(**values)
    return _cap(src), _cap(en.format(**values))


def corpus(lang: str, n: int, seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    return [sample_pair(rng, lang) for _ in range(n)]


# --------------------------------------------------------------------- training
SPECIALS = {"unk": 0, "bos": 1, "eos": 2}


def train_sentencepiece(pairs: list[tuple[str, str]], lang: str, workdir: Path) -> Path:
    import sentencepiece as spm

    lines = [s for p in pairs for s in p]
    prefix = workdir / "sentencepiece"
    kwargs: dict[str, Any] = {}
    if lang == "zh":
        kwargs["max_sentencepiece_length"] = 4
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_prefix=str(prefix),
        vocab_size=1000,
        model_type="bpe",
        character_coverage=1.0,
        hard_vocab_limit=False,
        unk_id=SPECIALS["unk"],
        bos_id=SPECIALS["bos"],
        eos_id=SPECIALS["eos"],
        pad_id=-1,
        minloglevel=2,
        **kwargs,
    )
    return prefix.with_suffix(".model")


class _VocabTokenizer:
    """Just enough of a HF tokenizer for ctranslate2's Marian loader."""

    eos_token = "</s>"
    unk_token = "<unk>"

    def __init__(self, pieces: list[str]):
        self._vocab = {p: i for i, p in enumerate(pieces)}

    def get_vocab(self) -> dict[str, int]:
        return dict(self._vocab)


def train_model(lang: str, max_minutes: float, seed: int, workdir: Path, threads: int = 1) -> tuple[Path, Path]:
    import sentencepiece as spm
    import torch
    from transformers import MarianConfig, MarianMTModel

    torch.manual_seed(seed)
    torch.set_num_threads(threads)  # 1 by default: OpenMP spin-waits thrash on a shared machine
    pairs = corpus(lang, 60_000, seed)
    sp_path = train_sentencepiece(pairs, lang, workdir)
    sp = spm.SentencePieceProcessor(model_file=str(sp_path))
    pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    pad = len(pieces)  # Marian convention: <pad> last, removed again by the converter
    eos = SPECIALS["eos"]
    print(f"[{lang}] sentencepiece vocab {len(pieces)}; {len(set(pairs))} distinct pairs", flush=True)

    src_ids = sp.encode([s for s, _ in pairs])  # no </s>: argostranslate sends bare pieces
    tgt_ids = sp.encode([t for _, t in pairs])
    dev = corpus(lang, 512, seed + 1)
    dev_src, dev_tgt = sp.encode([s for s, _ in dev]), sp.encode([t for _, t in dev])

    config = MarianConfig(
        vocab_size=pad + 1, d_model=128, encoder_layers=2, decoder_layers=2,
        encoder_attention_heads=4, decoder_attention_heads=4, encoder_ffn_dim=512, decoder_ffn_dim=512,
        max_position_embeddings=256, pad_token_id=pad, eos_token_id=eos, decoder_start_token_id=pad,
        forced_eos_token_id=eos, activation_function="relu", dropout=0.1, attention_dropout=0.0,
        scale_embedding=True, share_encoder_decoder_embeddings=True, tie_word_embeddings=True,
    )
    model = MarianMTModel(config)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.0)

    def batch(src: list[list[int]], tgt: list[list[int]]) -> dict[str, torch.Tensor]:
        ls, lt = max(map(len, src)), max(map(len, tgt)) + 1
        inp = torch.full((len(src), ls), pad)
        att = torch.zeros((len(src), ls), dtype=torch.long)
        dec = torch.full((len(src), lt), pad)
        lab = torch.full((len(src), lt), -100)
        for i, (s, t) in enumerate(zip(src, tgt)):
            inp[i, : len(s)] = torch.tensor(s)
            att[i, : len(s)] = 1
            dec[i, 1 : len(t) + 1] = torch.tensor(t)  # starts from <pad> (zero embedding)
            lab[i, : len(t) + 1] = torch.tensor([*t, eos])
        return dict(input_ids=inp, attention_mask=att, decoder_input_ids=dec, labels=lab)

    def dev_exact() -> float:
        model.eval()
        ok = 0
        with torch.no_grad():
            for i in range(0, len(dev_src), 128):
                b = batch(dev_src[i : i + 128], dev_tgt[i : i + 128])
                logits = model(**{k: v for k, v in b.items() if k != "labels"}).logits
                pred = logits.argmax(-1)
                mask = b["labels"] != -100
                ok += int(((pred == b["labels"]) | ~mask).all(-1).sum())
        model.train()
        return ok / len(dev_src)

    order = list(range(len(pairs)))
    rng = random.Random(seed)
    start, step, streak, bs = time.time(), 0, 0, 64
    model.train()
    while True:
        rng.shuffle(order)
        for i in range(0, len(order) - bs + 1, bs):
            idx = order[i : i + bs]
            b = batch([src_ids[j] for j in idx], [tgt_ids[j] for j in idx])
            for g in opt.param_groups:
                g["lr"] = 1e-3 * min(1.0, (step + 1) / 400)
            loss = model(**b).loss
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            with torch.no_grad():  # CTranslate2 starts Marian decoding from a zero embedding; the tied
                model.model.shared.weight[pad].zero_()  # lm_head would otherwise train the <pad> row
            step += 1
            if step % 50 == 0 and step % 250:
                print(f"[{lang}] step {step} loss {loss.item():.4f} ({(time.time() - start) / 60:.1f} min)", flush=True)
            if step % 250 == 0:
                exact = dev_exact()
                mins = (time.time() - start) / 60
                print(f"[{lang}] step {step} loss {loss.item():.4f} dev exact {exact:.3f} ({mins:.1f} min)", flush=True)
                streak = streak + 1 if exact == 1.0 else 0
                if streak >= 2 or mins > max_minutes:
                    model_dir = workdir / "hf"
                    model.save_pretrained(model_dir)
                    return model_dir, sp_path


def convert(model_dir: Path, sp_path: Path, out: Path) -> None:
    import sentencepiece as spm
    from ctranslate2.converters import TransformersConverter

    sp = spm.SentencePieceProcessor(model_file=str(sp_path))
    pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())] + ["<pad>"]

    class _Converter(TransformersConverter):
        def load_tokenizer(self, tokenizer_class: Any, model_name_or_path: str, **kwargs: Any) -> Any:
            return _VocabTokenizer(pieces)

    _Converter(str(model_dir)).convert(str(out), quantization="int8", force=True)


LANG_NAMES = {"ru": "Russian", "zh": "Chinese", "en": "English"}


def package(lang: str, ct2_dir: Path, sp_path: Path, workdir: Path, out_dir: Path) -> Path:
    name = f"translate-{lang}_en-test"
    root = workdir / "pkg" / name
    shutil.rmtree(root, ignore_errors=True)
    (root / "model").mkdir(parents=True)
    for f in ct2_dir.iterdir():
        shutil.copy2(f, root / "model" / f.name)
    shutil.copy2(sp_path, root / "sentencepiece.model")
    metadata = {
        "package_version": PACKAGE_VERSION,
        "argos_version": "1.9.0",
        "from_code": lang,
        "from_name": LANG_NAMES[lang],
        "to_code": "en",
        "to_name": "English",
        "type": "translate",
        "links": [],
    }
    (root / "metadata.json").write_text(json.dumps(metadata, indent=2, ensure_ascii=False) + "\n")
    (root / "README.md").write_text(
        f"# {name}\n\nTiny test model ({LANG_NAMES[lang]} → English) trained by scripts/build_test_models.py\n"
        "on a templated news corpus. It translates only in-template sentences; for tests, not production.\n"
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{name}.argosmodel"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in sorted(root.rglob("*")):
            if f.is_file():
                info = zipfile.ZipInfo(f"{name}/{f.relative_to(root).as_posix()}", date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o100644 << 16  # regular file, rw-r--r--
                zf.writestr(info, f.read_bytes())
    return target


def verify(lang: str, ct2_dir: Path, sp_path: Path, seed: int, n_examples: int = 24) -> list[dict[str, str]]:
    """Exact-match rate with ctranslate2 and in-template examples that pass at beam 1, 2 and 4."""
    import ctranslate2
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(sp_path))
    tr = ctranslate2.Translator(str(ct2_dir), device="cpu")
    pairs = list(dict.fromkeys(corpus(lang, 600, seed + 2)))
    src = sp.encode([s for s, _ in pairs], out_type=str)
    ok_all = [True] * len(pairs)
    for beam in (1, 2, 4):
        res = tr.translate_batch(src, beam_size=beam, max_batch_size=64, length_penalty=0.2, replace_unknowns=True)
        hyps = [sp.decode(r.hypotheses[0]) for r in res]
        ok = [h == t for h, (_, t) in zip(hyps, pairs)]
        print(f"[{lang}] ctranslate2 beam {beam}: exact {sum(ok) / len(ok):.3f}", flush=True)
        for h, (s, t), good in list(zip(hyps, pairs, ok))[:200]:
            if not good:
                print(f"    MISS {s!r} -> {h!r} (want {t!r})")
                break
        ok_all = [a and b for a, b in zip(ok_all, ok)]
    # One example per template where possible: spread coverage.
    picked: list[dict[str, str]] = []
    seen_prefix: set[str] = set()
    for (s, t), good in zip(pairs, ok_all):
        key = t.split()[1] if t.split()[0] in {"The"} else t.split()[-2]
        if good and key not in seen_prefix:
            seen_prefix.add(key)
            picked.append({"src": s, "en": t})
        if len(picked) >= n_examples:
            break
    return picked


def build(lang: str, max_minutes: float, seed: int, out_dir: Path, threads: int = 1) -> list[dict[str, str]]:
    with tempfile.TemporaryDirectory(prefix=f"argos-{lang}-") as tmp:
        work = Path(tmp)
        model_dir, sp_path = train_model(lang, max_minutes, seed, work, threads)
        ct2_dir = work / "ct2"
        convert(model_dir, sp_path, ct2_dir)
        examples = verify(lang, ct2_dir, sp_path, seed)
        target = package(lang, ct2_dir, sp_path, work, out_dir)
        print(f"[{lang}] wrote {target} ({target.stat().st_size / 1e6:.2f} MB), {len(examples)} examples", flush=True)
        return examples


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lang", action="append", choices=["ru", "zh"], help="repeatable; default both")
    ap.add_argument("--max-minutes", type=float, default=12.0, help="training time cap per model")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, default=OUT_DIR)
    ap.add_argument("--threads", type=int, default=1, help="torch threads")
    args = ap.parse_args()
    examples_path = args.out / "examples.json"
    examples = json.loads(examples_path.read_text()) if examples_path.exists() else {}
    for lang in args.lang or ["ru", "zh"]:
        examples[lang] = build(lang, args.max_minutes, args.seed, args.out, args.threads)
        args.out.mkdir(parents=True, exist_ok=True)
        examples_path.write_text(json.dumps(examples, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
