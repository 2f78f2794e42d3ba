"""Language routing on sentences written for these tests (no eval data)."""

from __future__ import annotations

import io
import json

import pytest

from pipeline.language import LanguageResult, detect_language, langid_stream, normalize_code, route_of

# Languages a ru→en translator cannot read: they must never route to "ru".
NOT_RUSSIAN = {
    "uk": "Уряд України ухвалив нові правила для підприємств, які працюють у прифронтових областях.",
    "be": "Улады Беларусі абвясцілі, што новы мост праз раку адкрыюць увосень.",
    "bg": "Правителството обсъжда промени в данъчния закон, които ще засегнат малкия бизнес.",
    "mk": "Владата денеска соопшти дека ќе ги намали даноците за малите претпријатија.",
    "sr": "Влада Србије је данас усвојила нови закон о јавним набавкама и ђачким стипендијама.",
    "kk": "Қазақстан үкіметі жаңа салық ережелерін бекітті және шағын бизнеске қолдау көрсетеді.",
    "mn": "Монгол улсын засгийн газар өнөөдөр шинэ хууль батлахаар шийдвэрлэлээ.",
}


@pytest.mark.parametrize("lang", sorted(NOT_RUSSIAN))
def test_neighbours_of_russian_never_route_to_ru(lang: str) -> None:
    res = detect_language(NOT_RUSSIAN[lang])
    assert res.route == "other"
    assert res.language == lang


@pytest.mark.parametrize(
    "text",
    [
        "Київ",  # one Ukrainian letter is enough in a headline
        "Світ",
        "Беларусь і Літва",
        "Ўзровень",
        "Ђоковић",
        "Њујорк",
        "Қала",
        "Өнөөдөр",
    ],
)
def test_short_words_with_foreign_letters_never_route_to_ru(text: str) -> None:
    assert detect_language(text).route != "ru"


def test_russian() -> None:
    res = detect_language("Правительство России объявило о новых мерах поддержки экономики в этом году.")
    assert (res.language, res.route) == ("ru", "ru")
    assert res.confidence > 0.5


def test_russian_article_quoting_a_ukrainian_name_stays_russian() -> None:
    text = (
        "Президент заявил журналистам, что переговоры продолжатся на следующей неделе. "
        "По его словам, делегации встретятся в Стамбуле, а не в городе Київ, как сообщалось ранее. "
        "Эксперты считают, что стороны вряд ли быстро договорятся о прекращении огня."
    )
    assert detect_language(text).route == "ru"


def test_japanese_never_routes_to_zh() -> None:
    for text in ("東京で新しい法律が成立した", "トヨタ、新型車を発表", "日本銀行は金利を据え置いた。"):
        res = detect_language(text)
        assert (res.language, res.route) == ("ja", "other"), text


def test_kanji_only_headline_with_japanese_hint_or_forms_is_japanese() -> None:
    assert detect_language("首相官邸", html_lang="ja").language == "ja"
    assert detect_language("東京駅周辺再開発").language == "ja"  # 駅 is Japanese-only


def test_short_chinese_headlines_route_to_zh() -> None:
    for text in ("中国经济增长放缓", "习近平会见外国领导人", "台北股市大漲", "北京", "他们说这个问题很重要"):
        res = detect_language(text)
        assert (res.language, res.route) == ("zh", "zh"), text


def test_simplified_chinese_beats_a_japanese_hint() -> None:
    assert detect_language("他们说这个问题很重要", html_lang="ja").route == "zh"


def test_korean() -> None:
    assert detect_language("서울시는 새로운 교통 정책을 발표했다").language == "ko"


def test_english_and_latin_languages() -> None:
    assert detect_language("The government announced new measures to support the economy this year.").route == "en"
    for text, lang in (
        ("Die Regierung hat heute neue Maßnahmen für die Wirtschaft angekündigt.", "de"),
        ("Le gouvernement a annoncé aujourd'hui de nouvelles mesures pour l'économie.", "fr"),
        ("El gobierno anunció hoy nuevas medidas para apoyar la economía.", "es"),
    ):
        res = detect_language(text)
        assert (res.language, res.route) == (lang, "other")


def test_title_is_part_of_the_evidence() -> None:
    assert detect_language("", title="Уряд ухвалив нові правила для підприємств").language == "uk"


def test_hints_tip_ambiguous_text_but_not_strong_evidence() -> None:
    # Declared Russian, clearly Ukrainian text: the text wins.
    res = detect_language(NOT_RUSSIAN["uk"], html_lang="ru", og_locale="ru_RU", source_hint="ru")
    assert (res.language, res.route) == ("uk", "other")
    # A Russian page's one-word title: no letter rules it out, the hints decide.
    assert detect_language("Новости", html_lang="ru-RU", source_hint="ru").language == "ru"
    assert detect_language("Новости", html_lang="bg", source_hint="bg").language == "bg"
    # Strong English text on a page mislabelled as German stays English.
    en = "The central bank raised interest rates again on Thursday, citing persistent inflation."
    assert detect_language(en, html_lang="de").route == "en"


