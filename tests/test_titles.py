"""Titles module on its own, on pages written here: the headline as displayed, without
the site's name, its section or page furniture."""

from __future__ import annotations

import html
import json

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extract.jsonld import read_page_meta
from pipeline.extract.strings import _clean, _load_tree
from pipeline.extract.titles import _own_name, find_title

HEAD = "Council approves new budget for city parks"


def _title(html: str, url: str = "https://www.dailyplanet.com/news/2024/01/02/story") -> str | None:
    tree = _load_tree(html)
    assert tree is not None
    return find_title(tree, read_page_meta(tree), url)


def _page(title: str | None = None, og: str | None = None, h1: str | None = None, site: str | None = "The Daily Planet",
          ld: dict | None = None, extra: str = "") -> str:
    head = f"<title>{title}</title>" if title is not None else ""
    head += f"<meta property='og:title' content=\"{og}\">" if og is not None else ""
    head += f"<meta property='og:site_name' content='{site}'>" if site else ""
    head += f'<script type="application/ld+json">{json.dumps(ld)}</script>' if ld else ""
    body = f"<h1>{h1}</h1>" if h1 else ""
    return (f"<html><head>{head}{extra}</head><body><header><a href='/'>Logo</a></header>"
            f"<article>{body}<p>{'Story text goes here. ' * 40}</p></article></body></html>")


@pytest.mark.parametrize("sep", [" | ", " - ", " — ", " – ", " :: ", " · ", " » ", " / "])
def test_site_name_suffix_and_prefix_with_any_separator(sep):
    assert _title(_page(title=f"{HEAD}{sep}The Daily Planet")) == HEAD
    assert _title(_page(title=f"The Daily Planet{sep}{HEAD}")) == HEAD


def test_site_name_known_from_the_host_alone():
    assert _title(_page(title=f"{HEAD} | Daily Planet", site=None)) == HEAD
    assert _title(_page(title=f"{HEAD} - DailyPlanet.com", site=None)) == HEAD


def test_separators_inside_the_headline_survive():
    h = "Budget vote: what it means - and what it doesn't"
    assert _title(_page(title=f"{h} | The Daily Planet")) == h
    assert _title(_page(title="Jay-Z - the interview we waited for | The Daily Planet", h1="Jay-Z - the interview we waited for")) == (
        "Jay-Z - the interview we waited for")


def test_section_name_between_headline_and_site():
    assert _title(_page(title=f"{HEAD} | Politics | The Daily Planet")) == HEAD
    assert _title(_page(title=f"{HEAD} | Politics | The Daily Planet", og=f"{HEAD} | Politics")) == HEAD
    # a short headline keeps what follows it: no evidence it is a section
    assert _title(_page(title="Taylor Swift | Music Notes | The Daily Planet")) == "Taylor Swift | Music Notes"


def test_chinese_titles_with_unspaced_separators():
    assert _title(_page(title="市议会批准城市公园新预算_新闻频道_人民网", site="人民网")) == "市议会批准城市公园新预算"
    assert _title(_page(title="市议会批准城市公园新预算--时政--人民网", site="人民网")) == "市议会批准城市公园新预算"
    # a middle dot inside a foreign name is not a separator
    assert _title(_page(title="迈克尔·乔丹出席城市公园开幕式_人民网", site="人民网")) == "迈克尔·乔丹出席城市公园开幕式"


def test_site_name_alone_is_no_headline():
    # a home-page <title> and a logo in an <h1>: the JSON-LD headline is the headline
    ld = {"@type": "NewsArticle", "headline": HEAD}
    assert _title(_page(title="The Daily Planet", h1="The Daily Planet", ld=ld)) == HEAD
    assert _title(_page(og=HEAD, h1="Daily Planet")) == HEAD


def test_label_element_opening_the_h1_is_not_part_of_the_headline():
    assert _title(_page(og=HEAD, h1=f"<span class='kicker'>Exclusive</span> {HEAD}")) == HEAD
    assert _title(_page(og=HEAD, h1=f"<span>Opinion</span><span>{HEAD}</span>")) == HEAD
    # words in an element that the stated title also has are the headline's own
    h1 = f"<em>Council</em> {HEAD.removeprefix('Council ')}"
    assert _title(_page(og=HEAD, h1=h1)) == HEAD


