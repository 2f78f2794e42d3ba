"""HTML -> article fields: trafilatura for the body, the page's own statements
(JSON-LD, meta tags, <time>, URL) for metadata, cross-checked against each other.

`extract_article(html, url)` returns `Extracted` or None (no article; the reason
is logged). `extract_many(pages, settings, workers)` runs it in worker processes
that are recycled to bound memory, results in input order.
"""

from __future__ import annotations

import html as html_lib
import logging
import os
import re
import time
import unicodedata
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from copy import deepcopy
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import islice
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html
from lxml.html import HtmlElement

from .config import ExtractSettings
from .jsonld import PageMeta, image_of, iter_strings, parse_datetime, plausible, read_page_meta, text_of, texts_of, to_utc
from .sections import restore_between
from .statebody import state_body
from .textsim import containment as _containment
from .textsim import shingles as _shingles

LOG = logging.getLogger(__name__)


@dataclass
class Extracted:
    title: str | None
    text: str | None  # paragraphs separated by "\n"
    authors: list[str] = field(default_factory=list)
    published_at: datetime | None = None  # UTC
    site_name: str | None = None
    description: str | None = None
    tags: list[str] = field(default_factory=list)
    image_url: str | None = None
    page_language: str | None = None  # from <html lang>, og:locale, content-language meta
    og_locale: str | None = None
    html_lang: str | None = None
    canonical_url: str | None = None  # <link rel=canonical> / og:url if present
    method: str = ""  # which path produced the text (for debugging)
    published_day: str | None = None  # YYYY-MM-DD in the page's own time zone (as stated)
    date_source: str | None = None  # which statement gave published_at


# ---------------------------------------------------------------- helpers

_WS = re.compile(r"\s+")
_NONWORD = re.compile(r"\W+")


_ENTITY = re.compile(r"&(?:[A-Za-z]{2,8}|#\d{2,6}|#[xX][0-9A-Fa-f]{2,5});")


def _clean(s: str | None) -> str | None:
    if s is None:
        return None
    if "&" in s and _ENTITY.search(s):
        s = html_lib.unescape(s)  # statements escaped twice ("D&amp;D" inside JSON-LD)
    s = _WS.sub(" ", unicodedata.normalize("NFC", s)).strip()
    return s or None


def _norm(s: str | None) -> str:
    return _NONWORD.sub(" ", (s or "").casefold()).strip()


def _load_tree(html: str) -> HtmlElement | None:
    from trafilatura.utils import load_html

    try:
        return load_html(html)
    except Exception as exc:  # noqa: BLE001 - lxml raises assorted errors on junk
        LOG.debug("unparseable HTML: %s", exc)
        return None


def _html_fragment_text(s: str) -> str:
    """JSON-LD articleBody sometimes carries HTML: keep its text, one line per block."""
    if "<" not in s or ">" not in s:
        return s
    try:
        frag = lxml.html.fragment_fromstring(s, create_parent="div")
    except Exception:  # noqa: BLE001
        return re.sub(r"<[^>]+>", " ", s)
    for br in frag.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for el in frag.iter("p", "div", "li", "h1", "h2", "h3", "h4", "blockquote"):
        el.tail = "\n" + (el.tail or "")
    return frag.text_content()


def _paragraphs(text: str) -> str:
    lines = (_WS.sub(" ", ln).strip() for ln in text.replace("\r", "\n").split("\n"))
    return "\n".join(ln for ln in lines if ln)


# ---------------------------------------------------------------- body


def _trafilatura_text(tree: HtmlElement, url: str, *, precision: bool, recall: bool, fast: bool) -> str | None:
    from trafilatura import bare_extraction

    doc = bare_extraction(
        tree,
        url=url,
        fast=fast,
        favor_precision=precision,
        favor_recall=recall,
        include_comments=False,
        include_tables=True,
        # trafilatura's own deduplication counts blocks across pages (and across its
        # fallback passes, discarding whole single-block articles); we drop repeated
        # paragraphs within the page instead, so a result never depends on history
        deduplicate=False,
        with_metadata=False,
    )
    if doc is None or not doc.text:
        return None
    return _paragraphs(doc.text)


def _dedup_paragraphs(paras: list[str], min_len: int = 40) -> list[str]:
    seen: set[str] = set()
    out = []
    for para in paras:
        key = _norm(para)
        if len(key) >= min_len:
            if key in seen:
                continue
            seen.add(key)
        out.append(para)
    return out


