"""Render the site (pages, feeds, sitemaps, robots.txt) into bytes, once per server.

Everything is deterministic for a given `base_url` and `today`, so ETags are
stable across requests.
"""

from __future__ import annotations

import hashlib
import json
import struct
import zlib
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from email.utils import format_datetime
from html import escape
from typing import Any
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from .content import (
    DISALLOWED,
    FLAKY,
    LOCALES,
    OUTLETS,
    SLOW,
    ArticleInfo,
    ArticleSpec,
    load_specs,
    published_at,
)

DISALLOWED_PREFIX = "/en/private/"

#: How each feed/sitemap lists an article: suffixes appended to the canonical URL.
#: Every variant must serve the same page (tracking parameters, fragments and a
#: trailing slash are ignored by the server).
FEED_VARIANTS: dict[str, dict[str, tuple[str, ...]]] = {
    "/en/rss.xml": {
        "en1": ("?utm_source=rss&utm_medium=feed&utm_campaign=summit", "/?fbclid=IwAR2xYz_Demo0k"),
        "en2": ("#comments",),
    },
    "/en/sitemap.xml": {"en2": ("/",)},
    "/ru/atom.xml": {"ru1": ("?utm_source=atom&utm_medium=feed",), "ru4": ("#main",)},
    "/ru/sitemap.xml": {"ru4": ("/",)},
    "/zh/news-sitemap.xml": {"zh1": ("?utm_source=sitemap&spm=a2c4g.11186623.0.0",), "zh2": ("/",)},
}


@dataclass(frozen=True)
class Resource:
    body: bytes
    content_type: str
    last_modified: datetime  # UTC
    etag: str
    slow: bool = False
    flaky: bool = False


def _resource(body: bytes, content_type: str, last_modified: datetime, **kw: bool) -> Resource:
    etag = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
    return Resource(body, content_type, last_modified.replace(microsecond=0), etag, **kw)


# --------------------------------------------------------------------------- chrome

