"""Fusing BM25 with embedding similarity: two standard ways, as pure numpy functions.

- Reciprocal rank fusion: G. V. Cormack, C. L. A. Clarke, S. Büttcher, "Reciprocal Rank Fusion
  outperforms Condorcet and individual Rank Learning Methods", SIGIR 2009. Uses only ranks,
  so the two scores need no common scale; k = 60 is the paper's value.
- A linear (convex) mix of per-query normalised scores, the fusion analysed in S. Bruch,
  S. Gai, A. Ingber, "An Analysis of Fusion Functions for Hybrid Retrieval", ACM TOIS 42(1),
  2023, which found it as good as or better than RRF once its weight is tuned.

Which one guidebot uses, and its weight, is chosen on the development sets (issue 18).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

RRF_K = 60.0


def rrf(rank_lists: Sequence[Sequence[int]], k: float = RRF_K) -> tuple[np.ndarray, np.ndarray]:
    """Reciprocal rank fusion of rankings of candidate ids (each list best first).

    An id's fused score is the sum, over the lists it appears in, of 1 / (k + rank) with
    rank counted from 1; a list that lacks an id adds nothing for it. Returns (ids, scores):
    int64 and float64 arrays of equal length, every id of any list once, best first.

    Ties (equal scores) keep the order of the first list, then ids missing from it in the
    order the later lists first name them: with BM25's ranking first, a tie goes the way
    BM25 ranked. Sums are exactly rounded (math.fsum), so ids with the same ranks in some
    order always tie, whatever the order of the lists.

    Raises ValueError when k < 0 or an id appears twice in one list.
    """
    if k < 0:
        raise ValueError(f"k must be at least 0, not {k}")
    parts: dict[int, list[float]] = {}  # insertion order = the tie-break order above
    for ranking in rank_lists:
        seen: set[int] = set()
        for rank, raw in enumerate(ranking, start=1):
            cid = int(raw)
            if cid in seen:
                raise ValueError(f"id {cid} appears twice in one ranking")
            seen.add(cid)
            parts.setdefault(cid, []).append(1.0 / (k + rank))
    ids = np.fromiter(parts, dtype=np.int64, count=len(parts))
    scores = np.fromiter((math.fsum(p) for p in parts.values()), dtype=np.float64, count=len(ids))
    order = np.argsort(-scores, kind="stable")
    return ids[order], scores[order]


def linear_mix(
    bm25_scores: Sequence[float] | np.ndarray,
    cosines: Sequence[float] | np.ndarray,
    weight: float,
) -> np.ndarray:
    """(1 - weight) * BM25 / max(BM25) + weight * cosine, per candidate.

    bm25_scores and cosines are 1-D and aligned (entry i of each is candidate i, as is
    entry i of the float64 result). BM25 is scaled by this query's best score so the top
    candidate has 1 and the others keep BM25's ratios (a min-max scaling would instead put
    the weakest candidate at 0 however well it matched, and is undefined for one candidate);
    negative BM25 scores count as 0, and when no candidate scores above 0 the lexical part is 0
    for all, so the cosines alone decide. Cosines are used as they are, in [-1, 1].

    weight is the share of the cosine: 0 is BM25 alone, 1 the embeddings alone.
    Raises ValueError for a weight outside [0, 1], arrays that are not 1-D of equal length,
    or a value that is NaN or infinite.
    """
    if not 0.0 <= weight <= 1.0:
        raise ValueError(f"weight must be within [0, 1], not {weight}")
    lexical = np.asarray(bm25_scores, dtype=np.float64)
    semantic = np.asarray(cosines, dtype=np.float64)
    if lexical.ndim != 1 or lexical.shape != semantic.shape:
        raise ValueError(
            f"bm25_scores {lexical.shape} and cosines {semantic.shape} must be 1-D of equal length"
        )
    if not (np.isfinite(lexical).all() and np.isfinite(semantic).all()):
        raise ValueError("scores must be finite")
    lexical = np.clip(lexical, 0.0, None)
    top = lexical.max(initial=0.0)
    scaled = lexical / top if top > 0 else np.zeros_like(lexical)
    return (1.0 - weight) * scaled + weight * semantic
