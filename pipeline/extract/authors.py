"""Authors: who wrote the article, as names of people (or a wire agency credited by
a page of another outlet), never the site, its desk or its publisher.

Sources, first that yields a name wins: JSON-LD `author` (Person before
Organization), author meta tags, `rel=author` / `itemprop=author` links, then the
byline in the page text ("By X and Y", "Автор:", "Текст:", "记者 X", "（记者 … 报道）",
"（责编：…）"), then trafilatura's byline search, then a link to an author's
archive page ("/author/jane-roe/") outside teasers of other stories, then an element
holding only a name whose next text is a date (a byline with no markup). A byline in
the text that names everyone the statements name and more (statements often carry
the first author only) replaces them; so does one that names only some of them (the
statements also list contributors; the byline readers see names the writers). Every
candidate passes one filter: no site, desk or publisher
names (compared with og:site_name, the publisher, the host), no numeric ids, slugs,
e-mail addresses or URLs, no credentials ("MS", "RDN", "PhD") split off as names.

Credits, decided once: a news agency named beside people ("By Jane Roe, Associated
Press", "with AFP") is their employer, named alone ("By Reuters", a JSON-LD
Organization on another outlet's page) it is the author; what follows " | ", "for", and
in a byline " - ", a date or a job title, is an affiliation or a stamp. A wire's own
closing credits "Reporting by X; Editing by Y" name its desk, not a byline: the
labelled data counts nobody for them. Photo and illustration credits are never authors;
"Photos and story by X" is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from lxml.html import HtmlElement

from ..datetimes import RU_MONTH_WORD, WRITTEN_DATE
from .blocks import headline_article, in_other_article, teaser_card
from .jsonld import PageMeta, load_json, text_of, texts_of, the_article, walk_objects
from .names import (
    AND_THEN_COMMA,
    CYR,
    DESK,
    OPENER,
    ROLE_TAIL,
    SPLIT,
    WIRE_NAMES,
    any_of,
    clean_text,
    is_site,
    name_key,
    split_names,
    without_wires,
)
from .sites import site_names
from .strings import INLINE, NOT_SHOWN

# in-text bylines (one short element of the page, or the text's first/last lines)
_BYLINE_LINE = re.compile(r"^\s*(?:" + OPENER + r")\s*:?\s+(?P<names>[^\n]{2,160})$", re.I)
# a dated byline: "Posted on December 5, 2023 by Jane Roe in News", "Published 05.12.2023
# by Jane Roe" (the date part must read as a date, `_DATE_START`; "in" opens the section)
_DATED_BYLINE = re.compile(
    r"^\W*(?:(?:published|posted)(?:\s+on)?\s*:?\s*)?(?P<date>[^|•·]{6,40}?)\s*[|•·,]?"
    r"\s+by\s+(?P<names>[^\n]{2,80}?)(?:\s+in\s+[^\n]*)?$",
    re.I,
)
# a credit closing a story ("Reporting by The Associated Press.", "Compiled by Jane Roe")
_CREDIT_LINE = re.compile(r"^\W*(?:additional\s+)?(?:reporting|reported|compiled)\s+by\s+(?P<names>[^.;\n]{3,80})", re.I)
# "Reporting by X; Editing by Y": a wire service's own desk credits, not a byline
_DESK_CREDITS = re.compile(r"(?i)\bediting\s+by\b")
# an initial's full stop ("И. Петров") does not end the byline; other full stops do
# in capitals anywhere, in lower case only opening the text ("полный текст:" in a sentence is not one)
# one to four Chinese names; a transliterated name joins its parts with "·" (阿卜杜拉·艾买提)
_ZH_NAMES = r"(?:[\u4e00-\u9fff]{2,4}(?:·[\u4e00-\u9fff]{1,6})?[\s、，]*){1,4}"
_RU_BYLINE = re.compile(
    r"(?:(?:^|\s)(?:Автор[ыа]?|АВТОР[ЫА]?|Текст|ТЕКСТ)|^\s*(?:автор[ыа]?|текст))\s*[:：]\s*"
    r"(?P<names>(?:(?<!\w)[А-ЯЁA-Z]\.|[^\n.;|]){3,120})"
)
_ZH_BYLINE = [
    re.compile(r"[（(]\s*责编\s*[:：]\s*(?P<names>[^）)]{2,40})[）)]"),
    re.compile(r"[【\[]\s*(?:责编|责任编辑)\s*[:：]\s*(?P<names>[^】\]]{2,40})[】\]]"),  # Xinhua's "【责任编辑:X】"
    re.compile(r"[（(]\s*(?:记者|通讯员)\s*(?P<names>[^）)]{2,40}?)\s*(?:报道|摄)?\s*[）)]"),
    # "本报记者 X", "新华社记者 X", "记者：X": an agency or paper ("…社", "…报") may precede
    re.compile(r"(?:^|\s|[】【])(?:本报|[\u4e00-\u9fff]{1,6}[社报台网])?记者\s*[:：]?\s*(?P<names>" + _ZH_NAMES + ")"),
    re.compile(r"(?:^|\s)作者\s*[:：]\s*(?P<names>" + _ZH_NAMES + ")"),
]

def _graph_nodes(tree: HtmlElement) -> dict[str, dict[str, Any]]:
    """JSON-LD objects by their @id: an article's author may be only a reference
    ({"@id": "#/schema/person/1"}) to a Person elsewhere in the @graph."""
    out: dict[str, dict[str, Any]] = {}
    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        for obj in walk_objects(load_json(script.text or "")):
            if isinstance(obj.get("@id"), str):
                out.setdefault(obj["@id"], obj)
    return out


def _jsonld_authors(pm: PageMeta, tree: HtmlElement, url: str = "") -> tuple[list[str], list[str]]:
    """(people, organizations) named as the article's author in JSON-LD."""
    people: list[str] = []
    orgs: list[str] = []
    nodes: dict[str, dict[str, Any]] | None = None

    def visit(v: Any) -> None:
        nonlocal nodes
        if isinstance(v, list):
            for x in v:
                visit(x)
        elif isinstance(v, dict):
            if not v.get("name") and isinstance(v.get("@id"), str):  # a reference: read the node (parsed once, when needed)
                nodes = _graph_nodes(tree) if nodes is None else nodes
                v = nodes.get(v["@id"], v)
            t = v.get("@type")
            types = {str(x).casefold() for x in (t if isinstance(t, list) else [t]) if x}
            # "name" may itself be a list of names (one Person object for several people)
            names = texts_of(v.get("name"))
            if not names and v.get("familyName"):  # {"givenName": "Jane", "familyName": "Roe"}
                names = [" ".join(x for x in (text_of(v.get("givenName")), text_of(v.get("familyName"))) if x)]
            (orgs if types & {"organization", "newsmediaorganization", "corporation"} else people).extend(names)
        elif isinstance(v, str) and v.strip():
            people.append(v)

    for key in ("author", "creator"):
        for obj in the_article(pm, key, url):
            visit(obj[key])
        if people or orgs:
            break
    return people, orgs


