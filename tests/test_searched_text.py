"""A text searched for many pieces (`pipeline.extract.body.searched`): every answer is
`str.find`'s, whatever the index skips."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract.body.searched import SearchedText

_PIECES = st.sampled_from(["ab", "b", "cd", "中文", "。", "x", "中", "\n", "abcd", "文中", "dab"])
_TEXTS = st.lists(_PIECES, max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=_TEXTS, pieces=st.lists(st.tuples(_TEXTS, st.integers(0, 12)), max_size=25),
       index_after=st.sampled_from([0, 1, 3, 256]))
def test_every_answer_is_where_the_piece_is_or_minus_one_when_it_is_not(text, pieces, index_after):
    searched = SearchedText(text, index_after)
    for piece, focus in pieces:
        at = searched.find(piece, focus)
        if piece in text:
            assert at >= 0 and text.startswith(piece, at)
        else:
            assert at == -1


def test_a_text_asked_for_thousands_of_absent_pieces_is_searched_a_few_hundred_times():
    from conftest import CountedText

    lines = [f"{i}号公告：市政府今天宣布新的交通规划方案" for i in range(3000)]
    text = CountedText("\n".join(lines))
    searched = SearchedText(text)
    assert all(searched.find(a + b, len(a)) == -1 for a, b in zip(lines, lines[1:]))
    assert text.finds <= 600  # of 2,999 pieces


def test_pieces_found_in_page_order_are_found_near_the_last_one():
    """Each line of a listing is in the text; searched in order each is found from
    where the one before was, not by reading the text from its start."""
    lines = [f"line {i} of the listing" for i in range(2000)]
    text = "\n".join(lines)
    searched = SearchedText(text)
    read = 0
    real = str.find

    class Reading(str):
        def find(self, piece, start=0, end=None):  # type: ignore[override]
            nonlocal read
            at = real(self, piece, start, len(self) if end is None else end)
            read += (at + len(piece) if at >= 0 else len(self) if end is None else end) - start
            return at

    searched.text = Reading(text)
    assert [searched.find(ln) for ln in lines] == [text.index(ln + "\n") if i < 1999 else text.index(ln)
                                                   for i, ln in enumerate(lines)]
    assert read < 3 * len(text)


def test_the_lines_two_passes_agree_on_are_those_of_a_search_for_each_short_line():
    """`_agreed` keeps the comparison pass's lines the main pass holds: a line too short
    for a shingle by a search of the main pass's text, answered by the index once a
    page has thousands of them."""
    from pipeline.extract.body.passchoice import _agreed
    from pipeline.extract.body.textsim import containment, shingles

    story = "The council voted on Tuesday to keep the pier open through the winter months."
    fast = "\n".join(f"{story} {i}\nw{i}x" for i in range(0, 3000, 2))
    full = "\n".join(f"{story} {i}\nw{i}x" for i in range(3000))
    have = shingles(fast)
    got = _agreed(fast, full).split("\n")
    assert got == [ln for ln in full.split("\n")
                   if (containment(sh, have) >= 0.5 if (sh := shingles(ln)) else ln.strip() in fast)]
    assert "w2x" in got and "w3x" not in got
