"""Fetcher against a local threaded http.server on 127.0.0.1 (no other network)."""

from __future__ import annotations

import gzip
import logging
import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from pipeline import netguard
from pipeline.config import FetchSettings
from pipeline.fetch import Fetcher, ValidatorStore, redact_url

Handler = Callable[[BaseHTTPRequestHandler], None]


_ORIGINS: list[str] = []  # origins of the servers now running: the only ones the tests' fetchers may reach


class Server:
    """Routes path -> handler; records (path, headers, start time) of every request."""

    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.log: list[tuple[str, dict[str, str], float]] = []
        self.counts: dict[str, int] = {}
        self.active = 0
        self.max_active = 0
        self._lock = threading.Lock()
        self._open = threading.local()  # whether this handler's request still counts as active
        server = self

        class H(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                path = self.path.split("?", 1)[0]
                with server._lock:
                    server.log.append((self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic()))
                    server.counts[path] = server.counts.get(path, 0) + 1
                    server.active += 1
                    server.max_active = max(server.max_active, server.active)
                server._open.value = True
                try:
                    route = server.routes.get(path)
                    if route is None:
                        server.done()
                        send(self, 404, b"not found")
                    else:
                        route(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                finally:
                    server.done()

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()
        _ORIGINS.append(f"127.0.0.1:{self.port}")

    def done(self) -> None:
        """The handler's request stops counting as active (once): a route calls it before
        it sends the response, as the client may start its next request as soon as the
        response arrives, before this thread has returned."""
        if getattr(self._open, "value", False):
            self._open.value = False
            with self._lock:
                self.active -= 1

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def paths(self) -> list[str]:
        return [p for p, _, _ in self.log]

    def close(self) -> None:
        _ORIGINS.remove(f"127.0.0.1:{self.port}")
        self.httpd.shutdown()
        self.httpd.server_close()


def send(h: BaseHTTPRequestHandler, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
    h.send_response(status)
    headers = {"Content-Type": "text/html; charset=utf-8", "Content-Length": str(len(body)), **(headers or {})}
    for k, v in headers.items():
        h.send_header(k, v)
    h.end_headers()
    if body:
        h.wfile.write(body)


@pytest.fixture
def server() -> Iterator[Server]:
    s = Server()
    yield s
    s.close()


def settings(**kw: object) -> FetchSettings:
    base: dict[str, object] = dict(
        allowed_networks=list(_ORIGINS), delay_seconds=0, backoff_seconds=0.05, connect_timeout=2,
        read_timeout=2, total_timeout=5, retries=2, respect_robots=False,
    )
    base.update(kw)
    return FetchSettings(**base)


def fetcher(**kw: object) -> Fetcher:
    return Fetcher(settings(**kw))


# --- basics, robots ---------------------------------------------------------------


def test_ok_result_and_user_agent(server: Server) -> None:
    server.routes["/a"] = lambda h: send(h, 200, "<p>héllo</p>".encode())
    with fetcher(user_agent="newspipe-test/1") as f:
        r = f.fetch(server.url("/a"))
    assert r.ok and r.status == 200 and r.error is None and r.attempts == 1
    assert r.body == "<p>héllo</p>".encode() and r.text().text == "<p>héllo</p>"
    assert r.content_type == "text/html; charset=utf-8" and r.fetched_at.tzinfo is not None
    assert server.log[0][1]["user-agent"] == "newspipe-test/1"


def test_robots_disallowed_url_is_never_requested(server: Server) -> None:
    robots = b"User-agent: *\nDisallow: /private\nAllow: /private/open$\n"
    server.routes["/robots.txt"] = lambda h: send(h, 200, robots, {"Content-Type": "text/plain"})
    server.routes["/private/x"] = lambda h: send(h, 200, b"secret")
    server.routes["/private/open"] = lambda h: send(h, 200, b"open")
    server.routes["/public"] = lambda h: send(h, 200, b"ok")
    with fetcher(respect_robots=True) as f:
        blocked = f.fetch(server.url("/private/x"))
        assert f.fetch(server.url("/public")).ok
        assert f.fetch(server.url("/private/open")).ok
    assert blocked.error == "robots_disallowed" and blocked.status == 0
    assert "/private/x" not in server.paths()
    assert server.counts["/robots.txt"] == 1  # cached for the run


def test_robots_5xx_disallows_and_404_allows(server: Server) -> None:
    server.routes["/robots.txt"] = lambda h: send(h, 503, b"down")
    server.routes["/page"] = lambda h: send(h, 200, b"ok")
    with fetcher(respect_robots=True, retries=0) as f:
        assert f.fetch(server.url("/page")).error == "robots_disallowed"
    assert "/page" not in server.paths()
    server.routes.pop("/robots.txt")  # now 404
    with fetcher(respect_robots=True) as f:
        assert f.fetch(server.url("/page")).ok


def test_robots_crawl_delay_raises_host_delay(server: Server) -> None:
    server.routes["/robots.txt"] = lambda h: send(h, 200, b"User-agent: *\nCrawl-delay: 0.4\n")
    server.routes["/p"] = lambda h: send(h, 200, b"ok")
    with fetcher(respect_robots=True, delay_seconds=0) as f:
        f.fetch(server.url("/p?1"))
        f.fetch(server.url("/p?2"))
    starts = [t for p, _, t in server.log if p.startswith("/p?")]
    # logged when the server's handler runs: a busy machine can start the first one late,
    # so the gap is checked against most of the delay (without it the gap is milliseconds)
    assert starts[1] - starts[0] >= 0.3


def test_robots_wildcards_match_without_backtracking() -> None:
    # as a regex ('.*a.*a...'), eight wildcards against a 60-character path took 50 s per URL
    from pipeline.robots import RobotsRules

    rules = RobotsRules.parse("User-agent: *\nDisallow: /" + "*a" * 20 + "*b$\nDisallow: /private*/draft$\n")
    assert rules.allowed("https://x.example/" + "a" * 5000, "newspipe")
    assert not rules.allowed("https://x.example/" + "a" * 25 + "b", "newspipe")
    assert not rules.allowed("https://x.example/private/2024/draft", "newspipe")
    assert rules.allowed("https://x.example/private/2024/draft/1", "newspipe")


@hypothesis_settings(max_examples=300, deadline=None)
@given(pattern=st.text(st.sampled_from("ab/*$?="), max_size=8), path=st.text(st.sampled_from("ab/$?="), max_size=10))
def test_robots_pattern_matching_is_the_regex_reading_of_the_pattern(pattern: str, path: str) -> None:
    import re

    from pipeline.robots import _Rule

    pattern, path = "/" + pattern, "/" + path
    anchored = pattern.endswith("$")
    body = pattern[:-1] if anchored else pattern
    reference = re.compile(".*".join(re.escape(p) for p in body.split("*")) + ("$" if anchored else ""))
    assert _Rule(True, pattern).matches(path) == bool(reference.match(path))


def test_robots_crawl_delay_values() -> None:
    from pipeline.robots import RobotsRules

    def delay(value: str) -> float | None:
        return RobotsRules.parse(f"User-agent: *\nCrawl-delay: {value}\n").crawl_delay("newspipe/0.1")

    assert delay("2.5") == 2.5 and delay("-3") == 0.0 and delay("inf") == float("inf")
    assert delay("nan") is None and delay("soon") is None  # no delay to wait for: none


def test_robots_crawl_delay_beyond_the_cap_spaces_requests_at_the_cap(server: Server, caplog) -> None:
    # "Crawl-delay: 86400" would hold the run a day per page; "inf" made the second request raise
    for value in (b"86400", b"inf"):
        server.routes["/robots.txt"] = lambda h, v=value: send(h, 200, b"User-agent: *\nCrawl-delay: " + v + b"\n")
        server.routes["/p"] = lambda h: send(h, 200, b"ok")
        with caplog.at_level(logging.WARNING, logger="pipeline.fetch"), \
                fetcher(respect_robots=True, delay_seconds=0, max_crawl_delay=0.3) as f:
            started = time.monotonic()
            results = [f.fetch(server.url(f"/p?{value.decode()}{i}")) for i in range(3)]
            took = time.monotonic() - started
        assert all(r.ok for r in results), value
        assert 0.5 <= took < 10, (value, took)  # two gaps of the cap, not of the Crawl-delay
    assert "exceeds max_crawl_delay" in caplog.text  # the finite one is named in the log


# --- retries -----------------------------------------------------------------------


def flaky(status: int, retry_after: str | Callable[[], str], failures: int = 1) -> Handler:
    calls = {"n": 0}

    def route(h: BaseHTTPRequestHandler) -> None:
        calls["n"] += 1
        if calls["n"] <= failures:
            value = retry_after() if callable(retry_after) else retry_after
            send(h, status, b"busy", {"Retry-After": value})
        else:
            send(h, 200, b"finally")

    return route


def test_503_then_200_honours_retry_after(server: Server) -> None:
    server.routes["/flaky"] = flaky(503, "1")
    with fetcher() as f:
        r = f.fetch(server.url("/flaky"))
    assert r.ok and r.body == b"finally" and r.attempts == 2
    assert r.elapsed >= 1.0
    starts = [t for _, _, t in server.log]
    assert starts[1] - starts[0] >= 0.95


def test_429_with_http_date_retry_after(server: Server) -> None:
    server.routes["/rl"] = flaky(429, lambda: formatdate(time.time() + 1, usegmt=True))
    with fetcher() as f:
        r = f.fetch(server.url("/rl"))
    assert r.ok and r.attempts == 2 and server.counts["/rl"] == 2


def test_retry_after_beyond_cap_gives_up(server: Server) -> None:
    server.routes["/rl"] = flaky(429, "3600")
    with fetcher(max_retry_after=5) as f:
        r = f.fetch(server.url("/rl"))
    assert r.error == "http_429" and r.attempts == 1 and r.elapsed < 2


def test_retry_after_values_a_server_may_send() -> None:
    from pipeline.fetch import _parse_retry_after

    assert _parse_retry_after("3") == 3.0 and _parse_retry_after(" 120 ") == 120.0
    assert _parse_retry_after("9" * 400) == float("inf")  # beyond any cap: not retried
    # not a delay: the status's own retry rule applies ("²" raised ValueError: internal_error)
    for value in ("²", "¹²", "soon", "-5", "1.5e3", "", None):
        assert _parse_retry_after(value) is None, value


def test_5xx_retried_with_backoff_until_exhausted(server: Server) -> None:
    server.routes["/down"] = lambda h: send(h, 502, b"bad gateway")
    with fetcher(retries=2, backoff_seconds=0.05) as f:
        r = f.fetch(server.url("/down"))
    assert r.error == "http_502" and r.status == 502 and r.attempts == 3 and server.counts["/down"] == 3


def test_404_not_retried(server: Server) -> None:
    with fetcher(retries=3) as f:
        r = f.fetch(server.url("/missing"))
    assert r.error == "http_404" and r.status == 404 and not r.ok and r.attempts == 1
    assert server.counts["/missing"] == 1


def test_connection_refused_is_a_result() -> None:
    s = Server()
    url = s.url("/x")
    s.close()  # nothing listens there now
    with fetcher(retries=1, backoff_seconds=0.01, allowed_networks=[f"127.0.0.1:{s.port}"]) as f:
        r = f.fetch(url)
    assert r.error == "connection_error" and r.status == 0 and r.attempts == 2


def test_dead_host_trips_the_breaker_after_a_few_connect_failures() -> None:
    """Finding 6: after host_down_after consecutive refused connects, the host's other URLs fail at once."""
    s = Server()
    urls = [s.url(f"/dead/{i}") for i in range(30)]
    s.close()
    with fetcher(retries=3, backoff_seconds=0.05, host_down_after=3, concurrency=1,
                 allowed_networks=[f"127.0.0.1:{s.port}"]) as f:
        t0 = time.monotonic()
        results = list(f.fetch_many(urls))
        elapsed = time.monotonic() - t0
    errors = Counter(r.error for r in results)
    assert errors["host_down"] >= 28, errors  # the first URL spent its 3 attempts; the rest cost nothing
    assert sum(r.attempts for r in results) <= 3
    assert f.hosts_down == {f"127.0.0.1:{s.port}"}
    assert elapsed < 3, elapsed


def test_failures_after_connecting_never_trip_the_breaker(server: Server) -> None:
    """5xx and resets prove the host is up: one broken page must not cost its neighbours."""
    def broken(h: BaseHTTPRequestHandler) -> None:
        send(h, 503)

    def reset(h: BaseHTTPRequestHandler) -> None:
        h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        h.connection.close()

    server.routes["/broken"] = broken
    server.routes["/reset"] = reset
    server.routes["/ok"] = lambda h: send(h, 200, b"<p>fine</p>")
    with fetcher(retries=2, backoff_seconds=0.01, host_down_after=2, concurrency=1) as f:
        bad = [f.fetch(server.url(p)) for p in ("/broken", "/reset", "/broken", "/reset")]
        ok = f.fetch(server.url("/ok"))
    assert all(r.error != "host_down" for r in bad), [r.error for r in bad]
    assert ok.ok and not f.hosts_down


# --- pacing ------------------------------------------------------------------------


def test_per_host_delay_between_request_starts(server: Server) -> None:
    server.routes["/p"] = lambda h: send(h, 200, b"ok")
    with fetcher(delay_seconds=0.5, concurrency=4, per_host_concurrency=2) as f:
        results = list(f.fetch_many([server.url("/p?1"), server.url("/p?2")]))
    assert all(r.ok for r in results)
    starts = sorted(t for _, _, t in server.log)
    assert starts[1] - starts[0] >= 0.48


def test_host_delays_override(server: Server) -> None:
    server.routes["/p"] = lambda h: send(h, 200, b"ok")
    with Fetcher(settings(delay_seconds=5), host_delays={"127.0.0.1": 0.2}) as f:
        t0 = time.monotonic()
        f.fetch(server.url("/p?1"))
        f.fetch(server.url("/p?2"))
    assert 0.18 <= time.monotonic() - t0 < 2


def test_per_host_concurrency_cap(server: Server) -> None:
    def slow(h: BaseHTTPRequestHandler) -> None:
        time.sleep(0.25)
        server.done()
        send(h, 200, b"ok")

    server.routes["/slow"] = slow
    urls = [server.url(f"/slow?{i}") for i in range(6)]
    with fetcher(concurrency=8, per_host_concurrency=2) as f:
        results = list(f.fetch_many(urls))
    assert len(results) == 6 and all(r.ok for r in results)
    assert {r.url for r in results} == set(urls)
    assert server.max_active == 2


def test_direct_concurrent_fetch_calls_also_capped(server: Server) -> None:
    def slow(h: BaseHTTPRequestHandler) -> None:
        time.sleep(0.2)
        server.done()
        send(h, 200, b"ok")

    server.routes["/slow"] = slow
    with fetcher(per_host_concurrency=1) as f:
        threads = [threading.Thread(target=f.fetch, args=(server.url(f"/slow?{i}"),)) for i in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert server.max_active == 1 and server.counts["/slow"] == 3


# --- bounds ------------------------------------------------------------------------


def test_slow_drip_bounded_by_total_timeout(server: Server) -> None:
    def drip(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.end_headers()
        for _ in range(100):
            h.wfile.write(b"x")
            h.wfile.flush()
            time.sleep(0.1)

    server.routes["/drip"] = drip
    with fetcher(read_timeout=1, total_timeout=1.0, retries=2) as f:
        t0 = time.monotonic()
        r = f.fetch(server.url("/drip"))
        took = time.monotonic() - t0
    assert r.error == "timeout" and "total" in (r.detail or "")
    assert took < 1.6 and r.attempts == 1  # not retried: it would drip again


def test_size_cap_with_and_without_content_length(server: Server) -> None:
    big = b"a" * 300_000
    server.routes["/big"] = lambda h: send(h, 200, big)

    def no_length(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.end_headers()
        h.wfile.write(big)

    server.routes["/nolen"] = no_length
    with fetcher(max_bytes=100_000) as f:
        r1 = f.fetch(server.url("/big"))
        r2 = f.fetch(server.url("/nolen"))
    assert r1.error == "too_large" and not r1.ok and r1.body == b"" and r1.attempts == 1
    assert r2.error == "too_large" and len(r2.body) == 100_000


def test_gzip_bomb_capped_after_decompression(server: Server) -> None:
    bomb = gzip.compress(b"\0" * 50_000_000, compresslevel=9)  # ~50 KB on the wire
    assert len(bomb) < 100_000
    server.routes["/bomb"] = lambda h: send(h, 200, bomb, {"Content-Encoding": "gzip"})
    with fetcher(max_bytes=1_000_000) as f:
        r = f.fetch(server.url("/bomb"))
    assert r.error == "too_large" and len(r.body) == 1_000_000


def test_gzip_body_decompressed(server: Server) -> None:
    server.routes["/gz"] = lambda h: send(h, 200, gzip.compress(b"<p>small</p>"), {"Content-Encoding": "gzip"})
    with fetcher() as f:
        r = f.fetch(server.url("/gz"))
    assert r.ok and r.body == b"<p>small</p>"
    assert "gzip" in server.log[0][1]["accept-encoding"]


# --- redirects ---------------------------------------------------------------------


def redirect(to: str, status: int = 302) -> Handler:
    return lambda h: send(h, status, b"", {"Location": to})


def test_redirect_followed_relative(server: Server) -> None:
    server.routes["/old"] = redirect("/new", 301)
    server.routes["/new"] = lambda h: send(h, 200, b"new")
    with fetcher() as f:
        r = f.fetch(server.url("/old"))
    assert r.ok and r.final_url == server.url("/new") and r.url == server.url("/old") and r.attempts == 2


def test_redirect_loop(server: Server) -> None:
    server.routes["/a"] = redirect("/b")
    server.routes["/b"] = redirect("/a")
    with fetcher() as f:
        r = f.fetch(server.url("/a"))
    assert r.error == "redirect_loop" and server.counts == {"/a": 1, "/b": 1}


def test_too_many_redirects(server: Server) -> None:
    for i in range(10):
        server.routes[f"/r{i}"] = redirect(f"/r{i + 1}")
    with fetcher(max_redirects=3) as f:
        r = f.fetch(server.url("/r0"))
    assert r.error == "too_many_redirects" and r.attempts == 4 and "/r4" not in server.paths()


@pytest.mark.parametrize("target", ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "file:///etc/passwd"])
def test_redirect_to_blocked_address_refused(server: Server, target: str) -> None:
    server.routes["/evil"] = redirect(target)
    with fetcher() as f:
        r = f.fetch(server.url("/evil"))
    assert r.error in ("blocked_address", "blocked_scheme") and r.status == 0 and r.final_url == target


@pytest.mark.parametrize("target", ["http://[", "//[not-an-address]/page", "http://news.example:99999/page"])
def test_redirect_to_an_unusable_location_is_one_error(server: Server, target: str) -> None:
    # a Location no URL can be made of is the page's error, not an exception for the run
    server.routes["/odd"] = redirect(target)
    with fetcher() as f:
        r = f.fetch(server.url("/odd"))
    # once: the same header would come again on a retry
    assert r.error == "bad_redirect" and not r.ok and "location" in r.detail.lower() and r.attempts == 1


def test_redirect_hop_checked_by_robots(server: Server) -> None:
    server.routes["/robots.txt"] = lambda h: send(h, 200, b"User-agent: *\nDisallow: /secret\n")
    server.routes["/go"] = redirect("/secret/page")
    with fetcher(respect_robots=True) as f:
        r = f.fetch(server.url("/go"))
    assert r.error == "robots_disallowed" and "/secret/page" not in server.paths()


# --- conditional GET ---------------------------------------------------------------


def etag_route(h: BaseHTTPRequestHandler) -> None:
    if h.headers.get("If-None-Match") == '"v1"':
        send(h, 304, b"", {"ETag": '"v1"'})
    else:
        send(h, 200, b"<rss/>", {"ETag": '"v1"', "Last-Modified": "Mon, 01 Jan 2024 00:00:00 GMT"})


def test_conditional_get_304_with_etag(server: Server, tmp_path) -> None:
    server.routes["/feed"] = etag_route
    db = tmp_path / "validators.sqlite"
    store = ValidatorStore(db)
    with Fetcher(settings(), validators=store) as f:
        first = f.fetch(server.url("/feed"), kind="feed")
        second = f.fetch(server.url("/feed"), kind="feed")
    store.close()
    assert first.ok and not first.not_modified and first.body == b"<rss/>"
    assert second.ok and second.not_modified and second.status == 304 and second.body == b""
    sent = server.log[1][1]
    assert sent["if-none-match"] == '"v1"' and sent["if-modified-since"] == "Mon, 01 Jan 2024 00:00:00 GMT"
    # persisted: a new store on the same file still knows the validators
    again = ValidatorStore(db)
    with Fetcher(settings(), validators=again) as f:
        assert f.fetch(server.url("/feed"), kind="feed").not_modified
    assert again.get(server.url("/feed")).etag == '"v1"'
    again.close()


# --- DNS rebinding -----------------------------------------------------------------


def test_connect_goes_to_the_checked_ip(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unknown name resolved once (by our resolver) is connected by IP, Host kept."""
    monkeypatch.setattr(netguard, "resolve", lambda host, port: ["127.0.0.1"])
    server.routes["/ok"] = lambda h: send(h, 200, b"pinned")
    with fetcher() as f:
        r = f.fetch(f"http://pinned.invalid:{server.port}/ok")
    assert r.ok and r.body == b"pinned"
    assert server.log[0][1]["host"] == f"pinned.invalid:{server.port}"


def test_dns_rebinding_refused_at_connect(monkeypatch: pytest.MonkeyPatch) -> None:
    """Public at check time, private at connect time: refused, nothing connected."""
    answers = iter([["93.184.216.34"], ["10.0.0.1"], ["10.0.0.1"]])
    monkeypatch.setattr(netguard, "resolve", lambda host, port: next(answers))
    connects: list[tuple[str, int]] = []
    import socket

    real = socket.create_connection
    monkeypatch.setattr(socket, "create_connection", lambda addr, *a, **k: connects.append(addr) or real(addr, *a, **k))
    with Fetcher(FetchSettings(respect_robots=False, retries=0)) as f:
        r = f.fetch("http://rebind.invalid/")
    assert r.error == "blocked_address" and "10.0.0.1" in (r.detail or "")
    assert connects == []


def test_userinfo_redacted_in_logs(server: Server, caplog: pytest.LogCaptureFixture) -> None:
    assert redact_url("http://user:pw@example.org/x") == "http://example.org/x"
    with fetcher(retries=0) as f, caplog.at_level("INFO"):
        f.fetch(server.url("/missing").replace("127.0.0.1", "bob:hunter2@127.0.0.1"))
    assert caplog.records and "hunter2" not in caplog.text


def _self_signed(tmp_path, name: str) -> tuple[str, str]:
    x509 = pytest.importorskip("cryptography.x509")
    from datetime import datetime, timedelta

    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(minutes=1))
        .not_valid_after(now + timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return str(cert_path), str(key_path)


def test_tls_to_pinned_ip_still_verifies_host_name(server: Server, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pinning changes only the TCP target: SNI and certificate checks use the URL host."""
    import ssl

    cert, key = _self_signed(tmp_path, "pinned.invalid")
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    server.httpd.socket = ctx.wrap_socket(server.httpd.socket, server_side=True)
    server.routes["/ok"] = lambda h: send(h, 200, b"tls")
    monkeypatch.setenv("SSL_CERT_FILE", cert)
    monkeypatch.setattr(netguard, "resolve", lambda host, port: ["127.0.0.1"])
    with fetcher(retries=2) as f:
        good = f.fetch(f"https://pinned.invalid:{server.port}/ok")
        bad = f.fetch(f"https://127.0.0.1:{server.port}/ok")  # certificate is not for this name
    assert good.ok and good.body == b"tls"
    assert bad.error == "tls_error" and bad.attempts == 1


def test_unresolvable_and_unparseable_targets_are_tried_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A name that does not resolve or an address that does not parse is not a network blip: no retries."""
    calls: list[str] = []

    def no_such_name(host: str, port: int) -> list[str]:
        calls.append(host)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(netguard, "resolve", no_such_name)
    with fetcher(retries=3, backoff_seconds=0.01) as f:
        dns = f.fetch("http://no-such-host.invalid/x")
        bad = [f.fetch(u) for u in ("http://[::zz]/x", "http://1.2.3.4:99999/x", "http://exa mple.com/x")]
    assert dns.error == "connection_error" and calls.count("no-such-host.invalid") == 1 and dns.attempts == 0
    for r in bad:
        assert r.error in ("invalid_url", "blocked_address", "connection_error") and r.attempts <= 1, (r.url, r.error, r.attempts)
