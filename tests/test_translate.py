"""Translation stage tests on tiny real-format Argos packages (tests/models/, built by
scripts/build_test_models.py). No network: packages install from the committed files."""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import socket
import stat
import subprocess
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.config import TranslationSettings
from pipeline.record import ArticleRecord
from pipeline.translate import (
    IndexUnavailable,
    ModelError,
    ModelMissing,
    find_model,
    install_from_file,
    install_from_index,
    list_models,
    load_translator,
    translate_records,
)
from pipeline.translate.segment import fit_length, segment_text, split_sentences

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "tests" / "models"
EXAMPLES = json.loads((MODELS / "examples.json").read_text(encoding="utf-8"))
PACKAGES = {lang: MODELS / f"translate-{lang}_en-test.argosmodel" for lang in ("ru", "zh")}


def _template_sentences(n: int, seed: int) -> dict[str, list[tuple[str, str]]]:
    """(source, English) pairs from the templates the test models were trained on
    (scripts/build_test_models.py; importing it needs no torch)."""
    spec = importlib.util.spec_from_file_location("build_test_models", ROOT / "scripts" / "build_test_models.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {lang: module.corpus(lang, n, seed) for lang in ("ru", "zh")}


TEMPLATE = _template_sentences(100, seed=14)


@pytest.fixture(scope="session")
def models_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("argos-packages")
    for path in PACKAGES.values():
        install_from_file(path, d)
    return d


@pytest.fixture()
def settings(models_dir: Path) -> TranslationSettings:
    return TranslationSettings(models_dir=str(models_dir))


@pytest.fixture()
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Refuse every connection like an offline host would (OSError), and record attempts."""
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError(f"network disabled in tests: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    return attempts


def record(i: int, text: str | None, lang: str | None, title: str | None = None) -> ArticleRecord:
    url = f"https://news.example/{i}"
    return ArticleRecord(url=url, canonical_url=url, source="test", fetched_at=datetime.now(UTC),
                         title=title, text=text, language=lang)


# ------------------------------------------------------------------ models


def test_installed_packages_are_listed(models_dir: Path) -> None:
    found = {(m.from_code, m.to_code): m for m in list_models(models_dir)}
    assert set(found) == {("ru", "en"), ("zh", "en")}
    ru = found["ru", "en"]
    assert ru.name == "translate-ru_en" and ru.label == "translate-ru_en 0.1"
    assert (ru.path / "model" / "model.bin").is_file()


def test_missing_model_message_says_how_to_install(tmp_path: Path) -> None:
    with pytest.raises(ModelMissing) as err:
        find_model("ru", "en", tmp_path)
    msg = str(err.value)
    assert "ru→en" in msg and "newspipe models install ru en" in msg and "FILE.argosmodel" in msg


def _zip(path: Path, members: list[tuple[zipfile.ZipInfo | str, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for info, data in members:
            zf.writestr(info, data)
    return path


META = json.dumps({"package_version": "1.0", "from_code": "ru", "to_code": "en", "type": "translate"}).encode()


@pytest.mark.parametrize(
    "bad_name",
    ["pkg/../../escaped.txt", "/tmp/absolute-escape.txt", "../escaped.txt", "pkg\\..\\escaped.txt"],
)
def test_install_refuses_members_escaping_target(tmp_path: Path, bad_name: str) -> None:
    archive = _zip(tmp_path / "evil.argosmodel", [("pkg/metadata.json", META), ("pkg/model/model.bin", b"x"), (bad_name, b"pwned")])
    target = tmp_path / "models"
    with pytest.raises(ModelError, match="refusing"):
        install_from_file(archive, target)
    assert not (tmp_path / "escaped.txt").exists() and not Path("/tmp/absolute-escape.txt").exists()
    assert not target.exists() or list(target.iterdir()) == []


def test_install_refuses_symlink_members(tmp_path: Path) -> None:
    link = zipfile.ZipInfo("pkg/model/model.bin")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    archive = _zip(tmp_path / "link.argosmodel", [("pkg/metadata.json", META), (link, b"/etc/passwd")])
    with pytest.raises(ModelError, match="symlink"):
        install_from_file(archive, tmp_path / "models")


def test_install_validates_metadata(tmp_path: Path) -> None:
    no_meta = _zip(tmp_path / "a.argosmodel", [("pkg/model/model.bin", b"x")])
    with pytest.raises(ModelError, match="metadata.json"):
        install_from_file(no_meta, tmp_path / "models")
    bad_meta = _zip(tmp_path / "b.argosmodel", [("pkg/metadata.json", b'{"from_code": "ru"}'), ("pkg/model/model.bin", b"x")])
    with pytest.raises(ModelError, match="to_code"):
        install_from_file(bad_meta, tmp_path / "models")
    not_zip = tmp_path / "c.argosmodel"
    not_zip.write_bytes(b"not a zip")
    with pytest.raises(ModelError, match="zip"):
        install_from_file(not_zip, tmp_path / "models")


def test_install_from_index_offline_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_network: list) -> None:
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(tmp_path / var))
    with pytest.raises(IndexUnavailable, match="FILE.argosmodel"):
        install_from_index("ru", "en", tmp_path / "models")
    assert no_network  # it did try, and failed cleanly


# ------------------------------------------------------------ segmentation


def test_russian_sentences_respect_abbreviations_initials_and_quotes() -> None:
    text = ("Президент В. В. Путин прибыл в г. Москва, т.е. в столицу. Встреча прошла в 2023 г. "
            "Затем он сказал: «Мы готовы!» — и ушёл. «Всё хорошо», — заявил министр. Выручка составила 5 млрд руб. "
            "По словам проф. Иванова, рост продолжится. Цены выросли на 5 млн. руб.… Что дальше?")
    assert split_sentences(text, "ru") == [
        "Президент В. В. Путин прибыл в г. Москва, т.е. в столицу.",
        "Встреча прошла в 2023 г.",
        "Затем он сказал: «Мы готовы!» — и ушёл.",
        "«Всё хорошо», — заявил министр.",
        "Выручка составила 5 млрд руб.",
        "По словам проф. Иванова, рост продолжится.",
        "Цены выросли на 5 млн. руб.…",
        "Что дальше?",
    ]


def test_chinese_sentences_split_on_full_width_punctuation() -> None:
    text = "习近平周一会见了普京。他说：“我们准备好了！”经济增长了3.5%；印度也是……真的吗？"
    assert split_sentences(text, "zh") == ["习近平周一会见了普京。", "他说：“我们准备好了！”", "经济增长了3.5%；", "印度也是……", "真的吗？"]


def test_chinese_dotted_ellipsis_ends_a_piece_wherever_it_stands() -> None:
    """"..." ends a piece in Chinese text, after a "!" too ("!..." is not the start of
    a run that a later "?! " ends: so read, each "!" after an ellipsis scanned the rest
    of a "...!...!..." paragraph)."""
    assert split_sentences("他问...?! 她说好...!...?! 完", "zh") == ["他问...", "?!", "她说好...", "!...", "?!", "完"]


@given(st.lists(st.sampled_from(["...", "!", "?", "。", "！", "…", "”", " ", "\n", "字", "a"]), max_size=40).map("".join))
def test_chinese_split_keeps_every_character_in_order(text: str) -> None:
    pieces = split_sentences(text, "zh")
    assert "".join("".join(pieces).split()) == "".join(text.split())
    assert all(p and p == p.strip() for p in pieces)


def test_ukrainian_uses_the_cyrillic_rules() -> None:
    text = "Зустріч відбулася в м. Київ у 2023 р. Президент В. Зеленський виступив на вул. Банковій. Довжина 5 м. Далі буде."
    assert split_sentences(text, "uk") == [
        "Зустріч відбулася в м. Київ у 2023 р.",
        "Президент В. Зеленський виступив на вул. Банковій.",
        "Довжина 5 м.",
        "Далі буде.",
    ]


def test_japanese_keeps_quoted_sentences_inside_their_quote() -> None:
    text = "「準備はできた。」と彼は言った。経済は3.5%成長した！本当ですか？『終わり。』次へ｡最後"
    assert split_sentences(text, "ja") == [
        "「準備はできた。」と彼は言った。", "経済は3.5%成長した！", "本当ですか？", "『終わり。』", "次へ｡", "最後",
    ]


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es", "xx"])
def test_neutral_default_for_latin_script(lang: str) -> None:
    text = ("Dr. Smith met Gen. Miller on Jan. 5 in the U.S. capital. J. R. R. Tolkien wrote it, e.g. in 1937. "
            "Siehe z.B. Nr. 5 und Abb. 3. M. Macron est arrivé. «Quoi?» dit-il. ¿Qué pasa? Sra. López respondió! "
            "It rose 3.5% to $1.2 bn. Then it fell.")
    assert split_sentences(text, lang) == [
        "Dr. Smith met Gen. Miller on Jan. 5 in the U.S. capital.",
        "J. R. R. Tolkien wrote it, e.g. in 1937.",
        "Siehe z.B. Nr. 5 und Abb. 3.",
        "M. Macron est arrivé.",
        "«Quoi?» dit-il.",
        "¿Qué pasa?",
        "Sra. López respondió!",
        "It rose 3.5% to $1.2 bn.",
        "Then it fell.",
    ]


def test_splitter_registry_routes_codes_and_variants() -> None:
    from pipeline.translate.segment import split_chinese, split_cyrillic, split_japanese, split_latin, splitter_for

    assert splitter_for("ru") is splitter_for("uk") is splitter_for("BG") is split_cyrillic
    assert splitter_for("zh-CN") is splitter_for("zt") is split_chinese
    assert splitter_for("ja") is split_japanese
    assert splitter_for("en") is splitter_for("de") is splitter_for("pt_BR") is split_latin


def _package_as(models_dir: Path, tmp_path: Path, src: str, code: str) -> Path:
    """A copy of the ``src``→en test package that claims to translate ``code``."""
    import shutil

    pkg = next(m.path for m in list_models(models_dir) if m.from_code == src)
    target = tmp_path / f"translate-{code}_en"
    shutil.copytree(pkg, target)
    meta = json.loads((target / "metadata.json").read_text(encoding="utf-8"))
    (target / "metadata.json").write_text(json.dumps({**meta, "from_code": code}), encoding="utf-8")
    return target


@pytest.mark.parametrize(("code", "src", "text", "sentences"), [
    ("uk", "ru", "Зустріч у м. Київ. Добре.", 2),  # Latin rules would cut after "м."
    ("de", "ru", "Gen. Miller kam. Gut.", 2),  # Cyrillic rules would cut after "Gen."
    ("ja", "zh", "「準備はできた。」と彼は言った。次へ。", 2),  # Chinese rules would cut after the quote
])
def test_any_installed_pair_splits_with_its_languages_rules(
    models_dir: Path, tmp_path: Path, code: str, src: str, text: str, sentences: int
) -> None:
    _package_as(models_dir, tmp_path / "pkgs", src, code)
    settings = TranslationSettings(models_dir=str(tmp_path / "pkgs"), sources=[code], cache=False)
    rec = record(0, text, code)
    report = translate_records([rec], settings)
    assert report.translated == 1 and rec.translation_model == f"translate-{code}_en 0.1"
    assert report.segments_translated == sentences == len(split_sentences(text, code))


def test_paragraphs_are_kept_including_empty_ones() -> None:
    assert segment_text("Первый. Второй.\n\nТретий", "ru") == [["Первый.", "Второй."], [], ["Третий"]]


def test_long_sentences_are_cut_at_commas_then_by_tokens() -> None:
    def encode(texts: list[str]) -> list[list[str]]:
        return [t.split() for t in texts]

    sentence = "один два три, четыре пять шесть, семь восемь"
    long_clause = " ".join(f"w{i}" for i in range(10))
    pieces = fit_length([sentence, long_clause, "коротко"], encode([sentence, long_clause, "коротко"]), "ru", 6, encode)
    assert pieces[0] == [["один", "два", "три,", "четыре", "пять", "шесть,"], ["семь", "восемь"]]  # greedy packing
    assert [len(p) for p in pieces[1]] == [6, 4]
    assert pieces[2] == [["коротко"]]
    zh = "第一部分，第二部分、第三部分"
    chars = lambda ts: [list(t) for t in ts]  # noqa: E731
    assert ["".join(p) for p in fit_length([zh], chars([zh]), "zh", 6, chars)[0]] == ["第一部分，", "第二部分、", "第三部分"]


# ------------------------------------------------------------- translation


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_in_template_sentences_translate_exactly(lang: str, settings: TranslationSettings, no_network: list) -> None:
    pairs = EXAMPLES[lang]
    assert len(pairs) >= 8
    records = [record(i, p["src"], lang, title=p["src"]) for i, p in enumerate(pairs)]
    report = translate_records(records, settings, cache_path=None)
    assert report.translated == len(records) and not report.missing_pairs
    for rec, p in zip(records, pairs):
        assert rec.text_en == p["en"] and rec.title_en == p["en"]
        assert rec.translation_model == f"translate-{lang}_en 0.1"
    assert no_network == []


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_paragraph_structure_is_kept(lang: str, settings: TranslationSettings) -> None:
    p = EXAMPLES[lang]
    sep = " " if lang == "ru" else ""
    text = f"{p[0]['src']}{sep}{p[1]['src']}\n\n{p[2]['src']}\n{p[3]['src']}{sep}{p[4]['src']}{sep}{p[5]['src']}"
    rec = record(0, text, lang)
    translate_records([rec], settings)
    assert rec.text_en is not None
    paragraphs = rec.text_en.split("\n")
    assert len(paragraphs) == len(text.split("\n")) == 4
    assert paragraphs == [f"{p[0]['en']} {p[1]['en']}", "", p[2]["en"], f"{p[3]['en']} {p[4]['en']} {p[5]['en']}"]


def test_english_passes_through_and_other_languages_stay_null(settings: TranslationSettings) -> None:
    en, de, none = record(1, "Hello.", "en", title="Hi"), record(2, "Hallo.", "de"), record(3, "???", None)
    report = translate_records([en, de, none], settings)
    assert (en.title_en, en.text_en, en.translation_model) == ("Hi", "Hello.", None)
    assert (de.text_en, de.translation_model, none.text_en) == (None, None, None)
    assert report.english == 1 and report.skipped == {"language de not translated": 1, "no language": 1}


def test_language_variants_route_to_the_package(settings: TranslationSettings) -> None:
    pair = EXAMPLES["zh"][0]
    rec = record(0, pair["src"], "zh-cn")
    translate_records([rec], settings)
    assert rec.text_en == pair["en"]


def test_missing_model_keeps_records_untranslated(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    only_zh = tmp_path / "only-zh"
    install_from_file(PACKAGES["zh"], only_zh)
    settings = TranslationSettings(models_dir=str(only_zh))
    ru, zh = record(1, EXAMPLES["ru"][0]["src"], "ru"), record(2, EXAMPLES["zh"][0]["src"], "zh")
    with caplog.at_level(logging.ERROR):
        report = translate_records([ru, zh], settings)
    assert (ru.text_en, ru.title_en, ru.translation_model) == (None, None, None)
    assert ru.text == EXAMPLES["ru"][0]["src"]
    assert zh.text_en == EXAMPLES["zh"][0]["en"]
    assert report.missing_pairs == ["ru→en"] and report.skipped == {"model missing for ru→en": 1}
    assert report.translated == 1
    assert "ru→en" in caplog.text and "newspipe models install ru en" in caplog.text


def test_cache_hit_on_rerun(settings: TranslationSettings, tmp_path: Path) -> None:
    cache = tmp_path / "state" / "translation_cache.sqlite"
    texts = [p["src"] for p in EXAMPLES["ru"][:5]]
    first = [record(i, t, "ru") for i, t in enumerate(texts)]
    r1 = translate_records(first, settings, cache)
    assert r1.segments_translated == 5 and r1.cached_segments == 0
    second = [record(i, t, "ru") for i, t in enumerate(texts)]
    r2 = translate_records(second, settings, cache)
    assert r2.segments_translated == 0 and r2.cached_segments == 5
    assert [r.text_en for r in second] == [r.text_en for r in first]


def _cache_writer(args: tuple[str, int]) -> int:
    from pipeline.translate.cache import TranslationCache

    path, worker = args
    with TranslationCache(path) as cache:
        for batch in range(20):
            cache.put_many("m 1", {f"s{worker}-{batch}-{i}": f"t{i}" for i in range(25)})
        return len(cache.get_many("m 1", [f"s{worker}-0-{i}" for i in range(25)]))


def test_cache_is_safe_for_concurrent_processes(tmp_path: Path) -> None:
    import multiprocessing

    from pipeline.translate.cache import TranslationCache

    path = str(tmp_path / "cache.sqlite")
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        assert pool.map(_cache_writer, [(path, w) for w in range(4)]) == [25] * 4
    with TranslationCache(path) as cache:
        assert len(cache) == 4 * 20 * 25


def test_cache_disabled_by_settings(models_dir: Path, tmp_path: Path) -> None:
    settings = TranslationSettings(models_dir=str(models_dir), cache=False)
    cache = tmp_path / "c.sqlite"
    translate_records([record(0, EXAMPLES["ru"][0]["src"], "ru")], settings, cache)
    assert not cache.exists()


def test_many_articles_share_batches(settings: TranslationSettings) -> None:
    """Sentences from many records go to the model together; repeats are translated once."""
    pairs = EXAMPLES["ru"]
    records = [record(i, pairs[i % len(pairs)]["src"], "ru") for i in range(60)]
    report = translate_records(records, settings)
    assert report.segments_translated == len(pairs)
    assert all(r.text_en == pairs[i % len(pairs)]["en"] for i, r in enumerate(records))


def test_overlong_input_is_split_not_truncated(models_dir: Path) -> None:
    settings = TranslationSettings(models_dir=str(models_dir), max_input_tokens=8)
    tr = load_translator(find_model("ru", "en", models_dir), settings)
    long = ", ".join(p["src"].rstrip(".") for p in EXAMPLES["ru"][:4]) + "."
    out = tr.translate_segments([long, "", EXAMPLES["ru"][0]["src"]])
    assert len(out) == 3 and out[0] and out[1] == ""


# ------------------------------------------------- independence from the batch


def _translator(models_dir: Path, lang: str, **kw: object):  # type: ignore[no-untyped-def]
    from pipeline.translate.engine import Translator

    return Translator(find_model(lang, "en", models_dir), TranslationSettings(models_dir=str(models_dir), **kw))


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_each_example_alone_equals_the_example_in_one_batch(lang: str, models_dir: Path) -> None:
    """A short sentence sent alone used to get the batch's cap and come out cut ("...to 7 percent")."""
    tr = _translator(models_dir, lang)
    srcs = [p["src"] for p in EXAMPLES[lang]]
    together = tr.translate_many(srcs)
    alone = [tr.translate_segments([s])[0] for s in srcs]
    assert alone == together.texts == [p["en"] for p in EXAMPLES[lang]]
    assert together.truncated == set()


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_template_sentences_alone_equal_them_in_one_batch(lang: str, models_dir: Path) -> None:
    srcs = list(dict.fromkeys(src for src, _ in TEMPLATE[lang]))
    tr = _translator(models_dir, lang)
    together = tr.translate_many(srcs)
    alone = [tr.translate_segments([s])[0] for s in srcs]
    assert [(s, a, t) for s, a, t in zip(srcs, alone, together.texts) if a != t] == []
    assert together.truncated == set()
    cut = [t for t in together.texts if t and t[-1] not in ".!?"]  # "...with Macron on Mon"
    assert cut == []


def _long_sentences(lang: str) -> list[str]:
    """Sentences of 40-100 tokens made of the examples (one clause each)."""
    srcs = [p["src"].rstrip(".。") for p in EXAMPLES[lang]]
    sep, end = (", ", ".") if lang == "ru" else ("，", "。")
    return [sep.join(srcs[i : i + k]) + end for k in (4, 6, 8) for i in range(0, len(srcs) - k, 5)]


def _sentences(lang: str):  # type: ignore[no-untyped-def]
    from hypothesis import strategies as st

    examples = [p["src"] for p in EXAMPLES[lang]] + PARITY_EXTRA[lang] + PARITY_LOOPING[lang]
    alphabet = sorted({c for e in examples for c in e})
    return st.one_of(st.sampled_from(examples), st.text(alphabet=alphabet, min_size=1, max_size=60))


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_property_translation_does_not_depend_on_the_batch(lang: str, models_dir: Path) -> None:
    """Any sentence gives the same English alone, among short sentences and among long ones."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    tr = load_translator(find_model(lang, "en", models_dir), TranslationSettings(models_dir=str(models_dir)))
    short = sorted((p["src"] for p in EXAMPLES[lang]), key=lambda s: len(tr.encode([s])[0]))[:12]
    long = _long_sentences(lang)
    assert min(len(t) for t in tr.encode(long)) > 2 * max(len(t) for t in tr.encode(short))

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(sentence=_sentences(lang), seed=st.randoms(use_true_random=False))
    def check(sentence: str, seed) -> None:  # type: ignore[no-untyped-def]
        among_short = seed.sample(short, 8) + [sentence]
        among_long = seed.sample(long, min(len(long), 6)) + [sentence]
        alone = tr.translate_segments([sentence])[0]
        assert tr.translate_segments(among_short)[-1] == alone
        assert tr.translate_segments(among_long)[-1] == alone

    check()


def test_sentence_cut_at_the_first_cap_is_retried_alone(models_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With a first cap of 10 tokens, the Chinese examples (14-22 tokens of English) all
    stop at the cap; the lone retry (cap 256) completes every one of them."""
    from pipeline.translate.engine import Translator

    tr = _translator(models_dir, "zh", max_decoding_ratio=0.01)
    calls: list[tuple[int, int]] = []
    submit = Translator._submit

    def spy(self, batch, cap):  # type: ignore[no-untyped-def]
        calls.append((len(batch), cap))
        return submit(self, batch, cap)

    monkeypatch.setattr(Translator, "_submit", spy)
    srcs = [p["src"] for p in EXAMPLES["zh"]]
    result = tr.translate_many(srcs)
    assert result.texts == [p["en"] for p in EXAMPLES["zh"]] and result.truncated == set()
    assert result.retried == len(srcs)
    assert {cap for _, cap in calls[: len(calls) - len(srcs)]} == {10}  # first pass: batches, cap 10
    assert calls[-len(srcs) :] == [(1, 256)] * len(srcs)  # then each sentence alone


def test_sentence_still_cut_after_the_retry_is_kept_counted_and_logged(
    models_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from pipeline.translate.engine import Translator

    monkeypatch.setattr(Translator, "retry_cap", lambda self, n_tokens: 12)
    settings = TranslationSettings(models_dir=str(models_dir), max_decoding_ratio=0.01)
    long_pair = max(EXAMPLES["zh"], key=lambda p: len(p["en"]))
    recs = [record(0, long_pair["src"], "zh"), record(1, EXAMPLES["ru"][0]["src"], "ru")]
    cache = tmp_path / "cache.sqlite"
    with caplog.at_level(logging.WARNING, logger="pipeline.translate.stage"):
        report = translate_records(recs, settings, cache)
    assert recs[0].text_en and long_pair["en"].startswith(recs[0].text_en) and recs[0].text_en != long_pair["en"]
    assert report.truncated == 1 and report.as_dict()["truncated"] == 1 and "truncated 1" in report.summary()
    assert report.retried == 1  # the zh sentence; the ru one (7 tokens of English) ends within the first cap of 10
    assert recs[0].canonical_url in caplog.text and recs[0].article_id in caplog.text
    assert recs[1].canonical_url not in caplog.text
    again = translate_records([record(0, long_pair["src"], "zh")], settings, cache)
    assert again.truncated == 1 and again.cached_segments == 0  # a cut sentence is not cached


# --------------------------------------------------------------------- CLI


def test_cli_translate_stdin_to_stdout(models_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import typer
    from typer.testing import CliRunner

    from pipeline.translate.cli import models_app, translate_command

    monkeypatch.setenv("NEWSPIPE_CONFIG_DIR", str(tmp_path))  # defaults, whatever config/ holds
    app = typer.Typer()
    app.command("translate")(translate_command)
    app.add_typer(models_app, name="models")
    runner = CliRunner()
    lines = [EXAMPLES["ru"][0]["src"], "", EXAMPLES["ru"][1]["src"]]
    res = runner.invoke(app, ["translate", "--source", "ru", "--models-dir", str(models_dir)], input="\n".join(lines) + "\n")
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines() == [EXAMPLES["ru"][0]["en"], "", EXAMPLES["ru"][1]["en"]]

    # bytes that are not UTF-8 are one line naming the input line, exit 2 (they were lone surrogates that
    # made sentencepiece raise TypeError: exit 1 and nothing translated)
    from pipeline.cli import app as newspipe

    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(models_dir))
    res = runner.invoke(newspipe, ["translate", "--source", "ru"], input=lines[0].encode() + b"\n\xff\xfe bad\n")
    assert res.exit_code == 2, (res.exit_code, res.output, res.exception)
    assert res.stderr.strip().splitlines()[-1] == "error: stdin line 2 is not UTF-8 text (invalid start byte at byte 0)"

    res = runner.invoke(app, ["translate", "--source", "ru", "--models-dir", str(tmp_path / "none")], input="x\n")
    assert res.exit_code == 2 and "newspipe models install ru en" in res.output

    res = runner.invoke(app, ["models", "list", "--models-dir", str(models_dir)])
    assert res.exit_code == 0 and "translate-ru_en" in res.stdout and "zh→en" in res.stdout
    target = tmp_path / "installed"
    res = runner.invoke(app, ["models", "install", str(PACKAGES["zh"]), "--models-dir", str(target)])
    assert res.exit_code == 0, res.output
    assert [m.label for m in list_models(target)] == ["translate-zh_en 0.1"]

    # a missing or broken file is bad input (exit 2, one line naming it), not a failed run (1)
    (tmp_path / "broken.argosmodel").write_text("not a zip")
    for bad, needle in (("missing.argosmodel", "no such file"), ("broken.argosmodel", "zip archive")):
        res = runner.invoke(app, ["models", "install", str(tmp_path / bad), "--models-dir", str(target)])
        assert res.exit_code == 2 and bad in res.output and needle in res.output, res.output
        assert res.output.strip().count("\n") == 0


# ---------------------------------------------------- parity and import cost


REAL_HOME = Path.home()  # read before any test points HOME at a temporary folder
# Where argostranslate, stanza, torch and onnxruntime write when left to their defaults.
HOME_WRITES = (".local/share/argos-translate", ".config/argos-translate", ".cache/argos-translate", ".cache/Microsoft",
               ".cache/torch", "stanza_resources", ".local/share/stanza")
SANDBOX_VARS = ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR")


def _full_argos_available() -> bool:
    """Whether upstream's translate module can run, found without importing it: importing
    argostranslate creates folders under the home of whoever collects the tests."""
    return all(importlib.util.find_spec(m) is not None for m in ("argostranslate", "stanza", "torch"))


needs_argos = pytest.mark.skipif(not _full_argos_available(), reason="upstream argostranslate.translate (stanza/torch) not installed")


@pytest.fixture(scope="session")
def sandbox_home(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("home")
    env = {var: str(root / var.lower()) for var in SANDBOX_VARS}
    for folder in env.values():
        Path(folder).mkdir(mode=0o700)
    return env


def _home_snapshot() -> dict[str, float]:
    found: dict[str, float] = {}
    for rel in HOME_WRITES:
        base = REAL_HOME / rel
        if base.exists():
            for path in [base, *base.rglob("*")]:
                found[str(path)] = path.stat().st_mtime
    return found


@pytest.fixture()
def sandboxed(monkeypatch: pytest.MonkeyPatch, sandbox_home: dict[str, str]):  # type: ignore[no-untyped-def]
    """This process and its children see only temporary home and XDG folders, and the
    module-level caches start empty; afterwards nothing under the real home changed."""
    from pipeline.translate import engine, stanza_split

    before = _home_snapshot()
    for var, folder in sandbox_home.items():
        monkeypatch.setenv(var, folder)
    for var in [v for v in os.environ if v.startswith("ARGOS_")]:
        monkeypatch.delenv(var)
    monkeypatch.setattr(engine, "_LOADED", {})
    monkeypatch.setattr(stanza_split, "_pipelines", {})
    assert Path.home() == Path(sandbox_home["HOME"])
    yield sandbox_home
    assert _home_snapshot() == before, f"a parity test wrote under {REAL_HOME}"


# Upstream runs in a child process (its settings are read from the environment at
# import time). Its sentence splitter for a package without stanza/ or minisbd/
# folders is MiniSBD, which downloads an ONNX model on first use; offline that
# cannot work, so the child swaps every argostranslate sentencizer for ours. What is
# compared is everything after splitting: tokenization, decoding options, target
# prefix, joining sentences and paragraphs, detokenization. Sockets are refused so
# any other download attempt fails loudly instead of hanging.
_ARGOS_CHILD = r"""
import json, socket, sys

def _offline(*args, **kwargs):
    raise OSError("network disabled in the parity test")

socket.socket.connect = socket.socket.connect_ex = _offline
socket.getaddrinfo = socket.create_connection = _offline
sys.path.insert(0, sys.argv[2])
from argostranslate import sbd
from pipeline.translate.segment import split_sentences

lang = sys.argv[1]
for cls in (sbd.MiniSBDSentencizer, sbd.StanzaSentencizer, sbd.SpacySentencizerSmall):
    cls.split_sentences = lambda self, text: split_sentences(text, lang)
import argostranslate.translate as t

print(json.dumps([t.translate(s, lang, "en") for s in json.load(sys.stdin)]))
"""

# Out-of-template inputs: the tiny models answer with fluent nonsense, which still
# exercises unknown-token replacement, odd lengths and scoring ties.
PARITY_EXTRA = {
    "ru": ["Привет, как дела?", "Кошка сидит на окне и смотрит на улицу.", "В 2024 году ВВП вырос на 3,6% — сообщил Росстат.",
           "Мама мыла раму.", "Он сказал: «Это невозможно!»", "Москва", "xyz_abc 123"],
    "zh": ["你好，你好吗？", "猫坐在窗户上看着街道。", "2024年国内生产总值增长3.6%。", "普京普京普京普京普京普京。",
           "他说：“这不可能！”", "abc_def 123"],
}
# Inputs on which the tiny models loop ("Putin Putin Putin ...", "B B B ..."). Our
# runaway guards (no repeated 4-grams, length cap ratio*input+10) change these on
# purpose; upstream has neither (CTranslate2's default cap of 256 tokens).
PARITY_LOOPING = {"ru": ["Путин Путин Путин Путин Путин Путин."], "zh": ["北京"]}
CT2_DEFAULT_MAX_DECODING_LENGTH = 256


def _parity_inputs(lang: str) -> list[str]:
    """Every example sentence alone, then multi-sentence, multi-paragraph texts."""
    pairs = EXAMPLES[lang]
    sep = " " if lang == "ru" else ""
    srcs = [p["src"] for p in pairs]
    paragraphs = [
        sep.join(srcs[:3]) + "\n\n" + srcs[3] + "\n" + sep.join(srcs[4:8]),
        "\n".join(sep.join(srcs[i : i + 4]) for i in range(8, len(srcs), 4)),
        sep.join(PARITY_EXTRA[lang][:4]) + "\n" + srcs[0],
    ]
    return srcs + PARITY_EXTRA[lang] + paragraphs


@pytest.fixture(scope="session")
def argos_translate(models_dir: Path, sandbox_home: dict[str, str]):  # type: ignore[no-untyped-def]
    """``(lang, texts, beam) -> upstream translations`` (one upstream call per text), memoised."""
    memo: dict[tuple, list[str]] = {}

    def run(lang: str, texts: list[str], beam: int) -> list[str]:
        key = (lang, tuple(texts), beam)
        if key not in memo:
            env = {k: v for k, v in os.environ.items() if not k.startswith("ARGOS_")}
            env.update(sandbox_home, ARGOS_PACKAGES_DIR=str(models_dir), ARGOS_BEAM_SIZE=str(beam), ARGOS_DEVICE_TYPE="cpu",
                       ARGOS_CHUNK_TYPE="DEFAULT")
            proc = subprocess.run([sys.executable, "-c", _ARGOS_CHILD, lang, str(ROOT)], input=json.dumps(texts),
                                  capture_output=True, text=True, env=env, timeout=600)
            assert proc.returncode == 0, proc.stderr[-4000:]
            memo[key] = json.loads(proc.stdout)
            assert len(memo[key]) == len(texts)
        return memo[key]

    return run


@needs_argos
@pytest.mark.parametrize("beam", [2, 4])  # ours by default, argostranslate's by default
@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_parity_with_argostranslate(lang: str, beam: int, models_dir: Path, argos_translate, sandboxed) -> None:
    """The production path (stage segmentation, shared batches, guards on) gives upstream's text."""
    from pipeline.translate import translate_texts

    texts = _parity_inputs(lang)
    theirs = argos_translate(lang, texts, beam)
    settings = TranslationSettings(models_dir=str(models_dir), beam_size=beam)
    ours = translate_texts(load_translator(find_model(lang, "en", models_dir), settings), texts, lang).texts
    assert [(t, o) for t, o, u in zip(texts, ours, theirs) if o != u] == []
    assert ours == theirs
    # the in-template sentences are also what the test models were built to say
    n = len(EXAMPLES[lang])
    assert theirs[:n] == [p["en"] for p in EXAMPLES[lang]]


@needs_argos
@pytest.mark.parametrize("beam", [2, 4])
@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_parity_sentence_by_sentence(lang: str, beam: int, models_dir: Path, argos_translate, sandboxed) -> None:
    """Every sentence of the parity inputs and of 100 template sentences, each sent to
    upstream alone, equals ours sent alone and ours with all of them in one batch."""
    from pipeline.translate import translate_texts

    sentences = list(dict.fromkeys(
        s for text in _parity_inputs(lang) + [src for src, _ in TEMPLATE[lang]]
        for para in segment_text(text, lang) for s in para))
    theirs = argos_translate(lang, sentences, beam)
    tr = load_translator(find_model(lang, "en", models_dir), TranslationSettings(models_dir=str(models_dir), beam_size=beam))
    alone = [translate_texts(tr, [s], lang).texts[0] for s in sentences]
    assert [(s, o, u) for s, o, u in zip(sentences, alone, theirs) if o != u] == []
    batch = translate_texts(tr, sentences, lang)
    assert batch.texts == theirs and batch.cut == 0
    assert (Path(sandboxed["XDG_DATA_HOME"]) / "argos-translate").is_dir()  # upstream did write: into the sandbox


@needs_argos
@pytest.mark.parametrize("beam", [2, 4])
@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_parity_on_looping_inputs_differs_only_by_the_runaway_guards(
    lang: str, beam: int, models_dir: Path, argos_translate, sandboxed
) -> None:
    from pipeline.translate import translate_texts
    from pipeline.translate.engine import Translator

    texts = PARITY_LOOPING[lang] + _parity_inputs(lang)
    theirs = argos_translate(lang, texts, beam)
    settings = TranslationSettings(models_dir=str(models_dir), beam_size=beam)
    model = find_model(lang, "en", models_dir)
    unguarded = Translator(model, settings, no_repeat_ngram_size=0)
    unguarded.decoding_cap = unguarded.retry_cap = lambda n_tokens: CT2_DEFAULT_MAX_DECODING_LENGTH  # type: ignore[method-assign]
    assert translate_texts(unguarded, texts, lang).texts == theirs
    guarded = translate_texts(load_translator(model, settings), texts, lang).texts
    k = len(PARITY_LOOPING[lang])
    assert guarded[k:] == theirs[k:]
    assert all(ours != upstream for ours, upstream in zip(guarded[:k], theirs[:k]))  # the guards did fire there


def test_import_is_light() -> None:
    code = (
        "import json, sys, time\nt = time.perf_counter()\nimport pipeline.translate\n"
        "print(json.dumps([time.perf_counter() - t, sorted(m for m in sys.modules "
        "if m.split('.')[0] in ('torch', 'stanza', 'ctranslate2') or m == 'argostranslate.translate')]))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr
    seconds, heavy = json.loads(proc.stdout)
    assert heavy == []
    assert seconds < 1.5


def _copy_package_with_stanza_dir(models_dir: Path, tmp_path: Path) -> Path:
    import shutil

    target = tmp_path / "with-stanza"
    src = next(m.path for m in list_models(models_dir) if m.from_code == "ru")
    shutil.copytree(src, target / src.name)
    (target / src.name / "stanza").mkdir()
    return target


def test_stanza_splitter_without_stanza_keeps_records_and_says_how_to_install(
    models_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import sys

    from pipeline.translate import stanza_split

    monkeypatch.setitem(sys.modules, "stanza", None)  # import stanza -> ImportError
    monkeypatch.setattr(stanza_split, "_pipelines", {})
    settings = TranslationSettings(models_dir=str(_copy_package_with_stanza_dir(models_dir, tmp_path)), splitter="stanza")
    rec = record(0, EXAMPLES["ru"][0]["src"], "ru")
    with caplog.at_level(logging.ERROR):
        report = translate_records([rec], settings)
    assert rec.text_en is None and rec.text == EXAMPLES["ru"][0]["src"]
    assert report.translated == 0 and report.errors
    assert "stanza is not installed" in caplog.text and "splitter: rules" in caplog.text


def test_stanza_splitter_uses_the_packages_stanza_model(
    models_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys
    import types

    from pipeline.translate import stanza_split

    calls: list[dict] = []

    class FakePipeline:  # stands in for stanza.Pipeline: splits on " | " so the effect is visible
        def __init__(self, **kwargs):
            calls.append(kwargs)

        def __call__(self, text):
            return types.SimpleNamespace(sentences=[types.SimpleNamespace(text=t) for t in text.split(" | ")])

    monkeypatch.setitem(sys.modules, "stanza", types.SimpleNamespace(Pipeline=FakePipeline))
    monkeypatch.setattr(stanza_split, "_pipelines", {})
    folder = _copy_package_with_stanza_dir(models_dir, tmp_path)
    settings = TranslationSettings(models_dir=str(folder), splitter="stanza")
    a, b = EXAMPLES["ru"][0], EXAMPLES["ru"][1]
    rec = record(0, f"{a['src']} | {b['src']}", "ru")
    translate_records([rec], settings)
    assert rec.text_en == f"{a['en']} {b['en']}"
    assert calls and calls[0]["lang"] == "ru" and calls[0]["dir"].endswith("stanza")
    assert calls[0]["download_method"] is None  # never downloads


def test_thread_layout_keeps_both_cores_busy_by_default() -> None:
    from pipeline.translate.engine import thread_layout

    assert thread_layout(0, 0, cores=2) == (2, 1)  # two batches side by side, one core each
    assert thread_layout(0, 0, cores=8) == (2, 4)
    assert thread_layout(0, 0, cores=32) == (8, 4)
    assert thread_layout(0, 0, cores=1) == (1, 1)
    assert thread_layout(1, 0, cores=8) == (1, 8) and thread_layout(3, 2, cores=8) == (3, 2)  # explicit values win


def test_a_text_over_max_text_chars_lands_untranslated_and_counted(settings: TranslationSettings) -> None:
    """A page of megabytes would hold the stage (and every article batched with it) for
    hours: its text stays as it is, untranslated and counted; the others are translated."""
    pair = EXAMPLES["ru"][0]
    huge_text = " ".join([pair["src"]] * (1 + 2_000 // len(pair["src"])))
    short, huge = record(1, pair["src"], "ru"), record(2, huge_text, "ru")
    capped = settings.model_copy(update={"max_text_chars": 2_000})
    report = translate_records([short, huge], capped)
    assert short.text_en == pair["en"]
    assert (huge.text_en, huge.title_en, huge.translation_model, huge.text) == (None, None, None, huge_text)
    assert report.skipped == {"text over translation.max_text_chars": 1} and report.translated == 1
    translate_records([huge], settings.model_copy(update={"max_text_chars": 0}))  # no limit: translated
    assert huge.text_en and huge.text_en.startswith(pair["en"])


def test_a_text_the_model_fails_on_leaves_only_its_record_untranslated(
        settings: TranslationSettings, monkeypatch: pytest.MonkeyPatch) -> None:
    """The model raising on one text (a CTranslate2 error on input it cannot take) costs
    that record its English, not the whole language's run: the batch is retried record
    by record."""
    import pipeline.translate.stage as stage

    real = stage.translate_texts

    def fails_on_marked(translator, texts, *a, **kw):
        if any("\u2620" in t for t in texts):
            raise RuntimeError("model cannot take this input")
        return real(translator, texts, *a, **kw)

    monkeypatch.setattr(stage, "translate_texts", fails_on_marked)
    ru = EXAMPLES["ru"]
    good1, bad, good2 = record(1, ru[0]["src"], "ru"), record(2, ru[1]["src"] + " \u2620", "ru"), record(3, ru[2]["src"], "ru")
    zh = record(4, EXAMPLES["zh"][0]["src"], "zh")
    report = translate_records([good1, bad, good2, zh], settings)
    assert (good1.text_en, good2.text_en, zh.text_en) == (ru[0]["en"], ru[2]["en"], EXAMPLES["zh"][0]["en"])
    assert (bad.text_en, bad.translation_model) == (None, None) and bad.text == ru[1]["src"] + " \u2620"
    assert good1.translation_model and good1.translation_model == good2.translation_model
    assert report.translated == 3 and report.skipped == {"translation failed for ru→en": 1}
    assert len(report.errors) == 1 and "news.example/2" in report.errors[0]
