"""The second stage of ranking: BM25's best passages raised for evidence that a passage was
written for the question, not merely uses its words."""

from __future__ import annotations

from collections.abc import Callable, Sequence

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
) -> None:
    """Raise some of BM25's best passages (`scores`, float64 [passages], changed in place),
    in proportion to the best score above `baseline`: FAQ entries worded like the question
    (`faqs`, rapidfuzz), and passages whose title field (an FAQ question and its alternates,
    or a heading) covers the question's terms on its own, weighted by `idf`, since a title
    that asks the question is better evidence than an answer that uses its words."""
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
        share = sum(w * title.has_term(t, ranked) for t, w in weights.items())
        scores[ranked] += config.rerank_title_coverage * top * share / sum(weights.values())
