"""Authors module on its own, on pages written here (modelled on real bylines)."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipeline.extract.authors import find_authors
from pipeline.extract.authors.pictures import without_picture_credits
from pipeline.extract.authors.placement import in_teaser, menu_item
from pipeline.extract.jsonld import read_page_meta
from pipeline.extract.names import acceptable, normalise, split_names
from pipeline.extract.strings import _load_tree


def _authors(html: str, url: str = "https://news.example.com/2024/01/02/story", text: str | None = None) -> list[str]:
    tree = _load_tree(html)
    assert tree is not None
    return find_authors(tree, read_page_meta(tree), url, text)


def _page(head: str = "", body: str = "") -> str:
    return f"<html><head>{head}</head><body><article>{body}<p>{'Story text. ' * 40}</p></article></body></html>"


def _ld(obj: dict) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


def test_jsonld_person_before_organization():
    head = _ld({"@type": "NewsArticle", "author": [{"@type": "Person", "name": "Jane Roe"}, {"@type": "Organization", "name": "Wire Co"}]})
    assert _authors(_page(head)) == ["Jane Roe"]


def test_jsonld_organization_kept_when_it_is_another_outlets_wire():
    head = _ld({"@type": "NewsArticle", "author": {"@type": "Organization", "name": "Associated Press"},
                "publisher": {"@type": "Organization", "name": "Sports Daily"}})
    assert _authors(_page(head)) == ["Associated Press"]


def test_site_desk_and_publisher_names_rejected():
    head = ('<meta property="og:site_name" content="Chicago Courier">'
            '<meta name="author" content="Chicago Courier staff">')
    assert _authors(_page(head), "https://www.chicagocourier.com/a/1") == []
    assert acceptable("TC Redazione", ["tcnews"]) is False
    assert acceptable("Science X", ["Science X", "phys.org"]) is False


def test_an_outlet_its_host_spells_by_initials_is_not_a_name():
    """With no statement naming the site, its host still does: "nypost" is New York Post
    and "latimes" Los Angeles Times, a word whole or by its initial. A two-word name
    is left alone ("jroe" may be Jane Roe's own blog), and so is a person's name."""
    byline = '<p class="byline">By {}</p>'
    assert _authors(_page(body=byline.format("New York Post")), "https://nypost.com/2024/01/02/story/") == []
    assert _authors(_page(body=byline.format("Los Angeles Times Staff")), "https://www.latimes.com/a/1") == []
    assert _authors(_page(body=byline.format("Jon Levine")), "https://nypost.com/2024/01/02/story/") == ["Jon Levine"]
    assert _authors(_page(body=byline.format("Jane Roe")), "https://jroe.example/2024/01/02/story/") == ["Jane Roe"]
    assert _authors(_page(body=byline.format("Mary Jane Roe")), "https://nypost.com/a/1") == ["Mary Jane Roe"]


def test_a_job_with_its_grade_is_not_a_name():
    """"Featured Columnist IV", "Staff Writer II": a job and its grade in the author slot;
    a name with a generational suffix stays one."""
    byline = '<p class="byline">By {}</p>'
    assert _authors(_page(body=byline.format("Featured Columnist IV"))) == []
    assert _authors(_page(body=byline.format("Jane Roe, Staff Writer II"))) == ["Jane Roe"]
    assert _authors(_page(body=byline.format("Henry Ford II"))) == ["Henry Ford II"]


def test_numeric_ids_emails_and_slugs_rejected():
    for bad in ("105092", "jane@example.com", "heather.eastman.1232", "fiona-leishman", "(Image: FBI)", "https://x.com/jane"):
        assert not acceptable(normalise(bad), []), bad


def test_credentials_are_not_names():
    assert split_names("Lauren Manaker MS, RDN", []) == ["Lauren Manaker"]
    assert split_names("Robert E. Moffit, Ph.D.", []) == ["Robert E. Moffit"]


def test_meta_author_split_and_rel_author_link():
    assert _authors(_page('<meta name="author" content="Ann Lee and Bo Park">')) == ["Ann Lee", "Bo Park"]
    assert _authors(_page(body='<a rel="author" href="/staff/kim">Kim Doyle</a>')) == ["Kim Doyle"]


def test_the_yandex_author_meta_of_russian_sites_names_the_writer():
    # the site's name in "author", the writer in Yandex's news-feed key
    head = '<meta name="author" content="Вестник"><meta name="mediator_author" content="Иван Петров">'
    assert _authors(_page(head), "https://vestnik.example.ru/news/2024/01/02/story") == ["Иван Петров"]


def test_byline_in_text_names_more_than_the_statement():
    head = '<meta name="author" content="Aaron Scott">'
    body = "<p class='byline'>By Aaron Scott, Berly McCoy and Rebecca Ramirez</p>"
    assert _authors(_page(head, body)) == ["Aaron Scott", "Berly McCoy", "Rebecca Ramirez"]


def test_byline_in_text_naming_fewer_than_the_statement_wins():
    # JSON-LD lists the writer and two later contributors; the byline readers see names the writer
    head = _ld({"@type": "NewsArticle", "author": [{"@type": "Person", "name": n} for n in ("Gail Dunn", "Jo Ames", "Lee Hart")]})
    body = "<div class='byline'>By Gail Dunn</div><p class='contributors'>Contributions from Jo Ames, Lee Hart</p>"
    assert _authors(_page(head, body)) == ["Gail Dunn"]
    # a byline naming someone the statement does not name is not a subset: the statement stands
    other = "<div class='byline'>By Max Ortiz</div>"
    assert _authors(_page(head, other)) == ["Gail Dunn", "Jo Ames", "Lee Hart"]


def test_russian_bylines():
    assert _authors(_page(body="<div class='author'>Автор: Андрей Колесников</div>")) == ["Андрей Колесников"]
    body = "<p>Текст: Ярослав Кузишин, Антон Зелинский и Карина Гасимова</p>"
    assert _authors(_page(body=body)) == ["Ярослав Кузишин", "Антон Зелинский", "Карина Гасимова"]


def test_chinese_bylines_and_numeric_meta_author():
    head = '<meta name="author" content="105092">'
    body = "<p>新华社北京4月24日电</p><div class='edit'>（责编：牛镛、岳弘彬）</div>"
    assert _authors(_page(head, body), "http://politics.people.com.cn/n1/2024/0424/c1001-1.html") == ["牛镛", "岳弘彬"]
    assert _authors(_page(body="<p>（记者 王小明 报道）</p>")) == ["王小明"]
    assert _authors(_page(body="<p>本报记者 李华 张伟</p>")) == ["李华", "张伟"]


def test_all_caps_names_put_in_title_case_and_date_run_on_cut():
    assert normalise("JOHN SMITH") == "John Smith"
    assert normalise("Greg Potts Published") == "Greg Potts"


def test_lone_words_and_dates_in_text_bylines_are_not_names():
    assert _authors(_page(body="<p>By country</p>")) == []
    assert split_names("Delaina Dixon, August 21", []) == ["Delaina Dixon"]


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=120))
def test_any_statement_gives_a_list_never_raises(raw):
    out = split_names(raw, ["example"])
    assert all(isinstance(n, str) and n for n in out)


# bylines as pages print them: a name of one to four words, what may follow it (a handle
# cut to its "@", a separator, "and", an outlet's name), a job and its grade
_NAME_WORDS = st.lists(st.sampled_from(("Fatima", "Zahra", "Benali", "Jane", "Roe", "The", "By", "van", "der")), min_size=1, max_size=4)
_BETWEEN = st.lists(st.sampled_from(("@", "•", "|", "—", ",", "and", "Seattle", "Times", "")), max_size=3)
_JOB = st.lists(st.sampled_from(("Featured", "Columnist", "IV", "Staff", "Writer", "Chief", "Critic", "Reporter")), max_size=3)


def test_a_three_word_name_a_cut_handle_and_a_job_is_read():
    # "Fatima Zahra Benali @TRappa Featured Columnist IV" with the handle's letters lost:
    # the separator is no word of an outlet's name (it raised IndexError)
    sites = ["bleacherreport.com"]
    for name in ("Timothy Rapp", "Fatima Zahra Benali"):
        assert split_names(f"{name} @ Featured Columnist IV", sites, strict=True) == []  # the name comes from beside the date
        assert split_names(f"{name} Featured Columnist IV", sites, strict=True) == [name]


@settings(max_examples=300, deadline=None)
@given(_NAME_WORDS, _BETWEEN, _JOB, st.booleans())
@example(["Fatima", "Zahra", "Benali"], ["@"], ["Featured", "Columnist", "IV"], True)
def test_any_byline_of_name_job_and_outlet_words_gives_a_list_never_raises(name, between, job, strict):
    out = split_names(" ".join(name + between + job), ["seattletimes.com", "Seattle Times"], strict=strict)
    assert all(isinstance(n, str) and n for n in out)


def test_affiliation_after_a_bar_and_job_titles_are_not_names():
    assert split_names("Chip Mitchell | WBEZ", []) == ["Chip Mitchell"]
    assert split_names("Dana Tanner | Sponsored", []) == ["Dana Tanner"]
    assert split_names("Andrew Boswell, Chief Technology Officer", []) == ["Andrew Boswell"]
    assert split_names("Mia Chen, Head of Research", []) == ["Mia Chen"]


def test_affiliation_after_a_list_closed_with_and_is_not_a_name():
    assert split_names("Mia Holt and Ravi Menon, Harbour Post", []) == ["Mia Holt", "Ravi Menon"]
    assert _authors(_page(body='<a rel="author" href="/p/1">Mia Holt and Ravi Menon, Harbour Post</a>')) == ["Mia Holt", "Ravi Menon"]
    # a list of three still splits on its commas
    assert split_names("Mia Holt, Ravi Menon and Ada Quinn", []) == ["Mia Holt", "Ravi Menon", "Ada Quinn"]


def test_asides_in_parentheses_are_not_names():
    assert split_names("(Image: emmahemingwillis/Instagram)", []) == []
    assert split_names("Jane Roe (AP)", []) == ["Jane Roe"]


def test_one_person_object_naming_several_people():
    head = _ld({"@type": "NewsArticle", "author": {"@type": "Person", "name": ["Ann Lee", "Bo Park", "Cy Diaz"]}})
    assert _authors(_page(head)) == ["Ann Lee", "Bo Park", "Cy Diaz"]


def test_author_archive_link_text_gives_the_name():
    assert split_names("View all posts by Aleks Stevens", []) == ["Aleks Stevens"]
    assert _authors(_page(body='<a class="author-link" rel="author" href="/u/9">More articles by Kim Doyle</a>')) == ["Kim Doyle"]


def test_author_markup_in_a_comment_thread_is_a_reader_not_the_writer():
    # a reader's comment marked up as itemprop=author (the comment is a CreativeWork too)
    comment = ('<section class="comments"><ul><li><span itemprop="author">Гость</span>'
               '<span itemprop="datePublished">2018-10-05</span><p>Отличная статья!</p></li></ul></section>')
    assert _authors(_page(body=comment)) == []
    assert _authors(_page(body=f'<p>Автор: Венера Ерофеева</p>{comment}')) == ["Венера Ерофеева"]
    assert _authors(_page(body='<div class="article-meta"><span itemprop="author">Венера Ерофеева</span></div>')) == [
        "Венера Ерофеева"]


@pytest.mark.parametrize("name, slug", [("Chloé Lefèvre", "chloe-lefevre"), ("Siobhán Ó Briain", "siobhan-o-briain"),
                                        ("Søren Wiśniewski", "soren-wisniewski"), ("José García", "jos%C3%A9-garc%C3%ADa")])
def test_an_archive_slug_spells_an_accented_name_without_its_accents(name, slug):
    # the writer's picture links to the archive; the slug drops the accents (or encodes them)
    byline = f'<div class="x1"><a href="/author/{slug}/"><img src="/a.jpg" alt="{name}"></a></div>'
    assert _authors(_page(body=byline)) == [name]


def test_a_three_word_name_before_a_title_case_grade_keeps_its_last_word():
    # "Marco De Luca Senior Contributor": the word before the grade is the name's, not a desk
    for name in ("Marco De Luca", "Ana Paula Souza"):
        assert split_names(f"{name} Senior Contributor", [], strict=True) == [name]
    # a desk before the job, and an outlet's name with a grade in lower case, still go
    assert split_names("Amy Rogers Political reporter", [], strict=True) == ["Amy Rogers"]
    assert split_names("Bob Condotta Seattle Times staff reporter", ["The Seattle Times"], strict=True) == ["Bob Condotta"]


def test_author_archive_link_names_the_writer_when_nothing_else_does():
    # a theme's byline block: avatar and name link to the author's archive, no rel/itemprop/"By"
    byline = ('<div class="meta-box"><figure><a href="/author/ruth/"><img src="/a.jpg" alt=""></a></figure>'
              '<p class="headline-text"><a href="https://news.example.com/author/ruth/">Ruth Okafor</a></p></div>')
    assert _authors(_page(body=byline)) == ["Ruth Okafor"]
    # an archive path with the writer's numeric id before the slug, under class names that say nothing
    byline = ('<div class="x1"><span class="x2"><a href="https://www.dailyplanet.com/staff/8378342001/craig-meyer/">'
              'Craig Meyer</a></span><span class="x3">The Daily Planet</span></div>')
    assert _authors(_page(body=byline)) == ["Craig Meyer"]
    # a name that shares no word with the archive slug is some other link ("Our team")
    assert _authors(_page(body='<p><a href="/author/ruth/">Meet Our Writers</a></p>')) == []
    # a teaser of another story credits that story's writer, not this one's
    teaser = ('<div class="teaser"><h3><a href="/news/other-story">Another story</a></h3>'
              '<span class="meta"><a href="/author/sam-lee">Sam Lee</a></span><p>A short excerpt.</p></div>')
    assert _authors(_page(body=teaser)) == []
    # inside a navigation block: not a byline
    assert _authors(_page(body='<nav><a href="/author/sam-lee/">Sam Lee</a></nav>')) == []
    # a person the story mentions, linked to the site's page about them: not the writer
    mention = ('<p>US President <a href="/topics/people/donald-trump.html">Donald Trump</a> has been eager to '
               'withdraw, but the chairman of the Joint Chiefs of Staff said forces are likely to remain for years.</p>')
    assert _authors(_page(body=mention)) == []
    # the same link as the paragraph's only words is a byline
    assert _authors(_page(body='<p><a href="/people/donald-trump.html">Donald Trump</a></p>')) == ["Donald Trump"]


def test_name_beside_the_date_is_the_byline_when_nothing_else_names_one():
    # a React theme's byline: hashed classes, no "By", no author markup; the name, then the date
    byline = ('<div class="x9f2"><span class="x9f2-a"><span class="x9f2-b">Nora Quist</span></span>'
              '<span class="x9f2-b">Dec 05, 2023</span></div>')
    assert _authors(_page(body=byline)) == ["Nora Quist"]
    # the same pair in a comment thread or a teaser of another story is not this article's byline
    comment = f"<div class='comments'>{byline}</div>"
    assert _authors(_page(body=comment)) == []
    teaser = f"<div class='card'><h3><a href='/news/other'>Other story</a></h3>{byline}</div>"
    assert _authors(_page(body=teaser)) == []
    # a link of the page's interface set in capitals beside a date is not a name
    ui = "<div><a href='#respond'>Click Here To Comment</a><span>Dec 05, 2023</span></div>"
    assert _authors(_page(body=ui)) == []
    assert split_names("View All Posts", [], strict=True) == [] and split_names("Jane To", [], strict=False) == ["Jane To"]
    # a name followed by something other than a date is not a byline
    assert _authors(_page(body="<div><span>Nora Quist</span><span>Read more</span></div>")) == []


def test_wire_credit_closing_the_story_when_nothing_else_names_an_author():
    text = "First paragraph of the story about the conference.\nSecond paragraph.\nReporting by The Associated Press."
    assert _authors(_page(body=f"<p>{'x ' * 5}</p><p><i>Reporting by The Associated Press.</i></p>"), text=text) == [
        "The Associated Press"]
    desk = "Story text.\nReporting by Olena Harmash; Editing by Mark Heinrich"
    assert _authors(_page(), text=desk) == []  # a wire desk's own credits, not a byline


def test_byline_openers_other_than_by():
    for opener in ("Story by", "Written by", "Words by", "Posted by", "Text and photos by", "By:", "BY"):
        assert _authors(_page(body=f"<p>{opener} Jane Roe</p>")) == ["Jane Roe"], opener
    assert _authors(_page(body="<p>Por María López</p>")) == ["María López"]
    assert _authors(_page(body="<p>Par Jean Dupont</p>")) == ["Jean Dupont"]
    # an illustration or photo credit is not a byline
    assert _authors(_page(body="<p>Photo by Sam Lee</p><p>Illustration by Ann Wu</p>")) == []


def test_byline_of_a_card_the_text_runs_on_into_comes_after_the_pages_own():
    """The text ran on into cards of other stories ("Style", "By Bo Park"): the page's
    own byline, even a lone "By" beside a link, names the writer; the text's last lines
    are the last place to look."""
    story = "\n".join(["Story text. " * 20] * 4)
    text = f"{story}\nStyle\nBy Bo Park\nCyber Week"
    page = _page(body="<div class='meta'><span>By</span><a href='/p/jane'>Jane Roe</a></div>")
    assert _authors(page, text=text) == ["Jane Roe"]
    assert _authors(_page(), text=text) == ["Bo Park"]  # nothing else names anyone


def test_byline_printed_as_text_after_the_headline():
    """An old template prints the byline as bare text after the <h1>, ended by a <br>:
    the line is the byline, not the container's first line (which opens with the
    headline)."""
    body = ("<div class='c1'><h1>Polluted air means more asthma attacks</h1>\n by <b>Jane Roe</b>, "
            "National Institute of Health<br><br>Air pollution may trigger more asthma attacks.<br><br></div>")
    assert _authors(_page(body=body)) == ["Jane Roe"]
    # the text after a block is no part of the line
    body = "<div><h1>Polluted air</h1> By <div>the river</div> Jane Roe<br></div>"
    assert _authors(_page(body=body)) == []
    # after a <br> too; but after a link the tail goes on a sentence, no byline
    assert _authors(_page(body="<div><b>Polluted air</b> in the city<br>By Jane Roe<br></div>")) == ["Jane Roe"]
    body = "<div><h1>Polluted air</h1>The bill was signed on <a href='/d'>Monday</a> by Governor Jane Roe.<br></div>"
    assert _authors(_page(body=body)) == []


def test_lone_by_element_takes_the_names_beside_it():
    assert _authors(_page(body="<div class='meta'><span>By</span><a href='/p/jane'>Jane Roe</a></div>")) == ["Jane Roe"]
    # each name in its own "By" span: the byline element naming both wins over the partial one
    body = ("<div><span><span>By</span><a href='/p/jane'>Jane Roe</a></span></div>"
            "<p class='credit'>By Jane Roe and Bo Park</p>")
    assert _authors(_page(body=body)) == ["Jane Roe", "Bo Park"]
    # a stated author is not replaced by a partial "By" span
    head = '<meta name="author" content="Jane Roe, Bo Park">'
    assert _authors(_page(head, "<div><span>By</span><a href='/p/jane'>Jane Roe</a></div>")) == ["Jane Roe", "Bo Park"]


def test_cyrillic_initials_and_chinese_agency_bylines():
    assert _authors(_page(body="<p>Автор: И. Петров</p>")) == ["И. Петров"]
    assert _authors(_page(body="<p>Текст: Мария Иванова, Фото: Олег Сидоров</p>")) == ["Мария Иванова"]
    assert _authors(_page(body="<p>Фото: Олег Сидоров</p>")) == []
    assert _authors(_page(body="<p>新华社记者 张三</p>")) == ["张三"]
    assert _authors(_page(body="<p>记者：张三</p>")) == ["张三"]
    assert _authors(_page(body="<p>作者：李四</p>")) == ["李四"]
    assert _authors(_page(body="<p>（记者 王五 通讯员 赵六）</p>")) == ["王五", "赵六"]
    assert _authors(_page(body="<p>来源：人民网</p><p>编辑：张三</p>")) == []


def test_wire_agency_beside_a_writer_is_an_affiliation_alone_the_author():
    # the Associated Press credits its own writer: readers count the writer
    for byline in ("By Jane Roe, Associated Press", "By Jane Roe, The Associated Press", "By Jane Roe with AFP",
                   "By Jane Roe | Reuters", "By Jane Roe - Reuters", "By Jane Roe — Associated Press"):
        assert _authors(_page(body=f"<p>{byline}</p>")) == ["Jane Roe"], byline
    assert _authors(_page(body="<p>By Jane Roe and Bo Park, Associated Press</p>")) == ["Jane Roe", "Bo Park"]
    # a page that credits only the wire
    for byline, name in (("By The Associated Press", "The Associated Press"), ("By Reuters", "Reuters"), ("By AP", "AP")):
        assert _authors(_page(body=f"<p>{byline}</p>")) == [name], byline
    # a lone word beside the wire is a dateline, beside a full name an outlet: not writers
    assert split_names("AFP, MANILA", []) == ["AFP"]
    assert split_names("Victor Tangermann, Futurism", []) == ["Victor Tangermann"]
    assert split_names("Иван Петров, Коммерсантъ", []) == ["Иван Петров"]
    # a lone word alone stands (a handle)
    assert split_names("MrAJCosplay", []) == ["MrAJCosplay"]
    # a JSON-LD list of a writer and the wire
    head = _ld({"@type": "NewsArticle", "author": [{"@type": "Person", "name": "Jane Roe"}, {"@type": "Person", "name": "Reuters"}]})
    assert _authors(_page(head)) == ["Jane Roe"]


def test_outlet_after_for_is_an_affiliation_and_a_dash_only_in_bylines():
    assert _authors(_page(body="<p>By Jane Roe and Bo Park For Dailymail.com</p>")) == ["Jane Roe", "Bo Park"]
    assert _authors(_page(body="<p>By Jane Roe - The Daily Planet</p>")) == ["Jane Roe"]
    # a stated author written with a dash is the publisher's own string, not cut
    assert _authors(_page('<meta name="author" content="Mo Ali - Jo Lee">')) == ["Mo Ali - Jo Lee"]


def test_suffixes_particles_and_contacts_in_names():
    assert split_names("Martin Luther King, Jr.", []) == ["Martin Luther King Jr."]
    assert split_names("Martin Luther King, Jr. and Bo Park", []) == ["Martin Luther King Jr.", "Bo Park"]
    assert normalise("JOHN SMITH III") == "John Smith III"
    assert split_names("By María del Carmen de la Cruz", [], strict=True) == ["María del Carmen de la Cruz"]
    assert split_names("By Pieter van der Berg and Sean O'Neil", [], strict=True) == ["Pieter van der Berg", "Sean O'Neil"]
    assert split_names("By Jane Roe jane.roe@example.com", [], strict=True) == ["Jane Roe"]
    assert split_names("By Jane Roe @janeroe", [], strict=True) == ["Jane Roe"]
    # still not a name: a sentence of capitalised words
    assert split_names("By The Best Of The Year Awards Show", [], strict=True) == []


def test_jsonld_author_by_reference_into_the_graph_and_by_name_parts():
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "@id": "https://news.example.com/a/#webpage"},
        {"@type": "NewsArticle", "author": {"@id": "https://news.example.com/#/schema/person/7f"}},
        {"@type": "Person", "@id": "https://news.example.com/#/schema/person/7f", "name": "Jane Roe"}]}
    assert _authors(_page(_ld(graph))) == ["Jane Roe"]
    # a reference to nothing on the page, or a url-only Person, names nobody
    dangling = {"@type": "NewsArticle", "author": {"@id": "#p9"}}
    assert _authors(_page(_ld(dangling))) == []
    url_only = {"@type": "NewsArticle", "author": {"@type": "Person", "url": "https://news.example.com/author/jane-roe"}}
    assert _authors(_page(_ld(url_only))) == []
    parts = {"@type": "NewsArticle", "author": {"@type": "Person", "givenName": "Jane", "familyName": "Roe"}}
    assert _authors(_page(_ld(parts))) == ["Jane Roe"]


def test_a_readers_name_in_the_comment_thread_is_not_a_byline():
    thread = "<div id='comments'><ol class='commentlist'><li><p>Posted by John Smith</p><p>Nice piece</p></li></ol></div>"
    assert _authors(_page(body=thread)) == []
    # a byline beside a comment counter is still the byline
    assert _authors(_page(body="<div class='meta comment-count'><p>By Jane Roe</p></div>")) == ["Jane Roe"]


def test_byline_run_on_into_date_read_time_or_job_title():
    for body in ("<p>By Jane Roe and Bo Park Jan. 2, 2024</p>", "<p>By Jane Roe and Bo Park • 5 min read</p>",
                 "<p>By Jane Roe and Bo Park on January 2, 2024</p>"):
        assert _authors(_page(body=body)) == ["Jane Roe", "Bo Park"], body
    # a job title in the next element or after a line break
    assert _authors(_page(body="<p>By Jane Roe<br>Senior Reporter</p>")) == ["Jane Roe"]
    assert _authors(_page(body="<div>By <a href='/p/j'>Jane Roe</a><span>Senior Reporter</span></div>")) == ["Jane Roe"]
    # a desk named only by its title is not cut down to a name
    assert _authors(_page(body="<p>By Executive Content Editor</p>")) == []
    for opener in ("Author:", "Reporter:"):
        assert _authors(_page(body=f"<p>{opener} Jane Roe</p>")) == ["Jane Roe"], opener


def test_one_byline_block_per_author_together_name_the_stated_authors():
    head = '<meta name="author" content="Ann Lee, Bo Park">'
    body = ("<div class='m-author'>By <a href='/staff/ann'>Ann Lee</a> <span>May 2, 2024</span></div>"
            "<div class='m-author'>By <a href='/staff/bo'>Bo Park</a> <span>May 2, 2024</span></div>")
    assert _authors(_page(head, body)) == ["Ann Lee", "Bo Park"]


def test_chinese_bylines_in_brackets_and_beside_the_source():
    assert _authors(_page(body="<p>【环球时报记者 张三】</p>")) == ["张三"]
    assert _authors(_page(body="<p>作者：张三　来源：新华网</p>")) == ["张三"]


def test_story_and_photos_credit_names_the_writer_a_photo_credit_alone_does_not():
    for opener in ("Photos and Story By", "Story and photos by", "Words and pictures by", "Text and photos by"):
        assert _authors(_page(body=f"<p><i>{opener} Jane Roe<br>Special Correspondent</i></p>")) == ["Jane Roe"], opener
    for credit in ("Photos by Jane Roe", "Pictures by Jane Roe", "Photo and caption by Jane Roe"):
        assert _authors(_page(body=f"<p>{credit}</p>")) == [], credit


def test_a_teaser_of_another_story_before_the_article_does_not_give_its_byline():
    teaser = "<aside><div class='card'><h3><a href='/news/other'>Other story</a></h3><p>By Sam Lee</p></div></aside>"
    html = (f"<html><body>{teaser}<article><h1>Head line</h1><p>By Jane Roe</p>"
            f"<p>{'Story text. ' * 40}</p></article></body></html>")
    assert _authors(html) == ["Jane Roe"]


def test_the_bylines_own_author_card_is_not_a_teaser():
    # "By <a>Name</a>" beside a pop-over card whose heading links to the writer's archive
    # (as PMC sites print it): the card is about this byline, not another story
    card = ("<div class='byline'><p>By <a href='/author/jane-roe/'>Jane Roe</a></p>"
            "<div class='card'><h3><a href='/author/jane-roe/'>Jane Roe</a></h3>"
            "<p>Jane Roe covers courts.</p><a href='/author/jane-roe/'>View all posts</a></div></div>")
    assert _authors(_page(body=card)) == ["Jane Roe"]
    # a card whose heading links to a story is still a teaser, its credit another writer's
    teaser = card.replace("<h3><a href='/author/jane-roe/'>", "<h3><a href='/news/other-story'>")
    assert _authors(_page(body=teaser)) == []


def test_a_lone_by_in_one_names_wrapper_reads_the_whole_byline():
    # "<span><span>By </span><a>A</a></span> and <span><a>B</a></span>": each name has its
    # own wrapper, the byline is the wrapper of both; a product card further down whose
    # heading reads "By <brand> <product>" is not it
    byline = ("<div class='names'><span class='name'><span>By </span><a href='/contributor/jane-roe'>Jane Roe</a></span>"
              " and <span class='name'><a href='/contributor/sam-lee'>Sam Lee</a></span></div>")
    card = "<div class='product'><h4>By Northwind Pleated Midi Skirt</h4><p>$98 at Northwind</p></div>"
    assert _authors(_page(body=byline + card)) == ["Jane Roe", "Sam Lee"]
    # a lone name in its wrapper stays one name; the next words are not names
    alone = "<div class='names'><span class='name'><span>By </span><a href='/c/jane-roe'>Jane Roe</a></span> in Oslo</div>"
    assert _authors(_page(body=alone)) == ["Jane Roe"]


def test_an_affiliation_after_a_comma_is_not_names_and_indentation_is_not_length():
    # a byline indented over 200 characters of source, its writer's institute after a comma
    pad = " " * 120
    byline = f"<p class='byline'>\n{pad}by Jane Roe,{pad}U.S. Institute of Allergy and Infectious Diseases{pad}</p>"
    assert _authors(_page(body=byline)) == ["Jane Roe"]
    assert split_names("Jane Roe, staff reporter", [], strict=True) == ["Jane Roe"]
    # a list of names has no such words (particles and "and" join names)
    assert split_names("Jane Roe, Ana de la Cruz and Bo Park", [], strict=True) == ["Jane Roe", "Ana de la Cruz", "Bo Park"]


def test_text_for_screen_readers_is_not_part_of_the_byline():
    byline = ("<div class='byline'>By <span class='author'><span class='screen-reader-text'>Social Links for</span>"
              " Jane Roe</span></div>")
    assert _authors(_page(body=byline)) == ["Jane Roe"]


def test_a_label_before_a_colon_opening_a_byline_element_is_no_first_name():
    # a label for screen readers only: the byline as shown has no opener, and trafilatura's
    # reading of the element took the label for a first name ("Author Jane Roe")
    for label in ("Author:", "Reporter:", "Authors:"):
        byline = f"<div class='byline'><span class='sr-only'>{label}</span> Jane Roe</div>"
        assert _authors(_page(body=byline)) == ["Jane Roe"]
    assert _authors(_page(body="<span class='author'><span class='sr-only'>作者：</span>张三</span>")) == ["张三"]


def test_a_menu_item_opening_with_by_is_not_a_byline_nor_a_lead_role_a_name():
    # "Por La Cultura" (Spanish "by") in the site's menu is a menu item
    menu = "<nav><ul><li><a href='/causes/porlacultura/'>Por La Cultura</a></li></ul></nav>"
    html = f"<html><body>{menu}<article><h1>Head line</h1><p>{'Story text. ' * 40}</p></article></body></html>"
    assert _authors(html) == []
    # a role after a modifier and a desk word is cut from the name
    assert split_names("Jane Roe Lead Draft Writer", [], strict=True) == ["Jane Roe"]


def test_a_menu_built_of_divs_is_known_by_its_list_of_links():
    # no <nav>: a list whose items are each wholly one link is a menu, whatever wraps it
    items = "".join(f"<li><a href='/causes/{k}/'>{t}</a></li>" for k, t in
                    (("salute", "Salute to Service"), ("porlacultura", "Por La Cultura"), ("hbcu", "HBCU")))
    byline = "<div><span>By </span><a href='/p/1'>Eric Edholm</a></div>"
    story = f"<div><h1>Power rankings</h1>{byline}<p>{'Story text. ' * 40}</p></div>"
    html = f"<html><body><div class='c1'><ul>{items}</ul></div>{story}</body></html>"
    assert _authors(html) == ["Eric Edholm"]
    # a list of two links is no menu, nor is an item holding more than its link (a byline list)
    def item(lis: str):
        tree = _load_tree(f"<html><body><ul>{lis}</ul></body></html>")
        assert tree is not None
        return menu_item(next(tree.iter("a")))

    assert item(items)
    assert not item("".join(items.split("</li>", 1)[1:]).replace("<li><a href='/causes/hbcu/'>HBCU</a></li>", ""))
    assert not item(items.replace("</a></li>", "</a> and Jo Lee</li>"))


def test_co_authors_credited_side_by_side_each_in_a_block_of_their_own():
    def block(name: str, day: str) -> str:
        slug = name.lower().replace(" ", "-")
        return (f"<div class='credit'><figure><img src='/{slug}.jpg' alt='{name}'></figure>"
                f"<div class='by'>By <a href='/staff/{slug}/'>{name}</a> <span>{day}</span></div></div>")

    story = f"<p>{'Story text. ' * 40}</p>"
    both = f"<div class='credits'>{block('Ana Ruiz', 'December 21, 2023')}{block('Bo Park', 'December 21, 2023')}</div>"
    assert _authors(f"<html><body><h1>Lie of the year</h1>{both}{story}</body></html>") == ["Ana Ruiz", "Bo Park"]
    # a block of the same shape showing another day is a card of another story
    other = f"<div class='credits'>{block('Ana Ruiz', 'December 21, 2023')}{block('Cy Lee', 'November 29, 2023')}</div>"
    assert _authors(f"<html><body><h1>Lie of the year</h1>{other}{story}</body></html>") == ["Ana Ruiz"]


def test_by_inside_a_sentence_of_the_story_is_no_byline():
    # "drones made <a>by Terminal Autonomy</a>; ...": a phrase of running text, not a credit
    prose = ("<p>Videos from the front show attacks being launched with new long-range drones made "
             "<a href='https://maker.example/'>by Terminal Autonomy</a>; the makers confirm that they have "
             "carried out strikes but cannot comment on details.</p>")
    assert _authors(_page(body=prose)) == []
    # a byline set in a span inside a short paragraph of its own still counts
    assert _authors(_page(body="<p><span>By Jane Roe</span> | December 5, 2023</p>" + prose)) == ["Jane Roe"]
    # the story printed in <div>s and <br> lines, no <p>s: the sentence is the line the link
    # sits in; a byline line, however long its e-mail and desk, ends no sentence
    lines = (prose.replace("<p>", "<div>Earlier on Tuesday the ministry reported new strikes.<br><br>")
             .replace("</p>", "<br><br>Officials gave no details.</div>"))
    assert _authors(_page(body=lines)) == []
    byline = ("<div>By <a href='/author/jane-roe/'>Jane Roe</a> | <a href='mailto:jroe@example.com'>jroe@example.com</a>"
              " | Daily Courier Metro Desk, city hall and the harbour board | Updated 5 December 2023, 14:05</div>")
    assert _authors(_page(body=byline + lines)) == ["Jane Roe"]


def test_a_byline_naming_others_than_the_author_markup_is_the_writers():
    # "By Grace Dean", and marked up as authors only the contributors: the byline's writer
    byline = ("<div>By <a href='/author/grace-dean/'>Grace Dean</a></div><span>Contributions from "
              "<a rel='author' href='/author/jo-gould/'>Jo Gould</a>, <a rel='author' href='/author/leon-hurley/'>Leon Hurley</a></span>")
    assert _authors(_page(body=byline)) == ["Grace Dean"]
    # a reader marked up as author in a thread whose class says nothing: the byline's writer
    reader = "<div class='c1'><span itemprop='author'>Гость</span><p>Отличная статья!</p></div>"
    assert _authors(_page(body="<p><span>Текст: Венера Ерофеева</span> · 24 сентября 2018</p>" + reader)) == ["Венера Ерофеева"]
    # a byline that repeats the marked-up name ("Sean Martin Sean Martin") is the same writer
    twice = "<div>By <a rel='author' href='/p/sm'>Sean Martin</a> <span>Sean Martin</span></div>"
    assert _authors(_page(body=twice)) == ["Sean Martin"]


def test_the_pages_byline_comes_before_a_credit_closing_the_extracted_text():
    # the extracted text runs on into cards of other stories ("By Sarah Han" closing it):
    # the byline the page shows under its headline names the writers
    page = _page(body="<h1>The best deals</h1><p>By <a href='/p/jh'>Jennifer Hussein</a> and "
                      "<a href='/p/ab'>Annie Blackman</a></p>")
    text = "\n".join(["The sale runs all week.", "Prices start at ten dollars.", "Shipping is free.",
                      "The serum is half off.", "18 Cyber Monday Deals You Can Still Snatch Up", "By Sarah Han"])
    assert _authors(page, text=text) == ["Jennifer Hussein", "Annie Blackman"]
    # with no byline on the page, a credit closing the text still names the writer
    assert _authors(_page(body="<h1>The best deals</h1>"), text=text) == ["Sarah Han"]


def test_a_brand_ending_in_a_lone_capital_is_not_a_person():
    assert _authors(_page('<meta name="author" content="Science X">')) == []
    assert split_names("Studio B", []) == []
    assert split_names("John D. Roe and Mary K. Lee", []) == ["John D. Roe", "Mary K. Lee"]


def test_russian_bylines_in_capitals_and_chinese_transliterated_names():
    assert _authors(_page(body="<p>ТЕКСТ: МАРИЯ ИВАНОВА</p>")) == ["Мария Иванова"]
    assert _authors(_page(body="<p>автор: Иван Петров</p>")) == ["Иван Петров"]
    # "полный текст:" inside a sentence does not open a byline
    assert _authors(_page(body="<p>Он опубликовал полный текст: Владимир Путин заявил о встрече</p>")) == []
    assert _authors(_page(body="<p>记者 阿卜杜拉·艾买提</p>")) == ["阿卜杜拉·艾买提"]


def test_authors_of_other_article_objects_on_the_page_are_not_this_ones():
    url = "https://news.example.com/2024/01/02/story"
    main = {"@type": "NewsArticle", "headline": "A", "url": url, "author": {"@type": "Person", "name": "Jane Roe"}}
    other = {"@type": "NewsArticle", "headline": "B", "url": "https://news.example.com/2024/01/01/other",
             "author": {"@type": "Person", "name": "Sam Lee"}}
    related = {"@type": "ItemList", "itemListElement": [{"@type": "ListItem", "item": other}]}
    assert _authors(_page(_ld(related) + _ld(main)), url) == ["Jane Roe"]
    assert _authors(_page(_ld({"@graph": [main, other]})), url) == ["Jane Roe"]
    # no object names this page: the first one that states authors
    anon = {k: v for k, v in main.items() if k != "url"}
    assert _authors(_page(_ld(anon) + _ld(related)), url) == ["Jane Roe"]
    # this page's object states no author: another story's is not taken
    bare = {k: v for k, v in main.items() if k != "author"}
    assert _authors(_page(_ld(bare) + _ld(related), body="<p>By Jane Roe</p>"), url) == ["Jane Roe"]


def test_class_name_printed_as_text_is_not_a_name():
    assert split_names("Hds-Author-Thumbnail Imgheight", []) == []
    assert split_names("Jennifer Ross-Nazzal", []) == ["Jennifer Ross-Nazzal"]


def test_desk_and_role_run_on_after_the_name_in_a_byline():
    # the byline's second line names the desk and the role; the cut keeps two words of a name
    for line, want in (("Alexandra Rogers<br>Political reporter", ["Alexandra Rogers"]),
                       ("Ayeesha Walsh Showbiz Reporter", ["Ayeesha Walsh"]),
                       ("Jane Roe Senior Reporter", ["Jane Roe"]),
                       ("Mary Ann Smith Political Reporter", ["Mary Ann Smith"])):
        assert split_names(line.replace("<br>", " "), [], strict=True) == want, line


def test_the_outlets_name_before_the_job_in_a_byline_goes_with_the_job():
    # "By Bob Condotta" and "Seattle Times staff reporter" in two elements, read as one line
    page = _page(body="<div><span>By </span><a href='/p/1'>Bob Condotta</a> <span>Seattle Times staff reporter</span></div>")
    assert _authors(page, "https://www.seattletimes.com/sports/2023/story") == ["Bob Condotta"]
    # the outlet spelled by its host's initials, after a name of three words
    sites = ["nytimes.com", "nytimes"]
    assert split_names("Mary Ann Smith New York Times staff writer", sites, strict=True) == ["Mary Ann Smith"]
    # words that are not exactly the outlet's name stay with the name
    assert split_names("Bob Condotta Seattle Times staff reporter", ["kingcounty.gov"], strict=True) == ["Bob Condotta Seattle"]


def test_a_byline_in_an_aside_or_footer_credits_another_story():
    # a list of other stories with no headings of its own: the writer credited in it is not
    # this article's, even when the article's own byline has no "By" to find first
    teasers = ("<aside><ul><li><a href='/news/flood-warnings'>Flood warnings issued</a> "
               "<span>By Sam Other</span></li></ul></aside>")
    own = "<div><a href='/author/jane-roe/'>Jane Roe</a></div>"
    assert _authors(_page(body=own + teasers)) == ["Jane Roe"]
    page_footer = _page(body=own).replace("</article>", "</article>" + teasers.replace("aside", "footer"))
    assert _authors(page_footer) == ["Jane Roe"]
    # the same byline in the article is the article's
    assert _authors(_page(body="<div>By Sam Other</div>")) == ["Sam Other"]


def test_a_wire_run_on_after_the_names_is_their_employer():
    # AP's byline "By JANE ROE<br>Associated Press" with the break lost
    assert split_names("By JANE ROE Associated Press", [], strict=True) == ["Jane Roe"]
    assert split_names("By Jane Roe and Bo Park The Associated Press", [], strict=True) == ["Jane Roe", "Bo Park"]
    assert split_names("By The Associated Press", [], strict=True) == ["The Associated Press"]
    assert split_names("By Reuters", [], strict=True) == ["Reuters"]
    # a one-word agency that is also a surname is the name's
    assert split_names("By Michael Bloomberg", [], strict=True) == ["Michael Bloomberg"]


def test_archive_paths_of_contributors_journalists_people_and_by():
    for path in ("contributor", "contributors", "journalist", "reporter", "columnist", "by", "person"):
        html = _page(body=f"<div><a href='/{path}/jane-roe'>Jane Roe</a></div>")
        assert _authors(html) == ["Jane Roe"], path
    # a path that does not name a writer's archive gives nobody
    assert _authors(_page(body="<div><a href='/topics/jane-roe'>Jane Roe</a></div>")) == []


def test_an_archive_path_with_index_keys_before_the_slug():
    # an archive grouped by the name's letters ("/authors/j/jr-ja/jane-roe/") or by id
    for href in ("/authors/j/jr-ja/jane-roe/", "/staff/8378342001/jane-roe/", "/author/en/jane-roe"):
        byline = f"<div><a href='{href}'><span>Jane Roe, </span></a><span>Money Reporter</span></div>"
        assert _authors(_page(body=byline)) == ["Jane Roe"], href
    # a story filed under an archive's section is no archive: the slug is a headline, not the name
    assert _authors(_page(body="<div><a href='/people/news/2023/jane-roe-wins'>Jane Roe</a></div>")) == []


def test_a_name_with_its_job_beside_the_date():
    for slot in ("Jane Roe, Staff Writer", "Jane Roe | Reporter", "Jane Roe"):
        html = _page(body=f"<div><span>{slot}</span><span>December 5, 2023</span></div>")
        assert _authors(html) == ["Jane Roe"], slot
    # a name and anything else beside the date is not a byline
    html = _page(body="<div><span>Jane Roe, Illustration</span><span>December 5, 2023</span></div>")
    assert _authors(html) == []


def test_a_name_with_its_outlet_or_wire_or_russian_job_beside_the_date():
    # the outlet is the site's own (its og:site_name) or a wire agency: an affiliation
    head = '<meta property="og:site_name" content="Daily Planet">'
    for slot in ("Jane Roe | Reuters", "Jane Roe, Associated Press", "Jane Roe, Daily Planet", "Jane Roe | Daily Planet"):
        html = _page(head, f"<div><span>{slot}</span><span>December 5, 2023</span></div>")
        assert _authors(html) == ["Jane Roe"], slot
    for slot in ("Иван Петров, корреспондент", "Иван Петров | специальный корреспондент", "Иван Петров, обозреватель"):
        html = _page(head, f"<div><span>{slot}</span><span>5 декабря 2023</span></div>")
        assert _authors(html) == ["Иван Петров"], slot
    # another outlet's name, or words no job names, beside a name: not a byline
    for slot in ("Jane Roe | Illustration", "Иван Петров, министр финансов"):
        html = _page(head, f"<div><span>{slot}</span><span>December 5, 2023</span></div>")
        assert _authors(html) == [], slot


@pytest.mark.parametrize("byline", [
    "<div class='c2'>Jane Roe<br>Senior Reporter</div><div class='c3'>March 5, 2024</div>",
    "<div class='c2'>Jane Roe <span class='c3'>March 5, 2024</span></div>",
    "<p class='c2'>Jane Roe<br>March 5, 2024</p>",
    "<div class='c2'>Jane Roe<span class='c4'>Senior Reporter</span></div><div class='c3'>March 5, 2024</div>",
    "<div class='c2'>Jane Roe · March 5, 2024</div>",
    "<div class='c2'>Jane Roe | 5 марта 2024</div>",
    "<div class='c2'>Jane Roe March 5, 2024</div>",
])
def test_a_name_opening_an_element_or_a_text_that_runs_on_into_the_date(byline):
    # a byline with no markup of its own: the name, then (in the same element) the date
    assert _authors(_page(body=byline)) == ["Jane Roe"]


@pytest.mark.parametrize("line", [
    "<div class='c2'>New York, March 5, 2024</div>",  # a dateline
    "<div class='c2'>Published On 5 Mar 2024</div>",  # the date's label
    "<p class='c2'>Jane Roe <a href='/x'>said</a> the vote on March 5, 2024 was close.</p>",  # a sentence
])
def test_a_dateline_a_dates_label_or_a_sentence_before_a_date_names_nobody(line):
    assert _authors(_page(body=line)) == []


def test_a_russian_list_of_names_closed_by_i_then_the_outlet():
    byline = ('<p><a href="/author/ft/"><span>Мария Лебедева и Михаил Фёдоров, Financial Times</span></a> - '
              '<time>Dec 20, 2023 3:06 pm UTC</time></p>')
    assert _authors(_page(body=byline)) == ["Мария Лебедева", "Михаил Фёдоров"]


# common CMS byline layouts, none taken from a dev page: each on a page that also lists
# other stories with their writers' credits (in an <aside>), with no author statement
_D = '<time datetime="2023-12-05T10:00:00Z">December 5, 2023</time>'
_LAYOUTS = {
    "wordpress vcard": (f'<div><span class="author vcard"><a class="url fn n" href="/author/jane-roe/">Jane Roe</a></span> {_D}</div>',
                        ["Jane Roe"]),
    "by two links": (f'<div>By <a href="/people/jane-roe">Jane Roe</a> and <a href="/people/john-doe">John Doe</a></div>{_D}',
                     ["Jane Roe", "John Doe"]),
    "wire in capitals": (f"<p>By JANE ROE Associated Press</p>{_D}", ["Jane Roe"]),
    "address rel=author": (f'<address>By <a rel="author" href="/staff/jane-roe">Jane Roe</a></address>{_D}', ["Jane Roe"]),
    "itemprop person": (f'<span itemprop="author" itemscope><span itemprop="name">Jane Roe</span></span>{_D}', ["Jane Roe"]),
    "name and job": (f"<div><span>Jane Roe, Staff Writer</span> {_D}</div>", ["Jane Roe"]),
    "author card": (f'<div><img alt="Jane Roe" src="/a.jpg"><a href="/author/jane-roe">Jane Roe</a><span>Senior Reporter</span></div>{_D}',
                    ["Jane Roe"]),
    "contributor archive": (f'<div><span>Contributor</span> <a href="/contributor/jane-roe">Jane Roe</a></div>{_D}', ["Jane Roe"]),
    "three names": (f"<div>By Jane Roe, John Doe and Mary Major</div>{_D}", ["Jane Roe", "John Doe", "Mary Major"]),
    "credentials": (f"<div>By Jane Roe MS, RDN</div>{_D}", ["Jane Roe"]),
    "russian": (f"<div>Автор: Иван Петров</div>{_D}", ["Иван Петров"]),
    "chinese": (f"<div>作者：王五</div>{_D}", ["王五"]),
}


@pytest.mark.parametrize("layout", sorted(_LAYOUTS))
def test_common_byline_layouts_beside_a_list_of_other_stories(layout):
    byline, want = _LAYOUTS[layout]
    others = ("<aside><h3>More stories</h3><ul><li><a href='/news/flood-warnings'>Flood warnings issued for coast</a> "
              "<span>By <a href='/author/sam-other'>Sam Other</a></span></li>"
              "<li><a href='/news/board-chair'>School board elects chair</a> <span>By Pat Elsewhere</span></li></ul></aside>")
    html = (f"<html><body><main><article><h1>Council passes budget</h1>{byline}"
            f"<p>{'The council met to debate the budget. ' * 30}</p></article>{others}</main></body></html>")
    assert _authors(html) == want


def test_xinhuas_editor_credit_in_square_brackets():
    body = "<p>" + "新华社北京电 市议会周二晚间投票通过了一项预算。" * 12 + "</p><div>【责任编辑:王五】</div>"
    assert _authors(_page(body=body)) == ["王五"]


@pytest.mark.parametrize("credit", ["（责任编辑：王五）", "(责任编辑:王五)", "责任编辑：王五", "责编：王五"])
def test_the_editors_credit_spelt_out_or_unbracketed_is_read_as_the_short_bracketed_one(credit):
    # "责编" is "责任编辑" cut short: the same credit whichever way the outlet prints it
    story = "<p>" + "新华社北京电 市议会周二晚间投票通过了一项预算。" * 12 + "</p>"
    assert _authors(_page(body=f"{story}<div>{credit}</div>")) == ["王五"]
    # beside a reporter's byline too, it counts as the short bracketed credit does
    with_reporter = "<div>本报记者 赵六</div>{story}<div>{credit}</div>"
    assert (_authors(_page(body=with_reporter.format(story=story, credit=credit)))
            == _authors(_page(body=with_reporter.format(story=story, credit="（责编：王五）"))))
    # in a sentence the words are no credit
    assert _authors(_page(body="<p>他说，责任编辑：王五负责此事。" + "市议会周二晚间投票通过了一项预算。" * 12 + "</p>")) == []


def test_a_writers_credit_anywhere_comes_before_the_editors():
    # a portal's info line ("时间 … 来源 … 作者 … 点击") names the writer; the foot names the
    # editor who put the story up: People's Daily's editor credit is the byline only
    # when no writer is credited
    info = ("<div class='info'><small>时间:</small>2024-03-05 18:20<small>来源:</small>新华网 "
            "<small>作者:</small>张三 <small>点击:</small><script>document.write('1024')</script>次</div>")
    story = "<p>" + "国家主席习近平5日在北京同俄罗斯总统普京举行会谈。" * 12 + "</p>"
    for credit in ("（责任编辑：李四）", "【责任编辑:李四】", "责编：李四"):
        assert _authors(_page(body=f"{info}{story}<div>{credit}</div>")) == ["张三"]
        assert _authors(_page(body=f"{story}<div>{credit}</div>")) == ["李四"]


def test_the_next_fields_label_after_a_chinese_name_is_no_name():
    # "作者:张三 点击:1024": "点击" (hits) is the next field's label, whichever its length
    for label in ("点击", "浏览次数", "编辑部"):
        assert _authors(_page(body=f"<div><span>作者:</span>张三 <span>{label}:</span>1024</div>")) == ["张三"]
    assert _authors(_page(body="<div><span>作者:</span>张三 李四 <span>点击：</span>1024</div>")) == ["张三", "李四"]


def test_russian_and_chinese_spellings_of_wires_are_the_writers_employer_alone_the_author():
    story = "<p>" + "Стороны обсудили торговлю и энергетику, сообщили в Кремле. " * 12 + "</p>"
    for credit in ("Автор: Иван Петров, РИА Новости", "Автор: Иван Петров, ТАСС", "Автор: Иван Петров, Интерфакс"):
        assert _authors(_page(body=f"<div>{credit}</div>{story}")) == ["Иван Петров"], credit
    assert _authors(_page(body=f"<div>Автор: ТАСС</div>{story}")) == ["ТАСС"]  # its initials, not "Тасс"
    assert _authors(_page(body=f"<div>Автор: ИВАН ПЕТРОВ</div>{story}")) == ["Иван Петров"]
    zh = "<p>" + "国家主席习近平5日在北京同俄罗斯总统普京举行会谈。" * 12 + "</p>"
    assert _authors(_page(body=f"<div>作者：张三、新华社</div>{zh}")) == ["张三"]


def test_analysis_opinion_and_commentary_bylines():
    # CNN's "Analysis by Stephen Collinson, CNN", "Opinion by ..."; "Written by: X"
    for byline in ("Analysis by Jane Roe, CNN", "Opinion by Jane Roe", "Commentary by Jane Roe", "Written by: Jane Roe",
                   "<span>Analysis by</span> <a href='/profiles/jane-roe'>Jane Roe</a>"):
        assert _authors(_page(body=f"<div class='x1'>{byline}</div>")) == ["Jane Roe"], byline
    sentence = "Analysis by Goldman Sachs shows that prices rose three percent in the year to March, the bank said."
    assert _authors(_page(body=f"<p>{sentence}</p>")) == []


def test_a_chinese_features_wen_slash_credit_names_the_writer():
    zh = "<p>" + "国家主席习近平5日在北京同俄罗斯总统普京举行会谈。" * 12 + "</p>"
    for credit, want in (("图/李四 文/张三", ["张三"]), ("文｜欧阳明月", ["欧阳明月"]), ("文 / 张三、李四", ["张三", "李四"]),
                         ("撰文/张三", ["张三"]), ("原文/张三", [])):
        assert _authors(_page(body=f"<div>{credit}</div>{zh}")) == want, credit


def test_a_russian_writer_beside_a_russian_or_dotted_date():
    for day in ("5 декабря 2023, 14:30", "05.12.2023 14:30", "5 дек. 2023"):
        html = _page(body=f"<div><span>Иван Петров</span><span>{day}</span></div>")
        assert _authors(html) == ["Иван Петров"], day


def test_a_cyrillic_name_on_a_link_to_its_latin_archive_slug():
    for slug in ("ivan-petrov", "petrov", "i-petrov-123"):
        assert _authors(_page(body=f"<div><a href='/authors/{slug}/'>Иван Петров</a></div>")) == ["Иван Петров"], slug
    # another name's archive is not this name's
    assert _authors(_page(body="<div><a href='/authors/anna-smirnova/'>Иван Петров</a></div>")) == []


def test_co_authors_linked_side_by_side_whose_archives_are_ids():
    # Ukrainska Pravda's byline: each writer a link to an archive page, most of them ids,
    # one spelling its name; the links beside the one whose slug spells a name are its co-authors
    links = "".join(f'<a class="post_article_author_item" href="/rus/authors/{slug}/"><img src="/p.jpg" alt="">'
                    f'<span class="post_author_name">{name}</span></a>'
                    for slug, name in (("6620e2e67e3b9", "Ярослав Кузишин"), ("65c3723927194", "Антон Зелинский"),
                                       ("karina-gasimova", "Карина Гасимова")))
    byline = f'<div class="post_article_author">{links}<a class="share" href="/rus/rss/">RSS</a></div>'
    assert _authors(_page(body=byline)) == ["Ярослав Кузишин", "Антон Зелинский", "Карина Гасимова"]
    # links of other kinds beside it are no co-authors; with no slug spelling a name, nobody
    other = '<div><a class="author" href="/authors/karina-gasimova/">Карина Гасимова</a><a href="/authors/65c37/">Антон Зелинский</a></div>'
    assert _authors(_page(body=other)) == ["Карина Гасимова"]
    assert _authors(_page(body=byline.replace("karina-gasimova", "5c3a1"))) == []


def test_an_outlet_named_with_the_in_a_byline_is_not_a_person():
    assert split_names("By Jane Roe, The Daily Courier", [], strict=True) == ["Jane Roe"]
    assert split_names("By Jane Roe and Bo Park, The Daily Courier", [], strict=True) == ["Jane Roe", "Bo Park"]
    assert split_names("By The Associated Press", [], strict=True) == ["The Associated Press"]


def test_an_articles_own_footer_holds_its_byline():
    # HTML5: an <article>'s <footer> says who wrote it; the page's footer and a card's do not
    assert _authors(_page(body="<footer><p>Posted by Jane Roe</p></footer>")) == ["Jane Roe"]


def test_a_wire_story_credits_its_wire_by_its_own_marks_when_nothing_else_names_one():
    story = "<p>" + "The council met on Tuesday and approved the budget after a long debate. " * 6 + "</p>"
    dateline = "<p>WASHINGTON (AP) — The council met on Tuesday and voted on the budget.</p>"
    from pipeline.extract import extract_article

    def authors(body: str, url: str = "https://news.example.com/2024/01/02/story") -> list[str]:
        got = extract_article(f"<html><body><article><h1>Council passes budget</h1>{body}</article></body></html>", url)
        assert got is not None
        return got.authors

    assert authors(dateline + story) == ["Associated Press"]
    assert authors(dateline.replace("(AP)", "(AFP)").replace("WASHINGTON", "PARIS") + story) == ["AFP"]
    assert authors(story + "<p>— The Associated Press</p>") == ["The Associated Press"]
    # a byline names the writer: the wire's marks do not replace it
    assert authors("<p>By Jane Roe</p>" + dateline + story) == ["Jane Roe"]
    # a place in parentheses that is no wire, or a dateline in lower case, credits nobody
    assert authors(dateline.replace("(AP)", "(Reuters Plaza)") + story) == []
    assert authors("<p>Washington (AP) said little.</p>" + story) == []
    # the dateline's city is in capitals, whatever the wire's name and a state or date after it
    assert authors(dateline.replace("(AP)", "(Reuters)") + story) == ["Reuters"]
    assert authors(dateline.replace("WASHINGTON (AP)", "HAYWARD, Calif. (AP)") + story) == ["Associated Press"]
    assert authors(dateline.replace("WASHINGTON (AP) —", "BEIJING, Dec. 1 (Xinhua) --") + story) == ["Xinhua"]
    assert authors(dateline.replace("WASHINGTON", "Officials in the city") + story) == []
    # on the wire's own site its marks name the publisher, no author
    assert authors(dateline.replace("(AP)", "(Reuters)") + story, "https://www.reuters.com/world/2024/01/02/story") == []


def test_a_headline_that_is_a_name_beside_the_date_is_no_byline():
    html = "<html><body><article><h1>Joe Biden</h1><time>December 5, 2023</time><p>" + "Story text. " * 40 + "</p></article></body></html>"
    assert _authors(html) == []
    # the same name in an element of its own beside the date is the byline
    assert _authors(html.replace("<h1>Joe Biden</h1>", "<h1>Joe Biden</h1><div>Jane Roe</div>")) == ["Jane Roe"]


@pytest.mark.parametrize(("meta", "want"), [
    # WordPress themes: the date, then the writer, a username slug that is no name
    ('Posted on <time datetime="2023-12-05">December 5, 2023</time> by <a href="/author/jroe/">Jane Roe</a>'
     ' in <a href="/category/news/">News</a>', ["Jane Roe"]),
    ("Published December 5, 2023 by Jane Roe", ["Jane Roe"]),
    ("Published December 5, 2023 | by Jane Roe", ["Jane Roe"]),
    ('<span>Dec 5, 2023</span> by <a href="/author/jroe/">Jane Roe</a> · <a href="#comments">3 Comments</a>', ["Jane Roe"]),
    ("Published December 5, 2023 at 5:30 pm by Jane Roe and John Doe", ["Jane Roe", "John Doe"]),
    ("Posted on 05.12.2023 by Иван Петров", ["Иван Петров"]),
    # not a writer: the theme's default account, the outlet, a sentence that starts with a date
    ('Posted on <time>December 5, 2023</time> by <a href="/author/admin/">admin</a>', []),
    ("Published Dec 5, 2023 by The Daily Courier", []),
    ("Published December 5, 2023 by the city, the plan was criticised by residents who said it was late.", []),
])
def test_a_dated_byline_names_its_writer(meta, want):
    """"<date> by <name>" is a byline whatever words open it, when what stands before
    "by" reads as a date."""
    assert _authors(_page(body=f'<h1>Council passes budget</h1><div class="entry-meta">{meta}</div>'),
                    "https://www.dailycourier.example/news/budget/") == want


def test_a_dated_byline_in_another_storys_card_is_not_the_writer():
    card = ('<div class="related"><article><h3><a href="/news/other/">Other story</a></h3>'
            "<p>Posted on December 1, 2023 by Mary Major</p></article></div>")
    assert _authors(f"<html><body><article><h1>Council passes budget</h1><p>{'Story text. ' * 40}</p>"
                    f"</article>{card}</body></html>") == []


def test_author_markup_of_the_next_story_appended_below_is_not_the_writer():
    """Pages that load the next story as the reader scrolls hold a second <article>
    with its own headline and author markup: the writer is the one in the article
    that holds the page's headline."""
    story = ('<article class="post"><h1>{title}</h1><div class="meta"><a rel="author" href="/authors/{slug}">{name}</a>'
             f"</div><p>{'Story text. ' * 40}</p></article>")
    html = ("<html><body>" + story.format(title="Council passes budget", slug="tori-otten", name="Tori Otten")
            + story.format(title="Mayor opens bridge", slug="ellie-houghtaling", name="Ellie Houghtaling") + "</body></html>")
    assert _authors(html) == ["Tori Otten"]


