"""Cleanup rules as data: what trafilatura keeps that is not the article, each
rule a named pattern or page signal (link texts, captions) applied to its lines."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import lxml.etree
import lxml.html
from lxml.html import HtmlElement

from ..datetimes import WRITTEN_DATE, WRITTEN_DATE_OTHER, written_days
from .authors.bylines import LONE_OPENER, byline_line_names
from .jsonld import PageMeta, texts_of
from .sites import link_texts
from .strings import _is_prose, _norm, _weight

LOG = logging.getLogger(__name__)


def _dedup_paragraphs(paras: list[str], min_len: int = 40) -> list[str]:
    """Drop repeated paragraphs (a pull quote, a standfirst shown again, a widget's
    message), except a heading of the page's structure: a line printed three times
    or more, each time followed by a different paragraph of prose (the same question
    put to each person of an interview series, a product's name over each review)."""
    keys = [_norm(p) for p in paras]
    follow: dict[str, list[str]] = {}
    for i, k in enumerate(keys):
        if len(k) >= min_len:
            nxt = paras[i + 1] if i + 1 < len(paras) else ""
            follow.setdefault(k, []).append(nxt if _is_prose(nxt) else "")
    structure = {k for k, f in follow.items() if len(f) >= 3 and all(f) and len(set(f)) == len(f)}
    seen: set[str] = set()
    out = []
    for para, key in zip(paras, keys):
        if len(key) >= min_len and key not in structure:
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
        follow\s+(?:us|the\b|\w+\s+on\b|@|(?:[\w.’'-]+\s+){1,5}on\s+
            (?:instagram|twitter|x|facebook|threads|tiktok|linkedin|bluesky|youtube|snapchat)\b) |
        also\s+read\b | tell\s+us\s+what\s+you\s+think\b | more\s+(?:great\s+)?(?:[\w.’'-]+\s+){0,2}stories\s*$ |
        (?:required|recommended|must)\s+read(?:ing)?\s*: | listen\s+(?:to|on)\b | watch\s*:|share\s+(?:this|on)\b | post\s+your\s+comment |
        (?:\d+\s+)?comments?\b\s*$ | copyright\b | ©|\(c\)\s*\d{4} | all\s+rights\s+reserved | cite\s+this\b |
        (?:instagram|twitter|facebook|youtube|tiktok)\s+(?:content|post)\b | gallery\s+credit | image\s+credit | photo\s*:|
        leggi\s+anche | lesen\s+sie\s+(?:auch|mehr) | mehr\s+zum\s+thema | lire\s+aussi | à\s+lire\s+aussi | lea\s+también | leia\s+também |
        читайте\s+также | смотрите\s+также | подпис(?:ывайтесь|ывайся|аться)\b | подпишитесь\b |
        подписк[аи]\s+на\s+(?:наш|новост|рассылк|канал) | (?:также\s+)?по\s+теме\s*: | фото\s*: | источник\s*: |
        читать\s+(?:далее|полностью|также) | (?:материалы|новости|статьи|публикации)\s+по\s+теме[\W_]*$ |
        все\s+права\s+защищены | больше\s+(?:новостей|материалов)\s+в\s+наш | новости\s+партн[её]ров |
        реклама[\W_]*$ | 广告[\W_]*$ |
        (?:читайте|следите\s+за)\b.{0,50}\b(?:telegram|телеграм|дзен|max|vk|вконтакте|одноклассник) |
        相关(?:阅读|新闻|文章) | 延伸阅读 | 推荐阅读 | (?:图片|文章|稿件|信息|本文)?来源\s*[:：] |
        (?:点击)?(?:查看|阅读)(?:更多|全文|原文)[\W_]*$ |
        原标题\s*[:：] | 点击进入 | 版权声明\s*[:：] | 转载请注明 | 本文来自.{0,20}[，,].{0,40}(?:下载|关注)
    )""",
    re.I | re.X,
)
_ESCAPED_TAG = re.compile(
    r"</?(?:a|b|i|em|strong|span|p|br|div|u|sup|sub)(?:\s[^<>]*)?/?>"
    r"|\[/?(?:button|caption|embed|gallery|video|audio|vc_\w+|et_pb_\w+)(?:\s[^\[\]]*)?\]",  # WordPress shortcodes left in
    re.I,
)
# a share, comment or print button's label printed as a line of its own (a floating share
# bar: "- 评论", "- 关注", "分享让更多人看到", "Поделиться"; a Chinese site's call to scan its QR
# code or download its app: "扫一扫，关注我们", "立即下载"), or a Chinese dispatch's end mark
# "（完）": a line that is nothing else
_WIDGET_LINE = re.compile(
    r"""(?ix)^[\W_]*(?:
        share | print | email | e-mail | like | tweet | save |
        分享(?:到|让更多人看到)? | 评论 | 關注 | 关注 | 收藏 | 点赞 | 打印(?:本页)? | 关闭(?:本页|窗口) | 纠错 | 返回顶部 |
        扫一扫.{0,12}手机.{0,12} | 扫(?:一扫|码).{0,16} | 扫描(?:下方|上方)?二维码.{0,16} |
        (?:立即|马上|点击)(?:下载|订阅) | 下载.{0,4}(?:客户端|app).{0,12} | 完 |
        поделиться(?:\s+в\s+(?:соцсетях|социальных\s+сетях))? | комментари[ийя] | комментировать | печать |
        версия\s+для\s+печати | распечатать |
        更多 | 返回(?:首页|顶部|列表) | 字号.{0,8} | 分享到.{0,24} |
        loading | загрузка | 加载中 |  # a player's or a widget's placeholder
        \d{1,2}\+  # an age rating ("18+"), which Russian sites print
    )[\W_]*$"""
)
# a story's pages as a line of links ("上一页 1 2 3 下一页", "第1页 第2页", "« Предыдущая 1 2 Следующая »")
_PAGINATION = re.compile(
    r"(?i)^[\s\d<>«»‹›…|]*(?:(?:上一页|下一页|首页|尾页|末页|第\s*\d+\s*页|共\s*\d+\s*页"
    r"|(?:prev(?:ious)?|next|предыдущая|следующая)(?:\s+(?:page|страница))?"
    r"|(?:page|страница)(?:\s*\d+\s*(?:of|из))?)"
    r"[\s\d<>«»‹›…|]*)+$"
)
_BRACKETED = re.compile(r"【([^【】]{1,20})】")
_EDITOR_CREDIT = re.compile(r"^\s*(?:责编|责任编辑|编辑)\s*[:：]\s*[\u4e00-\u9fff·、，,\s]{2,20}$")


_ROW_GAP = re.compile(r"[\s|·/]+")


def _button_row(p: str) -> bool:
    """A row of buttons printed as one line: bracketed buttons and credits ("【纠错】
    【责任编辑:王五】", Xinhua's foot), every piece a button's label or the editor's credit;
    or labels apart by spaces or bars, every one a button's."""
    pieces = _BRACKETED.findall(p)
    if len(pieces) >= 2 and not _BRACKETED.sub("", p).strip():
        return all(_WIDGET_LINE.match(x) or _EDITOR_CREDIT.match(x) for x in pieces)
    # the buttons' labels set apart by spaces or bars ("打印本页 关闭窗口", "Share | Print")
    pieces = [x for x in _ROW_GAP.split(p) if x]
    return len(pieces) >= 2 and all(_WIDGET_LINE.match(x) for x in pieces)


_SLOT_NAME = re.compile(r"^[a-z]+(?:-[a-z]+)+$")  # "in-content", "cm-unit": ad-slot labels printed as text
_ALLCAPS_TAG = re.compile(r"\[(?:[A-Z ]{3,20})\]\|?$")  # "Headline [VIDEO]" cross-links
_BARE_URL = re.compile(r"^(?:https?://|www\.)\S+$")
# a widget's template shown before its script filled it in ("Get email notifications on
# {{subject}} daily!", "{{description}}"): no story prints one
_PLACEHOLDER = re.compile(r"\{\{\s*[A-Za-z_][\w.]*\s*\}\}")


def _menu_texts(tree: HtmlElement, url: str = "") -> set[str]:
    """Texts of all links to the site's other pages, however short ("News"): a run of
    them opening or closing the text is a menu (`_without_menu_runs`). Links out to
    other sites (the shops of a deals post, the sources of a round-up) are what the
    article offers its readers and do not count."""
    return link_texts(tree, url)[0]


def _link_texts(menu: set[str], headings: set[str] | frozenset[str] = frozenset()) -> set[str]:
    """Of the texts of links to the site (`_menu_texts`), those long enough to be
    cross-links to its other stories: 12 in Latin-letter terms (a Chinese link of four
    characters counts), so a story's short line that is also a link's text stays; and
    none of the story's own section headings (`_section_heading_links`)."""
    return {t for t in menu if _weight(t) >= 12 and t not in headings}


_SECTION_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})


def _prose_size(el: HtmlElement) -> int:
    """The length of a `<p>` of running prose that is not mostly the text of its links
    (an excerpt of the story's own, not a list of cross-links); 0 for any other element."""
    if el.tag != "p":
        return 0
    text = el.text_content()
    linked = sum(len(a.text_content()) for a in el.iter("a"))
    return len(text) if _is_prose(" ".join(text.split())) and linked * 2 < len(text) else 0


def _whole_link(h: HtmlElement) -> str:
    """The normalised text of a heading that is one link and nothing else, or ""."""
    links = list(h.iter("a"))
    t = _norm(h.text_content())
    return t if len(links) == 1 and t and _norm(links[0].text_content()) == t else ""


def _section_heading_links(tree: HtmlElement) -> set[str]:
    """Texts of links that are the whole of a heading of the story's own sections: a
    round-up names each bar, product or place it writes about by a link to the site's
    page on it (`<h2><a href="/tag/boundary-stone">Boundary Stone</a></h2>`), and those
    headings are the story's, not cross-links. They stand in the story's flow, as
    siblings of its paragraphs: prose before the first of them (the story's opening),
    and at least half of the prose among them under them. A card of another story holds
    its headline and excerpt alone; a "More reviews to read" box of linked headings
    closing a review holds a small part of its prose."""
    groups: dict[HtmlElement, dict[HtmlElement, str]] = {}  # parent -> its linked headings and their texts
    for h in tree.iter(*_SECTION_TAGS):
        if (parent := h.getparent()) is not None and (t := _whole_link(h)):
            groups.setdefault(parent, {})[h] = t
    out: set[str] = set()
    for parent, heads in groups.items():
        level = min(h.tag for h in heads)  # "h2" < "h3": the sections' level
        opening = under = total = 0
        inside = None  # None: before the first linked heading
        for el in parent:
            if el in heads:
                inside = True
            elif el.tag in _SECTION_TAGS and el.tag <= level and inside is not None:
                inside = False  # another section of the story, none of theirs
            elif size := _prose_size(el):
                total += size
                under += size if inside else 0
                opening += size if inside is None else 0
        if opening and under * 2 >= total:
            out.update(heads.values())
    return out


_MENU_RUN = 5  # lines: a menu, not a story's one or two linked lines


_GLUED_MAX = 400  # characters of a line read as a menu printed in one line


def _glued_links(line: str, menu: set[str] | frozenset[str]) -> int:
    """How many texts of links to the site a line is, end to end and nothing else (an
    old template's menu cell, "| ПолитикаЭкономикаСпорт |", its links printed glued or
    spaced), or 0: the fewest links that spell it, each a whole link's text."""
    target = "".join(_norm(line).split())
    if not target or len(line) > _GLUED_MAX:
        return 0
    texts = {t for t in ("".join(m.split()) for m in menu) if len(t) >= 2}  # (an A-Z index's letters spell words)
    best = [0] + [-1] * len(target)  # links spelling target[:i], -1: none do
    for i in range(len(target)):
        if best[i] < 0:
            continue
        for t in texts:
            if target.startswith(t, i) and (best[i + len(t)] < 0 or best[i + len(t)] > best[i] + 1):
                best[i + len(t)] = best[i] + 1
    return max(best[-1], 0)


def _without_menu_runs(lines: list[str], menu: set[str] | frozenset[str], drop: Callable[[str, str], None]) -> list[str]:
    def run(seq: list[str]) -> int:
        """Lines opening `seq` that are links' texts, and how many links they print (a
        line may be a whole menu glued, `_glued_links`)."""
        n = links = 0
        while n < len(seq) and seq[n].rstrip()[-1:] not in _TERMINAL:
            k = 1 if _norm(seq[n]) in menu else _glued_links(seq[n], menu)
            if k < 1 or k == 1 and _norm(seq[n]) not in menu:
                break
            n, links = n + 1, links + k
        return n if links >= _MENU_RUN else 0

    head = run(lines)
    if head and head < len(lines):
        for p in lines[:head]:
            drop("menu of the site's links", p)
        lines = lines[head:]
    tail = run(lines[::-1])
    if tail and tail < len(lines):
        for p in lines[len(lines) - tail:]:
            drop("menu of the site's links", p)
        lines = lines[: len(lines) - tail]
    return lines


_CAPTIONS = lxml.etree.XPath("//figcaption | //*[contains(@class, 'aption')]")  # caption, imageCaption, wp-caption-text


def _image_before(p: HtmlElement) -> HtmlElement | None:
    """The block before `p` (comments aside) when it is an image with no text."""
    prev = p.getprevious()
    while prev is not None and not isinstance(prev.tag, str):  # comments between them
        prev = prev.getprevious()
    if prev is not None and (prev.tag == "img" or next(prev.iter("img", "picture"), None) is not None
                             and not prev.text_content().strip()):
        return prev
    return None


_CENTRED = re.compile(r"text-align\s*:\s*center", re.I)


def _centred(el: HtmlElement) -> bool:
    return bool(_CENTRED.search(el.get("style") or "")) or (el.get("align") or "").lower() == "center"


def _italic_captions(tree: HtmlElement) -> list[HtmlElement]:
    """Paragraphs set wholly in italics right under an image: the caption as a plain
    editor writes it (<p><img></p><p><em>Jane Doe at the pier in May. (AP)</em></p>);
    and paragraphs centred under a centred image, as Chinese outlets caption a photo
    (<p style="text-align: center"><img></p><p style="text-align: center">…</p>)."""
    out = []
    for em in tree.iter("em", "i"):
        p = em.getparent()
        if p is None or p.tag != "p" or len(p) != 1 or (p.text or "").strip() or (em.tail or "").strip():
            continue
        if _image_before(p) is not None:
            out.append(p)
    order: list[HtmlElement] = []  # paragraphs with text, in page order: read for a first candidate
    at: dict[HtmlElement, int] = {}
    for p in tree.iter("p"):
        if _centred(p) and (img := _image_before(p)) is not None and (img.tag == "img" or _centred(img)):
            if not at:
                order = [x for x in tree.iter("p") if x.text_content().strip()]
                at = {x: i for i, x in enumerate(order)}
            i = at.get(p)
            # a page that centres its paragraphs too (a poem, quotes of reviews) sets no
            # caption apart: the next paragraph with text, wherever it sits, is not centred
            if i is not None and (i + 1 == len(order) or not _centred(order[i + 1])):
                out.append(p)
    return out


_PIECE_MAX = 40  # characters: a piece of a caption (a credit, its label), not a line of the story
_PIECES_LONG = 12  # characters: pieces this long together are a caption's wherever they sit in it
_PIECES_SHORT = 6  # characters: shorter pieces (not under this) are a caption's only where they close it


_STORY_BLOCKS = ("p", "h2", "h3", "h4", "h5", "h6")  # where a story prints a text a caption also holds


def _caption_pieces(text: str) -> list[tuple[str, list[str]]]:
    """Runs of two to four consecutive short lines, none ending a sentence, normalised
    (each with its text as " a b ", to be found among a caption's words): where a
    caption's credit comes out broken at its inner elements, the pieces of one caption's
    text in a row, `_PIECES_LONG` characters or more together, or fewer where they close
    the caption ("Image:" / "FBI)")."""
    norm = [_norm(ln) if len(ln) < _PIECE_MAX and ln.rstrip()[-1:] not in _SENTENCE_END else "" for ln in text.split("\n")]
    runs: list[tuple[str, list[str]]] = []
    for i in range(len(norm)):
        for k in (2, 3, 4):
            run = norm[i : i + k]
            if len(run) == k and all(run) and len(joined := " ".join(run)) >= _PIECES_SHORT:
                runs.append((f" {joined} ", run))
    return runs


def _caption_texts(tree: HtmlElement, text: str) -> set[str]:
    """Lines of `text` that are image captions, or pieces of one (`_caption_pieces`),
    which the story does not also print as a paragraph or heading (some outlets caption
    a photo with a sentence of the story)."""
    lines = {_norm(ln) for ln in text.split("\n")}
    caps: set[str] = set()
    inside: set[Any] = set()
    pieces: list[tuple[str, list[str]]] | None = None  # read for the first caption not printed whole
    for el in _CAPTIONS(tree) + _italic_captions(tree):
        t = _norm(el.text_content())
        if len(t) < 12:
            continue
        if t in lines:
            caps.add(t)
            inside.update(el.iter())
            continue
        if pieces is None:
            pieces = _caption_pieces(text)
        spaced = f" {t} "
        if found := [run for joined, run in pieces
                     if joined in spaced and (len(joined.strip()) >= _PIECES_LONG or spaced.endswith(joined))]:
            # a credit broken at the caption's inner elements ("Image:" / "Getty Images)")
            caps.update(n for run in found for n in run)
            inside.update(el.iter())
    if not caps:
        return caps
    in_story = {_norm(p.text_content()) for p in tree.iter(*_STORY_BLOCKS) if p not in inside}
    return caps - in_story


# Page furniture printed inside article containers, matched on short paragraphs only:
# calls to subscribe / install an app, affiliate disclosures, "contributed to this
# report" credits, contact lines for the author, a Chinese outlet's editor credit
# ("（责编：X、Y）", "【责任编辑：X】") and a line that is only its reporters' credit ("记者 王五"),
# a Chinese photo caption closing with its credit ("… 新华社记者 王五 摄"), the Russian
# sites' "found a mistake? press Ctrl+Enter", a Russian advertisement's label ("Реклама. ООО …,
# erid: 2Vtz…"), a paywall's gate under a story cut short ("Continue reading with a
# subscription", "Полная версия статьи доступна только подписчикам", "本文为付费内容").
# Both are matched against the line lowercased, without re's IGNORECASE: a
# case-insensitive alternation costs twice as much, and the forms a line opens with
# are tried at its start only (`match`), not at each of its characters: together
# ~1.3 ms a page less. The forms that open a line:
_FURNITURE_LINE = re.compile(
    r"""(?x)
    stay\s+connected$ | trending\s+(?:this\s+week|now)$ | most\s+(?:read|popular|viewed)\b.{0,30}$ |
    you\s+(?:may|might)\s+(?:also\s+)?like$ |
    (?:fact-checked|peer-reviewed\s+publication|trusted\s+source|reputable\s+news\s+agency|proofread)$ |
    includes\s+information\s+from\b |
    \W{0,3}(?:contact|email|reach)\s.{0,60}\bat\b.{0,80}@ | you\s+can\s+(?:email|reach|contact)\b
    | we\s+need\s+your\s+help\W*$
    | [（(【\[]?\s*(?:责编|责任编辑|编辑|审核|校对|编审)\s*[:：][^。！？]{1,40}[)）】\]]?$
    | (?:本报)?(?:记者|通讯员)\s*[:：]?\s*[\u4e00-\u9fff·、，\s]{2,30}$
    | [（(【\[]\s*(?:责编|责任编辑|编辑|本报记者|记者|通讯员)\s*[\u4e00-\u9fff·、，\s]{2,30}[)）】\]]$  # "（编辑 张三）"
    | (?:при\s+)?(?:использовани[еи]|перепечатк[аеи]|копировани[еи])\s+материалов\b.{0,80}(?:ссылк|сайт|редакци|правообладател)
    | [^。]{0,16}(?:请|欢迎)(?:下载|打开).{0,8}(?:客户端|app)[\W_]*$
    | (?:have|got)\s+a\s+(?:news\s+)?tip\b.{0,80}(?:@|email|contact)
    | read\s+the\s+full\s+(?:report|story|article|statement|text|interview)\s+here\W*$
    | (?:to\s+)?continue\s+reading(?:\s+this\s+(?:article|story))?(?:\s+with\s+an?\b|\s+for\s+free\b|\s*,)
        .{0,80}\b(?:subscri|members?hip|register|sign\s+in|log\s+in)  # a paywall's gate
    | (?:this|the\s+(?:full|rest\s+of\s+this))\s+(?:article|story|content|piece)\s+is\s+(?:available\s+)?(?:for|to)\s+subscribers\s+only
    | (?:чтобы\s+)?продолжить\s+чтение\b.{0,80}подпис
    | (?:полная\s+версия|продолжение|полный\s+текст)(?:\s+(?:статьи|материала))?\s+доступн\w*\s+(?:только\s+)?(?:для\s+)?подписчик
    | (?:本文|此文|该文|本篇(?:文章)?)(?:为|是|属于)付费内容 | [^。]{0,20}订阅[^。]{0,6}后可(?:继续|阅读|查看)[^。]{0,12}。?$
    """
)
# ... and the phrases anywhere in it
_FURNITURE = re.compile(
    r"""(?x)
    special\s+offers,\s+top\s+stories | thank\s+you\s+for\s+subscribing |
    article\s+continues\s+below | start\s+your\s.{0,40}premium\s+subscription |
    this\s+content\s+can\s+also\s+be\s+viewed\s+on\s+the\s+site\s+it\s+originates\s+from |
    be\s+the\s+first\s+to\s+get\s+breaking\s+news | install\s+the\s.{1,40}\sapp\s+for\s+free |
    sign\s+up\s.{0,60}\bnewsletters?\b | (?:delivered|direct(?:ly)?|straight|sent)\s+(?:right\s+|straight\s+)?to\s+your\s+inbox |
    reviewed\s+according\s+to\s.{0,40}\beditorial\s+process |
    independently\s+selected\s+by\s+our\s+editors | affiliate\s+(?:partnerships?|commissions?|links?|programs?) |
    we\s+may\s+earn\s+(?:a\s+)?(?:commission|revenue) | earn\s+an\s+affiliate | receive\s+compensation\s+when\s+you\s+click |
    contributed\s+to\s+this\s+report\.?$
    | sign\s+up\b.{0,80}\bin\s+your\s+inbox | would\s+like\s+to\s+contribute\W*$ |
    ,\s*(?:click|tap)\s+here\W*$ | (?:click|tap)\s+here\s+(?:for|to\s+get)\s+more\s+(?:information|details|info)\b |
    \bmay\s+(?:get|receive|earn)\s+a\s+(?:share|portion|cut)\s+of\s+(?:the\s+)?(?:sale|sales|revenue)\b |
    support\s+(?:our|independent|quality)\s+journalism | make\s+a\s+(?:one-off\s+|monthly\s+)?(?:donation|contribution)\b
    | [\u4e00-\u9fff·]{2,10}\s*摄\s*[)）]?\s*$ | ctrl\s*\+\s*enter
    | (?:不得|禁止|严禁|谢绝)(?:转载|复制) | (?:请|欢迎)关注.{0,20}(?:公众号|微信|微博|抖音|客户端)  # reprint notices, calls to follow
    | \berid\s*[:：]\s*[0-9a-z]{6,}  # a Russian advertisement's marking, which the law asks of every one
    | новости\b.{0,40}\bв\s+наш\w*\s+(?:telegram|телеграм|канал|дзен)  # calls to follow, reprint notices, app prompts
    | подпишитесь\s+на\s+(?:нашу\s+)?рассылку
    """
)


def _furniture(line: str) -> bool:
    low = line.lower()
    return _FURNITURE_LINE.match(low) is not None or _FURNITURE.search(low) is not None
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
# a paragraph that is only a date/time stamp ("Saturday 23 December 2023 05:39, UK",
# "Опубликовано: 1 декабря 2024 г., 16:26 МСК", "发布时间：2024年12月01日 16:26 星期日")
_STAMP_PARTS = re.compile(
    r"(?i)\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?|\b\d{1,2}:\d\d(?::\d\d)?\s*(?:[ap]\.?m\.?)?|"
    r"\b(?:published|updated|posted|last\s+updated|on|at)\b:?|\b(?:[A-Z]{1,4}T|UTC|GMT|ET|PT|CT|MT|UK)\b|[\s,|/•·-]+"
    r"|\b(?:опубликовано|обновлено|изменено|дата\s+публикации|года|г\.|мск|в)(?!\w):?"
    r"|\b(?:понедельник|вторник|среда|четверг|пятница|суббота|воскресенье)\b,?"
    r"|(?:发布|發布|更新|修改)?(?:时间|時間|日期)?[:：]|(?:发布|發布|更新)(?:于|於)?|(?:星期|周|週)[一二三四五六日天]"
    r"|(?:来源|來源|источник)\s*[:：]\s*[^\s|]{1,24}"  # the wire or paper beside the date
)
# "12/05/2023", "05.12.23", and Xinhua's year above its month and day ("2023 12/05")
_NUMERIC_DATE = re.compile(
    r"\b\d{1,2}[/.]\d{1,2}[/.](?:19|20)?\d\d\b|(?<!\d)(?:19|20)\d\d\s*(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])(?![\d/])"
)


def _is_stamp(p: str) -> bool:
    if len(p) > 80:
        return False
    rest, n = WRITTEN_DATE.subn(" ", p)
    rest, n2 = _NUMERIC_DATE.subn(" ", rest)
    rest, n3 = WRITTEN_DATE_OTHER.subn(" ", rest)  # Russian month names, 2024年12月1日, 2024/12/01
    if not n + n2 + n3:
        return p.strip(" -•") in ("Published", "Updated", "Posted")
    # one date and nothing but its weekday, time, zone, "Updated": a date range or a
    # listing ("2009: Alex Prus") is content
    return n + n2 + n3 == 1 and not _STAMP_PARTS.sub("", rest).strip()


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
    out: list[str] = []
    for r in raw:
        for name in _NAME_SPLIT.split(re.sub(r"(?i)^\s*by\s+", "", r)):
            words = _WORD_RUN.findall(name)
            if 2 <= len(words) <= 5 and name not in out:
                out.append(name)
    return out



def _opens_with_name(line: str, names: list[str]) -> bool:
    """Whether the line opens with one of `names` as its subject ("Jane Doe is ...",
    "Jane Doe, a former ..."), not as a speaker ("Jane Doe: ...")."""
    for name in names:
        words = _WORD_RUN.findall(name)
        if re.match(r"^\W{0,3}" + r"\W+".join(map(re.escape, words)) + r"(?![\w:]|\s*:)", line, re.I):
            return True
    return False


def _is_byline_line(line: str) -> bool:
    return len(line) <= 80 and line.rstrip()[-1:] not in _SENTENCE_END and bool(byline_line_names(line))


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
        if _weight(line) >= _KICKER_MAX or line.rstrip()[-1:] in _SENTENCE_END:
            return 0
    return 0


@dataclass(frozen=True)
class LineRule:
    """One cleanup rule for single lines: its name (logged with what it drops), the
    length a line must stay under to be judged (None: any), and the test."""

    name: str
    max_len: int | None
    drops: Callable[[str, str, _Page], bool]  # (line, normalised line, page signals)


@dataclass(frozen=True)
class _Page:
    links: set[str] | frozenset[str]  # texts of links within the site
    captions: set[str] | frozenset[str]  # image captions the story does not print
    teasers: set[str] | frozenset[str] = frozenset()  # texts of cards of other stories


_SENTENCE_END = ".!?\"”’»"  # a sentence ends here; a byline line never does
_TERMINAL = _SENTENCE_END + ":;"  # ... and a line announcing what follows

# Lines trafilatura keeps that are not the article, each named; a line goes when a rule
# whose length limit it is within says so.
LINE_RULES: tuple[LineRule, ...] = (
    LineRule("boilerplate (cross-link / call to action)", 200, lambda p, n, pg: bool(_BOILERPLATE.match(p))),
    LineRule("media-tag cross-link", 200, lambda p, n, pg: bool(_ALLCAPS_TAG.search(p))),
    LineRule("bare URL", 200, lambda p, n, pg: bool(_BARE_URL.match(p))),
    LineRule("ad-slot label", 200, lambda p, n, pg: bool(_SLOT_NAME.match(p))),
    LineRule("share or print button", 30, lambda p, n, pg: bool(_WIDGET_LINE.match(p)) or _button_row(p)),
    LineRule("pagination", 80, lambda p, n, pg: bool(_PAGINATION.match(p))),
    LineRule("unfilled template placeholder", 200, lambda p, n, pg: bool(_PLACEHOLDER.search(p))),
    LineRule("link to the site's other pages", 200, lambda p, n, pg: n in pg.links and p.rstrip()[-1:] not in _TERMINAL),
    LineRule("image caption", None, lambda p, n, pg: n in pg.captions),
    LineRule("card of another story", None, lambda p, n, pg: n in pg.teasers),
    LineRule("page furniture", 250, lambda p, n, pg: _furniture(p)),
    LineRule("date stamp", None, lambda p, n, pg: _is_stamp(p)),
)


_CARD_RUN = 3  # excerpts of cards in a row inside the text: a box of other stories
_EXCERPT_MAX = 300  # characters of a card's excerpt under its dated headline


def _dated_link(line: str, menu: set[str] | frozenset[str]) -> bool:
    """Whether a line is a dated headline of another story: the text of a link to the
    site (20 or more in `_weight`) with a date or time before or after it and nothing else
    ("05.03.2024В городе открылся каток", the date glued to the link)."""
    n = _norm(line)
    if not n or not any(c.isdigit() for c in n):
        return False
    for t in menu:
        if len(t) < len(n) and _weight(t) >= 20 and (n.endswith(t) or n.startswith(t)):
            rest = n[: len(n) - len(t)] if n.endswith(t) else n[len(t):]
            if any(c.isdigit() for c in rest) and (not any(c.isalpha() for c in rest) or written_days(rest, 1)):
                return True
    return False


def _without_dated_link_cards(out: list[str], menu: set[str] | frozenset[str], drop: Callable[[str, str], None]) -> list[str]:
    """The text without a list of other stories closing it whose cards have no heading:
    three or more dated headlines that are links to the site, each with at most one line
    of excerpt under it (Bitrix's news list, the default of many Russian regional sites:
    `<p><span>05.03.2024</span><a><b>Headline</b></a><br>Excerpt</p>`). The first line
    always stays; a story's own list (a round-up's items) prints no date before each."""
    start, cards = len(out), 0
    while start > 1:
        if _dated_link(out[start - 1], menu):
            start, cards = start - 1, cards + 1
        elif start > 2 and len(out[start - 1]) <= _EXCERPT_MAX and _dated_link(out[start - 2], menu):
            start, cards = start - 2, cards + 1
        else:
            break
    if cards < _CARD_RUN:
        return out
    for p in out[start:]:
        drop("dated headlines of other stories closing the text", p)
    return out[:start]


def _without_card_runs(out: list[str], cards: frozenset[str] | set[str], drop: Callable[[str, str], None]) -> list[str]:
    """The text without runs of excerpts of cards of other stories: two or more closing
    it ("Recent", "Popular" lists of <div>s: their headlines went as links to the site,
    their excerpts stay behind; the first line always stays), then three or more inside
    it or two opening it: a "More stories" box between the story and a line that closes
    it (a credit, a correction) is not the text's end; a rail of cards above the story is
    the closing list's mirror."""
    tail = 0
    while tail < len(out) - 1 and _norm(out[len(out) - 1 - tail]) in cards:
        tail += 1
    if tail >= 2:
        for p in out[len(out) - tail:]:
            drop("excerpts of cards of other stories closing the text", p)
        out = out[: len(out) - tail]
    keep: list[str] = []
    run: list[str] = []
    for p in [*out, ""]:
        if p and _norm(p) in cards:
            run.append(p)
            continue
        if len(run) >= _CARD_RUN or len(run) >= 2 and not keep and p:
            # (two opening the text, above the story, are a rail of them as two closing it are a list)
            for q in run:
                drop("run of excerpts of cards of other stories", q)
        else:
            keep.extend(run)
        run = []
        if p:
            keep.append(p)
    return keep


def clean_body(
    text: str,
    title: str | None,
    links: set[str],
    captions: frozenset[str] | set[str] = frozenset(),
    dropped: list[tuple[str, str]] | None = None,
    authors: list[str] | tuple[str, ...] = (),
    teasers: frozenset[str] | set[str] = frozenset(),
    menu: frozenset[str] | set[str] = frozenset(),
    cards: frozenset[str] | set[str] = frozenset(),
) -> str:
    """Drop what trafilatura keeps but is not the article, and only what a rule names:
    the line rules above, then the sources list and the outlet's closing lines at the
    end, the headline repeated at the start, repeated paragraphs. `dropped`, when
    given, receives (rule name, line) for each line removed; `authors` (names the page
    states as its authors) tell the author's bio closing the text; `teasers` are the
    texts of cards of other stories (`blocks.teaser_texts`); `menu` the texts of all
    links to the site (`_menu_texts`)."""
    def drop(rule: str, line: str) -> None:
        if dropped is not None:
            dropped.append((rule, line))

    # markup escaped twice by the CMS is shown to readers as text ("<a href=...>#tag</a>")
    paras = [_ESCAPED_TAG.sub("", p) if "<" in p or "[" in p else p for p in text.split("\n") if p.strip()]
    page = _Page(links, captions, teasers)
    out = []
    for p in paras:
        np_ = _norm(p)
        if not np_:
            continue
        rule = next((r for r in LINE_RULES if (r.max_len is None or len(p) < r.max_len) and r.drops(p, np_, page)), None)
        if rule is not None:
            drop(rule.name, p)
            continue
        out.append(p)
    # a menu opening or closing the text: a run of lines that are each the text of a
    # link to the site, however short ("News", "Sport"): trafilatura's main pass keeps a
    # <nav> of one-word links above a story laid out in <br>-separated lines
    if menu:
        out = _without_menu_runs(out, menu, drop)
        out = _without_dated_link_cards(out, menu, drop)
    if cards:
        out = _without_card_runs(out, cards, drop)
    # sources / footnotes closing the text: a heading past the first third of it
    total = sum(len(p) for p in out)
    seen = 0
    for i, p in enumerate(out):
        if i and seen >= total / 3 and (len(p) < 300 and _SOURCES_HEAD.match(p) or _SOURCES_LEAD.match(p)):
            for q in out[i:]:
                drop("sources list closing the text", q)
            out = out[:i]
            break
        seen += len(p)
    while len(out) > 1 and len(out[-1]) < 500:
        if len(out[-1]) < 400 and (_writers_bio(out[-1], out[:-1]) or _CLOSING.search(out[-1])):
            drop("author's bio / outlet's closing line", out.pop())
        elif authors and _opens_with_name(out[-1], list(authors)):
            # the closing paragraph is about the article's own author ("Jane Doe is our
            # deals editor ...", "Jane Doe, a former ..., is president of ..."): the bio
            drop("author's bio (opens with the author's name)", out.pop())
        else:
            break
    # opening lines: the headline repeated (also below a review badge) and provenance
    # ("This article originally appeared on ...")
    nt = _norm(title)
    if nt and (at := _headline_below_kicker(out, nt)):
        # what the text prints above the headline is no story (a kicker, a section
        # label): the story opens below it
        for p in out[:at]:
            drop("kicker above the headline", p)
        out = out[at:]
    while out and (nt and _is_headline(out[0], nt) or len(out) > 1 and len(out[0]) < 150 and _CLOSING.search(out[0])):
        drop("headline repeated / provenance", out.pop(0))
    # the byline printed as a line of the text ("By Jane Roe", "by MrAJCosplay,"): among
    # the first lines, or the last, a short line that opens a byline and names someone
    for i in sorted({*range(min(3, len(out))), *range(max(len(out) - 2, 0), len(out))}, reverse=True):
        if len(out) > 1 and _is_byline_line(out[i]):
            drop("byline", out.pop(i))
    # a byline's opener alone on a line ("By", "Written by"), its names a link the pass
    # broke off: no text, and the next line goes with it when the two read as a byline
    i = 0
    while i < len(out):
        if len(out) > 1 and LONE_OPENER.fullmatch(out[i]):
            if i + 1 < len(out) and _is_byline_line(f"{out[i]} {out[i + 1]}"):
                drop("byline", out.pop(i + 1))
            drop("byline", out.pop(i))
        else:
            i += 1
    kept = _dedup_paragraphs(out)
    if dropped is not None and len(kept) < len(out):
        rest = list(kept)
        for p in out:
            if rest and p == rest[0]:
                rest.pop(0)
            else:
                drop("repeated paragraph", p)
    return "\n".join(kept)


