"""A hostile HTTP server on 127.0.0.1 for fault-injection tests.

Raw sockets, one thread per connection, so a route can misbehave in ways a
well-mannered server library would not allow: stall before or after the
headers, drip one byte a second, reset the connection mid-body, promise more
bytes than it sends, stream without end, or lie about the content.

Every connection is answered with ``Connection: close``. Each route is a
callable taking a `Conn` (a key ending with ``*`` is a prefix route); the server counts requests per path and body bytes
actually sent per path (so a test can prove a client stopped reading early).
Every loop here is bounded in count and time, and `close()` stops them all.

`Blackhole` is a listening socket whose accept queue is full, so a further
connect attempt times out (the SYN is dropped), the way a firewalled or
overloaded host behaves.
"""

from __future__ import annotations

import gzip
import socket
import struct
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

Route = Callable[["Conn"], None]

REASONS = {
    200: "OK", 204: "No Content", 301: "Moved Permanently", 302: "Found", 303: "See Other",
    307: "Temporary Redirect", 308: "Permanent Redirect", 404: "Not Found", 410: "Gone",
    429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway",
    503: "Service Unavailable", 504: "Gateway Timeout",
}
MAX_REQUEST_HEAD = 64 * 1024
MAX_ROUTE_SECONDS = 30.0  # no route may keep a connection longer than this


class Stop(Exception):
    """The client went away or the server is closing: end the route quietly."""


@dataclass
class Request:
    method: str
    path: str  # with query string
    headers: dict[str, str]  # lower-cased names

    @property
    def route(self) -> str:
        return self.path.split("?", 1)[0]


