"""Bylines written in the page: one short element of the page or the text's first and
last lines that opens with "By", "Автор:", "记者" and the like, read in page order
(`text_bylines`), and co-authors credited side by side."""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml.html import HtmlElement

from ...datetimes import WRITTEN_DATE
from ..jsonld import PageMeta
from ..names import (
    OPENER,
    RU_CREDIT_VERBS,
    RU_CREDITED,
    SPLIT,
    WIRE_NAMES,
    WRITINGS,
    ZH_NAME_ROLES,
    any_of,
    clean_text,
    name_key,
    split_names,
)
from ..sites import site_names
from ..strings import INLINE, NOT_SHOWN, SCREEN_READER
from .beside_date import DATE_START
from .placement import beside_picture, in_comments, in_other_block, in_teaser, menu_item, within

# in-text bylines (one short element of the page, or the text's first/last lines)
_BYLINE_LINE = re.compile(r"^\s*(?:" + OPENER + r")\s*:?\s+(?P<names>[^\n]{2,160})$", re.I)
# a dated byline: "Posted on December 5, 2023 by Jane Roe in News", "Published 05.12.2023
# by Jane Roe" (the date part must read as a date, `DATE_START`; "in" opens the section)
_DATED_BYLINE = re.compile(
    r"^\W*(?:(?:published|posted)(?:\s+on)?\s*:?\s*)?(?P<date>[^|•·]{6,40}?)\s*[|•·,]?"
    r"\s+by\s+(?P<names>[^\n]{2,80}?)(?:\s+in\s+[^\n]*)?$",
    re.I,
)
# a byline run into the dateline in one paragraph ("By Jane Roe and John Doe WASHINGTON —
# The Senate ..."): capitalised names, then a dateline in capitals (a state or agency may
# follow) and a dash; the names stop where the capitals start
_DATELINED_BYLINE = re.compile(
    r"^\s*(?i:" + OPENER + r")\s+(?P<names>(?:(?:[A-Z][a-z][\w.'’-]*|[A-Z]\.|and|&)[ ,]+){2,12}?)"
    r"[A-Z]{2,}(?:[ .'’-]+[A-Z]{2,})*(?:,\s*[A-Z][a-z]+\.?)?\s*(?:\([A-Za-z]+\)\s*)?[—–-]+\s"
)
# a line of the text that is names and their agency, no "By" ("Jane Roe, Reuters", "—
# Jane Roe and John Doe, The Associated Press", "Иван Петров, РИА Новости"): a wire
# story's credit as its first or closing line, unless the page prints it in an image's
# block (the USA Today network credits a photographer so). Capitalised words only
_CAPITALISED_NAME = r"(?:[A-ZА-ЯЁ][a-zа-яё'’-]+|[A-ZА-ЯЁ]\.)(?:\s+(?:[A-ZА-ЯЁ][a-zа-яё'’-]+|[A-ZА-ЯЁ]\.)){1,2}"
_WIRE_CREDITED = re.compile(
    r"^[\s—–-]*(?P<names>" + _CAPITALISED_NAME + r"(?:\s*(?:,|\band\b|&|\bи\b)\s*" + _CAPITALISED_NAME + r"){0,2}),"
    r"\s*(?i:the\s+)?(?i:" + any_of(WIRE_NAMES) + r")\.?\s*$"
)
# a credit closing a story ("Reporting by The Associated Press.", "Compiled by Jane Roe")
_CREDIT_LINE = re.compile(r"^\W*(?:additional\s+)?(?:reporting|reported|compiled)\s+by\s+(?P<names>[^.;\n]{3,80})", re.I)
# "Reporting by X; Editing by Y": a wire service's own desk credits, not a byline
_DESK_CREDITS = re.compile(r"(?i)\bediting\s+by\b")
# an initial's full stop ("И. Петров") does not end the byline; other full stops do
# in capitals anywhere, in lower case only opening the text ("полный текст:" in a sentence is not one)
# one to four Chinese names; a transliterated name joins its parts with "·" (阿卜杜拉·艾买提);
# a word followed by a colon is the next field's label ("作者：张三 点击：1024"), no name
# each name may follow its role ("记者张三 通讯员李四")
_ZH_NAMES = (r"(?:(?:" + "|".join(ZH_NAME_ROLES) + r")?[\u4e00-\u9fff]{2,4}(?:·[\u4e00-\u9fff]{1,6})?"
             r"(?![\u4e00-\u9fff·]*\s*[:：])[\s、，]*){1,4}")
