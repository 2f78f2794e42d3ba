"""Cleanup: what trafilatura keeps that is not the article, each removal named.

Modules: `lines` (single-line rules as data: `LINE_RULES`), `links` (menus,
cross-links and cards of other stories), `captions` (image captions), `ends` (the
headline, bylines, bios, sources and closing lines at the text's ends), `repeats`
(repeated paragraphs). `clean_body` applies them in that order.
"""

from __future__ import annotations

from collections.abc import Container

from .captions import caption_texts
from .ends import stated_authors, without_bylines, without_closing_lines, without_opening_lines, without_sources
from .lines import LINE_RULES, LineRule, PageSignals, without_named_lines
from .links import cross_link_texts, menu_texts, section_heading_links, without_card_runs, without_dated_link_cards, without_menu_runs
from .repeats import dedup_paragraphs, without_repeats

__all__ = ["LINE_RULES", "LineRule", "caption_texts", "clean_body", "cross_link_texts", "dedup_paragraphs", "menu_texts",
           "section_heading_links", "stated_authors"]


def clean_body(
    text: str,
    title: str | None,
    links: set[str],
    captions: frozenset[str] | set[str] = frozenset(),
    dropped: list[tuple[str, str]] | None = None,
    authors: list[str] | tuple[str, ...] = (),
    teasers: frozenset[str] | set[str] = frozenset(),
    menu: frozenset[str] | set[str] = frozenset(),
    cards: frozenset[str] | set[str] = frozenset(),
    forms: frozenset[str] | set[str] = frozenset(),
    unshown: Container[str] = frozenset(),
) -> str:
    """Drop what trafilatura keeps but is not the article, and only what a rule names:
    the line rules, menus and cards of other stories, then the sources list and the
    outlet's closing lines at the end, the headline repeated at the start, bylines,
    repeated paragraphs. `dropped`, when given, receives (rule name, line) for each line
    removed; `authors` (names the page states as its authors) tell the author's bio
    closing the text; `teasers` are the texts of cards of other stories
    (`blocks.teaser_texts`); `menu` the texts of all links to the site (`menu_texts`);
    `forms` the texts of boxes around a field a reader types into (`blocks.form_box_texts`);
    `unshown` those of small blocks the page's style hides (`blocks.unshown_texts`)."""

    def drop(rule: str, line: str) -> None:
        if dropped is not None:
            dropped.append((rule, line))

    out = without_named_lines(text, PageSignals(links, captions, teasers, forms, unshown), drop)
    if menu:
        out = without_menu_runs(out, menu, drop)
        out = without_dated_link_cards(out, menu, drop)
    if cards:
        out = without_card_runs(out, cards, drop)
    out = without_sources(out, drop)
    out = without_closing_lines(out, authors, drop)
    out = without_opening_lines(out, title, drop)
    out = without_bylines(out, drop)
    return "\n".join(without_repeats(out, drop))
