"""The outlet's staff credited as author, when the page names no person."""

from __future__ import annotations

import re

from ..jsonld import PageMeta
from ..names import ROLE_MODIFIERS

# "Slate Staff", "Hollywood.com Staff", "U.S. News Staff": one to three capitalised
# words, then "Staff" (not "Staff reports", "Senior Staff", "Staff Writer")
_STAFF_CREDIT = re.compile(r"^(?P<outlet>[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,2})\s+Staff$")
_NOT_OUTLET = ROLE_MODIFIERS | {"the", "by"}  # a grade ("Senior Staff"), "By Staff": no outlet


def staff_credit(pm: PageMeta) -> list[str]:
    """The page's author meta tag crediting its outlet's staff ("Slate Staff") as it
    reads, when nothing names a writer: the desk is the only credit the page gives, and
    the labelled data (like bare trafilatura) counts it as the author. A desk named in
    a byline beside people, or any other form of desk, stays out (`names.DESK`)."""
    for raw in pm.all("author"):
        m = _STAFF_CREDIT.match(" ".join(raw.split()))
        if m and m.group("outlet").split()[0].lower() not in _NOT_OUTLET:
            return [m.group(0)]
    return []