# the paper or agency and the posting before "记者" ("本报驻莫斯科记者", "新华社驻京记者",
# "央视记者", "澎湃新闻记者")
_ZH_DESK = (r"(?:本报|[^\W_]{1,8}?(?:[社报台网视]|新闻|财经|报道))?(?:驻[\u4e00-\u9fff]{1,8}?)?"
            r"(?:特约|特派|首席|见习)?")  # ("21世纪经济报道记者", "第一财经记者", "环球时报特约记者")
# one to four names after a bare "记者" that end where the line or the credit does (a space,
# a bracket, "报道"/"摄": a name glued to "报道" is read short; a comma before an affiliation):
# in prose "记者" goes on with a verb and the sentence ("记者了解到，", "本报记者获悉，",
# "记者从外交部获悉，"), no names
_ZH_NAME = r"(?:(?:" + "|".join(ZH_NAME_ROLES) + r")?[\u4e00-\u9fff]{2,4}?(?:·[\u4e00-\u9fff]{1,6})?)"
# (a word after a space glued to "报道" is where the story was filed from: "记者 张三 北京报道")
_ZH_ENDED_NAMES = (_ZH_NAME + r"(?:\s*[、，,]\s*" + _ZH_NAME + r"|\s+" + _ZH_NAME + r"(?!报道)){0,3}"
                   r"(?=\s|$|[）)】\]|｜/／、]|报道|摄|,(?![\u4e00-\u9fff]))")  # "X, Desk" (a comma in prose goes on)
