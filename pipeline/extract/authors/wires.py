"""The wire agency a story credits by its own marks (its dateline, a closing credit)."""

from __future__ import annotations

import re

from ..names import WIRE_NAMES, any_of

# a wire's own marks in a story it filed: the dateline "PARIS (AFP) —" opening it, a
# closing "— The Associated Press"
_WIRE_ALT = any_of(WIRE_NAMES)
_WIRE_DATELINE = re.compile(
    r"^(?P<place>[A-ZА-ЯЁ][A-ZА-ЯЁ .,'’/-]{1,60}?)(?:,\s*[A-Za-z]{3,9}\.?\s+\d{1,2})?\s*"  # "BEIJING, Dec. 1"
    r"\((?P<wire>" + _WIRE_ALT + r")\)\s*[—–-]", re.I)
_WIRE_CLOSING = re.compile(r"^[—–-]\s*(?P<wire>(?:the\s+)?(?:" + _WIRE_ALT + r"))\.?$", re.I)


def wire_credit(text: str | None) -> list[str]:
    """The wire agency a story credits by its own marks, when nothing names an author:
    its dateline ("WASHINGTON (AP) —") or a closing "— The Associated Press"."""
    lines = [ln.strip() for ln in (text or "").split("\n") if ln.strip()]
    for line in lines[:2]:
        m = _WIRE_DATELINE.match(line)
        if m and m.group("place").split(",")[0].isupper():  # the dateline's city in capitals ("HAYWARD, Calif.")
            wire = m.group("wire")
            return ["Associated Press" if wire.upper() == "AP" else wire]  # as its bylines spell it
    for line in lines[-2:]:
        m = _WIRE_CLOSING.match(line)
        if m:
            return [m.group("wire")]
    return []
