"""Extraction benchmark: pipeline `extract_article` next to bare trafilatura, same run.

    python -m pipeline.bench.extraction [--eval-dir DIR] [--chart docs/bench-stages.png] [--memory [N]]

Quality (dev sets in ../shared/eval): body shingle F1 on extraction-aeb and
metadata-naeb, publication day exact and title exact on metadata-naeb; the same on
the dev pages changed as pages nobody tuned for differ (`probes`), on their
stories cut to a few paragraphs (briefs), and on the stories set in a portal's
masthead and cards of other stories, on the stories followed by a comment thread,
and on the pages with their letters as Cyrillic and as unspaced Han characters.
Speed: pages/s of the pipeline (no translation) vs bare `trafilatura.extract` in one
process, and the pipeline with 2 worker processes. `--memory N` extracts N pages
(cycling the dev pages) in one process and reports RSS growth. Per-stage time goes
to a PNG chart. Skips cleanly when the eval folder is absent.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from . import eval_dir, quiet_extraction_logs
from .probes import PROBES, divs_and_br_lines, short_story, table_cells

_WORD = re.compile(r"\w+")
_NONWORD = re.compile(r"\W+")
SETS = ("extraction-aeb", "metadata-naeb")


# ---------------------------------------------------------------- metrics (README of the eval folder)


def _shingles(text: str | None, words: re.Pattern = _WORD) -> Counter:
    toks = words.findall(text or "")
    return Counter(tuple(toks[i : i + 4]) for i in range(max(0, len(toks) - 3)))


def shingle_f1(pairs: list[tuple[str | None, str | None]], words: re.Pattern = _WORD) -> dict[str, float]:
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


# ---------------------------------------------------------------- data


def load_set(root: Path, name: str) -> list[dict[str, Any]]:
    gt = json.loads((root / name / "ground-truth.json").read_text(encoding="utf-8"))
    rows = []
    for pid, truth in gt.items():
        with gzip.open(root / name / "html" / f"{pid}.html.gz", "rt", encoding="utf-8", errors="replace") as fh:
            rows.append({"id": pid, "html": fh.read(), **truth})
    return rows


# ---------------------------------------------------------------- parts


def page_f1(truth: str | None, pred: str | None, words: re.Pattern = _WORD) -> float:
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


def _bare_authors(meta: Any) -> list[str]:
    raw = (getattr(meta, "author", None) or "") if meta else ""
    return [a for a in re.split(r";|,|\band\b", raw) if a.strip()]


def _text(extracted: Any) -> str | None:
    return extracted.text if extracted else None


def _share(rows: list[dict[str, Any]], ok: Any) -> float:
    return sum(bool(ok(r)) for r in rows) / len(rows)


def _same_title(got: Any, row: dict[str, Any]) -> bool:
    return title_key(got.title) == title_key(row["title"])


def _title_ok(row: dict[str, Any]) -> bool:
    return bool(row["_ours"]) and _same_title(row["_ours"], row)


def _bare_title_ok(row: dict[str, Any]) -> bool:
    return bool(row["_meta"]) and _same_title(row["_meta"], row)


def _authors_ok(row: dict[str, Any]) -> bool:
    return author_key(row["_ours"].authors if row["_ours"] else []) == author_key(row.get("authors"))


def _bare_authors_ok(row: dict[str, Any]) -> bool:
    return author_key(_bare_authors(row["_meta"])) == author_key(row.get("authors"))


def _by_half(rows: list[dict[str, Any]], score) -> dict[str, float]:
    out = {}
    for label, keep in (("all", lambda r: True), ("half0", lambda r: half_of(r["id"]) == 0), ("half1", lambda r: half_of(r["id"]) == 1)):
        sel = [r for r in rows if keep(r)]
        out[label] = score(sel) if sel else float("nan")
    return out


def _below_bare(diffs: list[tuple[str, float]]) -> dict[str, list[tuple[str, float]]]:
    """The pages (id, F1 ours - bare) more than 0.05 and more than 0.2 below bare trafilatura."""
    return {f"over_{t}": sorted((i, round(d, 3)) for i, d in diffs if d < -t) for t in (0.05, 0.2)}


def quality(data: dict[str, list[dict[str, Any]]]) -> tuple[dict[str, Any], dict[str, float]]:
    """Per set and per half: pipeline and bare trafilatura side by side, and the pages
    where the pipeline's body is worse than bare trafilatura's."""
    import trafilatura

    from pipeline.extract import extract_article

    out: dict[str, Any] = {}
    stage: dict[str, float] = {}
    bare_seconds = 0.0
    pages = 0
    for name, rows in data.items():
        for row in rows:
            row["_ours"] = extract_article(row["html"], row["url"], timings=stage)
            t0 = time.perf_counter()
            row["_bare"] = trafilatura.extract(row["html"], url=row["url"])
            bare_seconds += time.perf_counter() - t0
            pages += 1
            ours = row["_ours"].text if row["_ours"] else None
            row["_f1"] = page_f1(row["articleBody"], ours)
            row["_bare_f1"] = page_f1(row["articleBody"], row["_bare"])
        out[f"body_f1[{name}]"] = {
            "pipeline": _by_half(rows, lambda rs: shingle_f1([(r["articleBody"], _text(r["_ours"])) for r in rs])["f1"]),
            "bare": _by_half(rows, lambda rs: shingle_f1([(r["articleBody"], r["_bare"]) for r in rs])["f1"]),
        }
        out[f"regressions[{name}]"] = _below_bare([(r["id"], r["_f1"] - r["_bare_f1"]) for r in rows])
        if name == "metadata-naeb":
            for r in rows:
                r["_meta"] = trafilatura.bare_extraction(r["html"], url=r["url"], with_metadata=True)
                r["_day"] = label_day(r.get("date"))
                r["_stated"] = label_stated(r["html"], r["url"], r["_day"])

            def day_ok(r: dict[str, Any]) -> bool:
                return bool(r["_ours"]) and r["_ours"].published_day == r["_day"]

            out["date_day_exact[metadata-naeb]"] = {
                "pipeline": _by_half(rows, lambda rs: sum(map(day_ok, rs)) / len(rs)),
                "bare": _by_half(rows, lambda rs: sum(bool(r["_meta"]) and (r["_meta"].date or None) == r["_day"] for r in rs) / len(rs)),
                "labels_stated_on_page": sum(r["_stated"] for r in rows) / len(rows),
            }
            out["date_day_exact_on_stated[metadata-naeb]"] = {
                "pipeline": _by_half([r for r in rows if r["_stated"]], lambda rs: sum(map(day_ok, rs)) / len(rs)),
                "bare": _by_half(
                    [r for r in rows if r["_stated"]],
                    lambda rs: sum(bool(r["_meta"]) and (r["_meta"].date or None) == r["_day"] for r in rs) / len(rs),
                ),
            }
            out["title_exact[metadata-naeb]"] = {
                "pipeline": _by_half(rows, lambda rs: _share(rs, _title_ok)),
                "bare": _by_half(rows, lambda rs: _share(rs, _bare_title_ok)),
            }
            out["authors_exact[metadata-naeb]"] = {
                "pipeline": _by_half(rows, lambda rs: _share(rs, _authors_ok)),
                "bare": _by_half(rows, lambda rs: _share(rs, _bare_authors_ok)),
            }
    stage = {k: v / pages for k, v in stage.items()}
    stage["bare trafilatura.extract (reference)"] = bare_seconds / pages
    return out, stage


def robustness(data: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Probes of layouts nobody tuned for, on the dev pages changed (`PROBES`): body F1
    per set next to bare trafilatura on the same pages, the pages more than 0.05 / 0.2
    below it, and on the news set title, authors and the day on labels the page shows.
    A rule that leans on a class name, or metadata that only the statements carry,
    fails here first."""
    import trafilatura

    from pipeline.extract import extract_article

    out: dict[str, Any] = {}
    for probe, change in PROBES.items():
        for name, rows in data.items():
            ours, bare, below = [], [], []
            meta: list[dict[str, Any]] = []
            for r in rows:
                html = change(r["html"])
                got = extract_article(html, r["url"])
                o, b = _text(got), trafilatura.extract(html, url=r["url"])
                ours.append((r["articleBody"], o))
                bare.append((r["articleBody"], b))
                below.append((r["id"], page_f1(r["articleBody"], o) - page_f1(r["articleBody"], b)))
                if name == "metadata-naeb":
                    m: Any = trafilatura.bare_extraction(html, url=r["url"], with_metadata=True)
                    day = label_day(r.get("date"))
                    meta.append({
                        "stated": label_stated(r["html"], r["url"], day),
                        "title": (got is not None and title_key(got.title) == title_key(r["title"]),
                                  bool(m) and title_key(m.title) == title_key(r["title"])),
                        "authors": (got is not None and author_key(got.authors) == author_key(r.get("authors")),
                                    author_key(_bare_authors(m)) == author_key(r.get("authors"))),
                        "day": (got is not None and got.published_day == day, bool(m) and (m.date or None) == day),
                    })
            fig: dict[str, Any] = {"pipeline": shingle_f1(ours)["f1"], "bare": shingle_f1(bare)["f1"], **_below_bare(below)}
            if meta:
                shown = [x for x in meta if x["stated"]]
                for k, pool in (("title", meta), ("authors", meta), ("day_on_stated", shown)):
                    field = "day" if k == "day_on_stated" else k
                    fig[k] = tuple(sum(x[field][j] for x in pool) / max(len(pool), 1) for j in (0, 1))
            out[f"{probe}[{name}]"] = fig
    return out