_RU_BYLINE = re.compile(
    r"(?:(?:^|\s)(?:Автор[ыа]?|АВТОР[ЫА]?|Текст|ТЕКСТ)|^\s*(?:автор[ыа]?|текст))(?:\s*[:：]|\s+[—–])\s*"  # "Автор — X" too
    r"(?P<names>(?:(?<!\w)[А-ЯЁA-Z]\.|[^\n.;|]){3,120})"
)
# the credit of a Russian interview or write-up, a text of its own ("Беседовала Анна
# Иванова", "Материал подготовил Иван Петров"): the whole text is the verb and the names,
# so a sentence saying who prepared something is none; the verb opens the text in capitals,
# or in lower case after what was prepared ("Текст подготовила")
_RU_CREDIT_OPENS = (
    "(?:(?:" + "|".join(w.capitalize() for w in RU_CREDITED) + r")\s+(?:" + "|".join(RU_CREDIT_VERBS) + ")|"
    + "|".join(v.capitalize() for v in RU_CREDIT_VERBS) + ")"
)
_RU_NAME = r"(?:[А-ЯЁ]\.\s?){0,2}[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?(?:\s+[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?){0,2}"
_RU_CREDIT = re.compile(
    rf"\s*{_RU_CREDIT_OPENS}[аи]?\s*:?\s+"
    rf"(?P<names>{_RU_NAME}(?:(?:\s*,\s*|\s+и\s+){_RU_NAME}){{0,3}})\s*\.?\s*"
)
# one to three names, apart by commas or "и" (a wire's dateline credits)
_RU_NAME_LIST = rf"{_RU_NAME}(?:(?:\s*,\s*|\s+и\s+){_RU_NAME}){{0,2}}"
# a Russian wire's correspondent in its dateline: "ПЕКИН, 16 мая. /Корр. ТАСС Иван Петров/."
# (the agency in capitals, ИТАР-ТАСС in the archive; "Спец. корр.", "Соб. корр." too)
_RU_WIRE_CORRESPONDENT = re.compile(
    r"/\s*(?:(?:[Сс]пец|[Сс]об|[Сс]обств)\.\s*)?[Кк]орр\.\s*[А-ЯЁA-Z][А-ЯЁA-Z-]{1,15}\s+"
    rf"(?P<names>{_RU_NAME_LIST})\s*/"
)
# ... and RIA's, after the agency in its dateline: "МОСКВА, 16 мая — РИА Новости, Иван Петров."
_RU_DATELINE_WRITER = re.compile(
    r"^\s*[А-ЯЁ][А-ЯЁ -]+,\s*\d{1,2}\s+[а-яё]{3,8}\.?\s*[—–-]\s*(?i:" + any_of(WIRE_NAMES) + r"),\s*"
    rf"(?P<names>{_RU_NAME_LIST})\s*\."
)
# the editor's credit ("（责编：X、Y）"): People's Daily's only byline, but a writer's credit
# ("作者：X", "记者 X") anywhere on the page names the author before it (`placed_and_editor_bylines`)
_ZH_EDITOR = [
    re.compile(r"[（(]\s*(?:责编|责任编辑)\s*[:：]\s*(?P<names>[^）)]{2,40})[）)]"),  # "责编" is "责任编辑" cut short
    re.compile(r"[【\[]\s*(?:责编|责任编辑)\s*[:：]\s*(?P<names>[^】\]]{2,40})[】\]]"),  # Xinhua's "【责任编辑:X】"
    # the same credit printed as a line of its own, unbracketed ("责任编辑：X" at a story's foot)
    re.compile(r"^\s*(?:责编|责任编辑)\s*[:：]\s*(?P<names>" + _ZH_NAMES + r")\s*$"),
]
_ZH_PHOTOGRAPHED = re.compile(r"\s*摄")  # after the names: "photographed by"
_ZH_BYLINE = [
    re.compile(r"[（(]\s*" + _ZH_DESK + r"(?:记者|通讯员)\s*(?P<names>[^）)]{2,40}?)"
               r"(?:\s+[\u4e00-\u9fff]{2,6}?报道|\s*(?:报道|摄))?\s*[）)]"),  # ("（记者 张三 北京报道）")
    # "本报记者 X", "新华社记者 X", "记者：X": an agency or paper ("…社", "…报") may precede
    # (after any mark that is not a word or an open bracket, read by the first: "■本报记者 X",
    # "●记者 X"; "记者｜X")
    re.compile(r"(?<![\w（(])" + _ZH_DESK + r"记者\s*[:：/／|｜]?\s*(?P<names>" + _ZH_ENDED_NAMES + ")"),
    # the writer's credit; "采写" (gathered and written), "撰稿" (drafted) as portals print it
    # also "（作者：X）" at the foot, and "作者｜X" as features print it
    re.compile(r"(?:^|\s|[（(])(?:作者|采写|撰稿)\s*[:：/／|｜]\s*(?P<names>" + _ZH_NAMES + ")"),
    # a feature's "文/X", "文｜X", "文、图/X" ("图/Y" beside it is the photographer's)
    re.compile(r"(?:^|\s)(?:(?:撰)?文(?:[、与和]图)?|图[、与和]?文)\s*[/／|｜]\s*(?P<names>" + _ZH_NAMES + ")"),
]


# a text node where a byline opens
# (a Latin opener only at the text's start, so `match`; the Cyrillic and Chinese marks
# anywhere, searched only in texts that are not ASCII: one scan of every text node of
# the page with all the alternatives cost more than the rest of find_authors)
_BYLINE_START = re.compile(
    r"\s*(?:(?:by|BY|By|Por|Par|Von)(?:\s|:|$)|(?:(?:Author|Reporter|Writer)s?|Words|Text|Story|Reporting"
    r"|(?:Story|Words|Text) and (?:[Pp]hotos?|[Pp]ictures))\s*:"
    r"|(?:Story|Written|Words|Text|Posted|Reported|Analysis|Opinion|Commentary|Interview|(?i:" + WRITINGS + ")"
    r"|(?:Story|Words|Text) and (?:[Pp]hotos?|[Pp]ictures)"
    r"|(?:Photos?|Pictures) and (?:[Ss]tory|[Ww]ords|[Tt]ext)) [Bb]y(?:\s|:|$))"
    r"|\W*(?:[Rr]eporting|[Rr]eported|[Cc]ompiled) by\s"
    r"|(?:Published|Posted)(?:\s+on)?:?\s+(?=\d|[A-Z][a-z]{2})"  # "Published December 5, 2023 by Jane Roe"
)
_BYLINE_ANYWHERE = re.compile(
    r"Автор|АВТОР|Текст\s?:|ТЕКСТ\s?:|Текст\s[—–]|^\s*(?:автор|текст)"
    rf"|^\s*{_RU_CREDIT_OPENS}"
    r"|记者|责编|责任编辑|作者|采写|撰稿|文\s*[/／|｜]|[文图][、与和]?[图文]\s*[/／|｜]"
)


