"""Body rules of issue 12, each on a page written here (modelled on the kind of markup,
not copied from any page of the eval sets)."""

from __future__ import annotations

import json
from html import escape

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract import extract_article
from pipeline.extract.cleanup import clean_body, stated_authors
from pipeline.extract.cleanup.ends import _opens_with_name
from pipeline.extract.jsonld import read_page_meta
from pipeline.extract.strings import _load_tree, _norm

STORY = [
    "The harbour board approved on Monday a plan to deepen the northern channel so that larger ferries can dock in winter.",
    "Work is due to start in March and to last about eighteen months, the board said, at a cost shared with the region.",
    "Fishermen who use the channel said they had asked for the work for a decade, after two groundings in heavy weather.",
    "The board will publish the timetable of closures in February, and the old pier will stay open during the work.",
]
BIO = "Mara Lindqvist is our transport correspondent and has covered ports and shipping for the paper since 2015."


def _page(author: str, closing: str) -> str:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Harbour channel to be deepened",
          "author": {"@type": "Person", "name": author}}
    paras = "".join(f"<p>{p}</p>" for p in STORY + [closing])
    return (f'<html><head><script type="application/ld+json">{json.dumps(ld)}</script>'
            f"<title>Harbour channel to be deepened</title></head><body><article><h1>Harbour channel to be deepened</h1>"
            f"{paras}</article></body></html>")


def test_closing_bio_that_names_the_stated_author_is_dropped():
    got = extract_article(_page("Mara Lindqvist", BIO), "https://news.example.org/2024/01/harbour-channel")
    assert got is not None and got.text
    assert "transport correspondent" not in got.text
    assert got.text.split("\n")[-1] == STORY[-1]


def test_closing_paragraph_about_someone_else_stays():
    # the same sentence about a person who is not the page's author is story
    got = extract_article(_page("Tomas Berg", BIO), "https://news.example.org/2024/01/harbour-channel")
    assert got is not None and got.text
    assert got.text.split("\n")[-1] == BIO


def test_bio_rule_reads_only_the_closing_lines_and_not_a_speaker():
    names = ["Mara Lindqvist"]
    text = "\n".join([BIO] + STORY)  # the name opening the story is not the bio
    assert clean_body(text, None, set(), authors=names) == text
    quote = "Mara Lindqvist: the channel was last dredged in 1987, and the ferries have grown since."
    assert not _opens_with_name(quote, names)  # a speaker in a transcript
    assert _opens_with_name("• Mara Lindqvist, a former harbour pilot, is the paper's transport editor.", names)
    dropped: list[tuple[str, str]] = []
    assert clean_body("\n".join(STORY + [BIO]), None, set(), dropped=dropped, authors=names) == "\n".join(STORY)
    assert dropped == [("author's bio (opens with the author's name)", BIO)]


def test_stated_authors_are_people_with_two_words_or_more():
    html = ('<html><head><meta name="author" content="By Ana Ruiz and Li Wei"><meta name="byl" content="Staff">'
            '<script type="application/ld+json">{"@type": "Article", "author": [{"@type": "Person", "name": "Ana Ruiz"}]}'
            "</script></head><body></body></html>")
    tree = _load_tree(html)
    assert tree is not None
    assert stated_authors(read_page_meta(tree)) == ["Ana Ruiz", "Li Wei"]


def test_a_page_stating_more_writers_than_the_regex_cache_reads_them_in_order_once():
    """A paper's page may state thousands of writers (one pattern for all of them, and a
    dict for the order: per-name patterns and list lookups made this seconds a page):
    each name once, in order, and the bio of the 900th still dropped, a speaker kept."""
    names = [f"Mara Lindqvist{'i' * (n % 7)} {chr(65 + n % 26)}{n:04d}son" for n in range(1200)]
    ld = {"@type": "ScholarlyArticle", "author": [{"@type": "Person", "name": n} for n in names + names[:50]]}
    tree = _load_tree(f'<html><head><script type="application/ld+json">{json.dumps(ld)}</script></head><body></body></html>')
    assert tree is not None
    stated = stated_authors(read_page_meta(tree))
    assert stated == names
    bio = f"{names[900]} is our transport correspondent and has covered ports for the paper since 2015."
    assert clean_body("\n".join(STORY + [bio]), None, set(), authors=stated) == "\n".join(STORY)
    speaker = f"{names[900]}: the channel was last dredged in 1987, and the ferries have grown since."
    assert clean_body("\n".join(STORY + [speaker]), None, set(), authors=stated).split("\n")[-1] == speaker


_NAME_TEXT = st.text(st.sampled_from("Jane Roe-ÅßİK:,. \u5f20\u4f1f"), max_size=14)


@settings(max_examples=200, deadline=None)
@given(names=st.lists(_NAME_TEXT, max_size=5), line=_NAME_TEXT)
def test_opening_name_with_one_pattern_is_any_name_with_its_own(names: list[str], line: str) -> None:
    """The one pattern for all names answers as each name's own pattern would."""
    import re

    def own(name: str) -> bool:
        words = re.findall(r"\w+", name)
        return re.match(r"^\W{0,3}" + r"\W+".join(map(re.escape, words)) + r"(?![\w:]|\s*:)", line, re.I) is not None

    assert _opens_with_name(line, names) == any(own(n) for n in names)


SOURCES = [f"Interview with harbour pilot number {i}, conducted by phone on 12 January 2024 about the channel depth." for i in range(6)]


def test_guard_does_not_undo_a_sources_list_removed_by_name():
    # the sources list is longer than the story: the cleanup keeps less than half of
    # trafilatura's text, but names why (a "Sources" heading closing the text)
    items = "".join(f"<p>{s}</p>" for s in SOURCES)
    html = (f"<html><head><title>Harbour channel to be deepened</title></head><body><article>"
            f"<h1>Harbour channel to be deepened</h1>{''.join(f'<p>{p}</p>' for p in STORY)}"
            f"<p>Sources:</p>{items}</article></body></html>")
    got = extract_article(html, "https://news.example.org/2024/01/harbour-channel")
    assert got is not None and got.text
    assert got.text.split("\n") == STORY
    assert "guard" not in got.method


def test_guard_reference_leaves_out_only_blocks_removed_by_name():
    from pipeline.extract.body import _unnamed_part

    first = "\n".join(STORY + SOURCES)
    named = [("sources list closing the text", s) for s in SOURCES]
    assert _unnamed_part(first, named) == "\n".join(STORY)
    assert _unnamed_part(first, [("repeated paragraph", SOURCES[0])]) == first  # a line rule is weighed



def test_italic_line_under_an_image_is_a_caption_unless_the_story_prints_it():
    cap = "Fishing boats moored in the northern channel at low tide in December. (Photo agency)"
    note = "This story was corrected to give the right length of the channel, which is four kilometres."
    body = (f"<p>{STORY[0]}</p><p><img src='/boats.jpg'></p><p><em>{cap}</em></p><p>{STORY[1]}</p>"
            f"<p><i>{note}</i></p><p>{STORY[2]}</p><p>{STORY[3]}</p>")
    html = (f"<html><head><title>Harbour channel to be deepened</title></head><body><article>"
            f"<h1>Harbour channel to be deepened</h1>{body}</article></body></html>")
    got = extract_article(html, "https://news.example.org/2024/01/harbour-channel")
    assert got is not None and got.text
    assert cap not in got.text
    assert note in got.text  # italics not under an image: the story's own line


def test_centred_line_under_a_centred_image_is_a_caption_unless_the_page_centres_its_paragraphs():
    """Chinese outlets caption a photo with a centred paragraph under the centred image."""
    story = ["国家主席习近平5日在北京人民大会堂同来华进行国事访问的俄罗斯总统普京举行会谈，双方就两国关系深入交换意见。",
             "习近平指出，今年是两国建交七十五周年，双方应当继续加强能源、贸易和人文领域的合作，造福两国人民。",
             "普京表示，俄方愿同中方一道，推动两国全面战略协作伙伴关系不断向前发展，共同应对国际形势的变化。"]
    cap = "12月5日，国家主席习近平在北京人民大会堂同俄罗斯总统普京举行会谈。"
    centre = ' style="text-align: center;"'

    def text(body: str) -> str:
        html = (f"<html lang='zh'><head><title>习近平同普京举行会谈</title></head><body><article><h1>习近平同普京举行会谈</h1>"
                f"{body}</article></body></html>")
        got = extract_article(html, "https://news.example.cn/2024/12/05/talks.html")
        assert got is not None and got.text
        return got.text

    for attr, img_attr in ((centre, centre), (' align="center"', ' align="center"')):
        body = f"<p>{story[0]}</p><p{img_attr}><img src='/a.jpg'></p><p{attr}>{cap}</p><p>{story[1]}</p><p>{story[2]}</p>"
        assert text(body).split("\n") == story
    # every paragraph centred: the one under the image is the story's
    body = f"<p{centre}><img src='/a.jpg'></p>" + "".join(f"<p{centre}>{p}</p>" for p in story)
    assert text(body).split("\n") == story


def test_paragraph_printed_as_the_tail_of_a_related_box_stays_in_the_body():
    paras = [f"Paragraph {w} of the story about the harbour, with enough words in it to read as running prose here."
             for w in ("one", "two", "three", "four", "five")]
    box = ("<div class='related-atrical-highlight col-md-5'><h3>Related</h3><ul><li><div class='row'>"
           "<div class='col-md-4'><a href='/news/other-1'><img src='/i.jpg' alt='Another story'></a></div>"
           "<div class='col-md-8'><h4><a href='/news/other-1'>Another story</a></h4></div></div></li></ul></div>")
    # an unclosed <p> around the first paragraphs, closed by the box: the rest is the box's tail
    body = f"<p>{paras[0]}<br><br>{paras[1]}<br><br>{paras[2]}<br><br>{box}{paras[3]}<br><br>{paras[4]}<p></p>"
    html = (f"<html><head><title>Harbour story</title></head><body><article><h1>Harbour story</h1>"
            f"<div class='article-body'>{body}</div></article></body></html>")
    got = extract_article(html, "https://news.example.com/2024/05/01/harbour")
    assert got is not None and got.text is not None
    assert all(p in got.text for p in paras), got.text


def _commented_page(sentences: int) -> tuple[str, list[str]]:
    """A story in plain <div>/<p>s and, below it, readers' comments each marked up as an
    <article> (HTML5 comment markup) under class names that say nothing (hashed CSS)."""
    story = [f"Sentence {i} of the story tells how the harbour town rebuilt its old pier after the winter storms, "
             "and what it cost." for i in range(sentences)]
    words = "lovely piece town walked pier child glad back again remember summer evenings fishing with my father".split()

    def comment(name: str, k: int) -> str:
        ps = "".join(f"<p>Comment line {j}: {' '.join(words[(j + k) % 7:(j + k) % 7 + 9])}, thank you for writing it.</p>"
                     for j in range(9))
        return f"<article class='x81a' itemscope itemtype='https://schema.org/Comment'><div class='x22'>{name}</div>{ps}</article>"

    html = ("<html><head><title>Pier rebuilt</title></head><body><div class='x1'><div class='x2'><h1>Pier rebuilt</h1>"
            "<div class='x3'>" + "".join(f"<p>{s}</p>" for s in story) + "</div></div>"
            f"<div class='x9'>{comment('Jo Reader', 0)}{comment('Al Reader', 3)}</div></div></body></html>")
    return html, story


def test_story_outside_the_frame_replaces_a_short_result_that_is_another_block():
    # trafilatura's main pass takes the first <article>, a reader's comment; its comparison
    # pass finds the story, several times more running prose: the story is the body
    html, story = _commented_page(30)
    got = extract_article(html, "https://news.example.com/2024/05/01/pier")
    assert got is not None and got.text is not None
    assert all(s in got.text for s in story) and "Comment line" not in got.text


def test_short_story_in_its_frame_costs_no_comparison_pass(monkeypatch):
    from pipeline.extract import body

    calls: list[bool] = []
    real = body._trafilatura_text

    def counting(tree, url, *, precision, recall, fast, blocks, **_):
        calls.append(fast)
        return real(tree, url, precision=precision, recall=recall, fast=fast, blocks=blocks, **_)

    monkeypatch.setattr(body, "_trafilatura_text", counting)
    brief = ("<p>The harbour town reopened its old pier on Saturday after the winter storms, the council said, "
             "at a cost of two million euros.</p><p>Fishing boats will moor there again from June, when the new "
             "lights are in place along the whole of the pier.</p>") * 2
    html = f"<html><body><article><h1>Pier reopens</h1>{brief}</article><footer>Contact us</footer></body></html>"
    got = extract_article(html, "https://news.example.com/2024/05/01/pier")
    assert got is not None and "reopened its old pier" in (got.text or "")
    assert calls == [True]  # the main pass only: the page holds no more prose than it found
    # with the story elsewhere on the page, the comparison pass runs
    calls.clear()
    extract_article(_commented_page(30)[0], "https://news.example.com/2024/05/01/pier")
    assert calls == [True, False]


def test_comparison_pass_that_cuts_menus_from_a_mostly_menu_result_is_taken(monkeypatch):
    """With no frame to go by, trafilatura's main pass may keep a page's menus and widgets
    around a short story (hashed class names hide what they are); its comparison pass
    keeps the story alone. That cut is taken; a comparison pass that is another text, or
    a result that is mostly prose, stay as they were."""
    from pipeline.extract import body

    story = ["Photos which were released online and are making the rounds on social media show the actress looking stunning.",
             "The veteran actress, who in 2008 won the award for Best Actress in a Leading Role, shared the photos herself.",
             "She flaunted a hand bag in the colours of the national flag at an event hosted by a media mogul in the city."]
    menus = ["Home", "About", "Contact", "Latest", "Politics", "World News", "Sports", "Events", "Popular Posts", "Random Posts",
             "Recent in Sports", "Followers", "Follow by Email", "Menu Footer Widget", "Disclaimer", "Privacy", "Terms",
             "Advertise", "Careers", "Archive", "Weather", "Traffic", "Obituaries", "Puzzles", "Podcasts", "Newsletters"]
    fast_text = "\n".join(menus[:8] + story + menus[8:] + menus)  # the footer repeats the menus
    outputs = {True: fast_text, False: "\n".join(story)}
    monkeypatch.setattr(body, "_trafilatura_text", lambda tree, url, *, precision, recall, fast, blocks, **_: outputs[fast])
    nav = "".join(f"<a href='/{i}'>{m}</a>" for i, m in enumerate(menus))
    html = "<html><body><div>" + nav + "".join(f"<p>{s}</p>" for s in story) + "</div></body></html>"
    got = extract_article(html, "https://news.example.com/2024/05/01/actress")
    assert got is not None and got.method == "trafilatura-cut" and got.text == "\n".join(story)
    # the same short lines linking out (a deals post's shops) or not links at all (its
    # products) are the post's list: it stays
    shops = "".join(f"<a href='https://shop{i}.example.net/'>{m}</a>" for i, m in enumerate(menus))
    for page in (html.replace(nav, shops), html.replace(nav, "")):
        got = extract_article(page, "https://news.example.com/2024/05/01/actress")
        assert got is not None and got.method == "trafilatura-fast" and all(m in (got.text or "") for m in menus[:8])
    # a comparison pass that is not a part of the result (another text) is not taken
    outputs[False] = "\n".join(s.replace("actress", "singer") for s in story)
    got = extract_article(html, "https://news.example.com/2024/05/01/actress")
    assert got is not None and got.method == "trafilatura-fast"
    # a result that is mostly prose does not run the comparison pass at all
    more = [f"Paragraph {w} goes on with the story of the evening and the people who came to see the photos." for w in "abcdef"]
    outputs[True] = "\n".join(menus[:3] + story + more)
    outputs[False] = "\n".join(story)
    got = extract_article(html, "https://news.example.com/2024/05/01/actress")
    assert got is not None and got.method == "trafilatura-fast"


