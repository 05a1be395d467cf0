"""The sections a term names in its heading or uses anywhere, by label (knowledge.labels):
what clarifying and declining ask of the knowledge's structure."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

import numpy as np

from guidebot.knowledge.labels import SectionLabels
from guidebot.knowledge.passages import Passage
from guidebot.search.index import FieldIndex


class Sections:
    """Sections of a fixed set of passages, looked up by analysed term."""

    def __init__(
        self,
        passages: Sequence[Passage],
        labels: SectionLabels,
        headings: Mapping[str, Sequence[tuple[str, str]]],
        guide_of: np.ndarray,
        fields: tuple[FieldIndex, FieldIndex],
    ) -> None:
        """`headings`: term -> (guide, heading) of each guide section whose heading holds it
        (search.derived.headings_by_term); `guide_of`: each passage's guide slug (object
        array, passage order); `fields`: the title and body indexes over the passages."""
        self._passages, self._labels, self._headings = passages, labels, headings
        self._guide_of, self._fields = guide_of, fields
        # Every turn asks which sections the best guide's title words name (declining reads
        # them), and a word of a long guide's title names dozens: kept per term, at most
        # one list per term of the headings.
        self._named: dict[str, tuple[str, ...]] = {}

    def holders(self, term: str) -> np.ndarray:
        """The numbers of the passages holding the term, title or text, ascending (int)."""
        title, body = self._fields
        return np.union1d(title.docs_with(term), body.docs_with(term))

    def naming(self, term: str, guides: Collection[str] = ()) -> list[str]:
        """The labels of the guide sections whose heading contains the term, in guide
        order; of these guides only, if any are given."""
        if guides:
            named = self._headings.get(term, ())
            return [self._labels.label(g, s) for g, s in named if g in guides]
        if term not in self._named:
            named = self._headings.get(term, ())
            self._named[term] = tuple(self._labels.label(g, s) for g, s in named)
        return list(self._named[term])

    def using(self, term: str, guides: Collection[str] = (), limit: int | None = None) -> list[str]:
        """The labels of the sections (an FAQ entry's own, or the guide section it belongs
        to) whose passages use the term, heading or text, in passage order; at most `limit`
        of them (whether one section alone uses a term needs two), reading no passage past
        that."""
        found: dict[str, None] = {}
        for row in self.holders(term).tolist():
            if guides and self._guide_of[row] not in guides:
                continue
            found.setdefault(self._labels.of(self._passages[row]))
            if limit is not None and len(found) >= limit:
                break
        return list(found)
