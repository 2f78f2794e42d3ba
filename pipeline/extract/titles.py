"""The headline as displayed, from <h1> and the stated titles, without the site's name."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from copy import deepcopy
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from ..datetimes import parse_datetime
from .blocks import style_hides
from .jsonld import PageMeta, texts_of, the_article
from .sites import bare_host, links_here, links_out, site_names, site_of
from .strings import SCREEN_READER, _clean, _is_prose, _norm, _weight

LOG = logging.getLogger(__name__)


# ---------------------------------------------------------------- title

# spaced separators; in CJK titles also "_" and unspaced dashes or bars between CJK
# characters ("标题_频道_人民网", "标题--时政--人民网"); "·" there joins a foreign name
_CJK_CHAR = "\u3400-\u9fff\uf900-\ufaff"
_SEPARATORS = re.compile(
    r"\s+(?:[|\-–—·•»«:/~]|::|\\|>>)\s+"
    rf"|(?<=[{_CJK_CHAR}”」》）])\s*(?:_|-{{1,2}}|—{{1,2}}|\||｜)\s*(?=[{_CJK_CHAR}“「《（])"
)


_BREAK = "\ue000"  # a <br> while the text is read (a private-use character no page prints)
_BREAK_IN_CJK = re.compile(rf"(?<=[{_CJK_CHAR}]){_BREAK}(?=[{_CJK_CHAR}])")


def _shown(el: HtmlElement) -> str:
    """An element's text as shown: a line break inside it ("Putin and Xi pledge deeper
    ties<br>at Beijing summit") parts two words, which `text_content` runs together (in
    Chinese, which has no spaces, it parts nothing); text for screen readers only ("<span
    class=sr-only>(opens in new window)</span>") is not shown."""
    hidden = [c for c in el.iterfind(".//*[@class]") if SCREEN_READER.search(c.get("class") or "")]
    if not hidden and el.find(".//br") is None:
        return el.text_content()
    copy = deepcopy(el)
    for c in [c for c in copy.iterfind(".//*[@class]") if SCREEN_READER.search(c.get("class") or "")]:
        c.drop_tree()  # its tail stays
    for br in copy.iter("br"):
        br.tail = _BREAK + (br.tail or "")
    return _BREAK_IN_CJK.sub("", copy.text_content()).replace(_BREAK, " ")


def _h1s(tree: HtmlElement, url: str = "") -> list[str]:
    out = []
    for el in tree.iter("h1"):
        t = _without_kicker(el, url) or _clean(_shown(el))
        if t and 3 <= len(t) <= 400:
            out.append(t)
    return out


def _without_kicker(h1: HtmlElement, url: str) -> str | None:
    """The headline of an <h1> that opens with a section label the markup sets apart: a
    first element of at most three words holding a separator element (role=separator)
    or linking to a section of the site ("/snyde/"), before further elements holding the
    headline. None when the <h1> has no such label: a label set apart by its words only
    ("Breaking:") may be part of the headline, and only a statement says it is not."""
    kids = [c for c in h1 if isinstance(c.tag, str)]
    if len(kids) < 2 or _clean(h1.text or "") or _clean(kids[0].tail or ""):
        return None
    label = _clean(kids[0].text_content())
    if not label or len(label.split()) > 3:
        return None
    links = [a for a in kids[0].iter("a") if a.get("href")]
    section = len(links) == 1 and not links_out(links[0].get("href", ""), site_of(url)) \
        and len([p for p in urlsplit(links[0].get("href", "")).path.split("/") if p]) <= 1
    separated = next(kids[0].iterfind(".//*[@role='separator']"), None) is not None
    if not (section or separated):
        return None
    rest = _after_label(kids)
    return rest if len(rest.split()) >= 3 else None


def _after_label(kids: list[HtmlElement]) -> str:
    """An <h1>'s text after its first element `kids[0]`: that element's tail text and
    the elements after it."""
    return _clean(" ".join([kids[0].tail or ""] + [c.text_content() + (c.tail or "") for c in kids[1:]])) or ""


def _before_closing_element(h1: HtmlElement) -> str | None:
    """An <h1>'s text as shown without its last element, when that element closes it (no
    text after it) and holds at most three words; None otherwise."""
    kids = [c for c in h1 if isinstance(c.tag, str)]
    if not kids or _clean(kids[-1].tail or "") or not 1 <= len(_norm(kids[-1].text_content()).split()) <= 3:
        return None
    copy = deepcopy(h1)
    copy.remove(copy[h1.index(kids[-1])])  # with its tail, which holds no text
    return _clean(_shown(copy))


def _links_away(tree: HtmlElement, url: str) -> set[str]:
    """<h1>s that are wholly a link to another site: an aggregator's or a live page's
    pointer to someone else's story, not this page's headline."""
    site = site_of(url)
    out = set()
    for el in tree.iter("h1"):
        links = [a for a in el.iter("a") if a.get("href")]
        if len(links) != 1:
            continue
        t = _clean(_shown(el))
        if links_out(links[0].get("href", ""), site) and t and _clean(_shown(links[0])) == t:
            out.add(t)
    return out


# a Chinese site's name, as its <title> closes with it ("_新华网", "-人民网", "--央视网"):
# a short name ending in "网" (web), known even where the page prints it nowhere else; not
# after "——", which sets a headline's own second part apart ("…——织密防护网")
_ZH_SITE = re.compile(f"[{_CJK_CHAR}]{{1,5}}网")


def _zh_site_name(frag: str, title: str) -> bool:
    at = title.rfind(frag)
    return bool(_ZH_SITE.fullmatch(frag.strip())) and "—" not in title[max(at - 3, 0):at]


def _is_site_fragment(frag: str, sites: list[str]) -> bool:
    nf = _norm(frag).replace(" ", "")
    if not nf:
        return True
    for s in sites:
        ns = _norm(s).replace(" ", "")
        if not ns:
            continue
        if nf == ns or (len(nf) >= 3 and (nf in ns or ns in nf) and len(nf) <= len(ns) + 12):
            return True
    return False


def _is_site_name(text: str, sites: list[str]) -> bool:
    k = _norm(text).replace(" ", "").removeprefix("the")
    return any(k == _norm(s).replace(" ", "").removeprefix("the") for s in sites if s)


_PREFIX = re.compile(r"^([^:|]{2,40}?)\s*:\s+(.{8,})$")


def _section_like(frag: str, head: str) -> bool:
    """A fragment short beside the headline: a section name ("Politics", "新闻频道")."""
    cjk = bool(re.search(f"[{_CJK_CHAR}]", frag))
    if cjk:
        return len(frag) <= 6 and len(head) >= 3 * len(frag)
    return len(frag.split()) <= 3 and len(frag) <= 25 and len(head.split()) >= 4


def _stamp_fragment(frag: str) -> bool:
    """A title's fragment that is a date, alone or after a name of a few words ("March
    5, 2024", "РИА Новости, 05.03.2024"): the day the page went up, stamped on its
    <title> and og:title by the site, no part of the headline."""
    if not any(c.isdigit() for c in frag):
        return False
    name, _, rest = frag.partition(",")
    return parse_datetime(frag) is not None or bool(rest) and len(name.split()) <= 4 and parse_datetime(rest) is not None


def _strip_site(title: str, sites: list[str], by_form: bool = False) -> str:
    """`title` without the site's name (and the section before it) at either end; with
    `by_form`, a Chinese site's name is known by its form too (`_zh_site_name`), and a
    date stamped after the headline (`_stamp_fragment`) goes."""
    m = _PREFIX.match(title)
    if m and _is_site_fragment(m.group(1), sites):
        title = m.group(2)
    parts = _SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    # drop leading / trailing fragments naming the site
    n = len(parts)
    if by_form and _stamp_fragment(parts[-1]) and not _stamp_fragment(parts[-2]):
        parts.pop()
    while len(parts) > 1 and (_is_site_fragment(parts[-1], sites) or by_form and _zh_site_name(parts[-1], title)):
        parts.pop()
    # "Headline | Section | Site": a short fragment left before the site's name is the section
    if len(parts) < n and len(parts) > 1 and _section_like(parts[-1], parts[0]):
        parts.pop()
    while len(parts) > 1 and _is_site_fragment(parts[0], sites):
        parts.pop(0)
    if len(parts) == len(_SEPARATORS.split(title)):
        return title
    # rebuild from the original string so that inner separators survive
    joined = parts[0] if len(parts) == 1 else None
    if joined is None:
        start = title.find(parts[0])
        end = title.rfind(parts[-1]) + len(parts[-1])
        joined = title[start:end]
    return joined.strip()


_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…)$")


