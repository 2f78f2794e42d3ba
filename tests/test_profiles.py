"""Per-outlet extraction profiles, on pages written here after each outlet's markup."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.config import ConfigError, ExtractionProfile, Source, load_sources
from pipeline.extract import extract_article, extract_many
from pipeline.selectors import compile_selector

CONFIG = Path(__file__).resolve().parents[1] / "config" / "sources.yaml"
STORY = "　　人民网北京6月3日电 这是一篇测试用的报道正文，内容关于城市公园的新规划和市民的意见。" * 10

# the layout of a People's Daily article page (n1/YYYY/MMDD/...): headline in .rm_txt h1,
# dateline "YYYY年MM月DD日HH:MM | 来源：..." in .channel .col-1-1, text in .rm_txt_con with a
# share widget <p> and the editors "(责编：A、B)" at its foot; meta author a numeric id
PEOPLE = f"""<html><head><meta charset="utf-8"><title>公园新规划--社会--人民网</title>
<meta name="author" content="105092"><meta name="description" content="摘要"></head><body>
<div class="nav"><a href="/">首页</a><a href="/a">社会</a><a href="/b">国际</a></div>
<div class="layout rm_txt cf"><div class="col col-1"><h1>公园新规划征求市民意见</h1>
<div class="channel cf"><div class="col-1-1">2024年06月03日08:15 | 来源：<a href="/">人民网</a></div></div>
<div class="rm_txt_con cf"><div class="box_pic"></div>
<p>{STORY}</p><p>{STORY}</p>
<div class="edit cf">(责编：王小明、李华)</div>
<p class="paper_num"><em>分享让更多人看到</em></p></div></div>
<div class="col col-2"><p>推荐阅读 其他新闻 其他新闻 其他新闻</p></div></div></body></html>"""
URL = "http://society.people.com.cn/n1/2024/0603/c1008-40000001.html"


def _people_profile() -> ExtractionProfile:
    src = next(s for s in load_sources(CONFIG, ["peoples-daily-zh"]))
    prof = src.profile_at(datetime(2024, 6, 3, tzinfo=UTC))
    assert prof is not None
    return prof


def test_peoples_daily_profile_reads_its_layout():
    got = extract_article(PEOPLE, URL, profile=_people_profile(), fetched_at=datetime(2024, 6, 3, 9, tzinfo=UTC))
    assert got is not None and got.method == "profile"
    assert got.title == "公园新规划征求市民意见"
    assert got.published_day == "2024-06-03" and got.date_source == "profile"
    assert got.published_at == datetime(2024, 6, 3, 0, 15, tzinfo=UTC)  # 08:15 Beijing time
    assert got.authors == ["王小明", "李华"]
    assert "分享让更多人看到" not in (got.text or "") and "推荐阅读" not in (got.text or "")
    assert got.text and got.text.count("城市公园") == 20


def test_profile_chosen_by_fetch_time():
    old = ExtractionProfile(title=["h1.old"], valid_until=datetime(2023, 1, 1))
    new = ExtractionProfile(title=["h1"], valid_from=datetime(2023, 1, 1))
    src = Source(name="x", feeds=["https://x.example/rss"], profiles=[old, new])
    assert src.profile_at(datetime(2022, 6, 1, tzinfo=UTC)) is old
    assert src.profile_at(datetime(2024, 6, 1, tzinfo=UTC)) is new
    only_old = Source(name="y", feeds=["https://y.example/rss"], profiles=[old])
    assert only_old.profile_at(datetime(2024, 6, 1, tzinfo=UTC)) is None


def test_extract_many_picks_the_sources_profile_at_fetched_at():
    src = Source(name="people", feeds=["http://www.people.com.cn/rss/x.xml"], profiles=[_people_profile()])
    fetched = datetime(2024, 6, 3, 9, tzinfo=UTC)
    items = [(PEOPLE, URL, fetched, src), (PEOPLE, URL), (PEOPLE, URL, fetched, "people"), (PEOPLE, URL, fetched, "unknown")]
    [with_profile, without, by_name, unknown] = list(extract_many(items, workers=1, sources={"people": src}))
    assert with_profile is not None and with_profile.method == "profile"
    assert by_name is not None and by_name.method == "profile"
    assert without is not None and without.method != "profile"
    assert unknown is not None and unknown.method != "profile"
    # the same through worker processes (the sources travel with each chunk)
    assert [e.method if e else None for e in extract_many(items, workers=2, sources={"people": src})] == [
        "profile", without.method, "profile", unknown.method]


def test_selector_that_matches_nothing_leaves_the_general_rules():
    prof = ExtractionProfile(body=[".no-such-block"], title=["h1.nothing"], author=[".nobody"])
    got = extract_article(PEOPLE, URL, profile=prof)
    plain = extract_article(PEOPLE, URL)
    assert got is not None and plain is not None
    assert (got.text, got.title, got.authors) == (plain.text, plain.title, plain.authors)


def test_css_subset_and_xpath_both_compile_and_bad_selectors_are_config_errors(tmp_path):
    assert compile_selector("div.rm_txt_con p")
    assert compile_selector("//div[@id='main']//p")
    assert compile_selector("article[data-type=story] .body")
    with pytest.raises(ValueError):
        compile_selector("div > p:nth-child(2)")
    with pytest.raises(ValueError):
        compile_selector("//div[no-such-function()]")  # fails only when evaluated
    bad = tmp_path / "sources.yaml"
    bad.write_text("sources:\n  - name: a\n    feeds: [https://a.example/rss]\n    profiles:\n      - body: ['//div[']\n")
    with pytest.raises(ConfigError, match="profiles"):
        load_sources(bad)
    bad.write_text("sources:\n  - name: a\n    feeds: [https://a.example/rss]\n    profiles:\n      - timezone: Mars/Olympus\n")
    with pytest.raises(ConfigError, match="time zone"):
        load_sources(bad)


def test_canonical_and_og_url_reported_raw_and_absolutized():
    html = PEOPLE.replace("<head>", '<head><link rel="canonical" href="/n1/2024/0603/c1008-40000001.html">'
                          '<meta property="og:url" content="https://m.people.com.cn/n1/x.html">')
    got = extract_article(html, URL)
    assert got is not None
    assert got.canonical_url == "http://society.people.com.cn/n1/2024/0603/c1008-40000001.html"
    assert got.og_url == "https://m.people.com.cn/n1/x.html"


def _archives(title: str, stand: str, credit: str, paras: list[str]) -> str:
    share = (f'<ul class="as boxTitle boxText"><li><div class="name">{credit}</div></li>'
             '<li><ul class="sh"><li><a href="#">t</a></li></ul></li></ul>')
    return f'<div class="archives"><h1>{title}</h1><h2>{stand}</h2>{share}' + "".join(f"<p>{p}</p>" for p in paras) + "</div>"


# the layout of a Taipei Times archive page: the article in the first div.archives, the
# day's other front-page stories in further div.archives below it, the credit in the share bar
STORY = [f"Paragraph {i} of the harbour story: the port authority said on Monday that the new quay opens in spring." for i in range(6)]
OTHER = [f"Paragraph {i} of another story: the weather bureau said the typhoon would pass east of the island today." for i in range(6)]
TAIPEI = ("<html><head><title>Quay to open - Taipei Times</title></head><body><ul><li id='left_blake'>"
          + _archives("New quay to open in spring", "PORT WORKS: The authority said the quay was on time", "CNA, KEELUNG", STORY)
          + _archives("Typhoon to pass east", "WEATHER: Rain expected in the north", "Staff writer, with CNA", OTHER)
          + "</li></ul></body></html>")


def test_taipei_times_profile_takes_the_first_story_and_its_credit():
    src = next(s for s in load_sources(CONFIG, ["taipei-times"]))
    prof = src.profile_at(datetime(2024, 10, 16, tzinfo=UTC))
    url = "https://www.taipeitimes.com/News/front/archives/2024/10/16/2003800001"
    got = extract_article(TAIPEI, url, profile=prof)
    assert got is not None and got.method == "profile" and got.text
    assert got.title == "New quay to open in spring"
    lines = got.text.split("\n")
    assert lines[0] == "PORT WORKS: The authority said the quay was on time" and lines[1:] == STORY
    assert "CNA" in got.authors  # read from the share bar the body drops


def test_profile_reads_its_container_as_printed_when_the_layout_drifts_to_br_lines():
    # the same outlet after a redesign the profile did not foresee: the container still
    # matches, its paragraphs are now lines ended by <br>s; reading only its blocks left
    # the standfirst (an <h2>) as the whole story
    src = next(s for s in load_sources(CONFIG, ["taipei-times"]))
    prof = src.profile_at(datetime(2024, 10, 16, tzinfo=UTC))
    drifted = TAIPEI.replace("<p>", "").replace("</p>", "<br><br>")
    got = extract_article(drifted, "https://www.taipeitimes.com/News/front/archives/2024/10/16/2003800001", profile=prof)
    assert got is not None and got.method == "profile"
    lines = got.text.split("\n")
    assert lines[0] == "PORT WORKS: The authority said the quay was on time"
    assert all(p in lines for p in STORY) and not any(p in lines for p in OTHER)


def test_profile_blocks_win_where_they_hold_most_of_the_container():
    from pipeline.extract.profiles import text_lines
    from pipeline.extract.strings import _load_tree

    tree = _load_tree("<html><body><div id='a'><p>" + "</p><p>".join(STORY) + "</p>Photo: CNA<br></div></body></html>")
    assert tree is not None
    assert text_lines(tree.get_element_by_id("a")) == STORY  # the loose credit line stays out


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=40))
def test_any_selector_compiles_or_is_a_value_error(raw):
    try:
        compile_selector(raw)
    except ValueError:
        pass


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["<div class='rm_txt'><h1>", "<div class='rm_txt_con'><p>", "<p>", ""]))
def test_any_page_with_a_profile_gives_an_article_or_none(text, prefix):
    prof = ExtractionProfile(body=[".rm_txt_con"], title=[".rm_txt h1"], date=[".rm_txt"], author=["p"], drop=["p"],
                             timezone="Asia/Shanghai")
    got = extract_article(f"<html><body>{prefix}{text}</body></html>", URL, profile=prof)
    assert got is None or isinstance(got.text, str)


def test_runner_extraction_applies_the_sources_profile_valid_at_fetch_time():
    """The runner's one call into extraction passes each page's source and fetched_at,
    so a real run (and a reprocess of old raw pages) uses the profile valid then."""
    from pipeline import runner
    from pipeline.config import load_settings
    from pipeline.page import PageContext

    page = PageContext(requested_url=URL, final_url=URL, fetched_at=datetime(2024, 6, 3, 9, tzinfo=UTC),
                       source="peoples-daily-zh", html=PEOPLE)
    other = PageContext(requested_url=URL, final_url=URL, fetched_at=datetime(2024, 6, 3, 9, tzinfo=UTC),
                        source="not-configured", html=PEOPLE)
    for workers in (1, 2):
        settings = load_settings(overrides={"extract.workers": workers, "sources_file": str(CONFIG)})
        with_profile, without = runner.extract_pages([page, other], settings)
        assert with_profile.method == "profile" and with_profile.authors == ["王小明", "李华"]
        assert without.method != "profile"