_META_KEYS = (
    "author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl", "cxenseparse:author", "og:article:author",
)


def _link_authors(tree: HtmlElement) -> list[str]:
    """Names marked up as the author (rel=author, itemprop=author), not a reader's in a
    comment thread nor another story's: in a card of it, or in a second <article> (the
    next story a page appends as the reader scrolls)."""
    out = []
    main = headline_article(tree)
    for a in tree.iter("a", "span"):
        rel = (a.get("rel") or "").lower().split()
        if ("author" in rel or (a.get("itemprop") or "").lower() == "author") and not _in_comments(a):
            if _in_teaser(a) or in_other_article(a, main):
                continue
            t = clean_text(a.text_content())
            if t:
                out.append(t)
    return out[:6]


# a text node where a byline opens
# (a Latin opener only at the text's start, so `match`; the Cyrillic and Chinese marks
# anywhere, searched only in texts that are not ASCII: one scan of every text node of
# the page with all the alternatives cost more than the rest of find_authors)
_BYLINE_START = re.compile(
    r"\s*(?:(?:by|BY|By|Por|Par|Von)(?:\s|:|$)|(?:Author|Reporter|Writer)s?\s*:"
    r"|(?:Story|Written|Words|Text|Posted|Reported|(?:Story|Words|Text) and (?:[Pp]hotos?|[Pp]ictures)"
    r"|(?:Photos?|Pictures) and (?:[Ss]tory|[Ww]ords|[Tt]ext)) [Bb]y\s)"
    r"|\W*(?:[Rr]eporting|[Rr]eported|[Cc]ompiled) by\s"
    r"|(?:Published|Posted)(?:\s+on)?:?\s+(?=\d|[A-Z][a-z]{2})"  # "Published December 5, 2023 by Jane Roe"
)
_BYLINE_ANYWHERE = re.compile(r"Автор|АВТОР|Текст\s?:|ТЕКСТ\s?:|^\s*(?:автор|текст)|记者|责编|责任编辑|作者")


# the first characters a Latin opener can start with (after white space): a text node
# starting otherwise, most of a page's, needs no match (one per node is most of the cost)
_OPENER_FIRST = frozenset("bBPVARWSTrcC")


def _opens_byline(t: str | None) -> bool:
    if not t:
        return False
    s = t.lstrip()
    if not s:
        return False
    if (s[0] in _OPENER_FIRST or not s[0].isalnum()) and _BYLINE_START.match(t):
        return True
    return not t.isascii() and bool(_BYLINE_ANYWHERE.search(t))


# "<span>By</span><a>Name</a>", "<span>Written by</span> <span>Name</span>": the byline is the parent
LONE_OPENER = re.compile(r"\W*(?:(?:story|written|words|text|reported)\s+)?(?:by|por|par|von)\W*", re.I)
# text for screen readers only ("<span class=screen-reader-text>Social Links for</span>
# Jane Roe"): the byline is what the page shows
_SCREEN_READER = re.compile(r"(?i)(?:^|\s)(?:screen-reader-text|sr-only|visually-?hidden)(?:$|\s)")


def _first_line(el: HtmlElement) -> str:
    """An element's text up to its first <br>, a space between child elements
    ("By <a>Jane Roe</a><span>Senior Reporter</span>" reads as two words apart)."""
    out: list[str] = []

    def walk(n: HtmlElement) -> bool:
        if n.tag == "br":
            return False
        if n.text:
            out.append(n.text)
        for c in n:
            if isinstance(c.tag, str) and c.tag not in NOT_SHOWN and not _SCREEN_READER.search(c.get("class") or "") \
                    and not walk(c):
                return False
            if c.tail:
                out.append(c.tail)
        return True

    walk(el)
    return " ".join(out)


_CARD_LINE = 80  # a byline's line longer than this holds more than names