def test_author_markup_in_a_byline_heading_is_the_writer_and_in_a_card_is_not():
    """A byline set as a heading ("<h3 class=news-byline>by <a rel=author>…</a> … Share")
    is the article's own; the same markup in a card of another story is that story's."""
    byline = ('<h3 class="news-byline">by <a href="/profile/jane/" rel="author">Jane Roe</a> on December 10, 2023 '
              '<a href="https://twitter.com/intent/tweet?url=x">Share</a></h3>')
    card = ('<div class="card"><h3><a href="/news/other-story/">Other story of the day</a></h3>'
            '<a rel="author" href="/profile/mary/">Mary Major</a></div>')
    page = f"<html><body><article><h1>Community spotlight</h1>{byline}<p>{'Story text. ' * 150}</p>{card}</article></body></html>"
    assert _authors(page) == ["Jane Roe"]
    assert _authors(page.replace(byline, "")) == []
    tree = _load_tree(f"<html><body><div>{byline}<p>{'Story text. ' * 20}</p></div></body></html>")
    assert tree is not None
    link = next(a for a in tree.iter("a") if a.get("rel") == "author")
    assert not in_teaser(link)  # its heading holds a share link, but it is the byline's own heading


def test_author_markup_in_a_list_item_beside_another_storys_headline_is_that_storys():
    """A list of stories whose items are a headline link, the writer's link and a date,
    with no heading: each item credits its own story."""
    items = "".join(f'<li><a href="/news/{i}_story">Equinox EV details and price cuts in the week number {i}</a> '
                    f'<a href="/writer/1000_bengt-halvorson" rel="author">Bengt Halvorson</a> <time>February {i}, 2024</time></li>'
                    for i in range(1, 4))
    story = f"<article><h1>Tariffs on Chinese cars</h1><p>{'Story text. ' * 150}</p></article>"
    assert _authors(f"<html><body>{story}<ul class='more'>{items}</ul></body></html>") == []
    byline = ('<ul class="meta"><li>By <a href="/writer/1_stephen-edelstein" rel="author">Stephen Edelstein</a></li>'
              "<li>Dec 22, 2023</li></ul>")
    assert _authors(f"<html><body>{story.replace('</h1>', '</h1>' + byline)}<ul>{items}</ul></body></html>") == ["Stephen Edelstein"]


