"""The benchmark's metrics and label audit, on texts and pages written here."""

from __future__ import annotations

import pytest

from pipeline.bench.scoring import label_day, label_stated, shingle_f1, title_key


def test_shingle_f1_per_page_means():
    same = "one two three four five six"
    half = "one two three four five"  # 2 of the 3 shingles
    got = shingle_f1([(same, same), (same, half)])
    assert got["precision"] == pytest.approx(1.0)
    assert got["recall"] == pytest.approx((1 + 2 / 3) / 2)
    assert shingle_f1([("a b", None)])["f1"] == 1.0  # nothing to find, nothing found
    assert shingle_f1([(same, "")])["f1"] == 0.0


def test_title_key_folds_case_and_punctuation():
    assert title_key("Putin–Xi summit: what's next?") == title_key("putin xi SUMMIT what s next")


@pytest.mark.parametrize("value, day", [("2023-12-22", "2023-12-22"), ("NaT", None), ("", None), (None, None)])
def test_label_day(value, day):
    assert label_day(value) == day


@pytest.mark.parametrize(
    "html, url",
    [
        ("<span>Dec. 22, 2023</span>", "https://x.example/a"),
        ("<span>22 December 2023</span>", "https://x.example/a"),
        ('<meta content="2023-12-22T09:00:00Z">', "https://x.example/a"),
        ("<p>nothing</p>", "https://x.example/2023/12/22/a"),
        ('<meta content="2023-12-23T02:00:00Z">', "https://x.example/a"),  # the evening before, in the Americas
    ],
)
def test_label_stated_in_common_forms(html, url):
    assert label_stated(html, url, "2023-12-22")


def test_label_not_stated_when_the_page_says_another_year():
    assert not label_stated("<time>Feb 6, 2024</time>", "https://x.example/a", "2023-02-06")
    assert label_stated("<p>no date at all</p>", "https://x.example/a", None)  # "no date" is answerable


def test_author_key_reads_labels_and_lists_alike():
    from pipeline.bench.scoring import author_key

    assert author_key("Aaron Scott ,  Berly McCoy and Rebecca Ramirez") == author_key(["aaron scott", "Berly McCoy", "Rebecca Ramirez"])
    assert author_key("['AFP, MANILA']") == frozenset({"afp manila"})
    assert author_key("") == author_key([]) == frozenset()
    assert author_key("Jane Roe") != author_key(["Jane Roe", "Financial Times"])


def test_halves_are_fixed_and_split_the_pages():
    from pipeline.bench.scoring import half_of

    ids = [f"page-{i}" for i in range(200)]
    split = [half_of(i) for i in ids]
    assert split == [half_of(i) for i in ids] and 60 < sum(split) < 140


def test_page_f1_against_bare():
    from pipeline.bench.scoring import page_f1

    truth = "one two three four five six seven eight"
    assert page_f1(truth, truth) == 1.0
    assert page_f1(truth, None) == 0.0
    assert 0 < page_f1(truth, "one two three four five six") < 1


def test_hashed_names_keep_the_structure_and_drop_what_class_names_say():
    from pipeline.bench.probes import hash_names

    html = '<div class="comments list" id="c1"><p class="x">Hi</p></div><div class="comments">Yo</div>'
    out = hash_names(html)
    assert "comments" not in out and 'id="c1"' not in out and ">Hi</p>" in out and ">Yo</div>" in out
    # one name, one hash: the same token hashes alike everywhere, two tokens stay two
    import re

    classes = re.findall(r'class="([^"]*)"', out)
    assert len(classes[0].split()) == 2 and classes[0].split()[0] == classes[2] != classes[1]


def test_strip_statements_leaves_what_readers_see():
    from pipeline.bench.probes import strip_statements

    html = ('<head><meta name="author" content="Jane Roe"><script type="application/ld+json">{"headline": "X"}</script>'
            '<title>Bridge</title></head><body><p class="byline">By Jane Roe</p></body>')
    out = strip_statements(html)
    assert "<meta" not in out and "ld+json" not in out and "headline" not in out
    assert "<title>Bridge</title>" in out and "By Jane Roe</p>" in out


def test_the_unknown_template_probe_is_both_changes_at_once():
    from pipeline.bench.probes import PROBES, unknown_template

    html = ('<head><meta name="author" content="Jane Roe"><script type="application/ld+json">{"headline": "X"}</script>'
            '</head><body><p class="byline">By Jane Roe</p></body>')
    out = unknown_template(html)
    assert "<meta" not in out and "ld+json" not in out and "byline" not in out and "By Jane Roe</p>" in out
    assert unknown_template in PROBES.values()


