"""How the bench scores an extraction against the eval sets' labels (their README):
shingle F1 of the body, title, day and authors keys; the sets read from disk, the
two halves of the dev pages, and the per-half shares every part prints."""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

WORD = re.compile(r"\w+")
_NONWORD = re.compile(r"\W+")
SETS = ("extraction-aeb", "metadata-naeb")


def _shingles(text: str | None, words: re.Pattern = WORD) -> Counter:
    toks = words.findall(text or "")
    return Counter(tuple(toks[i : i + 4]) for i in range(max(0, len(toks) - 3)))


def shingle_f1(pairs: list[tuple[str | None, str | None]], words: re.Pattern = WORD) -> dict[str, float]:
    """ScrapingHub body metric: per-page P and R over 4-token shingle multisets, F1 of the
    means (`words`: what a token is; a run of word characters, as the eval sets count)."""
    ps, rs = [], []
    for truth, pred in pairs:
        a, b = _shingles(truth, words), _shingles(pred, words)
        tp = sum((a & b).values())
        fp = sum(b.values()) - tp
        fn = sum(a.values()) - tp
        if fp == fn == 0:
            ps.append(1.0)
            rs.append(1.0)
            continue
        ps.append(tp / (tp + fp) if tp + fp else 0.0)
        rs.append(tp / (tp + fn) if tp + fn else 0.0)
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    return {"f1": 2 * p * r / (p + r) if p + r else 0.0, "precision": p, "recall": r}


def title_key(s: str | None) -> str:
    return _NONWORD.sub(" ", (s or "").casefold()).strip()


def label_day(value: str | None) -> str | None:
    """The labelled day; pandas' "NaT" and empty labels mean the page has no date."""
    v = (value or "").strip()
    return None if v in ("", "NaT", "None", "null") else v[:10]


_MONTH_NAMES = ("january february march april may june july august september october november december").split()


def label_stated(html: str, url: str, day: str | None) -> bool:
    """Whether the page states the labelled day anywhere, in any common form (ISO,
    slashes, English month names, in the URL, or as an instant whose day in some time
    zone is that day). A label the page never states is out of reach of any method
    that reads the page: this bounds the attainable score (label audit)."""
    if day is None:
        return True  # answering "no date" is right
    y, m, d = (int(x) for x in day.split("-"))
    name = _MONTH_NAMES[m - 1]
    forms = [
        rf"{y}-{m:02d}-{d:02d}", rf"{y}/{m:02d}/{d:02d}", rf"{y}/{m}/{d}(?!\d)", rf"{y}{m:02d}{d:02d}",
        rf"(?<!\d){m:02d}/{d:02d}/{y}", rf"(?<!\d){m}/{d}/{y}", rf"(?<!\d){d:02d}\.{m:02d}\.{y}",
        rf"(?i)\b{name[:3]}[a-z]*\.?\s+0?{d}(?:st|nd|rd|th)?,?\s+{y}",
        rf"(?i)(?<!\d)0?{d}(?:st|nd|rd|th)?\s+(?:of\s+)?{name[:3]}[a-z]*\.?,?\s+{y}",
        rf"(?i)/{y}/{name[:3]}[a-z]*/0?{d}(?:/|$)",
    ]
    text = html + " " + url
    if any(re.search(f, text) for f in forms):
        return True
    # an instant stated in UTC or another zone whose local day (some UTC offset) is the label
    target = datetime(y, m, d)
    for iso in re.findall(r"(?<!\d)((?:19|20)\d\d-\d\d-\d\d)[T ](\d\d):(\d\d)", text):
        try:
            at = datetime.fromisoformat(f"{iso[0]}T{iso[1]}:{iso[2]}")
        except ValueError:
            continue
        if target - timedelta(hours=14) <= at < target + timedelta(hours=36):
            return True
    return False


def load_set(root: Path, name: str) -> list[dict[str, Any]]:
    gt = json.loads((root / name / "ground-truth.json").read_text(encoding="utf-8"))
    rows = []
    for pid, truth in gt.items():
        with gzip.open(root / name / "html" / f"{pid}.html.gz", "rt", encoding="utf-8", errors="replace") as fh:
            rows.append({"id": pid, "html": fh.read(), **truth})
    return rows


def page_f1(truth: str | None, pred: str | None, words: re.Pattern = WORD) -> float:
    """One page's shingle F1 (for per-page comparisons; the set figure is `shingle_f1`)."""
    a, b = _shingles(truth, words), _shingles(pred, words)
    tp = sum((a & b).values())
    if not a and not b:
        return 1.0
    p = tp / sum(b.values()) if b else 0.0
    r = tp / sum(a.values()) if a else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


_AUTHOR_LABEL_SPLIT = re.compile(r",|\band\b|;")


def author_key_names(names: list[str] | str | None) -> list[str]:
    """A label's names as written: a string split on commas and " and " (a Python list
    literal read as a list), stripped."""
    if isinstance(names, str):
        s = names.strip()
        if s.startswith("[") and s.endswith("]"):
            import ast

            try:
                names = [str(x) for x in ast.literal_eval(s)]
            except (ValueError, SyntaxError):
                names = [s]
        else:
            names = _AUTHOR_LABEL_SPLIT.split(s)
    return [n.strip() for n in names or [] if n.strip()]


def author_key(names: list[str] | str | None) -> frozenset[str]:
    """Authors as the eval README compares them: casefolded, non-word runs one space, the
    label's names as `author_key_names` reads them."""
    return frozenset(k for k in (title_key(n) for n in author_key_names(names)) if k)


def half_of(page_id: str) -> int:
    """0 or 1: a fixed split of the dev pages into two halves (develop a rule on one,
    confirm on the other), by a hash of the page id so it never depends on order."""
    import hashlib

    return hashlib.sha256(page_id.encode()).digest()[0] & 1


def bare_authors(meta: Any) -> list[str]:
    raw = (getattr(meta, "author", None) or "") if meta else ""
    return [a for a in re.split(r";|,|\band\b", raw) if a.strip()]


def body_text(extracted: Any) -> str | None:
    return extracted.text if extracted else None


def share(rows: list[dict[str, Any]], ok: Any) -> float:
    return sum(bool(ok(r)) for r in rows) / len(rows)


def by_half(rows: list[dict[str, Any]], score) -> dict[str, float]:
    out = {}
    for label, keep in (("all", lambda r: True), ("half0", lambda r: half_of(r["id"]) == 0), ("half1", lambda r: half_of(r["id"]) == 1)):
        sel = [r for r in rows if keep(r)]
        out[label] = score(sel) if sel else float("nan")
    return out


def below_bare(diffs: list[tuple[str, float]]) -> dict[str, list[tuple[str, float]]]:
    """The pages (id, F1 ours - bare) more than 0.05 and more than 0.2 below bare trafilatura."""
    return {f"over_{t}": sorted((i, round(d, 3)) for i, d in diffs if d < -t) for t in (0.05, 0.2)}


def same_title(got: Any, row: dict[str, Any]) -> bool:
    return title_key(got.title) == title_key(row["title"])
