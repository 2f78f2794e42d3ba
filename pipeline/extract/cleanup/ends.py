"""The text's opening and closing lines that are not the story: the headline
repeated (below a kicker), bylines, the writer's bio, a sources list, the outlet's
closing lines and provenance."""

from __future__ import annotations

import re
from functools import lru_cache

from ..authors.bylines import LONE_OPENER, byline_line_names
from ..jsonld import PageMeta, texts_of
from ..strings import _is_prose, _norm, _weight
from .lines import SENTENCE_END, Drop

# "Jane Doe is a senior reporter for ..." near the end: the author's bio, not the article
_AUTHOR_BIO = re.compile(
    r"^\W{0,3}(?P<name>(?:[A-Z][\w.’'-]+\s){1,3}(?:[A-Z][\w.’'-]+,?\s)?)(?:is|was|has\s+been|covers)\s(?:a|an|the)\s.{0,120}?"
    r"\b(?:writer|reporter|editor|journalist|correspondent|contributor|freelancer|columnist|author|producer|critic)\b"
)


def _writers_bio(line: str, before: list[str]) -> bool:
    """Whether a closing line is the writer's bio ("Jane Doe is a senior reporter for
    ..."), not a line about someone the story has named in its running prose ("...,
    said the economics correspondent Peter Goodman." ... "Goodman is the author of
    Davos Man"): a brief's last paragraph may be one."""
    m = _AUTHOR_BIO.match(line)
    if m is None:
        return False
    surname = m.group("name").split()[-1].strip(",.’'")
    named = re.compile(rf"\b{re.escape(surname)}\b")
    return len(surname) < 3 or not any(named.search(p) for p in before if _is_prose(p))


# a trailing list of sources / footnotes / references starts at one of these headings
_SOURCES_HEAD = re.compile(
    r"(?i)^(?:our\s+sources|sources?|references|footnotes|bibliography|story\s+source|journal\s+references?|works\s+cited|(?:photo\s+|image\s+)?credits)\s*:?$"
)
# ... or at a paragraph that opens with the citation itself ("Jane Doe et al. 2023. Title. Journal")
_SOURCES_LEAD = re.compile(
    r"(?i)^(?:more\s+information|journal\s+reference|reference|citation|doi)\s*:\s"
    r"|^[A-Z][\w.'’ -]{1,60}\bet\s+al\.?,?\s+\(?(?:19|20)\d\d\b"
)
# closing lines about the outlet, not the story: disclosures, mission statements,
# "for more X, visit site.com", "also available on ..." for an embed not extracted
_CLOSING = re.compile(
    r"""(?ix)
    \b(?:do(?:es)?\s+not|don't|doesn't)\s+(?:own|hold)\s+(?:shares|positions?|any\s+position)\b | \bhas\s+no\s+position\s+in\b |
    ^(?:disclosure|disclaimer)\s*: | ^(?:免责)?声明\s*[:：] | ^[\w.&' ’-]{2,40}(?:'s|’s)\s+mission\s+is\s+to\b |
    ^for\s+more\s.{3,80}?\b(?:visit|go\s+to|head\s+to|check\s+out)\s+\S+\.\w{2,}\S*\W*$ | ^also\s+available\s+on\b
    | ^\(?(?:reporting|writing|additional\s+reporting|compiled)\s+by\b.{0,200}\bediting\s+by\b | ^our\s+standards\s*: |
    \boriginally\s+(?:appeared|published|ran)\s+(?:in|on|at|by)\b | for\s+informational\s+purposes\s+only |
    does\s+not\s+constitute\s+(?:medical|financial|legal|investment|professional)\s+advice |
    ^to\s+(?:learn|find\s+out|see)\s+more\s+about\s.{3,120}?,\s*(?:stream|watch|visit|read|listen\s+to|check\s+out)\b
    """
)


_AUTHOR_KEYS = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl")
_WORD_RUN = re.compile(r"\w+")
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b)\s*", re.I)


def stated_authors(pm: PageMeta) -> list[str]:
    """Names the page states as its authors (JSON-LD `author`, author meta tags), each
    of two words or more: a one-word credit ("Staff", a desk) names no person."""
    raw: list[str] = []
    for v in pm.article_values("author"):
        raw += texts_of(v)
    raw += [m for m in pm.all(*_AUTHOR_KEYS) if "://" not in m]
    out: dict[str, None] = {}  # in order, once each (a paper's page may state thousands)
    for r in raw:
        for name in _NAME_SPLIT.split(re.sub(r"(?i)^\s*by\s+", "", r)):
            words = _WORD_RUN.findall(name)
            if 2 <= len(words) <= 5:
                out.setdefault(name)
    return list(out)



def _opens_with_name(line: str, names: list[str] | tuple[str, ...]) -> bool:
    """Whether the line opens with one of `names` as its subject ("Jane Doe is ...",
    "Jane Doe, a former ..."), not as a speaker ("Jane Doe: ...")."""
    return _name_opener(tuple(names)).match(line) is not None


