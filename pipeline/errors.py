"""Errors a person caused and can fix: the CLI answers them with one line, exit code 2."""

from __future__ import annotations

import re

_USERINFO = re.compile(r"(?i)([a-z][a-z0-9+.-]*://)[^/@\s'\"<>]+@")


def redact_text(text: str) -> str:
    """`text` with every `scheme://user:password@` reduced to `scheme://<redacted>@`."""
    return _USERINFO.sub(r"\1<redacted>@", text)


class UsageError(Exception):
    """Bad usage, configuration or input; the message names the input or the flag."""
