"""A byline with no words or markup of its own: an element holding only a person's name
(or several, maybe with the outlet they write for) whose next text on the page is a date."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import chain
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from ...datetimes import RU_MONTH_WORD
from ..names import AND_THEN_COMMA, DESK, ROLE_TAIL, chinese_name, clean_text, in_pinyin, is_site, is_wire, name_key, split_names
from ..strings import NOT_SHOWN
from .placement import ARCHIVE_PATH, away, in_teaser

DATE_START = re.compile(
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


# two to four words, no digits, maybe a separator before the last ones ("Jane Roe | Daily
# Planet"): a cheap first test
_NAME_SHAPE = re.compile(r"^\s*[^\W\d_][^\s\d]*(?:\s+(?:[|•·–—]\s+)?[^\s\d]+){1,3}\s*$")


def name_beside_date(tree: HtmlElement, sites: list[str]) -> list[str]:
    """A byline with no markup or words of its own: an element holding only a
    person's name (a Chinese one opening with a family name), or several and maybe
    their outlet, whose next text on the page is a date ("Jane Roe" | "Dec 05, 2023"),
    outside navigation, comments and teasers of other stories. Themes may place it
    after the story's text in the markup, so page order does not bound the search.
    The name may also open an element whose next text is the date ("Jane Roe<br>Dec 5,
    2023", "Jane Roe <span>Dec 5, 2023</span>"), or run into it in one text ("Jane Roe ·
    Dec 5, 2023")."""
    body = tree.find(".//body")
    for el in (body if body is not None else tree).iter():
        if not isinstance(el.tag, str) or el.tag in NOT_SHOWN or el.tag == "h1":  # the headline ("Joe Biden") is no byline
            continue
        if not el.text or not el.text.strip():
            continue
        for text, after in _name_texts(el):
            names = _names_beside(el, text, after, sites)
            if names:
                return names
    return []


def _name_texts(el: HtmlElement) -> Iterator[tuple[str, Iterable[str]]]:
    """An element's opening text that may be a name, each with the texts that follow it
    on the page: the element's own text (the element's children's, then the page's
    after it), and where that text runs on into a date, its part before the date."""
    text = el.text or ""
    yield text, chain(_texts_inside(el), _following_texts(el))
    if len(text) <= _RUN_ON_MAX and _DIGIT.search(text):  # every date form holds a digit
        for m in _BEFORE_DATE.finditer(text):
            rest = text[m.end() :]
            if DATE_START.match(rest):
                if not text[: m.end()].rstrip().endswith(","):  # "New York, March 5, 2024": a dateline
                    yield text[: m.start()], chain((rest,), _texts_inside(el), _following_texts(el))
                break


def _texts_inside(el: HtmlElement) -> Iterator[str]:
    """The non-blank texts of an element's children and their tails, in page order."""
    for child in el:
        if isinstance(child.tag, str) and child.tag not in NOT_SHOWN:
            yield from (t for t in child.itertext() if t.strip())
        if child.tail and child.tail.strip():  # (lxml's itertext leaves out the element's own tail)
            yield child.tail


# where a name may end and a date begin in one text: a separator, or a space (not a
# comma: "New York, March 5, 2024" is a dateline)
_BEFORE_DATE = re.compile(r"\s*[|•·–—-]\s*|\s+")
_RUN_ON_MAX = 80  # characters of a text holding a name and a date
_DIGIT = re.compile(r"\d")


def _names_beside(el: HtmlElement, text: str, after: Iterable[str], sites: list[str]) -> list[str]:
    """The names `text` (an opening text of `el`) holds when it is a byline: only names,
    maybe a job or outlet, a date next (`after`: the texts that follow it)."""
    # a Chinese name linked to a section's or a tag's page is its label ("文化" reads
    # as a name as well)
    chinese = chinese_name(text) and not _section_link(el, text.strip())
    one = chinese or 4 <= len(text.strip()) <= 40 and _NAME_SHAPE.match(text)
    if not one and not _NAMES_SHAPE.match(text) or _DATE_LABEL.match(text):
        return []  # ("Published On" before its date is the date's label)
    if not _date_follows(after):
        return []
    if any(x.tag in ("h1", "h2") for x in el.iterancestors()):  # a part of a headline, set in spans
        return []
    names = split_names(text, sites, strict=True)
    if len(names) == 1:
        if not one or not _only_name(text, names[0], sites):
            return []
    elif not names or not _names_only(text, names) or _story_link(el):
        return []
    return [] if in_teaser(el) or away(el) else names


# several writers, maybe with the outlet they write for ("Jane Roe and John Doe, Financial
# Times"): a cheap first test, no digits, a separator between names
_NAMES_SHAPE = re.compile(r"^(?=[^\d]{9,80}$)\s*[^\W\d_][^,&]*?(?:,|&|\band\b)", re.I)


def _link_of(el: HtmlElement) -> HtmlElement | None:
    """The link an element is or sits in."""
    return el if el.tag == "a" else next(el.iterancestors("a"), None)


def _story_link(el: HtmlElement) -> bool:
    """Whether an element is (in) a link to a page that is no writer's archive: a list of
    other stories prints each headline, then its date."""
    a = _link_of(el)
    return a is not None and not ARCHIVE_PATH.search(a.get("href") or "")


# words of an address that lead to people's pages, whatever the site calls them
# ("/the-team/jane", "/users/5080-jane", a bare "/author/")
_PEOPLE_PATH = re.compile(r"(?i)(?:^|[/_-])(?:authors?|writers?|editors?|contributors?|journalists?|reporters?|"
                          r"columnists?|profiles?|people|person|staff|team|users?)(?:$|[/_-])")


def _section_link(el: HtmlElement, name: str) -> bool:
    """Whether an element is (in) a link to a page that is neither people's (its address
    says so, or a part after the first spells `name` in pinyin: "/car-news/zhoujie")
    nor a writer's archive: a section's or a tag's ("/culture/", "/wenhua/")."""
    a = _link_of(el)
    if a is None:
        return False
    path = urlsplit(a.get("href") or "").path
    parts = [p for p in path.split("/") if p]
    return not (_PEOPLE_PATH.search(path) or any(in_pinyin(name, p.casefold()) for p in parts[1:]))


def _names_only(text: str, names: list[str]) -> bool:
    """Whether a text is the names, their separators and at most a closing ", Outlet"
    ("Jane Roe and John Doe, Financial Times"): no words of a sentence or a tag list."""
    m = AND_THEN_COMMA.match(clean_text(text))
    rest = clean_text(m.group("names") if m else text).casefold()
    for n in names:
        rest = rest.replace(clean_text(n).casefold(), " ", 1)
    return not set(re.split(r"[\s,&、]+", rest)) - {"", "and", "и"}


_ROLE_AFTER = re.compile(r"^\s*(?:[,|•·–—-]\s*)?(?P<role>.+)$")


def _only_name(text: str, name: str, sites: list[str]) -> bool:
    """Whether an element's text is the name alone, or the name and the writer's job
    ("Jane Roe, Staff Writer", "Jane Roe | Reporter") or outlet: the site's own or a
    wire agency ("Jane Roe, CNN", "Jane Roe | Reuters"), as several writers may have."""
    if name_key(name) == name_key(text):
        return True
    if not name_key(text).startswith(name_key(name)):
        return False
    words = len(name.split())
    m = _ROLE_AFTER.match(" ".join(clean_text(text).split()[words:]))
    return bool(m and (_is_job(m.group("role")) or is_site(m.group("role"), sites) or is_wire(m.group("role"))))


# a writer's job in Russian ("корреспондент", "обозреватель отдела политики", "спецкор")
_RU_JOB = re.compile(r"(?i)^(?:(?:специальный|собственный|старший|главный|военный|политический)\s+)?"
                     r"(?:корреспондент|спецкор|собкор|обозреватель|редактор|журналист|колумнист|репортер|репортёр)\w*\b")


def _is_job(text: str) -> bool:
    """Whether a text is a writer's job or desk ("Staff Writer", "Senior reporter",
    "корреспондент")."""
    return bool(DESK.search(text) or ROLE_TAIL.match(" " + text) or _RU_JOB.match(text.strip()))


# a date's label ("Published: 22 Dec 2023", "Updated on Dec 5, 2023", "Опубликовано: ...")
_DATE_LABEL = re.compile(
    r"^\s*(?:published|updated|posted|опубликовано|обновлено|发布时间|发布于|更新时间)(?:\s+on\b)?\s*[:：]?\s*", re.I
)
# what a template prints between the writer's name and the date: the writer's handle,
# job or desk, a separator
_BETWEEN = re.compile(r"^\s*(?:@\S+|[|•·–—-])\s*$")
# a job the desk words do not name ("NASA Human Spaceflight Historian", "Chief Film Critic")
_JOB_END = re.compile(r"(?i)\b(?:analyst|historian|critic|photographer|anchor|author)s?(?:\s+[IVX]{1,4})?\s*$")


def _date_follows(after: Iterable[str]) -> bool:
    """Whether the next text of `after` (the texts after a name) is a date, maybe
    labelled ("Published: ..."), or is after at most two texts of the writer's handle,
    job or a separator ("Jane Roe" | "@janeroe" | "Staff Writer" | "Dec 5, 2023")."""
    for i, t in enumerate(after):
        if DATE_START.match(_DATE_LABEL.sub("", t, count=1)):
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
