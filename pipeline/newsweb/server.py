"""The HTTP server: `NewsWeb` (for tests and the demo) and the `python -m pipeline.newsweb` CLI."""

from __future__ import annotations

import argparse
import collections
import sys
import threading
import time
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote, urlsplit

from .content import DISALLOWED, OUTLETS, ArticleInfo, load_specs
from .render import (
    Resource,
    build_infos,
    local_lastmod,
    render_article,
    render_atom,
    render_home,
    render_index,
    render_news_sitemap,
    render_robots,
    render_rss,
    render_sitemap,
    render_sitemap_index,
    static_resources,
)

SERVER_NAME = "newsweb/1.0"


def normalize_path(raw_path: str) -> str:
    """The lookup key for a request path: unquoted, trailing slash dropped (except '/')."""
    path = unquote(raw_path) or "/"
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    return path


def content_day(now: datetime) -> date:
    """The site's "today": the UTC day whose articles have all been published by `now`.
    Right after midnight UTC the day's articles (02:30-07:00) would be in the future,
    which discovery rightly treats as undated and a live run then lands in yesterday's
    interval; until the last of them is out, the site is still on yesterday."""
    from .content import load_specs

    latest = max((s.at for s in load_specs() if s.day_offset == 0), default=None)
    if latest is not None and now.time() < latest:
        return now.date() - timedelta(days=1)
    return now.date()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True
    newsweb: NewsWeb


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = SERVER_NAME
    sys_version = ""
    timeout = 30  # idle keep-alive connections do not outlive the test for long
    server: _Server

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        self.server.newsweb._handle(self, head=False)

    def do_HEAD(self) -> None:  # noqa: N802
        self.server.newsweb._handle(self, head=True)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        if self.server.newsweb.verbose:
            sys.stderr.write(f"newsweb: {self.address_string()} - {format % args}\n")


