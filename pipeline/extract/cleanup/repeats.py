"""Repeated paragraphs: a pull quote, a standfirst shown again, a widget's message."""

from __future__ import annotations

from ..strings import _is_prose, _norm
from .lines import Drop


def dedup_paragraphs(paras: list[str], min_len: int = 40) -> list[str]:
    """Drop repeated paragraphs (a pull quote, a standfirst shown again, a widget's
    message), except a heading of the page's structure: a line printed three times
    or more, each time followed by a different paragraph of prose (the same question
    put to each person of an interview series, a product's name over each review)."""
    keys = [_norm(p) for p in paras]
    follow: dict[str, list[str]] = {}
    for i, k in enumerate(keys):
        if len(k) >= min_len:
            nxt = paras[i + 1] if i + 1 < len(paras) else ""
            follow.setdefault(k, []).append(nxt if _is_prose(nxt) else "")
    structure = {k for k, f in follow.items() if len(f) >= 3 and all(f) and len(set(f)) == len(f)}
    seen: set[str] = set()
    out = []
    for para, key in zip(paras, keys):
        if len(key) >= min_len and key not in structure:
            if key in seen:
                continue
            seen.add(key)
        out.append(para)
    return out


def without_repeats(out: list[str], drop: Drop) -> list[str]:
    """`out` without its repeated paragraphs (`dedup_paragraphs`), each one told to `drop`."""
    kept = dedup_paragraphs(out)
    if len(kept) < len(out):
        at = 0
        for p in out:
            if at < len(kept) and p == kept[at]:
                at += 1
            else:
                drop("repeated paragraph", p)
    return kept
