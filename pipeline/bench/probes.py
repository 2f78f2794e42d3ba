"""Probes of layouts nobody tuned for: the dev pages changed the way pages of outlets
the rules were not developed on differ from them (class names that say nothing, no
statements, no semantic tags, paragraphs as <br> lines, list items or table cells, a
story of a few paragraphs).
A rule that fits the dev pages rather than news pages in general fails here first."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

import lxml.etree
import lxml.html

_CLASS_OR_ID = re.compile(r'\b(class|id)\s*=\s*"([^"]*)"', re.I)


def hash_names(html: str) -> str:
    """The page with every class and id token replaced by a hash of it, as sites built
    with CSS-in-JS ship them ("css-1q2w3e"): the structure stays, the names that
    class-based rules read ("comments", "related", "author") say nothing."""
    import hashlib

    def sub(m: re.Match) -> str:
        toks = " ".join("c" + hashlib.md5(t.encode()).hexdigest()[:6] for t in m.group(2).split())
        return f'{m.group(1)}="{toks}"'

    return _CLASS_OR_ID.sub(sub, html)


_STATEMENTS = re.compile(r"<script[^>]*ld\+json[^>]*>.*?</script>|<meta\b[^>]*>", re.I | re.S)


def strip_statements(html: str) -> str:
    """The page without its JSON-LD and meta tags: what is left of the metadata is what
    readers see (the headline, the byline, the dateline)."""
    return _STATEMENTS.sub("", html)


def unknown_template(html: str) -> str:
    """Both at once: a template whose class names say nothing and no statements, the
    page as an outlet nobody tuned for, without metadata, shows it."""
    return hash_names(strip_statements(html))


# attributes that say what an element is (microdata, rel=author, data-*, ARIA, a
# <time>'s datetime, a tooltip): what is left is what readers see and the page's shape
_MEANING_ATTRS = re.compile(
    r"""\s(?:itemprop|itemtype|itemscope|itemid|rel|data-[\w-]+|aria-[\w-]+|property|name|content|datetime|title|role)"""
    r"""(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?(?=[\s/>])""",
    re.I,
)
_START_TAG = re.compile(r"<[a-zA-Z][^<>]*>")


def text_and_structure(html: str) -> str:
    """The unknown template without the attributes that say what an element is either
    (itemprop, rel, data-*, aria-*, role, datetime, title): the text, the tags, and
    links, images and hashed class names only."""
    return _START_TAG.sub(lambda m: _MEANING_ATTRS.sub("", m.group(0)), unknown_template(html))


_SEMANTIC_TAGS = re.compile(r"<(/?)(?:article|header|aside|nav|main|section|time|figure|figcaption|footer)\b", re.I)


def divs_only(html: str) -> str:
    """`text_and_structure` with the semantic tags (article, header, aside, nav, main,
    section, time, figure, footer) turned into <div>s: a template of divs and text."""
    return _SEMANTIC_TAGS.sub(lambda m: f"<{m.group(1)}div", text_and_structure(html))


_P_OPEN = re.compile(r"<p\b[^>]*>", re.I)
_P_CLOSE = re.compile(r"</p\s*>", re.I)


def br_lines(html: str) -> str:
    """The page with every <p> taken out and its end printed as <br><br>: paragraphs
    as lines of text, as older and smaller outlets print them."""
    return _P_CLOSE.sub("<br><br>", _P_OPEN.sub("", html))


def divs_and_br_lines(html: str) -> str:
    """`divs_only` with paragraphs as <br> lines: no frame, no <p>, no names, no
    statements; an old template's page of <div>s and text."""
    return br_lines(divs_only(html))


def list_items(html: str) -> str:
    """The page with every paragraph an item of a list of its own: a story printed as
    a round-up or a deals post prints (the held-out check found such lists lost)."""
    return _P_CLOSE.sub("</li></ul>", _P_OPEN.sub("<ul><li>", html))


def table_cells(html: str) -> str:
    """The page with every paragraph a one-cell table: the layout of older templates,
    many Russian and Chinese outlets' among them."""
    return _P_CLOSE.sub("</td></tr></table>", _P_OPEN.sub("<table><tr><td>", html))


PROBES = {"class/id names hashed": hash_names, "no JSON-LD or meta tags": strip_statements,
          "both (hashed, no JSON-LD or meta)": unknown_template,
          "text and structure only": text_and_structure, "... and only <div>s": divs_only,
          "paragraphs as <br> lines": br_lines, "<div>s and <br> lines only": divs_and_br_lines,
          "paragraphs as list items": list_items, "paragraphs as table cells": table_cells}


# ---------------------------------------------------------------- dates

_ZONED_INSTANT = re.compile(r"((?:19|20)\d\d-\d\d-\d\d)[T ](\d\d:\d\d(?::\d\d(?:\.\d+)?)?)([+-]\d\d:?\d\d)(?!\d)")


def stated_in_utc(html: str) -> str:
    """The page with every instant it states in a zone ("2023-12-22T18:30:00-05:00")
    restated in UTC ("2023-12-22T23:30:00Z"), as many CMSs write them: the day readers
    saw is then the day written beside the headline, not the statement's."""
    from datetime import UTC, datetime

    def sub(m: re.Match) -> str:
        offset = m.group(3) if ":" in m.group(3) else f"{m.group(3)[:3]}:{m.group(3)[3:]}"
        try:
            at = datetime.fromisoformat(f"{m.group(1)}T{m.group(2)}{offset}")
        except ValueError:
            return m.group(0)
        return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    return _ZONED_INSTANT.sub(sub, html)


_MONTH_NAMES = "January February March April May June July August September October November December".split()
_DATE_MODIFIED = re.compile(r'("dateModified"\s*:\s*")[^"]*(")')


def updated_next_day(html: str, day: str) -> str | None:
    """The page updated the day after `day` (its publication): the update stated
    (article:modified_time, JSON-LD dateModified) and an "Updated <date>" line printed
    right under the headline, as news sites show a revised story. The publication's
    day is still the page's date wherever the head also displays it. None when the
    page has no <h1> to print the line under."""
    from datetime import date, timedelta

    at = date.fromisoformat(day) + timedelta(days=1)
    iso = f"{at.isoformat()}T10:15:00Z"
    headline = re.search(r"</h1\s*>", html, re.I)
    if headline is None:
        return None
    line = f"<div>Updated {_MONTH_NAMES[at.month - 1]} {at.day}, {at.year}, 10:15 AM</div>"
    html = html[: headline.end()] + line + html[headline.end() :]
    html = re.sub(r"</head\s*>", f'<meta property="article:modified_time" content="{iso}"></head>', html, count=1, flags=re.I)
    return _DATE_MODIFIED.sub(lambda m: m.group(1) + iso + m.group(2), html)


# ---------------------------------------------------------------- headlines

_H1_TAG = re.compile(r"<(/?)h1\b", re.I)
_H1_ELEMENT = re.compile(r"<h1\b.*?</h1\s*>", re.I | re.S)


def headline_in(html: str, tag: str) -> str:
    """The page with its <h1>s printed as `tag` (an <h2> or a <div>, as older templates
    and CSS-in-JS sites print the headline): the headline is then one line among the
    page's others, and the statements, often social or search variants of it, are
    all that names it."""
    return _H1_TAG.sub(lambda m: f"<{m.group(1)}{tag}", html)


# written dates as outlets in other languages print them ("December 21, 2023", "Dec. 21,
# 2023", "21 December 2023" -> "21 декабря 2023 г.", "2023年12月21日")
_MONTH_NAME = (r"(jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?"
               r"|sep(?:t(?:ember|\.)?|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)")
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH_NAME}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b", re.I)
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\s+{_MONTH_NAME}\s+((?:19|20)\d\d)\b", re.I)
_RU_MONTHS = "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split()


