"""Cleanup rules, each on a page or text written here."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pipeline.extract import extract_article
from pipeline.extract.cleanup import dedup_paragraphs

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


def test_question_with_a_short_line_before_some_answers_stays():
    """A photo's credit or the person's name between a question and its answer (here on
    two of the three) does not make the series' question a repeat."""
    between = {"Anna Petrova": "<p>Photo: personal archive</p>", "Ivan Orlov": "", "Maria Lee": "<p>Maria Lee:</p>"}
    page = "<html><body><article><h1>Three food bloggers</h1>" + "".join(
        f"<h2>{n}</h2><p><b>{QUESTION}</b></p>{line}<p>{_answer(n)}</p>" for n, line in between.items()
    ) + "</article></body></html>"
    got = extract_article(page, "https://food.example.com/2024/03/01/bloggers")
    assert got is not None and got.text
    assert got.text.count(QUESTION) == 3
    # a line of a repeat's length between them is no short line, nor is a video's length
    # under a player's message: the widget goes
    widget = "Oops, something went wrong while loading this module, please try again later."
    paras = [p for n in ("A B", "C D", "E F") for p in (widget, "A second line that is long enough to count.", _answer(n))]
    assert dedup_paragraphs(paras).count(widget) == 1
    player = "Please use a recent browser for a more accessible video player"
    paras = [p for n, length in (("A B", "0:57"), ("C D", "1:41"), ("E F", "12:03")) for p in (player, length, _answer(n))]
    assert dedup_paragraphs(paras).count(player) == 1


def test_interview_series_laid_out_in_one_cell_tables_keeps_each_question():
    """Older templates print each paragraph as a one-cell table, which trafilatura
    writes "| Answer. |": the answer after each copy of the question is still prose,
    so the question is the series' structure, not a repeat. A row of several cells (a
    cookie table: name, duration, description) is a table's, never prose."""
    from pipeline.extract.strings import _is_prose

    cell = "<table><tr><td>{}</td></tr></table>"
    page = "<html><body><article><h1>Three food bloggers</h1>" + "".join(
        f"<h3>{n}</h3>" + cell.format(f"<b>{QUESTION}</b>") + cell.format(_answer(n))
        for n in ("Anna Petrova", "Ivan Orlov", "Maria Lee")
    ) + "</article></body></html>"
    got = extract_article(page, "https://food.example.com/2024/03/01/bloggers")
    assert got is not None and got.text
    assert got.text.count(QUESTION) == 3
    assert _is_prose(f"| {_answer('Anna Petrova')} |")
    assert not _is_prose(f"| _ga | 1 year 1 month | {_answer('Google Analytics')} |")


def test_a_repeat_without_prose_after_each_copy_is_dropped():
    widget = "Oops, something went wrong while loading this module, please try again later."
    paras = ["Intro paragraph of the story.", widget, widget, "Short line", widget, _answer("Jo Park")]
    assert dedup_paragraphs(paras).count(widget) == 1
    pull = "A pull quote printed twice, once in the story and once large in the margin."
    assert dedup_paragraphs([pull, _answer("A B"), pull, _answer("C D")]).count(pull) == 1


def _deals_page(shop_host: str) -> str:
    intro = "<p>" + "We went through this week's sales so you do not have to, and these are the prices worth knowing about. " * 3 + "</p>"
    items = "".join(f'<p><a href="https://{shop_host}/item/{i}">Noise cancelling headphones model {i}X for $49</a></p>' for i in range(6))
    outro = "<p>" + "Prices were checked on Friday morning and can change at any time during the weekend sales. " * 3 + "</p>"
    return f"<html><body><article><h1>Best headphone deals this weekend</h1>{intro}{items}{outro}</article></body></html>"


def test_deals_posts_links_out_to_shops_stay_cross_links_to_the_site_go():
    url = "https://www.gadgets.example.com/2024/05/03/headphone-deals"
    out = extract_article(_deals_page("shop.example.net"), url)
    assert out is not None and out.text and out.text.count("Noise cancelling headphones model") == 6
    inside = extract_article(_deals_page("www.gadgets.example.com"), url)
    assert inside is not None and inside.text and "Noise cancelling headphones model" not in inside.text