def test_the_text_and_structure_probes_keep_what_readers_see_and_nothing_that_names_it():
    from pipeline.bench.probes import PROBES, divs_only, text_and_structure

    html = ('<head><meta name="author" content="Jane Roe"></head><body><nav data-x="1" role="navigation"><a href="/">Home</a></nav>'
            '<article itemscope itemtype="https://schema.org/NewsArticle"><h1 itemprop="headline">Bridge</h1>'
            '<a rel="author" href="/author/jane-roe" aria-label="Jane Roe">Jane Roe</a>'
            '<time datetime="2024-05-19T10:00:00Z" title="May 19">May 19, 2024</time><img src="/b.jpg" alt="The bridge">'
            '<p class="story">It opened.</p></article></body>')
    out = text_and_structure(html)
    for gone in ("itemprop", "itemscope", "itemtype", "rel=", "aria-", "data-x", "role=", "datetime", "title=", "<meta", "story"):
        assert gone not in out, gone
    for kept in ('href="/author/jane-roe"', 'src="/b.jpg"', 'alt="The bridge"', ">Jane Roe</a>", ">May 19, 2024</time>", "<article"):
        assert kept in out, kept
    divs = divs_only(html)
    assert "<article" not in divs and "<nav" not in divs and "<time" not in divs and "</time>" not in divs
    assert ">May 19, 2024</div>" in divs and "<h1>Bridge</h1>" in divs
    assert text_and_structure in PROBES.values() and divs_only in PROBES.values()


def test_the_br_lines_probe_prints_paragraphs_as_text_between_brs():
    from pipeline.bench.probes import PROBES, br_lines, divs_and_br_lines

    html = '<div><P class="lede">First line.</P><p>Second <a href="/x">line</a>.</p ><pre>kept</pre><param name="p"></div>'
    assert br_lines(html) == '<div>First line.<br><br>Second <a href="/x">line</a>.<br><br><pre>kept</pre><param name="p"></div>'
    assert br_lines in PROBES.values()
    page = '<article><p>One.</p><time datetime="2024-05-01">May 1</time></article>'
    assert divs_and_br_lines(page) == "<div>One.<br><br><div>May 1</div></div>"
    assert divs_and_br_lines in PROBES.values()


def test_the_short_story_probe_cuts_the_story_and_its_copies_and_the_label_alike():
    import json

    from pipeline.bench.probes import short_story

    paras = [f"Paragraph {i} of the story tells what the council decided on Monday about the harbour." for i in range(5)]
    state = json.dumps({"article": {"body": " ".join(paras)}})
    html = ("<html><head><script>window.__STATE__ = " + state + "</script>"
            "<script>var ads = 1;</script></head><body><nav><a href='/'>Home</a></nav><article><h1>Harbour</h1>"
            + "".join(f"<p>{p}</p>" for p in paras[:3]) + f"<h2>What comes next for the harbour</h2><p>{paras[3]}</p>"
            f"<ul><li>{paras[4]}</li></ul></article><p>Other page text, not in the story at all.</p></body></html>")
    label = "\n".join([*paras[:3], "What comes next for the harbour", *paras[3:]])
    page, story = short_story(html, label, 2)
    assert story == "\n".join(paras[:2])
    assert paras[1] in page and paras[2] not in page and paras[4] not in page
    assert "What comes next" not in page and "Harbour</h1>" in page and "Other page text" in page
    assert "__STATE__" not in page and "var ads" in page  # the story's copy in a script goes, other scripts stay
    assert short_story(html, label, 6) is None  # no more paragraphs than that: nothing to cut


def test_the_list_and_table_probes_print_each_paragraph_as_an_item_or_a_cell():
    from pipeline.bench.probes import PROBES, list_items, table_cells

    html = '<div><p class="lede">First line.</p><P>Second <a href="/x">line</a>.</p ><pre>kept</pre><param name="p"></div>'
    assert list_items(html) == ('<div><ul><li>First line.</li></ul><ul><li>Second <a href="/x">line</a>.</li></ul>'
                                '<pre>kept</pre><param name="p"></div>')
    assert table_cells(html) == ('<div><table><tr><td>First line.</td></tr></table><table><tr><td>Second <a href="/x">line'
                                 '</a>.</td></tr></table><pre>kept</pre><param name="p"></div>')
    assert list_items in PROBES.values() and table_cells in PROBES.values()


def test_the_portal_probe_sets_the_story_between_a_masthead_and_cards_of_other_stories():
    import lxml.html

    from pipeline.bench.probes import in_portal

    paras = _budget_story(3)
    label = "\n".join(paras)
    html = ("<html><body><div id='page'><div id='story'>" + "".join(f"<p>{p}</p>" for p in paras)
            + "</div><div id='comments'><p>First!</p></div></div></body></html>")
    others = [(f"Headline {i}", f"Excerpt {i} of another story the site published this week.") for i in range(9)]
    page = in_portal(html, label, others, rail=True)
    assert page is not None
    tree = lxml.html.fromstring(page)
    body = tree.find(".//body")
    assert body is not None and body[0].tag == "nav" and len(body[0].findall(".//a")) == 40 and body[-1].tag == "footer"
    # the rail (three cards) above the story, the box (six) right after the story's block
    assert [h.text_content() for h in body[1].iter("h3")] == [f"Headline {i}" for i in range(6, 9)]
    box = tree.get_element_by_id("story").getnext()
    assert box is not None and [h.text_content() for h in box.iter("h3")] == [f"Headline {i}" for i in range(6)]
    assert all(a.get("href", "").startswith("/news/") for a in box.iter("a"))
    assert box.getnext() is not None and box.getnext().get("id") == "comments"
    text = tree.text_content()
    assert text.index(paras[-1]) < text.index("Excerpt 0") < text.index("First!")
    without = in_portal(html, label, others, rail=False)
    assert without is not None and "Headline 8" not in without.split("</nav>", 1)[1].split("More stories", 1)[0]
    assert in_portal(html, "A story that is not on the page at all, not a word of it.", others) is None