def _truncation_of(short: str, full: str) -> bool:
    """Whether `short` is `full` cut off (a JSON-LD headline cut at 110 characters, an
    "..." teaser): `full` goes on with words where `short` stops, not with a separator
    and a site or section name."""
    s = _ELLIPSIS.sub("", short)
    if len(s) >= len(full) or not full.casefold().startswith(s.casefold()):
        return bool(_ELLIPSIS.search(short)) and _norm(full).startswith(_norm(s)) and _norm(full) != _norm(s)
    return bool(re.match(r"\w|\s+[\w“\"'(]", full[len(s):]))


def _common_affix_strip(a: str, others: list[str]) -> str:
    """Strip a " | X" suffix or "X: " prefix that differs from another candidate only by it
    (not when the other is `a` cut off)."""
    na = _norm(a)
    for o in others:
        no = _norm(o)
        if no and no != na and len(no) >= 10 and not _truncation_of(o, a):
            if na.startswith(no) or na.endswith(no):
                return o
    return a


# a tag for what the page holds besides the story, in English, Russian and Chinese
# ("[Watch]", "(VIDEO)", "(фото)", "【视频】", "（组图）")
_MEDIA_TAG = re.compile(
    r"\W*[\[(（【](?:watch|video|videos|photos?|pics|gallery|listen|audio|podcast|live|updated?|poll"
    r"|видео|фото|фоторепортаж|фотогалерея|онлайн|трансляция|视频|组图|多图|图|图文|高清|直播|音频)[\])）】]\W*",
    re.I,
)