# Short lines that announce something other than the article: cross-links, calls to
# subscribe/follow/share, credits of the page furniture. Several languages.
_BOILERPLATE = re.compile(
    r"""^\W*(?:
        related(?:\s+(?:articles?|stories|content|coverage|reading|links?))?\b | read\s+(?:more|also|next)\b | see\s+(?:more|also)\b |
        more\s*:|also\s*:|more\s+from\b | (?:up\s+)?next\s*: | don'?t\s+miss\b | recommended\b | advertisement\b | sponsored\b |
        (?:click|tap)\s+here\b | sign\s+up\b | subscribe\b | newsletter\b | get\s+the\s+latest\b |
        follow\s+(?:us|the\b|\w+\s+on\b|@|(?:[\w.’'-]+\s+){1,5}on\s+(?:instagram|twitter|x|facebook|threads|tiktok|linkedin|bluesky|youtube|snapchat)\b) |
        also\s+read\b | tell\s+us\s+what\s+you\s+think\b | more\s+(?:great\s+)?(?:[\w.’'-]+\s+){0,2}stories\s*$ | (?:required|recommended|must)\s+read(?:ing)?\s*: | listen\s+(?:to|on)\b | watch\s*:|share\s+(?:this|on)\b | post\s+your\s+comment |
        (?:\d+\s+)?comments?\b\s*$ | copyright\b | ©|\(c\)\s*\d{4} | all\s+rights\s+reserved | cite\s+this\b |
        (?:instagram|twitter|facebook|youtube|tiktok)\s+(?:content|post)\b | gallery\s+credit | image\s+credit | photo\s*:|
        leggi\s+anche | lesen\s+sie\s+(?:auch|mehr) | mehr\s+zum\s+thema | lire\s+aussi | à\s+lire\s+aussi | lea\s+también | leia\s+também |
        читайте\s+также | смотрите\s+также | подпис | 相关(?:阅读|新闻|文章) | 延伸阅读 | 推荐阅读
    )""",
    re.I | re.X,
)
_ESCAPED_TAG = re.compile(
    r"</?(?:a|b|i|em|strong|span|p|br|div|u|sup|sub)(?:\s[^<>]*)?/?>"
    r"|\[/?(?:button|caption|embed|gallery|video|audio|vc_\w+|et_pb_\w+)(?:\s[^\[\]]*)?\]",  # WordPress shortcodes left in
    re.I,
)
_SLOT_NAME = re.compile(r"^[a-z]+(?:-[a-z]+)+$")  # "in-content", "cm-unit": ad-slot labels printed as text
_ALLCAPS_TAG = re.compile(r"\[(?:[A-Z ]{3,20})\]\|?$")  # "Headline [VIDEO]" cross-links
_BARE_URL = re.compile(r"^(?:https?://|www\.)\S+$")


def _link_texts(tree: HtmlElement) -> set[str]:
    """Texts of links to other pages; in-page anchors (a table of contents) repeat the
    article's own section headings, which must stay."""
    out = set()
    for a in tree.iter("a"):
        if (a.get("href") or "").lstrip().startswith("#"):
            continue
        t = _norm(a.text_content())
        if len(t) >= 12:
            out.add(t)
    return out


_CAPTIONS = lxml.etree.XPath("//figcaption | //*[contains(@class, 'aption')]")  # caption, imageCaption, wp-caption-text


def _caption_texts(tree: HtmlElement, text: str) -> set[str]:
    """Lines of `text` that are image captions which the story does not also print as
    a paragraph (some outlets caption a photo with a sentence of the story)."""
    lines = {_norm(ln) for ln in text.split("\n")}
    caps: set[str] = set()
    inside: set[Any] = set()
    for el in _CAPTIONS(tree):
        t = _norm(el.text_content())
        if len(t) >= 12 and t in lines:
            caps.add(t)
            inside.update(el.iter())
    if not caps:
        return caps
    in_story = {_norm(p.text_content()) for p in tree.iter("p") if p not in inside}
    return caps - in_story


