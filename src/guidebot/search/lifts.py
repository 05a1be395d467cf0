"""The last lifts of a ranking, once meaning is mixed in (which would otherwise scale them
down): passages holding the kind of answer asked for (answertypes.py) and, for a question
telling or asking an age, those setting age limits (ages.py), passages writing the
question's neighbouring terms side by side (rerank.lift_phrases), the passages of a guide
the question names by its title (guidenames.py), those holding a name of the knowledge's
own that the question uses, and, last word on the ranking, the passages answering a
question about the document itself (introduction.py) or asking only how to get in touch."""

from __future__ import annotations

import math
from collections.abc import Callable, Container, Sequence

import numpy as np

from guidebot.search.answertypes import AnswerKinds, Kind, asked
from guidebot.search.config import RetrievalConfig
from guidebot.search.contact import lift_contact
from guidebot.search.english import own_names
from guidebot.search.guidenames import GuideNames
from guidebot.search.index import top_k
from guidebot.search.introduction import DocumentQuestions, lift_rows
from guidebot.search.queryterms import Query
from guidebot.search.rerank import lift_phrases


class Lifts:
    """The lifts for a fixed set of passages. It holds no method of the retriever, so a
    load builds no reference cycle (knowledge/gcpause.py)."""

    def __init__(
        self,
        kinds: AnswerKinds,
        follows: Callable[[int, str, str], bool],
        prose: np.ndarray,
        guide_names: GuideNames,
        holders: Callable[[str], np.ndarray],
        about: DocumentQuestions,
        config: RetrievalConfig,
        english: Container[str] = frozenset(),
        terms_of: Callable[[Sequence[str]], list[str]] = lambda words: [],
    ) -> None:
        """follows: whether a passage writes one term right after another
        (PassageWords.follows); prose: bool [passages], the guide passages; holders: the
        passages holding a term (Sections.holders); english: the words English has (an
        EnglishWords, else no names are lifted); terms_of: the terms of words
        (Analyzer.terms_of_words)."""
        self._kinds, self._follows, self._prose = kinds, follows, prose
        self._english, self._terms_of = english, terms_of
        self._names, self._holders, self._about = guide_names, holders, about
        self._config = config

    def apply(
        self,
        question: str,
        query: Query,
        scores: np.ndarray,
        baseline: float,
        idf: Callable[[str], float],
        read_on: bool = False,
        fused: bool = False,
    ) -> bool:
        """Lift the passages in `scores` (float64 [passages], changed in place; `baseline`,
        the score of a passage matching nothing) for the question and its Query, terms
        weighted by `idf`; True when one set of passages was put above all others as the
        answer (a question about the document, or one asking only for a contact).
        `read_on`: the query holds an earlier turn's terms (contact.lift_contact's);
        `fused`: meaning was mixed into `scores`."""
        config, names, terms = self._config, self._names, query.terms
        wanted = asked(question)  # read once: every lift below asks it
        self._kinds.lift(wanted, scores, baseline, config.rerank_pool, config.answer_kind)
        if config.age_lift and wanted & Kind.AGE:
            self._lift_ages(query, scores, baseline, idf)
        lift_phrases(
            scores,
            baseline,
            terms,
            idf,
            self._follows,
            self._prose,
            config.rerank_pool,
            config.rerank_phrase,
        )
        names.lift(scores, baseline, terms, idf, self._holders, config.rerank_title_coverage)
        if fused and config.name_lift:
            self._lift_names(query.surface, scores, baseline, config.name_lift)
        about = self._about.answering(
            query.surface, terms, query.summary, names.naming, names.rows_named(terms)
        )
        typed = bool(config.answer_kind) and lift_contact(
            self._kinds, question, wanted, scores, baseline, richest=not read_on
        )
        return typed or (about is not None and lift_rows(scores, baseline, about))

    def _lift_names(
        self, surface: Sequence[str], scores: np.ndarray, baseline: float, weight: float
    ) -> None:
        """Raise the passages holding each name of the knowledge's own the question uses
        (a word English lacks that some passage writes: "Kelsall" where the catchment area
        lists it) by `weight` times the best score above `baseline`. Word vectors cannot
        read such a name, so mixing in meaning scales down the one word that says which
        passage is meant ("I'm moving to Kelsall, can I sign up at your surgery?")."""
        named = own_names(surface, self._english, self._terms_of, self._knows)
        held = [self._holders(term) for term in sorted(named)]
        top = float(scores.max()) - baseline if held else 0.0
        for rows in held if top > 0 else ():
            scores[rows] += weight * top

    def _lift_ages(
        self, query: Query, scores: np.ndarray, baseline: float, idf: Callable[[str], float]
    ) -> None:
        """For a question telling or asking an age (ages.py), raise the passages setting an
        age limit (beyond the answer-kind lift every kind asked gives) among the
        RetrievalConfig.age_pool best, matching nothing else too, as BM25 would for one more
        query term that only they hold: by that term's idf, ln((pool + 1) / holders) within
        the pool, over the question's idf-weighted terms', times RetrievalConfig.age_lift
        times the best score above `baseline`. "I'm 22, can I hire?" is about the age, its
        one other term in every passage of a car hire's guide; "I'm 34, a supervisor for
        ten years ... what do these jobs pay" tells a story."""
        rows = top_k(scores, self._config.age_pool)  # a term of its own: at baseline too
        holding = [row for row in rows.tolist() if self._kinds.of(row) & Kind.AGE]
        top = float(scores[rows].max()) - baseline if holding else 0.0
        if top <= 0:
            return
        age = math.log((len(rows) + 1) / len(holding))
        rest = sum(idf(term) * weight for term, weight in query.weights.items())
        scores[holding] += self._config.age_lift * (age / rest if rest else 1.0) * top

    def _knows(self, term: str) -> bool:
        return bool(self._holders(term).size)