SHORT_STORIES = (1, 2, 3)  # paragraphs a story is cut to


def short_stories(data: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """The probe of briefs: every dev story with more paragraphs cut to its first 1, 2
    and 3 (`probes.short_story`; a cut shorter than the pipeline's shortest story left
    out), body F1 per set next to bare trafilatura on the same
    pages, the pages more than 0.05 / 0.2 below it, and the results more than three
    times the story's length (the page around a brief taken for its body)."""
    from pipeline.config import ExtractSettings

    shortest = ExtractSettings().min_text_chars  # shorter is no story, by the pipeline's rule
    out: dict[str, Any] = {}
    for k in SHORT_STORIES:
        for name, rows in data.items():
            cell = _stories_cell(rows, partial(_cut_story, paragraphs=k), shortest)
            if cell:
                out[f"{k}[{name}]"] = cell
    return out


def _cut_story(r: dict[str, Any], paragraphs: int) -> tuple[str, str] | None:
    return short_story(r["html"], r["articleBody"], paragraphs)


def _stories_cell(rows: list[dict[str, Any]], variant: Callable[[dict[str, Any]], tuple[str, str] | None],
                  shortest: int, words: re.Pattern = _WORD) -> dict[str, Any] | None:
    """One cell of a stories probe: each page's variant (its html and the story it
    holds; None to leave the page out, as a story shorter than `shortest` is) read by
    the pipeline and bare trafilatura: F1 (over `words`), pages below bare, results
    over 3x the story."""
    import trafilatura

    from pipeline.extract import extract_article

    ours: list[tuple[str | None, str | None]] = []
    bare: list[tuple[str | None, str | None]] = []
    below: list[tuple[str, float]] = []
    swollen = [0, 0]
    for r in rows:
        made = variant(r)
        if made is None or len(made[1]) < shortest:
            continue
        html, story = made
        o, b = _text(extract_article(html, r["url"])), trafilatura.extract(html, url=r["url"])
        ours.append((story, o))
        bare.append((story, b))
        below.append((r["id"], page_f1(story, o, words) - page_f1(story, b, words)))
        swollen[0] += len(o or "") > 3 * len(story)
        swollen[1] += len(b or "") > 3 * len(story)
    if not ours:
        return None
    return {"pages": len(ours), "pipeline": shingle_f1(ours, words)["f1"], "bare": shingle_f1(bare, words)["f1"],
            "over_3x_story": tuple(swollen), **_below_bare(below)}


PORTAL_CUTS = (0, 1, 2)  # the whole story, and cut to 1 and 2 paragraphs
_CARDS_IN_PORTAL = 9  # six in the box after the story, three in the rail
PORTAL_LINES = "/br"  # key suffix of the portal cells printed as <br> lines


def _card_pool(rows: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    """(page id, headline, excerpt) of dev pages: their labelled title and first
    paragraph of a card's length, the cards a portal shows beside another story."""
    out = []
    for r in rows:
        paras = [ln.strip() for ln in (r["articleBody"] or "").split("\n") if 80 <= len(ln.strip()) <= 300]
        if paras and r.get("title"):
            out.append((r["id"], r["title"], paras[0]))
    return out


def portal_stories(data: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """The probe of portals (`probes.in_portal`): every dev story, whole and cut to 1
    and 2 paragraphs, under a masthead of links, with a rail of three cards of other
    stories above it and a box of six after it (headlines and first paragraphs of the
    other dev pages, picked by the page's id), then a footer; and the same pages with
    every paragraph a line ended by <br>s, the cards' excerpts too (an old template's
    portal). Body F1 next to bare trafilatura, pages below it, results over three
    times the story."""
    import random

    from pipeline.config import ExtractSettings

    from .probes import br_lines, in_portal

    shortest = ExtractSettings().min_text_chars
    pool = _card_pool(data.get("metadata-naeb", []))
    out: dict[str, Any] = {}
    if len(pool) <= _CARDS_IN_PORTAL:
        return out

    def portal(r: dict[str, Any], k: int, lines: bool) -> tuple[str, str] | None:
        cut = short_story(r["html"], r["articleBody"], k) if k else (r["html"], r["articleBody"])
        if cut is None:
            return None
        others = [(h, e) for i, h, e in random.Random(r["id"]).sample([c for c in pool if c[0] != r["id"]], _CARDS_IN_PORTAL)]
        html = in_portal(cut[0], cut[1], others, rail=True)
        if html is None:
            return None
        return (br_lines(html) if lines else html), cut[1]

    for lines in (False, True):  # and the portal of an old template, paragraphs as <br> lines
        for k in PORTAL_CUTS:
            for name, rows in data.items():
                cell = _stories_cell(rows, partial(portal, k=k, lines=lines), shortest)
                if cell:
                    out[f"{k or 'whole'}{PORTAL_LINES if lines else ''}[{name}]"] = cell
    return out


_REMARKS_IN_THREAD = 5


def comment_threads(data: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """The probe of comment threads (`probes.with_thread`): every dev story with five
    readers' comments after it (other dev pages' first paragraphs, picked by the page's
    id: prose as the story is) and the thread's form, its class names as they are and
    hashed. Body F1 next to bare trafilatura (which keeps comments by default)."""
    import random

    from .probes import hash_names, with_thread

    pool = [excerpt for _, _, excerpt in _card_pool(data.get("metadata-naeb", []))]
    out: dict[str, Any] = {}
    if len(pool) <= _REMARKS_IN_THREAD:
        return out

    def thread(r: dict[str, Any], hashed: bool) -> tuple[str, str] | None:
        remarks = random.Random(r["id"]).sample([e for e in pool if e not in r["articleBody"]], _REMARKS_IN_THREAD)
        html = with_thread(r["html"], r["articleBody"], remarks)
        if html is None:
            return None
        return (hash_names(html) if hashed else html), r["articleBody"]

    for hashed in (False, True):
        for name, rows in data.items():
            cell = _stories_cell(rows, partial(thread, hashed=hashed), 0)
            if cell:
                out[f"{'hashed' if hashed else 'named'}[{name}]"] = cell
    return out


# the layouts the other-scripts probe also reads its pages in ("": as they are)
SCRIPT_LAYOUTS: dict[str, Callable[[str], str] | None] = {
    "": None, "<div>s and <br> lines only": divs_and_br_lines, "paragraphs as table cells": table_cells}


def script_probes(data: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """The probe of other scripts (`probes.SCRIPTS`): every dev page without its scripts
    and statements, its Latin letters as they are, as Cyrillic ones and as Han
    characters written without spaces (the label changed alike; the Han pages' F1 counts
    each character a word). Body F1 next to bare trafilatura on the same pages, and the
    pages below it: how much of the gain rests on English words, and whether a rule
    misreads text without spaces. Also on the old templates many Russian and Chinese
    outlets still serve (`SCRIPT_LAYOUTS`: paragraphs as `<div>`s and `<br>` lines, as
    one-cell tables), where the passes' own measures of prose and of one text holding
    another decide, and a measure that counts words between spaces misleads them."""
    from .probes import SCRIPTS

    out: dict[str, Any] = {}
    for layout, relaid in SCRIPT_LAYOUTS.items():
        for what, (change, relabel, words) in SCRIPTS.items():
            def variant(r: dict[str, Any], change=change, relabel=relabel, relaid=relaid) -> tuple[str, str] | None:
                html = change(relaid(r["html"]) if relaid else r["html"])
                return None if html is None else (html, relabel(r["articleBody"] or ""))

            for name, rows in data.items():
                cell = _stories_cell(rows, variant, 0, words or _WORD)
                if cell:
                    out[f"{what}{', ' + layout if layout else ''}[{name}]"] = cell
    return out


def _right_share(got: list[dict[str, Any]]) -> dict[str, Any]:
    """A field probe's cell: its pages, and the share the pipeline and bare trafilatura
    got right (`ours`, `bare` of each page), per half."""
    return {"pages": len(got), "pipeline": _by_half(got, lambda rs: _share(rs, lambda x: x["ours"])),
            "bare": _by_half(got, lambda rs: _share(rs, lambda x: x["bare"]))}


# A field probe's case: the labelled page, the page as changed, the value the field must have.
Case = tuple[dict[str, Any], str, Any]


def _changed(wanted: list[tuple[dict[str, Any], Any]], change: Callable[[str, Any], str | None]) -> Iterator[Case]:
    """The cases of one variant, generated: each (page, wanted value) with the page as
    `change` makes it from its html and that value; a page it returns None for is out."""
    for r, want in wanted:
        html = change(r["html"], want)
        if html is not None:
            yield r, html, want


def _field_probe(variants: Mapping[str, Iterable[Case]], ours_ok: Callable[[Any, Any], bool],
                 bare_ok: Callable[[Any, Any], bool]) -> dict[str, Any]:
    """Every field probe's loop: each variant's changed pages through the pipeline and
    bare trafilatura, each result checked against the wanted value (`ours_ok` on the
    pipeline's article, `bare_ok` on trafilatura's document; neither is called when
    that side found nothing), one `_right_share` cell per variant with pages. Cases may
    be generated, so that one changed page at a time is held."""
    import trafilatura

    from pipeline.extract import extract_article

    out: dict[str, Any] = {}
    for what, cases in variants.items():
        got = []
        for r, html, want in cases:
            ours = extract_article(html, r["url"])
            bare: Any = trafilatura.bare_extraction(html, url=r["url"], with_metadata=True)
            got.append({"id": r["id"], "ours": ours is not None and ours_ok(ours, want),
                        "bare": bool(bare) and bare_ok(bare, want)})
        if got:
            out[what] = _right_share(got)
    return out


def date_probes(data: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Probes of the day (the held-out misses were a day off: a time zone, or the update
    for the publication): every news page with its zoned statements restated in UTC
    (`probes.stated_in_utc`), and updated the day after its labelled day
    (`probes.updated_next_day`), that also as a template nobody tuned for (no
    statements, names hashed: only the printed "Updated" line is left). The day on
    labels the page shows, per half, next to bare trafilatura (htmldate); and as an old
    template prints it (`_old_template`), its dates in English, Russian and Chinese."""
    from .probes import stated_in_utc, unknown_template, updated_next_day

    def updated(html: str, day: str | None) -> str | None:
        return updated_next_day(html, day) if day else None  # a page with no day has none to update

    def updated_unknown(html: str, day: str | None) -> str | None:
        changed = updated(html, day)
        return unknown_template(changed) if changed else None

    changes: dict[str, Callable[[str, str | None], str | None]] = {
        "statements in UTC": lambda html, _day: stated_in_utc(html),
        "updated the next day": updated,
        "updated the next day, unknown template": updated_unknown,
    }
    days = [(r, label_day(r.get("date"))) for r in data.get("metadata-naeb", [])]
    shown = [(r, day) for r, day in days if label_stated(r["html"], r["url"], day)]
    variants: dict[str, Iterable[Case]] = {what: _changed(shown, change) for what, change in changes.items()}
    for lang, language in OLD_TEMPLATE_DATES.items():
        variants[f"headline in a <div>, no statements or dated URL, dates in {language}"] = _old_template(shown, lang)
    return _field_probe(variants, lambda ours, day: ours.published_day == day,
                        lambda bare, day: (bare.date or None) == day)


# how the old-template day probe prints the dates: as they are, as Russian and Chinese outlets do
OLD_TEMPLATE_DATES = {None: "English", "ru": "Russian", "zh": "Chinese"}


def _old_template(shown: list[tuple[dict[str, Any], Any]], lang: str | None) -> Iterator[Case]:
    """The day probe of old templates (`probes.old_template`): the headline in a <div>,
    no statements, no <time> instant, a URL without its day, the dates printed as an
    outlet writing `lang` prints them; only what is printed beside the headline dates it."""
    from .probes import old_template, undated_url

    for r, day in shown:
        html = old_template(r["html"], lang)
        if html is not None:
            yield {**r, "url": undated_url(r["url"])}, html, day


def writer_names(data: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """The probe of writers' names: on every news page with labelled writers, each name
    (and its archive slug) replaced by one of `probes.WRITER_NAMES`, picked by the page's
    id (accents, apostrophes, particles, three and four words: rules fitted to the dev
    pages' names fail here), the page as it is and as a template nobody tuned for; and,
    on that template, by Russian names in Cyrillic and Chinese names in Han characters
    with the byline worded as those outlets word it ("Автор: ", "记者 "). Authors exact
    against the new names, per half, next to bare trafilatura."""
    import random

    from .probes import CHINESE_WRITERS, RUSSIAN_WRITERS, WRITER_NAMES, bylines_as, renamed_writers, slug_of, unknown_template

    def renamed(pool: tuple[tuple[str, str], ...], lang: str | None) -> Iterator[Case]:
        for r in data.get("metadata-naeb", []):
            names = author_key_names(r.get("authors"))
            if names and len(names) <= len(pool):
                picks = random.Random(r["id"]).sample(pool, len(names))
                new = [name for name, _ in picks]
                page = renamed_writers(r["html"], names, new, [slug for _, slug in picks])
                if page is not None:
                    yield r, page if lang is None else unknown_template(bylines_as(page, new, lang)), new

    latin = list(renamed(tuple((n, slug_of(n)) for n in WRITER_NAMES), None))
    variants: dict[str, Iterable[Case]] = {
        "as published": latin,
        "names hashed, no statements": ((r, unknown_template(page), new) for r, page, new in latin),
        "Russian names, 'Автор:' bylines, names hashed, no statements": renamed(RUSSIAN_WRITERS, "ru"),
        "Chinese names, '记者' bylines, names hashed, no statements": renamed(CHINESE_WRITERS, "zh"),
    }
    return _field_probe(variants, lambda ours, new: author_key(ours.authors) == author_key(new),
                        lambda bare, new: author_key(_bare_authors(bare)) == author_key(new))


def title_probes(data: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Probes of the headline: every news page with its <h1> printed as an <h2> (the
    statements kept), as a <div> on a template nobody tuned for (names hashed, no JSON-LD
    or meta tags: the <title> is all that states it), and, as controls, the <h1> taken
    out of both (no printed line is the headline: a rule reading printed lines must not
    take another). Title exact, per half, next to bare trafilatura."""
    from .probes import headline_in, headline_removed, unknown_template

    changes: dict[str, Callable[[str, Any], str]] = {
        "headline in an <h2>": lambda h, _: headline_in(h, "h2"),
        "headline in a <div>, names hashed, no statements": lambda h, _: headline_in(unknown_template(h), "div"),
        "control: no headline printed": lambda h, _: headline_removed(h),
        "control: no headline printed, names hashed, no statements": lambda h, _: headline_removed(unknown_template(h)),
    }
    labelled = [(r, r) for r in data.get("metadata-naeb", [])]  # the title wanted is the row's label
    variants = {what: _changed(labelled, change) for what, change in changes.items()}
    return _field_probe(variants, _same_title, _same_title)


def script_title_probes(data: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """The headline on the other-scripts probe's pages (`probes.SCRIPTS`: no scripts or
    statements, the letters as they are, as Cyrillic and as Han characters unspaced):
    a rule that counts a headline's words between spaces meets Chinese headlines, which
    have none. Title exact against the label changed alike, spaces not counted (a Han
    label has none where the page's elements meet), per half, next to bare trafilatura."""
    from .probes import SCRIPTS

    def same(title: str | None, want: str) -> bool:
        return title_key(title).replace(" ", "") == title_key(want).replace(" ", "")

    def cases(change: Callable[[str], str | None], relabel: Callable[[str], str]) -> Iterator[Case]:
        for r in data.get("metadata-naeb", []):
            html = change(r["html"]) if r.get("title") else None
            if html is not None:
                yield r, html, relabel(r["title"])

    variants = {f"no scripts or statements, {what}": cases(change, relabel) for what, (change, relabel, _) in SCRIPTS.items()}
    return _field_probe(variants, lambda ours, want: same(ours.title, want), lambda bare, want: same(bare.title, want))


def _profile_for(url: str) -> Any:
    """The profile config/sources.yaml gives the page's outlet (by host), valid now."""
    from pipeline.config import ConfigError, load_sources
    from pipeline.urls import host_allowed

    try:
        sources = load_sources()
    except ConfigError:
        return None
    for src in sources:
        if src.profiles and host_allowed(url, src.hosts()):
            return src.profile_at(datetime.now().astimezone())
    return None


def outlets(root: Path) -> list[dict[str, Any]]:
    """Per page of the outlets set: body F1, title, authors, day; pipeline next to bare."""
    import trafilatura

    from pipeline.extract import extract_article

    folder = root / "outlets"
    if not (folder / "ground-truth.json").is_file():
        return []
    rows = []
    for r in load_set(root, "outlets"):
        profile = _profile_for(r["url"])
        ours = extract_article(r["html"], r["url"], profile=profile)
        meta = trafilatura.bare_extraction(r["html"], url=r["url"], with_metadata=True)
        day = label_day(r.get("date"))
        rows.append({
            "id": r["id"] + (" (profile)" if profile else ""),
            "body_f1": page_f1(r["articleBody"], ours.text if ours else None),
            "bare_body_f1": page_f1(r["articleBody"], getattr(meta, "text", None)),
            "title": bool(ours and title_key(ours.title) == title_key(r["title"])),
            "bare_title": title_key(getattr(meta, "title", None)) == title_key(r["title"]),
            "authors": bool(ours and author_key(ours.authors) == author_key(r.get("authors"))),
            "bare_authors": author_key(_bare_authors(meta)) == author_key(r.get("authors")),
            "got_authors": list(ours.authors) if ours else [],
            "day": bool(ours and ours.published_day == day),
            "bare_day": (getattr(meta, "date", None) or None) == day,
        })
    return rows


def speed(pages: list[tuple[str, str]], rounds: int = 2) -> dict[str, float]:
    """Pages/s in one process (pipeline vs bare, interleaved per page so that load
    from other processes hits both alike, the one that goes first alternating so that
    neither always finds the page warm in the CPU caches) and with 2 worker processes."""
    import os

    import trafilatura

    from pipeline.config import ExtractSettings
    from pipeline.extract import extract_article, extract_many

    load_before = os.getloadavg()[0]
    t_ours = t_bare = 0.0
    n = 0
    for _ in range(rounds):
        for html, url in pages:
            if n % 2:
                t0 = time.perf_counter()
                trafilatura.extract(html, url=url)
                t1 = time.perf_counter()
                extract_article(html, url)
                t2 = time.perf_counter()
                t_bare += t1 - t0
                t_ours += t2 - t1
            else:
                t0 = time.perf_counter()
                extract_article(html, url)
                t1 = time.perf_counter()
                trafilatura.extract(html, url=url)
                t2 = time.perf_counter()
                t_ours += t1 - t0
                t_bare += t2 - t1
            n += 1
    one = n / t_ours
    # the single-process figure again, back to back with the 2-worker figure
    work = pages * rounds
    t0 = time.perf_counter()
    for html, url in work:
        extract_article(html, url)
    seq = len(work) / (time.perf_counter() - t0)
    settings = ExtractSettings()
    t0 = time.perf_counter()
    got = sum(1 for _ in extract_many(work, settings, workers=2))
    two = got / (time.perf_counter() - t0)
    return {
        "pipeline_pages_per_s_1proc": one,
        "bare_extract_pages_per_s_1proc": n / t_bare,
        "ratio_pipeline_vs_bare_1proc": one / (n / t_bare),
        "pipeline_pages_per_s_1proc_again": seq,
        "pipeline_pages_per_s_2workers": two,
        "ratio_2workers_vs_1proc": two / seq,
        "cpu_count": os.cpu_count() or 1,
        "load_average_1min_before": load_before,
        "load_average_1min_after": os.getloadavg()[0],
    }


def memory(pages: list[tuple[str, str]], count: int) -> dict[str, float]:
    import psutil

    from pipeline.extract import extract_article

    proc = psutil.Process()
    warm = min(200, count // 10 or 1)
    rss0 = 0
    for i in range(count):
        html, url = pages[i % len(pages)]
        extract_article(html, url)
        if i + 1 == warm:
            rss0 = proc.memory_info().rss
    rss1 = proc.memory_info().rss
    return {"pages": count, "rss_after_warmup_mb": rss0 / 2**20, "rss_end_mb": rss1 / 2**20, "rss_growth_mb": (rss1 - rss0) / 2**20}


def chart(stage: dict[str, float], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = list(stage)
    ms = [stage[k] * 1000 for k in names]
    fig, ax = plt.subplots(figsize=(6.4, 3.2), dpi=100)
    colors = ["#4c72b0"] * (len(names) - 1) + ["#999999"]
    ax.barh(names, ms, color=colors)
    ax.invert_yaxis()
    ax.set_xlabel("ms per page (dev pages, one process)")
    ax.set_title("extract_article time per stage")
    for y, v in enumerate(ms):
        ax.text(v, y, f" {v:.1f}", va="center", fontsize=8)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)


# ---------------------------------------------------------------- entry points


def run(eval_root: str | Path | None = None, *, chart_path: str | Path | None = "docs/bench-stages.png",
        memory_pages: int = 0, do_speed: bool = True, half: int | None = None) -> dict[str, Any]:
    root = eval_dir(eval_root)
    if root is None:
        return {"skipped": "eval folder not found (expected ../shared/eval or $NEWSPIPE_EVAL_DIR)"}
    missing = [s for s in SETS if not (root / s / "ground-truth.json").is_file()]
    if missing:
        return {"skipped": f"eval sets missing under {root}: {', '.join(missing)}"}
    quiet_extraction_logs()
    data = {s: load_set(root, s) for s in SETS}
    if half is not None:  # develop a rule on one half; the other confirms it
        data = {s: [r for r in rows if half_of(r["id"]) == half] for s, rows in data.items()}
    result: dict[str, Any] = {}
    q, stage = quality(data)
    result["quality"] = q
    result["stage_seconds_per_page"] = stage
    result["outlets"] = outlets(root)
    result["probes"] = robustness(data)
    result["short_stories"] = short_stories(data)
    result["portal_stories"] = portal_stories(data)
    result["comment_threads"] = comment_threads(data)
    result["scripts"] = script_probes(data)
    result["date_probes"] = date_probes(data)
    result["writer_names"] = writer_names(data)
    result["title_probes"] = title_probes(data)
    result["title_probes"].update(script_title_probes(data))
    pages = [(r["html"], r["url"]) for rows in data.values() for r in rows]
    if do_speed:
        result["speed"] = speed(pages)
    if memory_pages:
        result["memory"] = memory(pages, memory_pages)
    if chart_path:
        chart(stage, Path(chart_path))
        result["chart"] = str(chart_path)
    return result


TARGETS = {
    "body_f1[extraction-aeb]": 0.970,
    "body_f1[metadata-naeb]": 0.950,
    "date_day_exact[metadata-naeb]": 0.930,
    "title_exact[metadata-naeb]": 0.95,
    "date_day_exact_on_stated[metadata-naeb]": 0.950,
    "authors_exact[metadata-naeb]": 0.80,
}


def _cell_line(what: str, vals: dict[str, Any], swollen: bool = True) -> str:
    """One cell of a stories probe (`_stories_cell`) as the report prints it."""
    below = vals["over_0.05"]
    return (f"{what}: {vals['pages']} pages, body F1 {vals['pipeline']:.3f} vs bare {vals['bare']:.3f}; "
            f"{len(below)} pages > 0.05 below bare, {len(vals['over_0.2'])} > 0.2 below"
            + (" (" + ", ".join(f"{i[:8]} {d:+.3f}" for i, d in below) + ")" if below else "")
            + (f"; results over 3x the story: {vals['over_3x_story'][0]} (bare {vals['over_3x_story'][1]})" if swollen else ""))


def print_report(result: dict[str, Any]) -> None:
    if "skipped" in result:
        print(f"skipped: {result['skipped']}")
        return
    print(f"{'measure':44} {'pipeline':>9} {'half0':>6} {'half1':>6} | {'bare':>6} {'half0':>6} {'half1':>6} {'target':>7}")
    for key, vals in result["quality"].items():
        if key.startswith("regressions"):
            continue
        p, b = vals["pipeline"], vals["bare"]
        print(f"{key:44} {p['all']:9.3f} {p['half0']:6.3f} {p['half1']:6.3f} | {b['all']:6.3f} {b['half0']:6.3f} {b['half1']:6.3f} "
              f"{TARGETS.get(key, float('nan')):7.3f}")
        if "labels_stated_on_page" in vals:
            print(f"{'  label audit: labelled day stated':44} {vals['labels_stated_on_page']:9.3f}"
                  "  (ceiling for any method reading the page)")
    for key, vals in result["quality"].items():
        if key.startswith("regressions"):
            print(f"{key}: {len(vals['over_0.05'])} pages > 0.05 below bare trafilatura, {len(vals['over_0.2'])} > 0.2 below"
                  + (": " + ", ".join(f"{i} ({d:+.3f})" for i, d in vals["over_0.05"]) if vals["over_0.05"] else ""))
    for key, vals in result.get("probes", {}).items():
        print(f"{key}: body F1 {vals['pipeline']:.3f} vs bare {vals['bare']:.3f}; "
              f"{len(vals['over_0.05'])} pages > 0.05 below bare, {len(vals['over_0.2'])} > 0.2 below"
              + (": " + ", ".join(f"{i[:8]} ({d:+.3f})" for i, d in vals["over_0.05"]) if vals["over_0.05"] else ""))
        if "title" in vals:
            print("  " + ", ".join(f"{k} {vals[k][0]:.3f} (bare {vals[k][1]:.3f})" for k in ("title", "authors", "day_on_stated")))
    for key, vals in result.get("short_stories", {}).items():
        k, name = key.rstrip("]").split("[", 1)
        print(_cell_line(f"story cut to {k} paragraph(s), {name}", vals))
    for key, vals in result.get("portal_stories", {}).items():
        k, name = key.rstrip("]").split("[", 1)
        lines = k.endswith(PORTAL_LINES)
        k = k.removesuffix(PORTAL_LINES)
        what = ("whole story" if k == "whole" else f"story cut to {k} paragraph(s)") + " in a portal (masthead, cards around it" \
            + (", paragraphs as <br> lines)" if lines else ")")
        print(_cell_line(f"{what}, {name}", vals))
    for key, vals in result.get("comment_threads", {}).items():
        k, name = key.rstrip("]").split("[", 1)
        names = "class names hashed" if k == "hashed" else "names as they are"
        print(_cell_line(f"story with a comment thread after it ({names}), {name}", vals, swollen=False))
    for key, vals in result.get("scripts", {}).items():
        what, name = key.rstrip("]").split("[", 1)
        print(_cell_line(f"no scripts or statements, {what}, {name}", vals, swollen=False))
    for what, vals in result.get("date_probes", {}).items():
        p, b = vals["pipeline"], vals["bare"]
        print(f"day on labels shown, {what}: {vals['pages']} pages, {p['all']:.3f} ({p['half0']:.3f} / {p['half1']:.3f}) "
              f"vs bare {b['all']:.3f} ({b['half0']:.3f} / {b['half1']:.3f})")
    for what, vals in result.get("writer_names", {}).items():
        p, b = vals["pipeline"], vals["bare"]
        print(f"authors exact, writers renamed ({what}): {vals['pages']} pages, {p['all']:.3f} ({p['half0']:.3f} / "
              f"{p['half1']:.3f}) vs bare {b['all']:.3f} ({b['half0']:.3f} / {b['half1']:.3f})")
    for what, vals in result.get("title_probes", {}).items():
        p, b = vals["pipeline"], vals["bare"]
        print(f"title exact, {what}: {vals['pages']} pages, {p['all']:.3f} ({p['half0']:.3f} / {p['half1']:.3f}) "
              f"vs bare {b['all']:.3f} ({b['half0']:.3f} / {b['half1']:.3f})")
    if result.get("outlets"):
        print(f"outlets (pipeline / bare): {'page':24} {'body F1':>13} {'title':>7} {'authors':>7} {'day':>7}")
        yn = {True: "y", False: "-"}
        for o in result["outlets"]:
            print(f"{'':27}{o['id']:24} {o['body_f1']:6.3f}/{o['bare_body_f1']:.3f} {yn[o['title']]:>5}/{yn[o['bare_title']]} "
                  f"{yn[o['authors']]:>5}/{yn[o['bare_authors']]} {yn[o['day']]:>5}/{yn[o['bare_day']]}")
    if "speed" in result:
        s = result["speed"]
        print(
            f"one process: pipeline {s['pipeline_pages_per_s_1proc']:.1f} pages/s, bare trafilatura.extract "
            f"{s['bare_extract_pages_per_s_1proc']:.1f} pages/s -> ratio {s['ratio_pipeline_vs_bare_1proc']:.2f}x (target >= 0.85)"
        )
        print(
            f"2 workers: {s['pipeline_pages_per_s_2workers']:.1f} pages/s vs {s['pipeline_pages_per_s_1proc_again']:.1f} "
            f"in one process -> {s['ratio_2workers_vs_1proc']:.2f}x (target >= 1.7; {s['cpu_count']} cores, "
            f"load average {s['load_average_1min_before']:.1f} before / {s['load_average_1min_after']:.1f} after)"
        )
    if "memory" in result:
        m = result["memory"]
        print(
            f"memory: {m['pages']} pages, RSS {m['rss_after_warmup_mb']:.0f} MB after warm-up -> {m['rss_end_mb']:.0f} MB "
            f"(growth {m['rss_growth_mb']:+.1f} MB, target <= 100)"
        )
    else:
        print("memory: not measured (run with --memory [N], default N=5000)")
    print("stages (ms/page): " + ", ".join(f"{k} {v * 1000:.1f}" for k, v in result["stage_seconds_per_page"].items()))
    if "chart" in result:
        print(f"chart: {result['chart']}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline.bench.extraction", description=__doc__.split("\n\n")[0])
    ap.add_argument("--eval-dir", default=None)
    ap.add_argument("--chart", default="docs/bench-stages.png", help="PNG path for per-stage time ('' to skip)")
    ap.add_argument("--memory", nargs="?", type=int, const=5000, default=0, metavar="N", help="measure RSS growth over N pages")
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--half", type=int, choices=(0, 1), default=None, help="only this half of the dev pages (quality only)")
    ap.add_argument("--json", action="store_true", help="print the result dict as JSON")
    args = ap.parse_args(argv)
    result = run(args.eval_dir, chart_path=args.chart or None, memory_pages=args.memory,
                 do_speed=not args.no_speed and args.half is None, half=args.half)
    if args.json:
        print(json.dumps(result, indent=2, default=str))
    else:
        print_report(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