def test_headline_repeated_with_a_media_tag_is_dropped():
    from pipeline.extract.cleanup import clean_body

    title = "Band plays its new single live on the show finale"
    body = f"{title} [Watch]\n" + "The band closed the season with a song from the new album, and the audience sang along to every chorus."
    assert clean_body(body, title, set()).split("\n")[0].startswith("The band closed")


def test_kicker_above_the_headline_goes_with_it():
    """A brief's <article> prints its kicker ("Holidays", "时政") above the headline: both
    go, the story opens below them. A line that ends a sentence, or is longer than a
    kicker, above the headline is kept: the text does not open with the headline there."""
    from pipeline.extract.cleanup import clean_body

    story = ["Dec. 23 is both Christmas Eve eve and Super Saturday this year, shops said.",
             "The two dates last fell together in 2017, the retailers noted."]
    title = "Super Saturday expected to be a shopping bonanza"
    dropped: list[tuple[str, str]] = []
    assert clean_body("\n".join(["Holidays", title, *story]), title, set(), dropped=dropped).split("\n") == story
    assert ("kicker above the headline", "Holidays") in dropped
    zh = ["新华社北京12月1日电 国家主席习近平1日在人民大会堂会见来华访问的俄罗斯总统普京。"]
    assert clean_body("\n".join(["时政", "习近平会见俄罗斯总统普京", *zh]), "习近平会见俄罗斯总统普京", set()).split("\n") == zh
    for above in ("Shoppers were out early.", "Retailers across the country are bracing for a very busy day"):
        lines = [above, title, *story]
        assert clean_body("\n".join(lines), title, set()).split("\n") == lines


def test_a_byline_opener_alone_on_a_line_goes_with_the_names_below_it():
    """trafilatura breaks "By <a>Jane Roe</a>" into "By" and the name, anywhere in the
    text (a byline box between the summary and the story): the opener alone is no text,
    and the next line goes with it when the two read as a byline; a sentence below it
    stays."""
    from pipeline.extract.cleanup import clean_body

    story = ["The harbour board approved on Monday a plan to deepen the northern channel for larger ferries.",
             "Work is due to start in March and to last about eighteen months, the board said on Monday."]
    dropped: list[tuple[str, str]] = []
    text = "\n".join([story[0], "Written by", "Lori Grunin", story[1]])
    assert clean_body(text, None, set(), dropped=dropped).split("\n") == story
    assert ("byline", "Written by") in dropped and ("byline", "Lori Grunin") in dropped
    assert clean_body("\n".join([story[0], "By", *story[1:]]), None, set()).split("\n") == story
    # "by" inside a sentence, or opening one, is text
    lines = [story[0], "By the end of the year the channel will be open again to the largest ferries of the line."]
    assert clean_body("\n".join(lines), None, set()).split("\n") == lines


def test_chinese_paragraph_that_opens_with_the_headline_is_not_a_headline_repeat():
    """Chinese has no spaces: a paragraph that starts with the headline's words is one
    'word' longer than the headline, however long it is; it is story, not a repeat."""
    from pipeline.extract.cleanup import clean_body

    first = "朱镕基在北京出席了关于经济改革的会议，与会代表讨论了国有企业改革和金融体系建设等重要问题，并提出了多项具体措施。"
    rest = "会议指出，今年以来我国经济运行总体平稳，就业形势保持稳定，居民消费价格温和上涨，对外贸易继续保持增长。"
    title = first[:30]
    assert clean_body(f"{first}\n{rest}", title, set()).split("\n") == [first, rest]
    assert clean_body(f"{title}\n{first}\n{rest}", title, set()).split("\n") == [first, rest]


def test_every_line_the_cleanup_removes_is_named():
    from pipeline.extract.cleanup import LINE_RULES, clean_body

    story = [_answer(n) for n in ("Ann Lee", "Bo Park", "Cy Diaz")]
    text = "\n".join(["Three food bloggers", "Sign up for our newsletter", story[0], "https://example.com/x", story[1],
                      story[1], story[2], "Reporting by Ann Lee; Editing by Bo Park"])
    dropped: list[tuple[str, str]] = []
    out = clean_body(text, "Three food bloggers", set(), dropped=dropped)
    assert out.split("\n") == story
    assert {line for _, line in dropped} | set(story) == set(text.split("\n"))
    names = {rule for rule, _ in dropped}
    assert {"headline repeated / provenance", "repeated paragraph", "bare URL"} <= names
    assert names <= {r.name for r in LINE_RULES} | {"headline repeated / provenance", "repeated paragraph",
                                                     "author's bio / outlet's closing line", "sources list closing the text"}