def _council_pages(count: int) -> list[dict]:
    """Dev-set rows of pages written here: each a story of three paragraphs."""
    story = [f"Story {n}, paragraph {i}: the council met on Tuesday and voted on the budget for the harbour works."
             for n in range(count) for i in range(3)]
    return [{"id": f"p{n}", "url": f"https://news.example.org/2024/01/story-{n}", "title": f"Council story {n}",
             "articleBody": "\n".join(story[n * 3:(n + 1) * 3]),
             "html": f"<html><head><title>Council story {n}</title></head><body><main><h1>Council story {n}</h1><div>"
                     + "".join(f"<p>{p}</p>" for p in story[n * 3:(n + 1) * 3]) + "</div></main></body></html>"}
            for n in range(count)]


def test_the_portal_bench_reads_its_cards_from_the_other_pages():
    from pipeline.bench.body_probes import portal_stories

    rows = _council_pages(12)
    out = portal_stories({"metadata-naeb": rows})
    assert out["whole[metadata-naeb]"]["pages"] == 12 and 0.0 <= out["whole[metadata-naeb]"]["pipeline"] <= 1.0
    assert out["2[metadata-naeb]"]["pages"] == 12  # a story of three paragraphs cut to two
    # the same portals printed as <br> lines (an old template's), read as such pages
    assert out["whole/br[metadata-naeb]"]["pages"] == 12 and out["whole/br[metadata-naeb]"]["pipeline"] > 0.5
    assert portal_stories({"metadata-naeb": rows[:5]}) == {}  # too few pages to draw nine cards from


def _budget_story(count: int) -> list[str]:
    return [f"Paragraph {i} of the council's budget story, which runs long enough to be a paragraph." for i in range(count)]


def test_the_thread_probe_puts_a_comment_thread_and_its_form_right_after_the_story():
    import lxml.html

    from pipeline.bench.probes import hash_names, with_thread

    paras = _budget_story(3)
    html = ("<html><body><div id='page'><div id='story'>" + "".join(f"<p>{p}</p>" for p in paras)
            + "</div><footer><p>Copyright</p></footer></div></body></html>")
    remarks = [f"Remark {i}: the budget is too small for the harbour, as anyone can see." for i in range(5)]
    page = with_thread(html, "\n".join(paras), remarks)
    assert page is not None
    tree = lxml.html.fromstring(page)
    thread = tree.get_element_by_id("story").getnext()
    assert thread is not None and thread.get("id") == "comments" and thread.getnext().tag == "footer"
    assert [p.text_content() for p in thread.iter("p")] == remarks
    assert len(list(thread.iter("textarea"))) == 1 and thread.findtext(".//h3") == "5 comments"
    hashed = lxml.html.fromstring(hash_names(page))  # the class and id names say nothing once hashed
    assert not any("comment" in (el.get("class", "") + el.get("id", "")) for el in hashed.iter())
    assert with_thread(html, "A story that is not on the page at all, not a word of it.", remarks) is None


def test_the_thread_bench_reads_its_remarks_from_the_other_pages():
    from pipeline.bench.body_probes import comment_threads

    rows = _council_pages(8)
    out = comment_threads({"metadata-naeb": rows})
    assert out["named[metadata-naeb]"]["pages"] == 8 and out["hashed[metadata-naeb]"]["pages"] == 8
    assert 0.0 <= out["hashed[metadata-naeb]"]["pipeline"] <= 1.0
    assert comment_threads({"metadata-naeb": rows[:5]}) == {}  # too few pages to draw five remarks from