def _wrapped(inner: str, wrapper: str = "single-standard is-sidebar-right") -> str:
    return (f'<html><body><nav><a href="/">Home</a></nav><div class="{wrapper}"><article><h1>Palestinians shocked by silence</h1>'
            f"{inner}<p>{'Story text. ' * 150}</p></article></div></body></html>")


def test_archive_link_in_a_wrapper_named_for_its_sidebar_is_the_byline():
    """A layout class ("is-sidebar-right") on the block that holds the headline names
    the page's layout, not a sidebar: the byline in it is the article's."""
    byline = '<div class="meta"><a href="/author/s-raafat/">Shaimaa Raafat</a></div>'
    assert _authors(_wrapped(byline)) == ["Shaimaa Raafat"]
    sidebar = f'<div class="sidebar">{byline}</div>'  # a real sidebar, without the headline, stays out
    assert _authors(_wrapped("", "single") .replace("</article>", f"</article>{sidebar}")) == []


def test_people_the_story_mentions_or_tags_are_not_its_writer():
    """Links to people's pages in a sentence of the story, or in a tag cloud of four or
    more people, name whom the story is about."""
    mention = ('<p>Wanna know what <a href="https://www.tmz.com/people/larry-merchant/">Larry Merchant</a> '
               "WON'T be doing on Saturday night?</p>")
    assert _authors(_wrapped(mention, "main-wrapper has-nav"), "https://www.tmz.com/2015/09/08/story/") == []
    tags = "".join(f'<a href="https://www.tmz.com/people/{n.lower().replace(" ", "-")}/">{n}</a>'
                   for n in ("Andre Berto", "Floyd Mayweather", "Larry Merchant", "Oscar De La Hoya"))
    cloud = f'<section class="tag-cloud"><ul>{tags}</ul></section>'
    assert _authors(_wrapped(cloud, "main-wrapper has-nav"), "https://www.tmz.com/2015/09/08/story/") == []


