"""Cleanup rules, each on a page or text written here."""

from __future__ import annotations

from pipeline.extract import extract_article
from pipeline.extract.cleanup import _dedup_paragraphs

QUESTION = "Which dish do you cook most often at home, and which one do you never touch?"


def _answer(name: str) -> str:
    return (f"{name} says the answer changes with the season, but soup wins most weeks because it is cheap, "
            f"quick and the children eat it without a fight at the dinner table.")


def test_question_put_to_each_person_of_an_interview_series_stays():
    page = "<html><body><article><h1>Three food bloggers</h1>" + "".join(
        f"<h2>{n}</h2><p><b>{QUESTION}</b></p><p>{_answer(n)}</p>" for n in ("Anna Petrova", "Ivan Orlov", "Maria Lee")
    ) + "</article></body></html>"
    got = extract_article(page, "https://food.example.com/2024/03/01/bloggers")
    assert got is not None and got.text
    assert got.text.count(QUESTION) == 3


def test_a_repeat_without_prose_after_each_copy_is_dropped():
    widget = "Oops, something went wrong while loading this module, please try again later."
    paras = ["Intro paragraph of the story.", widget, widget, "Short line", widget, _answer("Jo Park")]
    assert _dedup_paragraphs(paras).count(widget) == 1
    pull = "A pull quote printed twice, once in the story and once large in the margin."
    assert _dedup_paragraphs([pull, _answer("A B"), pull, _answer("C D")]).count(pull) == 1
