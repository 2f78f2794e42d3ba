"""The bench's probes of the body: the dev pages changed as pages nobody tuned for
differ (`probes.PROBES`), their stories cut to briefs, set in a portal, followed by a
comment thread, with inserts or photos between their paragraphs and boxes beside
them, with product lines of their own, and in other scripts; body F1 next to bare
trafilatura on the same changed pages, per set and half, with the pages below bare."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from typing import Any, NamedTuple

from .probes import PROBES, divs_and_br_lines, short_story, table_cells
from .scoring import (
    WORD,
    author_key,
    bare_authors,
    below_bare,
    body_text,
    label_day,
    label_stated,
    page_f1,
    same_title,
    shingle_f1,
)

Variant = Callable[[dict[str, Any]], tuple[str, str] | None]  # a dev page -> (changed html, its story) or None


class Variants(NamedTuple):
    """How a probe changes each dev page (`make`), the shortest story it keeps (shorter
    is no story, by the pipeline's rule) and what a word is in its F1."""

    make: Variant
    shortest: int = 0
    words: re.Pattern = WORD

    def page(self, r: dict[str, Any]) -> tuple[str, str] | None:
        """The changed page and the story it holds; None where the probe leaves the
        page out or the story is shorter than `shortest`."""
        made = self.make(r)
        return None if made is None or len(made[1]) < self.shortest else made


def _cells(data: dict[str, list[dict[str, Any]]], probe: dict[str, Variants]) -> dict[str, Any]:
    """A probe's cells (`_stories_cell`), per variant and set: "variant[set]"."""
    out: dict[str, Any] = {}
    for key, v in probe.items():
        for name, rows in data.items():
            cell = _stories_cell(rows, v)
            if cell:
                out[f"{key}[{name}]"] = cell
    return out


def layout_variants() -> dict[str, Variants]:
    """The layouts of `PROBES` as variants: each page changed, its story as labelled."""
    def changed(r: dict[str, Any], change: Callable[[str], str]) -> tuple[str, str]:
        return change(r["html"]), r["articleBody"]

    return {probe: Variants(partial(changed, change=change)) for probe, change in PROBES.items()}


def robustness(data: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Probes of layouts nobody tuned for, on the dev pages changed (`PROBES`): body F1
    per set next to bare trafilatura on the same pages, the pages more than 0.05 / 0.2
    below it, and on the news set title, authors and the day on labels the page shows.
    A rule that leans on a class name, or metadata that only the statements carry,
    fails here first."""
    import trafilatura

    from pipeline.extract import extract_article

    out: dict[str, Any] = {}
    for probe, variant in layout_variants().items():
        for name, rows in data.items():
            ours: list[tuple[str | None, str | None]] = []
            bare: list[tuple[str | None, str | None]] = []
            below: list[tuple[str, float]] = []
            meta: list[dict[str, Any]] = []
            for r in rows:
                made = variant.page(r)
                if made is None:
                    continue
                html, story = made
                got = extract_article(html, r["url"])
                o, b = body_text(got), trafilatura.extract(html, url=r["url"])
                ours.append((story, o))
                bare.append((story, b))
                below.append((r["id"], page_f1(story, o) - page_f1(story, b)))
                if name == "metadata-naeb":
                    m: Any = trafilatura.bare_extraction(html, url=r["url"], with_metadata=True)
                    day = label_day(r.get("date"))
                    meta.append({
                        "stated": label_stated(r["html"], r["url"], day),
                        "title": (got is not None and same_title(got, r), bool(m) and same_title(m, r)),
                        "authors": (got is not None and author_key(got.authors) == author_key(r.get("authors")),
                                    author_key(bare_authors(m)) == author_key(r.get("authors"))),
                        "day": (got is not None and got.published_day == day, bool(m) and (m.date or None) == day),
                    })
            fig: dict[str, Any] = {"pipeline": shingle_f1(ours)["f1"], "bare": shingle_f1(bare)["f1"], **below_bare(below)}
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
    return _cells(data, short_story_variants())


def _shortest_story() -> int:
    from pipeline.config import ExtractSettings

    return ExtractSettings().min_text_chars  # shorter is no story, by the pipeline's rule


def short_story_variants() -> dict[str, Variants]:
    shortest = _shortest_story()
    return {str(k): Variants(partial(_cut_story, paragraphs=k), shortest) for k in SHORT_STORIES}


def _cut_story(r: dict[str, Any], paragraphs: int) -> tuple[str, str] | None:
    return short_story(r["html"], r["articleBody"], paragraphs)


def _stories_cell(rows: list[dict[str, Any]], variant: Variants) -> dict[str, Any] | None:
    """One cell of a stories probe: each page's variant (`Variants.page`: its html and
    the story it holds, or none) read by the pipeline and bare trafilatura: F1 (over the
    variant's `words`), pages below bare, results over 3x the story."""
    import trafilatura

    from pipeline.extract import extract_article

    ours: list[tuple[str | None, str | None]] = []
    bare: list[tuple[str | None, str | None]] = []
    below: list[tuple[str, float]] = []
    words = variant.words
    swollen = [0, 0]
    for r in rows:
        made = variant.page(r)
        if made is None:
            continue
        html, story = made
        o, b = body_text(extract_article(html, r["url"])), trafilatura.extract(html, url=r["url"])
        ours.append((story, o))
        bare.append((story, b))
        below.append((r["id"], page_f1(story, o, words) - page_f1(story, b, words)))
        swollen[0] += len(o or "") > 3 * len(story)
        swollen[1] += len(b or "") > 3 * len(story)
    if not ours:
        return None
    return {"pages": len(ours), "pipeline": shingle_f1(ours, words)["f1"], "bare": shingle_f1(bare, words)["f1"],
            "over_3x_story": tuple(swollen), **below_bare(below)}


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
    return _cells(data, portal_variants(data))


def portal_variants(data: dict[str, list[dict[str, Any]]]) -> dict[str, Variants]:
    import random

    from .probes import br_lines, in_portal

    shortest = _shortest_story()
    pool = _card_pool(data.get("metadata-naeb", []))
    if len(pool) <= _CARDS_IN_PORTAL:
        return {}

    def portal(r: dict[str, Any], k: int, lines: bool) -> tuple[str, str] | None:
        cut = short_story(r["html"], r["articleBody"], k) if k else (r["html"], r["articleBody"])
        if cut is None:
            return None
        others = [(h, e) for i, h, e in random.Random(r["id"]).sample([c for c in pool if c[0] != r["id"]], _CARDS_IN_PORTAL)]
        html = in_portal(cut[0], cut[1], others, rail=True)
        if html is None:
            return None
        return (br_lines(html) if lines else html), cut[1]

    return {f"{k or 'whole'}{PORTAL_LINES if lines else ''}": Variants(partial(portal, k=k, lines=lines), shortest)
            for lines in (False, True)  # and the portal of an old template, paragraphs as <br> lines
            for k in PORTAL_CUTS}


_REMARKS_IN_THREAD = 5


def comment_threads(data: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """The probe of comment threads (`probes.with_thread`): every dev story with five
    readers' comments after it (other dev pages' first paragraphs, picked by the page's
    id: prose as the story is) and the thread's form, its class names as they are and
    hashed. Body F1 next to bare trafilatura (which keeps comments by default)."""
    return _cells(data, thread_variants(data))


def thread_variants(data: dict[str, list[dict[str, Any]]]) -> dict[str, Variants]:
    import random

    from .probes import with_thread

    pool = [excerpt for _, _, excerpt in _card_pool(data.get("metadata-naeb", []))]
    if len(pool) <= _REMARKS_IN_THREAD:
        return {}

    def thread(r: dict[str, Any]) -> str | None:
        remarks = random.Random(r["id"]).sample([e for e in pool if e not in r["articleBody"]], _REMARKS_IN_THREAD)
        return with_thread(r["html"], r["articleBody"], remarks)

    return _named_and_hashed(thread)


def _named_and_hashed(page: Callable[[dict[str, Any]], str | None]) -> dict[str, Variants]:
    """The variants of a probe that adds to each story (`page`: the changed page, None to
    leave it out; the label stays the story), its class names as written ("named") and
    hashed."""
    from .probes import hash_names

    def variant(r: dict[str, Any], hashed: bool) -> tuple[str, str] | None:
        html = page(r)
        if html is None:
            return None
        return (hash_names(html) if hashed else html), r["articleBody"]

    return {"hashed" if hashed else "named": Variants(partial(variant, hashed=hashed)) for hashed in (False, True)}


_HEADLINES_INSERTED = 4  # other stories' headlines the inserts link to


def story_inserts(data: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """The probe of inserts (`probes.with_inserts`): every dev story of more than three
    paragraphs with a "Read more" line, an ad label, a card, a newsletter's sign-up or a
    related list after every third paragraph (other dev pages' headlines, picked by the
    page's id), their class names as they are and hashed. Body F1 next to bare
    trafilatura on the same pages; the label is the story alone."""
    return _cells(data, insert_variants(data))


def insert_variants(data: dict[str, list[dict[str, Any]]]) -> dict[str, Variants]:
    from .probes import with_inserts

    return _with_other_headlines(data, _HEADLINES_INSERTED, with_inserts)


def _with_other_headlines(data: dict[str, list[dict[str, Any]]], count: int,
                          page: Callable[[str, str, list[str]], str | None]) -> dict[str, Variants]:
    """The variants of a probe that adds to each story `count` headlines of other dev pages
    (`page(html, story, headlines)`, picked by the page's id), names as written and
    hashed; none when the dev pages have too few headlines."""
    import random

    pool = [headline for _, headline, _ in _card_pool(data.get("metadata-naeb", []))]
    if len(pool) <= count:
        return {}

    def changed(r: dict[str, Any]) -> str | None:
        headlines = random.Random(r["id"]).sample([h for h in pool if h != r.get("title")], count)
        return page(r["html"], r["articleBody"], headlines)

    return _named_and_hashed(changed)


def boxes_beside(data: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """The probe of boxes beside the story's paragraphs (`probes.with_boxes_beside`):
    breadcrumbs before its first and middle paragraph, a tags row after its last, their
    class names as they are and hashed. Where a template wraps each paragraph in an
    element of its own, the box shares that wrapper, and a pass that weighs the wrapper
    as a whole drops the paragraph with the box. Body F1 next to bare trafilatura."""
    return _cells(data, box_variants())


def box_variants() -> dict[str, Variants]:
    from .probes import with_boxes_beside

    return _named_and_hashed(lambda r: with_boxes_beside(r["html"], r["articleBody"]))


_CAPTIONS_SHOWN = 3  # other stories' headlines the photos' captions are written from: one of each form


def story_photos(data: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """The probe of photos between a story's paragraphs (`probes.with_photos`): every dev
    story of more than three paragraphs with a captioned, credited photo after every
    third, as a <figure>, an image's box of paragraphs and one of spans in turn (other
    dev pages' headlines for captions, picked by the page's id), their class names as
    they are and hashed. Body F1 next to bare trafilatura; the label is the story alone."""
    return _cells(data, photo_variants(data))


def photo_variants(data: dict[str, list[dict[str, Any]]]) -> dict[str, Variants]:
    from .probes import with_photos

    return _with_other_headlines(data, _CAPTIONS_SHOWN, with_photos)


def story_lists(data: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """The probe of lines that are the story (`probes.with_story_list`), the held-out
    check's deals, round-up and product posts: every dev story of four paragraphs or
    more (without the scripts that also carry it) with a list of products linking out
    to shops, one of plain items, or a product's name over every second paragraph,
    their class names as they are and hashed. The label holds the lines; body F1 next
    to bare trafilatura."""
    return _cells(data, list_variants())


def list_variants() -> dict[str, Variants]:
    from .probes import LIST_FORMS, hash_names, with_story_list

    def variant(r: dict[str, Any], form: str, hashed: bool) -> tuple[str, str] | None:
        made = with_story_list(r["html"], r["articleBody"], form, r["id"])
        return made and ((hash_names(made[0]) if hashed else made[0]), made[1])

    return {f"{form}, {'hashed' if hashed else 'named'}": Variants(partial(variant, form=form, hashed=hashed))
            for form in LIST_FORMS for hashed in (False, True)}


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
    return _cells(data, script_variants())


def script_variants() -> dict[str, Variants]:
    from .probes import SCRIPTS

    def variant(r: dict[str, Any], change: Callable[[str], str | None], relabel: Callable[[str], str],
                relaid: Callable[[str], str] | None) -> tuple[str, str] | None:
        html = change(relaid(r["html"]) if relaid else r["html"])
        return None if html is None else (html, relabel(r["articleBody"] or ""))

    return {f"{what}{', ' + layout if layout else ''}": Variants(partial(variant, change=change, relabel=relabel, relaid=relaid),
                                                                words=words or WORD)
            for layout, relaid in SCRIPT_LAYOUTS.items() for what, (change, relabel, words) in SCRIPTS.items()}