CHROME: dict[str, dict[str, Any]] = {  # per outlet: strings and lists of strings
    "en": {
        "nav": ["Home", "World", "Business", "Markets", "Opinion", "Technology", "Sport", "Culture"],
        "cookie": "We use cookies and similar technologies to personalise content and ads, to provide social media features and to analyse our traffic. You can change your choice at any time under Privacy settings.",
        "accept": "Accept all",
        "manage": "Manage preferences",
        "ad_label": "Advertisement",
        "ads": [
            "Upgrade your home office: ergonomic chairs 30% off this week only. Shop now",
            "Fly business class to Singapore from &pound;1,999. Book by Friday",
            "Is your pension on track? Get a free retirement check in 5 minutes",
        ],
        "related": "Related coverage",
        "most_read": "Most read",
        "comments": "Comments",
        "comment_form": "Join the conversation. Please keep comments civil and on topic.",
        "post": "Post comment",
        "newsletter": "Get the Morning Briefing: the day's essential news, in your inbox before 7am.",
        "subscribe": "Sign up",
        "share": "Share this article",
        "topics": "Topics",
        "by": "By",
        "signin": "Sign in",
        "subscribe_top": "Subscribe from &pound;1 a week",
        "footer": [
            "About us", "Contact", "Careers", "Advertise with us", "Privacy policy", "Cookie settings", "Terms of use",
        ],
        "copyright": "&copy; Daily Globe Media Ltd. All rights reserved. This is a fictional site used for software testing; all stories are invented.",
        "premium": "This article is for Premium subscribers.",
        "comment_list": [
            ("BalticWatcher", "Framework, framework, framework. Wake me up when they sign a price."),
            ("J. Whitfield", "Good piece. Would be useful to see a map of the proposed route."),
            ("energy_nerd_88", "Europe's loss is China's bargaining chip. Nothing new here."),
        ],
        "index_title": "Top stories",
    },
    "ru": {
        "nav": ["Главная", "Политика", "Экономика", "Энергетика", "Мнения", "Общество", "Украина", "Спорт"],
        "cookie": "Мы используем файлы cookie, чтобы сделать сайт удобнее. Продолжая пользоваться сайтом, вы соглашаетесь с политикой обработки персональных данных.",
        "accept": "Принять",
        "manage": "Настроить",
        "ad_label": "Реклама",
        "ads": [
            "Вклад &laquo;Максимальный&raquo;: высокая ставка на первые три месяца. Подробнее на сайте банка",
            "Кухни на заказ от производителя. Замер и доставка бесплатно",
            "Курсы английского онлайн: первый урок в подарок",
        ],
        "related": "Читайте также",
        "most_read": "Самое читаемое",
        "comments": "Комментарии",
        "comment_form": "Оставьте комментарий. Комментарии проходят модерацию.",
        "post": "Отправить",
        "newsletter": "Подпишитесь на утреннюю рассылку: главные новости дня в вашем почтовом ящике.",
        "subscribe": "Подписаться",
        "share": "Поделиться",
        "topics": "Темы",
        "by": "Автор:",
        "signin": "Войти",
        "subscribe_top": "Подписка",
        "footer": ["О редакции", "Контакты", "Реклама на сайте", "Политика конфиденциальности", "Пользовательское соглашение"],
        "copyright": "&copy; Сетевое издание Вестник. Все права защищены. Вымышленный сайт для тестирования программ: все материалы придуманы.",
        "premium": "",
        "comment_list": [
            ("Сергей_К", "Опять рамочное соглашение. Посмотрим, когда дойдёт до цены."),
            ("Наталья", "Спасибо за подробный материал, было бы интересно увидеть карту маршрута."),
            ("ivan1975", "Главное, чтобы платежи наконец заработали нормально, а то ждём по три недели."),
        ],
        "index_title": "Главные новости",
    },
    "zh": {
        "nav": ["首页", "国际", "财经", "评论", "科技", "体育", "日本版"],
        "cookie": "本网站使用Cookie以改善您的浏览体验。继续浏览即表示您同意我们使用Cookie。",
        "accept": "同意",
        "manage": "设置",
        "ad_label": "广告",
        "ads": [
            "新款智能手机限时优惠，立即抢购",
            "留学咨询：名校申请一站式服务",
            "家装节大促，全场满减",
        ],
        "related": "相关阅读",
        "most_read": "热门排行",
        "comments": "网友评论",
        "comment_form": "发表评论请遵守相关法律法规，文明上网。",
        "post": "发表",
        "newsletter": "订阅每日早报，第一时间获取要闻。",
        "subscribe": "订阅",
        "share": "分享到",
        "topics": "关键词",
        "by": "作者：",
        "signin": "登录",
        "subscribe_top": "客户端下载",
        "footer": ["关于我们", "联系我们", "广告服务", "隐私政策", "网站地图"],
        "copyright": "&copy; 环球新闻网 版权所有。本网站为软件测试用的虚构网站，所有报道均为虚构。京ICP备00000000号",
        "premium": "",
        "comment_list": [
            ("北京老王", "期待项目早日落地，能源合作对双方都有好处。"),
            ("海风", "价格才是关键，框架协议只是开始。"),
            ("zhangsan2024", "希望文章能配一张管道线路图。"),
        ],
        "index_title": "要闻",
    },
}

_EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"]
_RU_MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
              "октября", "ноября", "декабря"]


#: <html lang> tags as real sites write them (ArticleInfo.language stays ISO 639-1).
HTML_LANG = {"en": "en-GB", "zh": "zh-CN"}


def _display_time(info: ArticleInfo) -> str:
    t = info.local_published_at
    if info.language == "ja":
        return f"{t.year}年{t.month}月{t.day}日 {t.hour}時{t.minute:02d}分"
    if info.outlet_key == "en":
        return f"{t.day} {_EN_MONTHS[t.month - 1]} {t.year}, {t:%H:%M} GMT"
    if info.outlet_key == "ru":
        return f"{t.day} {_RU_MONTHS[t.month - 1]} {t.year}, {t:%H:%M} МСК"
    return f"{t.year}年{t.month:02d}月{t.day:02d}日 {t:%H:%M}"