def _script(code: str) -> str:
    return f"<script>{code}</script>"


def test_authors_the_pages_analytics_and_ad_scripts_name_when_the_markup_names_none():
    """A data layer and the ad targeting carry the byline when the markup shows it
    only inside a widget (a flyout of social links) or not at all."""
    layer = _script('window.dataLayer = window.dataLayer || []; dataLayer.push({"page_type": "article", '
                    '"byline": ["Jane Roe", "Bo Park"], "section": "news"});')
    ads = _script("googletag.cmd.push(function() { targeting = {authors: ['Jane Roe', 'Bo Park'], site: 'courier'}; });")
    state = _script('window.__STATE__ = {"story": {"author": {"id": "508080", "name": "Jane Roe", "title": "Staff"}}};')
    assert _authors(_page(body=layer + ads)) == ["Jane Roe", "Bo Park"]
    assert _authors(_page(body=state)) == ["Jane Roe"]
    # the markup comes first: a byline in the page beats what a script says
    assert _authors(_page(body=layer + "<p class='byline'>By Ana Ruiz</p>")) == ["Ana Ruiz"]


def test_scripts_that_name_several_authors_or_a_photographer_or_an_id_name_no_one():
    # a list of other stories in the page state: its writers disagree
    listing = _script('window.__STATE__ = {"items": [{"headline": "A", "author": "Jane Roe"}, '
                      '{"headline": "B", "author": "Bo Park"}]};')
    # an image's record: its credit is the photographer's
    photo = _script('window.__STATE__ = {"image": {"caption": "Snow on the pier.", "height": 2666, '
                    '"credits": {"by": [{"byline": "Ana Ruiz", "type": "author"}]}}};')
    # an id, a username, a desk and the site are no names
    ids = _script('var ga = {"author": "105092", "writer": "jroe", "byline": "News Staff"};')
    for body in (listing, photo, ids):
        assert _authors(_page(body=body)) == []
    # a JSON-LD block is read as JSON-LD, not as a script
    assert _authors(_page(body='<script type="application/ld+json">{"author": "Jane Roe"}</script>')) == []


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["author", "authors", "byline", "writer", "author_name"]))
def test_any_script_gives_a_list_never_raises(code, key):
    import html as htmlmod

    for body in (_script(htmlmod.escape(code)), _script(f'var d = {{"{key}": {json.dumps(code)}}};'),
                 _script(f"var d = {{{key}: [{code!r}]}};")):
        out = _authors(_page(body=body))
        assert all(isinstance(n, str) and n for n in out)


