"""How close questions about nothing in the knowledge come to its guide passages in meaning:
the background against which one question's closeness is judged.

Cosines depend on the knowledge as much as on the question. Averaged word vectors put an
everyday question nearer to a guide written in everyday words (a leisure centre's "book a
class", "opening hours") than to one in a field's formal prose: of the 171 questions about
everyday life in background.txt, the built-in word vectors read 155, and the median of
their closest guide passage was 0.36 for a leisure centre's guide and 0.27 for the
article about AI master's degrees as `guidebot ingest` makes it. A fixed line that
declines the everyday questions of one lets those of the other through, so the
conversation reads its lines for guide passages against a quantile of this background
too (dialogue/decline.py, Policy.semantic_background_decline and semantic_background_answer):
the idea of an empirical null distribution, which a score is judged against rather than
an absolute scale (B. Efron, "Large-Scale Simultaneous Hypothesis Testing: The Choice of a
Null Hypothesis", JASA 2004). A background question the knowledge answers in its own words
(most of its terms are the knowledge's: "how long is the flight to new york" to a travel
guide) is no background for it and is left out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from guidebot.search.semantic.passages import PassageVectors

BACKGROUND = Path(__file__).with_name("background.txt")
CHUNK = 8_192  # views compared at once (memory: CHUNK * questions * 4 bytes)


@cache
def background_questions() -> tuple[str, ...]:
    """The questions about everyday life that no guide is about, one a line, shipped with
    guidebot (written for it; none is about any knowledge base tried)."""
    lines = BACKGROUND.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip())


class Background:
    """For one knowledge base and encoder: how close the background questions come to the
    guide passages, per set of guides a conversation keeps to, computed on first use.
    Two threads asking at once may compute the same values twice, never wrong ones."""

    def __init__(
        self,
        vectors: PassageVectors,
        guides: Sequence[str],
        kinds: Sequence[str],
        in_its_words: Callable[[str], bool],
        floor: float,
    ) -> None:
        """`guides` and `kinds` give each passage's guide slug and kind ("guide" or "faq");
        `in_its_words` says whether the knowledge answers a question in its own words (those
        are left out); `floor`, the share of a question the encoder must read (reads)."""
        self._vectors, self._in_its_words, self._floor = vectors, in_its_words, floor
        self._guide = np.asarray(guides, dtype=object)
        self._is_guide = np.asarray([kind == "guide" for kind in kinds], dtype=bool)
        self._queries: np.ndarray | None = None
        self._cosines: dict[tuple[str, ...], np.ndarray] = {}
        # Lines asked for again and again (a share, per choice of guides): a quantile sorts
        # the background's cosines, a tenth of a millisecond on every turn that reads it.
        self._lines: dict[tuple[tuple[str, ...], float], float] = {}

    def line(self, share: float, guides: Sequence[str] = ()) -> float:
        """The `share` quantile (0 to 1) of the background questions' closest cosine to a
        guide passage of `guides` (none: every guide); 0.0 when there is none."""
        key = tuple(sorted(guides))
        if (key, share) in self._lines:
            return self._lines[key, share]
        if key not in self._cosines:
            among = self._is_guide & (np.isin(self._guide, key) if key else True)
            vectors = self._vectors
            self._cosines[key] = closest_cosines(
                self._asked(), vectors.vectors, among[vectors.rows]
            )
        line = self._lines[key, share] = quantile(self._cosines[key], share)
        return line

    def _asked(self) -> np.ndarray:
        """float32 [questions, dim]: the background questions the encoder reads and the
        knowledge does not answer in its own words."""
        if self._queries is None:
            vectors = self._vectors
            asked = [
                q
                for q in background_questions()
                if vectors.reads(q, self._floor) and not self._in_its_words(q)
            ]
            dim = vectors.vectors.shape[1]
            self._queries = vectors.encoder.encode(asked) if asked else np.zeros((0, dim))
        return self._queries


def closest_cosines(queries: np.ndarray, vectors: np.ndarray, among: np.ndarray) -> np.ndarray:
    """For each query (float32 [queries, dim], unit rows), its largest cosine to the views
    (float32 [views, dim], unit rows) flagged in `among` (bool [views]): float64 [queries];
    empty when no view is flagged or there are no queries."""
    chosen = np.flatnonzero(among)
    if not len(chosen) or not len(queries):
        return np.zeros(0)
    best = np.full(len(queries), -1.0, dtype=np.float32)
    for start in range(0, len(chosen), CHUNK):
        part = vectors[chosen[start : start + CHUNK]]
        np.maximum(best, (part @ queries.T).max(axis=0), out=best)
    return best.astype(np.float64)


def quantile(values: Sequence[float] | np.ndarray, share: float) -> float:
    """The `share` quantile (0 to 1) of the values, 0.0 for none (numpy's linear method)."""
    return float(np.quantile(values, share)) if len(values) else 0.0