def iso(dt: datetime) -> str:
    return dt.isoformat(timespec="seconds")


def _section_href(outlet_key: str, label: str) -> str:
    return f"/{outlet_key}/?section={escape(label)}"


def _image_url(base_url: str, name: str) -> str:
    return f"{base_url}/static/img/{name}.png"


# --------------------------------------------------------------------------- pages


def _json_ld(info: ArticleInfo, spec: ArticleSpec, base_url: str) -> str:
    outlet = OUTLETS[info.outlet_key]
    author_type = "Organization" if DISALLOWED in info.flags else "Person"
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": info.url},
        "url": info.url,
        "headline": info.title,
        "description": spec.description,
        "inLanguage": HTML_LANG.get(info.language, info.language),
        "datePublished": iso(info.local_published_at),
        "dateModified": iso(info.local_published_at),
        "author": [{"@type": author_type, "name": info.author}],
        "publisher": {
            "@type": "NewsMediaOrganization",
            "name": outlet.name,
            "logo": {"@type": "ImageObject", "url": _image_url(base_url, f"logo-{outlet.key}")},
        },
        "articleSection": info.section,
        "keywords": list(spec.keywords),
        "image": [_image_url(base_url, info.id)],
        "isAccessibleForFree": DISALLOWED not in info.flags,
    }
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return text.replace("</", "<\\/")


