"""Repeated paragraphs: a pull quote, a standfirst shown again, a widget's message."""

from __future__ import annotations

from ..strings import _is_prose, _norm
from .lines import Drop


def dedup_paragraphs(paras: list[str], min_len: int = 40) -> list[str]:
    """Drop repeated paragraphs (a pull quote, a standfirst shown again, a widget's
    message), except a heading of the page's structure: a line printed three times
    or more, each time followed by a different paragraph of prose (the same question
    put to each person of an interview series, a product's name over each review),
    or by a short line and then one (a name, a photo's credit between question and
    answer)."""
    keys = [_norm(p) for p in paras]
    follow: dict[str, list[str]] = {}
    for i, k in enumerate(keys):
        if len(k) >= min_len:
            follow.setdefault(k, []).append(_prose_after(paras, keys, i, min_len))
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


def _prose_after(paras: list[str], keys: list[str], i: int, min_len: int) -> str:
    """The paragraph of prose after `paras[i]`: the next one, or the one after a short
    line of words (shorter than a repeat is counted at: a name, a credit; not a video's
    length, "0:57", under a player's message); "" when there is none."""
    for j in (i + 1, i + 2):
        if j >= len(paras):
            break
        if _is_prose(paras[j]):
            return paras[j]
        if len(keys[j]) >= min_len or not any(c.isalpha() for c in keys[j]):
            break
    return ""


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