def test_the_inserts_probe_sets_a_box_after_every_third_paragraph_of_the_story():
    import lxml.html

    from pipeline.bench.probes import INSERT_EVERY, hash_names, with_inserts

    paras = _budget_story(10)
    html = "<html><body><div id='story'>" + "".join(f"<p>{p}</p>" for p in paras) + "</div><footer>Copyright</footer></body></html>"
    headlines = [f"Other headline number {i}" for i in range(4)]
    page = with_inserts(html, "\n".join(paras), headlines)
    assert page is not None
    story = lxml.html.fromstring(page).get_element_by_id("story")
    kids = list(story)
    # the story's paragraphs in their order, an insert after the 3rd, 6th and 9th, none after the last
    assert [el.text_content() for el in kids if el.tag == "p" and el.text_content() in paras] == paras
    after = [kids[kids.index(el) + 1] for el in kids if el.text_content() in paras[INSERT_EVERY - 1:-1:INSERT_EVERY]]
    assert len(after) == 3 and all(el.text_content() not in paras for el in after)
    assert "Read more:" in after[0].text_content() and headlines[0] in after[0].text_content()
    assert after[1].text_content() == "Advertisement" and headlines[1] in after[2].text_content()
    assert len(kids) == len(paras) + 3
    hashed = lxml.html.fromstring(hash_names(page))
    assert not any("newsletter" in el.get("class", "") or "related" in el.get("class", "") for el in hashed.iter())
    assert with_inserts(html, "\n".join(paras[:3]), headlines) is None  # three paragraphs: nothing between them


def _seven_paragraph_pages(count: int) -> list[dict]:
    """`_council_pages` with four paragraphs more each: stories of seven paragraphs."""
    rows = _council_pages(count)
    for r in rows:
        extra = [f"Story {r['id']}, more {i}: the harbour board will meet again in March to agree the works." for i in range(4)]
        r["articleBody"] += "\n" + "\n".join(extra)
        r["html"] = r["html"].replace("</div></main>", "".join(f"<p>{p}</p>" for p in extra) + "</div></main>")
    return rows


def test_the_inserts_bench_reads_other_pages_headlines_and_sets_a_sign_up_box_too():
    from pipeline.bench.body_probes import story_inserts

    rows = _seven_paragraph_pages(8)  # two inserts each
    out = story_inserts({"metadata-naeb": rows})
    assert out["named[metadata-naeb]"]["pages"] == 8 and out["hashed[metadata-naeb]"]["pages"] == 8
    assert out["hashed[metadata-naeb]"]["pipeline"] > out["hashed[metadata-naeb]"]["bare"]  # the ad label and the cross-link go
    assert story_inserts({"metadata-naeb": rows[:4]}) == {}  # too few pages to draw four headlines from


def test_the_boxes_beside_probe_sets_breadcrumbs_and_tags_inside_each_paragraphs_wrapper():
    import lxml.html

    from pipeline.bench.probes import hash_names, with_boxes_beside

    paras = _budget_story(5)
    html = ("<html><body><div id='story'>" + "".join(f"<div class='w'><p>{p}</p></div>" for p in paras)
            + "</div></body></html>")
    page = with_boxes_beside(html, "\n".join(paras))
    assert page is not None
    wrappers = list(lxml.html.fromstring(page).get_element_by_id("story"))
    assert [w.find("p").text_content() for w in wrappers] == paras  # every paragraph in its own wrapper still
    shapes = [[c.tag if c.tag == "p" else c.get("class") for c in w] for w in wrappers]
    assert shapes == [["breadcrumbs", "p"], ["p"], ["breadcrumbs", "p"], ["p"], ["p", "tags"]]
    assert "Home" in wrappers[0].text_content() and "Topics:" in wrappers[-1].text_content()
    assert not any(el.get("class") in ("breadcrumbs", "tags") for el in lxml.html.fromstring(hash_names(page)).iter())
    assert with_boxes_beside(html, "\n".join(paras[:2])) is None  # two paragraphs: no middle one


def test_the_boxes_beside_bench_reads_named_and_hashed_pages():
    from pipeline.bench.body_probes import boxes_beside

    rows = _council_pages(3)
    out = boxes_beside({"metadata-naeb": rows})
    assert out["named[metadata-naeb]"]["pages"] == 3 and out["hashed[metadata-naeb]"]["pages"] == 3
    assert out["hashed[metadata-naeb]"]["over_0.2"] == []
    assert boxes_beside({"metadata-naeb": [{**r, "articleBody": "A story not on the page."} for r in rows]}) == {}