def _short_texts(tree: HtmlElement, limit: int = 40) -> Iterable[tuple[str, bool, HtmlElement | None]]:
    """Texts (at most 200 characters) of the body's elements where a byline opens, page
    order, each with whether it is the byline's own element (False: the parent of a lone
    "By", which may hold one name of several). One pass over the text nodes: an XPath
    over all of them costs more."""
    body = tree.find(".//body")
    seen: set[HtmlElement] = set()
    for el in (body if body is not None else tree).iter():
        tag = el.tag
        if not isinstance(tag, str) or tag in NOT_SHOWN:
            continue
        owner = el if _opens_byline(el.text) else None
        if owner is None and _opens_byline(el.tail):
            owner = el.getparent()
        if owner is None:
            continue
        t = _first_line(owner)
        whole = True
        if LONE_OPENER.fullmatch(t) and owner.getparent() is not None:
            opener, owner, whole = owner, owner.getparent(), False
            t = _first_line(owner)
            if len(clean_text(t)) > _CARD_LINE:
                # the names' wrapper also holds a pop-over card about the writer ("Jane
                # Roe has been a writer at ... since 2023"): the link after "By" is the name
                link = next((x for sib in opener.itersiblings() if isinstance(sib.tag, str)
                             for x in sib.iter("a") if clean_text(x.text_content())), None)
                if link is not None:
                    t = f"{clean_text(opener.text_content())} {clean_text(link.text_content())}"
            # one name's wrapper inside the byline's ("By <a>A</a>" and "<a>B</a>"):
            # the wrapper whose line goes on with the other names is the byline
            up = owner.getparent()
            if up is not None and up.tag not in ("body", "html"):
                one, wider = clean_text(t), clean_text(_first_line(up))
                if len(wider) <= 80 and wider.startswith(one) and SPLIT.match(wider[len(one):]):
                    owner, whole, t = up, True, wider
        if owner in seen:
            continue
        seen.add(owner)
        # readers' names; a menu ("Por La Cultura"), as a <nav> or as a list of links
        if _in_comments(owner) or _within(owner, lambda n: n.tag == "nav") or _menu_item(owner):
            continue
        if owner.tag in _INLINE and _in_prose(owner):  # "drones made <a>by Terminal Autonomy</a>; the makers ..."
            continue
        t = clean_text(t)  # indentation is not length
        if 3 <= len(t) <= 200:
            yield t, whole, owner
        if len(seen) >= limit:
            return


_INLINE = frozenset({"a", "span", "em", "i", "b", "strong"})


def _menu_item(el: HtmlElement) -> bool:
    """Whether an element is an item of a menu, whatever the tags around it: inside an
    <li> that is wholly one link, in a list of three or more such items."""
    li = el if el.tag == "li" else next(el.iterancestors("li"), None)
    if li is None or not _wholly_a_link(li):
        return False
    parent = li.getparent()
    return parent is not None and sum(1 for x in parent if x.tag == "li" and _wholly_a_link(x)) >= 3


def _wholly_a_link(item: HtmlElement) -> bool:
    links = list(item.iter("a"))
    return len(links) == 1 and bool(links[0].get("href")) and clean_text(links[0].text_content()) == clean_text(item.text_content())


def text_bylines(tree: HtmlElement, text: str | None) -> list[tuple[str, bool]]:
    """Raw byline statements written in the page ("By X and Y", "Автор: X", "（责编：X、Y）"),
    each with whether it is whole (see `_short_texts`)."""
    return [(raw, whole) for raw, whole, _ in _placed_bylines(tree, text)]


def _placed_bylines(tree: HtmlElement, text: str | None) -> list[tuple[str, bool, HtmlElement | None]]:
    """`text_bylines`, each with the element it was read from (None: a line of `text`)."""
    out: list[tuple[str, bool, HtmlElement | None]] = []
    lines = (text or "").split("\n")
    # the text's first lines, the page's byline elements, then the text's last lines (a
    # credit closing the story; cards of other stories the text runs on into close it too)
    head: list[tuple[str, bool, HtmlElement | None]] = [(t, True, None) for t in lines[:3]]
    tail: list[tuple[str, bool, HtmlElement | None]] = [(t, True, None) for t in lines[3:][-3:]]
    for t, whole, owner in [*head, *_short_texts(tree), *tail]:
        n = len(out)
        m = _BYLINE_LINE.match(t)
        if m and len(t) <= 120:
            out.append((m.group("names"), whole, owner))
        m = _CREDIT_LINE.match(t)
        if m and len(t) <= 120 and not _DESK_CREDITS.search(t):
            out.append((m.group("names"), whole, owner))
        m = _DATED_BYLINE.match(t) if len(out) == n and len(t) <= 120 else None
        if m and _DATE_START.match(m.group("date")):
            out.append((m.group("names"), whole, owner))
        m = _RU_BYLINE.search(t)
        if m:
            out.append((m.group("names"), whole, owner))
        for rx in _ZH_BYLINE:
            for m in rx.finditer(t):
                out.append((m.group("names"), whole, owner))
        if len(out) > n and owner is not None and (_in_teaser(owner) or _in_other_block(owner)):  # another story's writer
            del out[n:]
        if len(out) >= 6:
            break
    return out


def _words(names: list[str]) -> set[str]:
    return {name_key(w) for n in names for w in n.split()} - {""}


