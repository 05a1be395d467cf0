"""Passages kept as rows of numbers over one buffer of texts, each made when it is used.

A snapshot of a large library (knowledge/snapshot.py) holds 100,000 passages. Made as
Passage objects at start-up they take about half a second and 150 MB; answering a question
looks at the handful it shows. A PassageTable is the sequence of passages as the snapshot
stores them: a row of numbers per passage (each text as its number in a TextTable, which
cuts it from a UTF-8 buffer, the snapshot's memory map), a Passage made on each access.
`passage_column` reads one field of every passage, by the table's numbers when it can.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import overload

from guidebot.knowledge.passages import Passage

# A passage row: every field's text number, in this order, except `line`, a plain number.
FIELDS = (
    "id",
    "guide",
    "guide_title",
    "section",
    "text",
    "title",
    "kind",
    "path",
    "line",
    "question",
    "alternates",
    "headings",
)
LINE = FIELDS.index("line")
WIDTH = len(FIELDS)
SEPARATOR = "\0"  # joins alternates and headings; knowledge text never holds NUL (yamlsource)
# Passages kept once made: one question reads a dozen of them, several times over (hits,
# highlights, FAQ matching), and making one decodes eleven texts; bounded, so a server on a
# large library does not come to hold every one. A plain dict, not functools.lru_cache of
# a bound method, which would tie the table to itself in a cycle (knowledge/gcpause.py).
MADE_PASSAGES = 4096


# Plain memoryviews, not numpy: the chat app reads knowledge before its first frame, and
# numpy costs that frame a tenth of a second (tests/tui/test_startup.py).
class TextTable:
    """Texts numbered 0..n-1, text i being buffer[ends[i-1]:ends[i]] decoded as UTF-8
    (surrogateescape, so folder names that are not UTF-8 come back as Python holds them)."""

    def __init__(self, buffer: memoryview, ends: memoryview) -> None:
        """ends: int64 (format "q") [texts], byte offsets, the last at len(buffer); raises
        ValueError when it is not."""
        if len(ends) and ends[-1] != len(buffer):
            raise ValueError("the text table does not add up")
        self._buffer = buffer
        self._ends = ends

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, number: int) -> str:
        if not 0 <= number < len(self._ends):
            raise IndexError(f"no text number {number}")
        start = self._ends[number - 1] if number else 0
        end = self._ends[number]
        if not 0 <= start <= end:
            raise ValueError("the text table does not add up")
        return str(self._buffer[start:end], "utf-8", "surrogateescape")


class PassageTable(Sequence[Passage]):
    """The passages of a snapshot; equal to the tuple of the same Passages."""

    def __init__(self, rows: memoryview, texts: TextTable) -> None:
        """rows: int64 (format "q"), WIDTH numbers per passage, one passage after another;
        raises ValueError when a row names a text the table does not have."""
        if len(rows) % WIDTH:
            raise ValueError("the passage table is cut short")
        for field in range(WIDTH):
            column = rows[field::WIDTH]
            if field != LINE and column and not 0 <= min(column) <= max(column) < len(texts):
                raise ValueError("a passage names a text the table does not have")
        self._rows = rows
        self._texts = texts
        self._count = len(rows) // WIDTH
        self._columns: dict[str, tuple[str, ...]] = {}
        self._made: dict[int, Passage] = {}  # row -> its Passage, the oldest first

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Passage: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Passage, ...]: ...

    def __getitem__(self, index: int | slice) -> Passage | tuple[Passage, ...]:
        if isinstance(index, slice):
            return tuple(map(self._passage, range(self._count)[index]))
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError("passage index out of range")
        return self._passage(index)

    def __iter__(self) -> Iterator[Passage]:
        return map(self._passage, range(self._count))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, tuple | PassageTable) or len(other) != len(self):
            return False
        return all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # equal to a tuple, so it cannot hash apart

    def column(self, name: str) -> list[str]:
        """Field `name` (a text field, not "line", "alternates" or "headings") of every
        passage, in order: each distinct text is decoded once."""
        if name not in FIELDS or name in ("line", "alternates", "headings"):
            raise ValueError(f"'{name}' is not a text column")
        column = self._columns.get(name)
        if column is None:  # start-up reads the same columns in several places
            numbers = self._rows[FIELDS.index(name) :: WIDTH].tolist()
            decoded = {n: self._texts[n] for n in dict.fromkeys(numbers)}
            column = self._columns[name] = tuple(map(decoded.__getitem__, numbers))
        return list(column)

    def _passage(self, row: int) -> Passage:
        made = self._made.get(row)
        if made is None:
            made = self._made[row] = self._make(row)
            if len(self._made) > MADE_PASSAGES:
                # The oldest goes (another thread may have taken it, or be adding one).
                with contextlib.suppress(KeyError, RuntimeError, StopIteration):
                    del self._made[next(iter(self._made))]
        return made

    def _make(self, row: int) -> Passage:
        n = self._rows[row * WIDTH : (row + 1) * WIDTH].tolist()
        t = self._texts
        return Passage(
            id=t[n[0]],
            guide=t[n[1]],
            guide_title=t[n[2]],
            section=t[n[3]],
            text=t[n[4]],
            title=t[n[5]],
            kind=t[n[6]],
            path=t[n[7]],
            line=n[LINE],
            question=t[n[9]],
            alternates=_split(t[n[10]]),
            headings=_split(t[n[11]]),
        )


def passage_column(passages: Sequence[Passage], name: str) -> list[str]:
    """Text field `name` of every passage, in order; fast for a PassageTable."""
    if isinstance(passages, PassageTable):
        return passages.column(name)
    return [getattr(p, name) for p in passages]


def _split(joined: str) -> tuple[str, ...]:
    return tuple(joined.split(SEPARATOR)) if joined else ()