def test_h1_in_capitals_takes_the_statements_letter_case():
    assert _title(_page(og=HEAD, h1=HEAD.upper())) == HEAD
    assert _title(_page(h1=HEAD.upper())) == HEAD.upper()  # nothing else to go by
    # the statement also names a site the page names nowhere else ("… - ТАСС"): the
    # headline's part of it gives the case
    ru = "Совет утвердил бюджет с ростом расходов на парки"
    assert _title(_page(title=f"{ru} - ТАСС", h1=ru.upper(), site=None), "https://news.example.org/a/1") == ru
    assert _title(_page(title=f"{HEAD} | Planet Wire Service", h1=HEAD.upper(), site=None), "https://news.example.org/a/1") == HEAD


def test_headline_cut_off_in_one_statement_takes_the_full_one():
    full = "Council approves new budget for city parks after a long debate over trees, lighting and a skate park in the north end"
    for cut in (full[:100] + "...", full[:100] + "…", full[:100]):
        assert _title(_page(og=full, ld={"@type": "NewsArticle", "headline": cut})) == full, cut
    # a statement that differs by a site suffix is still stripped to the shorter one
    assert _title(_page(og=f"{HEAD} | Planet Weekly", ld={"@type": "NewsArticle", "headline": HEAD})) == HEAD


def test_headline_of_a_related_story_object_is_not_this_pages():
    url = "https://www.dailyplanet.com/news/2024/01/02/story"
    main = {"@type": "NewsArticle", "headline": HEAD, "url": url}
    other = {"@type": "NewsArticle", "headline": "Mayor opens new library downtown", "url": "https://www.dailyplanet.com/news/x"}
    related = {"@type": "ItemList", "itemListElement": [{"@type": "ListItem", "item": other}]}
    lds = "".join(f'<script type="application/ld+json">{json.dumps(o)}</script>' for o in (related, main))
    assert _title(_page(og=HEAD, extra=lds), url) == HEAD
    assert _title(_page(title=f"{HEAD} | The Daily Planet", extra=lds), url) == HEAD


def test_lone_h1_linking_to_another_site_is_not_the_headline():
    stated = "The early reviews for the new game service are here"
    away = "<a href='https://otherpaper.example.org/2019/11/17/reindeer/'>'Why Don't You Go Fight For The Reindeer?'</a>"
    # an aggregator's pointer to someone else's story: the page's own statement is its title
    assert _title(_page(title=stated, h1=away)) == stated
    # the same h1 linking to this site's own story is the headline readers see
    home = "<a href='https://www.dailyplanet.com/news/reindeer'>'Why Don't You Go Fight For The Reindeer?'</a>"
    assert _title(_page(title=stated, h1=home)) == "'Why Don't You Go Fight For The Reindeer?'"
    # and so does one on one of its hosts linking to another (the same site, as the cleanup reads it)
    sister = home.replace("www.dailyplanet.com", "money.dailyplanet.com")
    edition = "https://edition.dailyplanet.com/news/2024/01/02/story"
    assert _title(_page(title=stated, h1=sister), edition) == "'Why Don't You Go Fight For The Reindeer?'"


def test_section_label_opening_the_h1_is_not_the_headline_even_with_no_statement():
    # a first element set apart as a label (a link to a section, a separator) before the
    # headline's own elements: the headline is the rest, statements or not
    snyde = "<div><a href='/snyde/'>SNYDE</a></div> <span>Band co-founder dies at 65 after collision</span>"
    assert _title(_page(h1=snyde, site=None)) == "Band co-founder dies at 65 after collision"
    # a label set apart by its words only may be part of the headline (test_extract's "Breaking:")
    analysis = "<span>Analysis |</span> <span>Why the ferry fares went up again</span>"
    assert _title(_page(h1=analysis, site=None)) == "Analysis | Why the ferry fares went up again"
    opinion = ("<span>Opinion<span role='separator'> </span></span>"
               "<span>What I will be praying for this winter</span>")
    tag = "Opinion | What I will be praying for this winter season - The Daily Planet"
    assert _title(_page(title=tag, h1=opinion)) == "What I will be praying for this winter"
    # a link into the site's topics opening the headline, or an unmarked first word, are the headline's
    topic = "<a href='/topics/harbour/board'>Harbour board</a><span> approves the new channel plan</span>"
    assert _title(_page(h1=topic, site=None)) == "Harbour board approves the new channel plan"
    plain = "<em>Exclusive</em><span> Mayor quits over budget row</span>"
    assert _title(_page(h1=plain, site=None)) == "Exclusive Mayor quits over budget row"


