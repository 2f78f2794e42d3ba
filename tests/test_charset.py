"""decode_html: declarations validated, Chinese/Russian legacy encodings right."""

from __future__ import annotations

import codecs

import pytest

from pipeline.charset import decode_html, normalize_encoding, russian_score

RU = (
    "Президент России провёл совещание с членами правительства. Обсуждались вопросы "
    "развития экономики, поддержки малого бизнеса и строительства новых дорог в регионах. "
    "По словам министра, в этом году на ремонт дорог будет направлено больше средств, чем раньше."
)
# 镕 喆 堃 are in GBK/GB18030 but not in GB2312: People's Daily declares gb2312 anyway.
ZH = "人民网北京电 朱镕基、陶喆与王堃出席了会议。会议强调，要坚持改革开放，推动经济高质量发展。"


def page(text: str, head: str = "") -> str:
    return f"<!doctype html><html><head>{head}<title>t</title></head><body><p>{text}</p></body></html>"


def test_gbk_declared_gb2312_in_header() -> None:
    html = page(ZH)
    with pytest.raises(UnicodeEncodeError):
        ZH.encode("gb2312")
    d = decode_html(html.encode("gbk"), "text/html; charset=gb2312")
    assert d.text == html and d.encoding == "gb18030" and d.method == "header"
    assert "镕" in d.text and "喆" in d.text and "堃" in d.text


def test_gbk_declared_gb2312_in_meta_and_undeclared() -> None:
    html = page(ZH, '<meta http-equiv="Content-Type" content="text/html; charset=GB2312">')
    d = decode_html(html.encode("gbk"), "text/html")
    assert d.text == html and d.method == "meta"
    bare = page(ZH)
    assert decode_html(bare.encode("gb18030"), None).text == bare


def test_cp1251_in_header() -> None:
    html = page(RU)
    d = decode_html(html.encode("cp1251"), "text/html; charset=windows-1251")
    assert d.text == html and d.encoding == "cp1251" and d.method == "header"


@pytest.mark.parametrize(
    "meta", ['<meta charset="windows-1251">', '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">']
)
def test_cp1251_in_meta_only(meta: str) -> None:
    html = page(RU, meta)
    d = decode_html(html.encode("cp1251"), "text/html")
    assert d.text == html and d.encoding == "cp1251" and d.method == "meta"


def test_koi8r_without_declaration() -> None:
    html = page(RU)
    d = decode_html(html.encode("koi8-r"), None)
    assert d.text == html and d.encoding == "koi8-r" and d.method == "detected"


@pytest.mark.parametrize("n", [60, 120])
def test_short_koi8r_and_cp1251_told_apart(n: int) -> None:
    text = RU[:n]
    assert decode_html(text.encode("koi8-r"), None).text == text
    assert decode_html(text.encode("cp1251"), None).text == text


def test_cp1251_declared_as_utf8() -> None:
    html = page(RU, '<meta charset="utf-8">')
    d = decode_html(html.encode("cp1251"), "text/html; charset=UTF-8")
    assert d.text == html and d.encoding == "cp1251" and d.method == "detected"


def test_koi8r_declared_as_cp1251_is_corrected() -> None:
    html = page(RU)
    d = decode_html(html.encode("koi8-r"), "text/html; charset=windows-1251")
    assert d.text == html and d.encoding == "koi8-r"


def test_utf8_bytes_under_cp1251_label() -> None:
    html = page(RU)
    d = decode_html(html.encode("utf-8"), "text/html; charset=windows-1251")
    assert d.text == html and d.encoding == "utf-8"


def test_utf8_with_bom_beats_declarations() -> None:
    html = page(RU + " " + ZH, '<meta charset="windows-1251">')
    d = decode_html(codecs.BOM_UTF8 + html.encode("utf-8"), "text/html; charset=koi8-r")
    assert d.text == html and d.encoding == "utf-8" and d.method == "bom"


def test_utf16_bom() -> None:
    html = page(ZH)
    d = decode_html(codecs.BOM_UTF16_LE + html.encode("utf-16-le"), None)
    assert d.text == html and d.method == "bom"


def test_latin1_server_default_on_russian_page_falls_back() -> None:
    html = page(RU, '<meta charset="windows-1251">')
    d = decode_html(html.encode("cp1251"), "text/html; charset=ISO-8859-1")
    assert d.text == html and d.encoding == "cp1251" and d.method == "meta"
    bare = page(RU)
    assert decode_html(bare.encode("koi8-r"), "text/html; charset=iso-8859-1").text == bare


def test_latin1_declaration_kept_for_western_text() -> None:
    html = page("Le président a annoncé mercredi une réforme très contestée à l'Assemblée.")
    d = decode_html(html.encode("latin-1"), "text/html; charset=iso-8859-1")
    assert d.text == html and d.encoding == "cp1252" and d.method == "header"


def test_xml_declaration_for_feeds() -> None:
    xml = f'<?xml version="1.0" encoding="windows-1251"?><rss><channel><title>{RU}</title></channel></rss>'
    d = decode_html(xml.encode("cp1251"), "application/rss+xml")
    assert d.text == xml and d.encoding == "cp1251"


def test_utf8_truncated_mid_character_stays_utf8() -> None:
    raw = page(RU).encode("utf-8")
    cut = raw[: raw.index("правительства".encode()) + 3]  # ends inside a two-byte letter
    d = decode_html(cut, "text/html; charset=utf-8")
    assert d.encoding == "utf-8" and d.method == "header" and d.text.startswith("<!doctype html>")


@pytest.mark.parametrize(
    "body,ctype",
    [(b"", None), (b"\xff\xfe\x00", "text/html; charset=bogus"), (bytes(range(256)) * 4, "text/html; charset=utf-8"),
     (b"\x00" * 10, None), (b"<meta charset='x-unknown-thing'>\xe9\xe9", None)],
)
def test_never_raises(body: bytes, ctype: str | None) -> None:
    d = decode_html(body, ctype)
    assert isinstance(d.text, str) and d.encoding


def test_helpers() -> None:
    assert normalize_encoding("GB2312") == "gb18030"
    assert normalize_encoding("x-gbk") == "gb18030"
    assert normalize_encoding("windows-1251") == "cp1251"
    assert normalize_encoding("no-such-charset") is None
    assert russian_score(RU) > 0.8
    assert russian_score(RU.encode("koi8-r").decode("cp1251")) < 0.5