# Page furniture printed inside article containers, matched on short paragraphs only:
# calls to subscribe / install an app, affiliate disclosures, "contributed to this
# report" credits, contact lines for the author.
_FURNITURE = re.compile(
    r"""(?ix)
    ^stay\s+connected$ | special\s+offers,\s+top\s+stories | thank\s+you\s+for\s+subscribing |
    ^trending\s+(?:this\s+week|now)$ | ^most\s+(?:read|popular|viewed)\b.{0,30}$ | ^you\s+(?:may|might)\s+(?:also\s+)?like$ |
    article\s+continues\s+below | start\s+your\s.{0,40}premium\s+subscription |
    this\s+content\s+can\s+also\s+be\s+viewed\s+on\s+the\s+site\s+it\s+originates\s+from |
    be\s+the\s+first\s+to\s+get\s+breaking\s+news | install\s+the\s.{1,40}\sapp\s+for\s+free |
    sign\s+up\s.{0,60}\bnewsletters?\b | (?:delivered|direct(?:ly)?|straight|sent)\s+(?:right\s+|straight\s+)?to\s+your\s+inbox |
    reviewed\s+according\s+to\s.{0,40}\beditorial\s+process | ^(?:fact-checked|peer-reviewed\s+publication|trusted\s+source|reputable\s+news\s+agency|proofread)$ |
    independently\s+selected\s+by\s+our\s+editors | affiliate\s+(?:partnerships?|commissions?|links?|programs?) |
    we\s+may\s+earn\s+(?:a\s+)?(?:commission|revenue) | earn\s+an\s+affiliate | receive\s+compensation\s+when\s+you\s+click |
    contributed\s+to\s+this\s+report\.?$ | ^includes\s+information\s+from\b |
    ^\W{0,3}(?:contact|email|reach)\s.{0,60}\bat\b.{0,80}@ | ^you\s+can\s+(?:email|reach|contact)\b
    | sign\s+up\b.{0,80}\bin\s+your\s+inbox | ^we\s+need\s+your\s+help\W*$ | would\s+like\s+to\s+contribute\W*$ |
    ,\s*(?:click|tap)\s+here\W*$ | (?:click|tap)\s+here\s+(?:for|to\s+get)\s+more\s+(?:information|details|info)\b |
    \bmay\s+(?:get|receive|earn)\s+a\s+(?:share|portion|cut)\s+of\s+(?:the\s+)?(?:sale|sales|revenue)\b |
    support\s+(?:our|independent|quality)\s+journalism | make\s+a\s+(?:one-off\s+|monthly\s+)?(?:donation|contribution)\b
    """
)
# "Jane Doe is a senior reporter for ..." near the end: the author's bio, not the article
_AUTHOR_BIO = re.compile(
    r"^\W{0,3}(?:[A-Z][\w.’'-]+\s){1,3}(?:[A-Z][\w.’'-]+,?\s)?(?:is|was|has\s+been|covers)\s(?:a|an|the)\s.{0,120}?"
    r"\b(?:writer|reporter|editor|journalist|correspondent|contributor|freelancer|columnist|author|producer|critic)\b"
)
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
    ^(?:disclosure|disclaimer)\s*: | ^[\w.&' ’-]{2,40}(?:'s|’s)\s+mission\s+is\s+to\b |
    ^for\s+more\s.{3,80}?\b(?:visit|go\s+to|head\s+to|check\s+out)\s+\S+\.\w{2,}\S*\W*$ | ^also\s+available\s+on\b
    | ^\(?(?:reporting|writing|additional\s+reporting|compiled)\s+by\b.{0,200}\bediting\s+by\b | ^our\s+standards\s*: |
    \boriginally\s+(?:appeared|published|ran)\s+(?:in|on|at|by)\b | for\s+informational\s+purposes\s+only |
    does\s+not\s+constitute\s+(?:medical|financial|legal|investment|professional)\s+advice |
    ^to\s+(?:learn|find\s+out|see)\s+more\s+about\s.{3,120}?,\s*(?:stream|watch|visit|read|listen\s+to|check\s+out)\b
    """
)
# a paragraph that is only a date/time stamp ("Saturday 23 December 2023 05:39, UK")
_STAMP_PARTS = re.compile(
    r"(?i)\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?|\b\d{1,2}:\d\d(?::\d\d)?\s*(?:[ap]\.?m\.?)?|"
    r"\b(?:published|updated|posted|last\s+updated|on|at)\b:?|\b(?:[A-Z]{1,4}T|UTC|GMT|ET|PT|CT|MT|UK)\b|[\s,|/•·-]+"
)
_NUMERIC_DATE = re.compile(r"\b\d{1,2}[/.]\d{1,2}[/.](?:19|20)?\d\d\b")


def _is_stamp(p: str) -> bool:
    if len(p) > 80:
        return False
    rest, n = _VISIBLE_DATE.subn(" ", p)
    rest, n2 = _NUMERIC_DATE.subn(" ", rest)
    if not n + n2:
        return p.strip(" -•") in ("Published", "Updated", "Posted")
    # one date and nothing but its weekday, time, zone, "Updated": a date range or a
    # listing ("2009: Alex Prus") is content
    return n + n2 == 1 and not _STAMP_PARTS.sub("", rest).strip()


def _clean_body(text: str, title: str | None, links: set[str], captions: frozenset[str] | set[str] = frozenset()) -> str:
    """Drop what trafilatura keeps but is not the article: the headline repeated as the
    first line, paragraphs that are wholly a link's text (cross-links), short
    boilerplate lines, bare URLs, markdown tables' separator noise."""
    # markup escaped twice by the CMS is shown to readers as text ("<a href=...>#tag</a>")
    paras = [_ESCAPED_TAG.sub("", p) if "<" in p or "[" in p else p for p in text.split("\n") if p.strip()]
    out = []
    for p in paras:
        np_ = _norm(p)
        if not np_:
            continue
        if len(p) < 200 and (_BOILERPLATE.match(p) or _ALLCAPS_TAG.search(p) or _BARE_URL.match(p) or _SLOT_NAME.match(p)):
            continue
        if len(p) < 200 and np_ in links and p.rstrip()[-1:] not in ".!?\"”’»:;":
            continue
        if np_ in captions:
            continue
        if len(p) < 250 and _FURNITURE.search(p) or _is_stamp(p):
            continue
        out.append(p)
    # sources / footnotes closing the text: a heading past the first third of it
    total = sum(len(p) for p in out)
    seen = 0
    for i, p in enumerate(out):
        if i and seen >= total / 3 and (len(p) < 300 and _SOURCES_HEAD.match(p) or _SOURCES_LEAD.match(p)):
            out = out[:i]
            break
        seen += len(p)
    while len(out) > 1 and len(out[-1]) < 400 and (_AUTHOR_BIO.match(out[-1]) or _CLOSING.search(out[-1])):
        out.pop()  # the author's bio or the outlet's closing lines
    # opening lines: the headline repeated (also below a review badge) and provenance
    # ("This article originally appeared on ...")
    nt = _norm(title)
    while out and (nt and _norm(out[0]) == nt or len(out) > 1 and len(out[0]) < 150 and _CLOSING.search(out[0])):
        out.pop(0)
    return "\n".join(_dedup_paragraphs(out))


_SHORT_TEXT = 1500  # a few paragraphs; the frame check costs ~3 ms, the comparison pass 2-5x the main pass
_SENTENCE_END = tuple('.!?"”’)。！？」』')
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def _weight(s: str) -> int:
    """Length in Latin-letter terms: a Chinese, Japanese or Korean character carries
    about as much as three Latin letters, so "short" means the same in every script."""
    return len(s) + 2 * len(_CJK.findall(s))


def _has_article_frame(tree: HtmlElement) -> bool:
    """Whether one of trafilatura's article-frame expressions matches the page (when
    none does, its main pass keeps only loose paragraphs)."""
    try:
        from trafilatura.xpaths import BODY_XPATH
    except ImportError:  # a trafilatura without the module: assume none matched
        return False
    return any(next((s for s in expr(tree) if s is not None), None) is not None for expr in BODY_XPATH)


def _completes(fast: str, full: str) -> bool:
    """Whether `full` is `fast` with more of the same story: it keeps (nearly) all of
    `fast`, grows it at most sixfold, and what it adds is mostly running prose (long
    lines ending a sentence), not sign-up forms, listings or other stories."""
    if full == fast or len(full) > 6 * len(fast) or _containment(_shingles(fast), _shingles(full)) < 0.8:
        return False
    kept = set(fast.split("\n"))
    added = [ln for ln in full.split("\n") if ln not in kept]
    total = sum(len(ln) for ln in added)
    prose = sum(len(ln) for ln in added if _weight(ln) >= 80 and ln.rstrip().endswith(_SENTENCE_END))
    return total > 0 and prose >= 0.6 * total


def _jsonld_body(pm: PageMeta) -> str | None:
    best = None
    for value in pm.article_values("articleBody"):
        s = text_of(value) if not isinstance(value, str) else value
        if not s:
            continue
        s = _paragraphs(_html_fragment_text(s))
        if best is None or len(s) > len(best):
            best = s
    return best


def _span_of(main: str, ld_sh: Counter) -> str:
    """The run of `main`'s paragraphs that the JSON-LD body covers."""
    paras = main.split("\n")
    hits = [i for i, p in enumerate(paras) if _containment(_shingles(p), ld_sh) >= 0.5]
    if not hits:
        return main
    return "\n".join(paras[hits[0] : hits[-1] + 1])


def _choose_body(
    tree: HtmlElement,
    url: str,
    pm: PageMeta,
    title: str | None,
    settings: ExtractSettings,
    timings: dict[str, float] | None,
) -> tuple[str | None, str]:
    t0 = time.perf_counter()
    if settings.favor_precision or settings.favor_recall:
        main = _trafilatura_text(tree, url, precision=settings.favor_precision, recall=settings.favor_recall, fast=False)
        method = "trafilatura-precision" if settings.favor_precision else "trafilatura-recall"
    else:
        # trafilatura's main extractor alone; its readability/jusText comparison pass
        # replaces good news bodies with worse ones more often than it rescues them,
        # so it runs only when the main extractor finds (almost) nothing
        main = _trafilatura_text(tree, url, precision=False, recall=False, fast=True)
        method = "trafilatura-fast"
        if not main or len(main) < settings.min_text_chars:
            main = _trafilatura_text(tree, url, precision=False, recall=False, fast=False)
            method = "trafilatura"
        elif _weight(main) < _SHORT_TEXT and not _has_article_frame(tree):
            # a short result from a page where trafilatura found no article frame is
            # its loose <p>s only: a story laid out as spans in divs loses all but its
            # summary box and pull quotes. The comparison pass finds the rest; taken
            # only when it is that rest
            full = _trafilatura_text(tree, url, precision=False, recall=False, fast=False)
            if full and _completes(main, full):
                main, method = full, "trafilatura-fallback"
    if main:
        # the story may go on in the page's JSON state past what the HTML renders
        state = state_body(tree, main)
        if state:
            main, method = state, method + "+state"
    t0 = _tick(timings, "body", t0)
    ld = _jsonld_body(pm)
    if ld and len(ld) >= max(settings.min_text_chars, 1):
        ld_sh = _shingles(ld)
        main_sh = _shingles(main or "")
        if not main or _containment(main_sh, ld_sh) == 0.0 and len(main) < settings.min_text_chars:
            main, method = ld, "jsonld-only"
        elif (
            len(ld) >= 1000
            and ld.rstrip()[-1:] in ".!?\"'”’»)"
            and _containment(ld_sh, main_sh) >= 0.9
            and _containment(main_sh, ld_sh) < 0.5
        ):
            # the publisher's own body is complete and is a small part of what was
            # extracted: the rest belongs to other items (next stories, listings)
            main, method = _span_of(main, ld_sh), method + "+jsonld-span"
    if not main:
        return None, method
    main = restore_between(tree, main)
    out = _clean_body(main, title, _link_texts(tree), _caption_texts(tree, main))
    _tick(timings, "clean", t0)
    return out, method


# ---------------------------------------------------------------- dates

_URL_DATE = [
    re.compile(r"(?<!\d)((?:19|20)\d\d)[/_.-](0?[1-9]|1[0-2])[/_.-](0?[1-9]|[12]\d|3[01])(?!\d)"),
    re.compile(r"/((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])/"),
    re.compile(r"[/_-]((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)"),
]

_META_DATE_KEYS = (
    "article:published_time", "og:article:published_time", "article:published", "og:published_time",
    "datepublished", "published_time", "article.published", "parsely-pub-date", "sailthru.date",
    "pubdate", "publishdate", "publish-date", "publish_date", "article_date_original", "date.published",
    "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created", "dc.date.created",
    "cxenseparse:recs:publishtime", "originalpublicationdate", "date", "citation_publication_date",
    "article:post_date", "og:pubdate", "datecreated", "release_date", "timestamp",
)


_MONTHS = {m: i + 1 for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())}
_URL_NAMED_MONTH = re.compile(r"/((?:19|20)\d\d)/([a-z]{3})[a-z]*/(0?[1-9]|[12]\d|3[01])(?:/|$)", re.I)
_URL_YEAR_MONTH = re.compile(r"/((?:19|20)\d\d)[/_-](0[1-9]|1[0-2])(?:/|$)")


