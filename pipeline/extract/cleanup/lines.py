"""Cleanup rules for single lines, as data: each a named pattern or page signal
(`LINE_RULES`); a line goes when a rule whose length limit it is within names it."""

from __future__ import annotations

import re
from collections.abc import Callable, Container
from dataclasses import dataclass

from ...datetimes import WRITTEN_DATE, WRITTEN_DATE_OTHER
from ..strings import _norm

Drop = Callable[[str, str], None]  # told (rule name, line) of each line a step removes

SENTENCE_END = ".!?\"”’»"  # a sentence ends here; a byline line never does
TERMINAL = SENTENCE_END + ":;"  # ... and a line announcing what follows


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


@dataclass(frozen=True)
class PageSignals:
    """What the page tells of its lines, read once for all line rules."""

    links: set[str] | frozenset[str]  # texts of links within the site
    captions: set[str] | frozenset[str]  # image captions the story does not print
    teasers: set[str] | frozenset[str] = frozenset()  # texts of cards of other stories
    forms: set[str] | frozenset[str] = frozenset()  # texts of boxes around a field a reader types into
    unshown: Container[str] = frozenset()  # texts of small blocks the page's style hides (`blocks.Unshown`)


@dataclass(frozen=True)
class LineRule:
    """One cleanup rule for single lines: its name (logged with what it drops), the
    length a line must stay under to be judged (None: any), and the test."""

    name: str
    max_len: int | None
    drops: Callable[[str, str, PageSignals], bool]  # (line, normalised line, page signals)


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
    LineRule("link to the site's other pages", 200, lambda p, n, pg: n in pg.links and p.rstrip()[-1:] not in TERMINAL),
    LineRule("image caption", None, lambda p, n, pg: n in pg.captions),
    LineRule("card of another story", None, lambda p, n, pg: n in pg.teasers),
    LineRule("sign-up or form box", None, lambda p, n, pg: n in pg.forms),
    LineRule("hidden by the page's style", None, lambda p, n, pg: n in pg.unshown),
    LineRule("page furniture", 250, lambda p, n, pg: _furniture(p)),
    LineRule("date stamp", None, lambda p, n, pg: _is_stamp(p)),
)


def without_named_lines(text: str, page: PageSignals, drop: Drop) -> list[str]:
    """The text's lines, markup the CMS escaped twice taken off ("<a href=...>#tag</a>",
    shown to readers as text), without those a line rule names."""
    out = []
    for p in text.split("\n"):
        if not p.strip():
            continue
        if "<" in p or "[" in p:
            p = _ESCAPED_TAG.sub("", p)
        np_ = _norm(p)
        if not np_:
            continue
        rule = next((r for r in LINE_RULES if (r.max_len is None or len(p) < r.max_len) and r.drops(p, np_, page)), None)
        if rule is not None:
            drop(rule.name, p)
            continue
        out.append(p)
    return out