def test_a_story_in_br_lines_the_main_pass_cuts_short_in_its_frame_is_completed(monkeypatch):
    """A story printed as text between <br>s (no <p>s), split by an ad slot, inside an
    <article>: trafilatura's main pass keeps a line or two of it, its comparison pass
    the whole. The page shows far more prose than the result, counted in its blocks of
    text, not only its <p>s: the comparison pass completes the result. What it adds may
    not print a line twice (a sign-up form rendered for two screens)."""
    from pipeline.extract import body

    head = "Harbour channel to be deepened"
    more = "MORE: Ferry fares to rise again in the spring"
    outputs = {True: "\n".join([head, STORY[2], more]), False: "\n".join([head, *STORY, more])}
    monkeypatch.setattr(body, "_trafilatura_text", lambda tree, url, *, precision, recall, fast, blocks, **_: outputs[fast])
    text = "<br><br>".join(STORY[:2]) + "<ad-slot></ad-slot>" + "<br><br>".join(STORY[2:])
    html = (f"<html><body><article><div><h1>{head}</h1></div><div><a href='/staff/mara'>Mara Olsen</a></div>"
            f"{text}<br><br><span><a href='/news/ferry-fares'>{more}</a></span></article></body></html>")
    url = "https://news.example.com/2024/05/01/harbour"
    got = extract_article(html, url)
    assert got is not None and got.method == "trafilatura-fallback" and all(s in (got.text or "") for s in STORY)
    # what the comparison pass adds prints a long line twice: a widget, not the story
    form = "By submitting your email you agree to our terms and to receive occasional offers from the paper."
    outputs[False] = "\n".join([head, *STORY, form, "Already a subscriber?", form, more])
    got = extract_article(html, url)
    assert got is not None and got.method == "trafilatura-fast" and form not in (got.text or "")


def test_a_page_the_main_pass_reads_blind_takes_the_comparison_passs_story(monkeypatch):
    """A page of <div>s and <br> lines, with no article frame and no <p>s: the main pass
    keeps the page's whole text (menus, a widget's settings printed as text, the story);
    the comparison pass cuts the story out. What it leaves out is not the site's links,
    but on a page the main pass read blind its cut is taken, as bare trafilatura takes
    it. With the story in <p>s, or in an <article>, the main pass was not blind."""
    from pipeline.extract import body

    junk = [f'"slot{i}":{{"sizes":[[300,250]],"hideOnFirstPageView":true,"position":"inline-{i}"}}' for i in range(12)]
    menus = ["Home", "World", "Sport", "Weather", "Puzzles", "Voucher codes", "Newsletters", "Show me", "Tap to play"]
    outputs = {True: "\n".join(menus + STORY + junk + menus), False: "\n".join(STORY)}
    monkeypatch.setattr(body, "_trafilatura_text", lambda tree, url, *, precision, recall, fast, blocks, **_: outputs[fast])
    nav = "<div>" + "".join(f"<a href='https://ads.example.net/{i}'>{m}</a>" for i, m in enumerate(menus)) + "</div>"
    blind = ("<html><body>" + nav + "<div><div>" + "<br><br>".join(STORY) + "</div><div>" + "<br>".join(junk)
             + "</div></div></body></html>")
    url = "https://news.example.com/2024/05/01/harbour"
    got = extract_article(blind, url)
    assert got is not None and got.method == "trafilatura-cut" and got.text == "\n".join(STORY)
    in_paragraphs = blind.replace("<div><div>" + "<br><br>".join(STORY), "<div><div>" + "".join(f"<p>{s}</p>" for s in STORY))
    framed = blind.replace("<div><div>", "<article><div>").replace("</div></div></body>", "</div></article></body>")
    for page in (in_paragraphs, framed):
        got = extract_article(page, url)
        assert got is not None and got.method == "trafilatura-fast"
    # the main pass prints an advertisement's label between the paragraphs, which the
    # comparison pass leaves out: the words across each break are not in the result (0.12
    # of this story's 4-word runs), but every line of the story is
    outputs[True] = "\n".join(menus + [x for s in STORY for x in (s, "Advertisement")] + junk + menus)
    got = extract_article(blind, url)
    assert got is not None and got.method == "trafilatura-cut" and got.text == "\n".join(STORY)
    outputs[True] = "\n".join(menus + STORY + junk + menus)
    # a comparison pass that is itself mostly not running prose found no story
    outputs[False] = "\n".join(menus + junk[:4] + STORY[:1])
    got = extract_article(blind, url)
    assert got is not None and got.method == "trafilatura-fast"


def test_on_a_page_read_blind_the_comparison_passs_part_of_a_mostly_prose_result_is_taken(monkeypatch):
    """Read blind (no frame, no <p>s), the main pass keeps the story and, below it,
    the teasers of other stories: mostly prose, so no menus rule applies. The
    comparison pass's text is the story alone, a part of the result: it is taken. With
    the story in <p>s the main pass was not blind and its result stands."""
    from pipeline.extract import body

    teasers = [f"Teaser {i}: the ferry company said on Tuesday that the winter timetable would add a crossing at dawn."
               for i in range(9)]
    shorts = ["Related stories", "Most read", "Newsletters", "Puzzles", "Obituaries", "Weather", "Traffic cameras",
              "Letters to the editor", "Photo galleries", "Contact the newsroom", "Advertise with us", "Subscribe today"]
    fast_text = "\n".join([*STORY, *shorts[:1], *teasers, *shorts[1:]])
    outputs = {True: fast_text, False: "\n".join(STORY)}
    calls: list[bool] = []

    def passes(tree, url, *, precision, recall, fast, blocks, **_):
        calls.append(fast)
        return outputs[fast]

    monkeypatch.setattr(body, "_trafilatura_text", passes)
    blind = ("<html><body><div><div>" + "<br><br>".join(STORY) + "</div><div>Related stories<br>" + "<br>".join(teasers)
             + "</div><div>" + "<br>".join(shorts[1:]) + "</div></div></body></html>")
    url = "https://news.example.com/2024/05/01/harbour"
    got = extract_article(blind, url)
    assert got is not None and got.method == "trafilatura-cut" and got.text == "\n".join(STORY)
    # a result mostly not prose (menus, a share button's labels) whose part, the story with
    # a heading and short quotes, is more than half of it: the same
    quotes = ["What comes next", *(f"\u201cWe waited {n} years,\u201d one skipper said" for n in ("ten", "nine", "eight")),
              *(f"\u201cAt last,\u201d said skipper number {n}" for n in range(3))]
    labels = [f"Share on network {i}" for i in range(27)]
    outputs[True] = "\n".join([*STORY, *quotes, *labels])
    outputs[False] = "\n".join([*STORY, *quotes])
    got = extract_article(blind, url)
    assert got is not None and got.method == "trafilatura-cut" and got.text == outputs[False]
    outputs[True], outputs[False] = fast_text, "\n".join(STORY)
    calls.clear()
    seen = blind.replace("<div><div>" + "<br><br>".join(STORY), "<div><div>" + "".join(f"<p>{s}</p>" for s in STORY))
    got = extract_article(seen, url)
    assert got is not None and got.method == "trafilatura-fast" and calls == [True]


def test_a_long_result_that_is_no_prose_is_replaced_by_the_story_the_comparison_pass_finds(monkeypatch):
    """The main pass takes a cookie-settings table (long, no running prose) for the body;
    the comparison pass finds the story, all prose and a story's length. A result mostly
    not prose is replaced as a short one is; a long result of prose is not."""
    from pipeline.extract import body

    table = [f"| cookie-consent-{i} | 11 months | Set by the consent plugin to record the choice for category {i} |"
             for i in range(30)]
    story = [f"{s[:-1]}, the council added in its statement number {i}." for i in range(4) for s in STORY]
    outputs = {True: "\n".join(table), False: "\n".join(story)}
    monkeypatch.setattr(body, "_trafilatura_text", lambda tree, url, *, precision, recall, fast, blocks, **_: outputs[fast])
    html = ("<html><body><div><div>" + "<br>".join(story) + "</div><table>"
            + "".join(f"<tr><td>{t}</td></tr>" for t in table) + "</table></div></body></html>")
    url = "https://news.example.com/2024/05/01/harbour"
    got = extract_article(html, url)
    assert got is not None and got.method == "trafilatura-replaced" and got.text == "\n".join(story)
    other = "runs on about the ferry timetable, the winter fares and the new berths."
    outputs[True] = "\n".join(f"Another story's paragraph {i} {other}" for i in range(40))
    got = extract_article(html, url)
    assert got is not None and got.method == "trafilatura-fast"


_PIECES = st.lists(st.tuples(st.sampled_from(["br", "div", "span", "a", "p", "li", "b", ""]),
                              st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)),
                    max_size=12)


@settings(max_examples=80, deadline=None)
@given(pieces=_PIECES)
def test_text_blocks_keep_every_word_of_any_mix_of_blocks_inline_elements_and_brs(pieces):
    from pipeline.extract.body.prose import _text_blocks

    html = "".join(f"<{t}>{escape(x)}" if t else escape(x) for t, x in pieces)
    tree = _load_tree(f"<html><body><div>{html}</div></body></html>")
    if tree is None:
        return  # nothing a parser keeps: the page is skipped upstream
    # every character shown is in exactly one block, in the order the page prints them
    shown = "".join(tree.find(".//body").text_content().split())
    assert "".join("".join(_text_blocks(tree)).split()) == shown


def test_text_blocks_are_runs_between_brs_and_blocks_with_their_inline_elements():
    from pipeline.extract.body.prose import _text_blocks

    tree = _load_tree("<html><body><div>One <a href='/x'>linked</a> run<br>Two <b>bold</b> run<div>Inner block</div>"
                      "tail run<script>var x = 1;</script> after the script<h5><ul><li>Share</li></ul>"
                      "1/12/2024 09:15</h5></div></body></html>")
    assert tree is not None
    # in the order printed: a block's text after a nested block comes after it, and a
    # script, which is not shown, does not break a run
    assert _text_blocks(tree) == ["One linked run", "Two bold run", "Inner block", "tail run after the script",
                                  "Share", "1/12/2024 09:15"]


def test_a_trimmed_tail_of_cards_of_other_stories_may_hold_their_excerpts(monkeypatch):
    """The main pass keeps the site's menu above the story and, below it, a box of cards
    of other stories (a linked heading and an excerpt each): the excerpts are prose, more
    than a tenth of the story's, but they are the cards' (`blocks.card_excerpts`), so the
    comparison pass's cut of head and tail is taken. Without the cards' headings linking
    to the site they are no cards, and the prose below the story stays."""
    from pipeline.extract import body

    menu = ["Front page", "Local news", "Business", "Culture and arts", "Sport results", "Weather today", "Opinion",
            "Letters to the editor", "Obituaries", "Puzzles"]
    heads = ["Ferry timetable changes for the winter", "New lights for the old pier", "Harbour master retires"]
    excerpts = [f"The town's {w} said on Monday that the quay works would go on until the spring."
                for w in ("council", "harbour board", "ferry company")]
    cards = "".join(f"<div><h3><a href='/n/{i}'>{h}</a></h3><p>{e}</p></div>" for i, (h, e) in enumerate(zip(heads, excerpts)))
    links = "".join(f"<a href='/s/{i}'>{t}</a>" for i, t in enumerate(menu))
    html = ("<html><body><nav>" + links + "</nav><article><h1>Channel works</h1>" + "".join(f"<p>{s}</p>" for s in STORY)
            + "</article><section>" + cards + "</section></body></html>")
    outputs = {True: "\n".join(menu + STORY + [x for pair in zip(heads, excerpts) for x in pair]), False: "\n".join(STORY)}
    monkeypatch.setattr(body, "_trafilatura_text", lambda tree, url, *, precision, recall, fast, blocks, **_: outputs[fast])
    url = "https://news.example.com/2024/05/01/channel"
    got = extract_article(html, url)
    assert got is not None and got.method == "trafilatura-trimmed" and got.text == "\n".join(STORY)
    # headings that link nowhere: no cards, and the prose below the story is not cut with the menu
    got = extract_article(html.replace("<a href='/n/", "<span data-n='").replace("</a></h3>", "</span></h3>"), url)
    assert got is not None and got.method == "trafilatura-fast" and all(e in (got.text or "") for e in excerpts)