def printed_dates(text: str, lang: str) -> str:
    """`text` with its written English dates as a Russian ("ru") or Chinese ("zh") outlet prints them."""
    def written(day: str, month: str, year: str) -> str:
        m = [n[:3] for n in _MONTH_NAMES].index(month[:3].title()) + 1
        return f"{year}年{m}月{int(day)}日" if lang == "zh" else f"{int(day)} {_RU_MONTHS[m - 1]} {year} г."

    text = _MONTH_DAY_YEAR.sub(lambda m: written(m.group(2), m.group(1), m.group(3)), text)
    return _DAY_MONTH_YEAR.sub(lambda m: written(m.group(1), m.group(2), m.group(3)), text)


def old_template(html: str, lang: str | None = None) -> str | None:
    """The page as an old template nobody tuned for prints it: the headline in a <div>
    (no <h1>), names hashed, no statements, no <time> saying its instant; its written
    dates as a `lang` outlet prints them (None: as they are). The day must come from
    the dates printed beside the headline. None when it does not parse."""
    try:
        tree = lxml.html.document_fromstring(unknown_template(headline_in(html, "div")))
    except (ValueError, lxml.etree.ParserError):
        return None
    for el in tree.iter():
        if isinstance(el.tag, str):
            el.attrib.pop("datetime", None)
    if lang:
        _retext(tree, lambda text: printed_dates(text, lang))
    return lxml.html.tostring(tree, encoding="unicode")


