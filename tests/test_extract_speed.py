"""Shortcuts taken for speed give what the slow paths give (pages written here)."""

from __future__ import annotations

import random
import re
import unicodedata
from collections import Counter

import lxml.etree
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from trafilatura.utils import load_html

from pipeline.extract.body.sections import _key
from pipeline.extract.body.statebody import _SKIP_KEYS, _TAG_NAME, _leaves
from pipeline.extract.body.textsim import containment, shingles
from pipeline.extract.cleanup.lines import _furniture
from pipeline.extract.strings import _load_tree, _norm, _weight

_PAGES = [
    "<html><head><title>T</title></head><body><p>One paragraph.</p><!-- c --><p>Two</p></body></html>",
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
    "<html><body><p>doctype with a slash</p></body></html>",
    '<!DOCTYPE html>\n<html lang="en"/>\n<head></head><body><div>self-closing html tag</div></body>',
    "<p>a fragment, no html tag</p>",
    "<div><p>fragment</p><p>two blocks</p></div>",
    '<?xml version="1.0" encoding="utf-8"?><html><body><p>declared encoding</p></body></html>',
    "<html><body><p>control\x01 char\x1f and \ufffe non-chars\uffff</p></body></html>",
    "just text",
    "<html></html>",
]


@pytest.mark.parametrize("html", _PAGES)
def test_load_tree_is_trafilaturas_tree(html):
    ours, theirs = _load_tree(html), load_html(html)
    assert (ours is None) == (theirs is None)
    if ours is not None:
        assert lxml.etree.tostring(ours) == lxml.etree.tostring(theirs)


def _shingles_by_slices(text: str, n: int = 4) -> Counter:
    import re

    toks = re.findall(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+",
                      text.casefold())  # a Chinese or Japanese character is a word
    return Counter(tuple(toks[i : i + n]) for i in range(max(0, len(toks) - n + 1)))


def test_shingles_and_containment_match_the_plain_definitions():
    rng = random.Random(7)
    words = "the a story of city council vote budget 2024 école Москва 新闻 报道说 ニュース".split()
    texts = ["", "one", "one two three", "one two three four"]
    texts += [" ".join(rng.choice(words) for _ in range(rng.randint(0, 60))) for _ in range(200)]
    for n in (1, 2, 4):
        for t in texts:
            assert list(shingles(t, n).items()) == list(_shingles_by_slices(t, n).items())
    for a, b in zip(texts, texts[1:]):
        pa, pb = shingles(a), shingles(b)
        assert containment(pa, pb) == (sum((pa & pb).values()) / sum(pa.values()) if pa else 0.0)
    odd = Counter({"x": 3, "y": -1, "z": 0})
    assert containment(odd, Counter({"x": 2, "y": 5})) == sum((odd & Counter({"x": 2, "y": 5})).values()) / 2


def _leaves_recursive(node, path=(), depth=0):
    if depth > 60:
        return
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            if not (isinstance(key, str) and key.lower() in _SKIP_KEYS):
                yield from _leaves_recursive(value, path + (key,), depth + 1)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            if not (i == 0 and isinstance(value, str) and len(node) > 1 and _TAG_NAME.match(value)):
                yield from _leaves_recursive(value, path + (i,), depth + 1)


def test_state_leaves_in_document_order_with_depth_limit():
    deep: object = "too deep"
    for _ in range(70):
        deep = [deep]
    state = {
        "Type": "story", "href": "/x", "name": "n", "title": "Headline",
        "blocks": [["p", {"class": "c"}, "First paragraph.", ["a", {}, "a link"]], {"text": "Second."}, 3, None, True],
        "deep": deep, "p": ["only"],
    }
    assert _leaves(state, ()) == list(_leaves_recursive(state))
    assert ((("deep",) + (0,) * 70), "too deep") not in _leaves(state, ())
    assert _leaves("x", ()) == [((), "x")]
    # the sentence-long strings alone, and a container's strings read at its own path,
    # are the whole walk's (the state body reads those two, not every value)
    whole = _leaves(state, ())
    assert _leaves(state, (), min_len=8) == [(p, s) for p, s in whole if len(s) >= 8]
    assert _leaves(state["blocks"], ("blocks",), 1) == [(p, s) for p, s in whole if p[:1] == ("blocks",)]


def test_load_tree_gives_lxml_html_element_classes():
    html = ('<html><body><form action="/s"><label>Q</label><input name="q"><select><option>a</option></select>'
            "<textarea>t</textarea></form><p>text</p></body></html>")
    ours, theirs = _load_tree(html), load_html(html)
    assert [type(el) for el in ours.iter()] == [type(el) for el in theirs.iter()]
    assert type(ours.find(".//form")).__name__ == "FormElement"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60) | st.text(min_size=1001, max_size=1200))
def test_cached_normal_forms_are_the_plain_definitions(text):
    # twice: the second reading comes from the cache (texts up to 1,000 characters)
    for _ in range(2):
        assert _norm(text) == re.sub(r"\W+", " ", text.casefold()).strip()
        assert _key(text) == " ".join(re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold()))
        assert _weight(text) == len(text) + 2 * len(re.findall(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]", text))


@pytest.mark.parametrize("line", [
    "Stay connected", "Most read this week", "We need your help", "Read the full report here.",
    "Sign up for our newsletters to get the news", "Article continues below", "Press Ctrl+Enter",
    "Подпишитесь на рассылку", "Все новости — в нашем Telegram-канале", "（责编：张三）",
])
def test_furniture_forms_read_in_any_case(line):
    # matched on the line lowercased, without re's IGNORECASE: capitals change nothing
    assert _furniture(line) and _furniture(line.upper()) and _furniture(line.lower()) and _furniture(line.title())


@pytest.mark.parametrize("line", [
    "The mayor said: we need your help", "Analysts: stay connected", "The list of the most read books of 2023 is long",
])
def test_furniture_forms_of_a_whole_line_only_at_its_start(line):
    assert not _furniture(line)
