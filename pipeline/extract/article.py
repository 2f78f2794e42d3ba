"""HTML -> article fields: trafilatura for the body, the page's own statements
(JSON-LD, meta tags, <time>, URL) for metadata, cross-checked against each other.

`extract_article(html, url, settings, fetched_at=, profile=)` returns `Extracted`
or None (no article; the reason is logged). A per-outlet profile (see
`profiles`) overrides the general rules for the parts its selectors find.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from lxml.html import HtmlElement

from ..config import ExtractionProfile, ExtractSettings
from ..datetimes import parse_datetime, to_utc
from . import profiles
from .authors import find_authors
from .blocks import unrendered, without_blocks
from .body import choose_body
from .dates import find_date
from .fields import _absolute, _lang_code, _tags
from .jsonld import PageMeta, image_of, read_page_meta, text_of, the_article
from .names import split_names
from .sites import site_names
from .strings import _clean, _load_tree, _weight
from .timing import _tick
from .titles import find_title

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
    canonical_url: str | None = None  # <link rel=canonical> href, raw, absolutized
    og_url: str | None = None  # og:url, raw, absolutized (identity decides between them)
    method: str = ""  # which path produced the text (for debugging)
    published_day: str | None = None  # YYYY-MM-DD in the page's own time zone (as stated)
    date_source: str | None = None  # which statement gave published_at



# ---------------------------------------------------------------- main API


def extract_article(
    html: str,
    url: str,
    settings: ExtractSettings | None = None,
    *,
    fetched_at: datetime | None = None,
    profile: ExtractionProfile | None = None,
    timings: dict[str, float] | None = None,
) -> Extracted | None:
    """Article fields from one page, or None (reason logged) when there is no article.

    `fetched_at` is the moment of the visit (a raw page keeps it for reprocessing): it
    bounds the dates a page may state and dates the lines written relative to it ("3
    hours ago"); None for a page file without it (then now bounds the dates, and no
    relative line is read). `timings`, when given, accumulates seconds per stage (parse,
    meta, body, date, ...).
    """
    settings = settings or ExtractSettings()
    visited = fetched_at is not None  # else a page file without the moment of its visit
    fetched_at = fetched_at or datetime.now(UTC)
    t0 = time.perf_counter()
    if not html or not html.strip():
        LOG.info("no article: empty page %s", url)
        return None
    try:  # every stage reads the URL (its host, its path's date): one that cannot be read is refused here
        urlsplit(url)
    except ValueError:
        LOG.info("no article: the page's URL cannot be read %r", url[:200])
        return None
    tree = _load_tree(html)
    t0 = _tick(timings, "parse", t0)
    if tree is None:
        LOG.info("no article: unparseable HTML %s", url)
        return None
    pm = read_page_meta(tree)
    t0 = _tick(timings, "meta", t0)
    body_tree = profiles.drop(tree, profile)  # what the profile drops is out of the body only
    if hidden := unrendered(body_tree):  # and what the page never shows
        body_tree = without_blocks(body_tree, hidden)
    t0 = _tick(timings, "body", t0)  # the body's tree, timed with the body

    title = (profile and profiles.first_text(tree, profile.title)) or find_title(tree, pm, url)
    _tick(timings, "title", t0)
    text = profiles.body_text(body_tree, profile)
    # lengths in Latin-letter terms (`_weight`): a short Chinese story is a story
    if text and _weight(text) >= settings.min_text_chars:
        method = "profile"
    else:
        text, method = choose_body(body_tree, url, pm, title, settings, timings)
    t0 = time.perf_counter()
    if not text or _weight(text) < settings.min_text_chars:
        LOG.info("no article: text too short (%d < %d in Latin-letter terms) %s", _weight(text or ""), settings.min_text_chars, url)
        return None
    zone = ZoneInfo(profile.timezone) if profile is not None and profile.timezone else None
    published_at, day, date_source = find_date(tree, html, url, pm, fetched_at, visited, zone, title, text)
    stated = parse_datetime(profiles.date_value(tree, profile))
    if stated is not None and profile is not None:
        dt = stated[0]
        if dt.tzinfo is None and zone is not None:  # a local time as the page prints it
            dt = dt.replace(tzinfo=zone)
        published_at, day, date_source = to_utc(dt), dt.date().isoformat(), "profile"
    t0 = _tick(timings, "date", t0)

    og_locale = pm.first("og:locale")
    content_lang = pm.first("content-language", "language", "dc.language")
    page_language = _lang_code(pm.html_lang) or _lang_code(og_locale) or _lang_code(content_lang)
    for obj in the_article(pm, "inLanguage", url):
        page_language = page_language or _lang_code(text_of(obj["inLanguage"]))

    image = pm.first("og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src")
    if not image:
        for v in (obj["image"] for obj in the_article(pm, "image", url)):
            image = image_of(v)
            if image:
                break
    og_url = pm.first("og:url")
    site_name = pm.first("og:site_name", "application-name")
    if not site_name:
        for v in (obj["publisher"] for obj in the_article(pm, "publisher", url)):
            site_name = text_of(v)
            if site_name:
                break
    description = pm.first("og:description", "description", "twitter:description")
    if not description:
        for v in (obj["description"] for obj in the_article(pm, "description", url)):
            description = text_of(v)
            if description:
                break

    out = Extracted(
        title=title,
        text=text,
        authors=_profile_authors(tree, pm, url, profile) or find_authors(tree, pm, url, text),
        published_at=published_at,
        site_name=_clean(site_name),
        description=_clean(description),
        tags=_tags(pm, url),
        image_url=_absolute(url, image),
        page_language=page_language,
        og_locale=og_locale,
        html_lang=pm.html_lang,
        canonical_url=_absolute(url, pm.canonical),
        og_url=_absolute(url, og_url),
        method=method,
        published_day=day,
        date_source=date_source,
    )
    _tick(timings, "fields", t0)
    return out




def _profile_authors(tree: HtmlElement, pm: PageMeta, url: str, profile: ExtractionProfile | None) -> list[str]:
    out: list[str] = []
    sites = site_names(pm, url)
    for raw in profiles.author_texts(tree, profile):
        out += [n for n in split_names(raw, sites) if n not in out]
    return out