# the first characters a Latin opener can start with (after white space): a text node
# starting otherwise, most of a page's, needs no match (one per node is most of the cost)
_OPENER_FIRST = frozenset("bBPVARWSTrcCOIEG")


def _opens_byline(t: str | None) -> bool:
    if not t:
        return False
    s = t.lstrip()
    if not s:
        return False
    if (s[0] in _OPENER_FIRST or not s[0].isalnum()) and _BYLINE_START.match(t):
        return True
    return not t.isascii() and bool(_BYLINE_ANYWHERE.search(t))


# "<span>By</span><a>Name</a>", "<span>Written by</span> <span>Name</span>", "<span>Автор:</span>",
# "<span>记者</span>": the byline is the parent
LONE_OPENER = re.compile(
    r"\W*(?:(?:(?:story|written|words|text|reported|analysis|opinion|commentary|interview|" + WRITINGS + r")\s+)?(?:by|por|par|von)"
    r"|автор[ыа]?|текст|记者|作者)\W*", re.I
)


def _first_line(el: HtmlElement) -> str:
    """An element's text up to its first <br>, a space between child elements
    ("By <a>Jane Roe</a><span>Senior Reporter</span>" reads as two words apart), without
    text for screen readers only ("<span class=screen-reader-text>Social Links for</span>
    Jane Roe": the byline is what the page shows)."""
    out: list[str] = []

    def walk(n: HtmlElement) -> bool:
        if n.tag == "br":
            return False
        if n.text:
            out.append(n.text)
        for c in n:
            if isinstance(c.tag, str) and c.tag not in NOT_SHOWN and not SCREEN_READER.search(c.get("class") or "") \
                    and not walk(c):
                return False
            if c.tail:
                out.append(c.tail)
        return True

    walk(el)
    return " ".join(out)


def _tail_line(el: HtmlElement) -> str:
    """The line a byline opening in `el`'s tail reads: the tail and the inline elements
    after it, up to a <br> or a block ("<h1>Headline</h1> by Jane Roe, Desk<br>")."""
    out = [el.tail or ""]
    for sib in el.itersiblings():
        if not isinstance(sib.tag, str) or sib.tag in NOT_SHOWN:
            out.append(sib.tail or "")
            continue
        if sib.tag not in INLINE:
            break
        out += [sib.text_content(), sib.tail or ""]
    return " ".join(out)


_CARD_LINE = 80  # a byline's line longer than this holds more than names