def test_the_story_list_probe_puts_its_lines_in_the_page_and_the_label_alike():
    import lxml.html

    from pipeline.bench.probes import product_lines, with_story_list

    paras = _budget_story(5)
    # the label writes white space its own way; a copy of the story in a JSON state goes
    body = "\n".join(paras).replace("council's budget", "council's  budget")
    state = f'<script type="application/json">{{"body": "{paras[0]}"}}</script>'
    html = "<html><body>" + state + "<div>" + "".join(f"<p>{p}</p>" for p in paras) + "</div></body></html>"
    lines = product_lines("page-1")
    assert lines == product_lines("page-1") and lines != product_lines("page-2")  # picked by the page's id

    for form in ("links out", "items"):
        made = with_story_list(html, body, form, "page-1")
        assert made is not None
        page, story = made
        tree = lxml.html.fromstring(page)
        assert not tree.findall(".//script")
        items = [li.text_content() for li in tree.iter("li")]
        assert items == lines
        assert len(tree.findall(".//li/a")) == (len(lines) if form == "links out" else 0)
        assert [li.getparent().getprevious().text_content() for li in tree.iter("li")][0] == paras[1]
        assert story.split("\n")[2:2 + len(lines)] == lines and story.startswith(body.split("\n")[0])

    page, story = with_story_list(html, body, "names over paragraphs", "page-1") or ("", "")
    name = lines[0].split(" for ")[0]
    texts = [el.text_content() for el in lxml.html.fromstring(page).iter("p")]
    assert texts == [paras[0], name, paras[1], paras[2], name, paras[3], paras[4]]
    assert story.split("\n")[1] == name and story.split("\n")[4] == name and story.count(name) == 2
    # a paragraph printed twice is found twice, in turn: the name goes over the second
    twice = "<html><body>" + "".join(f"<p>{p}</p>" for p in [paras[0], paras[0], *paras[1:3]]) + "</body></html>"
    _, story = with_story_list(twice, "\n".join([paras[0], paras[0], *paras[1:3]]), "names over paragraphs", "x") or ("", "")
    assert story.split("\n")[:3] == [paras[0], product_lines("x", 1)[0].split(" for ")[0], paras[0]]
    assert with_story_list(html, "\n".join(paras[:3]), "items", "page-1") is None  # three paragraphs the label holds


def test_the_story_list_bench_reads_each_form_named_and_hashed():
    from pipeline.bench.body_probes import story_lists

    out = story_lists({"metadata-naeb": _seven_paragraph_pages(3)})
    forms = ("links out", "items", "names over paragraphs")
    assert {k for k in out} == {f"{f}, {h}[metadata-naeb]" for f in forms for h in ("named", "hashed")}
    assert all(cell["pages"] == 3 and cell["over_0.2"] == [] for cell in out.values())
    assert out["links out, named[metadata-naeb]"]["pipeline"] > out["links out, named[metadata-naeb]"]["bare"]


def test_the_utc_probe_restates_zoned_instants_and_leaves_the_rest():
    from pipeline.bench.probes import stated_in_utc

    page = ('<meta property="article:published_time" content="2024-03-04T21:30:00-0500">'
            '{"datePublished": "2024-03-04T21:30:00-05:00", "dateModified": "2024-03-05T09:00:00+03:00"}'
            '<time datetime="2024-03-04T21:30:00-05:00">March 4, 2024 9:30 PM</time> 2024-03-04T21:30:00 2024-03-04')
    out = stated_in_utc(page)
    assert out.count("2024-03-05T02:30:00Z") == 3  # the evening in New York is the next day in UTC
    assert "2024-03-05T06:00:00Z" in out
    assert "March 4, 2024 9:30 PM" in out  # what readers see stays
    assert "2024-03-04T21:30:00 " in out and out.endswith(" 2024-03-04")  # no zone, nothing to restate


def test_the_update_probe_states_and_prints_the_next_day_under_the_headline():
    from pipeline.bench.probes import updated_next_day

    page = ('<html><head><script type="application/ld+json">{"datePublished": "2024-02-28T08:00:00Z", '
            '"dateModified": "2024-02-28T09:00:00Z"}</script></head><body><h1>Council story</h1>'
            '<p>By Jo Bloggs, February 28, 2024</p></body></html>')
    out = updated_next_day(page, "2024-02-28")
    assert out is not None
    assert '"dateModified": "2024-02-29T10:15:00Z"' in out and '"datePublished": "2024-02-28T08:00:00Z"' in out
    assert '<meta property="article:modified_time" content="2024-02-29T10:15:00Z"></head>' in out
    assert "</h1><div>Updated February 29, 2024, 10:15 AM</div><p>By Jo Bloggs" in out  # a leap day, then the byline
    assert updated_next_day("<html><body><p>No headline here.</p></body></html>", "2024-02-28") is None


def test_the_date_probes_bench_reads_the_pages_that_show_their_day():
    from pipeline.bench.field_probes import date_probes

    rows = _council_pages(4)
    for n, r in enumerate(rows):
        r["date"] = f"2024-01-1{n}"
        r["html"] = r["html"].replace("<main>", "<header><a href='/'>The Council Times</a></header><main>").replace(
            "</h1>", f"</h1><p>January 1{n}, 2024</p>")
    rows.append({**rows[0], "id": "unshown", "date": "2023-05-05"})  # a label the page never shows: left out
    out = date_probes({"metadata-naeb": rows})
    old = [f"headline in a <div>, no statements or dated URL, dates in {lang}" for lang in ("English", "Russian", "Chinese")]
    assert set(out) == {"statements in UTC", "updated the next day", "updated the next day, unknown template", *old}
    assert all(v["pages"] == 4 for v in out.values())
    # the head shows the publication's day beside the update: the day stands on every page
    assert out["statements in UTC"]["pipeline"]["all"] == 1.0 and out["updated the next day"]["pipeline"]["all"] == 1.0
    # the day printed under a headline in a <div>, in each language
    assert all(out[what]["pipeline"]["all"] == 1.0 for what in old)


