"""newsweb: a small, fictional, multilingual news site on 127.0.0.1 for tests and `newspipe demo`.

Everything is offline and invented (the story line follows a Putin-Xi summit in
Beijing: arrival, a Power of Siberia 2 pipeline framework, yuan/rouble
settlement, reactions). Three outlets share one server::

    /en/  Daily Globe  English   RSS 2.0            /en/rss.xml      (+ /en/sitemap.xml)
    /ru/  Вестник      Russian   Atom               /ru/atom.xml     (+ /ru/sitemap.xml)
    /zh/  环球新闻      Chinese   Google News sitemap /zh/news-sitemap.xml (+ /zh/sitemap.xml)
    /sitemap.xml   sitemap index -> the three per-outlet sitemaps and the news sitemap (with lastmod)
    /robots.txt    Disallow: /en/private/  (the RSS feed still links an article there)

Articles (texts in `articles/*.txt`, 250-600 words each; dates relative to `today`,
fixed UTC hours, spread over today, today-1 and today-2):

* en1-en4: English, UTF-8. en4 is *slow* (answers after `slow_seconds`).
  en5 lives under /en/private/ (*disallowed* by robots.txt, listed in RSS only).
* ru1-ru4: Russian. ru1 windows-1251 (charset in header and <meta>), ru2
  windows-1251 with the charset only in <meta charset> and *flaky* (503 +
  `Retry-After: 1` for the first `fail_first` requests, then 200), ru3 KOI8-R,
  ru4 windows-1251 declared only by <meta http-equiv>.
* uk1: Ukrainian (windows-1251, header only) in the Russian outlet and its Atom
  feed: must not be routed to the ru translator.
* zh1-zh4: Chinese, declared `gb2312` (header and/or meta) but encoded as GBK with
  characters outside GB2312 (镕 喆 堃 昇 旸); decode them as GB18030.
* ja1: Japanese (UTF-8) in the Chinese outlet's news sitemap: must not be routed
  to the zh translator.

Every page has <html lang>, a "Headline | Site" <title>, meta description, og:*
tags, article:published_time, JSON-LD NewsArticle, and boilerplate: navigation,
cookie banner, ad blocks, related articles, comments, newsletter box, footer.

Quirks: feeds/sitemaps list some articles under tracking parameters (utm_*,
fbclid, spm), a #fragment or a trailing slash; the server ignores the query and a
trailing slash, so all variants serve the same bytes (`ArticleInfo.variants`).
Pages and feeds carry ETag and Last-Modified and answer 304 to If-None-Match /
If-Modified-Since. Publication time agrees across feed, sitemap, meta and JSON-LD
(written in the outlet's offset: +00:00, +03:00, +08:00, +09:00 for ja1; the local
date always equals the UTC date).

Use::

    with NewsWeb(today=date(2025, 6, 18)) as web:
        web.base_url, web.articles(), web.sources_config(), web.hits

or `python -m pipeline.newsweb --port 8765` (add `--sources` to print a sources.yaml).
"""

from .content import NON_GB2312_CHARS, ArticleInfo
from .server import NewsWeb, normalize_path, serve_forever_cli, serve_news_web

__all__ = ["NON_GB2312_CHARS", "ArticleInfo", "NewsWeb", "normalize_path", "serve_forever_cli", "serve_news_web"]