_URL_DAY = re.compile(r"/(?:19|20)\d\d[/-]?\d\d[/-]?\d\d(?=/)|/(?:19|20)\d\d/(?:\d\d|[a-z]{3})(?:/\d\d)?(?=/)"
                      r"|(?:19|20)\d\d-\d\d-\d\d|(?:19|20)\d\d(?:0[1-9]|1[0-2])\d\d")


def _retext(tree: lxml.html.HtmlElement, change: Callable[[str], str], attrs: tuple[str, ...] = ()) -> None:
    """Pass the text readers see through `change`, in place: elements' text (not that of
    scripts and styles), tails, and the attributes `attrs` name."""
    for el in tree.iter():
        if el.tail:
            el.tail = change(el.tail)
        if isinstance(el.tag, str) and el.tag not in ("script", "style") and el.text:
            el.text = change(el.text)
        for name in attrs:
            if el.get(name):
                el.set(name, change(el.get(name)))


def undated_url(url: str) -> str:
    """`url` without the day or month it carries ("/2023/12/21/", "/2023/dec/21/", "2023-12-21")."""
    return _URL_DAY.sub("", url)


def headline_removed(html: str) -> str:
    """The page with its <h1>s taken out (a control: no line the page prints is the
    headline, so a rule that reads a printed line must not take another one)."""
    return _H1_ELEMENT.sub("", html)


# ---------------------------------------------------------------- writers' names

# names of shapes the dev pages' writers seldom have: accents, apostrophes, hyphens,
# particles, three and four words, one-syllable family names
WRITER_NAMES = (
    "Siobhán O'Connor", "Jean-Luc Dubois", "José María García-López", "Nguyễn Thị Minh Khai", "Oluwaseun Adeyemi",
    "Mary-Kate van der Berg", "Dmitri Ivanov", "Zhang Wei", "Aisha Al-Farsi", "Søren Kierkegaard", "Marco De Luca",
    "Ana Paula Souza", "Kwame Mensah", "Lena McAllister", "Rahul Venkataraman", "Ingrid Bergström", "Chloé Lefèvre",
    "Tomás Ó Briain", "Yuki Tanaka", "Bogdan Kowalczyk", "Fatima Zahra Benali", "Liam MacDonald", "Hiroshi Sato",
    "Katarzyna Wiśniewska", "Pedro Álvarez", "Amara Okafor", "Oksana Shevchenko", "DeShawn Jackson", "Ellie Zhou",
    "Ravi Iyer",
)


def slug_of(name: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def renamed_writers(html: str, names: list[str], new_names: list[str], slugs: list[str] | None = None) -> str | None:
    """The page with each of its writers' `names` replaced by the matching one of
    `new_names`, wherever the page writes it (statements, byline, scripts, in capitals
    too) and in the archive slugs that spell it ("jane-roe", "janeroe"; the new slugs
    given as `slugs` where the new names are not in Latin letters). None when a name is
    not on the page as written (an entity-escaped name would stay)."""
    new_slugs = slugs or [slug_of(n) for n in new_names]
    for old, new, new_slug in sorted(zip(names, new_names, new_slugs), key=lambda row: -len(row[0])):
        if old not in html:
            return None
        html = html.replace(old, new).replace(old.upper(), new.upper())
        slug = slug_of(old)
        if len(slug) > 4:
            html = html.replace(slug, new_slug).replace(slug.replace("-", ""), new_slug.replace("-", ""))
    return html


# writers of the outlets the pipeline is for, each with the slug its archive page would
# have (a Russian name transliterated, a Chinese one in pinyin); the word their bylines
# open with and the one between two names
RUSSIAN_WRITERS = (
    ("Иван Петров", "ivan-petrov"), ("Анна Смирнова", "anna-smirnova"), ("Дмитрий Ковалёв", "dmitrii-kovalev"),
    ("Ольга Кузнецова", "olga-kuznetsova"), ("Сергей Волков", "sergei-volkov"),
    ("Екатерина Морозова", "ekaterina-morozova"), ("Алексей Соколов", "aleksei-sokolov"),
    ("Мария Лебедева", "mariya-lebedeva"), ("Юрий Новиков", "yurii-novikov"), ("Наталья Павлова", "natalya-pavlova"),
    ("Михаил Фёдоров", "mikhail-fedorov"), ("Татьяна Орлова", "tatyana-orlova"),
)
CHINESE_WRITERS = (
    ("王小明", "wangxiaoming"), ("李华", "lihua"), ("张伟", "zhangwei"), ("刘洋", "liuyang"), ("陈静", "chenjing"),
    ("欧阳娜娜", "ouyangnana"), ("赵敏", "zhaomin"), ("黄晓东", "huangxiaodong"), ("周杰", "zhoujie"),
    ("吴婷婷", "wutingting"), ("孙立平", "sunliping"), ("马骏", "majun"),
)
BYLINE_WORDS = {"ru": ("Автор:", " и "), "zh": ("记者", "、")}
# "By", "Written by", "Story by:" opening a text before a name, markup between them kept
_BY_WORD = (r"(?<=>)(?P<lead>\s*)(?:(?:Written|Story|Words|Text|Posted|Reported)\s+)?[Bb][Yy]:?"
            r"(?P<gap>(?:\s|&nbsp;|<[^>]+>)+)")


def bylines_as(html: str, names: list[str], lang: str) -> str:
    """The page with its bylines worded as an outlet writing `lang` words them: "By"
    opening a text before any of `names` as "Автор:" or "记者", "and" (or a comma)
    between two of them as " и " or "、", markup between them kept; what the page
    prints otherwise ("photographed by ...") stays."""
    opener, joiner = BYLINE_WORDS[lang]
    for name in names:
        html = re.sub(_BY_WORD + "(?P<name>" + re.escape(name) + ")",
                      lambda m: m["lead"] + opener + ("" if m["gap"][0].isspace() else " ") + m["gap"] + m["name"], html)
    for a, b in zip(names, names[1:]):
        tags = r"(?:\s*(?:</?[a-zA-Z][^<>]*>|<!--.*?-->))*"  # markup, a framework's empty comments
        between = "(" + re.escape(a) + tags + r")\s*(?:,\s*and|and|&amp;|,)\s*(" + tags + r"\s*" + re.escape(b) + ")"
        html = re.sub(between, r"\g<1>" + joiner + r"\g<2>", html)
    return html


_STORY_BLOCKS = ("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre")
_NONWORD = re.compile(r"\W+")
_PLAIN_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ,]{24,}")  # a run of text that JSON writes as it is