def test_the_old_template_probe_prints_the_dates_as_other_outlets_do():
    import lxml.html

    from pipeline.bench.probes import old_template, printed_dates, undated_url

    assert printed_dates("Published Dec. 21, 2023 8:00 AM; 3 March 2019", "ru") == \
        "Published 21 декабря 2023 г. 8:00 AM; 3 марта 2019 г."
    assert printed_dates("December 21, 2023", "zh") == "2023年12月21日"
    page = ('<html><head><meta property="og:title" content="Head"></head><body><h1 class="headline">Head</h1>'
            '<time datetime="2023-12-21T08:00:00-05:00">Dec 21, 2023</time><p>Story.</p></body></html>')
    tree = lxml.html.fromstring(old_template(page, "zh"))
    assert not tree.xpath("//h1|//meta|//@datetime") and tree.findtext(".//time") == "2023年12月21日"
    assert "headline" not in lxml.html.tostring(tree, encoding="unicode")  # names hashed
    assert lxml.html.fromstring(old_template(page)).findtext(".//time") == "Dec 21, 2023"  # English as it is
    assert undated_url("https://www.politifact.com/article/2023/dec/21/robert-f/") == "https://www.politifact.com/article/robert-f/"
    assert undated_url("https://x.example/news/2023-12-22/minneapolis") == "https://x.example/news/minneapolis"


def test_the_names_probe_renames_each_writer_wherever_the_page_writes_them():
    from pipeline.bench.probes import renamed_writers

    page = ('<script type="application/ld+json">{"author": [{"@type": "Person", "name": "Greta Holm"}, '
            '{"@type": "Person", "name": "Bo Park"}]}</script><p class="byline">BY GRETA HOLM AND BO PARK</p>'
            '<a href="/author/greta-holm/">Greta Holm</a> <a href="/by/gretaholm">Greta</a>')
    out = renamed_writers(page, ["Greta Holm", "Bo Park"], ["Chloé Lefèvre", "Marco De Luca"])
    assert out is not None
    assert '"name": "Chloé Lefèvre"' in out and '"name": "Marco De Luca"' in out
    assert "BY CHLOÉ LEFÈVRE AND MARCO DE LUCA" in out  # in capitals as the byline prints it
    assert '/author/chloe-lefevre/">Chloé Lefèvre<' in out and "/by/chloelefevre" in out  # the slugs spell it
    assert "Greta" not in out.replace('">Greta<', "")  # only a lone first name, no full name, is left
    assert renamed_writers(page, ["Jane Roe"], ["Zhang Wei"]) is None  # not on the page as written


def test_the_names_bench_scores_the_new_names_on_pages_that_write_their_writers():
    from pipeline.bench.field_probes import writer_names

    rows = _council_pages(3)
    for r in rows:
        r["authors"] = "Greta Holm"
        r["html"] = r["html"].replace("</h1>", "</h1><p class='byline'>By Greta Holm</p>")
    rows.append({**rows[0], "id": "unnamed", "authors": "Jane Roe"})  # not on the page: left out
    out = writer_names({"metadata-naeb": rows})
    assert set(out) == {"as published", "names hashed, no statements",
                        "Russian names, 'Автор:' bylines, names hashed, no statements",
                        "Chinese names, '记者' bylines, names hashed, no statements"}
    assert all(v["pages"] == 3 for v in out.values())
    assert out["as published"]["pipeline"]["all"] == 1.0  # "By <new name>" is read as the byline
    for what in ("Russian names, 'Автор:' bylines, names hashed, no statements",
                 "Chinese names, '记者' bylines, names hashed, no statements"):
        assert out[what]["pipeline"]["all"] == 1.0  # "Автор: Иван Петров", "记者 王小明" read as the byline
        assert out[what]["bare"]["all"] < 1.0


def test_the_names_probe_words_bylines_as_russian_and_chinese_outlets_do():
    from pipeline.bench.probes import bylines_as, renamed_writers

    page = ('<p class="byline"><span>Written by</span><a href="/author/greta-holm/">Greta Holm</a></span> and '
            '<span><a href="/author/bo-park/">Bo Park</a></span></p><p>By Bo Park</p><p>Stand by Greta Holm.</p>')
    renamed = renamed_writers(page, ["Greta Holm", "Bo Park"], ["王小明", "陈静"], ["wangxiaoming", "chenjing"])
    assert renamed is not None and '/author/wangxiaoming/">王小明<' in renamed  # the slug in pinyin
    zh = bylines_as(renamed, ["王小明", "陈静"], "zh")
    assert zh.startswith('<p class="byline"><span>记者 </span><a href="/author/wangxiaoming/">王小明</a></span>、<span>')
    assert "<p>记者 陈静</p>" in zh and "<p>Stand by 王小明.</p>" in zh  # each writer's "By"; not in prose
    ru = bylines_as(page.replace("Greta Holm", "Иван Петров").replace("Bo Park", "Анна Смирнова"),
                    ["Иван Петров", "Анна Смирнова"], "ru")
    assert "<span>Автор: </span><a" in ru and "</span> и <span>" in ru and "<p>Автор: Анна Смирнова</p>" in ru


