"""Capped decompression: gzip and deflate bodies, stacked codings and gzip members
included, never inflated past the cap (a gzip bomb costs the cap, not the memory).
"""

from __future__ import annotations

import zlib


class TooLarge(Exception):
    def __init__(self, partial: bytes) -> None:
        super().__init__("body exceeds cap")
        self.partial = partial


class _Inflater:
    """gzip/deflate decoder that never produces more than `cap` + 1 bytes."""

    def __init__(self, coding: str, cap: int) -> None:
        self._gzip = coding in ("gzip", "x-gzip")
        self._cap = cap
        self._total = 0
        self._first = True
        self._d = self._new()

    def _new(self) -> zlib._Decompress:
        return zlib.decompressobj(16 + zlib.MAX_WBITS if self._gzip else zlib.MAX_WBITS)

    def feed(self, data: bytes) -> bytes:
        out: list[bytes] = []
        while data:
            try:
                piece = self._d.decompress(data, self._cap - self._total + 1)
            except zlib.error:
                if not self._gzip and self._first:  # "deflate" sent raw, without zlib header
                    self._d, self._first = zlib.decompressobj(-zlib.MAX_WBITS), False
                    continue
                raise
            self._first = False
            self._total += len(piece)
            out.append(piece)
            if self._total > self._cap:
                raise TooLarge(b"".join(out))
            if self._d.unconsumed_tail:
                data = self._d.unconsumed_tail
            elif self._d.eof and self._gzip and self._d.unused_data.startswith(b"\x1f\x8b"):
                data, self._d = self._d.unused_data, self._new()  # next gzip member
            else:
                data = b""
        return b"".join(out)


class Body:
    """Accumulates a body through its content codings, enforcing the cap."""

    def __init__(self, content_encoding: str, cap: int) -> None:
        codings = [c.strip().lower() for c in content_encoding.split(",") if c.strip()]
        codings = [c for c in codings if c != "identity"]
        unknown = [c for c in codings if c not in ("gzip", "x-gzip", "deflate")]
        if unknown:
            raise ValueError(f"unsupported content-encoding {', '.join(unknown)}")
        self._stages = [_Inflater(c, cap) for c in reversed(codings)]
        self._cap = cap
        self._buf = bytearray()

    def feed(self, chunk: bytes) -> None:
        try:
            for stage in self._stages:
                chunk = stage.feed(chunk)
        except TooLarge as exc:
            chunk = exc.partial
        self._buf += chunk
        if len(self._buf) > self._cap:
            raise TooLarge(bytes(self._buf[: self._cap]))

    def bytes(self) -> bytes:
        return bytes(self._buf)
