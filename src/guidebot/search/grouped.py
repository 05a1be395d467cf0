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
        groups, copies = _copies(groups, len(docs))
        rows = [*docs, []][: len(copies)]  # the passages of no group share one empty document
        return cls(FieldIndex.build(rows, params, copies=copies), groups)

    @classmethod
    def from_ids(
        cls,
        ids: np.ndarray,
        lengths: np.ndarray,
        names: Sequence[str],
        groups: np.ndarray,
        params: Bm25Params,
    ) -> GroupedIndex:
        """As `build`, with the groups' terms given as `FieldIndex.from_ids` takes them: group
        r's are the next lengths[r] (int [groups]) entries of ids, indices into names."""
        groups, copies = _copies(groups, len(lengths))
        lengths = np.append(lengths, 0)[: len(copies)]  # the empty document, when used
        return cls(FieldIndex.from_ids(ids, lengths, names, params, copies=copies), groups)

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


def _copies(groups: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """(groups with -1 made `size`, the row of one empty document; how many passages each
    row stands for, int64 [size + 1], or [size] when no passage needs the empty row).
    Raises ValueError for a group no passage belongs to."""
    groups = np.where(groups < 0, size, groups).astype(np.int32)
    copies = np.bincount(groups, minlength=size + 1)
    if not copies[:-1].all():
        raise ValueError("a group has no passage")
    return groups, copies if copies[-1] else copies[:-1]