def test_code_normalization() -> None:
    assert normalize_code("zh-CN") == "zh"
    assert normalize_code("zh-Hans") == "zh"
    assert normalize_code("zh_TW") == "zh"
    assert normalize_code("ru-RU") == "ru"
    assert normalize_code("be-tarask") == "be"
    assert normalize_code("RUS") == "ru"
    assert normalize_code("x-default") is None
    assert normalize_code("") is None
    assert route_of("zh-Hant") == "zh"
    assert route_of("ru_RU") == "ru"
    assert route_of("en-GB") == "en"
    assert route_of("uk") == "other"
    assert route_of("und") == "other"


@pytest.mark.parametrize("text", ["", "   ", "12345 — 2024!", "\n\t"])
def test_empty_text_is_undetermined(text: str) -> None:
    res = detect_language(text)
    assert res == LanguageResult("und", 0.0, "other", res.method)


def test_long_text_is_sampled() -> None:
    text = "Уряд України ухвалив нові правила для підприємств. " * 5000
    assert detect_language(text).language == "uk"


def test_langid_stream_writes_json_lines() -> None:
    lines = [
        "Правительство объявило о новых мерах.\n",
        "中国经济增长放缓\n",
        "\n",
        json.dumps({"text": "Новости", "html_lang": "bg"}, ensure_ascii=False) + "\n",
        "{not json at all\n",
    ]
    out = io.StringIO()
    assert langid_stream(lines, out) == 5
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(rows) == 5
    for row in rows:
        assert {"language", "confidence", "route"} <= row.keys()
        assert 0.0 <= row["confidence"] <= 1.0
    assert [r["route"] for r in rows[:3]] == ["ru", "zh", "other"]
    assert rows[2]["language"] == "und"
    assert rows[3]["language"] == "bg"


def test_hard_sign_before_iotated_vowel_is_russian_not_bulgarian() -> None:
    from pipeline.language.cyrillic import _HARD_SIGN_IOTATED

    assert len(_HARD_SIGN_IOTATED.findall("съезд объявил подъём")) == 3
    assert not _HARD_SIGN_IOTATED.findall("път българи сън")
    assert detect_language("Съезд партии объявил о подъёме").route == "ru"
    assert detect_language("Пътят към България").route == "other"


def test_inflectional_endings_tell_russian_from_south_slavic() -> None:
    from pipeline.language.cyrillic import _ending_evidence

    ru = _ending_evidence("нового большая читать")
    assert ru["bg"] > 0 and ru["sr"] > 0 and ru["mk"] > 0 and ru["ru"] == 0
    assert ru["uk"] > 0  # -ая is not Ukrainian
    south = _ending_evidence("български политически")
    assert south["ru"] > 0 and south["bg"] == 0
    assert _ending_evidence("практически")["ru"] == 0  # Russian -чески adverbs
    assert _ending_evidence("много")["bg"] == 0  # too short to be an adjective ending


def test_word_frequencies_settle_short_cyrillic_phrases() -> None:
    # Everyday Russian words that look South Slavic to letter n-grams.
    for text in ("она снова опоздала", "после обеда", "мама звонила"):
        assert detect_language(text).route == "ru", text
    # Bulgarian and Ukrainian phrases whose words Russian does not use.
    for text, lang in (("сключени договори", "bg"), ("благодаря много", "bg"), ("дуже добре", "uk")):
        res = detect_language(text)
        assert (res.language, res.route) == (lang, "other"), text


def test_word_frequencies_keep_short_english_english() -> None:
    for text in ("animal rescue", "central station", "public transport", "tourist information", "prime minister"):
        assert detect_language(text).route == "en", text
    for text, lang in (("buenas noches", "es"), ("schönes wetter", "de"), ("marché du travail", "fr")):
        assert detect_language(text).language == lang, text


def test_wordfreq_evidence_is_relative_and_neutral_without_a_list() -> None:
    from pipeline.language.frequencies import WORDFREQ_WEIGHT, freq_words, wordfreq_evidence

    ev = wordfreq_evidence(["снова", "опоздала"], ["ru", "bg", "sr", "kk", "be"])
    assert ev["ru"] == 0.0 and ev["bg"] < 0 and ev["sr"] < 0
    # No Kazakh or Belarusian list: neither penalized nor favoured.
    assert "kk" not in ev and "be" not in ev
    # Cyrillic Serbian is looked up in the Latin-script Serbo-Croatian list.
    sr = wordfreq_evidence(["велика", "кућа"], ["ru", "sr"])
    assert sr["sr"] == 0.0 and sr["ru"] < -WORDFREQ_WEIGHT
    assert freq_words("Die Straße, п’ять, don't") == ["die", "strasse", "п'ять", "don't"]


def test_long_text_does_not_use_word_frequencies(monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.language as language
    import pipeline.language.cyrillic as cyrillic

    def boom(*args: object) -> dict[str, float]:
        raise AssertionError("word frequencies used on a sentence")

    for reader in (language, cyrillic):  # the Latin and the Cyrillic readers weigh them
        monkeypatch.setattr(reader, "wordfreq_evidence", boom)
    assert detect_language("Правительство объявило о новых мерах поддержки экономики.").route == "ru"
    assert detect_language("The minister announced a new plan for public transport.").route == "en"