def _norm(text: str) -> str:
    return _NONWORD.sub(" ", text.casefold()).strip()


def short_story(html: str, body: str, paragraphs: int) -> tuple[str, str] | None:
    """The page with its story cut to its first `paragraphs` <p>s, and the label cut to
    match; None when the story has no more than that or the page does not parse. The
    story's blocks are the page's paragraphs, subheadings, list items and quotes whose
    text the label holds; those after the first `paragraphs` <p>s go, and with them the
    page's own copies of them in scripts (a JSON state, JSON-LD's articleBody), which
    would bring the story back. A brief of a paragraph or two is where the held-out
    check found a fallback pass taking the page around the story for its body."""
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None
    label = _norm(body)
    kept: list[lxml.html.HtmlElement] = []
    cut: list[lxml.html.HtmlElement] = []
    taken = 0
    for el in tree.iter(*_STORY_BLOCKS):
        if any(a in kept or a in cut for a in el.iterancestors(*_STORY_BLOCKS)):
            continue  # read with its block
        text = _norm(el.text_content())
        if len(text) < 20 or text not in label:
            continue
        if taken < paragraphs:
            kept.append(el)
            taken += el.tag == "p"
        else:
            cut.append(el)
    if taken < paragraphs or not cut:
        return None
    runs = []
    for el in cut:
        found = _PLAIN_RUN.findall(el.text_content())
        if found:
            runs.append(max(found, key=len)[:40])
        el.drop_tree()
    for script in list(tree.iter("script")):
        if script.text and any(r in script.text for r in runs):
            script.drop_tree()
    story = "\n".join(" ".join(el.text_content().split()) for el in kept)
    return lxml.html.tostring(tree, encoding="unicode"), story


def _last_story_block(tree: lxml.html.HtmlElement, body: str) -> lxml.html.HtmlElement | None:
    """The block that holds the story's last paragraph (of the label `body`), where
    probes put what a page prints after a story; None when none does or it is the root."""
    label = _norm(body)
    last = None
    for el in tree.iter(*_STORY_BLOCKS):
        text = _norm(el.text_content())
        if len(text) >= 20 and text in label:
            last = el
    block = last.getparent() if last is not None else None
    return block if block is not None and block.getparent() is not None else None


_SECTIONS = ("World", "Politics", "Business", "Markets", "Tech", "Science", "Health", "Sport", "Culture", "Opinion")


def _card(headline: str, excerpt: str, n: int) -> str:
    from html import escape

    slug = "-".join(_norm(headline).split()[:6]) or f"story-{n}"
    return (f'<div class="more-card"><h3><a href="/news/2023/{slug}">{escape(headline)}</a></h3>'
            f"<p>{escape(excerpt)}</p></div>")