def _short_texts(tree: HtmlElement, limit: int = 40) -> Iterable[tuple[str, bool, HtmlElement | None]]:
    """Texts (at most 200 characters) of the body's elements where a byline opens, page
    order, each with whether it is the byline's own element (False: the parent of a lone
    "By", which may hold one name of several). One pass over the text nodes: an XPath
    over all of them costs more. Each element's line, and the first link after each
    element, is read once (`_Lines`): every "By" of a wrapper holding a thousand of them
    read the whole wrapper again."""
    body = tree.find(".//body")
    seen: set[HtmlElement] = set()
    lines, prose = _Lines(), ProseMemo()
    for el in (body if body is not None else tree).iter():
        tag = el.tag
        if not isinstance(tag, str) or tag in NOT_SHOWN:
            continue
        owner = el if _opens_byline(el.text) else None
        after = None  # the element whose tail opens the byline
        if owner is None and _opens_byline(el.tail):
            owner, after = el.getparent(), el
        if owner is None:
            continue
        t = lines.raw(owner)
        if after is not None and after.tag not in INLINE and not _opens_byline(t):
            # the parent's line opens with other text (a headline); after a block or a
            # <br> the tail opens a line of its own (after a link, it goes on a sentence)
            t = _tail_line(after)
        whole = True
        if LONE_OPENER.fullmatch(t) and owner.getparent() is not None:
            opener, owner, whole = owner, owner.getparent(), False
            t = lines.raw(owner)
            one = lines.clean(owner)
            if len(one) > _CARD_LINE:
                # the names' wrapper also holds a pop-over card about the writer ("Jane
                # Roe has been a writer at ... since 2023"): the link after "By" is the name
                link = lines.link_after(opener)
                if link is not None:
                    t = f"{clean_text(opener.text_content())} {clean_text(link.text_content())}"
                    one = clean_text(t)
            # one name's wrapper inside the byline's ("By <a>A</a>" and "<a>B</a>"):
            # the wrapper whose line goes on with the other names is the byline
            up = owner.getparent()
            if up is not None and up.tag not in ("body", "html"):
                wider = lines.clean(up)
                if len(wider) <= 80 and wider.startswith(one) and SPLIT.match(wider[len(one):]):
                    owner, whole, t = up, True, wider
        if owner in seen:
            continue
        seen.add(owner)
        # readers' names; a menu ("Por La Cultura"), as a <nav> or as a list of links
        if in_comments(owner) or within(owner, lambda n: n.tag == "nav") or menu_item(owner):
            continue
        if owner.tag in _INLINE and in_prose(owner, prose):  # "drones made <a>by Terminal Autonomy</a>; the makers ..."
            continue
        t = clean_text(t)  # indentation is not length
        if 3 <= len(t) <= 200:
            yield t, whole, owner
        if len(seen) >= limit:
            return


class _Lines:
    """One page's element lines (`_first_line`, as read and cleaned) and first links,
    each read once however many byline openers ask."""

    def __init__(self) -> None:
        self._raw: dict[HtmlElement, str] = {}
        self._clean: dict[HtmlElement, str] = {}
        self._link: dict[HtmlElement, HtmlElement | None] = {}

    def raw(self, el: HtmlElement) -> str:
        if (line := self._raw.get(el)) is None:
            line = self._raw[el] = _first_line(el)
        return line

    def clean(self, el: HtmlElement) -> str:
        if (line := self._clean.get(el)) is None:
            line = self._clean[el] = clean_text(self.raw(el))
        return line

    def link_after(self, el: HtmlElement) -> HtmlElement | None:
        """The first link with text in the elements after `el` (its later siblings and
        what they hold, in order); each sibling walked once per page."""
        walked: list[HtmlElement] = []
        found: HtmlElement | None = None
        sib = el.getnext()
        while sib is not None:
            if sib in self._link:
                found = self._link[sib]
                break
            walked.append(sib)
            if isinstance(sib.tag, str):
                found = next((x for x in sib.iter("a") if clean_text(x.text_content())), None)
                if found is not None:
                    break
            sib = sib.getnext()
        for w in walked:  # none before the last held a link: the answer from each is the same
            self._link[w] = found
        return found


_INLINE = frozenset({"a", "span", "em", "i", "b", "strong"})


def text_bylines(tree: HtmlElement, text: str | None) -> list[tuple[str, bool]]:
    """Raw writers' byline statements written in the page ("By X and Y", "Автор: X",
    "记者 X"), each with whether it is whole (see `_short_texts`)."""
    return [(raw, whole) for raw, whole, _ in placed_bylines(tree, text)]


def placed_bylines(tree: HtmlElement, text: str | None, *, closing: bool = True) -> list[tuple[str, bool, HtmlElement | None]]:
    """`text_bylines`, each with the element it was read from (None: a line of `text`);
    with `closing` False, without the text's last lines (`closing_bylines`)."""
    lines = (text or "").split("\n")
    return _bylines([*_head_and_page(tree, lines), *(_closing_lines(lines) if closing else [])], tree)