def test_comparison_pass_that_cuts_link_lines_off_a_storys_head_and_tail_is_taken(monkeypatch):
    """With class names that say nothing, the main pass may keep the site's menu above a
    story and the links to other stories below it. Where a tenth of its result is lines
    of link text, the comparison pass runs, and its result is taken when it is the same
    story with only that head and tail cut off. Nothing inside the story is cut (a list
    of deals between paragraphs stays), nor a paragraph of the story (an eighth of it)."""
    from pipeline.extract import body

    places = ["the north quay", "the ferry ramp"]
    story = [f"{s} The council will report on {p} again in the spring, after a second round of talks with the town."
             for p in places for s in STORY]
    menu = ["Front page", "Local news", "Business", "Culture and arts", "Sport results", "Weather today", "Opinion",
            "Letters to the editor", "Obituaries", "Puzzles"]
    related = ["Ferry timetable changes for the winter", "New lights for the old pier", "Harbour master retires",
               "Fish market moves to the quay", "Bridge works delayed again"]
    deals = ["Rain jackets from 40 euros", "Boots at half price", "Lifejackets for children"]
    links = "".join(f"<a href='/s/{i}'>{t}</a>" for i, t in enumerate(menu + related))
    html = ("<html><body><div>" + links + "".join(f"<p>{s}</p>" for s in story)
            + "<ul>" + "".join(f"<li>{d}</li>" for d in deals) + "</ul></div></body></html>")
    calls: list[bool] = []
    outputs = {True: "\n".join(menu + story + related), False: "\n".join(story)}

    def passes(tree, url, *, precision, recall, fast, blocks, **_):
        calls.append(fast)
        return outputs[fast]

    monkeypatch.setattr(body, "_trafilatura_text", passes)
    url = "https://news.example.com/2024/05/01/channel"
    got = extract_article(html, url)
    assert got is not None and got.method == "trafilatura-trimmed" and got.text == "\n".join(story)
    # the writer's bio in the head, among the links of an author box ("Full Bio",
    # "Recent"), is prose but not the story's: a fifteenth of it may be cut with the links
    outputs[True] = "\n".join(menu + ["Full Bio", "Recent", BIO] + story + related)
    got = extract_article(html, url)
    assert got is not None and got.method == "trafilatura-trimmed" and got.text == "\n".join(story)
    # lines cut from inside the story (a list of deals between its paragraphs) stay: the
    # story is the result's lines from the first the comparison pass holds to the last,
    # a paragraph it printed in pieces (broken at its links) held by its words
    outputs[True] = "\n".join(menu + story[:4] + deals + story[4:] + related)
    words = story[5].split()
    outputs[False] = "\n".join(story[:5] + [" ".join(words[:6]), " ".join(words[6:9]), " ".join(words[9:])] + story[6:])
    got = extract_article(html, url)
    assert got is not None and got.method == "trafilatura-trimmed"
    assert got.text == "\n".join(story[:4] + deals + story[4:])
    # read blind (no frame, the story in <br> lines), the lines between may be widgets:
    # the rules for blind pages decide (here the comparison pass's story is taken whole)
    blind = html.replace("".join(f"<p>{s}</p>" for s in story), "<br><br>".join(story))
    got = extract_article(blind, url)
    assert got is not None and got.method == "trafilatura-cut" and not any(d in (got.text or "") for d in deals)
    # so does a cut that takes a paragraph of the story with the links
    outputs[True], outputs[False] = "\n".join(menu + story + related), "\n".join(story[1:])
    got = extract_article(html, url)
    assert got is not None and got.method == "trafilatura-fast" and story[0] in (got.text or "")
    # a tail that links out (a deals post's shops) or is no links at all (a list of
    # products) is not the site's menus or its other stories: it stays
    shops = "".join(f"<a href='https://shop{i}.example.net/p'>{t}</a>" for i, t in enumerate(related))
    outputs[True], outputs[False] = "\n".join(menu + story + related), "\n".join(story)
    got = extract_article(html.replace("<div>", f"<div>{shops}", 1).replace(
        "".join(f"<a href='/s/{i + len(menu)}'>{t}</a>" for i, t in enumerate(related)), ""), url)
    assert got is not None and got.method == "trafilatura-fast"
    products = ["Oak bench, two metres", "Iron mooring ring", "Rope, fifty metres, blue", "Harbour chart, 1:5000",
                "Lantern with a brass hood", "Tide table for the year", "Canvas bag, waxed"]
    products += [f"{p}, {kind}" for kind in ("spare", "second hand") for p in products]
    outputs[True], outputs[False] = "\n".join(menu + story[1:] + related + products), "\n".join(story[1:])
    got = extract_article(html, url)
    assert got is not None and got.method == "trafilatura-fast" and products[-1] in (got.text or "")
    # a result whose short lines are not link text (subheadings) runs no comparison pass
    calls.clear()
    outputs[True] = "\n".join(story[:4] + ["The plan", "The cost", "The works", "The timetable"] * 8 + story[4:])
    got = extract_article(html, url)
    assert got is not None and got.method == "trafilatura-fast" and calls == [True]


def test_a_result_mostly_menus_is_trimmed_when_its_story_holds_short_lines(monkeypatch):
    """A result less than half prose (the site's menus above the story, its other
    stories below) whose story itself holds short lines (a timetable, subheadings) is
    more than half the result, so the menus cut does not apply; the comparison pass that
    is the result with only that head and tail of links cut off is taken."""
    from pipeline.extract import body

    menu = ["Front page", "Local news", "Business", "Culture and arts", "Sport results", "Weather today", "Opinion",
            "Letters to the editor", "Obituaries", "Puzzles", "Podcasts", "Newsletters", "Events", "Jobs"]
    related = ["Ferry timetable changes for the winter", "New lights for the old pier", "Harbour master retires",
               "Fish market moves to the quay", "Bridge works delayed again", "Sailing club opens its doors"]
    closures = [f"Closure {i}: berth {i} from week {2 * i} to week {2 * i + 3}" for i in range(1, 11)]
    story = STORY[:2] + ["The closures"] + closures + STORY[2:]
    links = "".join(f"<a href='/s/{i}'>{t}</a>" for i, t in enumerate(menu + related))
    html = "<html><body><div>" + links + "".join(f"<p>{s}</p>" for s in story) + "</div></body></html>"
    outputs = {True: "\n".join(menu + story + related), False: "\n".join(story)}
    monkeypatch.setattr(body, "_trafilatura_text", lambda tree, url, *, precision, recall, fast, blocks, **_: outputs[fast])
    got = extract_article(html, "https://news.example.com/2024/05/01/closures")
    assert got is not None and got.method == "trafilatura-trimmed"
    assert got.text is not None and "Front page" not in got.text and closures[-1] in got.text


_ZH_STORY = [
    "市议会周二晚间投票通过了一项预算，将道路维修支出提高五分之一，此前相关辩论持续了四个多小时。",
    "支持者表示，这笔额外资金早就应该拨付，他们援引的一项调查显示，全市近三分之一的街道状况不佳。",
    "反对者警告说，该计划依赖于从储备基金中一次性划拨的资金，如果明年经济放缓，可能出现资金短缺。",
]
_ZH_MORE = [
    "投下决定性一票的市长表示，议会将在春季审查这笔支出，如果税收低于预期，可能会削减开支。",
    "在会上发言的居民意见不一，几位商户欢迎维修计划，而一群退休人员则敦促降低房产税。",
    "官员说，首批街道的维修工程定于四月开工，从通往市中心的主干道和河上的大桥开始。",
]


def _zh_page(paras: list[str], lang: str = "zh-CN", closing: str = "") -> str:
    menu = "".join(f'<li><a href="/{i}/">栏目{i}</a></li>' for i in range(12))
    return (f'<html lang="{lang}"><head><meta charset="utf-8"><title>市议会通过预算增加道路维修支出--时政</title></head>'
            f"<body><nav><ul>{menu}</ul></nav><article><h1>市议会通过预算增加道路维修支出</h1><div class='byline'>记者 王五</div>"
            f"<div>{''.join(f'<p>{p}</p>' for p in paras)}{closing}</div></article></body></html>")


def test_a_short_chinese_story_is_its_paragraphs_and_lands():
    # 140 characters: under trafilatura's 250 its main pass gives up and the whole
    # article block comes back as one line, headline and byline in it
    for lang in ("zh-CN", ""):  # People's Daily declares no language: its <title> says it
        got = extract_article(_zh_page(_ZH_STORY, lang), "https://zh.example.com/n1/2024/0424/c1001-1.html")
        assert got is not None and got.text == "\n".join(_ZH_STORY), lang
    # a Chinese brief of 67 characters is a story: it says as much as 200 letters
    brief = _ZH_STORY[0] + _ZH_STORY[1][:20] + "。"
    html = (f'<html lang="zh"><head><title>市议会通过预算</title></head><body><article><h1>市议会通过预算</h1>'
            f"<p>{brief}</p></article></body></html>")
    got = extract_article(html, "https://zh.example.com/n1/2024/0424/c1001-5.html")
    assert got is not None and got.text == brief, len(brief)
    # an English text of half as many characters is too short to be a story (a Chinese
    # one of 66 characters says as much as 200 letters)
    short = ["The council approved the budget on Tuesday night after four hours."]
    html = _zh_page(short, "en").replace("市议会通过预算增加道路维修支出", "Council approves budget").replace("记者 王五", "By Wang Wu")
    assert extract_article(html, "https://en.example.com/news/budget") is None