@lru_cache(maxsize=64)
def _name_opener(names: tuple[str, ...]) -> re.Pattern:
    """One pattern for all of `names` (a pattern per name, compiled again for every line
    once they outnumber the regex cache, cost seconds on a page stating thousands)."""
    each = (r"\W+".join(map(re.escape, _WORD_RUN.findall(name))) for name in names)
    return re.compile(r"^\W{0,3}(?:" + "|".join(each) + r")(?![\w:]|\s*:)", re.I) if names else re.compile(r"(?!)")


def _is_byline_line(line: str) -> bool:
    return len(line) <= 80 and line.rstrip()[-1:] not in SENTENCE_END and bool(byline_line_names(line))


def _is_headline(line: str, norm_title: str) -> bool:
    """The headline repeated, alone or with a media tag ("[Watch]", "(Video)"). The tag
    is counted in words and in characters: Chinese has no spaces, so a paragraph that
    opens with the headline is one "word" longer however long it is."""
    nl = _norm(line)
    if nl == norm_title:
        return True
    extra = nl[len(norm_title):] if len(norm_title) >= 20 and nl.startswith(norm_title) else None
    return extra is not None and len(extra.split()) <= 2 and len(extra.strip()) <= 12


_KICKER_MAX = 40  # in `_weight`: a kicker or section label, not a line of the story


def _headline_below_kicker(lines: list[str], norm_title: str) -> int:
    """Where the headline repeated sits among the text's first three lines below short
    lines that end no sentence (a kicker, a section label: the glued brief's <article>
    prints them above its headline), or 0."""
    for i, line in enumerate(lines[:3]):
        if i and _is_headline(line, norm_title):
            return i
        if _weight(line) >= _KICKER_MAX or line.rstrip()[-1:] in SENTENCE_END:
            return 0
    return 0


def without_sources(out: list[str], drop: Drop) -> list[str]:
    """`out` without a list of sources or footnotes closing it: from a heading past the
    first third of the text, or a paragraph opening with a citation."""
    total = sum(len(p) for p in out)
    seen = 0
    for i, p in enumerate(out):
        if i and seen >= total / 3 and (len(p) < 300 and _SOURCES_HEAD.match(p) or _SOURCES_LEAD.match(p)):
            for q in out[i:]:
                drop("sources list closing the text", q)
            return out[:i]
        seen += len(p)
    return out


def without_closing_lines(out: list[str], authors: list[str] | tuple[str, ...], drop: Drop) -> list[str]:
    """`out` without the writer's bio and the outlet's closing lines at its end;
    `authors`, the names the page states, tell a bio that opens with one of them."""
    out = list(out)
    while len(out) > 1 and len(out[-1]) < 500:
        if len(out[-1]) < 400 and (_writers_bio(out[-1], out[:-1]) or _CLOSING.search(out[-1])):
            drop("author's bio / outlet's closing line", out.pop())
        elif authors and _opens_with_name(out[-1], authors):
            # the closing paragraph is about the article's own author ("Jane Doe is our
            # deals editor ...", "Jane Doe, a former ..., is president of ..."): the bio
            drop("author's bio (opens with the author's name)", out.pop())
        else:
            break
    return out


def without_opening_lines(out: list[str], title: str | None, drop: Drop) -> list[str]:
    """`out` without the headline repeated at its start (also below a kicker or a review
    badge) and provenance ("This article originally appeared on ...")."""
    nt = _norm(title)
    if nt and (at := _headline_below_kicker(out, nt)):
        # what the text prints above the headline is no story (a kicker, a section
        # label): the story opens below it
        for p in out[:at]:
            drop("kicker above the headline", p)
        out = out[at:]
    out = list(out)
    while out and (nt and _is_headline(out[0], nt) or len(out) > 1 and len(out[0]) < 150 and _CLOSING.search(out[0])):
        drop("headline repeated / provenance", out.pop(0))
    return out


def without_bylines(out: list[str], drop: Drop) -> list[str]:
    """`out` without the byline printed as a line of the text ("By Jane Roe", "by
    MrAJCosplay,"): among the first three lines or the last two, a short line that opens
    a byline and names someone; and a byline's opener alone on a line ("By", "Written
    by"), its names a link the pass broke off, with the next line when the two read as
    a byline."""
    out = list(out)
    for i in sorted({*range(min(3, len(out))), *range(max(len(out) - 2, 0), len(out))}, reverse=True):
        if len(out) > 1 and _is_byline_line(out[i]):
            drop("byline", out.pop(i))
    i = 0
    while i < len(out):
        if len(out) > 1 and LONE_OPENER.fullmatch(out[i]):
            if i + 1 < len(out) and _is_byline_line(f"{out[i]} {out[i + 1]}"):
                drop("byline", out.pop(i + 1))
            drop("byline", out.pop(i))
        else:
            i += 1
    return out