def render_article(info: ArticleInfo, spec: ArticleSpec, siblings: list[ArticleInfo], base_url: str) -> Resource:
    outlet = OUTLETS[info.outlet_key]
    c = CHROME[outlet.key]
    title = escape(info.title)
    desc = escape(spec.description)
    lang_tag = HTML_LANG.get(info.language, info.language)
    lines: list[str] = ["<!DOCTYPE html>", f'<html lang="{lang_tag}" dir="ltr">', "<head>"]
    if "meta" in info.charset_in:
        lines.append(f'<meta charset="{info.declared_charset}">')
    if "http-equiv" in info.charset_in:
        lines.append(f'<meta http-equiv="Content-Type" content="text/html; charset={info.declared_charset}">')
    published = iso(info.local_published_at)
    image = _image_url(base_url, info.id)
    lines += [
        f"<title>{title} | {escape(outlet.name)}</title>",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="description" content="{desc}">',
        f'<meta name="keywords" content="{escape(", ".join(spec.keywords))}">',
        f'<meta name="author" content="{escape(info.author)}">',
        '<meta name="robots" content="index, follow, max-image-preview:large">',
        f'<link rel="canonical" href="{info.url}">',
        f'<link rel="alternate" type="{_FEED_TYPES[outlet.feed_kind]}" href="{base_url}{outlet.feed_path}">',
        '<link rel="stylesheet" href="/static/site.css">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:title" content="{title}">',
        f'<meta property="og:description" content="{desc}">',
        f'<meta property="og:url" content="{info.url}">',
        f'<meta property="og:locale" content="{LOCALES.get(info.language, outlet.locale)}">',
        f'<meta property="og:site_name" content="{escape(outlet.name)}">',
        f'<meta property="og:image" content="{image}">',
        '<meta property="og:image:width" content="1200">',
        '<meta property="og:image:height" content="675">',
        f'<meta property="article:published_time" content="{published}">',
        f'<meta property="article:modified_time" content="{published}">',
        f'<meta property="article:section" content="{escape(info.section)}">',
        f'<meta property="article:author" content="{escape(info.author)}">',
        *(f'<meta property="article:tag" content="{escape(k)}">' for k in spec.keywords),
        '<meta name="twitter:card" content="summary_large_image">',
        f'<meta name="twitter:title" content="{title}">',
        '<script type="application/ld+json">',
        _json_ld(info, spec, base_url),
        "</script>",
        "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}"
        "gtag('js',new Date());gtag('config','G-DEMO000000');</script>",
        "</head>",
        f'<body class="article-page section-{escape(info.section.lower())}">',
        '<div id="cookie-banner" class="cookie-consent" role="dialog" aria-live="polite">',
        f'<p>{c["cookie"]}</p>',
        f'<button class="cookie-accept">{c["accept"]}</button> <button class="cookie-manage">{c["manage"]}</button>',
        "</div>",
        '<header class="site-header">',
        f'<div class="top-bar"><a href="/{outlet.key}/subscribe">{c["subscribe_top"]}</a> | '
        f'<a href="/{outlet.key}/login">{c["signin"]}</a></div>',
        f'<a class="logo" href="/{outlet.key}/"><img src="/static/img/logo-{outlet.key}.png" alt="{escape(outlet.name)}"></a>',
        '<nav class="main-nav" aria-label="Main"><ul>',
        *(f'<li><a href="{_section_href(outlet.key, n)}">{escape(n)}</a></li>' for n in c["nav"]),
        "</ul></nav>",
        "</header>",
        '<div class="ad ad-leaderboard" data-ad-slot="top-728x90">',
        f'<span class="ad-label">{c["ad_label"]}</span> <a href="/ads/click?slot=top" rel="sponsored nofollow">{c["ads"][0]}</a>',
        "</div>",
        '<div class="page"><main id="main">',
        f'<nav class="breadcrumbs"><a href="/{outlet.key}/">{escape(c["nav"][0])}</a> &rsaquo; '
        f'<a href="{_section_href(outlet.key, info.section)}">{escape(info.section)}</a></nav>',
        f'<article class="story" lang="{lang_tag}">',
        "<header>",
        f'<h1 class="headline">{title}</h1>',
        f'<p class="standfirst">{desc}</p>',
        f'<div class="byline">{c["by"]} <a rel="author" href="/{outlet.key}/authors/{info.id}">{escape(info.author)}</a> '
        f'<time datetime="{published}" class="published">{escape(_display_time(info))}</time></div>',
        "</header>",
        '<figure class="lead-image">',
        f'<img src="/static/img/{info.id}.png" alt="{title}" width="1200" height="675">',
        f"<figcaption>{desc}</figcaption>",
        "</figure>",
    ]
    if DISALLOWED in info.flags and c["premium"]:
        lines.append(f'<p class="paywall-note">{c["premium"]}</p>')
    lines.append('<div class="story-body">')
    for i, para in enumerate(spec.paragraphs):
        lines.append(f"<p>{escape(para)}</p>")
        if i == 2:
            lines += [
                '<aside class="ad ad-inline" data-ad-slot="inline-300x250">',
                f'<span class="ad-label">{c["ad_label"]}</span> <a href="/ads/click?slot=inline" rel="sponsored nofollow">{c["ads"][1]}</a>',
                "</aside>",
            ]
    lines += [
        "</div>",
        f'<div class="share-tools"><span>{c["share"]}:</span> <a href="#share-fb">Facebook</a> '
        '<a href="#share-x">X</a> <a href="#share-tg">Telegram</a> <a href="#share-mail">Email</a></div>',
        f'<div class="tags"><span>{c["topics"]}:</span> '
        + " ".join(f'<a href="/{outlet.key}/?tag={escape(k)}">{escape(k)}</a>' for k in spec.keywords[:4])
        + "</div>",
        "</article>",
        f'<aside class="newsletter"><p>{c["newsletter"]}</p><form action="/{outlet.key}/newsletter" method="post">'
        f'<input type="email" name="email" placeholder="email@example.com"> <button>{c["subscribe"]}</button></form></aside>',
        '<section class="related"><h2>' + c["related"] + "</h2><ul>",
        *(f'<li><a href="{s.path}">{escape(s.title)}</a></li>' for s in siblings[:4]),
        "</ul></section>",
        f'<section class="comments" id="comments"><h2>{c["comments"]} ({len(c["comment_list"])})</h2><ol>',
        *(
            f'<li class="comment"><span class="comment-author">{escape(who)}</span> '
            f'<span class="comment-time">{escape(_display_time(info))}</span><p>{escape(text)}</p></li>'
            for who, text in c["comment_list"]
        ),
        "</ol>",
        f'<form class="comment-form" action="/{outlet.key}/comments" method="post"><p>{c["comment_form"]}</p>'
        f'<textarea name="body"></textarea><button>{c["post"]}</button></form>',
        "</section>",
        "</main>",
        '<aside class="sidebar">',
        f'<h3>{c["most_read"]}</h3><ol class="most-read">',
        *(f'<li><a href="{s.path}">{escape(s.title)}</a></li>' for s in siblings[:5]),
        "</ol>",
        '<div class="ad ad-mpu" data-ad-slot="side-300x600">',
        f'<span class="ad-label">{c["ad_label"]}</span> <a href="/ads/click?slot=side" rel="sponsored nofollow">{c["ads"][2]}</a>',
        "</div>",
        "</aside></div>",
        '<footer class="site-footer"><nav><ul>',
        *(f'<li><a href="/{outlet.key}/info/{i}">{escape(label)}</a></li>' for i, label in enumerate(c["footer"])),
        "</ul></nav>",
        f'<p class="copyright">{c["copyright"]}</p>',
        "</footer>",
        '<script src="/static/ads.js" async></script>',
        "</body>",
        "</html>",
        "",
    ]
    # The article's own text must fit the page encoding (checked strictly); chrome
    # such as links to other-language articles falls back to numeric references,
    # as real CMSs do.
    own = [info.title, spec.description, info.author, info.section, *spec.keywords, *spec.paragraphs, outlet.name]
    "\n".join(own).encode(info.encoding)
    body = "\n".join(lines).encode(info.encoding, errors="xmlcharrefreplace")
    ctype = f"text/html; charset={info.declared_charset}" if "header" in info.charset_in else "text/html"
    return _resource(
        body,
        ctype,
        info.published_at,
        slow=SLOW in info.flags,
        flaky=FLAKY in info.flags,
    )