def _side_by_side(owner: HtmlElement, raw: str, placed: list[tuple[str, bool, HtmlElement | None]]) -> list[str]:
    """The bylines of co-authors set beside the first one, each in its own block (a
    picture, "By A", the date; then the same for B): bylines inside the siblings of the
    byline's block or of one of its two wrappers, of the same tag and class, that show
    the same date (another story's card shows its own)."""
    def dates(r: str) -> list[str]:
        return sorted(m.group(0) for m in WRITTEN_DATE.finditer(r))

    same_day = [(r, o) for r, whole, o in placed if whole and o is not None and o is not owner and dates(r) == dates(raw)]
    node = owner
    for _ in range(3):
        parent = node.getparent()
        if not same_day or parent is None or parent.tag in ("body", "html"):
            break
        peers = [x for x in parent if x is not node and x.tag == node.tag and x.get("class") == node.get("class")]
        got = [r for r, o in same_day if any(o is x or x in o.iterancestors() for x in peers)]
        if got:
            return got
        node = parent
    return []


def byline_line_names(line: str) -> list[str]:
    """The names a line of text credits when it is a byline ("By Jane Roe"), else none."""
    m = _BYLINE_LINE.match(line)
    return split_names(m.group("names"), []) if m else []


def byline_names(tree: HtmlElement, pm: PageMeta, url: str) -> list[str]:
    """The names a byline element of the page gives ("By Jane Roe"), of two words or
    more: the cleanup knows the author's bio by them when no statement names the author."""
    sites = site_names(pm, url)
    for raw, whole in text_bylines(tree, None):
        if whole:
            names = [n for n in split_names(raw, sites, strict=True) if len(n.split()) > 1]
            if names:
                return names
    return []


def find_authors(tree: HtmlElement, pm: PageMeta, url: str, text: str | None = None, *, extra_sites: Iterable[str] = ()) -> list[str]:
    """The article's authors, in page order, each once."""
    sites = site_names(pm, url, extra_sites)
    people, orgs = _jsonld_authors(pm, tree, url)
    stated: list[str] = []
    for raw in people:
        stated += split_names(raw, sites)
    if not stated:
        for raw in pm.all(*_META_KEYS):
            if not raw.startswith(("http://", "https://", "www.")):
                stated += split_names(raw, sites)
    marked = not stated  # the names, if any, come from rel=author / itemprop markup only
    if not stated:
        for raw in _link_authors(tree):
            stated += split_names(raw, sites)
    byline: list[str] = []
    whole_byline = False
    # a byline element of its own first; the parent of a lone "By" only when nothing
    # else names anyone (it may hold one name of several)
    placed = _placed_bylines(tree, text)
    for raw, whole, owner in [p for p in placed if p[1]] + ([p for p in placed if not p[1]] if not stated else []):
        names = split_names(raw, sites, strict=True)
        if names:
            byline, whole_byline = names, whole
            if not stated and owner is not None:
                # co-authors credited side by side, each in a block of their own
                for other in _side_by_side(owner, raw, placed):
                    byline += split_names(other, sites, strict=True)
                byline = _unique(byline)
            break
    keys = {name_key(n) for n in stated}
    if byline and stated and {name_key(n) for n in byline} < keys:
        # several byline blocks ("By A <date>", "By B <date>") may each name one of the
        # stated authors: the ones they name together are the byline
        for raw in [r for r, whole, _ in placed if whole]:
            names = split_names(raw, sites, strict=True)
            if names and {name_key(n) for n in names} <= keys:
                byline += names
        byline = _unique(byline)
    if byline and marked and stated and whole_byline and not _words(stated) & _words(byline):
        # "By A" and, marked up as authors, "Contributions from B, C" or a reader's name in
        # the comments: the byline's writer (a byline sharing a word with them is the same
        # people written otherwise, "Sean Martin Sean Martin")
        stated = byline
    if byline and (not stated or keys < {name_key(n) for n in byline} or {name_key(n) for n in byline} < keys):
        stated = byline
    if not stated:
        for raw in orgs:  # a wire agency credited by another outlet's page
            stated += split_names(raw, sites)
    if not stated:
        stated = _trafilatura_byline(tree, sites)
    if not stated:
        stated = _archive_link_author(tree, sites)
    if not stated:
        stated = _name_beside_date(tree, sites)
    if not stated:
        stated = _script_authors(tree, sites)
    if not stated:
        # a wire's marks on the wire's own site name the publisher, no author
        stated = [w for w in _wire_credit(text) if not is_site(w, sites)]
    return _unique(without_wires(stated))


# an author variable in the page's analytics and ad-targeting scripts (a data layer,
# "authors": ["Jane Roe"], "byline": "Jane Roe", "writer": "Jane Roe", "author": {"name": ...})
_SCRIPT_AUTHOR = re.compile(
    # (a first letter in a class, not an alternation under re.I: scripts run to megabytes)
    r"""(?<!\w)[aAbBwW](?i:uthors?|yline|riter|uthor_?name)["']?\s*[:=]\s*"""
    r"""(?P<value>"(?:[^"\\\n]|\\.){2,120}"|'[^'\n]{2,120}'|\[[^\[\]]{2,400}\]|\{[^{}]{2,600}\})""",
)
# keys of an image's record around a credit: its photographer, not the story's writer
_IMAGE_KEYS = re.compile(r"""["'](?:caption|height|width|image_type|alt_?text|photographer)["']\s*:""", re.I)
_QUOTED = re.compile(r""""((?:[^"\\]|\\.)*)"|'([^']*)'""")
_NAME_KEY = re.compile(r"""["']?name["']?\s*:\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)')""")


def _script_values(value: str) -> list[str]:
    """The names in one author value: a string, a list of strings, or objects' "name"s."""
    named = _NAME_KEY.findall(value)
    if named:
        return [a or b for a, b in named]
    if value.startswith("{"):
        return []
    return [a or b for a, b in _QUOTED.findall(value)]


