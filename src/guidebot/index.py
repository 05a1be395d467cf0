"""BM25 over one field of the passages, computed from per-term postings.

Scores equal rank-bm25's `get_scores` for the same variant and parameters (tests compare
them), but a query only touches the postings of its own terms instead of looping over every
passage, which is what keeps large libraries fast.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

VARIANTS = ("okapi", "plus", "l")


@dataclass(frozen=True)
class Bm25Params:
    """Which BM25 and its constants; the defaults are rank-bm25's for each variant."""

    variant: str = "plus"
    k1: float = 1.5
    b: float = 0.75
    delta: float = 1.0  # BM25+ / BM25L lower bound on a matching term's contribution
    epsilon: float = 0.25  # BM25Okapi: idf floor as a share of the average idf

    def __post_init__(self) -> None:
        if self.variant not in VARIANTS:
            raise ValueError(f"unknown BM25 variant {self.variant!r}; choose from {VARIANTS}")


class FieldIndex:
    """Postings of one field: for each term, the passages holding it and its score there."""

    def __init__(self, docs: Sequence[Sequence[str]], params: Bm25Params) -> None:
        self.params = params
        self.size = len(docs)
        self.terms: dict[str, int] = {}
        ids = [[self.terms.setdefault(t, len(self.terms)) for t in doc] for doc in docs]
        lengths = np.fromiter((len(d) for d in docs), dtype=np.float64, count=self.size)
        self.avgdl = float(lengths.sum() / self.size) if self.size else 0.0
        safe_avgdl = self.avgdl or 1.0  # only when every passage is empty
        term_ids, doc_ids, tf = _term_frequencies(ids, len(self.terms))
        df = np.bincount(term_ids, minlength=len(self.terms)).astype(np.float64)
        self.idf = _idf(df, self.size, params)
        self.indptr = np.concatenate(([0], np.cumsum(df))).astype(np.int64)
        self.docs = doc_ids.astype(np.int32)
        self.values = self.idf[term_ids] * _tf_part(tf, lengths[doc_ids], safe_avgdl, params)

    def term_id(self, term: str) -> int | None:
        return self.terms.get(term)

    def add_scores(self, into: np.ndarray, term: str, weight: float = 1.0) -> None:
        """Add weight times this term's BM25 contribution to every passage's score."""
        tid = self.terms.get(term)
        if tid is None:
            return
        start, end = self.indptr[tid], self.indptr[tid + 1]
        into[self.docs[start:end]] += weight * self.values[start:end]
        if self.params.variant == "plus":
            # BM25+ gives every passage idf * delta for each query term, matched or not;
            # it cannot change the order, but rank-bm25 reports it, so scores stay comparable.
            into += weight * self.idf[tid] * self.params.delta

    def scores(self, query: Sequence[str]) -> np.ndarray:
        """BM25 of every passage for the query terms, equal to rank-bm25's get_scores."""
        out = np.zeros(self.size)
        for term in query:
            self.add_scores(out, term)
        return out

    def contains(self, term: str, doc: int) -> bool:
        """Whether passage `doc` has the term in this field (postings are sorted by passage)."""
        tid = self.terms.get(term)
        if tid is None:
            return False
        start, end = self.indptr[tid], self.indptr[tid + 1]
        pos = start + int(np.searchsorted(self.docs[start:end], doc))
        return pos < end and int(self.docs[pos]) == doc

    def doc_freq(self, term: str) -> int:
        tid = self.terms.get(term)
        return 0 if tid is None else int(self.indptr[tid + 1] - self.indptr[tid])


def _term_frequencies(
    ids: list[list[int]], vocabulary: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(term, passage, count) triples, sorted by term and then passage."""
    lengths = np.fromiter((len(d) for d in ids), dtype=np.int64, count=len(ids))
    flat_terms = np.fromiter((t for d in ids for t in d), dtype=np.int64, count=int(lengths.sum()))
    flat_docs = np.repeat(np.arange(len(ids), dtype=np.int64), lengths)
    keys, tf = np.unique(flat_terms * max(len(ids), 1) + flat_docs, return_counts=True)
    return keys // max(len(ids), 1), keys % max(len(ids), 1), tf.astype(np.float64)


def _idf(df: np.ndarray, n: int, params: Bm25Params) -> np.ndarray:
    if params.variant == "plus":
        return np.log((n + 1) / df)
    if params.variant == "l":
        return math.log(n + 1) - np.log(df + 0.5)
    idf = np.log(n - df + 0.5) - np.log(df + 0.5)
    if len(idf):
        # rank-bm25 floors negative idfs (terms in over half the passages) at epsilon * mean.
        idf = np.where(idf < 0, params.epsilon * idf.mean(), idf)
    return idf


def _tf_part(tf: np.ndarray, dl: np.ndarray, avgdl: float, p: Bm25Params) -> np.ndarray:
    norm = 1 - p.b + p.b * dl / avgdl
    if p.variant == "l":
        ctd = tf / norm
        return tf * (p.k1 + 1) * (ctd + p.delta) / (p.k1 + ctd + p.delta)
    return tf * (p.k1 + 1) / (tf + p.k1 * norm)
