"""Errors a person caused and can fix: the CLI answers them with one line, exit code 2."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator

# the userinfo after "://", the scheme before it left as it is: a pattern that also
# matched the scheme tried a scan to the run's end from every letter of a long word
# (quadratic: 0.3 s for 8,000 letters, minutes for a message quoting a page)
_USERINFO = re.compile(r"://[^/@\s'\"<>]+@")


def redact_text(text: str) -> str:
    """`text` with every `scheme://user:password@` reduced to `scheme://<redacted>@`
    (in linear time: the text may quote a page or a long value)."""
    return _USERINFO.sub("://<redacted>@", text)


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
