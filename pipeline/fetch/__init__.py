"""Polite, bounded HTTP fetching.

One `Fetcher` wraps one httpx.Client for a run. Every outcome is a
`FetchResult` (network trouble never raises) so discovery and extraction can
record failures per URL instead of aborting a source.

Politeness: robots.txt (RFC 9309) is obeyed, request starts to one host are
spaced by a per-host delay (raised by Crawl-delay) and capped in number, and
retries back off exponentially with jitter and honour Retry-After.

Safety: every hop, redirects included, passes the SSRF guard and connects to
the checked IP; bodies are capped after decompression (gzip bombs) and every
response has a wall-clock deadline (slow-drip servers).

Modules: `results` (FetchResult, redaction), `validators` (conditional GET), `pacing`
(per-host spacing and caps), `inflate` (capped decompression); the Fetcher is here.
"""

from __future__ import annotations

import base64
import email.utils
import logging
import random
import ssl
import threading
import time
import zlib
from collections import OrderedDict, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal
from urllib.parse import urlsplit

import httpx

from pipeline.config import FetchSettings
from pipeline.netguard import BlockedURL, GuardedTransport, UnresolvableHost, check_url, set_deadline
from pipeline.robots import MAX_ROBOTS_BYTES, RobotsCache
from pipeline.urls import join_url

from .inflate import Body, TooLarge
from .pacing import HostGate
from .results import FetchResult, redact_headers, redact_url
from .validators import Validators, ValidatorStore

log = logging.getLogger(__name__)


Kind = Literal["page", "feed", "sitemap", "robots"]
ACCEPT: dict[str, str] = {
    "page": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
    "feed": "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5",
    "sitemap": "application/xml,text/xml;q=0.9,application/x-gzip;q=0.8,*/*;q=0.5",
    "robots": "text/plain,*/*;q=0.5",
}
REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass
class _Outcome:
    """One HTTP exchange (or its failure)."""

    status: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    error: str | None = None
    detail: str | None = None
    retryable: bool = False
    connect_failed: bool = False  # no connection was made (refused, unreachable, connect timeout, DNS)


def _parse_retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():  # "²" is a digit to str.isdigit, not to float()
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _retryable_status(status: int) -> bool:
    return status == 429 or (500 <= status < 600 and status not in (501, 505))


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, kind):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def breaker_key(url: str) -> str:
    """What the circuit breaker counts per: the host, with its port when the URL names one
    (two services on one address are two hosts)."""
    try:
        parts = urlsplit(url)
        host, port = (parts.hostname or "").lower(), parts.port
    except ValueError:
        return ""
    return f"{host}:{port}" if port else host


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