def _url_date(url: str) -> datetime | None:
    path = urlsplit(url).path
    for rx in _URL_DATE:
        m = rx.search(path)
        if m:
            try:
                return datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
    m = _URL_NAMED_MONTH.search(path)
    if m and m.group(2).lower() in _MONTHS:
        try:
            return datetime(int(m.group(1)), _MONTHS[m.group(2).lower()], int(m.group(3)))
        except ValueError:
            return None
    return None


def _url_month(url: str) -> tuple[int, int] | None:
    m = _URL_YEAR_MONTH.search(urlsplit(url).path)
    return (int(m.group(1)), int(m.group(2))) if m else None


def _time_elements(tree: HtmlElement) -> list[str]:
    """datetime values of <time> elements, those inside the article / marked pubdate first."""
    first: list[str] = []
    rest: list[str] = []
    for el in tree.iter("time"):
        val = el.get("datetime")
        if not val:
            continue
        anc = el
        in_article = el.get("pubdate") is not None or (el.get("itemprop") or "").lower() == "datepublished"
        depth = 0
        while anc is not None and depth < 12 and not in_article:
            tag = anc.tag if isinstance(anc.tag, str) else ""
            cls = (anc.get("class") or "") + " " + (anc.get("id") or "")
            if tag in ("article", "header", "main") or re.search(r"(?i)byline|dateline|article|post-meta|entry-meta|published|timestamp", cls):
                in_article = True
            if tag in ("aside", "footer", "nav") or re.search(r"(?i)related|comment|sidebar|recommend|promo", cls):
                break
            anc = anc.getparent()
            depth += 1
        (first if in_article else rest).append(val)
    return first + rest