def test_a_chinese_story_broken_at_other_places_is_the_same_text():
    """Two passes break a story's lines at different places (one at each link or <em>).
    Chinese has no spaces: read as runs of letters, a clause between two commas was one
    word, and a line broken mid-clause shared none of its 4-word shingles; each character
    a word, the passes' texts are one story, and another story is none of it."""
    from pipeline.extract.body.textsim import containment, shingles

    story = _ZH_STORY + _ZH_MORE
    broken = "\n".join(p[: len(p) // 2] + "\n" + p[len(p) // 2 :] for p in story)
    assert containment(shingles(broken), shingles("\n".join(story))) == 1.0
    other = "官员说，市政府将在明年公布新的公共交通计划，包括三条公交线路和一座新的换乘站。"
    assert containment(shingles(other), shingles("\n".join(story))) < 0.1


def test_the_comparison_pass_reads_a_chinese_page_at_trafilaturas_own_sizes():
    """The main pass reads a Chinese page with its size threshold in Latin-letter terms
    (83 characters); a standfirst of 90 characters in a row named like the article's
    then passes for the whole story, and the story printed in one-cell tables under it,
    which trafilatura recovers from below its own 250, is lost. The comparison pass,
    which runs to question the main pass, reads at trafilatura's own sizes."""
    dek = ("市议会周二晚间以微弱多数通过新一年度预算，道路维修支出因此提高五分之一，支持者称拨款早该到位，"
           "反对者则担心储备基金被一次性动用之后，明年一旦经济放缓，全市将面临难以填补的资金缺口。")
    cells = "".join(f"<table><tr><td>{p}</td></tr></table>" for p in _ZH_STORY)
    html = ('<html lang="zh-CN"><head><title>市议会通过预算增加道路维修支出</title></head><body><div id="main-content"><section>'
            '<div class="video-container"><div class="site-row site-row__article-content"><div class="article-top">'
            '<header class="article__header"><div class="article__headline-section"><span class="article__kicker">地方新闻</span></div>'
            f'<div class="article__subdeck">{dek}</div>'
            '</header></div></div></div><div class="site-row site-row__article-content"><main class="col"><article class="article">'
            f'<div class="article__content">{cells}</div></article></main></div></section></div></body></html>')
    got = extract_article(html, "https://zh.example.com/n1/2024/0424/c1001-7.html")
    assert got is not None and all(p in got.text for p in _ZH_STORY) and dek in got.text


def test_a_chinese_editor_credit_closing_the_story_is_dropped():
    for credit in ("（责编：王五、赵六）", "【责任编辑：赵六】", "(编辑:王五)"):
        got = extract_article(_zh_page(_ZH_STORY + _ZH_MORE, closing=f"<p>{credit}</p>"), "https://zh.example.com/n1/2.html")
        assert got is not None and got.text == "\n".join(_ZH_STORY + _ZH_MORE), credit
    # so is a line that is only the reporters' credit
    got = extract_article(_zh_page(["本报记者 王五 赵六"] + _ZH_STORY + _ZH_MORE), "https://zh.example.com/n1/4.html")
    assert got is not None and got.text == "\n".join(_ZH_STORY + _ZH_MORE)
    # a sentence about an editor is the story's
    line = "编辑部表示，这篇报道经过了三轮审核，所有数字都已经与市议会的公开文件进行了核对。"
    got = extract_article(_zh_page(_ZH_STORY + _ZH_MORE + [line]), "https://zh.example.com/n1/3.html")
    assert got is not None and got.text.endswith(line)


def _cards(n: int = 4) -> str:
    return "<section><h2>More from the harbour</h2>" + "".join(
        f'<article><h3><a href="/news/harbour-item-{i}">Harbour item {i} makes the news again</a></h3>'
        f"<p>A summary of harbour item number {i}, one sentence of teaser text under its headline.</p></article>"
        for i in range(n)) + "</section>"


def test_summaries_in_cards_of_other_stories_under_the_story_are_dropped():
    # a grid of cards closing the story's own <article> (outside it trafilatura leaves them)
    more = [f"Paragraph {w} of the story goes on about the channel, the ferries and the fishermen who use it." for w in
            ("five", "six", "seven", "eight", "nine", "ten")]
    long = "".join(f"<p>{p}</p>" for p in STORY + more)
    html = (f"<html><head><title>Harbour channel to be deepened</title></head><body><main><article>"
            f"<h1>Harbour channel to be deepened</h1>{long}{_cards()}</article></main></body></html>")
    got = extract_article(html, "https://news.example.org/2024/01/harbour-channel")
    assert got is not None and got.text == "\n".join(STORY + more)
    # the story's own <article> is no card: it holds the <h1>; without it, it is long
    one = (f"<html><head><title>Harbour channel to be deepened</title></head><body><h1>Harbour channel to be deepened</h1>"
           f"<article><h2><a href='/news/harbour'>Harbour news</a></h2>{long}</article></body></html>")
    got = extract_article(one, "https://news.example.org/2024/01/harbour-channel")
    assert got is not None and got.text.endswith("\n".join(STORY + more))


def test_what_makes_an_article_element_a_card_of_another_story():
    from pipeline.extract.blocks import teaser_card

    def first_article(html: str):
        tree = _load_tree(f"<html><body>{html}</body></html>")
        assert tree is not None
        return next(tree.iter("article"))

    card = '<article><h3><a href="/news/x">Another story</a></h3><p>Its summary.</p></article>'
    assert teaser_card(first_article(card))
    assert teaser_card(first_article(card.replace('<h3><a href="/news/x">Another story</a></h3>',
                                                  '<a href="/news/x"><h3>Another story</h3></a>')))
    assert not teaser_card(first_article(card.replace("<article>", "<article><h1>The story</h1>")))  # the page's headline
    assert not teaser_card(first_article(card.replace("Its summary.", "Its text. " * 120)))  # long: a story
    assert not teaser_card(first_article("<article><h3>Another story</h3><p>Its summary.</p></article>"))  # no link
    assert not teaser_card(first_article(card).getparent())  # only <article>s
    # a brief's own <article>, as small as a card, whose "Read more" box of linked
    # headlines follows its own unlinked heading: the first heading is the headline
    brief = ('<article><h2>Singer is back</h2><p>An iconic singer has released his first new music in two decades.</p>'
             '<div class="read-more"><h3><a href="/news/y">Band reunites</a></h3><h3><a href="/news/z">Tour dates</a></h3>'
             '</div></article>')
    assert not teaser_card(first_article(brief))


GADGETS = [("Hartley Kettle", "Boils a litre in under three minutes and switches itself off when the base runs dry."),
           ("Moorland Toaster", "Four wide slots take thick slices of sourdough, and the crumb tray slides out from the front."),
           ("Brayfield Blender", "Crushes ice without complaint, though the jug is heavy to lift when it is full of soup."),
           ("Caldor Mixer", "A stand mixer with a dough hook that copes with bread for a family twice a week.")]


def _recent_list(n: int) -> str:
    # a "Recent" list of <div> cards beside the story, class names that say nothing
    return '<div class="c20"><h4>Recent</h4>' + "".join(
        f'<div class="c21"><a href="/news/item-{i}"><h5 class="c22">Harbour item {i} makes the news again</h5></a>'
        f'<p class="c23">{text}</p><span>2024-01-0{i + 1}</span></div>' for i, (_, text) in enumerate(GADGETS[:n])) + "</div>"


def _story_page(extra: str, paras: list[str] = STORY) -> str:
    return ("<html><head><title>Harbour channel to be deepened</title></head><body><main><div class='c1'>"
            "<h1>Harbour channel to be deepened</h1><div class='c2'>" + "".join(f"<p>{p}</p>" for p in paras)
            + f"</div>{extra}</div></main></body></html>")


def test_excerpts_of_div_cards_of_other_stories_closing_the_text_are_dropped():
    """Cards need not be <article>s: a block whose heading links to the site's other
    page and holds one paragraph, three or more of them. Their headlines go as links
    to the site; their excerpts went with them only when they close the text."""
    import trafilatura

    url = "https://news.example.org/2024/01/harbour-channel"
    page = _story_page(_recent_list(4))
    assert GADGETS[3][1] in (trafilatura.extract(page, url=url) or "")  # what the rule is for
    got = extract_article(page, url)
    assert got is not None and got.text.split("\n") == [*STORY, "Recent"]
    # two cards are not a list of them; a lone excerpt closing the text is no run
    got = extract_article(_story_page(_recent_list(2)), url)
    assert got is not None and GADGETS[1][1] in got.text
    dropped: list[tuple[str, str]] = []
    one = "\n".join([*STORY, GADGETS[0][1]])
    assert clean_body(one, None, set(), cards={_norm(GADGETS[0][1])}, dropped=dropped) == one and not dropped


def test_cards_that_outweigh_a_brief_are_still_cards_of_other_stories():
    """Under a brief of one paragraph, four cards hold more paragraph text than the story:
    the densest block of paragraphs was the cards' box, which made them the story's own
    items and kept them. The story's block is the densest one of the other paragraphs."""
    from pipeline.extract.blocks import card_excerpts

    url = "https://news.example.org/2024/01/harbour-channel"
    brief = STORY[0][:-1] + ", the chair of the board said after the vote."
    page = _story_page(_recent_list(4), [brief])
    tree = _load_tree(page)
    assert tree is not None and {_norm(text) for _, text in GADGETS} <= card_excerpts(tree, url).texts
    got = extract_article(page, url)
    assert got is not None and brief in got.text and not any(text in got.text for _, text in GADGETS)
    # the round-up's own items still stay: without the cards' paragraphs, no block is left
    # that holds more than they do
    items = "".join(f'<div class="c11"><h3 class="c12"><a href="/reviews/{i}">{name}</a></h3><p class="c13">{text}</p></div>'
                    for i, (name, text) in enumerate(GADGETS))
    roundup = _story_page("", STORY[:1]).replace("</div></div></main>", f'<div class="c10">{items}</div></div></div></main>')
    got = extract_article(roundup, url)
    assert got is not None and all(text in got.text for _, text in GADGETS)
    # and so do they when they are all the page's prose (a copyright line is no story)
    bare = roundup.replace(f"<p>{STORY[0]}</p>", "") + "<footer><p>Copyright 2024 Example Media Group. All rights reserved.</p></footer>"
    tree = _load_tree(bare)
    assert tree is not None and not card_excerpts(tree, url).texts


def test_a_run_of_card_excerpts_inside_the_text_is_dropped():
    """A box of cards between the story and a line that closes it (a credit) is no
    closing run: three excerpts in a row or more go wherever they are, two opening the
    text (a rail above the story) as two closing it; two inside it stay."""
    url = "https://news.example.org/2024/01/harbour-channel"
    credit = "<div class='c9'><p>Jo Lee contributed reporting from the harbour office in the north.</p></div>"
    got = extract_article(_story_page(_recent_list(4) + credit), url)
    assert got is not None and got.text.split("\n")[: len(STORY)] == STORY and "Jo Lee contributed" in got.text
    assert not any(text in got.text for _, text in GADGETS)
    dropped: list[tuple[str, str]] = []
    two = "\n".join([*STORY[:2], GADGETS[0][1], GADGETS[1][1], *STORY[2:]])
    cards = {_norm(text) for _, text in GADGETS}
    assert clean_body(two, None, set(), cards=cards, dropped=dropped) == two and not dropped
    three = "\n".join([*STORY[:2], *(text for _, text in GADGETS[:3]), *STORY[2:]])
    assert clean_body(three, None, set(), cards=cards, dropped=dropped) == "\n".join(STORY)
    assert [rule for rule, _ in dropped] == ["run of excerpts of cards of other stories"] * 3
    # a rail of cards above the story: two opening the text go, one stays
    dropped.clear()
    rail = "\n".join([GADGETS[0][1], GADGETS[1][1], *STORY])
    assert clean_body(rail, None, set(), cards=cards, dropped=dropped) == "\n".join(STORY) and len(dropped) == 2
    one = "\n".join([GADGETS[0][1], *STORY])
    assert clean_body(one, None, set(), cards=cards) == one


def _brief_under_cards(paras: list[str], cards: int) -> str:
    box = "".join(f'<div class="c21"><h3><a href="/news/2024/item-{i}">Harbour item {i} makes the news again</a></h3>'
                  f"<p>{text} {text}</p></div>" for i, (_, text) in enumerate((GADGETS * 2)[:cards]))
    return ("<html><head><title>Harbour channel to be deepened</title></head><body><div class='c0'><div class='c1'>"
            "<h1>Harbour channel to be deepened</h1><span class='c2'>" + "".join(f"<p>{p}</p>" for p in paras)
            + f"</span></div><div class='c20'><h2>More stories</h2>{box}</div></div></body></html>")


def test_a_result_of_cards_alone_is_read_again_without_them(monkeypatch):
    """Around a brief, trafilatura's main pass may take a box of cards of other stories
    for the article and leave the story out: the page without the cards is read again,
    and the brief is the body. A result that holds the story as well is read once (the
    cleanup takes the cards out of it)."""
    from pipeline.extract import body
    from pipeline.extract.blocks import card_excerpts, without_blocks

    url = "https://news.example.org/2024/01/harbour-channel"
    page = _brief_under_cards(STORY[:2], 8)
    tree = _load_tree(page)
    assert tree is not None
    cards = card_excerpts(tree, url)
    assert len(cards.blocks) == 8
    # the copy goes without the cards; the page itself keeps them for the other rules
    assert not card_excerpts(without_blocks(tree, cards.blocks), url).blocks and len(card_excerpts(tree, url).blocks) == 8
    box = ["More stories", *(line for i, (_, text) in enumerate(GADGETS * 2)
                             for line in (f"Harbour item {i} makes the news again", f"{text} {text}"))]
    passes: list[bool] = []

    def main_pass(page_tree, url, *, precision, recall, fast, blocks, **_):
        """The box when the page shows it, and with the story when `with_story`."""
        shows_box = any("Harbour item 0" in (h.text_content() or "") for h in page_tree.iter("h3"))
        passes.append(shows_box)
        return "\n".join((STORY[:2] if with_story or not shows_box else []) + (box if shows_box else []))

    monkeypatch.setattr(body, "_trafilatura_text", main_pass)
    with_story = False
    got = extract_article(page, url)
    assert got is not None and got.text.split("\n") == STORY[:2] and "without-cards" in got.method
    assert passes[:2] == [True, False]
    passes.clear()
    with_story = True
    got = extract_article(page, url)
    assert got is not None and got.text.split("\n") == STORY[:2] and "without-cards" not in got.method
    assert all(passes)  # no pass read the page without its cards


def test_a_cards_headline_written_as_two_sentences_goes_with_the_excerpts():
    """A card's headline that reads as prose ("... is up for renewal. Critics are
    speaking out.") is no link line to the cleanup; between the excerpts closing the
    text it broke their run, and all of them stayed."""
    url = "https://news.example.org/2024/01/harbour-channel"
    cards = "".join(
        f'<div class="c21"><a href="/news/item-{i}"><h3 class="c22">{head}</h3></a><div class="c24"><p>{text}</p></div>'
        f'<span class="c25">By </span><ul><li><a href="/author/jo-lee/">Jo Lee</a></li></ul></div>'
        for i, (head, (_, text)) in enumerate(zip(
            ["Harbour item makes the news", "Ferry fares", "A harbour levy is up for renewal. Critics are speaking out."],
            GADGETS)))
    got = extract_article(_story_page(f'<div class="c20"><h4>Deep Dive</h4>{cards}</div>'), url)
    assert got is not None and got.text.split("\n")[: len(STORY)] == STORY
    assert not any(text in got.text for _, text in GADGETS[:3]) and "Critics are speaking out" not in got.text


def test_items_of_a_list_the_story_makes_are_no_cards_of_other_stories():
    """A round-up whose items are headed by links to the site's own reviews: the items
    sit in the page's densest block of paragraphs, and their descriptions stay."""
    from pipeline.extract.blocks import card_excerpts

    items = "".join(f'<div class="c11"><h3 class="c12"><a href="/reviews/{i}">{name}</a></h3><p class="c13">{text}</p></div>'
                    for i, (name, text) in enumerate(GADGETS))
    page = _story_page("", [STORY[0], STORY[1]]).replace("</div></div></main>", f'<div class="c10">{items}</div></div></div></main>')
    url = "https://news.example.org/2024/01/kitchen-gadgets"
    tree = _load_tree(page)
    assert tree is not None and not card_excerpts(tree, url).texts
    got = extract_article(page, url)
    assert got is not None and all(text in got.text for _, text in GADGETS)
    # nor is a block of a story's length under a linked heading, wherever it is
    long = "".join(f'<div class="c31"><h3><a href="/topics/{i}">Topic {i}</a></h3><p>{" ".join(STORY * 2)}</p></div>' for i in range(3))
    tree = _load_tree(_story_page(f'<div class="c30">{long}</div>', STORY * 4))
    assert tree is not None and not card_excerpts(tree, url).texts


def test_a_chinese_outlets_closing_statement_is_dropped():
    for line in ("声明：转载此文是出于传递更多信息之目的。若有来源标注错误，请与我们联系。", "免责声明：本文仅代表作者观点。"):
        dropped: list[tuple[str, str]] = []
        assert clean_body("\n".join(_ZH_STORY + [line]), None, set(), dropped=dropped) == "\n".join(_ZH_STORY)
        assert dropped and dropped[0][1] == line
    # a statement quoted inside the story stays
    quote = "市政府在声明中说，预算将在春季重新审查。"
    assert clean_body("\n".join(_ZH_STORY + [quote]), None, set()) == "\n".join(_ZH_STORY + [quote])


def test_a_one_paragraph_brief_is_a_story_and_a_link_list_is_not():
    brief = ("The main road into Westbrook is closed after a crash on Tuesday morning, and drivers are "
             "sent through the old town, police said.")
    menu = "<nav>" + "".join(f"<ul><li><a href='/s{i}/{j}'>Topic {i} {j} news and more</a></li></ul>"
                             for i in range(10) for j in range(10)) + "</nav>"
    html = (f"<html><head><title>Road closed after crash</title></head><body>{menu}<div><h1>Road closed after crash</h1>"
            f"<div><span>{brief}</span></div></div></body></html>")
    got = extract_article(html, "https://westbrook.example.com/news/road-closed")
    # the menu's lines are the site's links, removed by name: the guard does not bring them back
    assert got is not None and brief in got.text and "Topic" not in got.text
    assert extract_article(html.replace(brief, "Road closed."), "https://westbrook.example.com/news/road-closed") is None


_RU = [
    "Городской совет во вторник вечером утвердил бюджет, который на пятую часть увеличивает расходы на ремонт дорог.",
    "Сторонники решения заявили, что дополнительные деньги давно были нужны, сославшись на опрос жителей города.",
    "Противники предупредили, что план опирается на разовый перевод из резервного фонда и может оставить совет без средств.",
    "Мэр, чей голос оказался решающим, заявил, что совет пересмотрит расходы весной и может сократить их при нехватке.",
]


def test_a_menu_of_one_word_links_above_a_story_in_br_lines_is_dropped():
    # an older layout: the story is <br>-separated text in a <div>; trafilatura's main
    # pass keeps the <nav> of one-word links above it
    nav = "<nav><ul>" + "".join(f'<li><a href="/{w}/">{w}</a></li>' for w in
                                "Новости Политика Экономика Общество Спорт Культура Наука Мир".split()) + "</ul></nav>"
    html = (f'<html lang="ru"><head><title>Совет утвердил бюджет</title></head><body>{nav}'
            f"<div id='text'><h1>Совет утвердил бюджет</h1>{'<br><br>'.join(_RU)}</div></body></html>")
    got = extract_article(html, "https://gazeta.example.ru/news/2024/01/02/budget")
    assert got is not None and got.text == "\n".join(_RU)
    # a story's own short lines that are also the site's links (two subheadings) stay
    dropped: list[tuple[str, str]] = []
    text = "\n".join([_RU[0], "Политика", _RU[1], "Экономика", _RU[2]])
    assert clean_body(text, None, set(), dropped=dropped, menu={"политика", "экономика"}) == text


def test_a_menu_printed_glued_in_one_line_of_an_old_table_layout_is_dropped():
    # a table template: the menu is a row of links with no space between them, which
    # trafilatura prints as one line "| 时政国际财经… |" above the story
    words = "时政 国际 财经 社会 体育 文化 科技 军事".split()
    menu = "".join(f'<a href="/{i}/">{w}</a>' for i, w in enumerate(words))
    html = (f'<html lang="zh"><head><title>两国元首举行会谈</title></head><body><table><tr><td>{menu}</td></tr>'
            f"<tr><td>{'<br>'.join(_ZH_STORY)}</td></tr></table></body></html>")
    got = extract_article(html, "https://zh.example.com/politics/20240305/c1.html")
    assert got is not None and not any(w in got.text for w in words[:3]) and _ZH_STORY[0] in got.text
    # the lines and links counted: a glued line counts its links; fewer than five in all stay
    dropped: list[tuple[str, str]] = []
    text = "\n".join(["| 时政国际 |", *_ZH_STORY])
    assert clean_body(text, None, set(), dropped=dropped, menu={"时政", "国际", "财经"}) == text
    text = "\n".join(["| 时政国际财经 |", "体育", "文化", *_ZH_STORY])
    assert clean_body(text, None, set(), dropped=dropped, menu={"时政", "国际", "财经", "体育", "文化"}) == "\n".join(_ZH_STORY)
    # a line spelling link texts only in part is the story's
    text = "\n".join(["时政国际财经新闻联播今日看点", *_ZH_STORY])
    assert clean_body(text, None, set(), menu={"时政", "国际", "财经"}) == text


def test_a_chinese_link_to_the_site_of_a_few_characters_is_a_cross_link():
    # "大桥提前完成维修" is eight characters: as long as a Latin link of twenty-four letters
    dropped: list[tuple[str, str]] = []
    text = "\n".join(_ZH_STORY[:2] + ["大桥提前完成维修"] + _ZH_STORY[2:])
    from pipeline.extract.cleanup import cross_link_texts, menu_texts

    tree = _load_tree('<html><body><a href="/n/1.html">大桥提前完成维修</a><a href="/n/2.html">天气</a></body></html>')
    assert tree is not None
    links = cross_link_texts(menu_texts(tree, "https://zh.example.com/n/0.html"))
    assert links == {"大桥提前完成维修"}  # two characters are too short to tell
    assert clean_body(text, None, links, dropped=dropped) == "\n".join(_ZH_STORY)
    assert dropped == [("link to the site's other pages", "大桥提前完成维修")]


def test_closing_bio_of_the_writer_a_byline_names_is_dropped_when_no_statement_names_one():
    bio = "Tomas Berg covers the harbour and the ferries for the paper, and has lived in the town since 2009."
    def page(byline: str, closing: str) -> str:
        paras = "".join(f"<p>{p}</p>" for p in STORY + [closing])
        return (f"<html><head><title>Harbour channel to be deepened</title></head><body><article>"
                f"<h1>Harbour channel to be deepened</h1><div>{byline}</div>{paras}</article></body></html>")
    got = extract_article(page("By Tomas Berg", bio), "https://news.example.org/2024/01/harbour-channel")
    assert got is not None and got.text == "\n".join(STORY)
    # a closing paragraph about someone else stays
    other = bio.replace("Tomas Berg", "Anna Lund")
    got = extract_article(page("By Tomas Berg", other), "https://news.example.org/2024/01/harbour-channel")
    assert got is not None and got.text.endswith(other)


def test_a_byline_printed_as_a_line_of_the_text_is_dropped():
    # with class names that say nothing, trafilatura keeps the byline's <div> as a line
    paras = "".join(f"<p>{p}</p>" for p in STORY)
    html = (f"<html><head><title>Harbour channel to be deepened</title></head><body><article>"
            f"<h1>Harbour channel to be deepened</h1><div>By Tomas Berg and Anna Lund</div>{paras}</article></body></html>")
    got = extract_article(html, "https://news.example.org/2024/01/harbour-channel")
    assert got is not None and got.text == "\n".join(STORY)
    assert got.authors == ["Tomas Berg", "Anna Lund"]  # still read off the page
    # lines that open with "By" but credit nobody stay: a subheading, a sentence
    for line in ("By the numbers", "By 2030, the board expects the channel to take the largest ferries."):
        text = "\n".join([line, *STORY])
        assert clean_body(text, None, set()) == text, line


def _divs_and_brs_page() -> tuple[str, list[str]]:
    """A story printed as text in a <div> between <br>s, with links and <em>s in its
    sentences and a pull quote's <div> among them, under and over the site's menus."""
    marked = [f"Paragraph {i} of the council story tells how the <a href='https://news.example.com/x{i}'>city budget</a> "
              f"was <em>finally</em> passed by the members after a long night of debate, and "
              f"<a href='https://other.example.org/{i}'>what it <em>means</em></a>." for i in range(8)]
    plain = [f"Paragraph {i} of the council story tells how the city budget was finally passed by the members "
             f"after a long night of debate, and what it means." for i in range(8)]
    menu = "".join(f"<div><a href='/s{i}'>Section {i}</a></div>" for i in range(30))
    quote = "<div><div><q>A budget at last</q></div></div>"
    html = ("<html><head><title>Council passes budget</title></head><body><div>" + menu + "<div><div>\n  "
            + " <br><br>\n".join(marked[:3]) + quote + " <br><br>\n".join(marked[3:]) + "\n</div></div>" + menu
            + "</div></body></html>")
    return html, plain


def test_sentences_the_comparison_pass_breaks_at_links_and_ems_are_whole_again():
    """trafilatura's comparison pass breaks text that sits in a <div> between <br>s at
    each inline element ("tells how the \\ncity budget\\n was"): each paragraph comes out
    whole, one a line, and the prose it is counts as prose (the menus are cut off)."""
    from pipeline.extract import body

    html, plain = _divs_and_brs_page()
    tree = _load_tree(html)
    assert tree is not None
    full = body._trafilatura_text(tree, "https://news.example.com/2024/05/01/budget", precision=False, recall=False,
                                  fast=False, blocks=body._printed_blocks(tree))
    assert full is not None and all(p in full.split("\n") for p in plain)
    got = extract_article(html, "https://news.example.com/2024/05/01/budget")
    assert got is not None and all(p in got.text.split("\n") for p in plain) and "Section 3" not in got.text


def test_a_sentence_with_marks_after_its_inline_elements_is_whole_again():
    """A mark glued to an inline element ("<em>Maestro</em>! And") is printed with a space
    before it in the page's blocks; the rest of the sentence, broken at the next inline
    element, is joined all the same: each paragraph is one line, not fragments."""
    from pipeline.extract import body

    ad = "<br><br><div style='min-height:120px'><div id='ad'></div></div>"
    marked = [f"<strong>Lea {i}</strong> came to the premiere of <em>Maestro</em>! And no, the actor did not walk "
              f"the carpet with <strong>his girlfriend</strong>!<br><br>He came with his daughter {i}, who wore a "
              f"<strong>leopard-print</strong> dress and gold ballet flats for the night." + ad for i in range(6)]
    plain = [line for i in range(6) for line in (
        f"Lea {i} came to the premiere of Maestro! And no, the actor did not walk the carpet with his girlfriend!",
        f"He came with his daughter {i}, who wore a leopard-print dress and gold ballet flats for the night.")]
    menu = "".join(f"<div><a href='/s{i}'>Section {i}</a></div>" for i in range(30))
    html = ("<html><head><title>Premiere</title></head><body><div>" + menu + "<div><div><div class='x'></div>"
            + "".join(marked) + "</div></div>" + menu + "</div></body></html>")
    tree = _load_tree(html)
    assert tree is not None
    full = body._trafilatura_text(tree, "https://news.example.com/2024/05/01/premiere", precision=False, recall=False,
                                  fast=False, blocks=body._printed_blocks(tree))
    assert full is not None and full.split("\n") == plain


def test_a_break_is_rejoined_only_where_an_inline_element_starts_or_ends_within_one_printed_block():
    from pipeline.extract.body.passes import PrintedBlocks, _rejoin

    printed = "the mayor said \u201cno\u201d to the plan . More below\n21+ SHOW - DOORS: 5 PM\nEXCITABLE (Tribute Show)"
    blocks = PrintedBlocks(lambda: printed)

    # the mark after an inline element is joined to it ("plan."), where the blocks put a
    # space ("plan ."): a break after it in the same block is still none
    assert _rejoin("the mayor said \n\u201cno\u201d\n to the plan\n. \nMore below", blocks) == \
        "the mayor said \u201cno\u201d to the plan. More below"
    # a <br> between the two sides: printed in two blocks, however the space falls
    assert _rejoin("21+ SHOW - DOORS: 5 PM \nEXCITABLE (Tribute Show)", blocks) == \
        "21+ SHOW - DOORS: 5 PM\nEXCITABLE (Tribute Show)"
    # no space beside the break: two paragraphs, even where a hidden copy prints them as one
    blocks = PrintedBlocks(lambda: "the mayor said \u201cno\u201d to the plan")
    assert _rejoin("the mayor said\n\u201cno\u201d to the plan", blocks) == \
        "the mayor said\n\u201cno\u201d to the plan"


def test_a_chinese_line_broken_at_an_inline_element_is_rejoined_without_a_space():
    """Chinese leaves no space beside a break at a link or an <em>: a break beside one of
    its characters is tested against the printed blocks too, and the pieces join as they
    are printed; a <br> or a new block between them is still a break."""
    from pipeline.extract.body.passes import PrintedBlocks, _rejoin

    printed = "市议会周二晚间投票通过了据路透社报道的一项预算。\n反对者警告说，该计划依赖储备基金。"
    text = "市议会周二晚间投票通过了据\n路透社\n报道的一项预算。\n反对者警告说，该计划依赖储备基金。"
    assert _rejoin(text, PrintedBlocks(lambda: printed)) == printed
    # an English link in Chinese text, no space either side
    assert _rejoin("据\nReuters\n报道。", PrintedBlocks(lambda: "据Reuters报道。")) == "据Reuters报道。"
    # printed in two blocks: two lines
    two = "市议会周二晚间\n投票通过了预算。"
    assert _rejoin(two, PrintedBlocks(lambda: two)) == two


def test_on_a_page_read_blind_a_comparison_pass_with_more_running_prose_is_taken(monkeypatch):
    """Read blind (no frame, no <p>s), the main pass keeps the story's first lines among
    the menus and a sidebar; the comparison pass has the whole story: not a part of the
    result, nor twice its prose, but more running prose than it. It is taken, as bare
    trafilatura takes it. A comparison pass with less running prose is not, nor is one
    on a page whose story is in <p>s (the main pass was not blind)."""
    from pipeline.extract import body

    side = ["Sidebar: the ferry company said on Tuesday that the winter timetable would add a crossing at dawn.",
            *(f"Most read {i}" for i in range(12))]
    more = ["Harbour master Ines Varga said the deeper channel would end years of cancelled winter crossings.",
            "The region will pay forty per cent of the cost, and the ferry company has promised two new routes."]
    outputs = {True: "\n".join([*STORY[:2], *side]), False: "\n".join([*STORY, *more])}
    monkeypatch.setattr(body, "_trafilatura_text", lambda tree, url, *, precision, recall, fast, blocks, **_: outputs[fast])
    blind = ("<html><body><div><div>" + "<br><br>".join([*STORY, *more]) + "</div><div>" + "<br>".join(side)
             + "</div></div></body></html>")
    url = "https://news.example.com/2024/05/01/harbour"
    got = extract_article(blind, url)
    assert got is not None and got.method == "trafilatura-blind" and got.text == outputs[False]
    seen = blind.replace("<div><div>" + "<br><br>".join([*STORY, *more]),
                         "<div><div>" + "".join(f"<p>{s}</p>" for s in [*STORY, *more]))
    got = extract_article(seen, url)
    assert got is not None and got.method == "trafilatura-fast"
    outputs[False] = "\n".join([*STORY[:1], *more[:1], *(f"Section {i}" for i in range(4))])
    got = extract_article(blind, url)
    assert got is not None and got.method == "trafilatura-fast"


def test_on_a_page_read_blind_the_story_both_passes_read_is_taken_without_the_menus_or_a_form(monkeypatch):
    """Read blind (no frame, no <p>s), the main pass keeps the menus, the story and the
    teasers of other stories; the comparison pass keeps the story and a newsletter
    sign-up form the main pass left out: not a part of the result, and with less running
    prose than it. The lines both passes hold are the story, which is taken. When what
    they agree on is mostly not prose, or the story is in <p>s (the main pass was not
    blind), the main pass's result stands; when they leave out most of the comparison
    pass's prose, the rest of a story the main pass kept only the start of, they are not
    the story."""
    from pipeline.extract import body

    menus = [f"Section {i}" for i in range(150)]
    teasers = [f"Teaser {i}: the ferry company said on Tuesday that the winter timetable would add a crossing at dawn."
               for i in range(6)]
    form = ["Sign up for the harbour newsletter", "Already a subscriber?", "What is your email?",
            "By submitting your email, you agree to our terms and to receive occasional offers from us by email.",
            "Password must be at least eight characters and contain a number and a capital letter.",
            "This password will be used to sign in to all of our sites, and you can change it at any time."]
    outputs = {True: "\n".join([*menus, *STORY, *teasers]), False: "\n".join([*STORY, *form])}
    monkeypatch.setattr(body, "_trafilatura_text", lambda tree, url, *, precision, recall, fast, blocks, **_: outputs[fast])
    blind = ("<html><body><div>" + "<br>".join(menus) + "</div><div><div>" + "<br><br>".join(STORY) + "</div><div>"
             + "<br>".join(teasers) + "</div><div>" + "<br>".join(form) + "</div></div></body></html>")
    url = "https://news.example.com/2024/05/01/harbour"
    got = extract_article(blind, url)
    assert got is not None and got.method == "trafilatura-agreed" and got.text == "\n".join(STORY)
    # the lines both hold are not in the order the main pass printed them (its photo
    # credit once above the byline, the comparison pass's above each paragraph): a part
    # of the result all the same
    credit = "Photo: harbour board"
    outputs[True] = "\n".join([*menus, credit, "Staff report", "May 1, 2024", *STORY, *teasers])
    outputs[False] = "\n".join(["May 1, 2024", "Staff report", *(x for p in STORY for x in (credit, p)), *form])
    got = extract_article(blind, url)
    assert got is not None and got.method == "trafilatura-agreed"
    assert all(p in got.text for p in STORY) and not any(x in got.text for x in [*form, *teasers, "Section 1"])
    seen = blind.replace("<div><div>" + "<br><br>".join(STORY), "<div><div>" + "".join(f"<p>{s}</p>" for s in STORY))
    got = extract_article(seen, url)
    assert got is not None and got.method == "trafilatura-fast"
    outputs[True], outputs[False] = "\n".join([*menus, *STORY, *teasers]), "\n".join([*STORY[:1], *menus[:60], *form])
    got = extract_article(blind, url)
    assert got is not None and got.method == "trafilatura-fast"
    # the main pass kept only the story's start: what both hold is not the story, whose
    # rest the comparison pass has (more running prose than the result: taken whole)
    more = [f"Paragraph {i} of the story: the harbour master said the work would be checked by divers every week."
            for i in range(6)]
    outputs[True], outputs[False] = "\n".join([*menus, *STORY[:2], *teasers]), "\n".join([*STORY, *more, *form])
    got = extract_article(blind, url)
    assert got is not None and got.method != "trafilatura-agreed" and all(p in got.text for p in more)


def test_on_a_page_read_blind_a_result_of_only_its_blockquotes_takes_the_story_around_them(monkeypatch):
    """Read blind (no frame, no <p>s), the main pass keeps a page's <blockquote>s alone:
    readers' reviews the story quotes, long and all prose, so no other rule runs the
    comparison pass. Its text, the story around the quotes with them, is taken. With the
    reviews in <div>s the result is not the page's quotes and stands; a comparison pass
    without the quotes is another text and is not taken."""
    from pipeline.extract import body

    reviews = [f"\u201cThe show was wonderful, the drums were loud and the cast came out to meet us after the curtain on"
               f" night {i} of our trip to the coast.\u201d" for i in range(12)]
    credits = [f"\u2013 Reader {i}" for i in range(12)]
    info = ["Tickets", "Tuesday to Saturday, 4 pm", "Inquiries: 02-751-1500"]
    outputs = {True: "\n".join(reviews),
               False: "\n".join([*STORY[:2], *(x for pair in zip(reviews, credits) for x in pair), *STORY[2:], *info])}
    monkeypatch.setattr(body, "_trafilatura_text", lambda tree, url, *, precision, recall, fast, blocks, **_: outputs[fast])
    quoted = ("<html><body><div><div>" + "<br><br>".join(STORY[:2])
              + "".join(f"<blockquote>{r}</blockquote><div>{c}</div>" for r, c in zip(reviews, credits))
              + "<div>" + "<br><br>".join(STORY[2:] + info) + "</div></div></div></body></html>")
    url = "https://news.example.com/2024/05/01/harbour-show"
    got = extract_article(quoted, url)
    assert got is not None and got.method == "trafilatura-unquoted" and got.text == outputs[False]
    in_divs = quoted.replace("<blockquote>", "<div>").replace("</blockquote>", "</div>")
    got = extract_article(in_divs, url)
    assert got is not None and got.method == "trafilatura-fast"
    outputs[False] = "\n".join([*STORY, *info])
    got = extract_article(quoted, url)
    assert got is not None and got.method == "trafilatura-fast"


def test_on_a_page_read_blind_a_long_result_the_page_holds_far_more_prose_than_is_completed(monkeypatch):
    """Read blind (no frame, no <p>s), the main pass keeps the first half of a long
    story: all prose and not short, so no short-result rule applies. The page prints far
    more prose than that, and the comparison pass is the result with the rest of the
    story: it is taken. Where the page prints little more than the result, or the story
    is in <p>s (the main pass was not blind), the result stands."""
    from pipeline.extract import body

    story = [f"Section {i} of the long read: the harbour board met the ferry company, the fishermen and the region "
             f"to agree on how the northern channel would be deepened, at what cost and in which months." for i in range(24)]
    outputs = {True: "\n".join(story[:12]), False: "\n".join(story)}
    monkeypatch.setattr(body, "_trafilatura_text", lambda tree, url, *, precision, recall, fast, blocks, **_: outputs[fast])
    blind = "<html><body><div><div>" + "<br><br>".join(story) + "</div><div>Most read<br>Weather</div></div></body></html>"
    url = "https://news.example.com/2024/05/01/channel"
    got = extract_article(blind, url)
    assert got is not None and got.method == "trafilatura-fallback" and got.text == outputs[False]
    outputs[True] = "\n".join(story[:20])
    got = extract_article(blind, url)
    assert got is not None and got.method == "trafilatura-fast"
    outputs[True] = "\n".join(story[:12])
    seen = blind.replace("<br><br>".join(story), "".join(f"<p>{s}</p>" for s in story))
    got = extract_article(seen, url)
    assert got is not None and got.method == "trafilatura-fast"


@settings(max_examples=150, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("ab .,\n\t中文。")), max_size=60),
       printed=st.text(alphabet=st.sampled_from(list("ab .,\n中文。")), max_size=60))