def _script_authors(tree: HtmlElement, sites: list[str]) -> list[str]:
    """The authors the page's own scripts name (its analytics data layer, its ad
    targeting), when nothing in the markup names one and every such variable names
    the same people: a page whose scripts hold a list of other stories names many. A
    credit in an image's record (beside its caption or size) is the photographer's."""
    found: set[frozenset[str]] = set()
    names: list[str] = []
    for script in tree.iter("script"):
        if script.get("src") or "ld+json" in (script.get("type") or "").lower():  # JSON-LD is read as such
            continue
        code = script.text or ""
        for m in _SCRIPT_AUTHOR.finditer(code):
            if _IMAGE_KEYS.search(code, max(m.start() - 300, 0), m.end() + 300):
                continue
            got = [n for raw in _script_values(m.group("value")) for n in split_names(raw.replace("\\/", "/"), sites, strict=True)]
            if got:
                found.add(frozenset(name_key(n) for n in got))
                names = names or got
            if len(found) > 1:
                return []
    return names


# a wire's own marks in a story it filed: the dateline "PARIS (AFP) —" opening it, a
# closing "— The Associated Press"
_WIRE_ALT = any_of(WIRE_NAMES)
_WIRE_DATELINE = re.compile(
    r"^(?P<place>[A-ZА-ЯЁ][A-ZА-ЯЁ .,'’/-]{1,60}?)(?:,\s*[A-Za-z]{3,9}\.?\s+\d{1,2})?\s*"  # "BEIJING, Dec. 1"
    r"\((?P<wire>" + _WIRE_ALT + r")\)\s*[—–-]", re.I)
_WIRE_CLOSING = re.compile(r"^[—–-]\s*(?P<wire>(?:the\s+)?(?:" + _WIRE_ALT + r"))\.?$", re.I)


def _wire_credit(text: str | None) -> list[str]:
    """The wire agency a story credits by its own marks, when nothing names an author:
    its dateline ("WASHINGTON (AP) —") or a closing "— The Associated Press"."""
    lines = [ln.strip() for ln in (text or "").split("\n") if ln.strip()]
    for line in lines[:2]:
        m = _WIRE_DATELINE.match(line)
        if m and m.group("place").split(",")[0].isupper():  # the dateline's city in capitals ("HAYWARD, Calif.")
            wire = m.group("wire")
            return ["Associated Press" if wire.upper() == "AP" else wire]  # as its bylines spell it
    for line in lines[-2:]:
        m = _WIRE_CLOSING.match(line)
        if m:
            return [m.group("wire")]
    return []


_DATE_START = re.compile(
    r"^\W*(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(?:19|20)\d\d"
    r"|(?:19|20)\d\d-\d\d-\d\d"
    # "5 декабря 2023", "05.12.2023", "2023年12月5日"
    r"|\d{1,2}\s+" + RU_MONTH_WORD + r"\s+(?:19|20)\d\d|\d{1,2}\.\d{1,2}\.(?:19|20)\d\d|(?:19|20)\d\d\s*年"
    # "12/22/2023", "12/22/23"; the age of a fresh story ("2 months", "3 hours ago", "5 часов назад", "3小时前")
    # or its reading time ("2 min read"), which templates print beside the byline too
    r"|\d{1,2}/\d{1,2}/(?:(?:19|20)\d\d|\d\d)(?!\d)"
    r"|\d{1,2}\s+(?:min(?:ute)?s?|hours?|hrs?|days?|weeks?|months?)\b(?:\s+(?:ago|read)\b)?"
    r"|\d{1,2}\s+(?:минут\w*|час\w*|дн\w*|недел\w*|месяц\w*)\s+назад|\d{1,2}\s*(?:分钟|小时|天|周)前)",
    re.I,
)


_NAME_SHAPE = re.compile(r"^\s*[^\W\d_][^\s\d]*(?:\s+[^\s\d]+){1,3}\s*$")  # two to four words, no digits: a cheap first test


def _name_beside_date(tree: HtmlElement, sites: list[str]) -> list[str]:
    """A byline with no markup or words of its own: an element holding only a
    person's name, whose next text on the page is a date ("Jane Roe" | "Dec 05, 2023"),
    outside navigation, comments and teasers of other stories. Themes may place it
    after the story's text in the markup, so page order does not bound the search."""
    body = tree.find(".//body")
    for el in (body if body is not None else tree).iter():
        if not isinstance(el.tag, str) or el.tag in NOT_SHOWN or el.tag == "h1":  # the headline ("Joe Biden") is no byline
            continue
        if len(el) or not el.text:
            continue
        one = 4 <= len(el.text.strip()) <= 40 and _NAME_SHAPE.match(el.text)
        if not one and not _NAMES_SHAPE.match(el.text):
            continue
        if not _date_follows(el):
            continue
        if any(x.tag in ("h1", "h2") for x in el.iterancestors()):  # a part of a headline, set in spans
            continue
        names = split_names(el.text, sites, strict=True)
        if len(names) == 1:
            if not one or not _only_name(el.text, names[0]):
                continue
        elif len(names) < 2 or not _names_only(el.text, names) or _story_link(el):
            continue
        if not _in_teaser(el) and not _away(el):
            return names
    return []


# several writers, maybe with the outlet they write for ("Jane Roe and John Doe, Financial
# Times"): a cheap first test, no digits, a separator between names
_NAMES_SHAPE = re.compile(r"^(?=[^\d]{9,80}$)\s*[^\W\d_][^,&]*?(?:,|&|\band\b)", re.I)