def placed_and_editor_bylines(tree: HtmlElement, text: str | None) -> tuple[
        list[tuple[str, bool, HtmlElement | None]], list[tuple[str, bool, HtmlElement | None]]]:
    """`placed_bylines` without the text's last lines, and the editors' credits of the
    same texts and those lines (the byline when no writer is credited: People's Daily's
    "（责编：X、Y）"), from one pass over the page's text nodes."""
    lines = (text or "").split("\n")
    texts = _head_and_page(tree, lines)
    return _bylines(texts, tree), _bylines([*texts, *_closing_lines(lines)], tree, editors=True)


def _head_and_page(tree: HtmlElement, lines: list[str]) -> list[tuple[str, bool, HtmlElement | None]]:
    """The texts a byline is looked for in before the text's last lines: the text's first
    lines, then the page's byline elements."""
    return [*((t, True, None) for t in lines[:3]), *_short_texts(tree)]


def closing_bylines(tree: HtmlElement, text: str | None) -> list[tuple[str, bool, HtmlElement | None]]:
    """Bylines in the text's last lines: a credit closing the story, but also the cards
    of other stories the text runs on into, so the last place to look."""
    return _bylines(_closing_lines((text or "").split("\n")), tree)


def _closing_lines(lines: list[str]) -> list[tuple[str, bool, HtmlElement | None]]:
    return [(t, True, None) for t in lines[3:][-3:]]


def _bylines(candidates: Iterable[tuple[str, bool, HtmlElement | None]], tree: HtmlElement, *,
             editors: bool = False) -> list[tuple[str, bool, HtmlElement | None]]:
    """The byline statements of texts (each with its wholeness and element), at most six;
    with `editors`, the editors' credits only (`_ZH_EDITOR`)."""
    out: list[tuple[str, bool, HtmlElement | None]] = []
    for t, whole, owner in candidates:
        n = len(out)
        if editors:
            out += [(m.group("names"), whole, owner) for rx in _ZH_EDITOR for m in rx.finditer(t)]
        else:
            _writers(t, whole, owner, out)
            m = _WIRE_CREDITED.match(t) if len(out) == n and owner is None else None
            if m and not beside_picture(tree, t):
                out.append((m.group("names"), whole, owner))
        if len(out) > n and owner is not None and (in_teaser(owner) or in_other_block(owner)):  # another story's writer
            del out[n:]
        if len(out) >= 6:
            break
    return out


# a sentence that opens with "By" ("By Air Force One, the president flew on to Delhi."): a
# clause of four words or more after a comma, ending as a sentence does
_CLAUSE_AFTER_COMMA = re.compile(r",\s+(?=[^,]*[a-zа-яё])(?:[^\s,]+\s+){3,}[^\s,]+[.!?]$")


def _writers(t: str, whole: bool, owner: HtmlElement | None, out: list[tuple[str, bool, HtmlElement | None]]) -> None:
    """Append the writers' credits `t` states to `out`."""
    n = len(out)
    m = _BYLINE_LINE.match(t)
    if m and len(t) <= 120 and not _CLAUSE_AFTER_COMMA.search(m.group("names")):
        out.append((m.group("names"), whole, owner))
    m = _DATELINED_BYLINE.match(t) if len(out) == n else None
    if m:
        out.append((m.group("names").strip(" ,"), whole, owner))
    m = _CREDIT_LINE.match(t)
    if m and len(t) <= 120 and not _DESK_CREDITS.search(t):
        out.append((m.group("names"), whole, owner))
    m = _DATED_BYLINE.match(t) if len(out) == n and len(t) <= 120 else None
    if m and DATE_START.match(m.group("date")):
        out.append((m.group("names"), whole, owner))
    m = _RU_BYLINE.search(t) or _RU_CREDIT.fullmatch(t) or _RU_WIRE_CORRESPONDENT.search(t) or _RU_DATELINE_WRITER.match(t)
    if m:
        out.append((m.group("names"), whole, owner))
    for rx in _ZH_BYLINE:  # "新华社记者 X 摄" under a picture is the photographer's credit
        # (the credits one text gives are one byline: "【环球时报驻俄罗斯特约记者 X 环球时报记者 Y】")
        names = [m.group("names") for m in rx.finditer(t) if not _ZH_PHOTOGRAPHED.match(t, m.end("names"))]
        if names:
            out.append(("、".join(names), whole, owner))