class NewsWeb:
    """A fictional three-outlet news site on 127.0.0.1 (see the package docstring).

    The socket is bound in the constructor, so `base_url`, `articles()` and
    `sources_config()` work before `start()`. Use as a context manager, or call
    `start()` / `stop()`.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        today: date | None = None,
        slow_seconds: float = 2.0,
        fail_first: int = 1,
        verbose: bool = False,
    ) -> None:
        self.today = today or content_day(datetime.now(UTC))
        self.slow_seconds = slow_seconds
        self.fail_first = fail_first
        self.verbose = verbose
        self.hits: collections.Counter[str] = collections.Counter()
        self._lock = threading.Lock()
        self._failures: collections.Counter[str] = collections.Counter()
        self._thread: threading.Thread | None = None
        self._httpd = _Server((host, port), _Handler)
        self._httpd.newsweb = self
        bound_host, bound_port = self._httpd.server_address[:2]
        self.host = str(bound_host)
        self.port = int(bound_port)
        self.base_url = f"http://{self.host}:{self.port}"
        try:
            self._infos = build_infos(self.base_url, self.today)
            self._site = self._build()
        except BaseException:
            self._httpd.server_close()
            raise

    # ------------------------------------------------------------------ public API

    def articles(self) -> list[ArticleInfo]:
        """Every article the site serves (the disallowed one included), newest first."""
        return list(self._infos)

    def article(self, article_id: str) -> ArticleInfo:
        """One article by its id (en1..en5, ru1..ru4, uk1, zh1..zh4, ja1)."""
        for info in self._infos:
            if info.id == article_id:
                return info
        raise KeyError(article_id)

    def articles_on(self, day: date) -> list[ArticleInfo]:
        """Articles published on a UTC day (disallowed one included)."""
        return [a for a in self._infos if a.published_at.date() == day]

    def url(self, path: str) -> str:
        return self.base_url + path

    @property
    def origin(self) -> str:
        """`host:port` for `fetch.allowed_networks`: the news web and no other port of its address."""
        return f"{self.host}:{self.port}"

    def hits_for(self, path: str) -> int:
        """Requests for a path in any spelling (trailing slash, percent-encoding)."""
        key = normalize_path(path)
        with self._lock:
            return sum(n for p, n in self.hits.items() if normalize_path(p) == key)

    def reset(self) -> None:
        """Forget hits and re-arm the flaky page."""
        with self._lock:
            self.hits.clear()
            self._failures.clear()

    def sources_config(self) -> dict[str, Any]:
        """A `{"sources": [...]}` mapping valid for `pipeline.config.SourcesFile`."""
        common = {"allowed_hosts": ["127.0.0.1"], "delay_seconds": 0}
        return {
            "sources": [
                {
                    "name": "demo-en",
                    "language": "en",
                    "feeds": [self.url("/en/rss.xml")],
                    "sitemaps": [self.url("/en/sitemap.xml")],
                    **common,
                },
                {"name": "demo-ru", "language": "ru", "feeds": [self.url("/ru/atom.xml")], **common},
                {"name": "demo-zh", "language": "zh", "sitemaps": [self.url("/zh/news-sitemap.xml")], **common},
            ]
        }

    def start(self) -> NewsWeb:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._httpd.serve_forever, kwargs={"poll_interval": 0.1}, name=f"newsweb-{self.port}", daemon=True
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._httpd.server_close()

    def __enter__(self) -> NewsWeb:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"NewsWeb({self.base_url!r}, today={self.today.isoformat()})"

    # ------------------------------------------------------------------ site

    def _build(self) -> dict[str, Resource]:
        base = self.base_url
        specs = {s.id: s for s in load_specs()}
        infos = self._infos
        site: dict[str, Resource] = {}
        by_outlet = {k: [i for i in infos if i.outlet_key == k] for k in OUTLETS}
        for info in infos:
            siblings = [s for s in by_outlet[info.outlet_key] if s.id != info.id and DISALLOWED not in s.flags]
            site[info.path] = render_article(info, specs[info.id], siblings, base)
        newest = max(i.published_at for i in infos)
        site["/"] = render_home(base, infos, self.today)
        for key, group in by_outlet.items():
            site[f"/{key}"] = render_index(key, group, base, self.today)
        public = {k: [i for i in g if DISALLOWED not in i.flags] for k, g in by_outlet.items()}
        site["/en/rss.xml"] = render_rss(by_outlet["en"], specs, base)
        site["/ru/atom.xml"] = render_atom(by_outlet["ru"], specs, base)
        site["/zh/news-sitemap.xml"] = render_news_sitemap(by_outlet["zh"], specs, base)
        children = []
        for key in OUTLETS:
            path = f"/{key}/sitemap.xml"
            site[path] = render_sitemap(path, public[key], base)
            children.append((path, site[path], local_lastmod(public[key])))
        children.append(("/zh/news-sitemap.xml", site["/zh/news-sitemap.xml"], local_lastmod(by_outlet["zh"])))
        site["/sitemap.xml"] = render_sitemap_index(children, base)
        site["/robots.txt"] = render_robots(base, newest)
        site.update(static_resources(newest))
        return site

    def paths(self) -> list[str]:
        """Every path the site answers (besides query/trailing-slash variants)."""
        return sorted(self._site)

    # ------------------------------------------------------------------ request handling

    def _handle(self, req: _Handler, head: bool) -> None:
        raw_path = urlsplit(req.path).path or "/"
        with self._lock:
            self.hits[raw_path] += 1
        key = normalize_path(raw_path)
        res = self._site.get(key)
        if res is None:
            body = b"<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Not found</h1></body></html>\n"
            self._send(req, 404, {"Content-Type": "text/html; charset=utf-8"}, body, head)
            return
        if res.flaky:
            with self._lock:
                failures = self._failures[key]
                self._failures[key] += 1
            if failures < self.fail_first:
                body = b"<!DOCTYPE html><html><body><h1>503 Service Temporarily Unavailable</h1></body></html>\n"
                self._send(req, 503, {"Content-Type": "text/html; charset=utf-8", "Retry-After": "1"}, body, head)
                return
        if res.slow and self.slow_seconds > 0:
            time.sleep(self.slow_seconds)
        headers = {
            "ETag": res.etag,
            "Last-Modified": format_datetime(res.last_modified, usegmt=True),
            "Cache-Control": "public, max-age=60",
        }
        if self._not_modified(req, res):
            self._send(req, 304, headers, b"", head=True)
            return
        headers["Content-Type"] = res.content_type
        self._send(req, 200, headers, res.body, head)

    @staticmethod
    def _not_modified(req: _Handler, res: Resource) -> bool:
        inm = req.headers.get("If-None-Match")
        if inm is not None:  # RFC 9110: If-None-Match wins over If-Modified-Since
            tags = [t.strip() for t in inm.split(",")]
            return "*" in tags or any(t.removeprefix("W/") == res.etag for t in tags)
        ims = req.headers.get("If-Modified-Since")
        if ims:
            try:
                since = parsedate_to_datetime(ims)
            except (TypeError, ValueError):
                return False
            if since.tzinfo is None:
                since = since.replace(tzinfo=UTC)
            return res.last_modified <= since
        return False

    @staticmethod
    def _send(req: _Handler, status: int, headers: dict[str, str], body: bytes, head: bool) -> None:
        req.send_response(status)
        for name, value in headers.items():
            req.send_header(name, value)
        if status != 304:
            req.send_header("Content-Length", str(len(body)))
        req.end_headers()
        if not head and body:
            req.wfile.write(body)


def serve_news_web(**kwargs: Any) -> NewsWeb:
    """Start a NewsWeb and return it (call `.stop()` when done)."""
    return NewsWeb(**kwargs).start()


def serve_forever_cli(argv: list[str] | None = None) -> None:
    """`python -m pipeline.newsweb --port 8765`: serve until Ctrl-C."""
    parser = argparse.ArgumentParser(prog="python -m pipeline.newsweb", description="Serve the local news web.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--today", type=date.fromisoformat, default=None, help="YYYY-MM-DD (default: today UTC)")
    parser.add_argument("--slow-seconds", type=float, default=2.0)
    parser.add_argument("--fail-first", type=int, default=1)
    parser.add_argument("--sources", action="store_true", help="print a sources.yaml for this server and exit")
    parser.add_argument("-v", "--verbose", action="store_true", help="log requests to stderr")
    args = parser.parse_args(argv)
    web = NewsWeb(args.host, args.port, args.today, args.slow_seconds, args.fail_first, verbose=args.verbose)
    import yaml

    if args.sources:
        print(yaml.safe_dump(web.sources_config(), allow_unicode=True, sort_keys=False), end="")
        web.stop()
        return
    print(f"newsweb serving {web.base_url} (today={web.today.isoformat()}); Ctrl-C to stop")
    for a in web.articles():
        flags = ",".join(sorted(a.flags))
        print(f"  {a.published_at:%Y-%m-%d %H:%M}Z {a.language} {a.encoding:<12} {a.path}" + (f"  [{flags}]" if flags else ""))
    print("feeds: /en/rss.xml /ru/atom.xml /zh/news-sitemap.xml; sitemap index: /sitemap.xml; /robots.txt")
    print("sources.yaml:")
    print(yaml.safe_dump(web.sources_config(), allow_unicode=True, sort_keys=False), end="", flush=True)
    try:
        web._httpd.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        web._httpd.server_close()
