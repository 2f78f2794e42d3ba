"""SSRF guard decisions: made from (resolved) IPs, without connecting anywhere."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from pipeline import netguard
from pipeline.config import FetchSettings
from pipeline.fetch import Fetcher
from pipeline.netguard import BlockedURL, check_url

DEFAULT = FetchSettings()


@pytest.fixture(autouse=True)
def no_connections(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[object]]:
    """Fail loudly if anything tries to connect to a non-loopback address."""
    attempts: list[object] = []
    real = socket.create_connection

    def guarded(address, *args, **kwargs):  # type: ignore[no-untyped-def]
        attempts.append(address)
        if address[0] not in ("127.0.0.1", "::1", "localhost"):
            raise AssertionError(f"connection attempted to {address}")
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", guarded)
    yield attempts


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://localhost:8080/admin",
        "http://0.0.0.0/",
        "http://192.168.1.1/",
        "http://172.16.5.4/",
        "http://100.64.0.1/",  # CGNAT
        "http://[fe80::1]/",
        "http://[fc00::1]/",
        "http://[::ffff:127.0.0.1]/",  # IPv4-mapped loopback
        "http://[::ffff:169.254.169.254]/",
        "http://[64:ff9b::a9fe:a9fe]/",  # NAT64 of the metadata address
        "http://[2002:7f00:1::]/",  # 6to4 of 127.0.0.1
        "http://224.0.0.1/",
        "http://240.0.0.1/",
        "http://2130706433/",  # 127.0.0.1 as one integer
    ],
)
def test_private_targets_refused_by_default(url: str) -> None:
    with pytest.raises(BlockedURL) as info:
        check_url(url, DEFAULT)
    assert info.value.code == "blocked_address"


@pytest.mark.parametrize("url", ["file:///etc/passwd", "gopher://127.0.0.1:70/", "ftp://example.org/", "javascript:alert(1)"])
def test_non_http_schemes_refused(url: str) -> None:
    with pytest.raises(BlockedURL) as info:
        check_url(url, DEFAULT)
    assert info.value.code == "blocked_scheme"


def test_public_literal_allowed_without_connecting(no_connections: list[object]) -> None:
    check_url("https://93.184.216.34/news", DEFAULT)
    check_url("http://[2606:2800:220:1:248:1893:25c8:1946]/", DEFAULT)
    assert no_connections == []


def test_all_resolved_addresses_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(netguard, "resolve", lambda host, port: ["93.184.216.34", "10.1.2.3"])
    with pytest.raises(BlockedURL, match="10.1.2.3"):
        check_url("https://mixed.example/", DEFAULT)
    monkeypatch.setattr(netguard, "resolve", lambda host, port: ["93.184.216.34", "2606:2800:220:1::1"])
    check_url("https://public.example/", DEFAULT)


def test_allowlists(monkeypatch: pytest.MonkeyPatch) -> None:
    check_url("http://10.0.0.1/", FetchSettings(allowed_networks=["10.0.0.0/8"]))
    check_url("http://[::ffff:10.0.0.1]/", FetchSettings(allowed_networks=["10.0.0.0/8"]))
    check_url("http://127.0.0.1/", FetchSettings(allow_private_networks=True))
    with pytest.raises(BlockedURL):
        check_url("http://10.0.0.1/", FetchSettings(allowed_networks=["127.0.0.1"]))

    def no_dns(host: str, port: int) -> list[str]:
        raise AssertionError("allow-listed host names are not resolved")

    monkeypatch.setattr(netguard, "resolve", no_dns)
    check_url("http://intranet.corp:8080/", FetchSettings(allowed_networks=["intranet.corp:8080"]))
    check_url("http://intranet.corp/", FetchSettings(allowed_networks=["intranet.corp"]))
    check_url("http://news.intranet.corp/", FetchSettings(allowed_networks=[".intranet.corp"]))
    # the scheme check still applies to allow-listed hosts
    with pytest.raises(BlockedURL):
        check_url("file://intranet.corp/x", FetchSettings(allow_private_networks=True))


def test_unresolvable_host_is_a_network_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(host: str, port: int) -> list[str]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(netguard, "resolve", fail)
    with pytest.raises(OSError):
        check_url("https://no-such-host.invalid/", DEFAULT)


def test_fetcher_refuses_loopback_by_default_without_requesting() -> None:
    """A real server on 127.0.0.1 never sees a request from a default Fetcher."""
    hits: list[str] = []

    class H(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), H)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        port = httpd.server_address[1]
        with Fetcher(FetchSettings()) as f:  # robots on: even robots.txt must not be requested
            results = [f.fetch(u) for u in (f"http://127.0.0.1:{port}/", f"http://localhost:{port}/",
                                            "http://169.254.169.254/", "http://[::1]/", "file:///etc/passwd",
                                            "gopher://127.0.0.1/")]
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert [r.error for r in results] == ["blocked_address"] * 4 + ["blocked_scheme"] * 2
    assert all(r.status == 0 and not r.ok for r in results)
    assert hits == []


ORIGIN = FetchSettings(allowed_networks=["127.0.0.1:8765"])


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:6379/", "http://2130706433:6379/", "http://localhost:6379/",
    "http://[0:0:0:0:0:ffff:7f00:1]:6379/", "http://[::ffff:127.0.0.1]:6379/", "http://127.0.0.1/",
    "https://127.0.0.1/", "http://127.0.0.1:8766/", "http://0x7f000001:6379/", "http://127.1:6379/",
])
def test_origin_entry_allows_its_port_only_in_every_spelling(url: str) -> None:
    """Finding 2: an allowed 127.0.0.1:8765 opens no other port, however the address is spelled."""
    with pytest.raises(BlockedURL):
        check_url(url, ORIGIN)


def test_origin_entries_with_ports() -> None:
    check_url("http://127.0.0.1:8765/a", ORIGIN)
    check_url("http://[::1]:8080/", FetchSettings(allowed_networks=["[::1]:8080"]))
    check_url("http://10.1.2.3:443/", FetchSettings(allowed_networks=["10.1.0.0/16:443"]))
    check_url("https://10.1.2.3/", FetchSettings(allowed_networks=["10.1.0.0/16:443"]))
    check_url("http://10.1.2.3:9200/", FetchSettings(allowed_networks=["10.1.0.0/16:*"]))
    for url, entry in [("http://[::1]:8081/", "[::1]:8080"), ("http://10.1.2.3/", "10.1.0.0/16:443"),
                       ("http://10.2.0.1:443/", "10.1.0.0/16:443"), ("http://10.1.2.3:6379/", "10.1.0.0/16")]:
        with pytest.raises(BlockedURL):
            check_url(url, FetchSettings(allowed_networks=[entry]))


def test_entry_without_port_means_web_ports_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(netguard, "resolve", lambda host, port: ["10.1.2.3"])
    s = FetchSettings(allowed_networks=["intranet.local"])
    check_url("http://intranet.local/", s)
    check_url("https://intranet.local/", s)
    with pytest.raises(BlockedURL):
        check_url("http://intranet.local:8443/", s)
    check_url("http://intranet.local:8443/", FetchSettings(allowed_networks=["intranet.local:8443"]))


@pytest.mark.parametrize("entry", ["127.0.0.1:99999", "[::1", "host:x", "http://10.1.2.3/", "10.0.0.0/33:80", ""])
def test_bad_origin_entries_are_config_errors(entry: str) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        FetchSettings(allowed_networks=[entry])