def name_words(names: list[str]) -> set[str]:
    return {name_key(w) for n in names for w in n.split()} - {""}


def side_by_side(owner: HtmlElement, raw: str, placed: list[tuple[str, bool, HtmlElement | None]]) -> list[str]:
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


class ProseMemo:
    """One page's texts `in_prose` reads (a paragraph's, a line's, whether it opens a
    byline), each read once however many links in it ask: a paragraph of a thousand
    links read itself a thousand times."""

    def __init__(self) -> None:
        self.blocks: dict[HtmlElement, str] = {}
        self.runs: dict[HtmlElement, tuple[list[HtmlElement], dict[HtmlElement, int], list[int], list[int]]] = {}
        self.lines: dict[tuple[HtmlElement, int, int], str] = {}  # a line's words, one space apart
        self.opens: dict[str, bool] = {}


def _inline(node: HtmlElement) -> bool:
    return isinstance(node.tag, str) and node.tag in INLINE


def _runs(parent: HtmlElement, memo: ProseMemo) -> tuple[list[HtmlElement], dict[HtmlElement, int], list[int], list[int]]:
    """The children, each child's index, and the first and last index of the run of
    inline children around each."""
    if (got := memo.runs.get(parent)) is None:
        kids = list(parent)
        inline = [_inline(k) for k in kids]
        first = list(range(len(kids)))
        last = list(range(len(kids)))
        for i in range(1, len(kids)):
            if inline[i - 1]:
                first[i] = first[i - 1]
        for i in range(len(kids) - 2, -1, -1):
            if inline[i + 1]:
                last[i] = last[i + 1]
        got = memo.runs[parent] = (kids, {k: i for i, k in enumerate(kids)}, first, last)
    return got


def _line_around(el: HtmlElement, memo: ProseMemo) -> str:
    """The line of text `el` sits in outside any <p>: its inline ancestors' run between
    the <br>s and blocks around it (a story printed in <div>s and <br> lines), its words
    one space apart."""
    top = el
    while (parent := top.getparent()) is not None and _inline(parent):
        top = parent
    parent = top.getparent()
    if parent is None:
        return " ".join(top.text_content().split())
    kids, index, first, last = _runs(parent, memo)
    at = index[top]
    start, end = first[at], last[at]
    if (line := memo.lines.get((parent, start, end))) is None:
        head = kids[start - 1].tail if start > 0 else parent.text
        parts = [head or ""]
        for k in kids[start : end + 1]:
            parts += [k.text_content(), k.tail or ""]
        line = memo.lines[(parent, start, end)] = " ".join(" ".join(parts).split())
    return line


def in_prose(a: HtmlElement, memo: ProseMemo | None = None) -> bool:
    """Whether a link is a mention in running text: its paragraph says much more than
    the link ("US President <a href=/topics/people/donald-trump>Donald Trump</a> has been
    eager to ..."), or is a sentence of six words or more besides it ("Wanna know what
    <a href=/people/larry-merchant/>Larry Merchant</a> WON'T be doing?"); a byline is
    little more than its names. `memo`: the page's, shared by the links asked about."""
    memo = memo or ProseMemo()
    block = a.getparent()
    while block is not None and block.tag not in ("p", "li", "blockquote", "td", "dd"):
        block = block.getparent()
    if block is None:
        # no paragraph: the line it sits in, which running text ends as a sentence (a
        # byline line with its e-mail addresses and desk is long but ends no sentence)
        text = _line_around(a, memo)
        if text[-1:] not in ".?!":
            return False
    else:
        if block not in memo.blocks:
            memo.blocks[block] = " ".join(block.text_content().split())
        text = memo.blocks[block]
    link = " ".join(a.text_content().split())
    if len(text) >= 120 and len(link) < 0.25 * len(text):
        return True
    rest = len(text.split()) - len(link.split())
    if rest < 6 or text[-1:] not in ".?!":
        return False
    if (opens := memo.opens.get(text)) is None:
        opens = memo.opens[text] = _opens_byline(text)
    return not opens