def _h1_extra(h1: str, title: str) -> tuple[str, str] | None:
    """(words before, words after) `title` inside `h1`, compared after normalising
    case and punctuation; None when the h1 does not contain the title."""
    nt, nh = _norm(title), _norm(h1)
    i = nh.find(nt)
    if len(nt) < 10 or i < 0 or nh == nt:
        return None
    before, after = len(nh[:i].split()), len(nh[i + len(nt):].split())
    raw = h1.split()  # approximate: punctuation-only tokens count with the title
    if before + after >= len(raw):
        return None
    return " ".join(raw[:before]), " ".join(raw[len(raw) - after:]) if after else ""


def _headline_like(h1: str, stated: set[str], tree: HtmlElement | None = None) -> bool:
    """Whether a lone <h1> no statement agrees with reads as a headline: three words or
    more, or sharing a word with a statement; or, on a page whose only statement is its
    <title> (`tree` given), two words that no link of the page reads. A section's name
    in an <h1> ("World News") beside titles the page states is no headline; a column's
    two-word headline ("Легкий троннинг") under a search title that names the story
    otherwise is, unless the site's menu links it."""
    if len(_CJK_LETTER.findall(h1)) >= 8:  # a CJK headline has no spaces: its characters are its words
        return True
    words = _norm(h1).split()
    if len(words) == 1:  # one word of eight characters or more, not all ASCII: a Cyrillic or mixed-script headline
        return len(h1) >= 8 and not h1.isascii()
    if len(words) >= 3 or _shares_word(h1, stated):
        return True
    key = _norm(h1)
    return tree is not None and len(words) == 2 and not any(_norm(a.text_content()) == key for a in tree.iter("a"))