def _story_link(el: HtmlElement) -> bool:
    """Whether an element is (in) a link to a page that is no writer's archive: a list of
    other stories prints each headline, then its date."""
    a = el if el.tag == "a" else next(el.iterancestors("a"), None)
    return a is not None and not _ARCHIVE_PATH.search(a.get("href") or "")


def _names_only(text: str, names: list[str]) -> bool:
    """Whether a text is the names, their separators and at most a closing ", Outlet"
    ("Jane Roe and John Doe, Financial Times"): no words of a sentence or a tag list."""
    m = AND_THEN_COMMA.match(clean_text(text))
    rest = clean_text(m.group("names") if m else text).casefold()
    for n in names:
        rest = rest.replace(clean_text(n).casefold(), " ", 1)
    return not set(re.split(r"[\s,&]+", rest)) - {"", "and"}


_ROLE_AFTER = re.compile(r"^\s*(?:[,|•·–—-]\s*)?(?P<role>.+)$")


def _only_name(text: str, name: str) -> bool:
    """Whether an element's text is the name alone, or the name and the writer's job
    ("Jane Roe, Staff Writer", "Jane Roe | Reporter")."""
    if name_key(name) == name_key(text):
        return True
    if not name_key(text).startswith(name_key(name)):
        return False
    words = len(name.split())
    m = _ROLE_AFTER.match(" ".join(clean_text(text).split()[words:]))
    return bool(m and _is_job(m.group("role")))


def _is_job(text: str) -> bool:
    """Whether a text is a writer's job or desk ("Staff Writer", "Senior reporter")."""
    return bool(DESK.search(text) or ROLE_TAIL.match(" " + text))


# a date's label ("Published: 22 Dec 2023", "Updated on Dec 5, 2023", "Опубликовано: ...")
_DATE_LABEL = re.compile(
    r"^\s*(?:published|updated|posted|опубликовано|обновлено|发布时间|发布于|更新时间)(?:\s+on\b)?\s*[:：]?\s*", re.I
)
# what a template prints between the writer's name and the date: the writer's handle,
# job or desk, a separator
_BETWEEN = re.compile(r"^\s*(?:@\S+|[|•·–—-])\s*$")
# a job the desk words do not name ("NASA Human Spaceflight Historian", "Chief Film Critic")
_JOB_END = re.compile(r"(?i)\b(?:analyst|historian|critic|photographer|anchor|author)s?(?:\s+[IVX]{1,4})?\s*$")


def _date_follows(el: HtmlElement) -> bool:
    """Whether the next text after `el` is a date, maybe labelled ("Published: ..."),
    or is after at most two texts of the writer's handle, job or a separator
    ("Jane Roe" | "@janeroe" | "Staff Writer" | "Dec 5, 2023")."""
    for i, t in enumerate(_following_texts(el)):
        if _DATE_START.match(_DATE_LABEL.sub("", t, count=1)):
            return True
        t = clean_text(t)
        if i == 2 or len(t) > 60 or not (_BETWEEN.match(t) or _is_job(t) or _JOB_END.search(t)):
            return False
    return False


def _following_texts(el: HtmlElement) -> Iterable[str]:
    """The non-blank texts after `el` in page order, read lazily (an XPath following::
    axis costs a scan of the rest of the page for each name-like element)."""
    node: HtmlElement | None = el
    while node is not None and node.tag not in ("body", "html"):
        if node.tail and node.tail.strip():
            yield node.tail
        for sib in node.itersiblings():
            if isinstance(sib.tag, str) and sib.tag not in NOT_SHOWN:
                for t in sib.itertext():
                    if t.strip():
                        yield t
            if sib.tail and sib.tail.strip():
                yield sib.tail
        node = node.getparent()


# "/author/jane-roe/", and with a numeric id or short index keys first
# ("/staff/8378342001/jane-roe/", "/authors/j/jr-ja/jane-roe/")
_ARCHIVE_PATH = re.compile(
    r"/(?:authors?|writers?|editors?|contributors?|journalists?|reporters?|columnists?|profile|people|person|staff|by)/"
    r"(?:\d+/|[a-z]{1,3}(?:-[a-z]{1,3})?/){0,2}(?P<slug>[^/?#]+)/?(?:[?#]|$)",
    re.I,
)
_AWAY = re.compile(r"(?i)related|comment|sidebar|recommend|promo|footer|menu|nav")


def _within(el: HtmlElement, test: Callable[[HtmlElement], bool]) -> bool:
    """Whether the element or one of its ancestors below <body> passes `test` (the
    body's own class names the theme, not a block)."""
    node: HtmlElement | None = el
    while node is not None and node.tag not in ("body", "html"):
        if test(node):
            return True
        node = node.getparent()
    return False


def _away(el: HtmlElement) -> bool:
    """Whether an element sits in navigation, a footer, an aside, comments or a list of
    related stories. A block named so that holds the page's <h1> is the article's
    wrapper ("single is-sidebar-right": a layout with a sidebar), not such a block."""
    return _within(el, lambda n: n.tag in ("nav", "footer", "aside")
                   or _AWAY.search(f"{n.get('class', '')} {n.get('id', '')}") is not None and n.find(".//h1") is None)


# a comment thread's own class or id tokens (not "comment-count" beside a byline)
_COMMENTS = re.compile(r"(?i)^(?:comments?|commentlist|comments?-(?:list|area|section|thread|body|content)|disqus_thread)$")