def in_portal(html: str, body: str, others: list[tuple[str, str]], rail: bool = False) -> str | None:
    """The page as a portal prints a story: a masthead of 40 section links, a "More
    stories" box of cards of other stories (a linked headline and an excerpt: `others`,
    six of them) right after the block that holds the story's last paragraph, a footer
    of links, and with `rail` a rail of three more cards above the story. Excerpts are
    prose as the story is; a pass that takes them for the story, or keeps them after it,
    fails here. None when no block of the page holds the story's text."""
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None
    page_body = tree.find(".//body")
    last = _last_story_block(tree, body)
    if page_body is None or last is None:
        return None
    links = "".join(f'<li><a href="/{s.casefold()}/{i}">{s} {i or ""}</a></li>' for i in range(4) for s in _SECTIONS)
    cards = [_card(h, e, n) for n, (h, e) in enumerate(others)]
    top = f'<nav class="masthead"><ul>{links}</ul></nav>'
    if rail:
        top += '<div class="rail">' + "".join(cards[6:9]) + "</div>"
    more = lxml.html.fragment_fromstring('<div class="more"><h2>More stories</h2>' + "".join(cards[:6]) + "</div>")
    more.tail, last.tail = last.tail, None
    last.addnext(more)
    for el in reversed(lxml.html.fragments_fromstring(top)):
        page_body.insert(0, el)
    page_body.append(lxml.html.fragment_fromstring(f'<footer><ul>{links}</ul></footer>'))
    return lxml.html.tostring(tree, encoding="unicode")


def _inserts(headlines: list[str]) -> list[str]:
    """What a site sets between a story's paragraphs, each with the class name that says
    what it is: a "Read more" line, an ad label, a card of another story, a newsletter's
    sign-up, a list of related stories (`headlines`: four of other stories)."""
    from html import escape

    def link(h: str) -> str:
        return f'<a href="/news/2023/{"-".join(_norm(h).split()[:6]) or "story"}">{escape(h)}</a>'

    return [
        f"<p><strong>Read more:</strong> {link(headlines[0])}</p>",
        '<div class="ad-slot"><span>Advertisement</span></div>',
        f'<div class="inline-related"><img src="/img/card.jpg" alt="">{link(headlines[1])}</div>',
        '<div class="newsletter"><h3>Get the morning briefing</h3><p>The day\'s top stories, in your inbox every weekday.</p>'
        '<form><input type="email" placeholder="Your email"><button>Sign up</button></form></div>',
        f'<div class="related"><h4>Related</h4><ul><li>{link(headlines[2])}</li><li>{link(headlines[3])}</li></ul></div>',
    ]


def _story_paragraphs(html: str, body: str) -> tuple[lxml.html.HtmlElement, list[lxml.html.HtmlElement]] | None:
    """The page's tree and its <p>s of the story (of 20 characters or more, in the label
    `body`), in their order; None when the page does not parse."""
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None
    label = _norm(body)
    return tree, [p for p in tree.iter("p") if len(t := _norm(p.text_content())) >= 20 and t in label]


INSERT_EVERY = 3  # story paragraphs between two inserts


def with_inserts(html: str, body: str, headlines: list[str]) -> str | None:
    """The page with something a site sets between a story's paragraphs after every
    `INSERT_EVERY`th <p> of the story (of the label `body`) but the last, the five kinds
    of `_inserts` in turn; None when the story has no more paragraphs than that. The
    label stays: none of it is the story. `hash_names` on the result makes them a
    template's whose class names say nothing, where trafilatura's own names miss them."""
    return _after_every_third(html, body, _inserts(headlines))


def _after_every_third(html: str, body: str, blocks: list[str]) -> str | None:
    """The page with `blocks` in turn after every `INSERT_EVERY`th <p> of the story (of
    the label `body`) but the last; None when the story has no more paragraphs."""
    found = _story_paragraphs(html, body)
    if found is None or len(found[1]) <= INSERT_EVERY:
        return None
    tree, paras = found
    for n, p in enumerate(paras[INSERT_EVERY - 1:-1:INSERT_EVERY]):
        block = lxml.html.fragment_fromstring(blocks[n % len(blocks)])
        block.tail, p.tail = p.tail, None
        p.addnext(block)
    return lxml.html.tostring(tree, encoding="unicode")


_CRUMBS = ('<div class="breadcrumbs"><a href="/">Home</a> › <a href="/news">News</a> › <a href="/news/world">World</a></div>')
_TAGS = ('<div class="tags"><span>Topics:</span> <a href="/t/politics">Politics</a> <a href="/t/economy">Economy</a> '
         '<a href="/t/europe">Europe</a> <a href="/t/trade">Trade</a></div>')


