"""BM25 over a field that groups of passages share, stored once per group.

The section field gives every paragraph of a guide section the whole section as its
document. Stored per passage, a section of five paragraphs would hold five copies of the
same postings (at 100,000 passages, most of the index's memory and build time). Here the
postings are stored once per section (`FieldIndex.build` with `copies`, so idf and the
average length still count every passage), and a passage's score is its group's score.
Scores equal those of a FieldIndex built over the expanded documents (tests compare them).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

import numpy as np

from guidebot.search.config import Bm25Params
from guidebot.search.index import FieldIndex


class Scorer(Protocol):
    """What ranking needs of a field: its passage count and weighted BM25 sums."""

    @property
    def size(self) -> int: ...

    def accumulate(
        self, into: np.ndarray, weights: Mapping[str, float], scale: float = 1.0
    ) -> float: ...


class GroupedIndex:
    """A field whose document is shared by groups of passages: passage p's document is row
    `groups[p]` of `index`."""

    def __init__(self, index: FieldIndex, groups: np.ndarray) -> None:
        """Raises ValueError when a passage names a row the index does not have."""
        if len(groups) and (int(groups.min()) < 0 or int(groups.max()) >= index.size):
            raise ValueError("a passage names a group out of range")
        self.index, self.groups = index, groups

    @classmethod
    def build(
        cls, docs: Sequence[Sequence[str]], groups: np.ndarray, params: Bm25Params
    ) -> GroupedIndex:
        """docs[r] is group r's terms; groups (int32 [passages]) gives each passage's group,
        or -1 for a passage with no document in this field, which then scores as a passage
        matching nothing. Raises ValueError for a group no passage belongs to."""
        rows = [*docs, []]  # the passages of no group share one empty document
        groups = np.where(groups < 0, len(docs), groups).astype(np.int32)
        copies = np.bincount(groups, minlength=len(rows))
        if not copies[:-1].all():
            raise ValueError("a group has no passage")
        if not copies[-1]:
            rows, copies = rows[:-1], copies[:-1]
        return cls(FieldIndex.build(rows, params, copies=copies), groups)

    @property
    def size(self) -> int:
        """The number of passages (not groups)."""
        return len(self.groups)

    def accumulate(
        self, into: np.ndarray, weights: Mapping[str, float], scale: float = 1.0
    ) -> float:
        """As FieldIndex.accumulate, over passages: each gets its group's score."""
        rows = np.zeros(self.index.size)
        constant = self.index.accumulate(rows, weights, scale)
        into += rows[self.groups]
        return constant
