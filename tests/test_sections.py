"""restore_between: the story's headings and lists put back between its paragraphs;
restore_tails: its prose printed as bare text after an inserted block."""

from __future__ import annotations

import lxml.html

from pipeline.extract.body.sections import restore_between, restore_tails

P = [
    "The harbour authority of Northfield announced on Tuesday that the old lighthouse will be restored.",
    "Engineers found that the iron lantern room had rusted through in several places last autumn.",
    "The restoration will cost an estimated four million euros, most of it from a heritage fund.",
    "Work is expected to begin in the spring, once the gulls nesting on the pier have left.",
]


def page(body: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(f"<html><body><div class='post'>{body}</div></body></html>")


def test_heading_and_list_between_consecutive_paragraphs_are_put_back_in_place():
    tree = page(
        f"<p>{P[0]}</p><h2><b>What the survey found</b></h2><p>{P[1]}</p>"
        f"<ul><li>rusted lantern room</li><li>sound stone base</li></ul><p>{P[2]}</p><p>{P[3]}</p>"
    )
    got = restore_between(tree, "\n".join(P)).split("\n")
    assert got == [P[0], "What the survey found", P[1], "- rusted lantern room", "- sound stone base", P[2], P[3]]


def test_link_lists_furniture_and_blocks_outside_the_text_are_left_out():
    tree = page(
        f"<p>{P[0]}</p>"
        "<ul><li><a href='/a'>Ferry timetable changes this summer</a></li><li><a href='/b'>New fish market</a></li></ul>"
        f"<p>{P[1]}</p><h3 class='related-heading'>More from the coast</h3><p>{P[2]}</p>"
        "<h2>Comments</h2><p>Great news, I remember the light from my childhood!</p>"
    )
    text = "\n".join(P[:3])
    assert restore_between(tree, text) == text  # link list, related block; the comment heading is past the story


def test_paragraphs_not_side_by_side_in_the_text_get_nothing_between_them():
    tree = page(f"<p>{P[0]}</p><h2>Subscribe to our newsletter today</h2><p>{P[1]}</p>")
    text = "\n".join([P[0], "A paragraph the extractor took from elsewhere on the page.", P[1]])
    assert restore_between(tree, text) == text


def test_round_up_list_linking_out_to_shops_is_put_back_but_not_a_list_of_the_sites_stories():
    def deals(host: str) -> str:
        items = (f'<li><a href="https://{host}/p/{i}">Cast iron pan no. {i}, $25 at the shop</a></li>' for i in range(3))
        return "<ul>" + "".join(items) + "</ul>"

    url = "https://www.kitchen.example.co.uk/2024/05/pans"
    out = restore_between(page(f"<p>{P[0]}</p>{deals('shop.example.com')}<p>{P[1]}</p>"), "\n".join(P[:2]), url)
    assert out.split("\n")[1:4] == [f"- Cast iron pan no. {i}, $25 at the shop" for i in range(3)]
    inside = restore_between(page(f"<p>{P[0]}</p>{deals('kitchen.example.co.uk')}<p>{P[1]}</p>"), "\n".join(P[:2]), url)
    assert inside == "\n".join(P[:2])


def test_subheading_written_as_a_div_is_put_back_but_not_a_box_of_the_same_class():
    tree = page(
        f"<p>{P[0]}</p><div class='story_subheadline'>What the survey found</div><p>{P[1]}</p>"
        f"<div role='heading' aria-level='2'>Who pays</div><p>{P[2]}</p>"
        f"<div class='subhead-box'><p>Sign up for the harbour newsletter and get the tide tables every week.</p></div><p>{P[3]}</p>"
    )
    got = restore_between(tree, "\n".join(P)).split("\n")
    assert got == [P[0], "What the survey found", P[1], "Who pays", P[2], P[3]]
    # a <div> of another class between paragraphs (a pull quote, an ad label) stays out
    other = page(f"<p>{P[0]}</p><div class='pull'>What the survey found</div><p>{P[1]}</p>")
    assert restore_between(other, "\n".join(P[:2])) == "\n".join(P[:2])


def test_heading_between_paragraphs_printed_as_divs_is_put_back_without_its_style():
    # CSS-in-JS layout: paragraphs are <div><span>, headings carry a <style> and a link to themselves
    style = "<style>.x1{color:inherit;text-decoration:none}</style>"
    tree = page(
        f"<div class='c1'><span>{P[0]}</span></div>"
        f"<h2 id='survey'>{style}<a href='#survey'><span>What the survey found</span></a></h2>"
        f"<div class='c1'><span>{P[1]}</span></div>"
        f"<h2><a href='/other-story'>Another story on the site</a></h2><div class='c1'>Advertisement</div>"
        f"<div class='c1'><span>{P[3]}</span></div>"
    )
    got = restore_between(tree, "\n".join(P)).split("\n")
    # the self-anchored heading comes back as the reader sees it; the heading that links
    # to another page is not between lines the text has side by side, and is a link anyway
    assert got == [P[0], "What the survey found", P[1], P[2], P[3]]


def test_prose_printed_after_an_inserted_block_is_put_back_after_its_paragraph():
    # a CMS printing paragraphs as text between <br>s, a related-stories box dropped in
    # the middle: the paragraph after the box is the box's tail, lost with the box
    box = "<div class='related-box'><ul><li><a href='/x'>Other story</a></li></ul></div>"
    tree = page(f"{P[0]}<br><br>{P[1]}{box}{P[2]}<br><br>{P[3]}")
    got = restore_tails(tree, "\n".join([P[0], P[1], P[3]])).split("\n")
    assert got == P
    # already there, short, not a sentence, or not after a paragraph of the text: unchanged
    assert restore_tails(tree, "\n".join(P)) == "\n".join(P)
    short = page(f"{P[1]}{box}Read more on our site<br>{P[3]}")
    assert restore_tails(short, "\n".join([P[1], P[3]])) == "\n".join([P[1], P[3]])
    popup = page(f"<div class='modal'>Sign up<ul><li>Daily</li></ul>{P[2]}</div><p>{P[0]}</p>")
    assert restore_tails(popup, P[0]) == P[0]


def test_lines_after_custom_elements_in_br_lines_are_put_back_whole_and_in_a_chain():
    # a CMS printing paragraphs as <br> lines with its ad slots and promos as custom
    # elements between them (<partner-banner>, <media-gallery-promo>): trafilatura's main
    # pass drops each element's tail, the start of the next line, with it. The line is read
    # to its end through its links, and a line put back anchors the one after it.
    linked = P[1].replace("iron lantern room", "<a href='/lantern'>iron lantern room</a>").replace(
        "last autumn", "<a href='/storms'>last autumn</a>")  # the next line's element follows a link's "."
    tree = page(f"{P[0]}<br><br><partner-banner class='spacer-large'></partner-banner>{linked}<br><br>"
                f"<partner-inline min-height='250'></partner-inline>{P[2]}<br><br>"
                f"<media-gallery-promo></media-gallery-promo>Advertisement<br><br>{P[3]}")
    got = restore_tails(tree, "\n".join([P[0], P[3]])).split("\n")
    assert got == P  # not the ad slot's label: a line of prose only
    # a line before the element that the text lacks anchors nothing
    assert restore_tails(tree, P[3]) == P[3]
