"""Fusing BM25 with embedding similarity: a linear (convex) mix of the two, BM25 as a share
of the query's best score, the fusion analysed in S. Bruch, S. Gai, A. Ingber, "An Analysis
of Fusion Functions for Hybrid Retrieval", ACM TOIS 42(1), 2023, which found it as good as
or better than reciprocal rank fusion (Cormack, Clarke & Büttcher, SIGIR 2009) once its
weight is tuned. On the outside sets' dev parts RRF (k = 60) peaked at CLINC150 / Banking77
P@1 0.785 / 0.824, the mix at 0.849 / 0.841 (search/config.py).
"""

from __future__ import annotations

import numpy as np


def mix_into(scores: np.ndarray, baseline: float, similarities: np.ndarray, weight: float) -> None:
    """Mix each passage's similarity into its score, in place, keeping BM25's scale.

    scores: float64 [passages], BM25 (and second-stage) scores, -inf for passages ruled out;
    baseline: the score of a passage matching no query term; similarities: float64
    [passages], the question's similarity to each passage (negatives count as 0); weight:
    the similarity's share, 0 (BM25 alone) to 1. With `top` the best score above the
    baseline (at least 1, so that weak matches are not blown up), a passage with BM25 share
    s = (score - baseline) / top and similarity c gets baseline + top * ((1 - weight) * s +
    weight * c): the best BM25 passage with c = 1 keeps its score, a passage matching no
    word rises by its similarity alone, and ruled-out passages stay out.

    Raises ValueError for a weight outside [0, 1] or arrays of other lengths.
    """
    if not 0.0 <= weight <= 1.0:
        raise ValueError(f"weight must be within [0, 1], not {weight}")
    if scores.shape != similarities.shape:
        raise ValueError(f"scores {scores.shape} and similarities {similarities.shape} differ")
    finite = np.isfinite(scores)
    if not finite.any():
        return
    top = max(float(scores[finite].max()) - baseline, 1.0)
    share = np.clip((scores[finite] - baseline) / top, 0.0, None)
    semantic = np.clip(similarities[finite], 0.0, None)
    scores[finite] = baseline + top * ((1 - weight) * share + weight * semantic)