def _credited_photo(caption: str, credit: str) -> str:
    """A photo whose credit is printed after its caption, the label in an element of its
    own ("(<div>Image:</div>Getty Images)", as the Mirror prints them)."""
    return (f"<div class='image-container'><figure><img src='/a.jpg' alt='{caption}'></figure>\n<figcaption>\n"
            f"<span class='caption'>{caption}</span>\n<span class='credit'> (\n<div class='camera'>\n<span></span>Image:\n"
            f"</div>{credit})</span>\n</figcaption>\n</div>")


def test_a_photo_credit_broken_into_pieces_goes_with_its_caption():
    """trafilatura prints such a credit as two lines ("Image:", "Getty Images)"), neither
    the caption's whole text: a run of short lines that together are a part of one
    caption is the caption's, however short where it closes the caption ("Image:" /
    "FBI)"). A short line of the story that a caption also holds stays: alone it is no
    run of pieces."""
    story = ["The body of a man found 25 years ago at the bottom of a lake has been identified, police said on Friday.",
             "Fishermen found the body in 1997, and the case stayed open until a DNA match was made this autumn."]
    html = ("<html><head><title>Body in lake identified</title></head><body><article><h1>Body in lake identified</h1>"
            + _credited_photo("The body was found in the lake", "Getty Images") + f"<p>{story[0]}</p>"
            + _credited_photo("Police at the lake", "State Police") + "<h2>The lake in winter</h2>" + f"<p>{story[1]}</p>"
            + _credited_photo("The lake in winter", "FBI Archive") + _credited_photo("The man in 1996", "FBI")
            + "</article></body></html>")
    got = extract_article(html, "https://news.example.com/2023/12/22/lake")
    assert got is not None and got.text is not None
    assert got.text.split("\n") == [story[0], "The lake in winter", story[1]]


def test_share_bar_labels_and_the_dispatch_end_mark_are_dropped():
    """A floating share bar printed as lines ("分享让更多人看到", "- 评论", "- 关注",
    "Поделиться", "Share") and Xinhua's end mark "（完）" go; a line of the story that
    holds one of those words among others stays."""
    from pipeline.extract.cleanup import clean_body

    story = ["新华社北京12月1日电 国家主席习近平1日在人民大会堂会见来华访问的俄罗斯总统普京，双方就两国关系深入交换意见。",
             "评论员文章指出，两国关系保持高水平运行。", "Share prices rose by 3% on the news."]
    widgets = ["（完）", "分享让更多人看到", "- 评论", "- 关注", "Поделиться", "Share", "扫一扫在手机打开当前页",
               "【纠错】 【责任编辑:王五】"]  # Xinhua's foot: a button and the editor's credit on one line
    dropped: list[tuple[str, str]] = []
    text = "\n".join([story[0], widgets[0], story[1], *widgets[1:], story[2]])
    assert clean_body(text, "习近平会见普京", set(), dropped=dropped).split("\n") == story
    assert sorted(line for rule, line in dropped if rule == "share or print button") == sorted(widgets)
    # bracketed pieces that are not all buttons or credits are the story's ("【视频】" opens a headline)
    kept = ["【视频】【独家】两国元首举行会谈", "【纠错】 【两国元首举行会谈】"]
    assert clean_body("\n".join([story[0], *kept, story[1]]), "习近平会见普京", set()).split("\n") == [story[0], *kept, story[1]]


@given(st.text(max_size=120), st.sets(st.text(max_size=8), max_size=12))
def test_any_line_spells_a_count_of_links_or_none(line, menu):
    from pipeline.extract.cleanup.links import _glued_links

    n = _glued_links(line, menu)
    assert n >= 0 and (n == 0 or "".join(line.split()))  # a count only where the line prints something