def test_rejoining_changes_only_where_lines_break_never_a_character(text, printed):
    """Whatever trafilatura returns and the page prints, the rejoin removes line breaks
    and white space only: no character of the text is lost, added or moved."""
    from pipeline.extract.body.passes import PrintedBlocks, _rejoin

    out = _rejoin(text, PrintedBlocks(lambda: printed))
    assert "".join(out.split()) == "".join(text.split())
    assert all(ln and ln == " ".join(ln.split()) for ln in out.split("\n")) or not out


def _rejoined_by_search(text: str, printed: str) -> str:
    """The rejoin as first written: each break a search of the whole printed text."""
    from pipeline.extract.body.passes import _break, _glue, _lines

    bare = printed.replace(" ", "")
    out: list[str] = []
    for ln, spaced in _lines(text):
        tested, unspaced = _break(out[-1] if out else None, ln, spaced)
        out[len(out) - 1:] = [_glue(out[-1], ln, unspaced)] if tested and (out[-1] + ln).replace(" ", "") in bare \
            else [*out[-1:], ln]
    return "\n".join(out)


_PIECES = st.sampled_from(["ab", "ab ", " cd", "cd.", "中文", "。", "ab cd", "x", "中", " ", "\n"])


@settings(max_examples=300, deadline=None)
@given(text=st.lists(_PIECES, max_size=40).map("".join), printed=st.lists(_PIECES, max_size=40).map("".join),
       index_after=st.sampled_from([0, 1, 3, 256]))