def _shares_word(h1: str, stated: set[str]) -> bool:
    """Whether `h1` has a word of four letters or more that a stated title has."""
    said = {w for s in stated for w in s.split() if len(w) > 3}
    return any(w in said for w in _norm(h1).split() if len(w) > 3)


def find_title(tree: HtmlElement, pm: PageMeta, url: str) -> str | None:
    sites = site_names(pm, url)
    h1s = _h1s(tree, url)
    raw: list[tuple[str, str]] = []
    for obj in the_article(pm, "headline", url):  # not a related story's object on the same page
        for s in texts_of(obj["headline"])[:1]:
            raw.append(("jsonld", s))
    for key in ("og:title", "twitter:title", "title", "dc.title", "parsely-title", "sailthru.title"):
        v = pm.first(key)
        if v:
            raw.append((key, v))
    for v in pm.itemprops.get("headline", ())[:1]:
        raw.append(("itemprop", v))
    if pm.title_tag:
        raw.append(("title-tag", pm.title_tag))
    cands = [(src, _strip_site(_clean(s) or "", sites)) for src, s in raw if _clean(s)]
    # a statement or <h1> that is the site's name alone (a home-page <title>, a logo
    # in an <h1>) is no headline
    # (named by og:site_name and the host: application-name and JSON-LD Organization
    # names are sometimes the headline itself)
    host = bare_host(url)
    own = [n for n in (pm.first("og:site_name"), host, host.split(".")[0]) if n]
    cands = [(src, s) for src, s in cands if s and not _is_site_name(s, own)]
    h1s = [h for h in h1s if not _is_site_name(h, own)]
    texts = [s for _, s in cands]
    # a label the statements set apart by a separator ("Opinion | ...")
    labels = {_norm(parts[0]) for _, c in cands if len(parts := _SEPARATORS.split(c, 1)) > 1}
    cands = [(src, _common_affix_strip(s, texts + h1s)) for src, s in cands]
    stated = {_norm(s) for _, s in cands}
    # an <h1> built of a label element ("Opinion", "SNYDE |") and the headline that a
    # stated title gives alone, or sets apart from the label by a separator ("Opinion |
    # ..."): the label is the section, not part of the headline (the headline after the
    # label may be further elements or the label's tail text)
    for el in tree.iter("h1"):
        kids = [c for c in el if isinstance(c.tag, str)]
        if kids and not _norm(el.text or ""):
            label = _norm(kids[0].text_content())
            rest = _after_label(kids)
            if label and len(label.split()) <= 3 and rest and (_norm(rest) in stated or label in labels
                                                               or _norm(rest) in _stated_parts(texts)):
                return rest
    # an <h1> that a stated title agrees with is the headline as displayed (in the
    # statement's letter case when the <h1> is set in capitals)
    for h in h1s:
        if _norm(h) in stated:
            if h.isupper():
                return next((c for _, c in cands if _norm(c) == _norm(h) and not c.isupper()), None) \
                    or _in_stated_case(h, [_clean(v) or "" for _, v in raw])
            return h
    # an <h1> that is a stated title plus a media tag ("[Watch]", "(VIDEO)"): the
    # tag labels the page furniture (a player), the stated title is the headline
    for h in h1s:
        for _, s in cands:
            extra = _h1_extra(h, s)
            if extra is not None and not extra[0] and _MEDIA_TAG.fullmatch(extra[1]):
                return s
            # as printed, the tag before or after the title: Chinese has no spaces to
            # count words by, and sets the tag first as often ("【视频】…", "…（组图）")
            if len(s) >= 4 and h != s and (h.startswith(s) and _MEDIA_TAG.fullmatch(h[len(s):])
                                           or h.endswith(s) and _MEDIA_TAG.fullmatch(h[: -len(s)])):
                return s
    # an <h1> that is a stated title and, in an element closing it, a few words more (a
    # badge "<span>Updated</span>", a footnote mark "<sup>1</sup>", a link to the
    # comments): the element is furniture, the headline is the rest as printed
    for el in tree.iter("h1"):
        printed = _before_closing_element(el)
        if printed and _norm(printed) in stated:
            return printed
    for h in h1s:
        nh = _norm(h)
        if _weight(nh) >= 10 and any(nh in s or s in nh for s in stated if _weight(s) >= 10):
            # prefer the stated form when it is the longer agreement
            return _in_stated_case(h, [_clean(v) or "" for _, v in raw]) if h.isupper() else h
    # one <h1> that no statement agrees with: the statements are social or search
    # variants ("Discover the New ... - PurseBlog"), the h1 is what readers see;
    # unless it is the site's name (a logo in an <h1>) or a short section name
    # ("World News") sharing no word with any statement
    title_only = {src for src, _ in cands} <= {"title-tag"}  # no statement but the <title>
    if (len(h1s) == 1 and not _is_site_fragment(h1s[0], sites) and _headline_like(h1s[0], stated, tree if title_only else None)
            and h1s[0] not in _links_away(tree, url)):
        return h1s[0]
    # several <h1>s (a widget's "Recently in Sports", a newsletter form's "Subscribe to
    # ..."): the one alone sharing a word with a stated title is the headline
    sharing = {h for h in h1s if _shares_word(h, stated)}
    if len(sharing) == 1 and len(set(h1s)) > 1:
        h = sharing.pop()
        if not _is_site_fragment(h, sites) and h not in _links_away(tree, url):
            return h
    if not h1s:  # no <h1> to read: the headline as printed above the story, if one agrees
        shown = _printed_headline(tree, texts, url)
        if shown:
            return shown
    if cands:  # the first statement, unless it is another one cut off
        first = cands[0][1]
        first = next((c for _, c in cands[1:] if _truncation_of(first, c)), first)
        return _displayed_part(first, tree) or _unprinted_affixes(first, sites, tree)
    return h1s[0] if h1s else None


