"""Per-page fingerprints: every dev page's body F1 under every probe, to check a rule.

    newspipe bench pages [--fingerprints NEW.json] [--against OLD.json] [--bare] [--half 0|1]

A rule is cross-validated by what it changes page by page, on both halves: the
bench's cells average thousands of pages, and one page made much worse hides in a
mean that rose. This reads every dev page as published and as each probe changes it
(the layouts of `probes.PROBES`, briefs, portals, comment threads, inserts, boxes
beside, photos, other scripts) with the pipeline alone, in worker processes (no bare
trafilatura, no speed: a few minutes), and keeps each page's body F1, plus title,
authors and day on the news pages as published. `--against` an earlier run's file
prints, per half, the pages up and down and the cells and pages that moved most:
run it on the code before a change, again after, and state both halves. `--bare`
also reads each page with bare trafilatura (the file keeps it, and a later run
`--against` that file reuses it) and lists the pages more than 0.05 and 0.2 below it.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from . import eval_dir, quiet_extraction_logs
from .body_probes import (
    Variants,
    box_variants,
    insert_variants,
    layout_variants,
    list_variants,
    photo_variants,
    portal_variants,
    script_variants,
    short_story_variants,
    thread_variants,
)
from .scoring import SETS, author_key, half_of, label_day, load_set, page_f1, same_title

MOVED = 0.001  # smaller differences are rounding, not a change
FIELDS = ("title", "authors", "day")  # scored on the news set as published, 1 or 0 per page


def probes(data: dict[str, list[dict[str, Any]]]) -> dict[str, Variants]:
    """Every probe's variants by a name that says which: "as published", "layout: …",
    "brief: 1", "portal: whole/br", "photos: hashed", "script: …"."""
    out = {"as published": Variants(lambda r: (r["html"], r["articleBody"]))}
    for probe, variants in (("layout", layout_variants()), ("brief", short_story_variants()),
                            ("portal", portal_variants(data)), ("thread", thread_variants(data)),
                            ("inserts", insert_variants(data)), ("boxes beside", box_variants()),
                            ("photos", photo_variants(data)), ("lists", list_variants()), ("script", script_variants())):
        out |= {f"{probe}: {key}": v for key, v in variants.items()}
    return out


def _fields(got: Any, row: dict[str, Any]) -> dict[str, int]:
    """1 or 0 for each of `FIELDS`: the extraction `got` (None: nothing) against the labels."""
    if got is None:
        return dict.fromkeys(FIELDS, 0)
    checks = (same_title(got, row), author_key(got.authors) == author_key(row.get("authors")),
              got.published_day == label_day(row.get("date")))
    return {field: int(ok) for field, ok in zip(FIELDS, checks, strict=True)}


Prints = dict[str, dict[str, float]]  # "probe[set]" -> page id -> F1


def fingerprints(data: dict[str, list[dict[str, Any]]], workers: int = 2, bare: Prints | None = None) -> Prints:
    """{"probe[set]": {page id: body F1}} and {"title[metadata-naeb]": {page id: 1 or 0}}…;
    pages a variant leaves out (a story too short to cut) are absent. `bare`, when
    given, is filled with bare trafilatura's F1 on the same pages (in this process,
    beside the workers)."""
    from pipeline.extract.pool import ExtractionFailed, extract_many

    variants = probes(data)
    made: list[tuple[str, dict[str, Any], str, Variants]] = []

    def pages() -> Iterator[tuple[str, str]]:
        import trafilatura

        for key, v in variants.items():
            for name, rows in data.items():
                for r in rows:
                    page = v.page(r)
                    if page is None:
                        continue
                    made.append((f"{key}[{name}]", r, page[1], v))
                    if bare is not None:
                        got = trafilatura.extract(page[0], url=r["url"])
                        bare.setdefault(f"{key}[{name}]", {})[r["id"]] = round(page_f1(page[1], got, v.words), 4)
                    yield page[0], r["url"]

    out: Prints = {}
    total = sum(len(rows) for rows in data.values()) * len(variants)
    for n, got in enumerate(extract_many(pages(), workers=workers), 1):
        cell, r, story, v = made[n - 1]
        if isinstance(got, ExtractionFailed):
            got = None
        out.setdefault(cell, {})[r["id"]] = round(page_f1(story, got.text if got else None, v.words), 4)
        if cell == "as published[metadata-naeb]":
            for field, ok in _fields(got, r).items():
                out.setdefault(f"{field}[metadata-naeb]", {})[r["id"]] = ok
        if n % 500 == 0:
            print(f"  {n} pages of at most {total}", file=sys.stderr, flush=True)
    return out


def below_bare(prints: Prints, bare: Prints) -> dict[int, list[tuple[float, str, str]]]:
    """Per half, the pages (F1 ours - bare, cell, page id) more than 0.05 below bare
    trafilatura, worst first: the guard rail every rule keeps."""
    out: dict[int, list[tuple[float, str, str]]] = {0: [], 1: []}
    for cell, got in prints.items():
        for page, f1 in got.items():
            b = bare.get(cell, {}).get(page)
            if b is not None and f1 < b - 0.05:
                out[half_of(page)].append((round(f1 - b, 4), cell, page))
    return {h: sorted(pages) for h, pages in out.items()}


def compare(old: Prints, new: Prints) -> dict[str, Any]:
    """Per half: pages compared, up, down, and the largest drops (cell, page, old, new);
    per cell: pages up and down. A page counts when both runs have it."""
    halves: dict[int, dict[str, Any]] = {h: {"pages": 0, "up": 0, "down": 0, "drops": []} for h in (0, 1)}
    cells: dict[str, tuple[int, int]] = {}
    for cell in sorted(old.keys() & new.keys()):
        up = down = 0
        for page in old[cell].keys() & new[cell].keys():
            h = halves[half_of(page)]
            h["pages"] += 1
            d = new[cell][page] - old[cell][page]
            if d > MOVED:
                h["up"] += 1
                up += 1
            elif d < -MOVED:
                h["down"] += 1
                down += 1
                h["drops"].append((round(d, 4), cell, page, old[cell][page], new[cell][page]))
        if up or down:
            cells[cell] = (up, down)
    for h in halves.values():
        h["drops"].sort()
    return {"halves": halves, "cells": cells,
            "only_old": sorted(old.keys() - new.keys()), "only_new": sorted(new.keys() - old.keys())}


def print_below_bare(below: dict[int, list[tuple[float, str, str]]], shown: int = 12) -> None:
    for h, pages in below.items():
        far = sum(d < -0.2 for d, _, _ in pages)
        print(f"half {h}: {len(pages)} pages > 0.05 below bare trafilatura, {far} > 0.2 below")
        for d, cell, page in pages[:shown]:
            print(f"  {d:+.4f} {cell} {page[:12]}")


def print_comparison(diff: dict[str, Any], shown: int = 12) -> None:
    for h, fig in diff["halves"].items():
        print(f"half {h}: {fig['pages']} fingerprints, {fig['up']} up, {fig['down']} down")
        for d, cell, page, a, b in fig["drops"][:shown]:
            print(f"  {d:+.4f} {cell} {page[:12]} {a:.3f} -> {b:.3f}")
    for cell, (up, down) in diff["cells"].items():
        print(f"{cell}: {up} up, {down} down")
    for which in ("only_old", "only_new"):
        if diff[which]:
            print(f"{which.replace('_', ' in ')} run: " + ", ".join(diff[which]))


def run(eval_root: str | Path | None = None, *, half: int | None = None, out: str | Path | None = None,
        against: str | Path | None = None, workers: int = 2, with_bare: bool = False) -> dict[str, Any]:
    """Fingerprints of the dev pages (one half, or both), written to `out` as
    {"pipeline": …, "bare": …}, compared with the run in `against` when given. Bare
    trafilatura's F1 is read `with_bare`, or else taken from `against` (it does not
    change with the pipeline's code); with it, the pages below bare are listed."""
    root = eval_dir(eval_root)
    if root is None or any(not (root / s / "ground-truth.json").is_file() for s in SETS):
        return {"skipped": "eval sets not found (expected ../shared/eval or $NEWSPIPE_EVAL_DIR)"}
    quiet_extraction_logs()
    data = {s: load_set(root, s) for s in SETS}
    if half is not None:
        data = {s: [r for r in rows if half_of(r["id"]) == half] for s, rows in data.items()}
    old = json.loads(Path(against).read_text(encoding="utf-8")) if against else None
    bare: Prints = {}
    prints = fingerprints(data, workers, bare if with_bare else None)
    if not bare and old:
        bare = old.get("bare", {})
    if out:
        Path(out).write_text(json.dumps({"pipeline": prints, "bare": bare}, indent=0, sort_keys=True), encoding="utf-8")
    result: dict[str, Any] = {"cells": len(prints), "fingerprints": sum(map(len, prints.values()))}
    if bare:
        result["below_bare"] = below_bare(prints, bare)
    if old:
        result["against"] = compare(old["pipeline"], prints)
    return result


def print_report(result: dict[str, Any]) -> None:
    if "skipped" in result:
        print(f"skipped: {result['skipped']}")
        return
    print(f"{result['fingerprints']} fingerprints in {result['cells']} cells")
    if "below_bare" in result:
        print_below_bare(result["below_bare"])
    if "against" in result:
        print_comparison(result["against"])
