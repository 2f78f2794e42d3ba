"""What a fetch returns (`FetchResult`: never an exception, a reason code instead), and
URLs and headers made safe to log and to store (no user:password@, no credentials).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit, urlunsplit

from pipeline.charset import Decoded, decode_html

_SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})


@dataclass
class FetchResult:
    url: str
    final_url: str
    status: int  # 0 when there was no HTTP response
    headers: dict[str, str]  # lower-cased names, as received (body below is decompressed)
    body: bytes  # decompressed, capped; partial when error == "too_large"
    fetched_at: datetime  # UTC
    elapsed: float  # seconds, waits and retries included
    error: str | None = None  # short reason code; None on success (2xx or 304)
    detail: str | None = None  # human-readable, for logs
    not_modified: bool = False
    attempts: int = 1  # HTTP requests sent, redirects and retries included
    redirects: list[str] = field(default_factory=list)  # hops after `url` up to (not incl.) `final_url`

    @property
    def ok(self) -> bool:
        """True for a usable answer: 2xx, or 304 (then `not_modified` and no body)."""
        return self.error is None

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")

    def text(self) -> Decoded:
        return decode_html(self.body, self.content_type)


def redact_url(url: str) -> str:
    """URL without userinfo, for logs."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<unparseable url>"
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


def redact_headers(headers: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Headers safe to log: credentials and cookies masked."""
    return {k: ("<redacted>" if k.lower() in _SECRET_HEADERS else v) for k, v in headers}
