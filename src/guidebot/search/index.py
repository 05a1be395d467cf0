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

An index is built from tokenised passages (`FieldIndex.build`), from their terms as ids
(`FieldIndex.from_ids`, what bulk analysis gives, postings.py doing the arithmetic), or
assembled from parts that were checked elsewhere (guidebot.search.arrays reads them back
from the on-disk cache).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from itertools import chain

import numpy as np

from guidebot.search.config import Bm25Params
from guidebot.search.postings import first_use, idf_of, ids_of, term_frequencies, tf_part


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
        flat = list(chain.from_iterable(docs))
        # Ids in order of first appearance, as rank-bm25 meets them (the Okapi idf floor
        # averages over them, so the order decides the last bits of the mean).
        terms = {t: i for i, t in enumerate(dict.fromkeys(flat))}
        lengths = np.fromiter(map(len, docs), dtype=np.int64, count=len(docs))
        flat_ids = ids_of(flat, terms)
        del flat  # temporaries are dropped as soon as done: at 100k passages each is ~40 MB
        return cls._from_numbered(flat_ids, lengths, terms, params, copies)

    @classmethod
    def from_ids(
        cls,
        ids: np.ndarray,
        lengths: np.ndarray,
        names: Sequence[str],
        params: Bm25Params,
        copies: np.ndarray | None = None,
    ) -> FieldIndex:
        """Index passages given as one flat array of term ids, without a string per term:
        passage i is the next lengths[i] (int [passages]) entries of ids (int [terms]), each
        an index into names (distinct terms); `copies` as in `build`. Equal to `build` over the
        passages' terms: the index numbers the terms it meets in order of first appearance."""
        met = first_use(ids, len(names))
        number = np.zeros(len(names), dtype=np.int64)
        number[met] = np.arange(len(met))
        terms = {names[i]: n for n, i in enumerate(met.tolist())}
        lengths = np.asarray(lengths, dtype=np.int64)
        return cls._from_numbered(number[ids], lengths, terms, params, copies)

    @classmethod
    def _from_numbered(
        cls,
        flat_ids: np.ndarray,
        lengths: np.ndarray,
        terms: dict[str, int],
        params: Bm25Params,
        copies: np.ndarray | None,
    ) -> FieldIndex:
        """The index of passages whose terms are numbered by `terms` in order of first
        appearance: flat_ids (int64 [terms], overwritten) holds them passage after passage,
        lengths (int64 [passages]) how many each passage has."""
        size = len(lengths)
        weight = np.ones(size, dtype=np.int64) if copies is None else copies.astype(np.int64)
        passages = int(weight.sum())
        total = int((lengths * weight).sum())
        avgdl = total / passages if passages else 0.0
        safe_avgdl = avgdl or 1.0  # only when every passage is empty
        term_ids, doc_ids, tf = term_frequencies(flat_ids, lengths)
        del flat_ids
        df = np.bincount(term_ids, minlength=len(terms))
        counted = df if copies is None else np.bincount(term_ids, weight[doc_ids], len(terms))
        idf = idf_of(counted.astype(np.float64), passages, params)
        indptr = np.zeros(len(terms) + 1, dtype=np.int64)
        np.cumsum(df, out=indptr[1:])
        dl = lengths.astype(np.float64)[doc_ids]
        values = tf_part(tf, dl, safe_avgdl, params)
        del tf, dl
        values *= idf[term_ids]
        return cls(params, size, avgdl, terms, idf, indptr, doc_ids, values)

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


def best_matching(scores: np.ndarray, k: int, baseline: float) -> list[tuple[int, float]]:
    """(passage number, score) of the k best passages that match something (score above
    `baseline` and finite), best first, equal scores by ascending passage number."""
    docs = top_k(scores, k, baseline)
    found = scores[docs]
    keep = np.isfinite(found) & (found > baseline + 1e-12)
    return list(zip(docs[keep].tolist(), found[keep].tolist(), strict=True))


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
