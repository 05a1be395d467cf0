"""How close questions about nothing in the knowledge come to its guide passages in meaning:
the background against which one question's closeness is judged.

Cosines depend on the knowledge as much as on the question. Averaged word vectors put an
everyday question nearer to a guide written in everyday words (a leisure centre's "book a
class", "opening hours") than to one in a field's formal prose: over 155 questions about
everyday life (background.txt), the median of each one's closest guide passage was 0.36
for a leisure centre's guide and 0.27 for the article about AI master's degrees. A fixed
line that declines the everyday questions of one lets those of the other through, so the
conversation reads its lines for guide passages against a quantile of this background too
(dialogue/decline.py, Policy.semantic_background_decline and semantic_background_answer):
the idea of an empirical null distribution, which a score is judged against rather than an
absolute scale (as in B. Efron, "Large-Scale Simultaneous Hypothesis Testing: The Choice of a
Null Hypothesis", JASA 2004).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np

BACKGROUND = Path(__file__).with_name("background.txt")
CHUNK = 8_192  # views compared at once (memory: CHUNK * questions * 4 bytes)


@cache
def background_questions() -> tuple[str, ...]:
    """The questions about everyday life that no guide is about, one a line, shipped with
    guidebot (written for it; none is about any knowledge base tried)."""
    lines = BACKGROUND.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip())


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