def test_a_lone_written_by_span_opens_the_byline_beside_it():
    # "Written by" in a span of its own, the name in the next one; class names say nothing
    body = ('<div class="c1a"><span class="c2b">Written by </span> <span class="c3c"> Lori Grunin </span> '
            '<a href="https://social.example/LoriGrunin" aria-label="Lori Grunin on social"></a></div>')
    assert _authors(_page(body=body)) == ["Lori Grunin"]


def test_an_archive_link_names_its_writer_without_its_label_or_by_its_avatar():
    # a screen-reader label inside the link ("archive page"), its class name hashed
    label = ('<span aria-hidden="true">By </span><ul aria-label="Authors"><li><a href="/author/tate-ryan-mosley/">'
             'Tate Ryan-Mosley<span class="c6eaf74">archive page</span></a></li></ul>')
    assert _authors(_page(body=label)) == ["Tate Ryan-Mosley"]
    # an avatar: the link holds only the writer's picture; an editors' page is an archive too
    avatar = '<a href="/about/editors/will-shanklin-1/"><img alt="Will Shanklin" src="/w.jpg"></a>'
    assert _authors(_page(body=avatar)) == ["Will Shanklin"]
    more = '<a href="/author/jane-roe/">More stories<img alt="Jane Roe" src="/j.jpg"></a>'
    assert _authors(_page(body=more)) == ["Jane Roe"]
    # a picture whose alt the slug does not spell, or one of several pictures, names no one
    assert _authors(_page(body=avatar.replace("Will Shanklin", "Newsroom Photo"))) == []
    assert _authors(_page(body=more.replace("</a>", '<img alt="Bo Park" src="/b.jpg"></a>'))) == []


def test_a_bylines_interface_label_is_no_name():
    # "By <button><span class=sr-only>Social Links for</span> Jane Roe</button>", the class hashed
    body = ('<div class="c1a">By <span role="button" class="c2b"><span class="c3c">Social Links for</span> Mara Olsen'
            '</span></div>')
    assert "Social Links" not in _authors(_page(body=body))
    # a label where a byline goes, in the markup or a data layer: no one wrote it
    for label in ("Sponsored Content", "Press Release", "Promoted Partner Content"):
        assert _authors(_page(body=f'<div class="c1a">By {label}</div>')) == []
        assert _authors(_page(body=_script(f'var d = {{"author": "{label}"}};'))) == []


@pytest.mark.parametrize("after", ["2 months", "3 hours ago", "2 min read", "12/22/2023", "12/22/23", "5 часов назад", "3小时前"])
def test_name_beside_a_numeric_date_the_storys_age_or_its_reading_time(after):
    # the name alone in its element, then how old the story is or how long it reads
    byline = f'<div class="c8cab32"><a href="/author/"> Haje Jan Kamps </a> <span class="c9ca883">{after}</span></div>'
    assert _authors(_page(body=byline)) == ["Haje Jan Kamps"]


@pytest.mark.parametrize("label", ["Published: ", "Updated on ", "Опубликовано: ", "发布时间："])
def test_name_beside_a_labelled_date(label):
    # the date printed with its label right after the name, no "By" and no markup
    byline = f'<div class="c8"><div class="c9">Greta Holm</div><div class="c10">{label}22 Dec 2023</div></div>'
    assert _authors(_page(body=byline)) == ["Greta Holm"]
    # a label inside a sentence, or in brackets, is no date's own: "User Agreement (updated 1/1/20)"
    footer = '<div class="c11"><a href="/ua">User Agreement</a> (updated 1/1/20) and <a href="/pp">Privacy Policy</a></div>'
    assert _authors(_page(body=footer)) == []


@pytest.mark.parametrize("between", [["@gretaholm"], ["Featured Columnist IV"], ["@gretaholm", "Staff Writer"], ["|"],
                                     ["City Museum Historian"], ["Chief Film Critic"]])
def test_name_beside_the_date_past_the_writers_handle_or_job(between):
    # the writer's handle, job or a separator printed between the name and the date
    cells = "".join(f'<div class="c9">{b}</div>' for b in ["Greta Holm", *between, "December 22, 2023"])
    assert _authors(_page(body=f'<div class="c8">{cells}</div>')) == ["Greta Holm"]
    # anything else between them, or three lines, and the name is not known for a byline
    for other in (["Most read stories"], ["@gretaholm", "Staff Writer", "|"]):
        cells = "".join(f'<div class="c9">{b}</div>' for b in ["Greta Holm", *other, "December 22, 2023"])
        assert _authors(_page(body=f'<div class="c8">{cells}</div>')) == []


def test_part_of_a_headline_set_in_spans_beside_a_date_is_no_byline():
    # a list of stories whose headlines are set in spans of their own, each followed by its date
    card = ('<h2 class="c1"><span class="c2">Megan Thee Stallion</span> <span class="c3">Twerks Up a Storm</span> '
            '<span class="c4">In Skimpy Holiday Onesie</span></h2><span class="c5">12/24/2023 9:45 AM PT</span>')
    assert _authors(_page(body=card)) == []


def test_a_lone_by_whose_names_wrapper_holds_a_card_about_the_writer_reads_the_link():
    # "By" then the name's link inside a wrapper that also holds a pop-over card with a bio
    body = ('<div class="c99"><span class="c1">By</span> <div data-tooltip="x" tabindex="0"><a href="/angel-saunders-7560677">'
            'Angel Saunders</a><div class="c2"><div class="c3">Angel Saunders</div><p>Angel Saunders has been a writer at '
            'the paper since 2023. She has previously worked at two radio networks and a film site.</p>'
            '<a href="/editorial-guidelines">Editorial Guidelines</a></div></div></div>')
    assert _authors(_page(body=body)) == ["Angel Saunders"]
    # a short line is read whole as before: every name in it
    short = '<div><span>By</span> <a href="/a">Ana Ruiz</a> and <a href="/b">Bo Park</a></div>'
    assert _authors(_page(body=short)) == ["Ana Ruiz", "Bo Park"]


def test_an_archive_slug_that_runs_the_name_together_spells_it():
    assert _authors(_page(body='<div><a href="https://news.example.com/author/chrisprice">Chris Price</a></div>')) == ["Chris Price"]
    # a word of three letters inside a longer slug word is no match ("roe" in "monroe")
    assert _authors(_page(body='<div><a href="/author/monroe">Jo Roe</a></div>')) == []


def test_an_archive_link_below_the_headline_comes_before_a_menus_above_it():
    # the site's menu links a columnist's archive above the headline; the byline is below it
    menu = '<div class="c1"><ul><li><a href="/travel">Travel</a></li><li><a href="/author/simon-calder">Simon Calder</a></li></ul></div>'
    page = (f"<html><body>{menu}<div><h1>City win the final</h1><div><a href='/author/andy-hampson'>Andy Hampson</a></div>"
            f"<p>{'Story text. ' * 40}</p></div></body></html>")
    assert _authors(page) == ["Andy Hampson"]
    # with no archive link below the headline, one above it still names the writer
    kicker = (f"<html><body><div><a href='/author/andy-hampson'>Andy Hampson</a></div><h1>City win the final</h1>"
              f"<p>{'Story text. ' * 40}</p></body></html>")
    assert _authors(kicker) == ["Andy Hampson"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*" \t\n\u3000\xa0…_-:1bBPyVARWSTrcCeéoptгАвтор记者", "By ", "Reporting by ", "Автор:",
                                  "Published ", "Story and photos by ", "Dec", "Interview by ", "Words: ", "Беседовал ",
                                  "Материал подготовила ", "采写：", "本报驻京记者"]), max_size=12).map("".join)
       | st.text(max_size=20))
@example("(Reporting by Jane Roe; editing by Tom Fox)")
@example("\u3000By Jane Roe")
@example("Автор: Иван Петров")
def test_the_quick_test_of_a_byline_opener_agrees_with_the_patterns(text):
    """`_opens_byline` skips the patterns for a text whose first character no Latin
    opener starts with: the answer must be the patterns' own, whatever the text."""
    from pipeline.extract.authors.bylines import _BYLINE_ANYWHERE, _BYLINE_START, _opens_byline

    expected = bool(text) and bool(_BYLINE_START.match(text) or not text.isascii() and _BYLINE_ANYWHERE.search(text))
    assert _opens_byline(text) == expected


@pytest.mark.parametrize("names", ["Greta Holm and Bo Park, Financial Times", "Greta Holm, Bo Park", "Greta Holm & Bo Park"])
def test_several_names_beside_the_date_with_the_outlet_they_write_for(names):
    # a syndicated story's byline: the writers, maybe their outlet, a separator, the date
    byline = (f'<p class="c8"><a href="/author/financialtimes/"><span>{names}</span></a> - '
              '<time class="c9">Dec 20, 2023 3:06 pm UTC</time></p>')
    assert _authors(_page(body=byline)) == ["Greta Holm", "Bo Park"]


def test_a_list_of_other_stories_headlines_with_their_dates_names_nobody():
    # each headline a link to its story, then its date: "Memory Cells, Brain Clusters" has
    # a comma and capitals, but is another story's headline
    items = "".join(f'<div class="c1"><a href="/releases/2022/11/{i}.htm">{h}</a></div>'
                    f'<div class="c2"><span class="c3">Nov. 29, 2022 &#8212;</span> Researchers found ...</div>'
                    for i, h in enumerate(["Memory Cells, Brain Clusters", "Sleep Stages and Dream Replay"]))
    assert _authors(_page(body=items)) == []
    # a headline in a span of its own: "For" is no word of a name
    card = '<div class="c1"><span>For Memory Formation, Organization Matters</span><span>Nov. 29, 2022</span></div>'
    assert _authors(_page(body=card)) == []
    # nor is a sentence with a name in it
    assert _authors(_page(body='<div><span>Greta Holm and the board voted</span><span>Dec 5, 2023</span></div>')) == []


@pytest.mark.parametrize("opener, name", [("记者", "王小明"), ("作者：", "欧阳娜娜"), ("Автор:", "Иван Петров"),
                                          ("Текст:", "Анна Смирнова")])
def test_a_russian_or_chinese_byline_word_alone_in_its_element_opens_the_byline_beside_it(opener, name):
    # a template that sets the byline's word apart from the name it links: the parent is the byline
    byline = f'<div class="c1"><span class="c2">{opener} </span><a class="c3" href="/news/">{name}</a></div>'
    assert _authors(_page(body=byline)) == [name]
    # the same word alone with no name beside it names no one
    assert _authors(_page(body=f'<div class="c1"><span class="c2">{opener}</span></div>')) == []


