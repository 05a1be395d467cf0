"""Fusing BM25 with embedding similarity: a linear (convex) mix of the two, BM25 as a share
of the query's best score, the fusion analysed in S. Bruch, S. Gai, A. Ingber, "An Analysis
of Fusion Functions for Hybrid Retrieval", ACM TOIS 42(1), 2023, which found it as good as
or better than reciprocal rank fusion (Cormack, Clarke & Büttcher, SIGIR 2009) once its
weight is tuned. On the outside sets' dev parts RRF (k = 60) peaked at CLINC150 / Banking77
P@1 0.785 / 0.824, the mix at 0.849 / 0.841 (search/config.py).
"""

from __future__ import annotations

import numpy as np

from guidebot.search.config import RetrievalConfig
from guidebot.search.semantic.passages import PassageVectors


def fuse_meaning(
    scores: np.ndarray,
    baseline: float,
    vectors: PassageVectors,
    config: RetrievalConfig,
    seen: str,
    own: str | None = None,
) -> None:
    """Mix the similarity of `seen` to every passage (PassageVectors.similarities, by the
    config) into the scores, in place (mix_into, at config.semantic_weight).

    own: for a follow-up read together with the question it follows (`seen`), the
    follow-up alone, whose similarities make config.followup_own_share of those mixed in.
    Read together, the longer question before outweighs the follow-up's own words ("what
    jobs can i get after graduating how much do those pay?"), as its terms do not in BM25
    (Policy.followup_weight). Mixed in even when the table lacks most of the follow-up's
    words (RetrievalConfig.semantic_known_share): the text together passed that gate, and
    "vs other occupations?" is still read as "other occupations"."""
    similarities = _similarities(vectors, config, seen)
    share = config.followup_own_share
    if own is not None and share > 0:
        similarities = (1 - share) * similarities + share * _similarities(vectors, config, own)
    mix_into(scores, baseline, similarities, config.semantic_weight)


def _similarities(vectors: PassageVectors, config: RetrievalConfig, text: str) -> np.ndarray:
    return vectors.similarities(
        text,
        config.semantic_softness,
        config.semantic_prototype,
        config.semantic_alignment,
        config.semantic_alignment_floor,
        config.semantic_alignment_body,
    )


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