def test_the_rejoin_answers_as_a_search_at_each_break_whenever_it_indexes(text, printed, index_after):
    """Following a joined paragraph through the printed text and indexing its pieces
    after some searches only skip work: each break is joined exactly where a search of
    the whole printed text finds its two sides together."""
    from pipeline.extract.body.passes import PrintedBlocks, _rejoin

    assert _rejoin(text, PrintedBlocks(lambda: printed, index_after)) == _rejoined_by_search(text, printed)


def test_a_page_of_thousands_of_br_lines_is_not_searched_again_at_each_break():
    """A listing of 3,000 lines of Chinese between <br>s (no two printed together), long
    or of two or three characters: the breaks past the first few hundred are answered
    from the index of the printed text, and a paragraph broken at 3,000 inline elements
    is followed, not searched again at each; the lines come out as the search would
    have them."""
    from conftest import CountedText

    from pipeline.extract.body import passes
    from pipeline.extract.body.searched import SearchedText

    def rejoined(lines: list[str], sep: str, printed: str) -> tuple[str, int]:
        """The rejoin of the lines, and the searches it made of the printed text."""
        blocks = passes.PrintedBlocks(lambda: printed)
        counted = CountedText(printed.replace(" ", ""))
        blocks._bare = SearchedText(counted)
        return passes._rejoin(sep.join(lines), blocks), counted.finds

    lines = [f"{i}号公告：市政府今天宣布新的交通规划方案" for i in range(3000)]
    out, searched = rejoined(lines, "\n", "\n".join(lines))
    assert out == "\n".join(lines)
    assert searched <= 600  # of 2,999 breaks

    # lines of two or three characters: no piece of eight characters spans a break
    han = "市政府今天宣布新的交通规划方案将在明年春季开始实施"
    lines = [han[i % 20:i % 20 + 2 + i % 2] for i in range(3000)]
    out, searched = rejoined(lines, "\n", "\n".join(lines))
    assert out == _rejoined_by_search("\n".join(lines), "\n".join(lines))
    assert searched <= 600

    words = [f"word{i} and more" for i in range(3000)]
    out, searched = rejoined(words, " \n", " ".join(words))
    assert out == " ".join(words)
    assert searched == 1


def test_a_story_in_br_lines_whose_frame_the_main_pass_kept_a_part_of_is_taken_from_the_comparison_pass(monkeypatch):
    """A gift guide printed in <br> lines inside its <article>: the main pass keeps its
    introduction and the products' names, long and mostly prose, while the frame prints
    far more prose (what the guide says of each product), and the comparison pass has the
    whole guide, from the frame: it is taken. Not a comparison pass that is mostly the
    next stories outside the frame, and none runs where the guide is in <p>s (the main
    pass read them)."""
    from pipeline.extract import body

    intro = [*STORY, *(f"Part {i} of the introduction: prices rose this year, so the editors looked for presents "
                       f"that cost less than twenty dollars." for i in range(6))]
    items = [(f"Gift {i}: cedar candle box", f"Gift {i} is a small cedar box with three candles, and at under twenty "
              f"dollars it is one of the cheapest presents in this guide, the editors said after testing it.")
             for i in range(30)]
    others = [f"Next story {i}: the council approved the harbour plan on Monday after a long night of debate and votes."
              for i in range(60)]
    guide_lines = [*intro, *(x for item in items for x in item)]
    outputs = {True: "\n".join([*intro, *(name for name, _ in items)]), False: "\n".join(guide_lines)}
    calls: list[bool] = []

    def passes(tree, url, *, precision, recall, fast, blocks, **_):
        calls.append(fast)
        return outputs[fast]

    monkeypatch.setattr(body, "_trafilatura_text", passes)
    guide = "<br><br>".join([*intro, *(f"<a href='https://shop.example.net/p{i}'>{n}</a><br>{d}" for i, (n, d) in enumerate(items))])
    page = (f"<html><body><article><h1>Cheap gifts</h1><div>{guide}</div></article>"
            f"<aside>{'<br>'.join(others)}</aside></body></html>")
    url = "https://news.example.com/2024/12/01/cheap-gifts"
    got = extract_article(page, url)
    assert got is not None and got.method == "trafilatura-frame" and got.text == outputs[False]
    outputs[False] = "\n".join([*intro, *others])
    got = extract_article(page, url)
    assert got is not None and got.method == "trafilatura-fast"
    calls.clear()
    in_paragraphs = page.replace(guide, "".join(f"<p>{x}</p>" for x in guide_lines))
    got = extract_article(in_paragraphs, url)
    assert got is not None and calls == [True]


BRIEF = ["Dec. 23 is both Christmas Eve eve and Super Saturday this year, shops said.",
         "The two dates last fell together in 2017, the retailers noted."]


def _brief_page(after_story: str = "") -> str:
    """A two-paragraph brief in an <article> with its kicker, headline, byline, date, tags
    and share line: too little for trafilatura's main extractor, which then returns the
    <article>'s whole text as one line."""
    nav = "".join(f"<li><a href='/{w.lower()}'>{w}</a></li>" for w in ("News", "Politics", "Business", "Sport", "Weather"))
    tags = "".join(f"<a href='/tag/{w.lower()}'>{w}</a>" for w in ("Holidays", "Shopping", "Christmas", "Retail"))
    return ("<html><head><title>Super Saturday</title></head><body><nav><ul>" + nav + "</ul></nav>"
            "<article><a href='/holidays'>Holidays</a><h1>Super Saturday expected to be a shopping bonanza</h1>"
            "<div class='byline'>by Jane Roe, Business Reporter</div><div class='date'>December 22, 2023 04:26 PM</div>"
            "<div class='body'>" + "".join(f"<p>{s}</p>" for s in BRIEF) + "</div>" + after_story +
            "<div class='tags'>" + tags + "</div><div class='share'>Share your thoughts with friends.</div></article>"
            "<footer>Contact us</footer></body></html>")


def test_a_brief_trafilatura_glues_into_one_line_is_read_as_the_blocks_the_page_prints():
    """Both passes return the brief's <article> as one line; read as the page's blocks,
    its paragraphs are lines of their own and the byline and date lines are dropped by
    name, where one glued line kept them all."""
    from pipeline.extract import body

    html = _brief_page()
    tree = _load_tree(html)
    raw = body._trafilatura_text(tree, "https://news.example.com/x", precision=False, recall=False, fast=True,
                                 blocks=body._printed_blocks(tree))
    assert raw is not None and "\n" not in raw and BRIEF[0] in raw  # what trafilatura does here
    got = extract_article(html, "https://news.example.com/2023/12/22/super-saturday")
    assert got is not None and got.text is not None
    lines = got.text.split("\n")
    assert BRIEF[0] in lines and BRIEF[1] in lines
    assert not any("Jane Roe" in ln or "04:26" in ln for ln in lines)


def test_the_comparison_passs_story_is_taken_from_a_glued_result_but_not_an_author_box(monkeypatch):
    """When the comparison pass finds the brief in the glued <article> text, it is taken,
    whatever the order it keeps the blocks in; when it finds the author box after the brief (prose too, but not where the story
    opens under the byline), the glued result read as blocks stays."""
    from pipeline.extract import body

    box = ("Jane Roe has written about retail and the high street since 2010, first for a trade weekly and then for "
           "this paper. She lives in Leeds, where she also writes fiction and teaches a course on business writing.")
    html = _brief_page(f"<div class='author-box'>{box}</div>")
    tree = _load_tree(html)
    glued = body._trafilatura_text(tree, "https://news.example.com/x", precision=False, recall=False, fast=True,
                                   blocks=body._printed_blocks(tree))
    assert glued is not None and "\n" not in glued and box in glued
    url = "https://news.example.com/2023/12/22/super-saturday"
    # the comparison pass may keep the blocks in another order (the byline and date after
    # the brief): still a part of them
    moved = "\n".join([*BRIEF, "December 22, 2023 04:26 PM", "by Jane Roe, Business Reporter"])
    for full, method in (("\n".join(BRIEF), "trafilatura-unglued"), (moved, "trafilatura-unglued"),
                         (box, "trafilatura-fast")):
        outputs = {True: glued, False: full}
        monkeypatch.setattr(body, "_trafilatura_text",
                            lambda tree, url, *, precision, recall, fast, blocks, outputs=outputs, **_: outputs[fast])
        got = extract_article(html, url)
        assert got is not None and got.method == method and got.text is not None
        assert BRIEF[0] in got.text.split("\n")
    assert got.text != box


@settings(max_examples=150, deadline=None)
@given(blocks=st.lists(st.text(alphabet=st.sampled_from(list("ab .,")), max_size=12), max_size=8),
       picks=st.lists(st.booleans(), max_size=8), line=st.none() | st.text(alphabet=st.sampled_from(list("ab .,\n")), max_size=40))
def test_ungluing_splits_a_line_only_where_it_breaks_never_a_character(blocks, picks, line):
    """Whatever the page prints and trafilatura returns, a glued line read as blocks
    keeps every character in order (white space aside), and a line that is not a run of
    the page's blocks is left as it is."""
    from pipeline.extract.body.passes import _unglued

    if line is None:  # a line glued from some of the blocks, in the page's order
        line = " ".join(b for b, keep in zip(blocks, picks) if keep)
    parts = _unglued(line, lambda: "\n".join(" ".join(b.split()) for b in blocks))
    if parts is not None:
        assert len(parts) >= 3 and "\n" not in line.strip()
        assert "".join("".join(parts).split()) == "".join(line.split())


def test_a_result_of_only_link_lines_takes_the_comparison_passs_prose(monkeypatch):
    """Around a brief, the main pass may find only the site: a list of other stories'
    links and the headline, not one line of running prose. The comparison pass's prose
    is taken (its list of tour dates, no prose, is not: a fallback adds only prose); a
    result of no prose that is not link text (a poem, a paragraph that ends without a
    full stop) stays as it is."""
    from pipeline.extract import body

    others = [f"Singer {i} leads the award nominations this year: see the full list" for i in range(5)]
    paras = ["A half century on, the band is still touring, and its four founders will play together again next year.",
             "To mark fifty years since the band formed, the founders will reunite for a tour of thirty dates next summer."]
    dates = [f"June {i} -- Arena {i}, Springfield" for i in range(1, 9)]
    nav = "".join(f"<li><a href='/news/{i}'>{t}</a></li>" for i, t in enumerate(others))
    html = (f"<html><body><ul>{nav}</ul><h1>Band sets anniversary tour</h1>"
            + "".join(f"<div>{p}</div>" for p in [*paras, *dates]) + "</body></html>")
    calls: list[bool] = []

    def passes(tree, url, *, precision, recall, fast, blocks, **_):
        calls.append(fast)
        return outputs[fast]

    monkeypatch.setattr(body, "_trafilatura_text", passes)
    outputs = {True: "\n".join([*others, "Band sets anniversary tour"]),
               False: "\n".join(["Band sets anniversary tour", *paras, *dates])}
    got = extract_article(html, "https://news.example.com/2024/05/01/band-tour")
    assert got is not None and got.text is not None and calls == [True, False]
    lines = got.text.split("\n")
    assert all(p in lines for p in paras) and not any(d in lines for d in dates) and not any(o in lines for o in others)
    poem = ["The river runs beneath the hill, and the hill looks down on the river all the night and day",
            "and the boats go by with their lanterns lit and the children wave from the bridge as they pass"]
    outputs = {True: "\n".join(poem), False: "\n".join(paras)}
    page = html.replace("<h1>", "<article>" + "".join(f"<p>{p}</p>" for p in poem) + "</article><h1>")
    got = extract_article(page, "https://news.example.com/2024/05/01/band-tour")
    assert got is not None and got.text == "\n".join(poem) and got.method == "trafilatura-fast"