# og:type values of pages that are not dated publications (the date guesser would
# return a date from their content: a birthday, a wedding, a review)
_UNDATED_OG_TYPES = frozenset({"profile", "product", "book", "music.song", "music.album", "music.playlist", "place", "business.business"})
_COMMENTS = re.compile(r"(?i)(?:^|[\s_-])(?:comments?|replies|reply|disqus|discussion)(?:$|[\s_-])")


def _comment_threads(tree: HtmlElement) -> list[HtmlElement]:
    return [el for el in tree.iter() if isinstance(el.tag, str) and _COMMENTS.search(f"{el.get('class', '')} {el.get('id', '')}")]


def _without_comments(tree: HtmlElement) -> HtmlElement:
    """The page without its comment threads (a copy; the page itself if it has none),
    whose timestamps are the readers' and not the article's (the date guesser would
    otherwise take them)."""
    if not _comment_threads(tree):
        return tree
    copy = deepcopy(tree)
    for el in _comment_threads(copy):
        if el.getparent() is not None:  # the root has no parent to drop it from
            el.drop_tree()
    return copy


def _local_day(dt: datetime, url: str) -> str:
    """The day readers saw. An instant stated only in UTC falls on the next or previous
    day for newsrooms far from Greenwich (a Los Angeles story filed at 17:00 is 01:00Z);
    when the URL carries a day that the instant falls on in some real zone (UTC-12 to
    UTC+14), that is the newsroom's day."""
    day = dt.date().isoformat()
    if dt.utcoffset() not in (None, timedelta(0)):
        return day
    url_day = _url_date(url)
    if url_day is None or url_day.date().isoformat() == day:
        return day
    utc = to_utc(dt).replace(tzinfo=None)
    if (utc - timedelta(hours=12)).date() <= url_day.date() <= (utc + timedelta(hours=14)).date():
        return url_day.date().isoformat()
    return day


def _stated_date(
    tree: HtmlElement, html: str, url: str, pm: PageMeta, fetched_at: datetime
) -> tuple[datetime | None, str | None, str | None]:
    """(published_at UTC, local day, source) from the page's machine-readable statements."""

    def ok(raw: str | None) -> tuple[datetime, bool] | None:
        got = parse_datetime(raw)
        if got is None or not plausible(got[0], fetched_at):
            return None
        return got

    candidates: list[tuple[str, Any]] = []
    for v in pm.article_values("datePublished"):
        candidates.append(("jsonld", v))
    for k in _META_DATE_KEYS:
        for v in pm.meta.get(k, ()):
            candidates.append(("meta:" + k, v))
    for v in pm.itemprops.get("datepublished", ()):
        candidates.append(("itemprop", v))
    for v in pm.article_values("dateCreated"):
        candidates.append(("jsonld-created", v))
    for obj in pm.pages:
        if obj.get("datePublished"):
            candidates.append(("jsonld-page", obj["datePublished"]))
    for v in _time_elements(tree):
        candidates.append(("time", v))

    for source, raw in candidates:
        for s in iter_strings([raw]):
            got = ok(s)
            if got:
                dt, _ = got
                # the same instant is often stated twice, once in UTC and once in the
                # newsroom's zone: the local statement gives the day readers saw
                if dt.utcoffset() in (None, timedelta(0)):
                    for _, raw2 in candidates:
                        for s2 in iter_strings([raw2]):
                            got2 = parse_datetime(s2)
                            if (
                                got2
                                and got2[0].utcoffset() not in (None, timedelta(0))
                                and abs(to_utc(got2[0]) - to_utc(dt)) <= timedelta(minutes=1)
                            ):
                                dt = got2[0]
                                break
                        else:
                            continue
                        break
                return to_utc(dt), _local_day(dt, url), source

    d = _url_date(url)
    if d is not None and plausible(d, fetched_at):
        return d.replace(tzinfo=UTC), d.date().isoformat(), "url"

    if (pm.first("og:type") or "").strip().lower() in _UNDATED_OG_TYPES:
        return None, None, None  # a profile or product page: no publication date to guess
    try:
        from htmldate import find_date

        bounds: dict[str, str] = {"max_date": to_utc(fetched_at).strftime("%Y-%m-%d")}
        ym = _url_month(url)
        if ym:  # a year/month in the URL bounds the search to that month
            y, m = ym
            last = (datetime(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)).day
            bounds = {"min_date": f"{y:04d}-{m:02d}-01", "max_date": min(bounds["max_date"], f"{y:04d}-{m:02d}-{last:02d}")}
        found = find_date(_without_comments(tree), url=url, original_date=True, extensive_search=True, **bounds)
    except Exception as exc:  # noqa: BLE001 - htmldate is a best-effort fallback
        LOG.debug("htmldate failed: %s", exc)
        found = None
    if found and not found.endswith("-01-01"):  # a bare year (copyright line) read as 1 January
        got = ok(found)
        if got:
            return to_utc(got[0]), got[0].date().isoformat(), "htmldate"
    return None, None, None