def render_index(outlet_key: str, infos: list[ArticleInfo], base_url: str, today: date) -> Resource:
    outlet = OUTLETS[outlet_key]
    c = CHROME[outlet_key]
    public = [i for i in infos if DISALLOWED not in i.flags]
    lines = [
        "<!DOCTYPE html>",
        f'<html lang="{outlet.language}">',
        '<head><meta charset="utf-8">',
        f'<title>{c["index_title"]} | {escape(outlet.name)}</title>',
        f'<link rel="alternate" type="{_FEED_TYPES[outlet.feed_kind]}" href="{base_url}{outlet.feed_path}">',
        '<link rel="stylesheet" href="/static/site.css"></head>',
        '<body class="index-page">',
        f'<header class="site-header"><a class="logo" href="/{outlet_key}/">{escape(outlet.name)}</a>',
        '<nav class="main-nav"><ul>',
        *(f'<li><a href="{_section_href(outlet_key, n)}">{escape(n)}</a></li>' for n in c["nav"]),
        "</ul></nav></header>",
        f'<main><h1>{c["index_title"]}</h1><ul class="teasers">',
        *(
            f'<li><a href="{i.path}">{escape(i.title)}</a> <time datetime="{iso(i.local_published_at)}">'
            f"{escape(_display_time(i))}</time></li>"
            for i in public
        ),
        "</ul></main>",
        f'<footer class="site-footer"><p class="copyright">{c["copyright"]}</p></footer>',
        "</body></html>",
        "",
    ]
    last = max((i.published_at for i in infos), default=datetime.combine(today, datetime.min.time(), UTC))
    return _resource("\n".join(lines).encode("utf-8"), "text/html; charset=utf-8", last)