def _in_comments(el: HtmlElement) -> bool:
    """Whether an element sits in a comment thread ("Posted by" a reader). Lists of
    related stories are not skipped here: on a page with no byline of its own their
    credits are rare, and a rule skipping them lost a dev page whose label names one."""
    return _within(el, lambda n: any(_COMMENTS.match(t) for t in f"{n.get('class', '')} {n.get('id', '')}".split()))


def _in_teaser(a: HtmlElement, size: int = 1500, levels: int = 99) -> bool:
    """Whether a link sits in a teaser of another story: a small block (under `size`
    characters, at most `levels` up) that also holds a heading linking elsewhere (lists
    of stories credit their own writers; the article itself is a larger block). A heading
    linking to a writer's archive is the byline's own author card, not a story, and so
    is a heading the element sits in."""
    node = a.getparent()
    while node is not None and node.tag not in ("body", "html") and levels > 0:
        levels -= 1
        if len(node.text_content()) >= size:
            return False
        for h in node.iter("h2", "h3", "h4"):
            if h in a.iterancestors():  # the byline's own heading ("<h3 class=byline>")
                continue
            if any(not _ARCHIVE_PATH.search(link.get("href") or "") for link in h.iter("a")):
                return True
        if node.tag == "li" and any(_headline_link(x) for x in node.iter("a") if x is not a):
            return True  # an item of a list of stories, its headline a plain link
        node = node.getparent()
    return False


def _headline_link(link: HtmlElement) -> bool:
    """A link whose text reads as a story's headline: five words or more, to a page
    that is no writer's archive."""
    return len(link.text_content().split()) >= 5 and not _ARCHIVE_PATH.search(link.get("href") or "")


def _in_other_block(el: HtmlElement) -> bool:
    """Whether an element sits in an <aside> or a <footer> of the page or of a card of
    another story; an article's own <footer> ("Posted by ...") is its byline's place."""
    for x in (el, *el.iterancestors()):
        if x.tag == "aside":
            return True
        if x.tag == "footer":
            art = next((a for a in x.iterancestors() if a.tag == "article"), None)
            return art is None or teaser_card(art)
    return False


def _line_around(el: HtmlElement) -> str:
    """The line of text `el` sits in outside any <p>: its inline ancestors' run between
    the <br>s and blocks around it (a story printed in <div>s and <br> lines)."""
    top = el
    while (parent := top.getparent()) is not None and isinstance(parent.tag, str) and parent.tag in INLINE:
        top = parent
    parent = top.getparent()
    if parent is None:
        return top.text_content()
    kids = list(parent)
    at = kids.index(top)
    start = at
    while start > 0 and isinstance(kids[start - 1].tag, str) and kids[start - 1].tag in INLINE:
        start -= 1
    end = at
    while end + 1 < len(kids) and isinstance(kids[end + 1].tag, str) and kids[end + 1].tag in INLINE:
        end += 1
    head = kids[start - 1].tail if start > 0 else parent.text
    parts = [head or ""]
    for k in kids[start : end + 1]:
        parts += [k.text_content(), k.tail or ""]
    return " ".join(parts)


def _in_prose(a: HtmlElement) -> bool:
    """Whether a link is a mention in running text: its paragraph says much more than
    the link ("US President <a href=/topics/people/donald-trump>Donald Trump</a> has been
    eager to ..."), or is a sentence of six words or more besides it ("Wanna know what
    <a href=/people/larry-merchant/>Larry Merchant</a> WON'T be doing?"); a byline is
    little more than its names."""
    block = a.getparent()
    while block is not None and block.tag not in ("p", "li", "blockquote", "td", "dd"):
        block = block.getparent()
    if block is None:
        # no paragraph: the line it sits in, which running text ends as a sentence (a
        # byline line with its e-mail addresses and desk is long but ends no sentence)
        text = " ".join(_line_around(a).split())
        if text[-1:] not in ".?!":
            return False
    else:
        text = " ".join(block.text_content().split())
    link = " ".join(a.text_content().split())
    if len(text) >= 120 and len(link) < 0.25 * len(text):
        return True
    rest = len(text.split()) - len(link.split())
    return rest >= 6 and text[-1:] in ".?!" and not _opens_byline(text)


def _archive_link_author(tree: HtmlElement, sites: list[str]) -> list[str]:
    """The name on the first link to an author's archive page ("/author/kaitlin/"),
    when the link's text is a name that shares a word with the archive's slug; a
    page whose byline carries no markup names its writer only this way."""
    for a in _below_headline_first(tree.iter("a", "h1")):
        m = _ARCHIVE_PATH.search(a.get("href") or "")
        if not m:
            continue
        if _away(a) or _in_teaser(a) or _in_prose(a) or _among_many_people(a):
            continue
        slug = {w for w in re.split(r"[-_.+]+", m.group("slug").casefold()) if len(w) >= 3}
        for text in _link_name_texts(a):
            names = split_names(text, sites, strict=True)
            if len(names) == 1 and any(_in_slug(w, slug) for w in names[0].split()):
                return names
    return []


def _below_headline_first(elements: Iterable[HtmlElement]) -> list[HtmlElement]:
    """The links in page order, those after the first <h1> before those above it: a
    byline sits with the headline, the site's menus (a columnist's link among them)
    above it."""
    above: list[HtmlElement] = []
    below: list[HtmlElement] = []
    seen_h1 = False
    for el in elements:
        if el.tag == "h1":
            seen_h1 = True
        else:
            (below if seen_h1 else above).append(el)
    return below + above


