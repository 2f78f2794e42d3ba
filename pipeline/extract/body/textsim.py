"""How much of one text another holds: 4-word shingle multisets and containment.

Shared by the body chooser (body.py) and the page-state reader (statebody.py),
which both ask "is this text part of that one?".
"""

from __future__ import annotations

import re
from collections import Counter

from ..strings import _HAN_KANA_CHAR, HAN_KANA

# a word: a run of letters and digits, or one Chinese or Japanese character (those scripts
# write no spaces, and a run between two commas is a clause: two passes that break a line
# at different places would share none of its 4-clause shingles)
_WORD = re.compile(rf"[{HAN_KANA}]|[^\W{HAN_KANA}]+")
_PLAIN_WORD = re.compile(r"\w+")  # the same words in a text without those scripts, found faster


def shingles(text: str, n: int = 4) -> Counter:
    """Multiset of the text's n-word runs (case-folded words, `_WORD`; n >= 1)."""
    toks = (_WORD if _HAN_KANA_CHAR.search(text) else _PLAIN_WORD).findall(text.casefold())
    return Counter(zip(*(toks[i:] for i in range(n))))  # the runs as tuples, built in C


def containment(part: Counter, whole: Counter) -> float:
    """Share of `part`'s shingles also in `whole` (multiset); 0 for an empty part."""
    total = sum(part.values())
    if not total:
        return 0.0
    # what sum((part & whole).values()) counts, without building the intersection
    get = whole.get
    common = 0
    for key, count in part.items():
        other = get(key, 0)
        both = count if count < other else other
        if both > 0:
            common += both
    return common / total