def render_home(base_url: str, infos: list[ArticleInfo], today: date) -> Resource:
    items = "\n".join(
        f'<li><a href="/{o.key}/">{escape(o.name)}</a> ({o.language}) | feed: '
        f'<a href="{o.feed_path}">{o.feed_path}</a></li>'
        for o in OUTLETS.values()
    )
    body = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>newsweb | local news web</title></head>\n'
        f"<body><h1>newsweb</h1><p>A fictional multilingual news site for tests and demos.</p><ul>\n{items}\n</ul>\n"
        '<p><a href="/sitemap.xml">/sitemap.xml</a> | <a href="/robots.txt">/robots.txt</a></p></body></html>\n'
    )
    return _resource(body.encode("utf-8"), "text/html; charset=utf-8", max(i.published_at for i in infos))


# --------------------------------------------------------------------------- feeds & sitemaps

_FEED_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml", "news-sitemap": "application/xml"}
_XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'


def variant_urls(feed_path: str, info: ArticleInfo) -> tuple[str, ...]:
    suffixes = FEED_VARIANTS.get(feed_path, {}).get(info.id)
    if not suffixes:
        return (info.url,)
    return tuple(info.url + s for s in suffixes)


def render_rss(infos: list[ArticleInfo], specs: dict[str, ArticleSpec], base_url: str) -> Resource:
    outlet = OUTLETS["en"]
    feed = outlet.feed_path
    last = max(i.published_at for i in infos)
    out = [
        _XML_HEAD,
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:media="http://search.yahoo.com/mrss/">\n<channel>\n',
        f"<title>{xml_escape(outlet.name)} - Top stories</title>\n",
        f"<link>{base_url}/en/</link>\n",
        "<description>World news, business and markets from the Daily Globe (fictional).</description>\n",
        "<language>en-gb</language>\n",
        f"<lastBuildDate>{format_datetime(last)}</lastBuildDate>\n",
        "<ttl>15</ttl>\n",
        f'<atom:link href="{base_url}{feed}" rel="self" type="application/rss+xml"/>\n',
        f"<image><url>{_image_url(base_url, 'logo-en')}</url><title>{xml_escape(outlet.name)}</title>"
        f"<link>{base_url}/en/</link></image>\n",
    ]
    for info in infos:
        for n, link in enumerate(variant_urls(feed, info)):
            guid = f"dailyglobe-{info.id}" + (f"-{n}" if n else "")
            out += [
                "<item>\n",
                f"<title>{xml_escape(info.title)}</title>\n",
                f"<link>{xml_escape(link)}</link>\n",
                f'<guid isPermaLink="false">{guid}</guid>\n',
                f"<description>{xml_escape(specs[info.id].description)}</description>\n",
                f"<pubDate>{format_datetime(info.published_at)}</pubDate>\n",
                f"<dc:creator>{xml_escape(info.author)}</dc:creator>\n",
                f"<category>{xml_escape(info.section)}</category>\n",
                f'<media:content url={quoteattr(_image_url(base_url, info.id))} medium="image" width="1200" height="675"/>\n',
                "</item>\n",
            ]
    out.append("</channel>\n</rss>\n")
    return _resource("".join(out).encode("utf-8"), "application/rss+xml; charset=utf-8", last)


