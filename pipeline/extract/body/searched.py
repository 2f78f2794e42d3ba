"""A text searched for many pieces: each break of a pass's lines against the page's
printed text (`passes._rejoin`), each short line of one pass against the other's
(`passchoice._agreed`).

A page of thousands of lines would search the whole text again for each, its cost
growing with the square of its size (a listing of 20,000 `<br>` lines took seconds
where bare trafilatura takes a fraction of one). A piece is looked for first from
where the last one was found (lines come in page order), so pieces that are in the
text cost the stretch between them. Once the searches have read the text a few
hundred times over (`index_after`), its pieces of up to `GRAM` characters are indexed
by hash, a slot a piece: a piece whose indexed part falls in no slot is not in the
text, with no search. The index costs about a thousand searches to build, so a page
of a few hundred lines never builds it. Both only skip or shorten searches: every
answer is `str.find`'s.
"""

from __future__ import annotations

GRAM = 8  # characters of the text indexed in one piece


class SearchedText:
    """`text`, searched through `find` (see the module)."""

    def __init__(self, text: str, index_after: int = 256) -> None:
        self.text = text
        self._read = 0  # characters the searches have read
        self._budget = index_after * len(text)  # ... before the text is indexed
        self._slots: dict[int, bytearray] = {}  # by the length of the pieces indexed
        self._last = 0  # where the last piece was found

    def find(self, piece: str, focus: int = 0) -> int:
        """Where `piece` is in the text (its first place from where the last piece was
        found, else before), or -1. `focus` is where in the piece the part most likely
        absent from the text sits (the meeting of two lines), the part the index is
        asked for."""
        if not piece:
            return 0
        if self._read >= self._budget:
            g = min(len(piece), GRAM)
            slots = self._slots.get(g)
            if slots is None:
                slots = self._slots[g] = _gram_slots(self.text, g)
            at = min(max(focus - g // 2, 0), len(piece) - g)
            if not slots[hash(piece[at:at + g]) & (len(slots) - 1)]:
                return -1
        text, last = self.text, self._last
        at = text.find(piece, last)
        self._read += (at - last + len(piece)) if at >= 0 else len(text) - last
        if at < 0 and last:
            at = text.find(piece, 0, last + len(piece) - 1)
            self._read += (at + len(piece)) if at >= 0 else last
        if at >= 0:
            self._last = at
        return at


def _gram_slots(text: str, g: int) -> bytearray:
    """One slot per hash of each piece of `g` characters of `text`, set where a piece
    falls; at least four slots a piece, so that few absent pieces fall in a set one."""
    slots = bytearray(1 << (4 * len(text)).bit_length())
    mask = len(slots) - 1
    starts = range(len(text) - g + 1)
    for h in map(hash, map(text.__getitem__, map(slice, starts, range(g, len(text) + 1)))):
        slots[h & mask] = 1
    return slots
