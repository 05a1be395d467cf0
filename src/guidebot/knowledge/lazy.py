"""A tuple whose items are made the first time anyone looks at them.

A snapshot of a large library (knowledge/snapshot.py) holds 20,000 guide sections with
110,000 paragraphs and 10,000 FAQ entries. Answering questions needs none of them (the
passages and the index carry what it needs), so a snapshot gives each guide's sections and
the FAQ entries as LazyTuples: start-up skips making them, and the API's guide list or the
chat app's FAQ-based suggestions make them when first used.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar, overload

T = TypeVar("T")


class LazyTuple(Sequence[T]):
    """Behaves as `tuple(make())`, computed on first use and kept; equal to (and hashing
    as) that tuple. `length`, when known up front, answers len() without making the items.

    Two threads may both make the items on first use; both get equal tuples and one is
    kept, so no lock is needed."""

    __slots__ = ("_make", "_items", "_length")

    def __init__(self, make: Callable[[], Iterable[T]], length: int | None = None) -> None:
        self._make = make
        self._items: tuple[T, ...] | None = None
        self._length = length

    def items(self) -> tuple[T, ...]:
        """The items as a plain tuple (made now if they were not yet)."""
        items = self._items
        if items is None:
            items = self._items = tuple(self._make())
        return items

    def __len__(self) -> int:
        # Once made, the items themselves say (should make() have given another number).
        if self._items is not None or self._length is None:
            return len(self.items())
        return self._length

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[T, ...]: ...

    def __getitem__(self, index: int | slice) -> T | tuple[T, ...]:
        return self.items()[index]

    def __iter__(self) -> Iterator[T]:
        return iter(self.items())

    def __contains__(self, value: object) -> bool:
        return value in self.items()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyTuple):
            other = other.items()
        return isinstance(other, tuple) and self.items() == other

    def __hash__(self) -> int:
        return hash(self.items())

    def __add__(self, other: Any) -> tuple[T, ...]:
        return self.items() + tuple(other)

    def __radd__(self, other: Any) -> tuple[T, ...]:
        return tuple(other) + self.items()

    def __repr__(self) -> str:
        return repr(self.items())
