"""Authors: who wrote the article, as names of people (or a wire agency credited by
a page of another outlet), never the site, its desk or its publisher.

Sources, first that yields a name wins: JSON-LD `author` (Person before
Organization), author meta tags, `rel=author` / `itemprop=author` links, then the
byline in the page text ("By X and Y", "Автор:", "Текст:", "记者 X", "（记者 … 报道）",
"（责编：…）"), then trafilatura's byline search, then a link to an author's
archive page ("/author/jane-roe/") outside teasers of other stories, then an element
holding only a name whose next text is a date (a byline with no markup). A byline in
the text that names everyone the statements name and more (statements often carry
the first author only) replaces them; so does one that names only some of them (the
statements also list contributors; the byline readers see names the writers). Every
candidate passes one filter: no site, desk or publisher
names (compared with og:site_name, the publisher, the host), no numeric ids, slugs,
e-mail addresses or URLs, no credentials ("MS", "RDN", "PhD") split off as names;
a stated author the page credits only for the pictures ("Photography by X") is none.
Where nothing names a writer, an author meta tag crediting the outlet's staff ("Slate
Staff") is the credit.

Credits, decided once: a news agency named beside people ("By Jane Roe, Associated
Press", "with AFP") is their employer, named alone ("By Reuters", a JSON-LD
Organization on another outlet's page) it is the author; what follows " | ", "for", and
in a byline " - ", a date or a job title, is an affiliation or a stamp. A wire's own
closing credits "Reporting by X; Editing by Y" name its desk, not a byline: the
labelled data counts nobody for them. Photo and illustration credits are never authors;
"Photos and story by X" is.
"""

from __future__ import annotations

from collections.abc import Iterable

from lxml.html import HtmlElement

from ..jsonld import PageMeta
from ..names import is_site, name_key, split_names, without_outlets, without_wires
from ..sites import site_names
from .archive import archive_link_author
from .beside_date import name_beside_date
from .byline_classes import trafilatura_byline
from .bylines import closing_bylines, name_words, placed_and_editor_bylines, side_by_side
from .pictures import without_picture_credits
from .scripts import script_authors
from .staff import staff_credit
from .statements import META_KEYS, jsonld_authors, link_authors
from .wires import wire_credit


def find_authors(tree: HtmlElement, pm: PageMeta, url: str, text: str | None = None, *, extra_sites: Iterable[str] = ()) -> list[str]:
    """The article's authors, in page order, each once."""
    sites = site_names(pm, url, extra_sites)
    people, orgs = jsonld_authors(pm, tree, url)
    stated: list[str] = []
    for raw in without_outlets(people):  # ("Jane Roe", "USA TODAY": two Persons)
        stated += split_names(raw, sites)
    if not stated:
        for raw in pm.all(*META_KEYS):
            if not raw.startswith(("http://", "https://", "www.")):
                stated += split_names(raw, sites)
    stated = without_picture_credits(tree, stated)
    marked = not stated  # the names, if any, come from rel=author / itemprop markup only
    if not stated:
        for raw in link_authors(tree):
            stated += split_names(raw, sites)
    byline: list[str] = []
    whole_byline = False
    # a byline element of its own first; the parent of a lone "By" only when nothing
    # else names anyone (it may hold one name of several); the text's last lines last
    # (a closing credit, or the byline of another story's card the text ran on into)
    # (the editors' credits last: a writer's credit anywhere comes first)
    placed, editors = placed_and_editor_bylines(tree, text)
    closing = closing_bylines(tree, text)
    for raw, whole, owner in [p for p in placed if p[1]] + ([p for p in placed if not p[1]] if not stated else []) + closing + editors:
        names = split_names(raw, sites, strict=True)
        if names:
            byline, whole_byline = names, whole
            if not stated and owner is not None:
                # co-authors credited side by side, each in a block of their own
                for other in side_by_side(owner, raw, placed):
                    byline += split_names(other, sites, strict=True)
                byline = _unique(byline)
            break
    keys = {name_key(n) for n in stated}
    if byline and stated and {name_key(n) for n in byline} < keys:
        # several byline blocks ("By A <date>", "By B <date>") may each name one of the
        # stated authors: the ones they name together are the byline
        for raw in [r for r, whole, _ in placed + closing + editors if whole]:
            names = split_names(raw, sites, strict=True)
            if names and {name_key(n) for n in names} <= keys:
                byline += names
        byline = _unique(byline)
    if byline and marked and stated and whole_byline and not name_words(stated) & name_words(byline):
        # "By A" and, marked up as authors, "Contributions from B, C" or a reader's name in
        # the comments: the byline's writer (a byline sharing a word with them is the same
        # people written otherwise, "Sean Martin Sean Martin")
        stated = byline
    if byline and (not stated or keys < {name_key(n) for n in byline} or {name_key(n) for n in byline} < keys):
        stated = byline
    if not stated:
        for raw in orgs:  # a wire agency credited by another outlet's page
            stated += split_names(raw, sites)
    if not stated:
        stated = trafilatura_byline(tree, sites)
    if not stated:
        stated = archive_link_author(tree, sites)
    if not stated:
        stated = name_beside_date(tree, sites)
    if not stated:
        stated = script_authors(tree, sites)
    if not stated:
        # a wire's marks on the wire's own site name the publisher, no author
        stated = [w for w in wire_credit(text) if not is_site(w, sites)]
    if not stated:
        return staff_credit(pm)
    return _unique(without_wires(stated))


def _unique(names: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for n in names:
        if name_key(n) not in seen:
            seen.add(name_key(n))
            out.append(n)
    return out