def with_boxes_beside(html: str, body: str) -> str | None:
    """The page with breadcrumbs right before the story's first <p> (of the label
    `body`) and its middle one, and a tags row right after its last: siblings of the
    paragraph, so inside the wrapper where a template wraps each paragraph in one. None
    when the story has fewer than three paragraphs. The label stays."""
    found = _story_paragraphs(html, body)
    if found is None or len(found[1]) < 3:
        return None
    tree, paras = found
    for p in (paras[0], paras[len(paras) // 2]):
        p.addprevious(lxml.html.fragment_fromstring(_CRUMBS))
    tags = lxml.html.fragment_fromstring(_TAGS)
    tags.tail, paras[-1].tail = paras[-1].tail, None
    paras[-1].addnext(tags)
    return lxml.html.tostring(tree, encoding="unicode")


_CREDITS = ("(AP Photo/Evan Vucci)", "Getty Images", "Photograph: Alamy", "Photo: Reuters")


def _photos(captions: list[str]) -> list[str]:
    """A photo with its caption and credit as sites print one, in turn: a <figure> with
    a <figcaption>, an image's box with the caption and the credit as paragraphs, and
    one with them as spans in a block under the image (`captions`: other stories'
    headlines, each written as a sentence)."""
    from html import escape

    img = '<img src="/img/photo.jpg" alt="">'
    out = []
    for n, caption in enumerate(captions):
        cap, credit = escape(caption if caption.endswith(".") else caption + "."), _CREDITS[n % len(_CREDITS)]
        out.append([
            f'<figure class="media">{img}<figcaption>{cap} <span class="credit">{credit}</span></figcaption></figure>',
            f'<div class="image-block">{img}<p class="caption">{cap}</p><p class="credit">{credit}</p></div>',
            f'<div class="photo"><div class="photo-media">{img}</div>'
            f'<div class="photo-caption"><span>{cap}</span> <span class="credit">{credit}</span></div></div>',
        ][n % 3])
    return out


def with_photos(html: str, body: str, captions: list[str]) -> str | None:
    """The page with a captioned photo after every `INSERT_EVERY`th <p> of the story (of
    the label `body`) but the last (`_photos`, one caption each in turn); None when the
    story has no more paragraphs than that. The label stays: the labels leave captions
    out. `hash_names` on the result makes them a CSS-in-JS site's, where only the
    <figure>'s tags still say what the box is."""
    return _after_every_third(html, body, _photos(captions))


# ---------------------------------------------------------------- lists that are the story

_BRANDS = ("Anker", "Lodge", "Ninja", "Roku", "Garmin", "Shark", "Cuisinart", "Osprey", "Brooks", "Weber")
_PRODUCTS = ("wireless earbuds", "cast-iron skillet", "cordless vacuum", "air fryer", "smart speaker", "trail shoes",
             "fitness watch", "mechanical keyboard", "pressure cooker", "hiking pack", "power bank", "gas grill")
LIST_FORMS = ("links out", "items", "names over paragraphs")  # `with_story_list`'s forms
LIST_ITEMS = 6


def product_lines(seed: str, count: int = LIST_ITEMS) -> list[str]:
    """`count` lines of a deals post or a round-up ("Garmin fitness watch F4 for $129
    (was $199)"), picked by `seed`."""
    import random

    rnd = random.Random(seed)
    out = []
    for _ in range(count):
        price = rnd.randint(19, 399)
        out.append(f"{rnd.choice(_BRANDS)} {rnd.choice(_PRODUCTS)} {rnd.choice('ABCDEFGHJK')}{rnd.randint(2, 9)} "
                   f"for ${price} (was ${price + rnd.randint(10, 120)})")
    return out


def _without_story_scripts(tree: lxml.html.HtmlElement, paras: list[lxml.html.HtmlElement]) -> None:
    """The page without the scripts that also carry its story (a JSON state, JSON-LD's
    articleBody), where a probe that changes the page's paragraphs does not reach: the
    page then is one of a site that ships no such copy."""
    keys = [_norm(p.text_content())[:60] for p in paras[:2]]
    for script in list(tree.iter("script")):
        if any(k in _norm(script.text or "") for k in keys):
            script.drop_tree()


def _spans_in(body: str, texts: list[str]) -> list[tuple[int, int]] | None:
    """Where each of `texts` stands in the label `body`, in turn (the label is in page
    order: a text printed twice is found twice), their white space as the label writes
    it; None when the label does not hold them so."""
    spans, at = [], 0
    for text in texts:
        m = re.compile(r"\s+".join(map(re.escape, text.split()))).search(body, at)
        if m is None:
            return None
        spans.append(m.span())
        at = m.end()
    return spans


def with_story_list(html: str, body: str, form: str, seed: str) -> tuple[str, str] | None:
    """The page with lines that are part of its story, as deals posts, round-ups and
    product posts print them, and the label `body` with them where the page shows them:
    after the story's second <p>, a list of `product_lines` each linking out to a shop
    ("links out") or as plain items ("items"); or one product's name as a bold line over
    every second <p> from the second on ("names over paragraphs": the same line printed
    again, each time over other prose). Scripts that also carry the story go
    (`_without_story_scripts`). None when the story has fewer than four <p>s found in
    the label."""
    from html import escape

    found = _story_paragraphs(html, body)
    if found is None or len(found[1]) < 4:
        return None
    tree, paras = found
    spans = _spans_in(body, [p.text_content() for p in paras])
    if spans is None:
        return None
    _without_story_scripts(tree, paras)
    if form == "names over paragraphs":
        name = product_lines(seed, 1)[0].split(" for ")[0]
        for p in paras[1::2]:
            p.addprevious(lxml.html.fragment_fromstring(f"<p><strong>{escape(name)}</strong></p>"))
        for start, _ in reversed(spans[1::2]):  # from the end, so the spans before stay where they are
            body = f"{body[:start]}{name}\n{body[start:]}"
        return lxml.html.tostring(tree, encoding="unicode"), body
    lines = product_lines(seed)
    if form == "links out":
        items = "".join(f'<li><a href="https://shop{n}.example.net/p/{n}{len(line)}">{escape(line)}</a></li>'
                        for n, line in enumerate(lines))
    else:
        items = "".join(f"<li>{escape(line)}</li>" for line in lines)
    block = lxml.html.fragment_fromstring(f"<ul>{items}</ul>")
    block.tail, paras[1].tail = paras[1].tail, None
    paras[1].addnext(block)
    at = spans[1][1]
    return lxml.html.tostring(tree, encoding="unicode"), body[:at] + "\n" + "\n".join(lines) + body[at:]


_READERS = ("MarkT", "jane_doe88", "Observer", "Sasha K.", "patriot1776", "Li Wei", "anon", "RealistBob")


def with_thread(html: str, body: str, remarks: list[str]) -> str | None:
    """The page with a readers' comment thread right after the block that holds the
    story's last paragraph: a count, one entry per remark (a reader's name, the time
    it was written, the remark as a paragraph, a "Reply" link) and the thread's form.
    Its class names say what it is ("comments"); `hash_names` on the result makes it
    a thread of a template nobody tuned for. None when no block holds the story."""
    from html import escape

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None
    block = _last_story_block(tree, body)
    if block is None:
        return None
    entries = "".join(
        f'<div class="comment"><div class="comment-meta"><span class="comment-author">{_READERS[i % len(_READERS)]}</span> '
        f'<span class="comment-date">{i + 2} hours ago</span></div><p>{escape(text)}</p><a href="#reply-{i}">Reply</a></div>'
        for i, text in enumerate(remarks))
    thread = lxml.html.fragment_fromstring(
        f'<div id="comments" class="comments-area"><h3>{len(remarks)} comments</h3><div class="comment-list">{entries}</div>'
        '<div class="comment-respond"><textarea name="comment"></textarea><button>Post comment</button></div></div>')
    thread.tail, block.tail = block.tail, None
    block.addnext(thread)
    return lxml.html.tostring(tree, encoding="unicode")


# ---------------------------------------------------------------- scripts

# The dev pages are English; the outlets the pipeline is for write Russian and Chinese.
# Their letters changed one for one, a page keeps its structure and its English words no
# more: what a rule gains by a phrase it knows (a "Sources" heading, "contributed to this
# report") is gone, what it gains by structure stays, and a rule that reads words as runs
# between spaces meets Chinese text, which has none.
_LATIN = "abcdefghijklmnopqrstuvwxyz"
_AS_CYRILLIC = str.maketrans(_LATIN + _LATIN.upper(), "абцдефгхийклмнопярстувшжыз" + "АБЦДЕФГХИЙКЛМНОПЯРСТУВШЖЫЗ")
_AS_HAN = str.maketrans(_LATIN + _LATIN.upper(), "的一是不了人我在有他这中大来上国个到说们为子和你地出"
                                                  "道也时年得就那要下以生会自着去之过家学对可里后小么心")
_HAN = "\u3400-\u9fff"
_GAP_IN_HAN = re.compile(rf"(?<=[{_HAN}，。？！：；])[ \t]+(?=[{_HAN}])")
# white space at a text's edge beside Han text: between an inline element and its
# neighbour Chinese has none either
_HAN_EDGE = re.compile(rf"^\s+(?=[{_HAN}])|(?<=[{_HAN}，。？！：；])\s+$")
_HAN_STOP = re.compile(rf"(?<=[{_HAN}])([.,?!:;])(?=\s|$)")
_FULL_WIDTH = {".": "。", ",": "，", "?": "？", "!": "！", ":": "：", ";": "；"}
# what the Han probe's body F1 counts: each Han character a word, as unspaced text has no others
HAN_WORDS = re.compile(rf"[{_HAN}]|[^\W{_HAN}]+")


def cyrillic_text(text: str) -> str:
    """`text` with its Latin letters as Cyrillic ones, one for one."""
    return text.translate(_AS_CYRILLIC)


def han_text(text: str) -> str:
    """`text` with its Latin letters as Han characters, written as Chinese is: no space
    between two of them, full-width stops after them (digits and other text as they are)."""
    return _as_chinese_is_written(text.translate(_AS_HAN))


def _as_chinese_is_written(text: str) -> str:
    """Han text with no space between two characters and full-width stops after them."""
    return _GAP_IN_HAN.sub("", _HAN_STOP.sub(lambda m: _FULL_WIDTH[m.group(1)], text))


# the denser writing: one of 6,000 Han characters for every three Latin letters of a word,
# picked by a fixed hash of them. Chinese says in one character about what English says in
# three letters, and uses a few thousand characters: a line weighs what its English weighs,
# and two lines share a 4-character run about as rarely as two Chinese lines do. The
# one-for-one writing (`han_text`) weighs three times as much and its runs are English
# letter 4-grams, common to any two lines.
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_DENSE_FIRST, _DENSE_CHARS = 0x4E00, 6000


def _dense_char(letters: str) -> str:
    """The Han character written for up to three Latin letters (case folded)."""
    h = 0
    for ch in letters.lower():
        h = (h * 131 + ord(ch)) % 1_000_003
    return chr(_DENSE_FIRST + h % _DENSE_CHARS)


def han_dense_text(text: str) -> str:
    """`text` with each Latin word as one Han character per three of its letters, written as
    Chinese is (no space between two of them, full-width stops; digits as they are)."""
    word = _LATIN_WORD.sub(lambda m: "".join(_dense_char(m.group(0)[i : i + 3]) for i in range(0, len(m.group(0)), 3)), text)
    return _as_chinese_is_written(word)


def _han_node_text(text: str, write: Callable[[str], str] = han_text) -> str:
    """A text node of the page as `write` writes it in Han characters, without the white
    space at its edges beside Han text."""
    return _HAN_EDGE.sub("", write(text))


def _retyped(html: str, retype: Callable[[str], str] | None, lang: str | None) -> str | None:
    """The page without its scripts (a JSON state would keep the story's English copy)
    and statements, the text readers see (and its alt, title and aria-label words)
    passed through `retype`, the <html> declaring `lang`. None when it does not parse."""
    try:
        tree = lxml.html.document_fromstring(strip_statements(html))
    except (ValueError, lxml.etree.ParserError):
        return None
    for script in list(tree.iter("script")):
        script.drop_tree()
    if lang:
        tree.set("lang", lang)
    if retype is not None:
        _retext(tree, retype, ("alt", "title", "aria-label"))
    return lxml.html.tostring(tree, encoding="unicode")


def unscripted(html: str) -> str | None:
    """The scripts probes' reference: the page without scripts and statements, its letters as they are."""
    return _retyped(html, None, None)


def in_cyrillic(html: str) -> str | None:
    """`unscripted`, its Latin letters as Cyrillic ones (`cyrillic_text`), declared Russian."""
    return _retyped(html, cyrillic_text, "ru")


def in_han(html: str) -> str | None:
    """`unscripted`, its Latin letters as Han characters, unspaced (`han_text`), declared Chinese."""
    return _retyped(html, _han_node_text, "zh-CN")


def in_han_dense(html: str) -> str | None:
    """`unscripted`, its words as Han characters three letters to one (`han_dense_text`), declared Chinese."""
    return _retyped(html, partial(_han_node_text, write=han_dense_text), "zh-CN")


# probe -> (the page changed, its label changed alike, the words body F1 counts)
SCRIPTS: dict[str, tuple[Callable[[str], str | None], Callable[[str], str], re.Pattern | None]] = {
    "letters as they are": (unscripted, str, None),
    "Latin letters as Cyrillic": (in_cyrillic, cyrillic_text, None),
    "Latin letters as Han characters, unspaced": (in_han, han_text, HAN_WORDS),
    "words as Han characters, three letters to one": (in_han_dense, han_dense_text, HAN_WORDS),
}
