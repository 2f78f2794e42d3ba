"""The bench's probes of single fields: the day (zones, updates, old templates), the
writers' names (other shapes, Russian and Chinese bylines) and the headline (printed
as another element, in other scripts); the share right per half next to bare
trafilatura."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from .scoring import author_key, author_key_names, bare_authors, by_half, label_day, label_stated, same_title, share, title_key


def right_share(got: list[dict[str, Any]]) -> dict[str, Any]:
    """A field probe's cell: its pages, and the share the pipeline and bare trafilatura
    got right (`ours`, `bare` of each page), per half."""
    return {"pages": len(got), "pipeline": by_half(got, lambda rs: share(rs, lambda x: x["ours"])),
            "bare": by_half(got, lambda rs: share(rs, lambda x: x["bare"]))}


# A field probe's case: the labelled page, the page as changed, the value the field must have.
Case = tuple[dict[str, Any], str, Any]


def _changed(wanted: list[tuple[dict[str, Any], Any]], change: Callable[[str, Any], str | None]) -> Iterator[Case]:
    """The cases of one variant, generated: each (page, wanted value) with the page as
    `change` makes it from its html and that value; a page it returns None for is out."""
    for r, want in wanted:
        html = change(r["html"], want)
        if html is not None:
            yield r, html, want


def field_probe(variants: Mapping[str, Iterable[Case]], ours_ok: Callable[[Any, Any], bool],
                 bare_ok: Callable[[Any, Any], bool]) -> dict[str, Any]:
    """Every field probe's loop: each variant's changed pages through the pipeline and
    bare trafilatura, each result checked against the wanted value (`ours_ok` on the
    pipeline's article, `bare_ok` on trafilatura's document; neither is called when
    that side found nothing), one `right_share` cell per variant with pages. Cases may
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
            out[what] = right_share(got)
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
    return field_probe(variants, lambda ours, day: ours.published_day == day,
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
    return field_probe(variants, lambda ours, new: author_key(ours.authors) == author_key(new),
                        lambda bare, new: author_key(bare_authors(bare)) == author_key(new))


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
    return field_probe(variants, same_title, same_title)


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
    return field_probe(variants, lambda ours, want: same(ours.title, want), lambda bare, want: same(bare.title, want))