def test_a_chinese_name_beside_the_date_is_the_byline_when_nothing_else_names_one():
    for date in ("2023-12-05 10:30", "2023年12月05日", "3小时前"):
        byline = f'<div class="c1"><span class="c2">王小明</span><span class="c3">{date}</span></div>'
        assert _authors(_page(body=byline)) == ["王小明"]
    # a compound family name; a transliterated name's parts joined by "·"
    assert _authors(_page(body='<div><span>欧阳娜娜</span><span>2023-12-05</span></div>')) == ["欧阳娜娜"]
    # an outlet, a body or a word that opens with no family name beside a date is no writer
    for label in ("人民网", "新华社", "外交部", "国际", "要闻"):
        assert _authors(_page(body=f'<div><span>{label}</span><span>2023-12-05</span></div>')) == [], label
    # a section's label linked to its page reads as a name ("文化" opens with the name 文): no writer
    for section in ("/culture/", "/wenhua/", "/news/culture/"):
        assert _authors(_page(body=f'<div><a href="{section}">文化</a><span>2023-12-05</span></div>')) == [], section
    # a link to people's pages, whatever the site calls them, or whose address spells the name
    for page in ("/the-team/chenjing", "/users/508080-chen", "/author/", "/car-news/chenjing"):
        assert _authors(_page(body=f'<div><a href="{page}">陈静</a><span>2023-12-05</span></div>')) == ["陈静"], page


def test_chinese_name_shape():
    from pipeline.extract.names import chinese_name

    assert all(map(chinese_name, ["王小明", "李华", "欧阳娜娜", "司马光", "阿卜杜拉·艾买提", "陳美玲", "歐陽娜娜"]))
    assert not any(map(chinese_name, ["王", "王小明明", "欧阳", "人民网", "新华社", "国际", "Jane Roe", "王小明2",
                                      "中央社", "聯合報", "自由時報"]))


@pytest.mark.parametrize("slug", ["wangxiaoming", "wang-xiaoming", "xiaoming-wang", "wangxiaoming-12"])
def test_an_archive_slug_spells_a_chinese_name_in_pinyin(slug):
    link = f'<div class="c1"><a class="c2" href="/author/{slug}/">王小明</a></div>'
    assert _authors(_page(body=link)) == ["王小明"]
    # a character's other reading ("曾" zeng / ceng), a compound family name
    assert _authors(_page(body='<div><a href="/author/zengguofan/">曾国藩</a></div>')) == ["曾国藩"]
    assert _authors(_page(body='<div><a href="/author/ouyang-nana/">欧阳娜娜</a></div>')) == ["欧阳娜娜"]
    # a slug spelling another name, or only initials, does not vouch for the link's text
    assert _authors(_page(body='<div><a href="/author/lihua/">王小明</a></div>')) == []
    assert _authors(_page(body='<div><a href="/author/wxm/">王小明</a></div>')) == []


def test_chinese_names_listed_with_their_joiner_then_an_outlet():
    # "王五、赵六, Financial Times" as "Jane Roe and Bo Park, Financial Times": the outlet after the list is no writer
    assert split_names("黄晓东、孙立平, Financial Times", [], strict=True) == ["黄晓东", "孙立平"]
    byline = '<div class="c1"><span class="c2">黄晓东、孙立平, Financial Times</span><span>2023-12-05</span></div>'
    assert _authors(_page(body=byline)) == ["黄晓东", "孙立平"]


def test_a_russian_interviews_or_write_ups_credit_names_the_writer():
    # "Беседовала X" closes an interview, "Подготовил X" a write-up; a job word may open
    # the author element ("Корреспондент X")
    story = "<p>" + "Стороны обсудили торговлю и энергетику, сообщили в Кремле. " * 12 + "</p>"
    for credit, want in (("Беседовала Анна Иванова", ["Анна Иванова"]), ("Подготовил Иван Петров", ["Иван Петров"]),
                         ("Материал подготовила А. Иванова", ["А. Иванова"]), ("Текст подготовил Иван Петров", ["Иван Петров"]),
                         ("Записала Анна Иванова", ["Анна Иванова"]),
                         ("Беседовали Анна Иванова и Иван Петров", ["Анна Иванова", "Иван Петров"])):
        assert _authors(_page(body=f"<div>{credit}</div>{story}")) == want, credit
        assert _authors(_page(body=f"{story}<p>{credit}</p>")) == want, credit  # the story's foot
    assert _authors(_page(body=f"<div class='author'>Беседовал Иван Петров</div>{story}")) == ["Иван Петров"]
    assert _authors(_page(body=f"<div class='author'>Корреспондент Иван Петров</div>{story}")) == ["Иван Петров"]
    # in a sentence the verbs are no credit
    for sentence in ("Подготовила доклад группа экспертов Минфина.", "Записал Путин в своём обращении к нации."):
        assert _authors(_page(body=f"<div>{sentence}</div>{story}")) == [], sentence


def test_chinese_portals_writers_credits_and_an_interview_by():
    zh = "<p>" + "国家主席习近平5日在北京同俄罗斯总统普京举行会谈。" * 12 + "</p>"
    for credit, want in (("采写：张三", ["张三"]), ("撰稿：张三、李四", ["张三", "李四"]), ("记者/张三", ["张三"])):
        assert _authors(_page(body=f"<div>{credit}</div>{zh}")) == want, credit
    story = "<p>" + "The council met to debate the budget. " * 30 + "</p>"
    assert _authors(_page(body=f"<div class='x1'>Interview by Jane Roe</div>{story}")) == ["Jane Roe"]


def test_where_each_writer_filed_from_is_no_part_of_the_name():
    # the Guardian's and the wires' "Jane Roe in Moscow and John Doe in Beijing"
    story = "<p>" + "The council met to debate the budget. " * 30 + "</p>"
    for byline in ("By Jane Roe in Moscow and John Doe in Beijing", "Jane Roe in Moscow and John Doe in Hong Kong"):
        assert _authors(_page(body=f"<div class='byline'>{byline}</div>{story}")) == ["Jane Roe", "John Doe"], byline
    assert _authors(_page(body=f"<div class='x1'>By Jane Roe in Moscow</div>{story}")) == ["Jane Roe"]
    # a headline opening with "By" has parts that are no names: nothing of it is a writer
    card = ("<div class='x2'><a href='/releases/2024/02/240214.htm'>By Growing Animal Cells in Rice Grains, "
            "Scientists Dish Up Hybrid Food</a></div>")
    assert _authors(_page(body=f"{story}{card}")) == []


def test_words_colon_opens_a_byline_and_a_family_name_in_capitals_is_a_name():
    story = "<p>" + "The council met to debate the budget. " * 30 + "</p>"
    assert _authors(_page(body=f"<div class='x1'>Words: Jane Roe</div>{story}")) == ["Jane Roe"]
    ru = "<p>" + "Стороны обсудили торговлю и энергетику, сообщили в Кремле. " * 12 + "</p>"
    # Russian and French papers print the family name in capitals; initials and numerals stay
    for name, want in (("Иван ПЕТРОВ", "Иван Петров"), ("Jean DUPONT", "Jean Dupont"), ("Anna SCHMIDT-MEYER", "Anna Schmidt-Meyer"),
                       ("JR Smith", "JR Smith"), ("John Smith III", "John Smith III")):
        assert _authors(_page(body=f"<div class='author'>{name}</div>{ru}")) == [want], name


def test_a_chinese_reporters_posting_and_a_correspondents_role_before_the_name():
    zh = "<p>" + "国家主席习近平5日在北京同俄罗斯总统普京举行会谈。" * 12 + "</p>"
    for credit, want in (("本报驻莫斯科记者 张三", ["张三"]), ("新华社驻莫斯科记者张三、李四", ["张三", "李四"]),
                         ("（本报记者 张三）", ["张三"]), ("光明日报记者张三 通讯员李四", ["张三", "李四"]),
                         ("记者 张三 实习生 李四", ["张三", "李四"])):
        assert _authors(_page(body=f"<div class='x1'>{credit}</div>{zh}")) == want, credit
    # the writer's credit in round brackets at the story's foot, as commentaries print it
    for credit, want in (("（作者：张三）", ["张三"]), ("（作者为中国人民大学教授）", [])):
        assert _authors(_page(body=f"{zh}<p>{credit}</p>"), text=f"{zh[3:-4]}\n{zh[3:-4]}\n{credit}") == want, credit


_BYLINE_PIECES = st.sampled_from(["Jane", "Roe", "ROE", "DUPONT", "Иван", "ПЕТРОВ", "in", "Moscow", "Hong Kong", "and", ",", "и",
                                  "张三", "通讯员", "李四", "记者", "本报驻莫斯科", "Words:", "By", "III", "JR", "MD", " "])


@given(st.lists(_BYLINE_PIECES, max_size=14).map(" ".join) | st.text(max_size=60))
def test_any_byline_read_strictly_gives_names_never_raises(raw):
    # places, capitals and Chinese roles are cut only where what is left is a name
    out = split_names(raw, ["example"], strict=True)
    assert all(isinstance(n, str) and n.strip() == n and n for n in out)
    assert all(" in " not in n and not re.match(r"(?:通讯员|实习生)[\u4e00-\u9fff]{2}", n) for n in out)


def test_a_chinese_sentence_opening_with_the_reporter_names_no_one():
    """In prose "记者" goes on with a verb ("记者了解到，", "本报记者获悉，": the reporter
    learned), which is no name; the credit ends where its line or bracket does."""
    zh = "国家主席习近平5日在北京同俄罗斯总统普京举行会谈。" * 12
    for lead in ("本报记者获悉，峰会的筹备工作已经基本完成。", "记者了解到，峰会的筹备工作已经基本完成。",
                 "记者从外交部获悉，峰会的筹备工作已经基本完成。", "新华社记者注意到，峰会的筹备工作已经基本完成。"):
        assert _authors(_page(body=f"<p>{lead}</p><p>{zh}</p>"), text=f"{lead}\n{zh}") == [], lead
    # a credit after any mark, a broadcaster's or a news site's desk, a bar after "记者"
    for credit in ("■本报记者 张三", "●记者 张三", "央视记者 张三", "澎湃新闻记者 张三", "记者｜张三", "记者张三报道", "记者 张三, Staff"):
        assert _authors(_page(body=f"<div>{credit}</div><p>{zh}</p>")) == ["张三"], credit


def test_a_chinese_paper_site_channel_or_commentary_desk_in_the_author_slot_is_no_writer():
    """Chinese outlets' names end in what they are ("人民网" a web site, "环球时报" a paper,
    "台北時報" in traditional script, "新闻频道" a channel): no person's name does. A wire
    agency alone is the credit, as "By Reuters" is."""
    for outlet in ("人民网", "环球时报", "台北時報", "央视新闻频道", "北京电视台", "人民日报评论员"):
        assert _authors(_page(f'<meta name="author" content="{outlet}">')) == [], outlet
        assert _authors(_page(_ld({"@type": "NewsArticle", "author": {"@type": "Person", "name": outlet}}))) == [], outlet
    assert _authors(_page('<meta name="author" content="新华社">')) == ["新华社"]
    assert _authors(_page('<meta name="author" content="张报国">')) == ["张报国"]  # "报" inside a name


def test_a_sentence_that_opens_with_by_is_no_byline():
    """"By Air Force One, the president flew on to Delhi." opens with "By" and three
    capitalised words, but a clause of four words or more after the comma ends it as a
    sentence; a byline's desk or role after a comma stays a byline."""
    story = "<p>" + "The council voted on Tuesday to approve the budget after a long debate. " * 6 + "</p>"
    lead = "By Air Force One, the president flew on to Delhi."
    assert _authors(_page(body=f"<p>{lead}</p>{story}"), text=f"{lead}\n{story[3:-4]}") == []
    for byline in ("By Jane Roe, staff reporter", "By Jane Roe, Associated Press.", "By Jane Roe, John Doe and Ann Lee"):
        want = ["Jane Roe", "John Doe", "Ann Lee"] if "Ann" in byline else ["Jane Roe"]
        assert _authors(_page(body=f"<p>{byline}</p>{story}"), text=f"{byline}\n{story[3:-4]}") == want, byline


def test_a_name_mixing_latin_words_and_han_characters_is_none():
    # found by the property test below: "Jane in 张三" passed as a Chinese name
    assert split_names("Jane in 张三", ["example"], strict=True) == []
    assert split_names("张三", ["example"], strict=True) == ["张三"]


def test_a_credit_labelled_by_role_names_the_writer_not_the_photographer_or_editor():
    """"Text: Jane Roe; Photos: John Doe" (a feature's credit, as "Words:" is): the
    label before a writer's name opens the byline and is no part of it, and a part
    labelled with the pictures' or the editing's role names no writer."""
    for credit in ("Text: Jane Roe; Photos: John Doe", "Story: Jane Roe; Photography: John Doe",
                   "Reporting: Jane Roe; Editing: John Doe", "Text and photos: Jane Roe",
                   "Text: Jane Roe / Photos: John Doe", "Words: Jane Roe | Video: John Doe"):
        for wrap in ('<p class="byline">{}</p>', "<div>{}</div>"):
            assert _authors(_page(body=wrap.format(credit))) == ["Jane Roe"], (credit, wrap)
    assert split_names("Jane Roe; Illustrations: John Doe", ["example"], strict=True) == ["Jane Roe"]
    # a line that merely opens with such a word is no credit
    assert _authors(_page(body="<p>Text: the bill would raise taxes on imported goods next year.</p>")) == []


def test_an_outlets_cyrillic_name_its_host_spells_is_no_writer():
    """A Russian outlet's meta author is often the outlet ("Коммерсантъ" on kommersant.ru,
    "Ведомости" on vedomosti.ru): with no og:site_name to compare with, its Latin host
    spells it. A writer's Cyrillic name stays."""
    for name, url in (("Коммерсантъ", "https://www.kommersant.ru/doc/6543210"),
                      ("Ведомости", "https://www.vedomosti.ru/politics/articles/2024/03/05/x")):
        assert _authors(_page(f'<meta name="author" content="{name}">'), url) == [], name
    assert _authors(_page('<meta name="author" content="Иван Петров">'), "https://www.kommersant.ru/doc/1") == ["Иван Петров"]


def test_an_outlets_possessive_before_the_writer_is_no_part_of_the_name():
    """"By CNN's Jane Roe and CNN's John Doe", "By CGTN's Wang Xiaoming": the outlet's
    possessive says where the writer works."""
    story = "<p>" + "The council met to debate the budget. " * 30 + "</p>"
    for byline, want in (("By CNN's Jane Roe and CNN's John Doe", ["Jane Roe", "John Doe"]),
                         ("By CGTN's Wang Xiaoming", ["Wang Xiaoming"]), ("By Bloomberg’s Jane Roe", ["Jane Roe"])):
        assert _authors(_page(body=f'<p class="byline">{byline}</p>{story}')) == want, byline


def test_a_byline_elements_label_or_other_credit_is_no_writer():
    """trafilatura's byline search by class names read "Contributor: Jane Roe" as the
    name "Contributor Jane Roe", "Photos: John Doe" as a name, and credited a sponsor
    ("Sponsored by Acme Shipping"): a one-word label before a colon is no part of a name,
    the pictures', the editing's and a sponsor's credits name no writer; other credits
    by name ("Submitted by", Drupal's) stay the writer's."""
    byline = '<div class="byline">{}</div>'
    for credit, want in (("Contributor: Jane Roe", ["Jane Roe"]), ("Contributors: Jane Roe, John Doe", ["Jane Roe", "John Doe"]),
                         ("Photos: John Doe", []), ("Editing: John Doe", []), ("Edited by John Doe", []),
                         ("Sponsored by Acme Shipping", []), ("Presented by Acme Shipping", []),
                         ("Written by Jane Roe", ["Jane Roe"]), ("Jane Roe", ["Jane Roe"]),
                         ("Submitted by Jane Roe", ["Jane Roe"]), ("Written and reported by Jane Roe", ["Jane Roe"])):
        assert _authors(_page(body=byline.format(credit))) == want, credit