_TAGS = st.sampled_from(["div", "p", "span", "section", "fb:like", "o:p", "x-card", "h3", "a"])


@st.composite
def _tag_soup(draw, depth: int = 3) -> str:
    """Nested elements of common, custom and prefixed tags, with text between."""
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        tag = draw(_TAGS)
        inner = draw(_tag_soup(depth - 1)) if depth > 0 and draw(st.booleans()) else draw(st.text("abc xyz", max_size=12))
        parts.append(f"<{tag}>{inner}</{tag}>" + draw(st.text("tail ", max_size=6)))
    return "".join(parts)


@settings(max_examples=150, deadline=None)
@given(soup=_tag_soup(), picks=st.lists(st.integers(0, 400), max_size=6))
def test_without_blocks_drops_exactly_the_blocks_from_a_copy(soup, picks):
    """Any page, any elements (prefixed tags such as <fb:like> among them, which an
    XPath of tag names cannot find): the copy lacks those elements and nothing else, and
    the page is left whole."""
    from pipeline.extract.blocks import without_blocks

    tree = _load_tree(f"<html><body><main>{soup}</main></body></html>")
    if tree is None:
        return
    before = lxml.html.tostring(tree)
    elements = [el for el in tree.iter() if isinstance(el.tag, str) and el.tag not in ("html", "body")]
    chosen = tuple({elements[i % len(elements)] for i in picks}) if elements else ()
    copy = without_blocks(tree, chosen)
    assert lxml.html.tostring(tree) == before
    expected = _reference_copy_without(tree, chosen)
    assert lxml.html.tostring(copy) == lxml.html.tostring(expected)


def _reference_copy_without(tree, chosen):
    """The reference: a copy made by marking the chosen elements first, then dropping the marked."""
    import copy as copying

    for n, el in enumerate(chosen):
        el.set("data-drop-ref", str(n))
    marked = copying.deepcopy(tree)
    for el in chosen:
        del el.attrib["data-drop-ref"]
    for el in list(marked.iter()):
        if isinstance(el.tag, str) and el.get("data-drop-ref") is not None and el.getparent() is not None:
            el.drop_tree()
    return marked


_PRINTED = {  # a paragraph as older templates print it, where they print no <p>
    "lines": "{}<br><br>",
    "list items": "<ul><li>{}</li></ul>",
    "table cells": "<table><tr><td>{}</td></tr></table>",
}


def _portal_without_ps(paras: list[str], form: str, items: str = "") -> str:
    """A page of an old template: no <p>, the story's paragraphs printed as `form`, a
    rail of three cards above it and a box of six after it, each card a linked heading
    and its excerpt printed alike."""
    def card(i: int, text: str) -> str:
        return (f'<div class="c21"><h3><a href="/news/2024/item-{i}">Harbour item {i} makes the news again</a></h3>'
                + _PRINTED[form].format(text) + "</div>")

    pool = [f"{text} {text}" for _, text in GADGETS * 3]
    rail = "".join(card(i, pool[i]) for i in range(3))
    box = "".join(card(i, pool[i]) for i in range(3, 9))
    return ("<html><head><title>Harbour channel to be deepened</title></head><body><div class='c0'>"
            f"<div class='c19'>{rail}</div><div class='c1'><h1>Harbour channel to be deepened</h1><div class='c2'>"
            + "".join(_PRINTED[form].format(p) for p in paras) + items
            + f"</div><div class='c20'><h2>More stories</h2>{box}</div></div></div></body></html>")


@pytest.mark.parametrize("form", list(_PRINTED))
def test_cards_of_a_page_printing_no_paragraph_in_ps_are_cards_of_other_stories(form):
    """Older templates print paragraphs as lines of text ended by <br>s, as items of
    lists or as cells of tables, the cards' excerpts too: a card's excerpt is then the
    one such paragraph beside its heading, and the story's block the one holding the
    most of them in running prose (an item or a cell is held by the block around its
    list or table). Around a brief, the rail's and the box's excerpts were the story's."""
    from pipeline.extract.blocks import card_excerpts

    url = "https://news.example.org/2024/01/harbour-channel"
    page = _portal_without_ps(STORY[:2], form)
    tree = _load_tree(page)
    assert tree is not None and len(card_excerpts(tree, url).blocks) == 9
    got = extract_article(page, url)
    assert got is not None and [ln.strip("|- ") for ln in got.text.split("\n")][:2] == STORY[:2]
    # no excerpt of the rail opens the text, no run of the box's closes it (a lone one
    # may: trafilatura keeps only the first cell of the box, and one excerpt is no run)
    excerpts = {f"{text} {text}" for _, text in GADGETS}
    assert sum(text in got.text for text in excerpts) <= 1 and len(got.text.split("\n")) <= 3
    # a round-up printed so keeps its items: they sit in the block of the story's paragraphs
    items = "".join(f'<div class="c11"><h3><a href="/reviews/{i}">{name}</a></h3>' + _PRINTED[form].format(text) + "</div>"
                    for i, (name, text) in enumerate(GADGETS))
    roundup = _portal_without_ps(STORY[:1], form, items)
    tree = _load_tree(roundup)
    assert tree is not None
    cards = card_excerpts(tree, url).texts
    assert not any(_norm(text) in cards for _, text in GADGETS) and _norm(f"{GADGETS[0][1]} {GADGETS[0][1]}") in cards
    if form != "table cells":  # (of one-cell tables in a row trafilatura keeps only the first)
        got = extract_article(roundup, url)
        assert got is not None and all(text in got.text for _, text in GADGETS)
        assert not any(f"{text} {text}" in got.text for _, text in GADGETS)


_CARD_PIECES = st.lists(st.tuples(st.sampled_from(["br", "div", "span", "a href='/news/x'", "h3", "li", "ul", "td", "table",
                                                   "p", "em", "!--", ""]),
                                  st.text(alphabet=st.sampled_from(list("Ab .,'\n")), max_size=90)),
                        max_size=16)


@settings(max_examples=80, deadline=None)
@given(pieces=_CARD_PIECES)
def test_cards_and_the_densest_block_of_any_mix_of_lines_items_and_cells_never_raise(pieces):
    """Whatever mix of lines, items, cells, links and comments a page of no <p>s prints,
    the cards and the story's block are found or not, and every excerpt found is text
    the page shows."""
    from pipeline.extract.blocks import card_excerpts, densest_block

    html = "".join(f"<{t}>{escape(x)}" if t and t != "!--" else (f"<!--{x}-->" if t else escape(x)) for t, x in pieces)
    tree = _load_tree(f"<html><body><div>{html}</div></body></html>")
    if tree is None:
        return  # nothing a parser keeps: the page is skipped upstream
    block = densest_block(tree)
    assert block is None or any(block is el for el in tree.iter())  # an element of the page
    shown = _norm(tree.find(".//body").text_content())
    assert all(text in shown for text in card_excerpts(tree, "https://news.example.org/2024/01/x").texts)


_REMARKS = ["I drove over that channel last winter and the ferry could barely turn, so this is overdue news.",
            "Eighteen months of closures will hurt the fish market, and nobody from the board has asked us.",
            "Shared with the region means our taxes pay twice, once for the bypass and once more for this.",
            "Good to see the old pier stays open; my father fished from it every Sunday for forty years."]


_ENTRIES = [(who, f"{i + 2} hours ago", text)  # a reader's name, the time, the remark
            for i, (who, text) in enumerate(zip(["MarkT", "jane_doe88", "Observer", "Sasha K."], _REMARKS))]


def _page_with_thread(form: bool, entries: list[tuple[str, str, str]]) -> str:
    """The story, then a list of entries in blocks whose class names say nothing (each a
    name, a time and a paragraph, a "Reply" link), and the thread's form or none."""
    items = "".join(f'<div class="c31"><div class="c32"><span>{who}</span> <span>{when}</span></div><p>{text}</p>'
                    f'<a href="#reply-{i}">Reply</a></div>' for i, (who, when, text) in enumerate(entries))
    box = f'<div class="c30"><h3>{len(entries)} comments</h3><div class="c33">{items}</div>' + (
        '<div class="c34"><textarea name="c"></textarea><button>Post</button></div>' if form else "") + "</div>"
    return _story_page(box)


def test_a_comment_thread_whatever_its_names_is_no_part_of_the_story():
    """A thread after the story, its class names hashed: three entries or more side by
    side, each a paragraph and the time it was written, beside the thread's own form
    (a <textarea>). A live ticker's entries (a time and a paragraph each) have no form
    beside them and stay, as entries without one do."""
    url = "https://news.example.org/2024/01/harbour-channel"
    entries = _ENTRIES
    got = extract_article(_page_with_thread(True, entries), url)
    assert got is not None and got.text.split("\n")[: len(STORY)] == STORY
    assert not any(text in got.text for text in _REMARKS)
    dated = [(who, f"December {i + 3}, 2023 at 10:1{i} am", text) for i, (who, _, text) in enumerate(_ENTRIES)]
    got = extract_article(_page_with_thread(True, dated), url)
    assert got is not None and not any(text in got.text for text in _REMARKS)
    # no form beside them: a ticker's entries, or a thread we cannot tell from one
    got = extract_article(_page_with_thread(False, entries), url)
    assert got is not None and all(text in got.text for text in _REMARKS)
    # two entries are no thread
    from pipeline.extract.blocks import thread_entries

    for page, found in ((_page_with_thread(True, entries), 4), (_page_with_thread(True, entries[:2]), 0)):
        tree = _load_tree(page)
        assert tree is not None and len(thread_entries(tree).blocks) == found


def test_a_discussion_whose_entries_are_all_its_prose_keeps_them():
    """Entries beside a form on a page with no other paragraph of a story's length are
    the page's content (a discussion, readers' letters), not a thread under a story."""
    from pipeline.extract.blocks import thread_entries

    entries = _ENTRIES
    page = _page_with_thread(True, entries)
    for para in STORY:
        page = page.replace(f"<p>{para}</p>", "")
    tree = _load_tree(page)
    assert tree is not None and not thread_entries(tree).blocks
    tree = _load_tree(_page_with_thread(True, entries))
    assert tree is not None and len(thread_entries(tree).blocks) == 4


def test_a_comparison_pass_that_read_only_the_cards_box_does_not_replace_the_story(monkeypatch):
    """Around a brief in a portal the main pass keeps the masthead, the story and the
    "More stories" box; the comparison pass may read the box alone. That is a part of
    the result without its menus (the masthead, the latest news), which used to be taken for the story (the brief lost,
    a card's excerpt left as the body); a pass whose text is cards of other stories and
    nothing else is no story, and the main pass's result, cleaned, stands."""
    from pipeline.extract import body

    url = "https://news.example.org/2024/01/harbour-channel"
    sections = [f"{s} {i}" for i in range(4) for s in ("World", "Politics", "Business", "Markets", "Tech",
                                                        "Science", "Health", "Sport", "Culture", "Opinion")]
    masthead = "<nav><ul>" + "".join(f'<li><a href="/section/{i}">{s}</a></li>' for i, s in enumerate(sections)) + "</ul></nav>"
    latest = [f"Ferry timetable {i} changes for the winter season" for i in range(30)]
    footer = "<footer><ul>" + "".join(f'<li><a href="/news/2024/ferry-{i}">{h}</a></li>' for i, h in enumerate(latest)) + "</ul></footer>"
    page = _brief_under_cards(STORY[:2], 6).replace("<body>", "<body>" + masthead).replace("</body>", footer + "</body>")
    box = ["More stories", *(line for i, (_, text) in enumerate(GADGETS * 2)
                             for line in (f"Harbour item {i} makes the news again", f"{text} {text}"))][:13]
    cards_alone = "\n".join(["More stories", *box[2::2]])  # the excerpts, as the comparison pass prints them

    def passes(page_tree, url, *, precision, recall, fast, blocks, **_):
        return "\n".join([*sections, "Harbour channel to be deepened", *STORY[:2], *box, *latest]) if fast else cards_alone

    monkeypatch.setattr(body, "_trafilatura_text", passes)
    got = extract_article(page, url)
    assert got is not None and got.text.split("\n") == STORY[:2], got and (got.method, got.text)
    assert not any(text in got.text for _, text in GADGETS) and "trafilatura-cut" not in got.method


_RU_STORY = [
    "Президент России Владимир Путин во вторник провёл переговоры с председателем КНР Си Цзиньпином в Пекине.",
    "Стороны обсудили торговлю, энергетику и строительство нового газопровода через Монголию, сообщили в Кремле.",
    "По итогам переговоров лидеры подписали совместное заявление и около двадцати межправительственных соглашений.",
]
_RU_CARDS = [("В городе открылся новый каток", "Каток будет работать до конца марта."),
             ("Ремонт моста завершат летом", "Подрядчик обещает закончить работы в июле."),
             ("В школах начались весенние каникулы", "Каникулы продлятся неделю."),
             ("Автобус номер пять изменит маршрут", "Изменения вступят в силу с понедельника.")]


def _news_list_page(cards: int, dated: bool = True) -> str:
    """A Russian regional site in Bitrix's default news-list template: under the story,
    other stories as `<p>`s of a date glued to a bold linked headline, and an excerpt."""
    items = "".join(
        f'<p class="news-item">{f"<span>0{i}.03.2024</span>" if dated else ""}<a href="/news/{i}/"><b>{h}</b></a>'
        f"<br>{x}</p>" for i, (h, x) in enumerate(_RU_CARDS[:cards], 1))
    story = "".join(f"<p>{p}</p>" for p in _RU_STORY)
    return ('<html lang="ru"><head><meta charset="utf-8"><title>Путин и Си Цзиньпин провели переговоры</title></head>'
            '<body><div class="news-detail"><h1>Путин и Си Цзиньпин провели переговоры</h1>'
            f'<span class="news-date-time">05.03.2024 14:30</span><div class="detail_text">{story}</div></div>'
            f'<div class="news-list"><h3>Другие новости</h3>{items}</div></body></html>')


def test_dated_linked_headlines_of_other_stories_closing_the_text_are_dropped():
    got = extract_article(_news_list_page(4), "https://news-region.example/news/politics/putin-xi/")
    assert got is not None and got.text
    assert got.text.split("\n") == _RU_STORY
    # two cards are not yet a list of other stories; nor are undated linked items (a
    # round-up's own items, each linking to the site's review of it): their excerpts stay
    for page in (_news_list_page(2), _news_list_page(4, dated=False)):
        got = extract_article(page, "https://news-region.example/news/politics/putin-xi/")
        assert got is not None and got.text and "Каток будет работать до конца марта." in got.text