# Dates as the reader sees them in the page text ("Updated December 26, 2023 10:48 AM",
# "Posted: 22 Dec 2023"): English month names and ISO days.
_MONTH_RX = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_VISIBLE_DATE = re.compile(
    r"(?i)\b(?:" + _MONTH_RX + r"\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)"
    r"|(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH_RX + r"\.?,?\s+((?:19|20)\d\d)"
    r"|((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))(?!\d)"
)
_DATE_KIND = re.compile(r"(?i)(published|posted|first\s+published|updated|modified|last\s+updated)")
_NOT_VISIBLE = ("script", "style", "noscript", "template", "head", "title", "option", "svg")


def _visible_dates(tree: HtmlElement, limit: int = 40) -> list[tuple[str, str | None, int]]:
    """(YYYY-MM-DD, "pub" | "upd" | None, offset in the text) for dates written in the
    page's visible text, in page order; the kind comes from a "Published"/"Updated"
    word just before the date."""
    body = tree.find(".//body")
    if body is None:
        body = tree
    parts: list[str] = []
    for el in body.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _NOT_VISIBLE or not isinstance(el.tag, str):
            # skip the element's own text; its tail is visible text of the parent
            if el.tail and el is not body:
                parts.append(el.tail)
            continue
        if el.text:
            parts.append(el.text)
        if el.tail and el is not body:
            parts.append(el.tail)
    # (iter() is document order for text; a tail follows its element's subtree, so
    # ordering is approximate inside an element: good enough to find the byline)
    text = " ".join(parts)
    out: list[tuple[str, str | None, int]] = []
    for m in _VISIBLE_DATE.finditer(text):
        g = m.groups()
        try:
            if g[0]:
                d = datetime(int(g[2]), _MONTHS[g[0][:3].lower()], int(g[1]))
            elif g[3]:
                d = datetime(int(g[5]), _MONTHS[g[4][:3].lower()], int(g[3]))
            else:
                d = datetime(int(g[6]), int(g[7]), int(g[8]))
        except (ValueError, KeyError):
            continue
        kinds = _DATE_KIND.findall(text[max(0, m.start() - 40) : m.start()])
        kind = None
        if kinds:
            k = kinds[-1].lower()
            kind = "upd" if ("updated" in k or "modified" in k) else "pub"
        out.append((d.date().isoformat(), kind, m.start()))
        if len(out) >= limit:
            break
    return out


def _modified_dates(pm: PageMeta, fetched_at: datetime) -> list[datetime]:
    raws: list[Any] = list(pm.article_values("dateModified"))
    for k in ("article:modified_time", "og:updated_time", "datemodified", "dcterms.modified"):
        raws.extend(pm.meta.get(k, ()))
    raws.extend(pm.itemprops.get("datemodified", ()))
    raws.extend(o["dateModified"] for o in pm.pages if o.get("dateModified"))
    out = []
    for s in iter_strings(raws):
        got = parse_datetime(s)
        if got and got[1] and plausible(got[0], fetched_at):
            out.append(got[0])
    return out


def _days(dt: datetime) -> set[str]:
    """The day as stated (in the statement's own zone) and the day in UTC."""
    return {dt.date().isoformat(), to_utc(dt).date().isoformat()}


_BYLINE_SPAN = 200  # characters: "Updated Dec. 23 ... / Published Dec. 22" sit this close


def _find_date(
    tree: HtmlElement, html: str, url: str, pm: PageMeta, fetched_at: datetime
) -> tuple[datetime | None, str | None, str | None]:
    """(published_at UTC, local day, source).

    The publication date is the one the article shows its readers. Pages state
    several dates in their markup (published, modified, the URL's); when the page
    text displays one of them, that one wins. Often the only date displayed at the
    head of the article is the update ("Updated December 26"), which is what readers
    (and archives) take as the article's date; a "Published" date printed right
    beside it in the same byline is preferred to it. Only dates that agree with a
    stated day count, so dates of other stories listed on the page are not picked up.
    """
    published_at, day, source = _stated_date(tree, html, url, pm, fetched_at)
    stated: list[tuple[datetime, set[str], str]] = []
    if published_at is not None and day is not None:
        stated.append((published_at, {day}, source or ""))
    for dt in _modified_dates(pm, fetched_at):
        stated.append((to_utc(dt), _days(dt), "modified"))
    if len(stated) < 2 or all(day in days for _, days, _ in stated):
        return published_at, day, source  # nothing to choose between
    agreeing = []
    for vday, kind, pos in _visible_dates(tree):
        for dt, days, src in stated:
            if vday in days:
                agreeing.append((vday, kind, pos, dt, src))
                break
    if not agreeing:
        return published_at, day, source
    first = agreeing[0]
    if first[1] != "pub":
        for cand in agreeing[1:]:
            if cand[2] - first[2] > _BYLINE_SPAN:
                break
            if cand[1] == "pub":
                first = cand
                break
    vday, _, _, dt, src = first
    if vday == day:
        return published_at, day, source
    return dt, vday, "visible+" + src


# ---------------------------------------------------------------- title

_SEPARATORS = re.compile(r"\s+(?:[|\-–—·•»«:/~]|::|\\|>>)\s+")


def _h1s(tree: HtmlElement) -> list[str]:
    out = []
    for el in tree.iter("h1"):
        t = _clean(el.text_content())
        if t and 3 <= len(t) <= 400:
            out.append(t)
    return out