def render_atom(infos: list[ArticleInfo], specs: dict[str, ArticleSpec], base_url: str) -> Resource:
    outlet = OUTLETS["ru"]
    feed = outlet.feed_path
    last = max(infos, key=lambda i: i.published_at)
    out = [
        _XML_HEAD,
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ru">\n',
        f"<title>{xml_escape(outlet.name)}: главные новости</title>\n",
        "<subtitle>Политика, экономика и энергетика (вымышленное издание)</subtitle>\n",
        f'<link rel="self" type="application/atom+xml" href="{base_url}{feed}"/>\n',
        f'<link rel="alternate" type="text/html" href="{base_url}/ru/"/>\n',
        "<id>tag:vestnik.newsweb.test,2024:/ru/</id>\n",
        f"<updated>{iso(last.local_published_at)}</updated>\n",
        f"<icon>{_image_url(base_url, 'logo-ru')}</icon>\n",
    ]
    for info in infos:
        for n, link in enumerate(variant_urls(feed, info)):
            lang = f' xml:lang="{info.language}"' if info.language != "ru" else ""
            stamp = iso(info.local_published_at)
            out += [
                f"<entry{lang}>\n",
                f"<title>{xml_escape(info.title)}</title>\n",
                f'<link rel="alternate" type="text/html" href={quoteattr(link)}/>\n',
                f"<id>tag:vestnik.newsweb.test,2024:{info.id}{'-' + str(n) if n else ''}</id>\n",
                f"<published>{stamp}</published>\n",
                f"<updated>{stamp}</updated>\n",
                f"<author><name>{xml_escape(info.author)}</name></author>\n",
                f"<category term={quoteattr(info.section)}/>\n",
                f'<summary type="text">{xml_escape(specs[info.id].description)}</summary>\n',
                "</entry>\n",
            ]
    out.append("</feed>\n")
    return _resource("".join(out).encode("utf-8"), "application/atom+xml; charset=utf-8", last.published_at)


def render_sitemap(sitemap_path: str, infos: list[ArticleInfo], base_url: str) -> Resource:
    out = [
        _XML_HEAD,
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">\n',
    ]
    for info in infos:
        for link in variant_urls(sitemap_path, info):
            out += [
                "<url>\n",
                f"<loc>{xml_escape(link)}</loc>\n",
                f"<lastmod>{iso(info.local_published_at)}</lastmod>\n",
                "<changefreq>daily</changefreq>\n<priority>0.8</priority>\n",
                f"<image:image><image:loc>{_image_url(base_url, info.id)}</image:loc></image:image>\n",
                "</url>\n",
            ]
    out.append("</urlset>\n")
    last = max(i.published_at for i in infos)
    return _resource("".join(out).encode("utf-8"), "application/xml; charset=utf-8", last)


_NEWS_LANG = {"zh": "zh-cn", "ja": "ja"}


def render_news_sitemap(infos: list[ArticleInfo], specs: dict[str, ArticleSpec], base_url: str) -> Resource:
    outlet = OUTLETS["zh"]
    path = outlet.feed_path
    out = [
        _XML_HEAD,
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n',
    ]
    for info in infos:
        for link in variant_urls(path, info):
            stamp = iso(info.local_published_at)
            out += [
                "<url>\n",
                f"<loc>{xml_escape(link)}</loc>\n",
                f"<lastmod>{stamp}</lastmod>\n",
                "<news:news>\n<news:publication>\n",
                f"<news:name>{xml_escape(outlet.name)}</news:name>\n",
                f"<news:language>{_NEWS_LANG.get(info.language, info.language)}</news:language>\n",
                "</news:publication>\n",
                f"<news:publication_date>{stamp}</news:publication_date>\n",
                f"<news:title>{xml_escape(info.title)}</news:title>\n",
                f"<news:keywords>{xml_escape(', '.join(specs[info.id].keywords))}</news:keywords>\n",
                "</news:news>\n</url>\n",
            ]
    out.append("</urlset>\n")
    last = max(i.published_at for i in infos)
    return _resource("".join(out).encode("utf-8"), "application/xml; charset=utf-8", last)


def render_sitemap_index(children: list[tuple[str, Resource, datetime]], base_url: str) -> Resource:
    """`children`: (path, resource, local lastmod) of each child sitemap."""
    out = [_XML_HEAD, '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n']
    for path, _res, lastmod in children:
        out.append(f"<sitemap>\n<loc>{base_url}{path}</loc>\n<lastmod>{iso(lastmod)}</lastmod>\n</sitemap>\n")
    out.append("</sitemapindex>\n")
    last = max(res.last_modified for _p, res, _l in children)
    return _resource("".join(out).encode("utf-8"), "application/xml; charset=utf-8", last)