def _link_name_texts(a: HtmlElement) -> Iterable[str]:
    """Where a link to an archive page may carry the name: its text; its own text,
    without what its children add (a screen-reader label, "archive page"); the alt of
    its only image (the writer's picture). The archive's slug must spell the name."""
    full = a.text_content()
    yield full
    own = "".join([a.text or "", *(c.tail or "" for c in a)])
    if own.strip() and own.strip() != full.strip():
        yield own
    imgs = list(a.iter("img"))
    if len(imgs) == 1 and imgs[0].get("alt"):
        yield imgs[0].get("alt") or ""


def _among_many_people(a: HtmlElement, levels: int = 3) -> bool:
    """Whether a link sits in a list of people (a tag cloud of the people a story is
    about, a staff page): a block a few levels up linking to four or more archive pages."""
    node = a.getparent()
    while node is not None and levels > 0 and node.tag not in ("body", "html"):
        if len({x.get("href") for x in node.iter("a") if _ARCHIVE_PATH.search(x.get("href") or "")}) >= 4:
            return True
        node, levels = node.getparent(), levels - 1
    return False


# Russian letters in Latin, as archive slugs spell them ("/authors/ivan-petrov/")
_TRANSLIT = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i", "й": "y",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
    "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
})


def _in_slug(word: str, slug: set[str]) -> bool:
    """Whether a word of a name is a word of an archive's slug, or (four letters or
    more) a part of a slug that runs the name together ("chrisprice"); a Cyrillic name
    in its Latin spelling, which varies ("kh"/"h", "yu"/"iu"), so on its first four
    letters."""
    key = name_key(word)
    if key in slug:
        return True
    if len(key) >= 4 and any(len(w) > len(key) and key in w for w in slug):  # "/author/chrisprice/"
        return True
    if not CYR.search(word):
        return False
    latin = key.translate(_TRANSLIT)
    return len(latin) >= 4 and any(w[:4] == latin[:4] for w in slug)


# trafilatura's byline search (metadata.extract_author: three tiers of author XPaths,
# comment threads, sidebars, figures and timestamps discarded) in one pass over the
# page: its EXSLT-regex XPaths cost more than the rest of the extraction
_TIER1_TAGS = frozenset({"a", "address", "div", "link", "p", "span", "strong"})
_TIER2_TAGS = frozenset({"a", "div", "h3", "h4", "p", "span"})
_T1_CLASS = re.compile(r"author-?name|AuthorName|authorName")
_T2_ID = re.compile(r"author|zuozhe|bianji|xiaobian")
_T2_CLASS = re.compile(r"author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name")
_T3_ID = re.compile(r"[Aa]uthor")
_T3_CLASS = re.compile(r"[Aa]uthor|screenname|writer|[Bb]yline")
_DISCARD_ID = re.compile(r"^comments|comment-?list|ProductReviews")
_DISCARD_CLASS = re.compile(
    r"^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|article-(?:share|support)|print|category|meta-date|meta-reviewer"
)


def _byline_tier(el: HtmlElement) -> int:
    tag, cls, id_ = el.tag, el.get("class") or "", el.get("id") or ""
    prop, rel = el.get("itemprop") or "", el.get("rel") or ""
    if tag == "author" or tag in _TIER1_TAGS and (
        rel == "author" or id_ == "author" or cls == "author" or prop == "author name"
        or el.get("data-testid") in ("AuthorCard", "AuthorURL") or _T1_CLASS.search(cls)
    ):
        return 1
    if tag in _TIER2_TAGS and (
        cls in ("byline", "username", "byl", "BBL") or "author" in prop or _T2_ID.search(id_) or _T2_CLASS.search(cls)
    ):
        return 2
    if "Byline" in (el.get("data-component") or "") or "author" in prop or _T3_ID.search(id_) or _T3_CLASS.search(cls):
        return 3
    return 0


def _discarded(el: HtmlElement) -> bool:
    node: HtmlElement | None = el
    while node is not None:
        tag = node.tag
        if tag in ("time", "figure"):
            return True
        if tag in ("a", "div", "section", "span"):
            cls, id_ = node.get("class") or "", node.get("id") or ""
            if id_ == "comments" or cls in ("comments", "title", "date") or _DISCARD_ID.search(id_) or _DISCARD_CLASS.search(cls):
                return True
            if "Figure" in (node.get("data-component") or ""):
                return True
        node = node.getparent()
    return False


def _trafilatura_byline(tree: HtmlElement, sites: list[str]) -> list[str]:
    try:
        from trafilatura.metadata import normalize_authors
    except ImportError:
        return []
    tiers: dict[int, list[HtmlElement]] = {1: [], 2: [], 3: []}
    for el in tree.iter():
        if isinstance(el.tag, str):
            t = _byline_tier(el)
            if t:
                tiers[t].append(el)
    found = None
    main = headline_article(tree)
    for t in (1, 2, 3):
        for el in tiers[t]:
            if _discarded(el) or _in_teaser(el) or in_other_article(el, main):  # another story's writer
                continue
            content = " ".join(" ".join(el.itertext()).split())
            if 2 < len(content) < 120:
                found = normalize_authors(None, content)
                break
        if found:
            break
    out: list[str] = []
    for raw in (found or "").split(";"):
        out += split_names(raw, sites, strict=True)
    return out


def _unique(names: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for n in names:
        if name_key(n) not in seen:
            seen.add(name_key(n))
            out.append(n)
    return out