def test_label_element_the_statements_set_apart_by_a_separator():
    # no role=separator in the markup: the <title>'s "Opinion | ..." says the label is one
    opinion = "<span>Opinion<span> </span></span><span>What I will be praying for this winter</span>"
    tag = "Opinion | What I will be praying for this winter season - The Daily Planet"
    assert _title(_page(title=tag, h1=opinion)) == "What I will be praying for this winter"
    # a statement running the same words on without a separator keeps them the headline's
    plain = "<em>Exclusive</em><span> Mayor quits over budget row</span>"
    assert _title(_page(title="Exclusive Mayor quits over the budget row | The Daily Planet", h1=plain)) == (
        "Exclusive Mayor quits over budget row")


def _several_h1s(title: str, *h1s: str) -> str:
    blocks = "".join(f"<div><h1>{h}</h1><ul><li><a href='/a'>Other story one</a></li></ul></div>" for h in h1s[1:])
    return (f"<html><head><title>{title}</title></head><body><article><h1>{h1s[0]}</h1>"
            f"<p>{'Story text goes here. ' * 40}</p></article>{blocks}</body></html>")


def test_of_several_h1s_the_one_sharing_words_with_the_title_is_the_headline():
    # a widget's and a newsletter form's <h1>s beside the headline; the <title> is a
    # search variant of it that shares some words only
    head = "The Astonishing Collapse of the Harbour Rowing Club"
    page = _several_h1s("The Harbour Rowing Club has collapsed. Should the coach go?", head,
                        "Recently in Sports", "Subscribe to the Evening Newsletter")
    assert _title(page) == head
    # two <h1>s sharing words with it: nothing tells them apart, the statement stands
    page = _several_h1s("The Harbour Rowing Club has collapsed. Should the coach go?", head,
                        "More from the Harbour Rowing Club")
    assert _title(page) == "The Harbour Rowing Club has collapsed. Should the coach go?"


@pytest.mark.parametrize(("title", "shown"), [
    ("Совет утвердил бюджет с ростом расходов - РИА Новости, 05.12.2023", "Совет утвердил бюджет с ростом расходов"),
    ("Совет утвердил бюджет с ростом расходов: Общество: Россия: Lenta.ru", "Совет утвердил бюджет с ростом расходов"),
    ("市议会通过预算增加道路维修支出-新华网", "市议会通过预算增加道路维修支出"),
    ("Интерфакс: Совет утвердил бюджет с ростом расходов", "Совет утвердил бюджет с ростом расходов"),
])
def test_the_part_of_the_title_the_page_prints_when_no_statement_names_the_site(title, shown):
    # no og:site_name and another host; no <h1>: the headline is printed in a <div>
    html = _page(title=title, site=None, extra="").replace("<article>", f"<article><div>{shown}</div>")
    assert _title(html, "https://news.example.org/a/1") == shown
    # a page that prints the whole title keeps it
    html = _page(title=title, site=None).replace("<article>", f"<article><div>{title}</div>")
    assert _title(html, "https://news.example.org/a/1") == title


@pytest.mark.parametrize("title", ["市议会通过新预算 资助城市公园 - 时政 - 人民网", "市议会通过新预算 资助城市公园-新闻频道-央视网",
                                   "市议会通过新预算 资助城市公园_中国日报网"])
def test_a_chinese_sites_name_closing_the_title_goes_where_the_page_names_it_nowhere(title):
    # no <h1>, no statement of the site: a short name ending in "网" (web) is the site's
    html = _page(title=title, site=None)
    assert _title(html, "https://news.example.org/a/1") == "市议会通过新预算 资助城市公园"
    # after "——" the headline's own second part stays, whatever its last character
    assert _title(_page(title="市议会通过新预算——织密防护网", site=None), "https://news.example.org/a/1") == "市议会通过新预算——织密防护网"


