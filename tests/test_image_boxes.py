"""Captions in an image's own box, whatever its class names (CSS-in-JS sites, old
templates with <div>s for <figure>): the box's short texts are the caption, not the
story; a brief beside its photo, a testimonial, a round-up's product, a deal and a list
item with a thumbnail are not captions. Pages written here."""

from __future__ import annotations

import pytest
import trafilatura
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract import extract_article

EN = [
    "The harbour board approved on Monday a plan to deepen the northern channel so that larger ferries can dock in winter.",
    "Work is due to start in March and to last about eighteen months, the board said, at a cost shared with the region.",
    "Fishermen who use the channel said they had asked for the work for a decade, after two groundings in heavy weather.",
    "The board will publish the timetable of closures in February, and the old pier will stay open during the work.",
    "Ferry operators welcomed the plan, saying the deeper channel would end the cancellations that strand islanders each winter.",
]
RU = [
    "Совет порта в понедельник одобрил план углубления северного канала, чтобы зимой к причалу могли подходить большие паромы.",
    "Работы начнутся в марте и продлятся около полутора лет, сообщил совет; расходы разделят с областным бюджетом.",
    "Рыбаки, которые пользуются каналом, говорят, что просили об этом десять лет, после двух посадок на мель в шторм.",
    "Совет опубликует график перекрытий в феврале, а старый пирс будет открыт всё время, пока идут работы.",
    "Паромные компании приветствовали план: по их словам, глубокий канал положит конец отменам рейсов каждую зиму.",
]
ZH = [
    "港务委员会周一批准了一项加深北部航道的计划，以便冬季较大的渡轮能够靠岸，工程将分两个阶段进行。",
    "委员会表示，工程将于三月开工，预计持续约十八个月，费用由港务部门和地方政府共同承担。",
    "使用该航道的渔民说，他们在恶劣天气中两次搁浅之后，已经为此呼吁了整整十年之久。",
    "委员会将在二月公布封航时间表，施工期间旧码头将继续开放，渡轮班次不会受到影响。",
    "渡轮公司对这一计划表示欢迎，称更深的航道将结束每年冬季因浅滩而取消航班的情况。",
]
CAPTIONS = {"en": ("Dredgers at work in the northern channel at low tide in December.", "(AP Photo/Jane Roe)"),
            "ru": ("Земснаряды в северном канале во время отлива в декабре.", "Фото: Иван Петров"),
            "zh": ("12月，挖泥船在退潮时的北部航道作业。", "新华社记者 王五 摄")}
URL = "https://harbour.example/news/2024/01/channel-to-be-deepened"


def _caption_box(form: str, caption: str, credit: str) -> str:
    """An image's box as CSS-in-JS sites and old templates print one, no class that
    says "caption": the caption and credit as paragraphs beside the image, or as spans
    in a block under it."""
    if form == "paragraphs":
        return f'<div class="x4"><img src="/img/dredger.jpg" alt=""><p class="x5">{caption}</p><p class="x6">{credit}</p></div>'
    return (f'<div class="x4"><div class="x7"><img src="/img/dredger.jpg" alt=""></div>'
            f'<div class="x8"><span>{caption}</span> <span>{credit}</span></div></div>')


def _page(body: str, lang: str = "en") -> str:
    return (f"<html lang='{lang}'><head><title>Channel to be deepened</title></head><body>"
            f"<header><a href='/'>Harbour News</a></header><main><div class='x1'><h1>Channel to be deepened</h1>"
            f"{body}</div></main></body></html>")


def _story(paras: list[str], after: dict[int, str]) -> str:
    return "".join(f"<p>{p}</p>{after.get(i, '')}" for i, p in enumerate(paras))


def _text(html: str) -> list[str]:
    got = extract_article(html, URL)
    assert got is not None and got.text and "+guard" not in got.method
    return got.text.split("\n")


@pytest.mark.parametrize("form", ["paragraphs", "spans"])
@pytest.mark.parametrize(("lang", "paras"), [("en", EN), ("ru", RU), ("zh", ZH)], ids=["en", "ru", "zh"])
def test_a_photos_caption_and_credit_in_its_box_are_not_the_story(lang, paras, form):
    caption, credit = CAPTIONS[lang]
    html = _page(_story(paras, {1: _caption_box(form, caption, credit)}), lang)
    assert caption in (trafilatura.extract(html) or "")  # bare trafilatura keeps it as a line of the story
    assert _text(html) == paras


def test_a_caption_the_story_also_prints_stays_as_the_storys_paragraph():
    html = _page(_story(EN, {1: _caption_box("paragraphs", EN[3], "(AP Photo/Jane Roe)")}))
    lines = _text(html)
    assert all(p in lines for p in EN) and "(AP Photo/Jane Roe)" not in lines


CARDS = [("Ferry timetable changes for the winter", "The island ferries will sail twice a day from November, the "
           "operator said, as the harbour works begin and the northern berth closes for dredging."),
          ("New pier lights switched on", "Forty new lamps now light the old pier at night, paid for by the town council "
           "after residents complained that the walkway was too dark in winter."),
          ("Fish market to move for a year", "The Saturday fish market will move to the car park by the station while "
           "the quay is rebuilt, the traders' association announced on Friday."),
          ("Lifeboat crew honoured", "The volunteer crew who rescued two sailors in the January storm received "
           "medals at a ceremony in the town hall, watched by their families.")]


