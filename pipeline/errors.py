"""Errors a person caused and can fix: the CLI answers them with one line, exit code 2."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator

_USERINFO = re.compile(r"(?i)([a-z][a-z0-9+.-]*://)[^/@\s'\"<>]+@")


def redact_text(text: str) -> str:
    """`text` with every `scheme://user:password@` reduced to `scheme://<redacted>@`."""
    return _USERINFO.sub(r"\1<redacted>@", text)


class UsageError(Exception):
    """Bad usage, configuration or input; the message names the input or the flag."""


def stdin_lines() -> Iterator[str]:
    """stdin decoded line by line as UTF-8; bytes that are not UTF-8 are a UsageError
    naming the line (text from sys.stdin would carry them as lone surrogates, which
    later fail far from the input)."""
    raw = getattr(sys.stdin, "buffer", None)
    if raw is None:  # a text stream without bytes (tests): already decoded
        yield from sys.stdin
        return
    for n, data in enumerate(raw, 1):
        try:
            yield data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise UsageError(f"stdin line {n} is not UTF-8 text ({exc.reason} at byte {exc.start})") from None