def _in_stated_case(h1: str, titles: list[str]) -> str:
    """An <h1> set in capitals in the letter case of a stated title that holds it
    ("ПУТИН И СИ …" beside "Путин и Си … - ТАСС"), else as printed."""
    if len(h1.casefold()) != len(h1):  # a letter whose case changes its length ("ẞ"): no slice to match
        return h1
    for t in titles:
        at = t.casefold().find(h1.casefold())
        if at >= 0 and not t.isupper() and len(t.casefold()) == len(t):
            return t[at:at + len(h1)]
    return h1


def _stated_parts(titles: list[str]) -> set[str]:
    """The first and last parts of stated titles that carry more than the headline
    ("Headline - Известия", a site name the page names nowhere else): parts of three
    words or more, normalised."""
    out = set()
    for t in titles:
        parts = _SEPARATORS.split(t)
        if len(parts) > 1:
            out |= {n for n in (_norm(parts[0]), _norm(parts[-1])) if len(n.split()) >= 3 or _weight(n) >= 15}
    return out


def _unprinted_affixes(title: str, sites: list[str], tree: HtmlElement) -> str:
    """`title` without a Chinese site's name closing it ("标题_新华网") or a date stamped
    after it ("Headline - РИА Новости, 05.03.2024"), where the page prints neither that
    part nor the whole title (a page that prints it keeps it)."""
    cut = _strip_site(title, sites, by_form=True)
    return title if cut == title or _norm(title) in _body_text(tree) else cut


def _body_text(tree: HtmlElement) -> str:
    """What the page's <body> prints, normalised (`_norm`)."""
    body = tree.find(".//body")
    return _norm(body.text_content()) if body is not None else ""


_COLONS = re.compile(r"(?<=\S):\s+")  # "Headline: Section: Site" (Lenta.ru)