def test_the_headline_probes_print_the_h1_as_another_tag_or_take_it_out():
    from pipeline.bench.probes import headline_in, headline_removed

    page = '<html><body><H1 class="t">Council <b>story</b></H1><h2>Sub</h2><p>Text.</p><h1>Two</h1></body></html>'
    assert headline_in(page, "div") == (
        '<html><body><div class="t">Council <b>story</b></div><h2>Sub</h2><p>Text.</p><div>Two</div></body></html>')
    assert headline_removed(page) == "<html><body><h2>Sub</h2><p>Text.</p></body></html>"


def test_the_title_bench_scores_the_headline_printed_without_an_h1():
    from pipeline.bench.field_probes import title_probes

    rows = _council_pages(3)
    for r in rows:  # the <title> is the search variant; the page prints the headline
        r["html"] = r["html"].replace("<title>Council story", "<title>Story of the council, number")
    out = title_probes({"metadata-naeb": rows})
    assert set(out) == {"headline in an <h2>", "headline in a <div>, names hashed, no statements",
                        "control: no headline printed", "control: no headline printed, names hashed, no statements"}
    assert all(v["pages"] == 3 for v in out.values())
    assert out["headline in an <h2>"]["pipeline"]["all"] == 1.0  # the printed line agrees with the <title>
    assert out["control: no headline printed"]["pipeline"]["all"] == 0.0  # only the search variant is left


def test_the_script_probes_change_the_letters_readers_see_and_keep_the_page_s_shape():
    import lxml.html

    from pipeline.bench.probes import cyrillic_text, han_text, in_cyrillic, in_han, unscripted

    page = ('<html lang="en"><head><title>Council story</title><meta name="author" content="Jane Roe">'
            '<script type="application/ld+json">{"headline": "Council story"}</script>'
            '<script>window.__STATE__ = {"body": "The council met."}</script></head>'
            '<body><h1 class="headline">Council story</h1><p>The council <a href="/budget">met on</a> Tuesday, '
            'and voted 7 to 2.</p><img src="/a.jpg" alt="The hall"></body></html>')
    ru = lxml.html.fromstring(in_cyrillic(page))
    assert ru.get("lang") == "ru" and not ru.xpath("//script|//meta")  # a JSON state would keep the English copy
    assert ru.findtext(".//h1") == "Цоунцил сторы" and ru.find(".//h1").get("class") == "headline"
    assert ru.find(".//p").text_content() == cyrillic_text("The council met on Tuesday, and voted 7 to 2.")
    assert ru.find(".//a").get("href") == "/budget" and ru.find(".//img").get("alt") == "Тхе халл"
    zh = lxml.html.fromstring(in_han(page))
    assert zh.get("lang") == "zh-CN"
    # no space between Han characters, across inline elements too; full-width stops; digits stay
    assert zh.find(".//p").text_content() == han_text("The council met on Tuesday, and voted 7 to 2.")
    assert " " not in han_text("The council met")
    assert han_text("met. Then, 7 to 2.") == han_text("met") + "。" + han_text("Then") + "， 7 " + han_text("to") + " 2."
    assert han_text("a b\nc d").split("\n") == [han_text("ab"), han_text("cd")]  # lines stay lines
    plain = lxml.html.fromstring(unscripted(page))
    assert plain.findtext(".//h1") == "Council story" and not plain.xpath("//script|//meta")


def test_the_dense_han_probe_writes_a_character_for_three_letters():
    import lxml.html

    from pipeline.bench.probes import han_dense_text, in_han_dense

    line = han_dense_text("The council met on Tuesday, and voted 7 to 2.")
    # a character per three letters of a word, rounded up: 1+3+1+1+3, 1+2, 7, 1, 2
    assert line == han_dense_text("the council met on tuesday") + "，" + han_dense_text("and voted") + " 7 " \
        + han_dense_text("to") + " 2."
    assert len(han_dense_text("council")) == 3 and len(han_dense_text("the council met on tuesday")) == 9
    assert han_dense_text("Council") == han_dense_text("council") != han_dense_text("counsel")  # case folded, words apart
    assert all("\u4e00" <= c <= "\u9fff" for c in han_dense_text("the council met"))
    zh = lxml.html.fromstring(in_han_dense("<html><body><h1>Council story</h1><p>The council <a href='/b'>met on</a> "
                                           "Tuesday.</p></body></html>"))
    assert zh.get("lang") == "zh-CN" and zh.find(".//p").text_content() == han_dense_text("The council met on Tuesday.")


