"""The authors the page's own scripts name: its analytics data layer, its ad targeting."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from ..names import name_key, split_names

# an author variable in the page's analytics and ad-targeting scripts (a data layer,
# "authors": ["Jane Roe"], "byline": "Jane Roe", "writer": "Jane Roe", "author": {"name": ...})
_SCRIPT_AUTHOR = re.compile(
    # (a first letter in a class, not an alternation under re.I: scripts run to megabytes)
    r"""(?<!\w)[aAbBwW](?i:uthors?|yline|riter|uthor_?name)["']?\s*[:=]\s*"""
    r"""(?P<value>"(?:[^"\\\n]|\\.){2,120}"|'[^'\n]{2,120}'|\[[^\[\]]{2,400}\]|\{[^{}]{2,600}\})""",
)
# keys of an image's record around a credit: its photographer, not the story's writer
_IMAGE_KEYS = re.compile(r"""["'](?:caption|height|width|image_type|alt_?text|photographer)["']\s*:""", re.I)
_QUOTED = re.compile(r""""((?:[^"\\]|\\.)*)"|'([^']*)'""")
_NAME_KEY = re.compile(r"""["']?name["']?\s*:\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)')""")


def _script_values(value: str) -> list[str]:
    """The names in one author value: a string, a list of strings, or objects' "name"s."""
    named = _NAME_KEY.findall(value)
    if named:
        return [a or b for a, b in named]
    if value.startswith("{"):
        return []
    return [a or b for a, b in _QUOTED.findall(value)]


def script_authors(tree: HtmlElement, sites: list[str]) -> list[str]:
    """The authors the page's own scripts name (its analytics data layer, its ad
    targeting), when nothing in the markup names one and every such variable names
    the same people: a page whose scripts hold a list of other stories names many. A
    credit in an image's record (beside its caption or size) is the photographer's."""
    found: set[frozenset[str]] = set()
    names: list[str] = []
    for script in tree.iter("script"):
        if script.get("src") or "ld+json" in (script.get("type") or "").lower():  # JSON-LD is read as such
            continue
        code = script.text or ""
        for m in _SCRIPT_AUTHOR.finditer(code):
            if _IMAGE_KEYS.search(code, max(m.start() - 300, 0), m.end() + 300):
                continue
            got = [n for raw in _script_values(m.group("value")) for n in split_names(raw.replace("\\/", "/"), sites, strict=True)]
            if got:
                found.add(frozenset(name_key(n) for n in got))
                names = names or got
            if len(found) > 1:
                return []
    return names
