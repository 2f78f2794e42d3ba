"""The final guard of the body choice: a result that lost most of trafilatura's text
without a named reason falls back to trafilatura's (a page written here: a deals post
that is mostly a list of links, which the link-text rule alone would strip)."""

from __future__ import annotations

from pipeline.extract import extract_article

DEALS = "".join(
    f'<li><a href="https://shop{i}.example/deal">Deal number {i} on noise cancelling headphones model {i}X</a></li>'
    for i in range(30)
)
PAGE = f"""<html><head><title>Weekend deals</title></head><body><article><h1>Weekend deals</h1>
<p>Here are the deals.</p><ul>{DEALS}</ul></article></body></html>"""


def test_list_of_bare_links_in_a_deals_post_survives():
    got = extract_article(PAGE, "https://deals.example.com/2024/05/weekend-deals")
    assert got is not None and got.text
    assert got.text.count("Deal number") >= 25


def test_guard_fires_only_when_most_of_trafilaturas_text_is_lost():
    from pipeline.extract.body import _lost_most

    story = "\n".join(f"Paragraph {i} tells the reader about the harbour works and the ferry timetable." for i in range(10))
    assert _lost_most(story, "\n".join(story.split("\n")[:3]))  # 70% gone, nothing named
    assert not _lost_most(story, "\n".join(story.split("\n")[:8]))  # a closing line or two named and dropped
    assert not _lost_most("Too short to judge.", "")


MENU_LINE = "Local news, Sports and the high school scores, Weather for the whole valley, Obituaries and notices."
STORY_LINE = "The council voted on Tuesday to reopen the library on Main Street after repairs to its roof, which leaked in winter."


def _menu_page() -> str:
    links = "".join(f'<a href="/s/{w}">{w}</a>' for w in ("Local news", "Sports and the high school scores",
                                                          "Weather for the whole valley", "Obituaries and notices"))
    return f"<html><body><nav>{links}</nav><div><p>{STORY_LINE}</p></div></body></html>"


def test_fallback_pass_may_add_prose_but_not_a_menu():
    from pipeline.extract.body.passchoice import _completes, _prose_only
    from pipeline.extract.body.prose import _anchors
    from pipeline.extract.strings import _load_tree

    tree = _load_tree(_menu_page())
    assert tree is not None
    anchors = _anchors(tree)
    # a menu printed as sentence-like lines is not prose: it is the page's links
    assert not _completes(STORY_LINE, STORY_LINE + "\n" + "\n".join([MENU_LINE] * 4), anchors)
    more = "The library first opened in 1921 and has been closed twice before, both times for work on its heating."
    assert _completes(STORY_LINE, STORY_LINE + "\n" + more, anchors)
    assert _prose_only("", "\n".join([MENU_LINE, STORY_LINE, "Home", more]), anchors) == STORY_LINE + "\n" + more