def _displayed_part(title: str, tree: HtmlElement) -> str | None:
    """The headline inside a title that carries more (a site or section name the
    statements do not name, "Headline - РИА Новости, 05.12.2023", "标题-新华网"): its
    first or last part, when the page prints that part and not the whole title."""
    splitter = _SEPARATORS
    parts = splitter.split(title)
    if len(parts) < 2:
        splitter = _COLONS
        parts = splitter.split(title)
    if len(parts) < 2:
        return None
    shown = _body_text(tree)
    if not shown or _norm(title) in shown:
        return None
    for part in (parts[0], parts[-1]):
        n = _norm(part)
        if _weight(n) >= 15 and n in shown:
            # the last part, short beside a headline the page does not print ("Types of
            # saws ... | Popular Science"), is the site's name in its logo: the headline
            # is the rest
            if part is parts[-1] and _section_like(part, parts[0]):
                last = list(splitter.finditer(title))[-1]  # the separator before that part
                return _clean(title[:last.start()]) or None
            return part.strip()
    return None


# ---------------------------------------------------------------- without an <h1>

# elements that hold no headline of this page: links (cards of other stories), menus,
# asides, captions, lists, forms
_NO_HEADLINE = frozenset(("a", "nav", "aside", "footer", "figure", "figcaption", "li", "ul", "ol", "button", "label",
                          "form", "select", "option", "script", "style", "noscript", "template", "svg", "blockquote",
                          "title", "head", "textarea"))
_BLOCK = frozenset(("div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "tr", "td", "th",
                    "section", "article", "header", "footer", "aside", "nav", "main", "figure", "blockquote",
                    "form", "dl", "dt", "dd", "pre", "br"))
_AGREES = 0.5  # word-set agreement (Dice) a printed line needs with a stated title


_CJK_LETTER = re.compile(f"[{_CJK_CHAR}]")


def _words(text: str) -> set[str]:
    """A title's words for comparison: words of three letters or more; in CJK text,
    pairs of characters (it has no spaces)."""
    n = _norm(text)
    cjk = "".join(_CJK_LETTER.findall(n))
    if len(cjk) >= 4:
        return {cjk[i:i + 2] for i in range(len(cjk) - 1)}
    return {w for w in n.split() if len(w) >= 3}


