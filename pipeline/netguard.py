"""SSRF guard: refuse URLs whose host resolves to a non-public address.

Feeds and sitemaps are third-party input, so any URL in them (or any redirect
target) may point at cloud metadata (169.254.169.254), localhost admin ports or
the office LAN. The decision is made on the *resolved* IPs, before connecting.

DNS rebinding (a host that resolves to a public IP for the check and to a
private one for the connection) is closed by `GuardedTransport`: it resolves
once, checks every address and connects to the checked IP itself, so there is
no second, unchecked lookup.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx

from pipeline.config import FetchSettings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_SIXTOFOUR = ipaddress.ip_network("2002::/16")
ALLOWED_SCHEMES = ("http", "https")


class BlockedURL(Exception):
    """A URL the guard refuses; `code` is a short reason for FetchResult.error."""

    def __init__(self, reason: str, code: str = "blocked_address") -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code


def resolve(host: str, port: int) -> list[str]:
    """All addresses `host` resolves to (module-level so tests can substitute it)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    seen: list[str] = []
    for _family, _type, _proto, _canon, sockaddr in infos:
        addr = str(sockaddr[0]).split("%", 1)[0]  # drop an IPv6 scope id
        if addr not in seen:
            seen.append(addr)
    return seen


def blocked_reason(ip: IPAddress) -> str | None:
    """Why `ip` is not a public unicast address, or None if it is."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is None and ip in _SIXTOFOUR:
            embedded = ip.sixtofour
        if embedded is not None:
            inner = blocked_reason(embedded)
            return f"embeds {embedded} ({inner})" if inner else None
    checks = (
        ("loopback", ip.is_loopback),
        ("unspecified", ip.is_unspecified),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("CGNAT", isinstance(ip, ipaddress.IPv4Address) and ip in _CGNAT),
        ("private", ip.is_private),
        ("reserved", ip.is_reserved),
        ("not global", not ip.is_global),
    )
    for name, hit in checks:
        if hit:
            return name
    return None


DEFAULT_PORTS = frozenset({80, 443})


def parse_entry(entry: str) -> tuple[str, frozenset[int] | None]:
    """Split an `allowed_networks` entry into (network or host, ports).

    `127.0.0.1:8765`, `[::1]:8080`, `intranet.local:8443`, `10.1.0.0/16:443` name one
    port; `host:*` every port (say so explicitly); an entry without a port allows only
    the web's ports 80 and 443, so allowing a machine for its web site never opens its
    database, cache or admin ports. Raises ValueError for anything else.
    """
    entry = entry.strip()
    if not entry:
        raise ValueError("empty entry")
    target, port = entry, ""
    if entry.startswith("["):  # [v6], [v6]:port, [v6]/len, [v6]/len:port
        close = entry.find("]")
        if close < 0:
            raise ValueError(f"unclosed [ in {entry!r}")
        target, rest = entry[1:close], entry[close + 1:]
        if rest.startswith("/"):
            prefix, _, port = rest.partition(":")
            target += prefix
        elif rest.startswith(":"):
            port = rest[1:]
        elif rest:
            raise ValueError(f"unexpected {rest!r} after ] in {entry!r}")
    elif entry.count(":") == 1:  # IPv4, CIDR or host name with a port (bare IPv6 has several colons)
        target, port = entry.split(":", 1)
    if not port:
        return target, DEFAULT_PORTS
    if port == "*":
        return target, None
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"bad port {port!r} in {entry!r}")
    return target, frozenset({int(port)})


class _Allowlist:
    """`allowed_networks` as origins: (CIDR or host name, ports); ".example.org" = suffix."""

    def __init__(self, entries: Iterable[str]) -> None:
        self.networks: list[tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, frozenset[int] | None]] = []
        self.hosts: list[tuple[str, frozenset[int] | None]] = []
        for entry in entries:
            target, ports = parse_entry(entry)
            try:
                self.networks.append((ipaddress.ip_network(target, strict=False), ports))
            except ValueError:
                self.hosts.append((target.lower().rstrip("."), ports))

    @staticmethod
    def _port_ok(ports: frozenset[int] | None, port: int) -> bool:
        return ports is None or port in ports

    def host_allowed(self, host: str, port: int) -> bool:
        host = host.lower().rstrip(".")
        return any((host == h or (h.startswith(".") and host.endswith(h))) and self._port_ok(p, port)
                   for h, p in self.hosts)

    def ip_allowed(self, ip: IPAddress, port: int) -> bool:
        candidates = [ip]
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            candidates.append(ip.ipv4_mapped)
        return any(c.version == n.version and c in n and self._port_ok(p, port)
                   for c in candidates for n, p in self.networks)


_allowlists: dict[tuple[str, ...], _Allowlist] = {}


def _allowlist(settings: FetchSettings) -> _Allowlist:
    key = tuple(settings.allowed_networks)
    if key not in _allowlists:
        _allowlists[key] = _Allowlist(key)
    return _allowlists[key]


def _parse_ip(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
    except ValueError:
        return None


def checked_addresses(host: str, port: int, settings: FetchSettings) -> list[str] | None:
    """Resolve `host` and return its addresses if all are allowed on `port`.

    Returns None when no check applies (private networks allowed, or the host
    name itself is allow-listed for this port): the caller may then connect by name.
    Every spelling of an address (decimal `2130706433`, `localhost`, `::ffff:7f00:1`)
    is judged by what it resolves to. Raises BlockedURL, or OSError when the name
    does not resolve.
    """
    if settings.allow_private_networks:
        return None
    allow = _allowlist(settings)
    if allow.host_allowed(host, port):
        return None
    literal = _parse_ip(host)
    addresses = [str(literal)] if literal is not None else resolve(host, port)
    if not addresses:
        raise OSError(f"{host} resolved to no addresses")
    for addr in addresses:
        ip = ipaddress.ip_address(addr)
        if allow.ip_allowed(ip, port):
            continue
        reason = blocked_reason(ip)
        if reason:
            raise BlockedURL(f"{host}:{port} resolves to {addr} ({reason}) and that origin is not in fetch.allowed_networks")
    return addresses


def check_url(url: str, settings: FetchSettings) -> None:
    """Raise BlockedURL unless `url` is http(s) to an allowed (public) host.

    Unresolvable hosts raise OSError (socket.gaierror): that is a network
    problem, not a policy decision.
    """
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise BlockedURL(f"unparseable URL: {exc}", code="invalid_url") from None
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise BlockedURL(f"scheme {scheme or '(none)'!r} not allowed", code="blocked_scheme")
    if not parts.hostname:
        raise BlockedURL("URL has no host", code="invalid_url")
    checked_addresses(parts.hostname, port or (443 if scheme == "https" else 80), settings)


# --- connection-time enforcement -------------------------------------------------


class UnresolvableHost(httpcore.ConnectError):
    """The host name did not resolve at connect time (never retried)."""


_local = threading.local()


def set_deadline(deadline: float | None) -> None:
    """Set a monotonic wall-clock deadline for socket I/O in this thread.

    Every read, write and connect is clamped to it, so a server that drips one
    byte per read timeout cannot keep a worker beyond the deadline.
    """
    _local.deadline = deadline


def _clamp(timeout: float | None, *, on_expiry: type[Exception]) -> float | None:
    deadline = getattr(_local, "deadline", None)
    if deadline is None:
        return timeout
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise on_expiry("total timeout exceeded")
    return remaining if timeout is None else min(timeout, remaining)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _clamp(timeout, on_expiry=httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _clamp(timeout, on_expiry=httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None) -> httpcore.NetworkStream:
        timeout = _clamp(timeout, on_expiry=httpcore.ConnectTimeout)
        return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _GuardedBackend(httpcore.NetworkBackend):
    """Resolve, check, then connect to the checked IP (no second lookup)."""

    def __init__(self, settings: FetchSettings) -> None:
        self._settings = settings
        self._inner = httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        timeout = _clamp(timeout, on_expiry=httpcore.ConnectTimeout)
        try:
            addresses = checked_addresses(host, port, self._settings) or [host]
        except OSError as exc:  # DNS failure: a name that does not resolve now will not in a second
            raise UnresolvableHost(f"cannot resolve {host}: {exc}") from exc
        last: Exception | None = None
        for addr in addresses:
            try:
                stream = self._inner.connect_tcp(addr, port, timeout, local_address, socket_options)
                return _DeadlineStream(stream)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        assert last is not None
        raise last

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class GuardedTransport(httpx.HTTPTransport):
    """httpx transport whose connections go only to checked addresses.

    TLS still verifies against the host name (SNI and certificate use the URL
    host); only the TCP connect target is pinned. No proxies: a proxy would
    resolve names itself and defeat the check.
    """

    def __init__(self, settings: FetchSettings, limits: httpx.Limits | None = None) -> None:
        limits = limits or httpx.Limits(max_connections=settings.concurrency * 2, max_keepalive_connections=settings.concurrency)
        super().__init__(limits=limits, trust_env=False)
        ssl_context = httpx.create_ssl_context(trust_env=True)  # SSL_CERT_FILE/DIR only; proxies stay off
        # httpx does not expose network_backend; swap the pool it built for one that has ours.
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=_GuardedBackend(settings),
        )
