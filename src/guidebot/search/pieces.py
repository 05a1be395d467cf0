"""Texts cut into pieces, and the pieces numbered, many texts at a time (for bulk.py).

A piece is a run of the bytes that a word of lower-case ASCII text can hold (letters, digits
and ' . ,: analysis.TOKEN_PATTERN); bulk.py says why a text's words are its pieces' words.
Pieces are numbered in order of first appearance, and each new one is split into words once.

The work is numpy's rather than a dict lookup per piece (ten million at 100,000 passages):
the texts of a chunk are joined, lower-cased and translated at once; a piece of up to 16
bytes is read as two little-endian 64-bit integers, zero-padded (no piece holds a zero byte,
so the pair stands for the piece exactly), and looked up in an open-addressing hash table
where each probe is one numpy step over all the pieces still looking. A longer piece (rare)
is numbered through a dict first and enters the table as (that number, ~0), which no short
piece can be. A text that is not ASCII goes through `words` (normalise must fold it first),
and enters as placeholder pieces, "\\x01" and a number standing for each of its words (so
does ASCII text holding "\\x01", which is rare enough).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from guidebot.search.analysis import without_item_numbers, words

_PLACEHOLDER = "\x01"  # starts a piece that stands for a word of a text that is not ASCII
# Upper-case letters to lower-case (what normalise does to ASCII text); every other byte
# that no word holds (and that starts no placeholder) to a space.
_KEPT = b"abcdefghijklmnopqrstuvwxyz0123456789'.,\x01"
_TABLE = bytes(c + 32 if 65 <= c <= 90 else c if c in _KEPT else 32 for c in range(256))
_KEY_BYTES = 16
_SPREAD = 4  # hash table slots per key, at least: most keys then sit at their first slot
_LONG = np.uint64(2**64 - 1)  # the second half of a long piece's key
# By a piece's length (up to _KEY_BYTES), the bytes of it that each half of its key holds.
_FIRST_HALF = np.array([2 ** (8 * min(n, 8)) - 1 for n in range(17)], dtype=np.uint64)
_SECOND_HALF = np.array([2 ** (8 * max(n - 8, 0)) - 1 for n in range(17)], dtype=np.uint64)


class Cut(NamedTuple):
    """Texts cut into pieces, the pieces numbered. Words come flat, not a list per piece: a
    list per piece would keep 100,000 small objects alive for the cycle collector to walk."""

    numbers: np.ndarray  # int64 [pieces]: each piece's number, one text after another
    lengths: np.ndarray  # int64 [texts]: how many pieces each text has
    words: list[str]  # the words of the pieces numbered for the first time, in number order
    counts: np.ndarray  # int64 [new pieces]: how many of those words each new piece has


class Pieces:
    """Numbers the pieces of texts, a piece met for the first time getting the next number."""

    def __init__(self) -> None:
        self._table = _KeyTable()
        self._long: dict[bytes, int] = {}  # pieces longer than _KEY_BYTES
        self._placed: dict[str, int] = {}  # the words that placeholders stand for
        self._placed_words: list[str] = []

    def __len__(self) -> int:
        return self._table.size

    def number(self, texts: Sequence[str]) -> Cut:
        """The texts cut into pieces, the pieces numbered (see Cut)."""
        # List items' numbers are no words (analysis.without_item_numbers, quick on most).
        texts = list(map(without_item_numbers, texts))
        joined = " ".join(texts)
        if not joined.isascii() or _PLACEHOLDER in joined:
            texts = [self._ascii(text) for text in texts]
            joined = " ".join(texts)
        # A space before and after, so that every piece has an edge on each side (_runs).
        data = f" {joined} ".encode("ascii").translate(_TABLE)
        starts, ends = _runs(data)
        k1, k2 = self._keys(data, starts, ends)
        numbers = self._table.find(k1, k2)
        new = np.flatnonzero(numbers < 0)
        numbers[new], first = self._table.enter(k1[new], k2[new])
        firsts = new[first]
        spans = zip(starts[firsts].tolist(), ends[firsts].tolist(), strict=True)
        new_words: list[str] = []
        counts = []
        for start, end in spans:
            piece_words = self._words(data[start:end])
            new_words += piece_words
            counts.append(len(piece_words))
        text_ends = np.cumsum(np.fromiter(map(len, texts), np.int64, len(texts)) + 1)
        lengths = np.diff(np.searchsorted(starts, text_ends), prepend=0)
        return Cut(numbers, lengths, new_words, np.array(counts, dtype=np.int64))

    def _ascii(self, text: str) -> str:
        """The text; or for text that is not ASCII or holds the placeholder byte, a
        placeholder for each of its words."""
        if text.isascii() and _PLACEHOLDER not in text:
            return text
        placed = self._placed
        numbers = []
        for word in words(text):
            if word not in placed:
                placed[word] = len(self._placed_words)
                self._placed_words.append(word)
            numbers.append(placed[word])
        return " ".join(f"{_PLACEHOLDER}{number}" for number in numbers)

    def _words(self, piece: bytes) -> list[str]:
        """The words of a piece, as `words` gives them."""
        if piece.startswith(_PLACEHOLDER.encode()):
            return [self._placed_words[int(piece[1:])]]
        core = piece.strip(b"'.,")  # a word's letters, apart from ' . , around them
        return [core.decode("ascii")] if core.isalpha() else words(piece.decode("ascii"))

    def _keys(
        self, data: bytes, starts: np.ndarray, ends: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Each piece's key, two uint64 [pieces]: its bytes, or for a long one its number."""
        padded = np.frombuffer(data + bytes(_KEY_BYTES), dtype=np.uint8)
        # Eight bytes from every offset: a view of overlapping, unaligned little-endian words.
        eights = np.ndarray(len(data) + 8, dtype="<u8", buffer=padded, strides=(1,))
        lengths = np.minimum(ends - starts, _KEY_BYTES)  # a long piece: its number instead
        k1 = eights[starts] & _FIRST_HALF[lengths]
        k2 = eights[starts + 8] & _SECOND_HALF[lengths]
        long = np.flatnonzero(ends - starts > _KEY_BYTES)
        if len(long):
            spans = zip(starts[long].tolist(), ends[long].tolist(), strict=True)
            numbered = self._long
            k1[long] = [numbered.setdefault(data[a:b], len(numbered)) for a, b in spans]
            k2[long] = _LONG
        return k1, k2