def test_the_han_probe_counts_each_character_a_word():
    from pipeline.bench.probes import HAN_WORDS, han_text
    from pipeline.bench.scoring import page_f1

    truth = han_text("The council met on Tuesday and voted on the budget")
    half = truth[: len(truth) // 2]
    assert page_f1(truth, half) == 1.0  # one run of word characters each: no shingle tells them apart
    assert 0.5 < page_f1(truth, half, HAN_WORDS) < 1.0  # half the characters read
    assert HAN_WORDS.findall(han_text("the 881 kcal")) == [*han_text("the"), "881", *han_text("kcal")]


def test_the_scripts_bench_reads_each_page_in_each_script():
    from pipeline.bench.body_probes import script_probes

    out = script_probes({"metadata-naeb": _council_pages(3)})
    scripts = ("letters as they are", "Latin letters as Cyrillic", "Latin letters as Han characters, unspaced",
               "words as Han characters, three letters to one")
    layouts = ("", ", <div>s and <br> lines only", ", paragraphs as table cells")
    assert set(out) == {f"{s}{lay}[metadata-naeb]" for s in scripts for lay in layouts}
    for cell in out.values():  # the council's story, whatever its letters and layout
        assert cell["pages"] == 3 and cell["pipeline"] > 0.9 and not cell["over_0.05"]


def test_the_scripts_title_probe_scores_the_headline_in_each_script():
    from pipeline.bench.field_probes import script_title_probes

    rows = _council_pages(3)
    out = script_title_probes({"metadata-naeb": rows})
    assert set(out) == {"no scripts or statements, letters as they are",
                        "no scripts or statements, Latin letters as Cyrillic",
                        "no scripts or statements, Latin letters as Han characters, unspaced",
                        "no scripts or statements, words as Han characters, three letters to one"}
    assert all(v["pages"] == 3 and v["pipeline"]["all"] == 1.0 for v in out.values())  # the <h1>, retyped
    for r in rows:  # a label that is not the page's headline is scored as wrong
        r["title"] = "Another story"
    assert all(v["pipeline"]["all"] == 0.0 for v in script_title_probes({"metadata-naeb": rows}).values())


def test_cost_bench_times_every_input_at_two_sizes():
    from pipeline.bench import cost

    got = cost.run(None, scale=0.02)
    assert set(got) == set(cost._cases())
    for case, row in got.items():
        assert row["sizes"][1] == pytest.approx(4 * row["sizes"][0], rel=0.3), case
        assert len(row["ours"]) == 2 and all(t >= 0 for t in row["ours"])
        assert (row["bare"] is None) == (cost._cases()[case][0] != "extract"), case  # bare only beside extraction


def test_the_photos_probe_sets_a_captioned_photo_of_each_form_after_every_third_paragraph():
    import lxml.html

    from pipeline.bench.probes import INSERT_EVERY, hash_names, with_photos

    paras = _budget_story(10)
    html = "<html><body><div id='story'>" + "".join(f"<p>{p}</p>" for p in paras) + "</div></body></html>"
    captions = ["Other headline number 0", "Other headline number 1.", "Other headline number 2"]
    page = with_photos(html, "\n".join(paras), captions)
    assert page is not None
    kids = list(lxml.html.fromstring(page).get_element_by_id("story"))
    assert [k.text_content() for k in kids if k.tag == "p"] == paras
    photos = [k for k in kids if k.tag != "p"]
    assert [kids.index(k) for k in photos] == [INSERT_EVERY, 2 * INSERT_EVERY + 1, 3 * INSERT_EVERY + 2]
    assert [k.tag for k in photos] == ["figure", "div", "div"]  # a <figure>, then two boxes of an image and text
    for n, photo in enumerate(photos):
        assert len(photo.findall(".//img")) == 1 and f"Other headline number {n}." in photo.text_content()
    assert "number 1.." not in page  # a caption that ends a sentence gets no second full stop
    assert photos[1].find("p") is not None and photos[2].find("p") is None  # the caption as paragraphs, then as spans
    assert not any(el.get("class") in ("caption", "photo-caption") for el in lxml.html.fromstring(hash_names(page)).iter())
    assert with_photos(html, "\n".join(paras[:INSERT_EVERY]), captions) is None  # no paragraph after the third


def test_the_photos_bench_reads_named_and_hashed_pages():
    from pipeline.bench.body_probes import story_photos

    rows = _seven_paragraph_pages(6)  # two photos each
    out = story_photos({"metadata-naeb": rows})
    assert out["named[metadata-naeb]"]["pages"] == 6 and out["hashed[metadata-naeb]"]["pages"] == 6
    assert out["hashed[metadata-naeb]"]["pipeline"] > out["hashed[metadata-naeb]"]["bare"]  # the captions go
    assert story_photos({"metadata-naeb": rows[:3]}) == {}  # too few pages to draw three captions from