def test_bylines_crediting_a_kind_of_writing():
    """"Guest essay by X", "Column by X", "Review by X": the writer, in a byline element,
    in any element and as a line of the text; "Reviewed by" (a medical reviewer) is not."""
    story = "<p>" + "The council met to debate the budget. " * 30 + "</p>"
    for kind in ("Guest essay", "Essay", "Column", "Guest column", "Guest post", "Review"):
        for wrap in ('<div class="byline">{} by Jane Roe</div>', "<div class='x1'>{} by Jane Roe</div>"):
            assert _authors(_page(body=wrap.format(kind) + story)) == ["Jane Roe"], (kind, wrap)
        assert _authors(_page(), text=f"{kind} by Jane Roe\n" + "The council met to debate the budget. " * 30) == ["Jane Roe"], kind
    assert _authors(_page(body='<div class="byline">Medically reviewed by Anna Berg</div>' + story)) == []


def test_the_outlets_staff_as_the_only_credit():
    """A page whose author meta tag and byline credit only "Slate Staff" is by that
    desk (as the labelled data and bare trafilatura read it); a person named anywhere
    wins, and "Staff reports", "Senior Staff", a byline's "News Staff" without the tag
    and a site name in the tag credit nobody."""
    byline = '<div class="byline">By <a href="/author/slate-staff">{}</a></div>'
    for credit in ("Slate Staff", "Hollywood.com Staff", "U.S. News Staff"):
        assert _authors(_page(f'<meta name="author" content="{credit}">', byline.format(credit))) == [credit]
    assert _authors(_page('<meta name="author" content="Slate Staff">', byline.format("Jane Roe"))) == ["Jane Roe"]
    head_person = _ld({"@type": "NewsArticle", "author": {"@type": "Person", "name": "Jane Roe"}})
    assert _authors(_page(head_person + '<meta name="author" content="Slate Staff">')) == ["Jane Roe"]
    for credit in ("Staff reports", "Senior Staff", "Staff", "Staff Writer", "slate staff"):
        assert _authors(_page(f'<meta name="author" content="{credit}">', byline.format(credit))) == [], credit
    assert _authors(_page("", byline.format("News Staff"))) == []
    assert _authors(_page('<meta name="author" content="mlssoccer">')) == []


def test_a_stated_author_credited_only_for_the_pictures_is_no_writer():
    """Condé Nast pages list the photographer and the stylist as the article's JSON-LD
    authors beside the writer; the byline says who did what ("Photography by John Doe"):
    the one credited only for the pictures is no writer. Credited also for words, or
    credited nowhere, they stay; so does a lone stated author."""
    head = _ld({"@type": "NewsArticle", "author": [{"@type": "Person", "name": n} for n in ("Jane Roe", "John Doe", "Ann Lee")]})
    pictures = '<p class="byline"><span>Photography by </span><a href="/contributor/john-doe">John Doe</a></p>'
    assert _authors(_page(head, pictures + "<p>Styled by Ann Lee</p>")) == ["Jane Roe"]
    assert _authors(_page(head, pictures)) == ["Jane Roe", "Ann Lee"]
    names = ["Jane Roe", "John Doe"]
    for credit in ("<p>Text and photos by John Doe</p>", pictures + "<p>Reporting by John Doe</p>", "<p>Photos by Johnny</p>"):
        tree = _load_tree(_page(body=credit))
        assert tree is not None and without_picture_credits(tree, names) == names, credit
    lone = _ld({"@type": "NewsArticle", "author": {"@type": "Person", "name": "John Doe"}})
    assert _authors(_page(lone, pictures)) == ["John Doe"]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="by AbJaneRo_é1\n.,", max_size=60), st.sampled_from(["Jane Roe", "Roe", "b", "y Ja"]))
@example("Abby Jane Roe by Jane Roe", "Jane Roe")
@example("by by Jane Roe", "Jane Roe")
def test_credits_by_finds_what_the_word_bounded_pattern_finds(text, name):
    """The picture-credit check scans a page's whole text for "by <name>" without the
    pattern's leading word boundary (so re skips to its literal "by") and checks the
    boundary at each match: it must find exactly what the bounded pattern finds."""
    from pipeline.extract.authors.pictures import _credits_by

    want = [m.start() for m in re.finditer(r"\bby\s+" + re.escape(name) + r"\b", text)]
    assert _credits_by(text, name) == want


@pytest.mark.parametrize("wrapper", [
    "<span>By</span>" * 300,  # lone openers, no link after any: the card case's search finds none
    "<span>By</span><a href='/a'>Jane Roe</a>" * 300,
    "<a href='/x'>x</a> by Jane Roe " * 300,  # tails opening a byline after a link
])
def test_a_wrapper_of_many_byline_openers_is_read_once(monkeypatch, wrapper):
    """Each "By" of a wrapper holding hundreds of them took the wrapper's line again (and
    searched every later sibling for a link): a page so built cost seconds per wrapper.
    Each element's line is read once, each text cleaned a bounded number of times."""
    from collections import Counter

    from pipeline.extract.authors import bylines

    lines: Counter = Counter()
    cleaned = [0]
    first_line, clean_text = bylines._first_line, bylines.clean_text

    def counted_line(el):
        lines[el] += 1
        return first_line(el)

    def counted_clean(s):
        cleaned[0] += 1
        return clean_text(s)

    monkeypatch.setattr(bylines, "_first_line", counted_line)
    monkeypatch.setattr(bylines, "clean_text", counted_clean)
    tree = _load_tree(f"<html><body><article><h1>Headline</h1><div><p>{wrapper}</p></div></article></body></html>")
    list(bylines._short_texts(tree))
    assert lines and max(lines.values()) == 1
    assert cleaned[0] <= 5 * 300


def _in_prose_as_read_before(a) -> bool:
    """`bylines.in_prose` as it read each link's paragraph or line anew (the spec the
    memo keeps)."""
    from pipeline.extract.authors.bylines import INLINE, _opens_byline

    block = a.getparent()
    while block is not None and block.tag not in ("p", "li", "blockquote", "td", "dd"):
        block = block.getparent()
    if block is None:
        top = a
        while (parent := top.getparent()) is not None and isinstance(parent.tag, str) and parent.tag in INLINE:
            top = parent
        parent = top.getparent()
        if parent is None:
            line = top.text_content()
        else:
            kids = list(parent)
            start = end = kids.index(top)
            while start > 0 and isinstance(kids[start - 1].tag, str) and kids[start - 1].tag in INLINE:
                start -= 1
            while end + 1 < len(kids) and isinstance(kids[end + 1].tag, str) and kids[end + 1].tag in INLINE:
                end += 1
            parts = [(kids[start - 1].tail if start > 0 else parent.text) or ""]
            for k in kids[start : end + 1]:
                parts += [k.text_content(), k.tail or ""]
            line = " ".join(parts)
        text = " ".join(line.split())
        if text[-1:] not in ".?!":
            return False
    else:
        text = " ".join(block.text_content().split())
    link = " ".join(a.text_content().split())
    if len(text) >= 120 and len(link) < 0.25 * len(text):
        return True
    rest = len(text.split()) - len(link.split())
    return rest >= 6 and text[-1:] in ".?!" and not _opens_byline(text)


_PROSE_PIECES = st.sampled_from([
    "<a href='/author/jane-roe'>Jane Roe</a>", "<a href='/x'>a long link text of several words</a>", " By ", " and ",
    "<br>", "<span>", "</span>", "<b>", "</b>", "<div>", "</div>", "<p>", "</p>", "<li>", "</li>",
    " the council voted on Tuesday to extend the program. ", "Written by", ".", " said officials?", "记者 ",
])


@given(st.lists(_PROSE_PIECES, max_size=40).map("".join))
def test_in_prose_with_a_page_memo_answers_as_read_anew(body):
    """One memo shared by every link of a page answers as reading each link's paragraph
    or line anew did, for links in paragraphs, in <br> lines and in inline runs."""
    from pipeline.extract.authors.bylines import ProseMemo, in_prose

    tree = _load_tree(f"<html><body><div>{body}</div><a href='/author/x'>X</a></body></html>")
    memo = ProseMemo()
    for a in tree.iter("a"):
        assert in_prose(a, memo) == in_prose(a) == _in_prose_as_read_before(a)


def test_a_staff_list_is_read_once_for_its_links(monkeypatch):
    """A block of a thousand links to archive pages (a staff page, a tag cloud of people)
    was searched again for each link in it: each block is searched once now."""
    from pipeline.extract.authors import archive

    searched = [0]

    class Counted:
        def search(self, s):
            searched[0] += 1
            return archive.ARCHIVE_PATH_REAL.search(s)

    teasers = [0]
    in_teaser = archive.in_teaser

    def counted_teaser(a):
        teasers[0] += 1
        return in_teaser(a)

    monkeypatch.setattr(archive, "ARCHIVE_PATH_REAL", archive.ARCHIVE_PATH, raising=False)
    monkeypatch.setattr(archive, "ARCHIVE_PATH", Counted())
    monkeypatch.setattr(archive, "in_teaser", counted_teaser)
    links = "".join(f"<a href='/author/writer-{i}'>Writer {i}</a> " for i in range(1000))
    tree = _load_tree(f"<html><body><h1>Headline</h1><div><div>{links}</div></div></body></html>")
    assert archive.archive_link_author(tree, []) == []  # a list of people names no writer
    assert searched[0] <= 6 * 1000
    # the list check, read once per block, comes before the teaser check (which reads
    # each link's blocks' whole text)
    assert teasers[0] == 0


def test_a_wires_job_run_on_after_the_names():
    """AP's byline is two lines, "By JANE ROE" and "AP Sports Writer"; joined, the wire
    before the job is no part of the last name (nor of the second of two names)."""
    for raw in ("By JANE ROE AP Sports Writer", "By JANE ROE AP Writer", "By Jane Roe The Associated Press Writer",
                "By Jane Roe AFP Correspondent", "By Jane Roe Reuters correspondent"):
        assert split_names(raw, [], strict=True) == ["Jane Roe"], raw
    assert split_names("By JANE ROE and JOHN DOE AP Business Writers", [], strict=True) == ["Jane Roe", "John Doe"]
    page = '<div class="byline">JANE ROE AP Sports Writer</div>'
    assert _authors(_page(body=page)) == ["Jane Roe"]


@given(st.lists(st.text(min_size=1, max_size=20), min_size=1, max_size=4), st.text(max_size=120), st.text(max_size=40))
def test_any_stated_names_page_text_and_author_tag_give_names_never_raise(names, credit, tag):
    """The picture-credit filter keeps a non-empty part of the stated names, in their
    order, whatever the page says; the staff credit is at most the tag as it reads."""
    import html as htmlmod

    from pipeline.extract.authors.staff import staff_credit

    tree = _load_tree(_page(f'<meta name="author" content="{htmlmod.escape(tag)}">', f"<p>{htmlmod.escape(credit)}</p>"))
    if tree is None:
        return
    kept = without_picture_credits(tree, names)
    rest = iter(names)
    assert kept and all(any(n == m for m in rest) for n in kept)  # a part of them, in their order
    assert all(s.endswith("Staff") and " ".join(s.split()) == s for s in staff_credit(read_page_meta(tree)))


def test_a_byline_run_into_the_dateline_in_one_paragraph():
    """A wire story's first paragraph may open with its byline and go straight on into the
    dateline ("By Jane Roe WASHINGTON — The Senate ..."): the names are the writers; a
    sentence that opens with "By" and names no one, or names in capitals that cannot be
    told from the dateline, gives none."""
    story = "The Senate voted on Tuesday to pass the measure after a long night of debate. " * 3
    cases = {
        "By Jane Roe and John Doe WASHINGTON — ": ["Jane Roe", "John Doe"],
        "By Jane Roe HAYWARD, Calif. (AP) — ": ["Jane Roe"],
        "By Jane Q. Roe, John Doe and Ann Lee NEW YORK -- ": ["Jane Q. Roe", "John Doe", "Ann Lee"],
    }
    for line, names in cases.items():
        assert _authors(_page(), text=f"{line}{story}\n{story}") == names, line
    for line in ("By Tuesday NATO — ", "By JANE ROE WASHINGTON — ", "By the end of the year the UN — "):
        assert _authors(_page(), text=f"{line}{story}\n{story}") == [], line


def test_an_agency_run_on_after_the_name_in_its_own_case():
    """A byline whose name and agency sit in two spans, joined with no separator: an
    agency in capitals after a name in lower case ("Jane Roe AFP") and "Bloomberg" after a
    whole name are the affiliation; a name that is or may be the agency's word stays."""
    for raw, names in (("By Jane Roe AFP", ["Jane Roe"]), ("By Jane Roe AP", ["Jane Roe"]),
                       ("By Jane Roe Bloomberg", ["Jane Roe"]), ("By Jane Roe and John Doe AFP", ["Jane Roe", "John Doe"]),
                       ("By Jane Roe TASS", ["Jane Roe"]),
                       ("By Michael Bloomberg", ["Michael Bloomberg"]), ("By Michael R. Bloomberg", ["Michael R. Bloomberg"]),
                       ("By JANE ROE ANI", ["Jane Roe Ani"]), ("By Jane Roe Tass", ["Jane Roe Tass"])):
        assert split_names(raw, [], strict=True) == names, raw
    page = '<p class="byline">By <a href="/people/jane-roe">Jane Roe</a><span class="agency">AFP</span></p>'
    assert _authors(_page(body=page)) == ["Jane Roe"]


def test_names_and_their_agency_as_the_first_or_closing_line():
    """A wire story credited in a line of its own with no "By" ("Jane Roe, Reuters",
    "Иван Петров, РИА Новости"), first or last: the names are the writers. The same line
    printed in an image's block is the photographer's credit (the USA Today network's
    form); a photo credit's slash, a dateline or a sentence naming an agency credit no one."""
    story = "The president met the Chinese leader in the Kremlin on Tuesday evening for talks. " * 3
    cases = {
        "Jane Roe, Reuters": ["Jane Roe"],
        "— Jane Roe and John Doe, The Associated Press": ["Jane Roe", "John Doe"],
        "Jane Q. Roe, John Doe and Ann Lee, AFP": ["Jane Q. Roe", "John Doe", "Ann Lee"],
        "Иван Петров, РИА Новости": ["Иван Петров"],
    }
    for line, names in cases.items():
        assert _authors(_page(body=f"<p>{line}</p>"), text=f"{line}\n{story}\n{story}") == names, line
        assert _authors(_page(body=f"<p>{line}</p>"), text=f"{story}\n{story}\n{story}\n{line}") == names, line
    for line in ("Jane Roe/Reuters", "Washington, Reuters", "Reuters, AFP", "Jane Roe is a reporter for Reuters.",
                 "New York Stock Exchange, Bloomberg", "JANE ROE, REUTERS TV"):
        assert _authors(_page(), text=f"{line}\n{story}\n{story}") == [], line
    credit = "Al Goldis, Associated Press"
    for block in (f"<div><div><img src='/a.jpg'></div><div><div>The quarterback runs</div><div>{credit}</div></div></div>",
                  f"<figure><img src='/a.jpg'><figcaption>The quarterback runs <span>{credit}</span></figcaption></figure>"):
        assert _authors(_page(body=block), text=f"The quarterback runs\n{credit}\n{story}\n{story}") == [], block


def test_a_byline_marked_by_a_component_or_test_hook():
    """Sites that hash their class names mark the byline for their own code instead (the
    BBC's data-testid="byline-new-contributors", data-component="byline-block", a
    "TextContributorName" class): with no "By" the name is still their writer's."""
    for block in ("<div data-testid='byline-new-contributors'><span class='x1'>Jane Roe</span></div>",
                  "<div data-component='byline-block'><div class='x2'>Jane Roe</div></div>",
                  "<div class='ssrcss-68pt20-Text-TextContributorName'>Jane Roe</div>",
                  "<div class='contributor-name'>Jane Roe</div>"):
        assert _authors(_page(body=block)) == ["Jane Roe"], block
    # the same markup with nothing in it names nobody; a hook of another kind is no byline
    assert _authors(_page(body="<div data-testid='byline-timestamp'>May 16, 2024</div>")) == []
    assert _authors(_page(body="<div data-testid='headline-card'><span>Jane Roe</span></div>")) == []