class _KeyTable:
    """Numbers of distinct keys (pairs of uint64, never (0, 0)), found for many keys at once:
    open addressing with linear probing, each probe one numpy step over the keys looking."""

    def __init__(self) -> None:
        self.size = 0
        self._make(1 << 12)

    def find(self, k1: np.ndarray, k2: np.ndarray) -> np.ndarray:
        """The number of each key (uint64 [n] pairs), int64 [n], -1 for one not entered."""
        slot = self._slot(k1, k2)
        numbers = self._numbers[slot]
        found = (self._k1[slot] == k1) & (self._k2[slot] == k2)
        out = np.where(found, numbers, -1)
        looking = np.flatnonzero(~found & (numbers >= 0))  # a slot another key holds
        slot = (slot[looking] + 1) & self._mask
        while len(looking):
            numbers = self._numbers[slot]
            found = (self._k1[slot] == k1[looking]) & (self._k2[slot] == k2[looking])
            out[looking[found]] = numbers[found]
            on = ~found & (numbers >= 0)  # a slot another key holds: probe the next one
            looking, slot = looking[on], (slot[on] + 1) & self._mask
        return out

    def enter(self, k1: np.ndarray, k2: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Number keys not entered yet (uint64 [n] pairs, repeats allowed), in order of first
        occurrence from `size` on: (the number of each, int64 [n]; the position of each new
        key's first occurrence, in number order)."""
        order = np.lexsort((k2, k1))  # stable: a key's occurrences stay in position order
        k1, k2 = k1[order], k2[order]
        head = np.ones(len(order), dtype=bool)
        head[1:] = (k1[1:] != k1[:-1]) | (k2[1:] != k2[:-1])
        first = order[head]
        by_first = np.argsort(first)
        numbers = np.empty(len(first), dtype=np.int64)
        numbers[by_first] = self.size + np.arange(len(first))
        self._insert(k1[head], k2[head], numbers)
        self.size += len(first)
        out = np.empty(len(order), dtype=np.int64)
        out[order] = numbers[np.cumsum(head) - 1]
        return out, first[by_first]

    def _insert(self, k1: np.ndarray, k2: np.ndarray, numbers: np.ndarray) -> None:
        """Enter distinct keys that are not in the table, growing it first if need be."""
        if _SPREAD * (self.size + len(numbers)) > len(self._numbers):
            held = np.flatnonzero(self._numbers >= 0)
            old = self._k1[held], self._k2[held], self._numbers[held]
            self._make(1 << (_SPREAD * (self.size + len(numbers))).bit_length())
            self._place(*old)
        self._place(k1, k2, numbers)

    def _place(self, k1: np.ndarray, k2: np.ndarray, numbers: np.ndarray) -> None:
        """Put distinct keys that are not in the table into free slots."""
        entering = np.arange(len(numbers))
        slot = self._slot(k1, k2)
        while len(entering):
            free = np.flatnonzero(self._numbers[slot] < 0)
            # Of the keys at the same free slot, the first takes it; the others probe on.
            taken, first = np.unique(slot[free], return_index=True)
            winners = entering[free[first]]
            self._k1[taken], self._k2[taken] = k1[winners], k2[winners]
            self._numbers[taken] = numbers[winners]
            on = np.ones(len(entering), dtype=bool)
            on[free[first]] = False
            entering, slot = entering[on], (slot[on] + 1) & self._mask

    def _make(self, slots: int) -> None:
        self._k1 = np.zeros(slots, dtype=np.uint64)
        self._k2 = np.zeros(slots, dtype=np.uint64)
        self._numbers = np.full(slots, -1, dtype=np.int64)
        self._mask = slots - 1
        self._shift = np.uint64(64 - (slots.bit_length() - 1))

    def _slot(self, k1: np.ndarray, k2: np.ndarray) -> np.ndarray:
        """Each key's first slot: multiplicative hashing, its top bits."""
        h = k1 * np.uint64(0x9E3779B97F4A7C15)
        h ^= k2 * np.uint64(0xC2B2AE3D27D4EB4F)
        h ^= h >> np.uint64(29)
        h *= np.uint64(0x9E3779B97F4A7C15)
        return (h >> self._shift).astype(np.int64)


def _runs(data: bytes) -> tuple[np.ndarray, np.ndarray]:
    """Where each run of bytes other than spaces starts and ends (int64 [runs] each), in
    data that starts and ends with a space."""
    word = np.frombuffer(data, dtype=np.uint8) != 32
    edges = np.flatnonzero(word[1:] != word[:-1]) + 1
    return edges[0::2], edges[1::2]