def render_robots(base_url: str, last: datetime) -> Resource:
    text = (
        "# newsweb: Daily Globe (/en/), Вестник (/ru/), 环球新闻 (/zh/)\n"
        "User-agent: *\n"
        f"Disallow: {DISALLOWED_PREFIX}\n"
        "Disallow: /search\n"
        "Disallow: /ads/\n"
        "\n"
        "User-agent: BadBot\n"
        "Disallow: /\n"
        "\n"
        f"Sitemap: {base_url}/sitemap.xml\n"
        f"Sitemap: {base_url}/zh/news-sitemap.xml\n"
    )
    return _resource(text.encode("utf-8"), "text/plain; charset=utf-8", last)


# --------------------------------------------------------------------------- static


def _png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = b"\x00" + bytes(rgb) * width
    raw = zlib.compress(row * height, 9)
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


_CSS = b"""body{font-family:Georgia,serif;margin:0;color:#222}
.site-header,.site-footer{background:#0b2545;color:#fff;padding:8px 16px}
.site-header a,.site-footer a{color:#fff}.main-nav ul{list-style:none;display:flex;gap:12px;padding:0}
.page{display:flex;gap:24px;max-width:1100px;margin:auto}main{flex:3}.sidebar{flex:1}
.ad{background:#f3f3f3;border:1px dashed #aaa;padding:8px;margin:12px 0;font-size:12px}
.cookie-consent{position:fixed;bottom:0;left:0;right:0;background:#fffbe6;padding:12px;border-top:1px solid #ccc}
.headline{font-size:2em}.standfirst{font-size:1.2em;color:#555}.comments{border-top:1px solid #ddd}
"""


def static_resources(last: datetime) -> dict[str, Resource]:
    res: dict[str, Resource] = {
        "/static/site.css": _resource(_CSS, "text/css; charset=utf-8", last),
        "/static/ads.js": _resource(b"/* ad loader stub */\n", "application/javascript; charset=utf-8", last),
    }
    colours = {"en": (11, 37, 69), "ru": (120, 20, 30), "zh": (190, 30, 45)}
    for key, rgb in colours.items():
        res[f"/static/img/logo-{key}.png"] = _resource(_png(64, 16, rgb), "image/png", last)
    for spec in load_specs():
        rgb = colours[spec.outlet.key]
        res[f"/static/img/{spec.id}.png"] = _resource(_png(32, 18, (min(255, rgb[0] + 40), min(255, rgb[1] + 40), min(255, rgb[2] + 40))), "image/png", last)
    return res


def build_infos(base_url: str, today: date) -> list[ArticleInfo]:
    """ArticleInfo for every article (variants filled in), newest first."""
    infos = []
    for spec in load_specs():
        outlet = spec.outlet
        url = base_url + spec.path
        infos.append(
            ArticleInfo(
                id=spec.id,
                path=spec.path,
                url=url,
                language=spec.lang,
                title=spec.title,
                published_at=published_at(spec, today),
                outlet=outlet.name,
                outlet_key=outlet.key,
                encoding=spec.encoding,
                declared_charset=spec.declared,
                charset_in=spec.charset_in,
                flags=spec.flags,
                section=spec.section,
                author=spec.author,
                paragraphs=spec.paragraphs,
            )
        )
    # Every listing URL: canonical for plain entries, variants where FEED_VARIANTS says so.
    out = []
    for info in infos:
        urls: list[str] = []
        for path in listing_paths(info):
            for u in variant_urls(path, info):
                if u not in urls:
                    urls.append(u)
        out.append(replace(info, variants=tuple(urls)))
    return out


def listing_paths(info: ArticleInfo) -> list[str]:
    """Feeds and sitemaps (paths) that list this article."""
    outlet = OUTLETS[info.outlet_key]
    paths = [outlet.feed_path]
    if DISALLOWED not in info.flags:  # the private article is only in the RSS feed
        paths.append(f"/{outlet.key}/sitemap.xml")
    return paths


def local_lastmod(infos: list[ArticleInfo]) -> datetime:
    newest = max(infos, key=lambda i: i.published_at)
    return newest.local_published_at

