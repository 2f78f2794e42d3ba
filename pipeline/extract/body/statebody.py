"""Article body from the page's embedded application state (hydration JSON).

Many news sites render the story in the browser from a JSON state shipped in the
page (`<script id="__NEXT_DATA__" type="application/json">`, `window.__STATE__ =
{...}`): the HTML then holds only the lead, or nothing past the first screen. This
module finds that state and reads the story out of it.

One job, and no knowledge of any site's schema: the paragraphs already extracted
from the HTML anchor the search. Strings in the state that repeat those paragraphs
locate the story; the smallest JSON container holding all of them is the story's
list of blocks, and its blocks, in order, are the body. Nothing is returned unless
the state's body contains the HTML text and is clearly longer than it.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from lxml.html import HtmlElement

from .textsim import containment as _containment
from .textsim import shingles as _shingles

_WORD = re.compile(r"\w+")
_WS = re.compile(r"\s+")
_SENTENCE = re.compile(r"(?:\w+[,;:]?\s+){6,}\w+[.!?…][\"”’»)]?(?:\s|$)")
# `window.__X__ = {` / `self.__next_f = ...` style assignments
_ASSIGN = re.compile(r"^\s*(?:var\s+|let\s+|const\s+)?(?:window|self|globalThis)?\.?[\w$.\[\]'\"]*\s*=\s*(?=[{\[])")
# strings that are structure, not prose: tag names, identifiers, URLs, CSS, markup
_TAG_NAME = re.compile(r"^[a-z][a-z0-9-]{0,15}$")
_NOT_PROSE = re.compile(r"^(?:https?:|//|/[\w/-]|www\.|data:|#[0-9a-f]{3,8}$|[\w.-]+@[\w.-]+$|\{|\[|<)")
_SKIP_KEYS = frozenset(
    k.lower()
    for k in (
        "type", "href", "url", "src", "srcset", "id", "key", "class", "classname", "style", "rel", "target",
        "data", "attrs", "attributes", "alt", "credit", "caption", "embed", "html_embed", "slug", "uri", "ref",
        "__typename", "_type", "kind", "role", "name", "icon", "format", "mimetype", "width", "height",
    )
)
MAX_SCRIPT_CHARS = 8_000_000  # a state larger than this is not worth parsing per page


_PROBE_RUN = re.compile(r"[^\W_][^\W_ ,]*(?:[ ,]+[^\W_]+)*")


def _probes(text: str) -> list[str]:
    """Short runs of plain words (any script) from the extracted paragraphs, for a
    cheap substring test before any JSON is parsed. JSON escapes quotes and often
    non-ASCII letters (\\u0436), so each run is also given in its escaped form."""
    out: list[str] = []
    for para in text.split("\n"):
        for m in _PROBE_RUN.finditer(para):
            run = m.group(0)
            need = 26 if run.isascii() else 12  # CJK packs a word into a character or two
            if len(run) >= need:
                probe = run[: need + 4]
                out.append(probe)
                escaped = json.dumps(probe)[1:-1]
                if escaped != probe:
                    out.append(escaped)
                break
        if len(out) >= 6:
            break
    return out


def _states(tree: HtmlElement, probes: list[str]) -> Iterator[Any]:
    """Parsed JSON of scripts that contain one of the probes."""
    for script in tree.iter("script"):
        raw = script.text or ""
        if len(raw) < 200 or len(raw) > MAX_SCRIPT_CHARS:
            continue
        if (script.get("type") or "").lower() == "application/ld+json":
            continue  # JSON-LD articleBody is handled with the page's other statements
        if not any(p in raw for p in probes):
            continue
        m = _ASSIGN.match(raw)
        if m:
            start = m.end()
        else:
            start = len(raw) - len(raw.lstrip())
            if raw[start : start + 1] not in ("{", "["):
                # an assignment later in the script: parse from the first "= {"
                k = raw.find("= {")
                if k < 0:
                    continue
                start = k + 2
        try:
            value, _ = json.JSONDecoder().raw_decode(raw, start)
        except (ValueError, RecursionError):  # not JSON, or nested beyond reason
            continue
        if isinstance(value, (dict, list)):
            yield value


_MAX_DEPTH = 60


def _leaves(node: Any, path: tuple, depth: int = 0, min_len: int = 0) -> list[tuple[tuple, str]]:
    """(path, string) for the prose-bearing strings of a JSON tree, in document order;
    `depth` is the length of `path` (the node's nesting), `min_len` the shortest string
    kept."""
    out: list[tuple[tuple, str]] = []
    if depth <= _MAX_DEPTH:
        if isinstance(node, str):
            if len(node) >= min_len:
                out.append((path, node))
        elif isinstance(node, (dict, list)):
            _collect(node, path, depth, out, min_len)
    return out


def _collect(node: dict | list, path: tuple, depth: int, out: list[tuple[tuple, str]], min_len: int = 0) -> None:
    """`_leaves` of a container into `out`: a call per container, not a generator per
    value (a page state holds 10^4-10^5 values; nested generators pass each string up
    through every level)."""
    deeper = depth + 1
    if deeper > _MAX_DEPTH:
        return
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(key, str) and key.lower() in _SKIP_KEYS:
                continue
            if isinstance(value, str):
                if len(value) >= min_len:
                    out.append((path + (key,), value))
            elif isinstance(value, (dict, list)):
                _collect(value, path + (key,), deeper, out, min_len)
        return
    # JsonML ["p", {attrs}, "text", ["a", {...}, "link"]]: the first string is a tag
    start = 1 if len(node) > 1 and isinstance(node[0], str) and _TAG_NAME.match(node[0]) else 0
    for i in range(start, len(node)):
        value = node[i]
        if isinstance(value, str):
            if len(value) >= min_len:
                out.append((path + (i,), value))
        elif isinstance(value, (dict, list)):
            _collect(value, path + (i,), deeper, out, min_len)


def _is_text(s: str) -> bool:
    s = s.strip()
    return bool(s) and not _NOT_PROSE.match(s) and bool(_WORD.search(s))


def _html_text(s: str) -> str:
    if "<" in s and ">" in s:
        s = re.sub(r"<(?:br|/p|/div|/li|/h\d)[^>]*>", "\n", s, flags=re.I)
        s = re.sub(r"<[^>]+>", "", s)
    return s


def _key(path: tuple) -> str | None:
    """The key a string sits under (None for a list item, as JsonML's text)."""
    return path[-1] if path and isinstance(path[-1], str) else None


def _in_story(path: tuple, s: str, text_keys: set) -> bool:
    """A string of a story block: anything under one of `text_keys`, the keys the
    story's text uses (the space or comma between two runs of a paragraph split at its
    links and bold type; dropped, the words either side run together), else prose of
    several words (a subheading under a key of its own). A one-word string under
    another key is the block's kind or id ("photo", "story", "RRXRGYDWX2PT"), not its
    text."""
    if _key(path) in text_keys:
        return not _NOT_PROSE.match(s.strip())
    return _is_text(s) and " " in s.strip()


def _story_container(hits: list[tuple]) -> tuple | None:
    """The JSON list whose items hold the most of the matching strings in distinct
    items: the story's list of blocks. Copies of the lead elsewhere in the state
    (description, share texts, JSON-LD) sit in dicts or in one item each."""
    blocks: dict[tuple, set] = {}
    for h in hits:
        for depth, step in enumerate(h):
            if isinstance(step, int):
                blocks.setdefault(h[:depth], set()).add(step)
    # most distinct items first; on a tie the outer list (a paragraph split at its
    # links is a list too, inside the story's list)
    ranked = sorted(((len(items), -len(prefix)), prefix) for prefix, items in blocks.items() if len(items) >= 2)
    return ranked[-1][1] if ranked else None


def _body_from(state: Any, html_sh: Counter) -> str | None:
    # the sentence-long strings first: the story's container is found among them, and
    # only its strings are read whole (a state holds 10^4-10^5 values, most of them short)
    long = _leaves(state, (), min_len=40)  # text or not: `_is_text` is read only where it matters
    hits = [p for p, s in long if _is_text(s) and _containment(_shingles(_html_text(s)), html_sh) >= 0.6]
    if len(hits) < 2:
        return None
    root = _story_container(hits)
    if root is None:
        return None
    depth = len(root)
    inside = {h for h in hits if h[:depth] == root and len(h) > depth}
    first_hit = min(h[depth] for h in inside)
    last_hit = max(h[depth] for h in inside)
    # blocks = the container's direct children, in order, from the first one the HTML
    # shows (what precedes is headline and standfirst); strings of one block joined
    container = state
    for step in root:
        container = container[step]
    story = [(p, s) for p, s in _leaves(container, root, depth) if len(p) > depth and p[depth] >= first_hit]
    # the keys the story's text sits under: those of the shown paragraphs, and of any
    # sentence-long run of words in its blocks (a paragraph with links may use another)
    text_keys = {_key(h) for h in inside} | {_key(p) for p, s in story if len(s) >= 40 and " " in s and _is_text(s)}
    blocks: dict[int, list[str]] = {}
    for p, s in story:
        if _in_story(p, s, text_keys):
            blocks.setdefault(p[depth], []).append(_html_text(s))
    paras: list[str] = []
    tail_prose = 0
    for index, block in blocks.items():
        text = "".join(block) if len(block) > 1 else block[0]
        for line in text.split("\n"):
            line = _WS.sub(" ", line).strip()
            if line:
                paras.append(line)
                if index > last_hit and _SENTENCE.search(line):
                    tail_prose += len(line)
    # the state adds to the HTML only if the story goes on in it past what the HTML
    # shows; blocks after the last shown one that hold no sentence are widgets
    if tail_prose < 0.5 * sum(len(s) for p, s in long if p in inside):
        return None
    return "\n".join(paras) or None


def state_body(tree: HtmlElement, html_text: str, *, min_gain: float = 1.3) -> str | None:
    """The story as the page's JSON state holds it, when that is the same story as
    `html_text` (the body extracted from the HTML) and at least `min_gain` times longer."""
    probes = _probes(html_text)
    if not probes:
        return None
    html_sh: Counter | None = None  # counted once a state holds a probe (most pages have none)
    best = None
    for state in _states(tree, probes):
        if html_sh is None:
            html_sh = _shingles(html_text)
        if not html_sh:
            return None
        body = _body_from(state, html_sh)
        if not body:
            continue
        body_sh = _shingles(body)
        if _containment(html_sh, body_sh) < 0.7:
            continue  # the state holds something else (a listing that quotes the lead)
        if sum(body_sh.values()) < min_gain * sum(html_sh.values()):
            continue
        if best is None or len(body) > len(best):
            best = body
    return best