def _agreement(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def _hidden(el: HtmlElement) -> bool:
    return el.get("hidden") is not None or style_hides(el)


def _lines(body: HtmlElement) -> Iterator[HtmlElement]:
    """The page's lines in reading order: the outermost elements holding no block
    (a heading, a paragraph, a <div> of text and inline markup) outside links, menus,
    asides, lists, forms and hidden elements. Two passes over the tree, so a page of
    100,000 nested elements costs no more than a flat one."""
    els = [el for el in body.iter() if isinstance(el.tag, str)]
    holds_block: set[HtmlElement] = set()
    for el in reversed(els):  # children before their parents
        if el in holds_block or el.tag in _BLOCK:
            parent = el.getparent()
            if parent is not None:
                holds_block.add(parent)
    away: set[HtmlElement] = set()
    for el in els:  # parents before their children
        parent = el.getparent()
        if parent in away or el.tag in _NO_HEADLINE or _hidden(el):
            away.add(el)
        elif el not in holds_block and (parent is None or parent in holds_block or parent is body):
            yield el


def printed_headline_line(tree: HtmlElement, title: str | None) -> HtmlElement | None:
    """On a page with no <h1>, the first printed line (`_lines`) that reads the headline
    found (`title`) whole: where the headline sits for the rules that read beside it (the
    day, a byline's "3 hours ago"). None on a page with an <h1>, or when no line reads it."""
    body = tree.find(".//body")
    if body is None or not title or next(tree.iter("h1"), None) is not None:
        return None
    want = _norm(title)
    return next((el for el in _lines(body) if _norm(el.text_content()) == want), None) if want else None


def _printed_headline(tree: HtmlElement, stated: list[str], url: str) -> str | None:
    """On a page with no <h1>, the headline as printed: the line of text above the
    story's first paragraph of prose that agrees best with a stated title (at least
    `_AGREES` of their words in common); the statements are often social or search
    variants of it ("Things to do in Chicago ..." for "12 things to do around
    Chicago: ..."). A line that is part of a stated title (`_fragment_of`), or holds
    one with more around it (a label, a breadcrumb), agrees with the statement, and
    the statement is the headline. A sentence of prose ending in a full stop is the
    lede, not a headline. None when no line agrees."""
    body = tree.find(".//body")
    if body is None or not stated:
        return None
    said = [(_norm(s), _words(s), s) for s in stated]
    best, best_score = None, _AGREES
    for el in _lines(body):
        text = _own_name(el, url)
        if not text:
            continue
        if _is_prose(text) and _weight(text) >= 200:
            break  # the story has begun
        if not 15 <= _weight(text) <= 300 or (_is_prose(text) and text.endswith((".", "。"))):
            continue
        n, words = _norm(text), _words(text)
        for ns, ws, s in said:
            score = _agreement(words, ws)
            if score > best_score:
                best, best_score = (s if n != ns and (ns in n or _fragment_of(text, s)) else text), score
    return best


_WORD = re.compile(r"\w+")


_TRAIL_MARK = re.compile(r"^[\s|/\\>›»·•:~\-–—]+")  # between a breadcrumb's last link and the page's name


def _own_name(line: HtmlElement, url: str) -> str:
    """A line's text; of a trail of links (a breadcrumb, "Home › News › <the page's own
    name>"), the page's own name: the plain text after the links, or the last link when
    it leads to this page. The other links name other pages. A line with text before
    its links is read whole."""
    pieces: list[tuple[str, HtmlElement | None]] = []  # (text, the link it is in), in reading order
    open_: list[HtmlElement] = []  # the elements the walk is inside, outermost first
    links: list[HtmlElement] = []  # the open <a> elements among them

    def close(until: HtmlElement | None) -> None:
        while open_ and open_[-1] is not until:
            done = open_.pop()
            if done.tag == "a":
                links.pop()
            if done is not line:
                pieces.append((done.tail or "", links[-1] if links else None))

    for node in line.iter():  # document order, comments too (their tails are text)
        close(node.getparent() if node is not line else None)
        if isinstance(node.tag, str):
            open_.append(node)
            if node.tag == "a":
                links.append(node)
            pieces.append((node.text or "", links[-1] if links else None))
        elif node is not line:
            pieces.append((node.tail or "", links[-1] if links else None))
    close(None)
    last = max((i for i, (t, link) in enumerate(pieces) if link is not None and _WORD.search(t)), default=None)
    if last is not None and not any(_WORD.search(t) for t, link in pieces[:last] if link is None):
        rest = _clean(_TRAIL_MARK.sub("", "".join(t for t, _ in pieces[last + 1:])))
        if rest and _WORD.search(rest):
            return rest
        link = pieces[last][1]
        if link is not None and links_here(link.get("href") or "", url):
            return _clean(link.text_content()) or ""
    return _clean(line.text_content()) or ""


def _fragment_of(line: str, title: str) -> bool:
    """Whether `line` is words of `title` that run on into more of its words with only a
    space between ("2023 Mazda MX-5 Miata Club" of "... Club Review by ..."): then the
    title says more and the line is a part of it. A line the title sets apart by
    punctuation ("Review: <line>", "<line> | Site", "<line> (2023/12/18)- ...") is the
    headline with a label or a site's name around it."""
    folded = title.casefold()  # positions in the folded title ("ß" folds to two letters)
    words = list(_WORD.finditer(folded))
    want = _WORD.findall(line.casefold())
    k = len(want)
    for j in range(len(words) - k + 1):
        if [m.group() for m in words[j:j + k]] != want:
            continue
        before = j > 0 and not folded[words[j - 1].end():words[j].start()].strip()
        after = j + k < len(words) and not folded[words[j + k - 1].end():words[j + k].start()].strip()
        return before or after
    return False
