"""The second stage of ranking: BM25's best passages raised for evidence that a passage was
written for the question, not merely uses its words."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence

import numpy as np

from guidebot.search.config import RetrievalConfig
from guidebot.search.faqmatch import FaqMatcher
from guidebot.search.index import FieldIndex, top_k


def second_stage(
    config: RetrievalConfig,
    faqs: FaqMatcher,
    title: FieldIndex,
    idf: Callable[[str], float],
    question: str,
    terms: Sequence[str],
    scores: np.ndarray,
    baseline: float,
    apart: Mapping[int, Collection[str]],
) -> None:
    """Raise some of BM25's best passages (`scores`, float64 [passages], changed in place),
    in proportion to the best score above `baseline`: FAQ entries worded like the question
    (`faqs`, rapidfuzz), and passages whose title field (an FAQ question and its alternates,
    or a heading) covers the question's terms on its own, weighted by `idf`, since a title
    that asks the question is better evidence than an answer that uses its words; a title
    does not cover the terms a passage holds only inside compounds (`apart`, by passage:
    CompoundPieces.lower)."""
    pool = top_k(scores, max(config.faq_match_pool, config.rerank_pool), baseline)
    top = float(scores[pool[0]]) - baseline if len(pool) else 0.0
    if top <= 0:
        return
    rows = pool.tolist()
    if config.faq_match_weight and faqs and question.strip():
        matches = faqs.best(
            question, config.faq_match_floor, limit=5, rows=rows[: config.faq_match_pool]
        )
        for row, similarity in matches:
            scores[row] += config.faq_match_weight * top * similarity / 100
    if config.rerank_title_coverage and terms:
        top = float(scores[pool].max()) - baseline  # the best after the wording boost
        weights = {t: idf(t) for t in dict.fromkeys(terms)}
        ranked = pool[: config.rerank_pool]
        held = {t: title.has_term(t, ranked) for t in weights}
        for at, row in enumerate(ranked.tolist()):
            for term in apart.get(row, ()):
                if term in held:  # else a term of the earlier turns only, not weighed here
                    held[term][at] = False
        share = sum(w * held[t] for t, w in weights.items())
        scores[ranked] += config.rerank_title_coverage * top * share / sum(weights.values())


def lift_phrases(
    scores: np.ndarray,
    baseline: float,
    terms: Sequence[str],
    idf: Callable[[str], float],
    follows: Callable[[int, str, str], bool],
    prose: np.ndarray,
    pool: int,
    weight: float,
) -> None:
    """Raise each of the `pool` best passages (`scores`, float64 [passages], changed in
    place) that writes two of the question's neighbouring terms side by side, as the
    question does, by `weight` times the best score above `baseline` times the pairs' share
    of the question's idf: the proximity evidence of Metzler and Croft's sequential
    dependence model (SIGIR 2005), read over BM25's best only. "what does a predictive
    maintenance specialist do" is about the passage saying "predictive maintenance
    specialists", not the one saying "predictive maintenance" and "specialists" apart.
    `follows(row, a, b)` says whether passage `row` writes b right after a; only the rows
    `prose` (bool [passages]) marks are read: guide passages, as an FAQ entry's wording is
    weighed by the whole-question match already (on CLINC150 and Banking77, whose entries
    are all questions, reading them too cost 0.3 and 0.1 points of P@1)."""
    pairs = list(dict.fromkeys((a, b) for a, b in zip(terms, terms[1:], strict=False) if a != b))
    if not weight or not pairs:
        return
    rows = top_k(scores, pool, baseline)
    top = float(scores[rows].max()) - baseline if len(rows) else 0.0
    lifted = [row for row in rows[prose[rows]].tolist() if any(follows(row, *p) for p in pairs)]
    if top <= 0 or not lifted:
        return
    # A pair counts as much as its rarer-used word would alone; the question's whole idf is
    # the scale, so that a pair of common words ("how many programs") moves little.
    total = sum(idf(t) for t in dict.fromkeys(terms))
    pair_weight = {pair: min(idf(pair[0]), idf(pair[1])) for pair in pairs}
    for row in lifted:
        written = sum(w for pair, w in pair_weight.items() if follows(row, *pair))
        # At most the whole question: a repeated term makes more pairs than terms.
        scores[row] += weight * top * min(written / total, 1.0)