def test_a_short_chinese_h1_that_the_title_opens_with_is_the_headline():
    # seven characters say as much as a Latin headline of twenty
    html = _page(title="市议会通过预算--时政--人民网", h1="市议会通过预算", site=None)
    assert _title(html, "https://news.example.org/a/1") == "市议会通过预算"


# ---------------------------------------------------------------- no <h1>

HEADLINE = "Council approves new budget for parks and playgrounds across the city"
SEO = "New city budget approved: council funds parks and playgrounds"  # the search variant


def _no_h1(line: str, *, title: str = f"{SEO} | The Daily Planet", before: str = "", after: str = "",
           tag: str = "h2", site: str | None = "The Daily Planet") -> str:
    """A story page whose headline is printed without an <h1> (an <h2> or a <div>, as
    older or CSS-in-JS templates print it), and whose statements give another wording."""
    head = f"<title>{title}</title>" + (f"<meta property='og:site_name' content='{site}'>" if site else "")
    return (f"<html><head>{head}</head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
            f"<div>{before}<{tag}>{line}</{tag}><div>By Jane Roe</div>{after}"
            f"<p>{'The council voted on Tuesday to approve the budget, after a long debate on spending. ' * 4}</p>"
            f"<p>{'Story text goes here. ' * 30}</p></div></body></html>")


@pytest.mark.parametrize("tag", ["h2", "div", "td"])
def test_with_no_h1_the_printed_line_agreeing_with_the_title_is_the_headline(tag):
    page = _no_h1(HEADLINE, tag=tag)
    if tag == "td":
        page = page.replace(f"<td>{HEADLINE}</td>", f"<table><tr><td>{HEADLINE}</td></tr></table>")
    assert _title(page) == HEADLINE
    # CJK lines agree by pairs of characters
    zh = "市议会批准城市公园和游乐场新预算"
    page = _no_h1(zh, title="市议会通过新预算 资助城市公园和游乐场_新闻频道_人民网", site="人民网")
    assert _title(page) == zh


def test_with_no_h1_a_line_sharing_few_words_leaves_the_statement():
    # the dek shares a word or two: not the headline, and the statement stands
    page = _no_h1("Parks staff say the money comes years too late", title=f"{SEO} | The Daily Planet")
    assert _title(page) == SEO


def test_with_no_h1_lines_in_links_asides_lists_and_hidden_elements_are_not_headlines():
    for wrap in ("<a href='/other'>{}</a>", "<aside>{}</aside>", "<ul><li>{}</li></ul>",
                 "<div style='display: none'>{}</div>", "<div hidden>{}</div>",
                 "<div style='VISIBILITY:hidden'>{}</div>"):
        page = _no_h1("Weather for the weekend", before=wrap.format(f"<div>{HEADLINE}</div>"))
        assert _title(page) == SEO, wrap


def test_with_no_h1_the_lede_is_not_the_headline():
    lede = ("The city council approved a new budget for parks and playgrounds across the city on Tuesday, "
            "after a debate that ran late.")
    assert _title(_no_h1("Weather for the weekend", after=f"<div>{lede}</div>")) == SEO
    # the same words as a headline, with no full stop, are
    assert _title(_no_h1("Weather for the weekend", after=f"<div>{lede[:-1].replace(',', '')}</div>")) == lede[:-1].replace(",", "")


def test_with_no_h1_lines_after_the_story_has_begun_are_not_read():
    page = _no_h1("Weather for the weekend")
    page = page.replace("</div></body>", f"<div>{HEADLINE}</div></div></body>")
    assert _title(page) == SEO


