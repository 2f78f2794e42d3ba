"""`errors.redact_text`: credentials in a URL never reach a message, whatever the text."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from pipeline.errors import redact_text

# the scheme-anchored pattern redact_text used before (quadratic on long words): the
# reference for what must be redacted
_WITH_SCHEME = re.compile(r"(?i)([a-z][a-z0-9+.-]*://)[^/@\s'\"<>]+@")


def test_userinfo_redacted_and_the_rest_kept() -> None:
    text = "error: cannot open s3://AKIA:secret@bucket/x and https://u:p@h.example/?a=b@c, see http://h.example/"
    assert redact_text(text) == (
        "error: cannot open s3://<redacted>@bucket/x and https://<redacted>@h.example/?a=b@c, see http://h.example/"
    )
    assert redact_text("a" * 50_000 + "@") == "a" * 50_000 + "@"  # no URL: the text as it is


_SCHEME = st.from_regex(r"[a-zA-Z][a-zA-Z0-9+.-]{0,8}", fullmatch=True)
# userinfo: a name, a password after ":", escapes, and what ends a URL in a message
_USERINFO = st.lists(st.sampled_from(["u", "p", ":", "%40", "~", "+", " ", "'", "<", "é", "名"]), min_size=1, max_size=6).map("".join)


@given(st.lists(st.tuples(st.text(max_size=20), _SCHEME, _USERINFO, st.sampled_from(["@h.example/x", "@", "/x@y", ""])), max_size=4))
def test_nothing_a_scheme_anchored_pattern_would_redact_is_left(parts: list[tuple[str, str, str, str]]) -> None:
    """Text, a scheme, "://", anything as userinfo, then a host or not: what the
    scheme-anchored pattern would redact is redacted, nothing else changes."""
    text = "".join(f"{pre}{scheme}://{user}{rest}" for pre, scheme, user, rest in parts)
    out = redact_text(text)
    assert _WITH_SCHEME.sub(r"\1<redacted>@", out) == out
    assert _WITH_SCHEME.sub(r"\1<redacted>@", text) == _WITH_SCHEME.sub(r"\1<redacted>@", out)
