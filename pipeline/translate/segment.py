"""Split article text into translation segments.

NMT models are trained on single sentences: feeding whole paragraphs makes them
drop or hallucinate content, and over-long inputs cost quadratic time. We keep
paragraphs (newline-separated) as the unit of layout, split them into sentences
with rules for Russian and Chinese (no stanza/spacy here), and cut sentences that
are still too long at clause punctuation or, as a last resort, by tokens.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

# Abbreviations that precede a name or a word, so a following capital does not
# start a sentence ("проф. Иванов", "ул. Ленина", "т.е. Москва"). Units and
# "etc." style ones (руб., млн., т.д., и др.) often end a sentence, so they are
# not listed: there a following capital splits as usual.
RU_ABBREVIATIONS = frozenset(
    """т.е т.к т.н т.ч т.о и.о им ул пр просп пл пер д корп кв стр обл р-н пос пгт
    с ст св см рис табл напр проф акад доц ген гл зам зав тов гр г-н г-жа ок прибл
    mr mrs ms dr prof st vs e.g i.e""".split()
)
_YEAR_ABBR = frozenset({"г", "гг"})

_CLOSERS = "»\"”’'’)]」』）》〉"
_OPENERS = "«\"„“(‘[「『（《〈—–-"

# Candidate end: terminators, optional closing quotes/brackets, then whitespace.
_RU_END = re.compile(r"([.!?…]+|\?!|!\?)([" + re.escape(_CLOSERS) + r"]*)(\s+)")
# Chinese: full-width terminators need no following space; ASCII ones do.
_ZH_END = re.compile(
    r"(?:([。！？；]+|…+|\.{3,})([" + re.escape(_CLOSERS) + r"]*)\s*)"
    r"|(?:([.!?]+)([" + re.escape(_CLOSERS) + r"]*)\s+)"
)
_WORD_BEFORE = re.compile(r"([\w.\-]+)$")
_CLAUSE_RU = re.compile(r"(?<=[,;:])\s+|\s+(?=[—–]\s)")
_CLAUSE_ZH = re.compile(r"(?<=[，、,：:；;])\s*")


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs are newline-separated; empty ones are kept so layout survives."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _ru_is_boundary(text: str, end: int, punct: str, closers: str, after: int) -> bool:
    """Decide whether the candidate at ``text[end]`` (the terminator start) ends a sentence."""
    nxt = text[after : after + 1]
    if not nxt:
        return True
    if punct == ".":
        m = _WORD_BEFORE.search(text, 0, end)
        word = m.group(1) if m else ""
        bare = word.lower().strip(".-")
        if len(word) == 1 and word.isalpha() and word.isupper():
            return False  # initial: "В. В. Путин"
        if bare in _YEAR_ABBR and not closers:
            before = text[: end - len(word)].rstrip()
            if not before[-1:].isdigit():
                return False  # "г. Москва"
        elif bare in RU_ABBREVIATIONS and not closers:
            return False
    if nxt.islower():
        return False
    if nxt in "—–-":
        # «Мы готовы!» — заявил он.  (speech followed by a lower-case attribution)
        rest = text[after + 1 :].lstrip()
        return not rest[:1].islower()
    return nxt.isupper() or nxt.isdigit() or nxt in _OPENERS or not nxt.isalpha()


def _cut(paragraph: str, cuts: Iterable[tuple[int, int]]) -> list[str]:
    """Pieces of a paragraph; each cut is (end of this piece, start of the next)."""
    out: list[str] = []
    start = 0
    for end, following in cuts:
        piece = paragraph[start:end].strip()
        if piece:
            out.append(piece)
        start = following
    tail = paragraph[start:].strip()
    if tail:
        out.append(tail)
    return out


def _split_ru(paragraph: str) -> list[str]:
    return _cut(paragraph, (
        (m.end(2), m.end()) for m in _RU_END.finditer(paragraph)
        if _ru_is_boundary(paragraph, m.start(), m.group(1), m.group(2), m.end())
    ))


def _split_zh(paragraph: str) -> list[str]:
    return _cut(paragraph, ((m.end(2) if m.group(1) else m.end(4), m.end()) for m in _ZH_END.finditer(paragraph)))


def split_sentences(paragraph: str, lang: str) -> list[str]:
    """Sentences of one paragraph (whitespace-trimmed, none empty)."""
    if lang.startswith("zh") or lang in ("ja", "zt"):
        return _split_zh(paragraph)
    return _split_ru(paragraph)


def segment_text(text: str, lang: str, split: Callable[[str, str], list[str]] | None = None) -> list[list[str]]:
    """Text → paragraphs → sentences; an empty paragraph is an empty list."""
    split = split or split_sentences
    return [split(p, lang) if p.strip() else [] for p in split_paragraphs(text)]


def split_clauses(sentence: str, lang: str) -> list[str]:
    """Cut at clause punctuation, keeping the punctuation on the left piece."""
    pattern = _CLAUSE_ZH if lang.startswith("zh") else _CLAUSE_RU
    return [p for p in (s.strip() for s in pattern.split(sentence)) if p]


def fit_length(
    sentences: Sequence[str],
    tokens: Sequence[list[str]],
    lang: str,
    max_tokens: int,
    encode: Callable[[list[str]], list[list[str]]],
) -> list[list[list[str]]]:
    """For each sentence, token lists of at most ``max_tokens`` that together cover it.

    ``tokens`` are the sentences already encoded (in bulk, by the caller); only
    over-long sentences are split at clauses, re-encoded in one call, greedily
    packed, and hard-split by tokens when a clause is still too long.
    """
    result: list[list[list[str]]] = [[t] for t in tokens]
    long_idx = [i for i, t in enumerate(tokens) if len(t) > max_tokens]
    if not long_idx:
        return result
    clause_lists = [split_clauses(sentences[i], lang) for i in long_idx]
    flat = [c for cl in clause_lists for c in cl]
    enc = iter(encode(flat)) if flat else iter(())
    for i, clauses in zip(long_idx, clause_lists):
        pieces: list[list[str]] = []
        current: list[str] = []
        for _ in clauses:
            toks = next(enc)
            if current and len(current) + len(toks) <= max_tokens:
                current = current + toks
                continue
            if current:
                pieces.append(current)
            current = toks
        if current:
            pieces.append(current)
        chunks: list[list[str]] = []
        for p in pieces:
            chunks.extend(p[j : j + max_tokens] for j in range(0, len(p), max_tokens))
        result[i] = chunks
    return result
