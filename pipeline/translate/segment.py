"""Split article text into translation segments.

NMT models are trained on single sentences: feeding whole paragraphs makes them
drop or hallucinate content, and over-long inputs cost quadratic time. We keep
paragraphs (newline-separated) as the unit of layout, split them into sentences
with the rules of the language (``SPLITTERS``: Cyrillic, Chinese, Japanese, and
neutral Latin-script rules for the rest; no stanza/spacy here), and cut sentences
that are still too long at clause punctuation or, as a last resort, by tokens.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

# Abbreviations that precede a name or a word, so a following capital does not
# start a sentence ("проф. Иванов", "ул. Ленина", "т.е. Москва"). Units and
# "etc." style ones (руб., млн., т.д., и др.) often end a sentence, so they are
# not listed: there a following capital splits as usual.
CYRILLIC_ABBREVIATIONS = frozenset(
    """т.е т.к т.н т.ч т.о и.о им ул пр просп пл пер д корп кв стр обл р-н пос пгт
    с ст св см рис табл напр проф акад доц ген гл зам зав тов гр г-н г-жа ок прибл
    вул ім пров смт буд
    mr mrs ms dr prof st vs e.g i.e""".split()
)
# Before a name unless a number precedes: "г. Москва" / "в 2023 г.", "м. Київ" / "5 м.", "2023 р."
_CYRILLIC_UNLESS_NUMBER = frozenset({"г", "гг", "р", "рр", "м"})

# Neutral default (Latin script and anything without its own rules): titles,
# ranks, street/number words and months, in English, German, French, Spanish,
# Italian and Portuguese. Words that often end a sentence (etc., Inc., Ltd.,
# usw.) are left out, as for Russian.
LATIN_ABBREVIATIONS = frozenset(
    """mr mrs ms mx dr prof st mt ft vs e.g i.e cf approx ca jr sr sra srta dña sig dott mme mlle
    gen sen rep gov lt col capt sgt cpl adm cmdr insp supt rev fr hr
    no nr nos fig figs abb vol pp p ch art abs para sec ave blvd rd str
    jan feb mar apr jun jul aug sep sept oct nov dec
    z.b bzw vgl evtl ggf inkl d.h u.a s.o s.u dipl ing
    et al""".split()
)

_CLOSERS = "»\"”’'’)]」』）》〉"
_OPENERS = "«\"„“(‘[「『（《〈—–-"

# Candidate end: terminators, optional closing quotes/brackets, then whitespace. A run of
# terminators is tried from its first character only (the lookbehind): tried from each,
# a long run not followed by a space cost its length squared.
_SPACED_END = re.compile(r"(?<![.!?…])([.!?…]+)([" + re.escape(_CLOSERS) + r"]*)(\s+)")
# Chinese: full-width terminators need no following space; ASCII ones do (a run of them
# is tried from its start, or, of "!" and "?" only, where an ellipsis of dots cut before
# it: a run of dots too, tried after each "...", scanned the rest of "...!...!...").
_ZH_END = re.compile(
    r"(?:([。！？；]+|…+|\.{3,})([" + re.escape(_CLOSERS) + r"]*)\s*)"
    r"|(?:((?<![.!?])[.!?]+|(?<=\.\.\.)[!?]+)([" + re.escape(_CLOSERS) + r"]*)\s+)"  # "...?! " after dots
)
# Japanese: 。．｡！？ (full- and half-width), no space needed; ASCII ones need one.
_JA_END = re.compile(
    r"(?:([。．｡！？]+|…+)([" + re.escape(_CLOSERS) + r"]*)\s*)"
    r"|(?:(?<![.!?])([.!?]+)([" + re.escape(_CLOSERS) + r"]*)\s+)"
)
_JA_OPEN, _JA_CLOSE = "「『（《〈", "」』）》〉"
_HIRAGANA = re.compile(r"[\u3041-\u309f]")
_CLAUSE_SPACED = re.compile(r"(?<=[,;:])\s+|\s+(?=[—–]\s)")
_CLAUSE_CJK = re.compile(r"(?<=[，、,：:；;])\s*")

Splitter = Callable[[str], list[str]]


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs are newline-separated; empty ones are kept so layout survives."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _word_start(text: str, end: int) -> int:
    """Where the word (letters, digits, "_", ".", "-") before `end` starts: a walk back
    over it, not a pattern searched from the paragraph's start, which made every
    candidate cost the paragraph's length (a long paragraph's split was quadratic)."""
    i = end
    while i and (text[i - 1].isalnum() or text[i - 1] in "_.-"):
        i -= 1
    return i


def _is_boundary(text: str, end: int, punct: str, closers: str, after: int,
                 abbreviations: frozenset[str], unless_number: frozenset[str]) -> bool:
    """Decide whether the candidate at ``text[end]`` (the terminator start) ends a sentence."""
    nxt = text[after : after + 1]
    if not nxt:
        return True
    if punct == ".":
        word = text[_word_start(text, end) : end]
        bare = word.lower().strip(".-")
        if len(word) == 1 and word.isalpha() and word.isupper():
            return False  # initial: "В. В. Путин", "J. R. R. Tolkien"
        if bare in unless_number and not closers:
            i = end - len(word)
            while i and text[i - 1].isspace():
                i -= 1
            if not text[i - 1 : i].isdigit():
                return False  # "г. Москва"
        elif bare in abbreviations and not closers:
            return False
    if nxt.islower():
        return False
    if nxt in "—–-":
        # «Мы готовы!» — заявил он.  (speech followed by a lower-case attribution)
        j = after + 1
        while j < len(text) and text[j].isspace():
            j += 1
        return not text[j : j + 1].islower()
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


def _spaced_splitter(abbreviations: frozenset[str], unless_number: frozenset[str] = frozenset()) -> Splitter:
    """Rules for scripts that put a space after a sentence: terminator, closers, space, then a capital."""

    def split(paragraph: str) -> list[str]:
        return _cut(paragraph, (
            (m.end(2), m.end()) for m in _SPACED_END.finditer(paragraph)
            if _is_boundary(paragraph, m.start(), m.group(1), m.group(2), m.end(), abbreviations, unless_number)
        ))

    return split


split_cyrillic = _spaced_splitter(CYRILLIC_ABBREVIATIONS, _CYRILLIC_UNLESS_NUMBER)
split_latin = _spaced_splitter(LATIN_ABBREVIATIONS)


def split_chinese(paragraph: str) -> list[str]:
    return _cut(paragraph, ((m.end(2) if m.group(1) else m.end(4), m.end()) for m in _ZH_END.finditer(paragraph)))


def split_japanese(paragraph: str) -> list[str]:
    """Like Chinese, but a sentence quoted in 「」 stays inside its quote (「行く。」と言った。)."""

    def cuts() -> Iterable[tuple[int, int]]:
        depth, counted = 0, 0  # quotes and brackets open before `counted`, kept as the scan goes
        for m in _JA_END.finditer(paragraph):
            end = m.end(2) if m.group(1) else m.end(4)
            seen = paragraph[counted:end]
            depth += sum(seen.count(c) for c in _JA_OPEN) - sum(seen.count(c) for c in _JA_CLOSE)
            counted = end
            if depth > 0:
                continue  # inside a quote or bracket
            closers = m.group(2) if m.group(1) else m.group(4)
            if closers and _HIRAGANA.match(paragraph, m.end()):
                continue  # a quote followed by its particle: 」と, 」って
            yield end, m.end()

    return _cut(paragraph, cuts())


# Language code -> sentence splitter. Codes are package (ISO 639-1) codes; a
# language not listed gets the neutral Latin rules.
SPLITTERS: dict[str, Splitter] = {
    **dict.fromkeys(("ru", "uk", "be", "bg", "mk", "sr", "kk", "ky", "tg", "mn", "ba", "tt"), split_cyrillic),
    **dict.fromkeys(("zh", "zt"), split_chinese),
    "ja": split_japanese,
}
CJK = frozenset({"zh", "zt", "ja"})


def _code(lang: str) -> str:
    return lang.strip().lower().replace("_", "-").split("-")[0]


def splitter_for(lang: str) -> Splitter:
    """The sentence splitter of a language (``zh-CN`` → Chinese); the neutral Latin rules by default."""
    return SPLITTERS.get(_code(lang), split_latin)


def split_sentences(paragraph: str, lang: str) -> list[str]:
    """Sentences of one paragraph (whitespace-trimmed, none empty), by the language's splitter."""
    return splitter_for(lang)(paragraph)


def segment_text(text: str, lang: str, split: Callable[[str, str], list[str]] | None = None) -> list[list[str]]:
    """Text → paragraphs → sentences; an empty paragraph is an empty list."""
    split = split or split_sentences
    return [split(p, lang) if p.strip() else [] for p in split_paragraphs(text)]


def split_clauses(sentence: str, lang: str) -> list[str]:
    """Cut at clause punctuation, keeping the punctuation on the left piece."""
    pattern = _CLAUSE_CJK if _code(lang) in CJK else _CLAUSE_SPACED
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