def test_with_no_h1_a_line_that_is_part_of_the_title_or_holds_it_gives_the_statement():
    title = "2023 Mazda MX-5 Miata Club Review by David Colman"
    # a part the title runs on from with a space: the title says more
    assert _title(_no_h1("2023 Mazda MX-5 Miata Club", title=title, site=None)) == title
    # the title with a label or a breadcrumb around it: the statement is the headline
    assert _title(_no_h1(f"Share or comment on this article: {title}", title=title, site=None)) == title
    # a part the title sets apart by punctuation is the headline with a label or a site's name around it
    for stated in (f"Review: {HEADLINE}", f"{HEADLINE} (2023/12/18)- Tickets to Shows & More",
                   f"{HEADLINE} | Parks | News of the Region"):
        assert _title(_no_h1(HEADLINE, title=stated, site=None)) == HEADLINE, stated


def test_with_no_h1_a_breadcrumb_gives_the_page_s_own_name():
    # a trail of links to sections ends in the page's own name, as plain text or as a
    # link to this very page: that name, not the trail, is the printed headline
    title = f"{HEADLINE} - Daily Planet | Springfield, Illinois"
    url = "https://www.dailyplanet.com/news/2024/01/02/story"
    trail = "<a href='/'>Home</a> › <a href='/news'>News</a> › "
    for own in (HEADLINE, f"<a href='{url}/'>{HEADLINE}</a>", f"<a href='/news/2024/01/02/story?ref=crumb'>{HEADLINE}</a>"):
        page = _no_h1(trail + own, title=title, tag="div", site=None)
        assert _title(page, url) == HEADLINE, own
    # the trail's last link to another page is no name of this one: the line is read whole
    line = lxml.html.fragment_fromstring(f"<div>{trail}<a href='/news/other'>{HEADLINE}</a></div>")
    assert _own_name(line, url) == f"Home › News › {HEADLINE}"
    # nor is a line with text before its links (a headline linking a name in it)
    line = lxml.html.fragment_fromstring("<div>Council approves <a href='/topics/budget'>new budget</a> for parks</div>")
    assert _own_name(line, url) == "Council approves new budget for parks"
    # a last link whose href is no address (a broken IPv6 host) leads nowhere: read whole
    line = lxml.html.fragment_fromstring(f"<div>{trail}<a href='http://[story'>{HEADLINE}</a></div>")
    assert _own_name(line, url) == f"Home › News › {HEADLINE}"
    # a comment between the links keeps its tail as text
    line = lxml.html.fragment_fromstring(f"<div><a href='/'>Home</a><!-- crumb --> / {HEADLINE}</div>")
    assert _own_name(line, url) == HEADLINE


def test_a_title_element_the_parser_moved_into_the_body_is_the_page_title():
    # stray markup in <head> (here a <div>) starts the body; the <title> after it is still the document's
    page = (f"<html><head><div>ad slot</div><title>{HEAD} | The Daily Planet</title></head>"
            f"<body><p>{'Story text goes here. ' * 40}</p></body></html>")
    assert _title(page) == HEAD
    # an inline <svg>'s title is not
    page = (f"<html><head><div>ad slot</div></head><body><svg><title>Close</title></svg>"
            f"<p>{'Story text goes here. ' * 40}</p></body></html>")
    assert _title(page) is None


def test_the_printed_part_of_the_title_is_not_the_site_name_in_the_logo():
    # the page prints its logo ("Popular Gardening") but not the title's headline (its own
    # headline, in no <h1>, is worded otherwise): the title without the logo's name stands
    title = "Types of saws and what they are good at | Popular Gardening"
    page = _page(title=title, site=None).replace(
        "<article>", "<article><div>Popular Gardening</div><div>A woodworker's guide to choosing a saw</div>")
    assert _title(page, "https://www.popgarden.example/saws") == "Types of saws and what they are good at"
    # the cut is at the separator before the logo's name: a headline ending in a
    # character that could be one (a closing guillemet, a "C++") keeps it
    quoted = "Путин объяснил, что такое «сделка века»"
    page = _page(title=f"{quoted} » Российская газета", site=None).replace(
        "<article>", "<article><div>Российская газета</div><div>Президент ответил на вопросы журналистов</div>")
    assert _title(page, "https://lenta.example/news/1") == quoted


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(max_size=120), max_size=8), st.text(max_size=200))
def test_with_no_h1_any_lines_and_any_title_give_a_title_or_none(lines, title):
    divs = "".join(f"<div>{html.escape(line)}</div>" for line in lines)
    page = f"<html><head><title>{html.escape(title)}</title></head><body>{divs}</body></html>"
    tree = _load_tree(page)
    got = tree is not None and find_title(tree, read_page_meta(tree), "https://news.example.org/a/1")
    assert got is None or got is False or isinstance(got, str)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["a", "span", "b", "!--"]), st.text(max_size=40),
                          st.sampled_from(["/", "#top", "https://www.dailyplanet.com/news/2024/01/02/story", "", " x:y",
                                           "http://[", "//[x]/story"])),
                max_size=8))