@dataclass
class Conn:
    sock: socket.socket
    request: Request
    server: HostileServer
    started: float = field(default_factory=time.monotonic)

    # -- low level --

    def _check(self) -> None:
        if self.server.stopping.is_set():
            raise Stop("server closing")
        if time.monotonic() - self.started > MAX_ROUTE_SECONDS:
            raise Stop("route time cap")

    def raw(self, data: bytes, *, body: bool = True) -> None:
        """Send bytes; counted as body bytes unless body=False (status line, headers)."""
        self._check()
        try:
            self.sock.sendall(data)
        except OSError as exc:  # reset, broken pipe, timeout: the client left
            raise Stop(str(exc)) from None
        if body:
            self.server.add_sent(self.request.route, len(data))

    def head(self, status: int, headers: dict[str, str] | None = None) -> None:
        lines = [f"HTTP/1.1 {status} {REASONS.get(status, 'Status')}"]
        hdrs = {"Connection": "close", **(headers or {})}
        lines += [f"{k}: {v}" for k, v in hdrs.items()]
        self.raw(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"), body=False)

    def sleep(self, seconds: float) -> None:
        """Sleep, but wake up when the server closes."""
        if self.server.stopping.wait(seconds):
            raise Stop("server closing")
        self._check()

    def client_gone(self) -> bool:
        """True once the peer has closed or reset (non-blocking peek)."""
        try:
            self.sock.setblocking(False)
            try:
                data = self.sock.recv(1, socket.MSG_PEEK)
            finally:
                self.sock.setblocking(True)
            return data == b""
        except BlockingIOError:
            return False
        except OSError:
            return True

    def reset(self) -> None:
        """Abort the connection with an RST (SO_LINGER 0)."""
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.sock.close()
        raise Stop("reset sent")

    # -- conveniences --

    def send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None,
             content_type: str | None = "text/html; charset=utf-8") -> None:
        hdrs: dict[str, str] = {}
        if content_type is not None:
            hdrs["Content-Type"] = content_type
        hdrs["Content-Length"] = str(len(body))
        hdrs.update(headers or {})
        self.head(status, hdrs)
        if body and self.request.method != "HEAD":
            self.raw(body)

    def stream(self, chunks, *, chunked: bool, headers: dict[str, str] | None = None,
               content_type: str = "text/html; charset=utf-8") -> None:
        """Send an iterable of chunks, with Transfer-Encoding: chunked or until close."""
        hdrs = {"Content-Type": content_type, **({"Transfer-Encoding": "chunked"} if chunked else {}), **(headers or {})}
        self.head(200, hdrs)
        for chunk in chunks:
            if chunked:
                self.raw(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            else:
                self.raw(chunk)
        if chunked:
            self.raw(b"0\r\n\r\n")


class HostileServer:
    """Routes path -> callable(Conn). Unknown paths get 404. Use as a context manager."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.sent: Counter[str] = Counter()  # body bytes sent per path
        self.requests: list[Request] = []
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(64)
        self._sock.settimeout(0.1)
        self.port = self._sock.getsockname()[1]
        self._acceptor = threading.Thread(target=self._accept_loop, name="hostile-accept", daemon=True)
        self._acceptor.start()

    # -- bookkeeping --

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def origin(self) -> str:
        """`127.0.0.1:port`, the entry for fetch.allowed_networks (this server and no other port)."""
        return f"127.0.0.1:{self.port}"

    def add_sent(self, path: str, n: int) -> None:
        with self._lock:
            self.sent[path] += n

    def total_requests(self) -> int:
        with self._lock:
            return sum(self.hits.values())

    def reset_counters(self) -> None:
        with self._lock:
            self.hits.clear()
            self.sent.clear()
            self.requests.clear()

    def route(self, path: str) -> Callable[[Route], Route]:
        def deco(fn: Route) -> Route:
            self.routes[path] = fn
            return fn
        return deco

    # -- serving --

    def _prefix_route(self, path: str) -> Route | None:
        """Routes whose key ends with '*' match every path with that prefix (longest wins)."""
        best = None
        for key, fn in list(self.routes.items()):
            if key.endswith("*") and path.startswith(key[:-1]) and (best is None or len(key) > len(best[0])):
                best = (key, fn)
        return best[1] if best else None

    def _accept_loop(self) -> None:
        while not self.stopping.is_set():
            try:
                client, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            t = threading.Thread(target=self._serve, args=(client,), name="hostile-conn", daemon=True)
            t.start()
            with self._lock:
                self._threads = [x for x in self._threads if x.is_alive()] + [t]

    def _read_head(self, client: socket.socket) -> Request | None:
        client.settimeout(5.0)
        buf = b""
        while b"\r\n\r\n" not in buf:
            if len(buf) > MAX_REQUEST_HEAD or self.stopping.is_set():
                return None
            try:
                chunk = client.recv(4096)
            except OSError:
                return None
            if not chunk:
                return None
            buf += chunk
        head = buf.split(b"\r\n\r\n", 1)[0].decode("latin-1")
        first, *lines = head.split("\r\n")
        try:
            method, path, _ = first.split(" ", 2)
        except ValueError:
            return None
        headers = {}
        for line in lines:
            k, _, v = line.partition(":")
            headers[k.strip().lower()] = v.strip()
        return Request(method, path, headers)

    def _serve(self, client: socket.socket) -> None:
        try:
            req = self._read_head(client)
            if req is None:
                return
            with self._lock:
                self.hits[req.route] += 1
                self.requests.append(req)
            handler = self.routes.get(req.route) or self._prefix_route(req.route)
            conn = Conn(client, req, self)
            client.settimeout(10.0)
            try:
                if handler is None:
                    conn.send(404, b"not found", content_type="text/plain")
                else:
                    handler(conn)
            except Stop:
                pass
        except Exception:  # noqa: BLE001 - a test server must never take the test run down
            pass
        finally:
            try:
                client.close()
            except OSError:
                pass

    def close(self) -> None:
        self.stopping.set()
        try:
            self._sock.close()
        except OSError:
            pass
        self._acceptor.join(2)
        with self._lock:
            threads = list(self._threads)
        for t in threads:
            t.join(2)

    def __enter__(self) -> HostileServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Blackhole:
    """A port where connect() times out: backlog 0, queue already full, never accepts."""

    def __init__(self) -> None:
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(0)
        self.port = self._sock.getsockname()[1]
        self._fillers: list[socket.socket] = []
        # Fill the accept queue: once a connect times out, the queue is full.
        for _ in range(8):
            c = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            c.settimeout(0.2)
            self._fillers.append(c)
            try:
                c.connect(("127.0.0.1", self.port))
            except OSError:
                break

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def close(self) -> None:
        for c in self._fillers:
            c.close()
        self._sock.close()

    def __enter__(self) -> Blackhole:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --------------------------------------------------------------------- payloads


def gzip_bomb(decompressed_bytes: int = 200 * 1024 * 1024) -> bytes:
    """A gzip stream of zeros: ~1000x compression (200 MB -> ~200 KB)."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"\0" * (1024 * 1024)
    parts = [comp.compress(block) for _ in range(decompressed_bytes // len(block))]
    parts.append(comp.flush())
    return b"".join(parts)


def gzip_bytes(data: bytes) -> bytes:
    return gzip.compress(data)