def test_a_byline_elements_lines_are_read_apart():
    """A byline element that prints the writer's job, the date or a co-author in blocks of
    their own: the name line is the name ("Jane Roe", not "Jane Roe Senior Foreign"),
    a job's line or a date's names no one, a line crediting the pictures is no writer's;
    an avatar does not break the line of names; co-authors' blocks of the same class
    beside it are theirs."""
    cases = {
        "<div class='author'><a href='/p/1'>Jane Roe</a><p>Senior Foreign Affairs Correspondent</p></div>": ["Jane Roe"],
        "<div class='author'>Jane Roe<br>White House Correspondent</div>": ["Jane Roe"],
        "<div data-testid='byline'><span>Jane Roe</span><div>Russia editor</div></div>": ["Jane Roe"],
        "<div class='author-info'><a>Jane Roe</a><div>Published May 16, 2024</div></div>": ["Jane Roe"],
        "<div class='byline'><p>Photos: John Doe</p><p>By Jane Roe</p></div>": ["Jane Roe"],
        "<div class='author'><div>By</div><div>Jane Roe, Staff Writer</div></div>": ["Jane Roe"],
        "<div class='author'><p>Jane Roe</p><p>and John Doe</p></div>": ["Jane Roe", "John Doe"],
        "<div class='byline'><img src='/a.jpg'>Jane Roe <img src='/b.jpg'>and John Doe</div>": ["Jane Roe", "John Doe"],
        "<div class='authors'><div class='author'><a>Jane Roe</a><span>Correspondent</span></div>"
        "<div class='author'><a>John Doe</a><span>Editor</span></div></div>": ["Jane Roe", "John Doe"],
    }
    for block, names in cases.items():
        assert _authors(_page(body=block)) == names, block
    # a job alone in its line, with no name beside it, names no one
    assert _authors(_page(body="<div class='author'><p>Senior Foreign Affairs Correspondent</p><p>May 16</p></div>")) == []


def test_chinese_and_russian_credits_set_off_by_a_bar_or_a_dash():
    """Features print "作者｜X", "文、图/X" (text and pictures), Russian credits "Автор — X",
    "Текст — X": the bar, slash or dash sets the credit off as the colon does."""
    story_zh = "北京峰会继续举行，双方领导人讨论了能源、贸易和安全问题。" * 4
    story_ru = "Переговоры в Пекине продолжились, лидеры обсудили энергетику и торговлю. " * 4
    cases = {"作者｜王五": ["王五"], "文、图/王五": ["王五"], "图文｜王五": ["王五"],
             "Автор — Иван Петров": ["Иван Петров"], "Текст — Иван Петров": ["Иван Петров"]}
    for credit, names in cases.items():
        story = story_ru if credit[0] in "АТ" else story_zh
        assert _authors(_page(body=f"<div class='info'>{credit}</div>"), text=f"{credit}\n{story}") == names, credit
        assert _authors(_page(body=f"<div class='info'>{credit}</div>")) == names, credit  # not in the text read
        assert _authors(_page(body=f"<div class='byline'>{credit}</div>")) == names, credit
    # a sentence opening "Текст — это" names no one
    line = "Текст — это главный документ переговоров, сказал министр."
    assert _authors(_page(body=f"<p>{line}</p>"), text=f"{line}\n{story_ru}") == []


def test_a_photographers_or_rights_holders_credit_is_no_writers():
    """"新华社记者 X 摄" under a picture (摄: photographed by) and "© X / РИА Новости"
    credit the picture; "新华社记者 X 报道" and "记者 X" credit the writer."""
    story = "北京峰会继续举行，双方领导人讨论了能源、贸易和安全问题。" * 4
    for line in ("新华社记者 王五 摄", "（记者 王五 摄）"):
        assert _authors(_page(body=f"<p>{line}</p>"), text=f"{story}\n{line}\n{story}") == [], line
    for line in ("新华社记者 王五 报道", "记者 王五"):
        assert _authors(_page(body=f"<p>{line}</p>"), text=f"{line}\n{story}") == ["王五"], line
    assert _authors(_page(body="<div class='author'>© Иван Петров / РИА Новости</div>")) == []
    assert _authors(_page(body="<div class='author'>Иван Петров / РИА Новости</div>")) == ["Иван Петров"]


def test_a_grade_after_the_names_opens_the_job_whatever_desk_follows():
    """"Jane Roe Senior Foreign Affairs Correspondent" in one line: the grade and the
    capitalised desk words after it are the job ("Jane Roe Senior Foreign" before); a grade
    straight before the job and an outlet in between keep their readings."""
    for raw, names in (("By Jane Roe Senior Foreign Affairs Correspondent", ["Jane Roe"]),
                       ("Jane Roe Chief Middle East Correspondent", ["Jane Roe"]),
                       ("Marco De Luca Senior Contributor", ["Marco De Luca"]),
                       ("Jane Roe Senior Staff Writer", ["Jane Roe"])):
        assert split_names(raw, [], strict=True) == names, raw
    assert split_names("Bob Condotta Seattle Times staff reporter", ["The Seattle Times"], strict=True) == ["Bob Condotta"]
    assert _authors(_page(body="<p class='byline'>By Jane Roe Senior Foreign Affairs Correspondent</p>")) == ["Jane Roe"]


def test_a_chinese_outlets_name_its_host_spells_in_pinyin_is_no_writer():
    """Caixin's "文｜财新 王五": "财新" is the outlet, as its host spells it (caixin.com),
    and so is a meta author "环球" on huanqiu.com; a reporter whose name opens with a
    family name is a person even where the host spells it too ("蔡欣", cai xin)."""
    url = "https://international.caixin.com/2024-05-16/102000000.html"
    assert _authors(_page(body="<div class='artInfo'>文｜财新 王五</div>"), url) == ["王五"]
    assert _authors(_page(body="<div class='author'>文｜财新 蔡欣</div>"), url) == ["蔡欣"]
    assert split_names("文｜财新 王五", [url.split("/")[2]], strict=True) == ["王五"]
    head = '<meta name="author" content="环球">'
    assert _authors(_page(head), "https://world.huanqiu.com/article/4Hx") == []
    assert _authors(_page(head), "https://news.example.com/a/1") == ["环球"]


def test_a_russian_wires_correspondent_in_its_dateline_is_the_writer():
    # TASS signs its correspondents' stories in the dateline, in the story's first line
    lead = "ПЕКИН, 16 мая. /{}/. Президент России и председатель КНР провели переговоры в Пекине."
    rest = "\n".join(["Лидеры подписали совместное заявление о партнерстве.", "Переговоры продолжались более трех часов."])
    for credit, want in (("Корр. ТАСС Иван Петров", ["Иван Петров"]), ("Спец. корр. ТАСС Иван Петров", ["Иван Петров"]),
                         ("Корр. ИТАР-ТАСС Иван Петров, Ольга Смирнова", ["Иван Петров", "Ольга Смирнова"]),
                         ("ТАСС", [])):  # the agency alone credits no one
        text = lead.format(credit) + "\n" + rest
        body = "".join(f"<p>{p}</p>" for p in text.split("\n"))
        assert _authors(f"<html><body><article><h1>Переговоры</h1>{body}</article></body></html>",
                        "https://tass.ru/politika/123", text) == want


def test_a_jsonld_name_written_with_the_bylines_markup_is_read_as_shown():
    for name in ("<a href='/people/jane-roe'>Jane Roe</a>", "Jane&nbsp;Roe", "<span class=\"name\">Jane  Roe</span>"):
        head = _ld({"@type": "NewsArticle", "author": {"@type": "Person", "name": name}})
        assert _authors(_page(head)) == ["Jane Roe"], name
    assert _authors(_page(_ld({"@type": "NewsArticle", "author": "<b>Jane Roe</b>"}))) == ["Jane Roe"]


@pytest.mark.parametrize("credit", ["Jane Roe, USA TODAY", "Jane Roe, USA TODAY NETWORK", "Jane Roe, Detroit Free Press",
                                    "Jane Roe, BBC World Service", "By Jane Roe, NEW YORK POST"])
def test_the_outlet_credited_beside_a_writer_is_no_writer(credit):
    # the USA TODAY network's papers credit the outlet a story comes from after the name
    # (no statement of the page names that outlet: the page is another paper's)
    assert _authors(_page(body=f'<div class="byline">{credit}</div>')) == ["Jane Roe"]
    assert _authors(_page(f'<meta name="author" content="{credit}">')) == ["Jane Roe"]
    two = credit.replace("Jane Roe", "Jane Roe and John Doe")
    assert _authors(_page(body=f'<div class="byline">{two}</div>')) == ["Jane Roe", "John Doe"]


def test_an_outlet_credited_alone_or_names_in_capitals_stay():
    assert _authors(_page('<meta name="author" content="Chicago Tribune">')) == ["Chicago Tribune"]
    assert _authors(_page(body='<div class="byline">By JANE ROE, JOHN DOE</div>')) == ["Jane Roe", "John Doe"]
    # the name in capitals, then the job (Hearst's AP stories): the capitals are the name's
    head = _ld({"@type": "NewsArticle", "author": {"@type": "Person", "name": "By TOM KRISHER, AP Auto Writer"}})
    assert _authors(_page(head)) == ["Tom Krisher"]
    head = _ld({"@type": "NewsArticle", "author": [{"@type": "Person", "name": "Jane Roe"}, {"@type": "Person", "name": "USA TODAY"}]})
    assert _authors(_page(head)) == ["Jane Roe"]


def test_a_russian_outlet_quoted_beside_the_writer_is_no_writer():
    for credit in ("Иван Петров, «Российская газета»", "Иван Петров, «Московский комсомолец»"):
        assert _authors(_page(body=f'<div class="author">{credit}</div>'), "https://news.example.ru/2024/05/16/x") == ["Иван Петров"]


@pytest.mark.parametrize("first, want", [
    ("21世纪经济报道记者 张三 北京报道 国家主席16日同俄罗斯总统举行会谈。", ["张三"]),  # a desk with digits; where it was filed
    ("本报北京5月16日电 （记者 张三 北京报道）国家主席16日同俄罗斯总统举行会谈。", ["张三"]),
    ("（记者 张三 李四 报道）国家主席16日同俄罗斯总统举行会谈。", ["张三", "李四"]),
    ("【环球时报特约记者 张三】国家主席16日同俄罗斯总统举行会谈。", ["张三"]),
    ("【环球时报驻俄罗斯特约记者 张三 环球时报记者 李四】国家主席16日同俄罗斯总统举行会谈。", ["张三", "李四"]),
    ("新京报记者 张三 编辑 李四 校对 王五 国家主席16日同俄罗斯总统举行会谈。", ["张三"]),  # the editor's, the proofreader's
])
def test_chinese_desks_postings_and_the_credits_after_the_writer(first, want):
    rest = "两国元首一致同意，继续深化全面战略协作伙伴关系。"
    text = f"{first}\n{rest}"
    body = "".join(f"<p>{p}</p>" for p in text.split("\n"))
    assert _authors(f"<html><body><article><h1>会谈</h1>{body}</article></body></html>",
                    "https://news.example.cn/2024/05/16/a.html", text) == want


def test_a_chinese_desk_before_the_reporter_in_an_author_element_is_no_writer():
    assert _authors(_page(body='<div class="author">第一财经记者 张三</div>'), "https://news.example.cn/a.html") == ["张三"]


def test_a_writer_after_the_agency_in_a_russian_dateline_is_the_writer():
    # RIA's correspondents' stories: "МОСКВА, 16 мая — РИА Новости, Иван Петров."
    rest = "Лидеры подписали совместное заявление о партнерстве."
    for lead, want in (("НЬЮ-ЙОРК, 16 янв — РИА Новости, Иван Петров. Президент провел переговоры.", ["Иван Петров"]),
                       ("МОСКВА, 16 мая — РИА Новости, Иван Петров и Ольга Смирнова. Президент провел переговоры.",
                        ["Иван Петров", "Ольга Смирнова"]),
                       ("МОСКВА, 16 мая — РИА Новости, сообщил Иван Петров. Президент провел переговоры.", []),
                       ("МОСКВА, 16 мая — РИА Новости. Как сказал РИА Новости, Иван Петров, переговоры прошли.", [])):
        text = f"{lead}\n{rest}"
        body = "".join(f"<p>{p}</p>" for p in text.split("\n"))
        assert _authors(f"<html><body><article><h1>Переговоры</h1>{body}</article></body></html>",
                        "https://ria.ru/20240516/x.html", text) == want, lead


@pytest.mark.parametrize("credit, want", [("By Jane Roe ABC News", ["Jane Roe"]), ("Jane Roe CNN", ["Jane Roe"]),
                                          ("By Jane Roe and John Doe NBC News", ["Jane Roe", "John Doe"]),
                                          ("By John Doe III", ["John Doe III"])])
def test_an_outlet_known_by_its_initials_run_on_after_the_name_is_no_part_of_it(credit, want):
    # the byline's two lines ("By Jane Roe" / "ABC News") joined where the markup parts them by style only
    assert _authors(_page(body=f'<div class="byline">{credit}</div>')) == want
    assert _authors(_page(f'<meta name="author" content="{credit.removeprefix("By ")}">')) == want


def _person(name: str, itemtype: str = "https://schema.org/Person", tag: str = "div", prop: str = "author") -> str:
    return f'<{tag} itemprop="{prop}" itemscope itemtype="{itemtype}"><meta itemprop="name" content="{name}"></{tag}>'


def test_a_microdata_person_states_its_name_in_an_unprinted_meta():
    # WordPress themes (and Russian and Chinese CMSs) state the author as a microdata
    # Person whose name is only a <meta>: nothing on the page prints it
    assert _authors(_page(body=_person("Jane Roe"))) == ["Jane Roe"]
    assert _authors(_page(body=_person("Jane Roe", tag="span") + _person("John Doe"))) == ["Jane Roe", "John Doe"]
    assert _authors(_page(body=_person("Иван Петров"))) == ["Иван Петров"]
    assert _authors(_page(body=_person("张三"))) == ["张三"]
    # the name, not the job printed beside it; "author creator" is the author too
    shown = ('<p itemprop="author creator" itemscope itemtype="http://schema.org/Person"><span itemprop="name">Jane Roe'
             '</span> <span itemprop="jobTitle">Transport Reporter</span></p>')
    assert _authors(_page(body=shown)) == ["Jane Roe"]
    # the Person's own name, not that of the Organization it works for, stated first within it
    works = ('<div itemprop="author" itemscope itemtype="https://schema.org/Person"><div itemprop="worksFor" itemscope '
             'itemtype="https://schema.org/Organization"><meta itemprop="name" content="Acme Media"></div>'
             '<meta itemprop="name" content="Jane Roe"></div>')
    assert _authors(_page(body=works)) == ["Jane Roe"]
    # an Organization, the site's staff, a job, a reader in the comments, no name: no writer
    assert _authors(_page(body=_person("Reuters", "https://schema.org/Organization"))) == []
    assert _authors(_page(body=_person("Executive Content Editor"))) == []
    thread = f'<section id="comments"><div class="comment">{_person("Bob Reader")}<p>Great story!</p></div></section>'
    assert _authors(_page(body=thread)) == []
    assert _authors(_page(body='<div itemprop="author" itemscope><meta itemprop="url" content="/a/jr"></div>')) == []
    # the JSON-LD statement comes first
    assert _authors(_page(_ld({"@type": "NewsArticle", "author": {"@type": "Person", "name": "John Doe"}}),
                          _person("Jane Roe"))) == ["John Doe"]