def test_a_line_of_any_links_text_and_comments_gives_its_own_name_as_text(parts):
    inner = "".join(f"<!--{html.escape(t)}-->" if tag == "!--" else
                    f"<{tag} href='{href}'>{html.escape(t)}</{tag}> {html.escape(t)}" for tag, t, href in parts)
    line = lxml.html.fragment_fromstring(f"<div>{inner}</div>")
    got = _own_name(line, "https://www.dailyplanet.com/news/2024/01/02/story")
    assert isinstance(got, str) and len(got) <= len(line.text_content())


def test_a_two_word_headline_no_statement_agrees_with_is_the_headline_unless_a_link_reads_it():
    # a Kommersant column: <h1> "Легкий троннинг", the <title> a search variant sharing no word with it
    seo = "Андрей Колесников о встрече Владимира Путина с Анваром Ибрагимом"
    page = _page(title=seo, h1="Легкий троннинг", site=None)
    assert _title(page, "https://www.kommersant.ru/doc/7715044") == "Легкий троннинг"
    # a section's name in the <h1>, which the site's menu links too, is no headline
    menu = "<nav><a href='/world/'>World News</a><a href='/sport/'>Sport</a></nav>"
    section = _page(title=HEAD, h1="World News", site=None).replace("<article>", menu + "<article>")
    assert _title(section) == HEAD


def test_a_line_break_inside_the_h1_parts_two_words():
    # "Council approves new budget<br>for city parks": shown on two lines, read as words apart
    broken = "Council approves new budget<br>for city parks"
    assert _title(_page(title="Budget news | The Daily Planet", h1=broken)) == HEAD
    assert _title(_page(title=f"{HEAD} | The Daily Planet", h1=broken.replace("<br>", "<br/>\n"))) == HEAD
    # an <h1> wholly a link to another site is still no headline of this page
    away = f"<a href='https://other.example.org/story'>{broken}</a>"
    assert _title(_page(title="Budget news, the day's links | The Daily Planet", h1=away)) != HEAD


def test_a_line_break_in_a_chinese_headline_parts_nothing_and_screen_reader_text_is_not_shown():
    zh = "市议会通过新预算案"
    assert _title(_page(title="预算新闻 | The Daily Planet", h1=f"{zh[:3]}<br>{zh[3:]}")) == zh
    hidden = f"{HEAD}<span class='sr-only'> (opens in new window)</span>"
    assert _title(_page(title="Budget news | The Daily Planet", h1=hidden)) == HEAD
    assert _title(_page(title="Budget news | The Daily Planet", h1=f"<span class='visually-hidden'>Article:</span> {HEAD}")) == HEAD


def test_a_kicker_element_before_the_headline_a_title_carries_with_a_name_the_page_states_nowhere():
    # "<h1><span>Эксклюзив</span> Headline</h1>" under "<title>Headline - Известия": the
    # title's first part is the headline, so the element before it is a label
    ru = "Путин прибыл в Пекин с государственным визитом"
    html = _page(title=f"{ru} - Известия", h1=f"<span class='rubric'>Эксклюзив</span> {ru}", site=None)
    assert _title(html) == ru
    # a first element that is part of the headline the title states stays
    whole = "<span class='hl'>Путин прибыл</span> в Пекин с государственным визитом"
    assert _title(_page(title=f"{ru} - Известия", h1=whole, site=None)) == ru