@pytest.mark.parametrize("more", [False, True], ids=["alone", "with-more-stories"])
def test_a_brief_beside_its_photo_is_the_story(more):
    """The story's own block holds the photo: its text is the story, not a caption, also
    where the page's "More stories" cards (which the cleanup takes out) follow it and
    make the box a small part of what trafilatura printed."""
    brief = ("The northern channel will be closed to all traffic on Saturday from 6 a.m. to noon "
             "while divers inspect the outer buoys, the harbour board said.")
    cards = ('<div class="x5"><h2>More stories</h2>' + "".join(
        f'<div class="x6"><h3><a href="/news/2024/01/{i}">{h}</a></h3><p>{e}</p></div>' for i, (h, e) in enumerate(CARDS))
        + "</div>") if more else ""
    html = _page(f'<div class="x2"><div class="x3"><img src="/img/buoy.jpg" alt=""></div><p>{brief}</p></div>{cards}')
    if more:
        assert all(e in (trafilatura.extract(html) or "") for _, e in CARDS)
    assert _text(html) == [brief]


def test_a_box_with_more_than_a_captions_text_is_not_a_caption():
    lede = ("The harbour board approved on Monday a plan to deepen the northern channel so that larger ferries can "
            "dock in winter, ending a decade of cancellations that stranded islanders for days at a time, and it "
            "agreed to share the cost of the work with the region and the two ferry companies that use the port.")
    assert len(lede) > 300
    html = _page(f'<div class="x2"><img src="/img/lead.jpg" alt=""><p>{lede}</p></div>' + _story(EN[1:] + RU, {}))
    assert lede in _text(html)


def test_a_block_of_br_lines_with_a_photo_among_them_is_no_caption_box():
    """An old template prints the story as text between <br>s, a link and a photo among
    them: the block has text of its own between its elements, and its link is a line of
    the story, not a caption."""
    link = '<a href="https://results.example.org/swim/2024">Full results of the state meet</a>'
    body = (f'<div class="x2">{link}<br><div class="x3"><img src="/img/pool.jpg" alt=""></div>{EN[0]}</div>'
            + _story(EN[1:], {}))
    lines = _text(_page(body))
    assert "Full results of the state meet" in lines and EN[0] in lines


def test_testimonials_with_a_photo_are_the_storys_quotes():
    quotes = ["“The new channel changed our winters: the ferry has not missed a day since January.”",
              "“We asked for this work for ten years, and it was worth the wait for every family here.”"]
    boxes = "".join(f"<blockquote><p><img src='/img/q{i}.jpg' alt=''></p><p>{q}</p></blockquote>" for i, q in enumerate(quotes))
    lines = _text(_page(_story(EN, {2: boxes})))
    assert all(q in lines for q in quotes)


def test_a_round_ups_product_with_its_photo_and_heading_is_the_story():
    products = [("Harbour Lantern", "A brass storm lantern that stays lit in a gale, with a glass that can be replaced."),
                ("Deck Boots", "Non-slip boots lined with wool, for the cold mornings on the pier when the boards are wet.")]
    boxes = "".join(f'<div class="x9"><img src="/img/p{i}.jpg" alt=""><h3>{name}</h3><p>{about}</p></div>'
                    for i, (name, about) in enumerate(products))
    lines = _text(_page(_story(EN[:3], {0: boxes})))
    assert all(about in lines for _, about in products)


def test_a_deal_with_its_photo_is_the_story():
    deals = ["Brass storm lantern that stays lit in a gale", "Wool-lined deck boots for cold mornings on the pier"]
    boxes = "".join(f'<div class="x9"><img src="/img/d{i}.jpg" alt=""><p><a href="https://shop.example/d{i}">{d}</a>, '
                    f"$42 at Harbour Supply</p></div>" for i, d in enumerate(deals))
    lines = _text(_page(_story(EN[:3], {0: boxes})))
    assert all(f"{d}, $42 at Harbour Supply" in lines for d in deals)


def test_a_list_item_with_a_thumbnail_is_the_lists():
    steps = ["Stage one: dredging of the outer bend near the red buoy", "Stage two: dredging of the inner basin by the old pier"]
    items = "<ul>" + "".join(f"<li><img src='/img/s{i}.png' alt=''><span>{s}</span></li>" for i, s in enumerate(steps)) + "</ul>"
    lines = _text(_page(_story(EN, {1: items})))
    assert all(f"- {s}" in lines for s in steps)


def test_text_beside_a_figure_is_the_storys_a_figures_caption_is_in_it():
    """A media-and-text block (WordPress's, here with names hashed): a <figure> beside a
    short paragraph. A page that sets its photos in <figure>s captions them in a
    <figcaption>; the text beside the figure is the story's."""
    line = "Divers will inspect the outer buoys on Saturday, and the channel will close from six until noon."
    block = (f'<div class="x2"><figure class="x3"><img src="/img/buoy.jpg" alt=""></figure>'
             f'<div class="x4"><p>{line}</p></div></div>')
    assert line in _text(_page(_story(EN, {1: block})))


def test_a_paragraph_opening_with_an_inline_image_is_the_storys():
    line = "Ferries from the islands already wait outside the channel on stormy nights, the operators say."
    html = _page(_story(EN, {1: f"<p><img src='/img/flag.png' alt=''><span>{line}</span></p>"}))
    assert line in _text(html)


@settings(max_examples=60, deadline=None)
@given(caption=st.text(max_size=400), credit=st.text(max_size=40), form=st.sampled_from(["paragraphs", "spans"]))
def test_any_caption_box_leaves_the_story_whole(caption, credit, form):
    from html import escape

    html = _page(_story(EN, {1: _caption_box(form, escape(caption), escape(credit))}))
    got = extract_article(html, URL)
    assert got is not None and got.text
    lines = got.text.split("\n")
    assert all(p in lines for p in EN)