def _site_names(pm: PageMeta, url: str) -> list[str]:
    names = [n for n in (pm.first("og:site_name"), pm.first("application-name"), pm.first("twitter:site")) if n]
    names += pm.organizations
    host = (urlsplit(url).hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    if host:
        names.append(host)
        names.append(host.split(".")[0])
    return [n.lstrip("@") for n in names]


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


_PREFIX = re.compile(r"^([^:|]{2,40}?)\s*:\s+(.{8,})$")


def _strip_site(title: str, sites: list[str]) -> str:
    m = _PREFIX.match(title)
    if m and _is_site_fragment(m.group(1), sites):
        title = m.group(2)
    parts = _SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    # drop leading / trailing fragments naming the site
    while len(parts) > 1 and _is_site_fragment(parts[-1], sites):
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


def _common_affix_strip(a: str, others: list[str]) -> str:
    """Strip a " | X" suffix or "X: " prefix that differs from another candidate only by it."""
    na = _norm(a)
    for o in others:
        no = _norm(o)
        if no and no != na and len(no) >= 10:
            if na.startswith(no) or na.endswith(no):
                return o
    return a


_MEDIA_TAG = re.compile(r"\W*[\[(](?:watch|video|videos|photos?|pics|gallery|listen|audio|podcast|live|updated?|poll)[\])]\W*", re.I)


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


def _headline_like(h1: str, stated: set[str]) -> bool:
    words = _norm(h1).split()
    if len(words) == 1:
        return len(h1) >= 8 and not h1.isascii()  # a CJK headline has no spaces
    if len(words) >= 3:
        return True
    said = {w for s in stated for w in s.split() if len(w) > 3}
    return any(w in said for w in words if len(w) > 3)


def _find_title(tree: HtmlElement, pm: PageMeta, url: str) -> str | None:
    sites = _site_names(pm, url)
    h1s = _h1s(tree)
    raw: list[tuple[str, str]] = []
    for v in pm.article_values("headline"):
        for s in texts_of(v)[:1]:
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
    cands = [(src, s) for src, s in cands if s]
    texts = [s for _, s in cands]
    cands = [(src, _common_affix_strip(s, texts + h1s)) for src, s in cands]
    stated = {_norm(s) for _, s in cands}
    # an <h1> built of a label element ("Opinion", "SNYDE |") and the headline that a
    # stated title gives alone: the label is the section, not part of the headline
    for el in tree.iter("h1"):
        kids = [c for c in el if isinstance(c.tag, str)]
        if len(kids) >= 2:
            label = _norm(kids[0].text_content())
            rest = _clean(" ".join(c.text_content() for c in kids[1:]))
            if label and len(label.split()) <= 3 and rest and _norm(rest) in stated and not _norm(el.text or ""):
                return rest
    # an <h1> that a stated title agrees with is the headline as displayed
    for h in h1s:
        if _norm(h) in stated:
            return h
    # an <h1> that is a stated title plus a media tag ("[Watch]", "(VIDEO)"): the
    # tag labels the page furniture (a player), the stated title is the headline
    for h in h1s:
        for _, s in cands:
            extra = _h1_extra(h, s)
            if extra is not None and not extra[0] and _MEDIA_TAG.fullmatch(extra[1]):
                return s
    for h in h1s:
        nh = _norm(h)
        if len(nh) >= 10 and any(nh in s or s in nh for s in stated if len(s) >= 10):
            # prefer the stated form when it is the longer agreement
            return h
    # one <h1> that no statement agrees with: the statements are social or search
    # variants ("Discover the New ... - PurseBlog"), the h1 is what readers see;
    # unless it is the site's name (a logo in an <h1>) or a short section name
    # ("World News") sharing no word with any statement
    if len(h1s) == 1 and not _is_site_fragment(h1s[0], sites) and _headline_like(h1s[0], stated):
        return h1s[0]
    if cands:
        return cands[0][1]
    return h1s[0] if h1s else None


# ---------------------------------------------------------------- authors, tags, misc

_BY = re.compile(r"^(?:by|von|par|por|di|door|от|автор[ы]?:?)\s+", re.I)
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|\bund\b|\bet\b|\by\b|\bи\b|、|，)\s*")


def _authors(pm: PageMeta) -> list[str]:
    raw: list[str] = []
    for v in pm.article_values("author"):
        raw.extend(texts_of(v))
    if not raw:
        for v in pm.article_values("creator"):
            raw.extend(texts_of(v))
    if not raw:
        raw = pm.all("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl", "cxenseparse:author")
        raw = [r for r in raw if not r.startswith(("http://", "https://", "www."))]
    out: list[str] = []
    seen = set()
    for r in raw:
        r = _BY.sub("", _clean(r) or "")
        for name in _AUTHOR_SPLIT.split(r):
            name = name.strip(" .-|")
            if not name or len(name) > 80 or name.startswith(("http://", "https://")):
                continue
            key = name.casefold()
            if key not in seen:
                seen.add(key)
                out.append(name)
    return out


def _tags(pm: PageMeta) -> list[str]:
    raw: list[str] = []
    for v in pm.article_values("keywords"):
        if isinstance(v, str):
            raw.extend(v.split(","))
        else:
            raw.extend(texts_of(v))
    raw += pm.all("article:tag", "news_keywords", "parsely-tags", "sailthru.tags")
    if not raw:
        kw = pm.first("keywords")
        if kw:
            raw.extend(kw.split(","))
    for v in pm.article_values("articleSection"):
        raw.extend(texts_of(v))
    raw += pm.all("article:section")
    out: list[str] = []
    seen = set()
    for r in raw:
        for t in (r.split(",") if "," in r else [r]):
            t = _clean(t)
            if t and len(t) <= 80 and t.casefold() not in seen:
                seen.add(t.casefold())
                out.append(t)
    return out[:50]