class Fetcher:
    """Polite HTTP client for one run; use as a context manager.

    `host_delays` overrides `settings.delay_seconds` per host name (from
    `Source.delay_seconds`); `validators` enables conditional GET.
    """

    def __init__(
        self,
        settings: FetchSettings,
        *,
        host_delays: dict[str, float] | None = None,
        validators: ValidatorStore | None = None,
    ) -> None:
        self.settings = settings
        self.validators = validators
        self._host_delays = {h.lower(): d for h, d in (host_delays or {}).items()}
        self._gate = HostGate(settings.per_host_concurrency)
        self.robots = RobotsCache(lambda url: self.fetch(url, kind="robots"))
        # circuit breaker: consecutive connect failures per host; a host at the limit is down for the run
        self._breaker_lock = threading.Lock()
        self._connect_failures: dict[str, int] = {}
        self.hosts_down: set[str] = set()
        self._crawl_delay_logged: set[str] = set()
        self._client = httpx.Client(
            transport=GuardedTransport(settings),
            follow_redirects=False,
            trust_env=False,
            timeout=httpx.Timeout(
                connect=settings.connect_timeout,
                read=settings.read_timeout,
                write=settings.read_timeout,
                pool=settings.total_timeout,
            ),
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    # -- public API --

    def fetch(self, url: str, *, kind: Kind = "page") -> FetchResult:
        """GET `url` following redirects; never raises on network problems."""
        started = time.monotonic()
        fetched_at = datetime.now(UTC)
        try:
            return self._fetch(url, kind, started, fetched_at)
        except Exception as exc:  # noqa: BLE001 - a bug must not abort a whole source
            log.exception("fetch failed unexpectedly: %s", redact_url(url))
            return FetchResult(url, url, 0, {}, b"", fetched_at, time.monotonic() - started,
                               error="internal_error", detail=f"{type(exc).__name__}: {exc}")

    def fetch_many(self, urls: Iterable[str], kind: Kind = "page") -> Iterator[FetchResult]:
        """Fetch concurrently; results come as they complete, not in input order.

        Hosts are served round-robin and a URL is only handed to a worker when
        its host has a free slot, so one big host cannot tie up every thread.
        """
        queues: OrderedDict[str, deque[str]] = OrderedDict()
        for url in urls:
            queues.setdefault(_host(url), deque()).append(url)
        limit, per_host = self.settings.concurrency, self.settings.per_host_concurrency
        inflight: dict[str, int] = {}
        running: dict[Future[FetchResult], str] = {}
        with ThreadPoolExecutor(max_workers=limit, thread_name_prefix="fetch") as pool:
            try:
                while queues or running:
                    submitted = True
                    while submitted and len(running) < limit:
                        submitted = False
                        for host in list(queues):  # one URL per free host per pass: round-robin
                            if len(running) >= limit:
                                break
                            if inflight.get(host, 0) >= per_host:
                                continue
                            queue = queues[host]
                            future = pool.submit(self.fetch, queue.popleft(), kind=kind)
                            running[future] = host
                            inflight[host] = inflight.get(host, 0) + 1
                            submitted = True
                            if queue:
                                queues.move_to_end(host)
                            else:
                                del queues[host]
                    done, _ = wait(running, return_when=FIRST_COMPLETED)
                    for future in done:
                        host = running.pop(future)
                        inflight[host] -= 1
                        yield future.result()
            finally:
                for future in running:
                    future.cancel()

    # -- circuit breaker --

    def host_down(self, host: str) -> bool:
        return host in self.hosts_down

    def _note_connection(self, host: str, outcome: _Outcome) -> None:
        """Count consecutive connect failures; anything that connected resets the count.

        Only failures to *connect* count: a page that resets, truncates, drips or answers
        5xx proves the host is up, so one broken page never costs its neighbours.
        """
        with self._breaker_lock:
            if not outcome.connect_failed:
                self._connect_failures[host] = 0
                return
            n = self._connect_failures[host] = self._connect_failures.get(host, 0) + 1
            if n >= self.settings.host_down_after and host not in self.hosts_down:
                self.hosts_down.add(host)
                log.warning("host %s is down (%d consecutive connect failures): its remaining URLs in this run "
                            "are skipped as host_down", host, n)

    # -- internals --

    def _result(self, url: str, final_url: str, started: float, fetched_at: datetime, outcome: _Outcome,
                attempts: int, **extra: object) -> FetchResult:
        return FetchResult(url, final_url, outcome.status, outcome.headers, outcome.body, fetched_at,
                           time.monotonic() - started, error=outcome.error, detail=outcome.detail,
                           attempts=attempts, **extra)  # type: ignore[arg-type]

    def _fetch(self, url: str, kind: Kind, started: float, fetched_at: datetime) -> FetchResult:
        s = self.settings
        current, seen, attempts = url, {url}, 0
        hop = 0
        chain: list[str] = []
        while True:
            if self.host_down(breaker_key(current)):
                return self._result(url, current, started, fetched_at,
                                    _Outcome(error="host_down", detail=f"{breaker_key(current)} refused or dropped "
                                             f"{s.host_down_after} connections in a row"), attempts, redirects=chain)
            try:
                check_url(current, s)
            except BlockedURL as exc:
                log.warning("refused %s: %s", redact_url(current), exc.reason)
                return self._result(url, current, started, fetched_at, _Outcome(error=exc.code, detail=exc.reason), attempts)
            except OSError as exc:
                log.warning("cannot resolve %s: %s", redact_url(current), exc)
                return self._result(url, current, started, fetched_at,
                                    _Outcome(error="connection_error", detail=f"DNS: {exc}"), attempts)
            if kind != "robots" and s.respect_robots and not self.robots.allowed(current, s.user_agent):
                if self.host_down(breaker_key(current)):  # robots.txt failed because the host is down
                    continue
                log.info("robots.txt disallows %s", redact_url(current))
                return self._result(url, current, started, fetched_at,
                                    _Outcome(error="robots_disallowed", detail="disallowed by robots.txt"), attempts)

            headers = {"Accept": ACCEPT.get(kind, ACCEPT["page"])}
            known = self.validators.get(current) if self.validators and kind != "robots" else None
            if known:
                if known.etag:
                    headers["If-None-Match"] = known.etag
                if known.last_modified:
                    headers["If-Modified-Since"] = known.last_modified
            cap = min(s.max_bytes, MAX_ROBOTS_BYTES) if kind == "robots" else s.max_bytes
            outcome, n = self._with_retries(current, headers, cap)
            attempts += n
            status = outcome.status

            if outcome.error is None and status in REDIRECTS:
                location = outcome.headers.get("location", "").strip()
                if not location:
                    outcome.error, outcome.detail = "bad_redirect", f"{status} without Location"
                    return self._result(url, current, started, fetched_at, outcome, attempts)
                joined = join_url(current, location)  # None: no URL can be made of it ("http://[")
                if joined is None:
                    outcome.error, outcome.detail = "bad_redirect", f"{status} to an unusable Location {location[:200]!r}"
                    log.warning("giving up on %s: %s", redact_url(url), outcome.detail)
                    return self._result(url, current, started, fetched_at, outcome, attempts)
                target = joined.split("#", 1)[0]
                if target in seen:
                    outcome.error, outcome.detail = "redirect_loop", f"{redact_url(current)} -> {redact_url(target)} already visited"
                elif hop >= s.max_redirects:
                    outcome.error, outcome.detail = "too_many_redirects", f"more than {s.max_redirects} redirects"
                if outcome.error:
                    log.warning("giving up on %s: %s", redact_url(url), outcome.detail)
                    return self._result(url, current, started, fetched_at, outcome, attempts)
                seen.add(target)
                if hop:
                    chain.append(current)
                current, hop = target, hop + 1
                continue

            if outcome.error is None and status == 304:
                return self._result(url, current, started, fetched_at, outcome, attempts, not_modified=True)
            if outcome.error is None and not 200 <= status < 300:
                # keep a detail the retry loop left (e.g. "Retry-After 3600s exceeds cap")
                outcome.error, outcome.detail = f"http_{status}", outcome.detail or f"HTTP {status}"
            if outcome.error is None and self.validators is not None and kind != "robots":
                etag, modified = outcome.headers.get("etag"), outcome.headers.get("last-modified")
                for key in {url, current}:
                    self.validators.put(key, etag, modified)
            elif outcome.error:
                log.warning("fetch failed %s: %s (%s)", redact_url(current), outcome.error, outcome.detail)
            return self._result(url, current, started, fetched_at, outcome, attempts, redirects=chain)

    def _delay_for(self, url: str, host: str) -> float:
        delay = self._host_delays.get(host, self.settings.delay_seconds)
        crawl_delay = self.robots.crawl_delay(url, self.settings.user_agent) if self.settings.respect_robots else None
        if crawl_delay is not None and crawl_delay > delay:
            spaced = max(delay, min(crawl_delay, self.settings.max_crawl_delay))
            if host not in self._crawl_delay_logged:
                self._crawl_delay_logged.add(host)
                if spaced < crawl_delay:  # an hourly run cannot wait hours between two pages of one host
                    log.warning("robots.txt Crawl-delay %.0fs for %s exceeds max_crawl_delay: spacing its requests "
                                "%.1fs apart", crawl_delay, host, spaced)
                else:
                    log.info("robots.txt Crawl-delay %.1fs for %s raises the delay from %.1fs", crawl_delay, host, delay)
            delay = spaced
        return delay

    def _with_retries(self, url: str, headers: dict[str, str], cap: int) -> tuple[_Outcome, int]:
        s = self.settings
        host, key = _host(url), breaker_key(url)
        attempt = 0
        while True:
            if self.host_down(key):
                return _Outcome(error="host_down", detail=f"{key} is down for this run", connect_failed=True), attempt
            with self._gate.slot(host, self._delay_for(url, host)):
                outcome = self._send_once(url, headers, cap)
            attempt += 1
            self._note_connection(key, outcome)
            if self.host_down(key):
                return outcome, attempt
            retryable = outcome.retryable or (outcome.error is None and _retryable_status(outcome.status))
            if not retryable or attempt > s.retries:
                return outcome, attempt
            reason = outcome.error or f"HTTP {outcome.status}"
            retry_after = _parse_retry_after(outcome.headers.get("retry-after"))
            if retry_after is not None and retry_after > s.max_retry_after:
                log.warning("not retrying %s: Retry-After %.0fs exceeds max_retry_after %.0fs",
                            redact_url(url), retry_after, s.max_retry_after)
                outcome.detail = f"{reason}; Retry-After {retry_after:.0f}s exceeds cap"
                return outcome, attempt
            if retry_after is None:
                wait_s = min(s.max_retry_after, s.backoff_seconds * 2 ** (attempt - 1) * random.uniform(0.5, 1.5))
            else:
                wait_s = retry_after
            log.info("retrying %s in %.1fs (%s), attempt %d of %d", redact_url(url), wait_s, reason, attempt + 1, s.retries + 1)
            self._gate.defer(host, wait_s)
            time.sleep(wait_s)

    def _send_once(self, url: str, headers: dict[str, str], cap: int) -> _Outcome:
        s = self.settings
        deadline = time.monotonic() + s.total_timeout
        set_deadline(deadline)
        outcome = _Outcome()
        try:
            parts = httpx.URL(url)
            auth = (parts.username, parts.password) if parts.userinfo else None
            # credentials as auth, not in the URL, so httpx's own request log cannot leak them
            request = self._client.build_request("GET", parts.copy_with(userinfo=b"") if auth else parts, headers=headers)
            if auth:
                token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode("ascii")
                request.headers["Authorization"] = f"Basic {token}"
            response = self._client.send(request, stream=True)
            try:
                outcome.status = response.status_code
                outcome.headers = {k.lower(): v for k, v in response.headers.items()}
                if response.status_code in REDIRECTS or response.status_code == 304:
                    return outcome
                length = outcome.headers.get("content-length", "")
                if length.isdigit() and int(length) > cap and not outcome.headers.get("content-encoding"):
                    outcome.error, outcome.detail = "too_large", f"Content-Length {length} > cap {cap}"
                    return outcome
                body = Body(outcome.headers.get("content-encoding", ""), cap)
                for chunk in response.iter_raw():
                    body.feed(chunk)
                    if time.monotonic() > deadline:
                        raise httpx.ReadTimeout("total timeout exceeded")
                outcome.body = body.bytes()
            finally:
                response.close()  # drops the connection with any unread rest
        except TooLarge as exc:
            outcome.body, outcome.error = exc.partial, "too_large"
            outcome.detail = f"body exceeds {cap} bytes (after decompression)"
        except BlockedURL as exc:  # raised at connect time: DNS changed since the check
            outcome.error, outcome.detail = exc.code, exc.reason
        except httpx.ConnectTimeout as exc:
            outcome.error, outcome.detail = "timeout", f"connect timeout: {type(exc).__name__}: {exc}"
            outcome.retryable = outcome.connect_failed = True
        except httpx.TimeoutException as exc:
            total = time.monotonic() >= deadline
            outcome.error = "timeout"
            outcome.detail = f"total timeout {s.total_timeout:.0f}s exceeded" if total else f"{type(exc).__name__}: {exc}"
            outcome.retryable = not total  # a slow-drip server will be slow again
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            outcome.error, outcome.detail = "invalid_url", str(exc)
        except httpx.DecodingError as exc:
            outcome.error, outcome.detail = "decode_error", str(exc)
        except (httpx.TransportError, OSError) as exc:
            outcome.detail = f"{type(exc).__name__}: {exc}"
            if _caused_by(exc, ssl.SSLCertVerificationError):
                outcome.error = "tls_error"  # a bad certificate stays bad: no retry
            elif _caused_by(exc, UnresolvableHost):
                outcome.error, outcome.connect_failed = "connection_error", True  # DNS: not retried
            elif isinstance(exc, httpx.RemoteProtocolError) and "location header" in str(exc).lower():
                outcome.error = "bad_redirect"  # httpx refused the redirect's URL: the same again on a retry
            else:
                outcome.error, outcome.retryable = "connection_error", True
                outcome.connect_failed = isinstance(exc, httpx.ConnectError) or _caused_by(exc, ConnectionRefusedError)
        except (ValueError, zlib.error) as exc:  # bad content-encoding or corrupt stream
            outcome.error, outcome.detail = "decode_error", str(exc)
        finally:
            set_deadline(None)
        return outcome


__all__ = ["ACCEPT", "REDIRECTS", "FetchResult", "Fetcher", "Kind", "ValidatorStore", "Validators", "breaker_key",
           "redact_headers", "redact_url"]
