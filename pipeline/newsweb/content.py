"""The site's content: outlets, the article texts under `articles/`, and their dates.

Article files are UTF-8: a `key: value` header, a `---` line, then paragraphs
separated by blank lines. `published: -2 09:10` means two days before `today`
at 09:10 UTC. Pages are *served* in the file's `encoding`; `declared` is the
charset the page claims and `charset` lists where it claims it (`header` =
Content-Type header, `meta` = `<meta charset>`, `http-equiv` = old-style
`<meta http-equiv="Content-Type">`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone
from functools import lru_cache
from pathlib import Path

ARTICLES_DIR = Path(__file__).resolve().parent / "articles"

SLOW = "slow"
FLAKY = "flaky"
DISALLOWED = "disallowed"

#: Characters that are in GBK/GB18030 but not in GB2312; the Chinese pages use them.
NON_GB2312_CHARS = "镕喆堃昇旸"


@dataclass(frozen=True)
class Outlet:
    key: str  # "en" | "ru" | "zh": also the path prefix
    name: str
    language: str  # outlet language (pages may differ, e.g. uk, ja)
    locale: str  # og:locale
    utc_offset: timedelta  # how the outlet writes its timestamps
    feed_path: str
    feed_kind: str  # "rss" | "atom" | "news-sitemap"


OUTLETS: dict[str, Outlet] = {
    "en": Outlet("en", "Daily Globe", "en", "en_GB", timedelta(0), "/en/rss.xml", "rss"),
    "ru": Outlet("ru", "Вестник", "ru", "ru_RU", timedelta(hours=3), "/ru/atom.xml", "atom"),
    "zh": Outlet("zh", "环球新闻", "zh", "zh_CN", timedelta(hours=8), "/zh/news-sitemap.xml", "news-sitemap"),
}

#: Per-page timestamp offsets that differ from the outlet's (the Japanese edition writes JST).
LANGUAGE_OFFSETS = {"ja": timedelta(hours=9)}
LOCALES = {"uk": "uk_UA", "ja": "ja_JP"}


@dataclass(frozen=True)
class ArticleSpec:
    """One article as written in its file (dates still relative)."""

    id: str
    lang: str
    path: str
    section: str
    day_offset: int  # 0 = today, 1 = yesterday, ...
    at: time  # UTC
    author: str
    title: str
    description: str
    keywords: tuple[str, ...]
    encoding: str  # what the bytes are
    declared: str  # what the page says
    charset_in: tuple[str, ...]  # header / meta / http-equiv
    flags: frozenset[str]
    paragraphs: tuple[str, ...]

    @property
    def outlet(self) -> Outlet:
        return OUTLETS[self.path.split("/")[1]]

    @property
    def slug(self) -> str:
        return self.path.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class ArticleInfo:
    """What tests need to know about one served article."""

    id: str
    path: str  # canonical path, e.g. "/en/world/putin-arrives-..."
    url: str  # base_url + path
    language: str  # ISO 639-1 of the article text
    title: str
    published_at: datetime  # UTC, tz-aware
    outlet: str  # outlet name, e.g. "Daily Globe"
    outlet_key: str  # "en" | "ru" | "zh"
    encoding: str  # encoding of the served bytes (utf-8, windows-1251, koi8-r, gbk)
    declared_charset: str  # charset the page declares (gb2312 for the Chinese pages)
    charset_in: tuple[str, ...]  # where it is declared: header, meta, http-equiv
    flags: frozenset[str]  # subset of {"slow", "flaky", "disallowed"}
    section: str
    author: str
    paragraphs: tuple[str, ...] = field(repr=False)  # the article text, as written
    variants: tuple[str, ...] = ()  # every URL under which feeds/sitemaps list it

    @property
    def local_published_at(self) -> datetime:
        """Publication time in the outlet's own offset (as the page writes it)."""
        return self.published_at.astimezone(timezone(local_offset(self.outlet_key, self.language)))

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def local_offset(outlet_key: str, language: str) -> timedelta:
    return LANGUAGE_OFFSETS.get(language, OUTLETS[outlet_key].utc_offset)


def _parse(path: Path) -> ArticleSpec:
    raw = path.read_text(encoding="utf-8")
    head, _, body = raw.partition("\n---\n")
    meta: dict[str, str] = {}
    for line in head.splitlines():
        key, _, value = line.partition(":")
        meta[key.strip()] = value.strip()
    day, _, hhmm = meta["published"].partition(" ")
    hour, minute = (int(x) for x in hhmm.split(":"))
    paragraphs = tuple(p.strip().replace("\n", " ") for p in body.split("\n\n") if p.strip())
    spec = ArticleSpec(
        id=meta["id"],
        lang=meta["lang"],
        path=meta["path"],
        section=meta["section"],
        day_offset=-int(day),
        at=time(hour, minute),
        author=meta["author"],
        title=meta["title"],
        description=meta["description"],
        keywords=tuple(k.strip() for k in meta["keywords"].split(",") if k.strip()),
        encoding=meta["encoding"],
        declared=meta["declared"],
        charset_in=tuple(meta["charset"].split()),
        flags=frozenset(meta.get("flags", "").split()),
        paragraphs=paragraphs,
    )
    if spec.day_offset not in (0, 1, 2):
        raise ValueError(f"{path}: published day must be 0, -1 or -2")
    return spec


@lru_cache(maxsize=1)
def load_specs() -> tuple[ArticleSpec, ...]:
    """All articles, newest first (stable order)."""
    specs = [_parse(p) for p in sorted(ARTICLES_DIR.glob("*.txt"))]
    specs.sort(key=lambda s: (s.day_offset, -(s.at.hour * 60 + s.at.minute), s.id))
    return tuple(specs)


def published_at(spec: ArticleSpec, today: date) -> datetime:
    day = today - timedelta(days=spec.day_offset)
    return datetime.combine(day, spec.at, tzinfo=UTC)
