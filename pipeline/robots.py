"""robots.txt per RFC 9309, cached per origin for one run.

A small own parser because urllib.robotparser ignores `*`/`$` wildcards and
uses first-match instead of the RFC's longest-match, both common in news-site
robots files. Outcomes by fetch result (RFC 9309 §2.3.1):

* 2xx: parse (first 512 KiB);
* 4xx or redirects that do not end (unavailable): allow everything;
* 5xx, 429, network error, blocked: disallow everything for this run.
"""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import quote, unquote, urlsplit

log = logging.getLogger(__name__)

MAX_ROBOTS_BYTES = 512 * 1024


class _Result(Protocol):
    status: int
    body: bytes
    error: str | None


@dataclass
class _Rule:
    allow: bool
    pattern: str  # normalized; "*" any run of characters, a closing "$" the path's end
    _parts: list[str] = field(init=False, repr=False)
    _anchored: bool = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._anchored = self.pattern.endswith("$")
        self._parts = (self.pattern[:-1] if self._anchored else self.pattern).split("*")

    def matches(self, path: str) -> bool:
        """Whether the pattern matches `path` from its start. Piece by piece, each the
        leftmost after the one before: exact for "*" alone, and linear, where a regex of
        the pattern backtracks exponentially ("/*a*a*a*a*a*a*a*a*b$" held a URL 50 s)."""
        first, *rest = self._parts
        if not path.startswith(first):
            return False
        if not rest:
            return path == first if self._anchored else True
        pos = len(first)
        *middle, last = rest
        for part in middle:
            at = path.find(part, pos)
            if at < 0:
                return False
            pos = at + len(part)
        if self._anchored:
            return path.endswith(last) and len(path) - len(last) >= pos
        return path.find(last, pos) >= 0


@dataclass
class _Group:
    agents: list[str] = field(default_factory=list)
    rules: list[_Rule] = field(default_factory=list)
    crawl_delay: float | None = None


def _normalize(path: str) -> str:
    """One percent-encoding for patterns and paths alike."""
    return quote(unquote(path), safe="/?=&;:@!$'()*+,-._~%")


@dataclass
class RobotsRules:
    """Parsed robots.txt; `allow_all`/`disallow_all` build the RFC fallbacks."""

    groups: list[_Group] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    default: bool = True  # answer when no group applies

    @classmethod
    def allow_all(cls) -> RobotsRules:
        return cls(default=True)

    @classmethod
    def disallow_all(cls) -> RobotsRules:
        return cls(default=False)

    @classmethod
    def parse(cls, text: str) -> RobotsRules:
        rules = cls()
        current: _Group | None = None
        in_agents = False
        for raw in text.splitlines():
            line = raw.split("#", 1)[0].strip()
            if ":" not in line:
                continue
            key, value = (part.strip() for part in line.split(":", 1))
            key = key.lower()
            if key in ("user-agent", "useragent"):
                if not in_agents or current is None:
                    current = _Group()
                    rules.groups.append(current)
                current.agents.append(value.lower())
                in_agents = True
                continue
            if key == "sitemap":
                if value:
                    rules.sitemaps.append(value)
                continue
            in_agents = False
            if current is None:
                continue  # rules before any user-agent line belong to no group
            if key in ("allow", "disallow"):
                if value:  # an empty Disallow allows everything: no rule
                    pattern = _normalize(value)
                    current.rules.append(_Rule(key == "allow", pattern))
            elif key == "crawl-delay":
                try:
                    delay = float(value)
                except ValueError:
                    continue
                if not math.isnan(delay):  # "inf" stays: the fetcher caps what it waits (max_crawl_delay)
                    current.crawl_delay = max(0.0, delay)
        return rules

    def _groups_for(self, user_agent: str) -> list[_Group]:
        token = user_agent.split("/", 1)[0].strip().lower()
        named = [g for g in self.groups if token and token in g.agents]
        return named or [g for g in self.groups if "*" in g.agents]

    def allowed(self, url: str, user_agent: str) -> bool:
        parts = urlsplit(url)
        path = parts.path or "/"
        if path == "/robots.txt":
            return True
        groups = self._groups_for(user_agent)
        if not groups:
            return self.default
        target = _normalize(path + ("?" + parts.query if parts.query else ""))
        best: _Rule | None = None
        for group in groups:
            for rule in group.rules:
                if rule.matches(target) and (
                    best is None
                    or len(rule.pattern) > len(best.pattern)
                    or (len(rule.pattern) == len(best.pattern) and rule.allow)
                ):
                    best = rule
        return True if best is None else best.allow

    def crawl_delay(self, user_agent: str) -> float | None:
        delays = [g.crawl_delay for g in self._groups_for(user_agent) if g.crawl_delay is not None]
        return max(delays) if delays else None


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower().rsplit('@', 1)[-1]}"


class RobotsCache:
    """robots.txt rules per origin, fetched once per run through `fetch`.

    `fetch(url)` must return a FetchResult-like object (status, body, error)
    and never raise; the Fetcher passes its own `fetch(url, kind="robots")`.
    """

    def __init__(self, fetch: Callable[[str], _Result]) -> None:
        self._fetch = fetch
        self._rules: dict[str, RobotsRules] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def rules(self, url: str) -> RobotsRules:
        origin = _origin(url)
        cached = self._rules.get(origin)
        if cached is not None:
            return cached
        with self._guard:
            lock = self._locks.setdefault(origin, threading.Lock())
        with lock:  # one fetch per origin even with many threads asking
            if origin not in self._rules:
                self._rules[origin] = self._load(origin + "/robots.txt")
        return self._rules[origin]

    def _load(self, robots_url: str) -> RobotsRules:
        result = self._fetch(robots_url)
        status = result.status
        if 200 <= status < 300 and result.error in (None, "too_large"):
            text = result.body[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace")
            return RobotsRules.parse(text)
        if (300 <= status < 500 and status != 429) or result.error in ("redirect_loop", "too_many_redirects"):
            return RobotsRules.allow_all()  # unavailable, incl. endless redirects (RFC 9309 2.3.1.2)
        log.warning("robots.txt unreachable, disallowing origin for this run: %s (%s)", robots_url, result.error or status)
        return RobotsRules.disallow_all()

    def allowed(self, url: str, user_agent: str) -> bool:
        return self.rules(url).allowed(url, user_agent)

    def crawl_delay(self, url: str, user_agent: str) -> float | None:
        """Crawl-delay for `url`'s origin if its robots.txt is already loaded."""
        rules = self._rules.get(_origin(url))
        return rules.crawl_delay(user_agent) if rules else None

    def sitemaps(self, url: str) -> list[str]:
        return list(self.rules(url).sitemaps)