@pytest.mark.parametrize(("title", "headline"), [
    ("Совет утвердил бюджет с ростом расходов - РИА Новости, 05.12.2023", "Совет утвердил бюджет с ростом расходов"),
    ("Council approves a budget with higher spending | December 5, 2023", "Council approves a budget with higher spending"),
    ("Council approves a budget with higher spending - The Courier, Dec. 5, 2023", "Council approves a budget with higher spending"),
    ("市议会通过预算增加道路维修支出 - 新华网 - 2023年12月05日", "市议会通过预算增加道路维修支出"),
    # no date after the separator: the title stands
    ("Council approves the 2024 budget - Budget 2024", "Council approves the 2024 budget - Budget 2024"),
])
def test_a_date_stamped_after_the_headline_is_no_part_of_it(title, headline):
    """RIA Novosti's <title> and og:title end "- РИА Новости, 05.12.2023": with no <h1>
    and no statement of the site, that part is the site's stamp of the day, in any
    form the date parser reads; a page that prints the whole title keeps it."""
    for page in (_page(title=title, site=None), _page(og=title, site=None)):
        assert _title(page, "https://news.example.org/a/1") == headline
    printed = _page(title=title, site=None).replace("<article>", f"<article><div>{title}</div>")
    assert _title(printed, "https://news.example.org/a/1") == title


_STAMPS = st.one_of(
    st.text(max_size=40),
    st.dates().map(lambda d: d.strftime("%d.%m.%Y")),
    st.dates().map(lambda d: d.strftime("%B %d, %Y")),
    st.tuples(st.text(max_size=20), st.dates()).map(lambda t: f"{t[0]}, {t[1].isoformat()}"),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=80), st.sampled_from([" - ", " | ", " — ", " · "]), _STAMPS)
def test_any_last_part_of_a_title_gives_the_title_or_a_part_of_it(head, sep, last):
    """Whatever closes a title (a date, a name and a date, any text), a page that prints
    no headline gets a title, never an error, and never more than the title."""
    title = f"{head}{sep}{last}"
    page = f"<html><head><title>{html.escape(title)}</title></head><body><article><p>story</p></article></body></html>"
    tree = _load_tree(page)
    if tree is None:
        return
    pm = read_page_meta(tree)
    got = find_title(tree, pm, "https://news.example.org/a/1")
    assert got is None or " ".join(got.split()) in " ".join((_clean(pm.title_tag) or "").split())


def test_an_element_closing_the_h1_beyond_the_stated_title_is_furniture():
    """A badge, a footnote mark or a link to the comments in an element closing the
    <h1> ("... <span>Updated</span>", "...<sup>1</sup>") is no part of the headline a
    statement gives; words closing the <h1> that the statement has too, or text after
    the element, are the headline's own."""
    for closing in ("<span class='badge'>Updated</span>", "<sup>1</sup>", "<a href='#comments'>12 comments</a>"):
        assert _title(_page(title=f"{HEAD} | The Daily Planet", h1=f"{HEAD} {closing}")) == HEAD, closing
        assert _title(_page(og=HEAD, h1=f"{HEAD}{closing}")) == HEAD, closing
    # the statement holds the closing element's words: they stay
    words = HEAD.split()
    h1 = f"{' '.join(words[:-1])} <em>{words[-1]}</em>"
    assert _title(_page(og=HEAD, h1=h1)) == HEAD
    # more than three words in the element, or text after it: the <h1> as printed
    assert _title(_page(og=HEAD, h1=f"{HEAD} <span>as the river floods again</span>")) == f"{HEAD} as the river floods again"
    assert _title(_page(og=HEAD, h1=f"{HEAD} <span>again</span> today")) == f"{HEAD} again today"


def test_a_statements_markup_is_not_part_of_the_headline():
    # some CMSs write the headline's markup into JSON-LD or escape it into og:title
    ld = {"@type": "NewsArticle", "headline": "<em>Council</em> approves new budget<br>for city parks"}
    assert _title(_page(ld=ld)) == HEAD
    assert _title(_page(og="&lt;i&gt;Council&lt;/i&gt; approves new budget for city parks")) == HEAD
    assert _clean("Tom &amp; Jerry <b>return</b>") == "Tom & Jerry return"
    assert _clean("1 < 2 and 3 > 2") == "1 < 2 and 3 > 2"  # no tag: as written
