"""BM25 over one field of the passages, computed from per-term postings.

Scores equal rank-bm25's `get_scores` for the same variant and parameters (tests compare
them within 1e-9), but a query only touches the postings of its own terms instead of looping
over every passage, which is what keeps large libraries fast:

* each posting stores the term's whole BM25 contribution to that passage (idf times the
  tf/length part), computed once when the index is built;
* BM25+ gives every passage idf * delta for each query term, matched or not. That constant is
  summed once per query and added to the array once, not once per term;
* `top_k` selects among the passages that scored above that constant, not the whole array.

The one deliberate difference from rank-bm25: with b = 1 an empty passage makes rank-bm25
divide 0 by 0 and report NaN for it; here it gets the score of a passage matching nothing.

An index is built from tokenised passages (`FieldIndex.build`) or assembled from parts that
were checked elsewhere (guidebot.search.arrays reads them back from the on-disk cache).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from itertools import chain
from operator import itemgetter

import numpy as np

from guidebot.search.config import Bm25Params


class FieldIndex:
    """Postings of one field: for each term, the passages holding it and its score there.

    Attributes (all read-only once built): `terms` maps a term to its id; for term id t the
    postings are `docs[indptr[t]:indptr[t + 1]]` (passage numbers, ascending) with the term's
    score in each in `values[...]`; `idf[t]` is its idf; `size` the number of passages.
    """

    params: Bm25Params
    size: int
    avgdl: float
    terms: dict[str, int]
    idf: np.ndarray  # float64 [vocabulary]
    indptr: np.ndarray  # int64 [vocabulary + 1]
    docs: np.ndarray  # int32 [postings]
    values: np.ndarray  # float64 [postings]

    def __init__(
        self,
        params: Bm25Params,
        size: int,
        avgdl: float,
        terms: dict[str, int],
        idf: np.ndarray,
        indptr: np.ndarray,
        docs: np.ndarray,
        values: np.ndarray,
    ) -> None:
        """An index from its parts, as `build` makes them or `arrays.from_arrays` reads them
        back (that checks them in full); raises ValueError when their lengths disagree."""
        if len(idf) != len(terms) or len(indptr) != len(terms) + 1 or len(docs) != len(values):
            raise ValueError("index parts disagree in length")
        self.params, self.size, self.avgdl, self.terms = params, size, avgdl, terms
        self.idf, self.indptr, self.docs, self.values = idf, indptr, docs, values

    @classmethod
    def build(
        cls,
        docs: Sequence[Sequence[str]],
        params: Bm25Params,
        copies: np.ndarray | None = None,
    ) -> FieldIndex:
        """Index passages given as lists of terms (passage number = position).

        With `copies`, document i stands for copies[i] passages that share its text (the
        paragraphs of one guide section share the section's document): document frequencies,
        the passage count behind idf and the average length count it that many times, so
        the scores equal those of the expanded collection while the postings stay one per
        document. `size` is then the number of documents, not passages."""
        size = len(docs)
        flat = list(chain.from_iterable(docs))
        # Ids in order of first appearance, as rank-bm25 meets them (the Okapi idf floor
        # averages over them, so the order decides the last bits of the mean).
        terms = {t: i for i, t in enumerate(dict.fromkeys(flat))}
        lengths = np.fromiter(map(len, docs), dtype=np.int64, count=size)
        weight = np.ones(size, dtype=np.int64) if copies is None else copies.astype(np.int64)
        passages = int(weight.sum())
        total = int((lengths * weight).sum())
        avgdl = total / passages if passages else 0.0
        safe_avgdl = avgdl or 1.0  # only when every passage is empty
        flat_ids = _ids_of(flat, terms)
        del flat  # temporaries are dropped as soon as done: at 100k passages each is ~40 MB
        term_ids, doc_ids, tf = _term_frequencies(flat_ids, lengths)
        del flat_ids
        df = np.bincount(term_ids, minlength=len(terms))
        counted = df if copies is None else np.bincount(term_ids, weight[doc_ids], len(terms))
        idf = _idf(counted.astype(np.float64), passages, params)
        indptr = np.zeros(len(terms) + 1, dtype=np.int64)
        np.cumsum(df, out=indptr[1:])
        postings = doc_ids.astype(np.int32)
        dl = lengths[doc_ids].astype(np.float64)
        del doc_ids
        values = _tf_part(tf, dl, safe_avgdl, params)
        del tf, dl
        values *= idf[term_ids]
        return cls(params, size, avgdl, terms, idf, indptr, postings, values)

    # -- queries -----------------------------------------------------------------------------

    def term_id(self, term: str) -> int | None:
        return self.terms.get(term)

    def constant(self, term: str) -> float:
        """What the term adds to every passage, matched or not: idf * delta for BM25+, else 0."""
        tid = self.terms.get(term)
        if tid is None or self.params.variant != "plus":
            return 0.0
        return float(self.idf[tid]) * self.params.delta

    def accumulate(
        self, into: np.ndarray, weights: Mapping[str, float], scale: float = 1.0
    ) -> float:
        """Add scale * sum of weight * BM25 contribution over weighted terms to `into`.

        Returns the part added to every passage (BM25+'s constant; 0 for the other variants):
        the score, within `into`, of a passage that matches none of the terms.
        """
        constant = 0.0
        for term, weight in weights.items():
            tid = self.terms.get(term)
            if tid is None or not weight:
                continue
            start, end = self.indptr[tid], self.indptr[tid + 1]
            w = scale * weight
            into[self.docs[start:end]] += (
                self.values[start:end] if w == 1.0 else w * self.values[start:end]
            )
            constant += w * float(self.idf[tid])
        if self.params.variant != "plus" or not constant:
            return 0.0
        constant *= self.params.delta
        into += constant
        return constant

    def scores(self, query: Iterable[str]) -> np.ndarray:
        """BM25 of every passage for the query terms, equal to rank-bm25's get_scores.

        Repeated terms count once per occurrence, as in rank-bm25."""
        out = np.zeros(self.size)
        self.accumulate(out, Counter(query))
        return out

    def top_k(self, query: Iterable[str], k: int = 10) -> tuple[np.ndarray, np.ndarray]:
        """(passage numbers, scores) of the k best passages, best first, ties by passage number."""
        out = np.zeros(self.size)
        baseline = self.accumulate(out, Counter(query))
        ids = top_k(out, k, baseline)
        return ids, out[ids]

    def docs_with(self, term: str) -> np.ndarray:
        """The passages that have the term in this field, ascending."""
        tid = self.terms.get(term)
        if tid is None:
            return self.docs[:0]
        return self.docs[self.indptr[tid] : self.indptr[tid + 1]]

    def has_term(self, term: str, docs: np.ndarray) -> np.ndarray:
        """For each of `docs`, whether it has the term in this field (one binary search each;
        np.isin sorts both sides and is several times slower on a handful of passages)."""
        held = self.docs_with(term)
        if not len(held):
            return np.zeros(len(docs), dtype=bool)
        pos = np.minimum(np.searchsorted(held, docs), len(held) - 1)
        return held[pos] == docs

    def contains(self, term: str, doc: int) -> bool:
        """Whether passage `doc` has the term in this field (postings are sorted by passage)."""
        docs = self.docs_with(term)
        pos = int(np.searchsorted(docs, doc))
        return pos < len(docs) and int(docs[pos]) == doc

    def doc_freq(self, term: str) -> int:
        tid = self.terms.get(term)
        return 0 if tid is None else int(self.indptr[tid + 1] - self.indptr[tid])


def top_k(scores: np.ndarray, k: int, baseline: float | None = None) -> np.ndarray:
    """Indices of the k highest scores, best first, equal scores by ascending index.

    `baseline`, when given, is a score most entries share (a passage matching no query term):
    selection then runs over the entries above it only, which is much cheaper than
    partitioning the whole array when the query's terms are rare.
    """
    n = len(scores)
    k = min(k, n)
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    if baseline is not None:
        above = np.flatnonzero(scores > baseline)
        if len(above) >= k:
            return above[_best(scores[above], k)]
        at = np.flatnonzero(scores == baseline)[: k - len(above)]
        chosen = [above[_best(scores[above], len(above))], at]
        if len(above) + len(at) < k:
            below = np.flatnonzero(scores < baseline)
            chosen.append(below[_best(scores[below], k - len(above) - len(at))])
        return np.concatenate(chosen).astype(np.int64)
    return _best(scores, k).astype(np.int64)


def _best(values: np.ndarray, k: int) -> np.ndarray:
    """Positions of the k largest values, largest first, ties by position (deterministic)."""
    n = len(values)
    if k <= 0 or n == 0:
        return np.zeros(0, dtype=np.int64)
    if k < n:
        kth = values[np.argpartition(-values, k - 1)[k - 1]]
        sure = np.flatnonzero(values > kth)  # fewer than k of these, all chosen
        ties = np.flatnonzero(values == kth)[: k - len(sure)]  # lowest positions win a tie
        sure = sure[np.lexsort((sure, -values[sure]))]
        return np.concatenate((sure, ties))
    positions = np.arange(n)
    return positions[np.lexsort((positions, -values))]


def _ids_of(flat: list[str], terms: dict[str, int], chunk: int = 1 << 19) -> np.ndarray:
    """Term ids of a flat token list. itemgetter does the dict lookups in C; going by chunks
    bounds the temporary tuple of Python ints (about 36 bytes a token) to a few MB."""
    out = np.empty(len(flat), dtype=np.int64)
    for start in range(0, len(flat), chunk):
        part = flat[start : start + chunk]
        ids = itemgetter(*part)(terms)
        out[start : start + len(part)] = ids if len(part) > 1 else [ids]
    return out


def _term_frequencies(
    flat_ids: np.ndarray, lengths: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(term, passage, count) triples, sorted by term and then passage."""
    n = max(len(lengths), 1)
    keys = flat_ids  # reused in place: the flat ids are not needed afterwards
    keys *= n
    keys += np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
    keys.sort()  # one flat int64 sort; np.unique does more work than this needs
    if not len(keys):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.float64)
    change = np.empty(len(keys), dtype=bool)
    change[0] = True
    np.not_equal(keys[1:], keys[:-1], out=change[1:])
    starts = np.flatnonzero(change)
    del change
    tf = np.diff(starts, append=len(keys)).astype(np.float64)
    unique = keys[starts]
    del keys, starts
    terms, docs = np.divmod(unique, n)
    return terms, docs, tf


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
    """rank-bm25's tf/length factor, operation for operation (so the same roundings), but in
    place where it can be: dl is overwritten."""
    norm = dl
    norm *= p.b
    norm /= avgdl
    np.add(1 - p.b, norm, out=norm)  # 1 - b + b * dl / avgdl
    if p.variant == "l":
        ctd = tf / norm
        return tf * (p.k1 + 1) * (ctd + p.delta) / (p.k1 + ctd + p.delta)
    norm *= p.k1
    norm += tf  # tf + k1 * norm
    out = tf * (p.k1 + 1)
    out /= norm
    return out