def _lang_code(value: str | None) -> str | None:
    if not value:
        return None
    v = value.strip().split(",")[0].strip().replace("_", "-")
    if not re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", v):
        return None
    return v.split("-")[0].lower()


def _tick(timings: dict[str, float] | None, stage: str, t0: float) -> float:
    now = time.perf_counter()
    if timings is not None:
        timings[stage] = timings.get(stage, 0.0) + now - t0
    return now


# ---------------------------------------------------------------- main API


def extract_article(
    html: str,
    url: str,
    settings: ExtractSettings | None = None,
    *,
    fetched_at: datetime | None = None,
    timings: dict[str, float] | None = None,
) -> Extracted | None:
    """Article fields from one page, or None (reason logged) when there is no article.

    `timings`, when given, accumulates seconds per stage (parse, meta, body, date, ...).
    """
    settings = settings or ExtractSettings()
    fetched_at = fetched_at or datetime.now(UTC)
    t0 = time.perf_counter()
    if not html or not html.strip():
        LOG.info("no article: empty page %s", url)
        return None
    tree = _load_tree(html)
    t0 = _tick(timings, "parse", t0)
    if tree is None:
        LOG.info("no article: unparseable HTML %s", url)
        return None
    pm = read_page_meta(tree)
    t0 = _tick(timings, "meta", t0)

    title = _find_title(tree, pm, url)
    _tick(timings, "title", t0)
    text, method = _choose_body(tree, url, pm, title, settings, timings)
    t0 = time.perf_counter()
    if not text or len(text) < settings.min_text_chars:
        LOG.info("no article: text too short (%d chars < %d) %s", len(text or ""), settings.min_text_chars, url)
        return None
    published_at, day, date_source = _find_date(tree, html, url, pm, fetched_at)
    t0 = _tick(timings, "date", t0)

    og_locale = pm.first("og:locale")
    content_lang = pm.first("content-language", "language", "dc.language")
    page_language = _lang_code(pm.html_lang) or _lang_code(og_locale) or _lang_code(content_lang)
    for v in pm.article_values("inLanguage"):
        page_language = page_language or _lang_code(text_of(v))

    image = pm.first("og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src")
    if not image:
        for v in pm.article_values("image"):
            image = image_of(v)
            if image:
                break
    canonical = pm.canonical or pm.first("og:url")
    site_name = pm.first("og:site_name", "application-name")
    if not site_name:
        for v in pm.article_values("publisher"):
            site_name = text_of(v)
            if site_name:
                break
    description = pm.first("og:description", "description", "twitter:description")
    if not description:
        for v in pm.article_values("description"):
            description = text_of(v)
            if description:
                break

    out = Extracted(
        title=title,
        text=text,
        authors=_authors(pm),
        published_at=published_at,
        site_name=_clean(site_name),
        description=_clean(description),
        tags=_tags(pm),
        image_url=urljoin(url, image) if image else None,
        page_language=page_language,
        og_locale=og_locale,
        html_lang=pm.html_lang,
        canonical_url=urljoin(url, canonical) if canonical else None,
        method=method,
        published_day=day,
        date_source=date_source,
    )
    _tick(timings, "fields", t0)
    return out


# ---------------------------------------------------------------- parallel


def _extract_chunk(chunk: list[tuple], settings: ExtractSettings) -> list[Extracted | None]:
    out = []
    for html, url, *rest in chunk:  # (html, url) or (html, url, fetched_at, ...)
        try:
            out.append(extract_article(html, url, settings, fetched_at=rest[0] if rest else None))
        except Exception:  # noqa: BLE001 - one bad page must not sink the batch
            LOG.exception("extraction failed: %s", url)
            out.append(None)
    return out


def _warm() -> None:
    import htmldate  # noqa: F401
    import trafilatura  # noqa: F401 - pay the import once per worker, before the first task


def extract_many(
    pages: Iterable[tuple],
    settings: ExtractSettings | None = None,
    workers: int | None = None,
    *,
    chunk_size: int = 8,
) -> Iterator[Extracted | None]:
    """Extract `(html, url)` pages in worker processes; results in input order.

    Workers are recycled after about `settings.max_tasks_per_worker` pages (trafilatura
    and lxml grow over long runs); pages travel in chunks to keep IPC overhead low;
    at most a few chunks per worker are in flight so a long input streams.
    """
    settings = settings or ExtractSettings()
    if workers is None:
        workers = settings.workers
    if workers == 0:
        workers = os.cpu_count() or 1
    if workers <= 1:
        for html, url, *rest in pages:  # (html, url) or (html, url, fetched_at, ...)
            try:
                yield extract_article(html, url, settings, fetched_at=rest[0] if rest else None)
            except Exception:  # noqa: BLE001
                LOG.exception("extraction failed: %s", url)
                yield None
        return

    import multiprocessing as mp

    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["pipeline.extract", "trafilatura", "htmldate"])
    # Recycling: each pool ("generation") lives for about max_tasks_per_worker pages per
    # worker and is then replaced by a fresh one. (ProcessPoolExecutor's own
    # max_tasks_per_child can hang on CPython 3.11 when a worker retires mid-run.)
    per_generation = max(chunk_size, workers * settings.max_tasks_per_worker)
    window = workers * 3
    it = iter(pages)
    exhausted = False
    while not exhausted:
        with ProcessPoolExecutor(workers, mp_context=ctx, initializer=_warm) as pool:
            pending: deque = deque()
            sent = 0
            while sent < per_generation:
                chunk = list(islice(it, min(chunk_size, per_generation - sent)))
                if not chunk:
                    exhausted = True
                    break
                sent += len(chunk)
                pending.append(pool.submit(_extract_chunk, chunk, settings))
                while len(pending) >= window:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