def test_a_story_printed_in_one_table_cell_comes_out_as_its_paragraphs():
    """Old Russian and Chinese templates print the story in one `<td>`, its paragraphs
    apart at `<br>`s; trafilatura writes the cell as a table row, "| A B C |", its
    paragraphs run together. The row of one cell is read as the blocks the page prints."""
    for story in (STORY[:2], STORY,
                  ["国家主席习近平5日在北京人民大会堂同来华进行国事访问的俄罗斯总统普京举行会谈，双方就两国关系深入交换意见。",
                   "习近平指出，今年是两国建交七十五周年，双方应当继续加强能源、贸易和人文领域的合作，造福两国人民。",
                   "普京表示，俄方愿同中方一道，推动两国全面战略协作伙伴关系不断向前发展，共同应对国际形势的变化。"]):
        html = ("<html><head><title>Harbour channel to be deepened</title></head><body><h1>Harbour channel to be deepened</h1>"
                f"<table><tr><td>{'<br><br>'.join(story)}</td></tr></table></body></html>")
        got = extract_article(html, "https://news.example.org/2024/01/harbour-channel")
        assert got is not None and got.text
        assert got.text.split("\n") == story


def _with(inner: str, wrap_story: str = "{}") -> str:
    paras = [f"<p>{p}</p>" for p in STORY]
    story = "".join(paras[:2]) + inner + "".join(paras[2:])
    return ("<html><head><title>Harbour channel to be deepened</title></head><body><main><article>"
            f"<h1>Harbour channel to be deepened</h1>{wrap_story.format(story)}"
            "</article></main></body></html>")


THANKS = "Thanks for signing up! Check your inbox to confirm your subscription to the morning briefing."


def test_what_the_page_never_shows_is_no_part_of_the_story():
    """A sign-up form's hidden thank-you and a modal's <template> inside the story: a
    browser shows neither, trafilatura reads both. A collapsed section ("until-found",
    opened by the reader or a search) and a declarative shadow root are shown, and a
    page hidden whole until its scripts run is still the page."""
    url = "https://news.example.org/2024/01/harbour-channel"
    import trafilatura

    for inner in (f"<p hidden>{THANKS}</p>", f'<div hidden="hidden"><p>{THANKS}</p></div>',
                  f'<template id="thanks"><p>{THANKS}</p></template>'):
        page = _with(inner)
        assert THANKS in (trafilatura.extract(page) or ""), inner  # bare trafilatura keeps it
        got = extract_article(page, url)
        assert got is not None and got.text == "\n".join(STORY), inner
    for inner in (f'<div hidden="until-found"><p>{THANKS}</p></div>',
                  f'<div><template shadowrootmode="open"><p>{THANKS}</p></template></div>'):
        got = extract_article(_with(inner), url)
        assert got is not None and THANKS in (got.text or ""), inner
    for wrap in ("<div hidden>{}</div>", "<section hidden>{}</section>"):
        got = extract_article(_with("", wrap), url)
        assert got is not None and got.text == "\n".join(STORY), wrap
    got = extract_article(_with("").replace("<body>", "<body hidden>"), url)
    assert got is not None and got.text == "\n".join(STORY)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["div", "p", "section", "template", "span"]),
                          st.sampled_from([None, "", "hidden", "until-found", "false"]), st.text(max_size=60)),
                max_size=6))
def test_any_hidden_or_template_elements_beside_a_story_leave_the_story(blocks):
    """Elements hidden or not, templates, with any text, beside the story's paragraphs:
    the story is still extracted, every paragraph of it."""
    inner = "".join(f"<{tag}{'' if h is None else f' hidden={h!r}'}>{escape(t)}</{tag}>" for tag, h, t in blocks)
    got = extract_article(_with(inner), "https://news.example.org/2024/01/harbour-channel")
    assert got is not None and got.text is not None
    assert all(line in got.text for line in STORY)


_ROUNDUP_INTRO = ("Most bars in the city charge a cover on New Year's Eve, some of them fifty dollars or more. "
                  "These five do not, and most of them have live music until one in the morning.")
_BARS = [("Boundary Stone", "Knock back cheap whiskeys and pints during an extended happy hour at the party-friendly pub, "
          "followed by live music until late."),
         ("Astro Beer Hall", "The beer hall pours its own lagers at half price until nine, and the dance floor opens "
          "upstairs at ten with a local band."),
         ("Casta's Rum Bar", "Rum punch by the pitcher and a Cuban trio on the patio, with heaters for the cold, and "
          "no reservation needed for groups under six.")]


def _roundup(section: str, closing: str = "") -> str:
    return ("<html><head><title>Bars that won't charge a cover on New Year's Eve</title></head><body>"
            "<nav><a href='/'>Home</a><a href='/food'>Food</a></nav><article>"
            "<h1>Bars that won't charge a cover on New Year's Eve</h1>"
            f"<div class='body'><p>{_ROUNDUP_INTRO}</p>{section}{closing}</div></article></body></html>")


def test_a_round_ups_headings_linked_to_the_sites_pages_are_its_sections():
    # each bar named by a link to the site's page on it, its address and paragraph under it
    # (a Washingtonian round-up): the headings are the story's, not cross-links
    section = "".join(f'<h2><a href="/tag/{n.lower().replace(" ", "-")}/">{n}</a></h2><h3><i>{i + 1}16 Rhode Island Ave.'
                      f"</i></h3><p>{p}</p>" for i, (n, p) in enumerate(_BARS))
    got = extract_article(_roundup(section), "https://city.example.com/2023/12/21/bars-no-cover/")
    assert got is not None and got.text is not None
    lines = got.text.split("\n")
    assert all(n in lines for n, _ in _BARS) and all(p in lines for _, p in _BARS)


def test_linked_headings_that_are_not_a_round_ups_sections_stay_cross_links():
    # a box of other reviews closing a story, each linked heading over a line of its own:
    # a small part of the prose under them
    story = "".join(f"<p>{p}</p>" for _, p in _BARS)
    box = ("<h2>What other reviews can I read?</h2>"
           '<h3><a href="/2021/06/09/first-drive-review/">2022 Pathfinder First Drive Review | Better, still not the best</a></h3>'
           "<p>Read this for more on all that changed for 2022, and a deeper look at what it is like to drive.</p>"
           '<h3><a href="/2022/03/29/luggage-test/">Pathfinder Luggage Test: what fits behind the third row</a></h3>'
           "<p>See how much you can fit behind the raised third-row seat, with comparisons to its rivals.</p>")
    got = extract_article(_roundup(story, box), "https://city.example.com/2023/12/21/bars-no-cover/")
    assert got is not None and got.text is not None
    assert "Luggage Test" not in got.text and "First Drive Review" not in got.text and _BARS[2][1] in got.text
    # cards of other stories, each its headline and excerpt alone in a block
    cards = "".join(f'<div class="card"><h3><a href="/2023/12/{i}/other/">{n} opens a second room downtown</a></h3>'
                    f"<p>{p}</p></div>" for i, (n, p) in enumerate(_BARS))
    from pipeline.extract.cleanup import section_heading_links

    tree = _load_tree(_roundup(story, cards))
    assert tree is not None and section_heading_links(tree) == set()


def test_a_live_blogs_and_a_chinese_round_ups_linked_headings_stay():
    # a live blog's posts, each headed by a link to its permalink; a Chinese round-up's
    # shops, each by a link to the site's tag page (four characters count as a cross-link)
    posts = [("Leaders sign joint statement",
              "The two presidents signed a joint statement on deepening their partnership, the Kremlin said."),
             ("Talks move on to energy",
              "Delegations moved on to energy cooperation after a two-hour session on trade, officials said.")]
    shops = [("单向空间书店", "这家书店位于朝阳区，店内有咖啡馆和展览空间，周末常有作者见面会，吸引了很多年轻读者。"),
             ("言几又书店", "书店装修简洁明亮，设有儿童阅读区，适合带孩子一起前往，周末还有绘本故事会。")]
    for intro, items, href in (
        ("Follow our live coverage of the second day of the summit between the Russian and Chinese leaders.", posts, "/live/summit?post="),
        ("过去一年，北京新开了不少书店。我们挑选了其中几家，适合周末去逛一逛，也适合带孩子一起去。", shops, "/tag/shop-"),
    ):
        body = "".join(f'<h2><a href="{href}{i}">{h}</a></h2><p>{p}</p>' for i, (h, p) in enumerate(items))
        html = ("<html><head><title>Summit and shops</title></head><body><nav><a href='/'>Home</a></nav><article>"
                f"<h1>Summit and shops</h1><div><p>{intro}</p>{body}</div></article></body></html>")
        got = extract_article(html, "https://news.example.com/2024/05/16/summit")
        assert got is not None and got.text is not None
        assert all(h in got.text.split("\n") for h, _ in items), got.text


# a newsletter's sign-up box whose class names say nothing: a heading, a pitch, the
# form, its small print; in English and in Russian
_SIGN_UPS = [
    ("Get the harbour briefing", "Port news and ferry times, every weekday morning in your inbox.",
     "By entering your address you agree to our terms and privacy policy."),
    ("Главное о порте", "Новости порта и расписание паромов каждое утро на вашей почте.",
     "Оставляя адрес, вы соглашаетесь с условиями и политикой конфиденциальности."),
]


def _sign_up_box(heading: str, pitch: str, small: str) -> str:
    return (f'<div class="c7a1"><h3>{heading}</h3><p>{pitch}</p><form class="c7a2"><input type="email" '
            f'placeholder="you@example.org"><button>OK</button></form><p class="c7a3">{small}</p></div>')


@pytest.mark.parametrize("box", _SIGN_UPS, ids=["en", "ru"])
def test_a_sign_up_box_between_the_storys_paragraphs_is_no_part_of_it(box):
    """A box around a field a reader types into (a newsletter's sign-up) set between
    two paragraphs, its class names hashed: its heading, pitch and small print go,
    every paragraph of the story stays, in the story's order."""
    html = _story_page("").replace(f"<p>{STORY[1]}</p>", f"<p>{STORY[1]}</p>{_sign_up_box(*box)}")
    got = extract_article(html, "https://news.example.org/2024/01/harbour-channel")
    assert got is not None and got.text is not None
    assert got.text.split("\n") == STORY


def test_a_form_in_a_paragraphs_wrapper_takes_only_its_own_box():
    """Each paragraph in a wrapper of its own, the box inside one of them after its
    paragraph: the box is the form's nearest block with text of its own (the heading
    and the pitch), not the wrapper that also holds a paragraph of the story; a field
    with no such block under the size of a box (a form loose among the paragraphs)
    opens none."""
    from pipeline.extract.blocks import form_box_texts

    box = _sign_up_box(*_SIGN_UPS[0])
    wrapped = [f'<div class="c9"><p>{p}</p>{box if i == 1 else ""}</div>' for i, p in enumerate(STORY)]
    html = ("<html><head><title>Harbour channel to be deepened</title></head><body><main><h1>Harbour channel to be "
            "deepened</h1><div class='c2'>" + "".join(wrapped) + "</div></main></body></html>")
    got = extract_article(html, "https://news.example.org/2024/01/harbour-channel")
    assert got is not None and got.text is not None and got.text.split("\n") == STORY
    tree = _load_tree(html)
    assert tree is not None
    assert _norm(_SIGN_UPS[0][1]) in form_box_texts(tree) and not {_norm(p) for p in STORY} & form_box_texts(tree)
    loose = _story_page('<input type="email"><button>OK</button>')
    tree = _load_tree(loose)
    assert tree is not None and form_box_texts(tree) == set()


@settings(max_examples=40, deadline=None)
@given(at=st.integers(0, len(STORY) - 1), depth=st.integers(0, 3), inside=st.booleans(), field=st.sampled_from(["email", "text", ""]),
       small=st.booleans())
def test_a_sign_up_box_anywhere_among_the_paragraphs_never_takes_one(at, depth, inside, field, small):
    """Wherever a sign-up box sits among the story's paragraphs (after any of them, in
    wrappers of any depth, inside the paragraph's own wrapper or beside it, with or
    without small print), every paragraph of the story comes out and the box does not."""
    heading, pitch, print_ = _SIGN_UPS[0]
    box = (f'<h3>{heading}</h3><p>{pitch}</p><form><input type="{field}"><button>OK</button></form>'
           + (f"<p>{print_}</p>" if small else ""))
    box = "<div>" * (depth + 1) + box + "</div>" * (depth + 1)
    paras = [f'<div class="c9"><p>{p}</p>{box if inside and i == at else ""}</div>' + (box if not inside and i == at else "")
             for i, p in enumerate(STORY)]
    html = ("<html><head><title>Harbour channel to be deepened</title></head><body><main><h1>Harbour channel to be "
            "deepened</h1><div class='c2'>" + "".join(paras) + "</div></main></body></html>")
    got = extract_article(html, "https://news.example.org/2024/01/harbour-channel")
    assert got is not None and got.text is not None
    assert got.text.split("\n") == STORY


# ---------------------------------------------------------------- hidden by the page's style

_WIDGET_MESSAGE = "Visit a quote page and your recently viewed tickers will be displayed here."


def _with_hidden(block: str, at: int = 1, display: str = "display: none;") -> str:
    """The story page with a block the page's own style hides after paragraph `at`."""
    return _story_page("").replace(f"<p>{STORY[at]}</p>", f'<p>{STORY[at]}</p><div class="c4e1" style="{display}">{block}</div>')


@pytest.mark.parametrize("display", ["display:  none;", "DISPLAY:NONE", "color: red; display :\n none", "visibility: Hidden"])
def test_a_widgets_message_the_page_hides_is_no_part_of_the_story(display):
    """A ticker widget's empty-list message inside a block hidden by an inline
    `display:none` (shown by a script when the list is empty): trafilatura prints it
    where it sits; it goes, every paragraph of the story stays. `visibility:hidden`
    hides it alike (`blocks.style_hides`, the test the headline's lines use too)."""
    html = _with_hidden(f'<h3 class="c4e2">No Recent Tickers</h3><p class="c4e3">{_WIDGET_MESSAGE}</p>', display=display)
    got = extract_article(html, "https://news.example.org/2024/01/harbour-channel")
    assert got is not None and got.text is not None
    assert got.text.split("\n") == STORY


def test_a_long_hidden_block_may_be_the_rest_of_the_story_a_script_unfolds():
    """Only a small hidden block (a widget's message, a label) is named: one of more
    than a widget's text may be a story's last paragraphs that a "Read more" button
    unfolds, and a pass that prints them keeps them."""
    from pipeline.extract.blocks import unshown_texts

    more = [f"{p} The harbour master repeated this at the meeting." for p in STORY[1:3]]
    for block, hidden in ((f"<p>{_WIDGET_MESSAGE}</p>", {_norm(_WIDGET_MESSAGE)}),
                          ("".join(f"<p>{p}</p>" for p in more), set())):
        tree = _load_tree(_with_hidden(block, at=len(STORY) - 1))
        assert tree is not None and unshown_texts(tree).texts == hidden


def test_a_line_the_page_hides_in_one_place_and_shows_in_another_stays():
    """A paragraph the page also prints in a small hidden block (a summary laid out for
    another screen) is shown to readers: it stays."""
    html = _with_hidden(f"<p>{STORY[0]}</p>", at=2)
    got = extract_article(html, "https://news.example.org/2024/01/harbour-channel")
    assert got is not None and got.text is not None
    assert STORY[0] in got.text.split("\n")
