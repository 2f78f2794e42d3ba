"""restore_twins: a story paragraph whose wrapper the template shares with a box (the
breadcrumbs, a tags row) comes back beside its twins' paragraphs."""

from __future__ import annotations

import lxml.html
import pytest
import trafilatura
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract import extract_article
from pipeline.extract.body.twins import restore_twins

EN = [
    "The harbour authority of Northfield announced on Tuesday that the old lighthouse on the north pier "
    "will be restored after years of neglect.",
    "Engineers who surveyed the tower last autumn found that the iron lantern room had rusted through in "
    "several places and let the rain in.",
    "The restoration will cost an estimated four million euros, most of it from a national heritage fund "
    "and the rest from the town council.",
    "Work is expected to begin in the spring, once the gulls nesting on the pier have left, and should be finished within two years.",
    "Local fishermen, who still use the tower as a landmark on foggy mornings, welcomed the news at a meeting in the harbour office.",
]
RU = [
    "Администрация порта Северной Гавани объявила во вторник, что старый маяк на северном пирсе "
    "отреставрируют после многих лет запустения.",
    "Инженеры, осматривавшие башню прошлой осенью, обнаружили, что железное фонарное помещение проржавело насквозь в нескольких местах.",
    "Реставрация обойдётся примерно в четыре миллиона евро, большую часть которых выделит национальный фонд наследия и городской совет.",
    "Работы должны начаться весной, когда чайки, гнездящиеся на пирсе, улетят, и завершиться в течение двух лет после начала.",
    "Местные рыбаки, которые до сих пор ориентируются по башне туманными утрами, встретили новость с радостью на собрании в порту.",
]
CRUMBS = ('<div class="x1"><a href="/">Home</a> › <a href="/news">News</a> › <a href="/news/local">Local</a> › '
          '<a href="/news/local/coast">Coast</a></div>')
TAGS = ('<div class="x2"><span>Topics:</span> <a href="/t/a">Harbour</a> <a href="/t/b">Heritage</a> '
        '<a href="/t/c">Lighthouses</a></div>')
URL = "https://northfield.example/news/2024/05/lighthouse-to-be-restored"


def _wrapped(paras: list[str], first: str = "", last: str = "", cls: str = "k7", middle: str = "") -> str:
    """A story whose every paragraph sits in a wrapper of its own, two levels deep (as
    BBC's do), with `first` set inside the first paragraph's wrapper, `last` inside
    the last's and `middle` inside the middle one's."""
    blocks = []
    for n, p in enumerate(paras):
        extra_before = first if n == 0 else middle if n == len(paras) // 2 else ""
        extra_after = last if n == len(paras) - 1 else ""
        blocks.append(f'<div class="{cls}"><div class="k8">{extra_before}<p>{p}</p>{extra_after}</div></div>')
    return "<div class='k6'>" + "".join(blocks) + "</div>"


def _page(body: str) -> str:
    return ("<html><head><title>Lighthouse to be restored</title></head><body><header><a href='/'>Northfield Post</a>"
            "</header><main><article><h1>Old lighthouse to be restored</h1>" + body + "</article></main></body></html>")


@pytest.mark.parametrize("paras", [EN, RU], ids=["en", "ru"])
def test_the_lede_whose_wrapper_holds_the_breadcrumbs_stays_in_the_story(paras):
    html = _page(_wrapped(paras, first=CRUMBS))
    assert paras[0] not in (trafilatura.extract(html) or "")  # the pass drops the wrapper, lede and all
    got = extract_article(html, URL)
    assert got is not None and got.text.split("\n") == paras


def test_a_paragraph_missing_first_last_or_between_its_twins_goes_back_in_place():
    tree = lxml.html.fromstring(_page(_wrapped(EN, first=CRUMBS, last=TAGS)))
    assert restore_twins(tree, "\n".join(EN[1:-1])).split("\n") == EN  # first and last
    tree = lxml.html.fromstring(_page(_wrapped(EN, middle=TAGS)))
    assert restore_twins(tree, "\n".join(EN[:2] + EN[3:])).split("\n") == EN  # the middle one


def test_a_box_beside_the_story_or_a_lone_wrapper_shows_no_twins():
    related = ('<div class="rel"><div class="k8"><p>In other news, the ferry timetable changes this summer, '
               'with fewer crossings on weekdays and more at weekends.</p></div></div>')
    story = _wrapped(EN[:3])
    tree = lxml.html.fromstring(_page(story[: -len("</div>")] + related + "</div>"))
    text = "\n".join(EN[:3])
    assert restore_twins(tree, text) == text  # another class: not one of the story's wrappers
    lone = lxml.html.fromstring(_page(_wrapped(EN[:2])))
    text = "\n".join([EN[1], "A line the pass took from elsewhere on the page."])
    assert restore_twins(lone, text) == text  # one wrapper in the text shows no run of twins


@pytest.mark.parametrize("head", ['<div class="t"><a href="/news/{n}">Headline number {n} of the listing</a></div>',
                                  "<h3>Brief {n}</h3>"], ids=["headline-link", "short-heading"])
def test_excerpts_of_cards_are_not_put_back_beside_the_cards_the_text_took(head):
    cards = "".join(f'<div class="card">{head.format(n=n)}<p>{p}</p></div>' for n, p in enumerate(EN))
    tree = lxml.html.fromstring(_page(f"<div class='grid'>{cards}</div>"))
    text = "\n".join(EN[1:4])  # a result that took three cards' excerpts
    assert restore_twins(tree, text) == text  # a card is a headline and an excerpt, not a paragraph's wrapper


@pytest.mark.parametrize("line", ["Share this article with your friends and family on social media", "Photo: AP.",
                                  '<a href="/news/ferry">Read about the ferry timetable changes this summer.</a>'],
                         ids=["no-sentence", "short", "mostly-a-link"])
def test_a_twins_line_that_is_no_sentence_too_short_or_mostly_a_link_stays_out(line):
    tree = lxml.html.fromstring(_page(_wrapped([*EN[:3], line])))
    text = "\n".join(EN[:3])
    assert restore_twins(tree, text) == text


_WORDS = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=160)


@settings(max_examples=60, deadline=None)
@given(paras=st.lists(_WORDS, min_size=1, max_size=6), keep=st.lists(st.booleans(), min_size=6, max_size=6),
       boxes=st.lists(st.sampled_from(["", CRUMBS, TAGS, "<span>x</span>"]), min_size=3, max_size=3))
def test_any_story_and_boxes_keep_every_line_of_the_text_in_order(paras, keep, boxes):
    from html import escape

    safe = [" ".join(p.split()) for p in paras]
    html = _page(_wrapped([escape(p) for p in safe], first=boxes[0], last=boxes[1], middle=boxes[2]))
    try:
        tree = lxml.html.fromstring(html)
    except Exception:  # noqa: BLE001 - text lxml cannot parse is no page to test
        return
    text = "\n".join(p for p, k in zip(safe, keep) if k)
    out = restore_twins(tree, text).split("\n")
    it = iter(out)
    assert all(line in it for line in text.split("\n"))  # the text's lines, in order
    assert all(line in safe for line in out if line not in text.split("\n"))  # only the page's paragraphs added
