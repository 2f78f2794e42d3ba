"""Hypothesis strategies shared by the tests of code that reads values from the web."""

from __future__ import annotations

from hypothesis import strategies as st

# URL-shaped text: a scheme or none, a host part (the ones no URL can be made of: "[", "[x]", a port past
# 65535) or any text, then any text
URLISH = st.tuples(st.sampled_from(["", "//", "http://", "https://", "mailto:", "javascript:"]),
                   st.sampled_from(["[", "[x]", "[::1]", "example.com:99999", "example.com", "", "%"]) | st.text(max_size=8),
                   st.text(max_size=20)).map("".join)
