"""From a question to ranked, scored passages: typo repair, analysis, weighted BM25 fields."""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Container, Mapping, Sequence
from functools import partial

import numpy as np

from guidebot.knowledge.labels import SectionLabels
from guidebot.knowledge.passages import Passage
from guidebot.knowledge.table import passage_column
from guidebot.search import derived
from guidebot.search.analysis import Analyzer
from guidebot.search.answertypes import AnswerKinds
from guidebot.search.bundle import Bundle
from guidebot.search.compounds import CompoundPieces
from guidebot.search.config import RetrievalConfig
from guidebot.search.coverage import HitCoverage, term_weight
from guidebot.search.english import EnglishWords
from guidebot.search.entrytitles import tempered
from guidebot.search.faqmatch import FaqMatcher
from guidebot.search.frames import FramedPassages
from guidebot.search.grouped import Scorer
from guidebot.search.guidenames import GuideNames
from guidebot.search.highlights import PassageWords
from guidebot.search.index import best_matching
from guidebot.search.introduction import DocumentQuestions
from guidebot.search.lifts import Lifts
from guidebot.search.phrases import written_together
from guidebot.search.queryterms import QueryTerms
from guidebot.search.repairs import Repair, as_repaired
from guidebot.search.rerank import second_stage
from guidebot.search.results import Hit, SearchResult
from guidebot.search.sections import Sections
from guidebot.search.semantic.expansion import expanded
from guidebot.search.semantic.fusion import fuse_meaning
from guidebot.search.semantic.passages import PassageVectors
from guidebot.search.typos import TypoRepairer


class Retriever:
    """Owns the field indexes over a fixed set of passages and answers searches against them."""

    def __init__(
        self,
        passages: Sequence[Passage],
        analyzer: Analyzer,
        config: RetrievalConfig,
        bundle: Bundle,
        english: Container[str] = frozenset(),
        vectors: PassageVectors | None = None,
    ) -> None:
        """Search `passages` through `bundle`, their field indexes built by
        `bundle.build_bundle` with the same analyzer and config (or read from the cache);
        `english` is the word list that typo repair never "corrects"; `vectors`, the
        passages' embeddings, turn on semantic fusion (raises ValueError when the bundle or
        the vectors were built for another number of passages)."""
        self.passages = passages
        self.analyzer = analyzer
        self.config = config
        if bundle.meta.get("passages") != len(self.passages):
            raise ValueError("the index bundle was built for other passages")
        self.bundle = bundle
        if vectors is not None and vectors.size != len(self.passages):
            raise ValueError("the embeddings were computed for other passages")
        self.vectors = vectors
        self.title, self.body = bundle.flat("title"), bundle.flat("body")
        self.section: Scorer = bundle.fields["section"]
        known = set(self.title.terms) | set(self.body.terms)
        wording = derived.wording_of(bundle.meta)
        self.faqs = FaqMatcher(*wording)
        self._frames = FramedPassages(passages, wording)
        self.unknown_idf = math.log(len(self.passages) + 1) + 1.0
        self._guide_of = np.array(passage_column(passages, "guide"), dtype=object)
        kinds = np.array(passage_column(passages, "kind"), dtype=object)
        # What the title field adds to a score (search.entrytitles); its postings are the same.
        title_scores: Scorer = self.title
        if config.entry_title_idf and vectors is not None:
            title_scores = tempered(self.title, self.body, kinds == "faq")
        weighted = (
            (title_scores, config.title_weight),
            (self.body, config.body_weight),
            (self.section, config.section_weight),
        )
        self._fields = [(field, weight) for field, weight in weighted if weight]
        self._words = PassageWords(self.passages, analyzer)
        self._pieces = CompoundPieces(self.passages, analyzer, self._words, config.rerank_pool)
        # Neither helper holds a method of the retriever: a load builds no reference cycle
        # (knowledge/gcpause.py), so a replaced bot is freed as soon as it is dropped.
        self._coverage = HitCoverage(analyzer, self.title, self._words, config, vectors)
        headings = derived.headings_by_term(bundle.meta)
        self.labels = SectionLabels(passages)
        # Which sections a term names or is used in, for clarifying and declining.
        self.sections = Sections(
            passages, self.labels, headings, self._guide_of, (self.title, self.body)
        )
        self._about_document = DocumentQuestions(
            passages,
            analyzer.terms,
            known,
            self.sections.holders,
            self._words.follows,
            headings,
            english,
            english.surprisal if isinstance(english, EnglishWords) else None,
            config,
        )
        meta, follows = bundle.meta, self._words.follows
        together = written_together(analyzer.terms_of_words, self.sections.holders, follows)
        written = meta["compounds"], meta["acronyms"]  # as the knowledge writes them
        self.repairer = TypoRepairer(
            meta["vocabulary"], known, analyzer, english, *written, together
        )
        self._queries = QueryTerms(
            analyzer,
            self.repairer,
            config,
            known,
            headings,
            self.sections,
            self._words,
            self._about_document,
        )
        # Which guides a question names by their titles' words (several guides only).
        about = self._about_document
        self.guide_names = GuideNames(
            passages, self._guide_of, about.introductions, analyzer.terms, about.document_terms
        )
        self._lifts = Lifts(
            AnswerKinds(passages),
            self._words.follows,
            kinds == "guide",
            self.guide_names,
            self.sections.holders,
            about,
            config,
            english,
            analyzer.terms_of_words,
        )

    def understand(self, question: str) -> tuple[list[str], list[str], list[Repair]]:
        """(terms, surface words after repair, repairs) for a question."""
        return self._queries.understand(question)

    def read(self, text: str) -> str:
        """The text as a sentence-embedding model is given it: its typos repaired."""
        _, surface, repairs = self.understand(text)
        return as_repaired(text, repairs, surface)

    def search(
        self,
        question: str,
        k: int = 5,
        context: Mapping[str, float] | None = None,
        guides: Collection[str] = (),
        boost: bool = True,
        meaning: str | None = None,
    ) -> SearchResult:
        """Best k passages for the question; `context` adds weighted terms from earlier turns,
        `boost=False` ranks by BM25 alone (no FAQ question match; with word vectors, the
        query expanded for words the knowledge lacks). With a sentence-embedding
        model or word vectors, `meaning` is what they read in the question's place (a
        follow-up together with the question it follows) for the similarity declines read
        and for most of the ranking, the question alone ranking for
        config.followup_own_share; with `context` and no `meaning`, BM25 alone ranks."""
        query = self._queries.query(question, context)
        terms, surface, weights = query.terms, query.surface, query.weights
        # BM25 also searches the knowledge's words nearest to those it lacks ("furniture"
        # for "sofa"), and a hit's matched terms name them (highlighted, and read by the
        # decline rules as words it shares with the question).
        config, vectors = self.config, self.vectors
        alignment = vectors.alignment if vectors is not None else None
        floor, share = config.expansion_floor, config.expansion_weight
        searched = expanded(weights, surface, alignment, self.analyzer, self.knows, floor, share)
        scores, baseline = self.score(searched)
        self._frames.restore(query.framed, scores, self.score)
        self.guide_names.level(scores, searched, self.score)
        if guides:  # rule out the passages of other guides
            scores[~np.isin(self._guide_of, list(guides))] = -np.inf
        asked, named = {*searched, *surface}, self.guide_names.named_in
        apart = self._pieces.lower(scores, baseline, searched, asked, self.score, named)
        # Asked in an entry's very words once its typos are repaired ("how much is a fillin").
        repaired = as_repaired(question, query.repairs, surface)
        # Read on from a topic, only in its very words: "and what is the price of it" is the
        # entry "price" with function words, but "it" is the topic's, not the entry's.
        exact = boost and self.faqs.lift_exact(repaired, scores, baseline, not context)
        if boost and not exact:
            stage = (config, self.faqs, self.title, self.idf)
            second_stage(*stage, question, terms, scores, baseline, apart)
        # The model reads the question as repaired: "tution range" is far from every
        # passage in meaning, "tuition range" is not. (Without one, nothing reads it.) A
        # follow-up's text alone ("and online?") says little: fused with it in its place,
        # the bundled dev set's follow-ups fell from 98.5% to 94.1%; read with the question
        # it follows, the ingested article's rose from 72.1% to 80.9% (all-mpnet-base-v2
        # int8). Its own words still count for a share (semantic.fusion.fuse_meaning).
        seen, alone, reading = question, None, None
        if self.vectors is not None:
            alone = repaired
            seen = alone if meaning is None else self.read(meaning)
            # A table of word vectors lacking most of a question's telling words ("docker
            # kubernetes necessary?") would judge it by "necessary" alone: its words decide.
            if self.vectors.reads(seen, self.config.semantic_known_share):
                reading = self.vectors
        # With context and no `meaning`, or boost off, BM25 alone ranks.
        fusing = reading if boost and (not context or meaning is not None) else None
        if fusing is not None:
            own = alone if meaning is not None else None
            fuse_meaning(scores, baseline, fusing, self.config, seen, own)
        if boost and not exact:
            fused, read_on = fusing is not None, bool(context)
            exact = self._lifts.apply(repaired, query, scores, baseline, self.idf, read_on, fused)
        hits = self._top(scores, searched, k, baseline, apart)
        loose = self._coverage.loose(surface, hits[0]) if hits and not exact else frozenset()
        coverage, similarity = (1.0 if exact else 0.0), None
        if hits and not exact:
            weight = self._weight_of(query.everyday)
            coverage = self._coverage.share(terms, surface, weight, hits[0], loose)
        if reading is not None and hits:
            similarity = self.similarity(seen, hits[0].row)
        return SearchResult(
            tuple(hits),
            tuple(terms),
            tuple(query.repairs),
            coverage,
            query.everyday,
            exact,
            tuple(surface),
            similarity,
            loose,
        )

    def similarity(self, text: str, row: int) -> float | None:
        """How close `text` is in meaning to passage `row`, as SearchResult.similarity
        measures it for the best passage; None without a model."""
        if self.vectors is None:
            return None
        config = self.config
        return self.vectors.agreement(
            text, row, config.semantic_prototype, config.semantic_cohesion
        )

    def score(self, weights: Mapping[str, float]) -> tuple[np.ndarray, float]:
        """Weighted sum of the fields' BM25 scores for weighted query terms, and the score a
        passage matching none of them gets (BM25+ gives every passage a constant)."""
        scores = np.zeros(len(self.passages))
        baseline = 0.0
        for field, field_weight in self._fields:
            baseline += field.accumulate(scores, weights, field_weight)
        return scores, baseline

    def idf(self, term: str) -> float:
        """How telling a term is across the passages; unknown terms count as most telling."""
        df = max(self.body.doc_freq(term), self.title.doc_freq(term))
        if df == 0:
            return self.unknown_idf
        return math.log((len(self.passages) + 1) / df)

    def names_the_document(self, term: str) -> bool:
        """Whether the term is one of the words naming the document itself ("guide", "page",
        "article": config.document_words), which say nothing about a topic."""
        return term in self._about_document.document_terms

    def knows(self, term: str) -> bool:
        """Whether any passage uses the (analysed) term."""
        return self.body.doc_freq(term) > 0 or self.title.doc_freq(term) > 0

    def highlights(self, hit: Hit) -> tuple[str, ...]:
        """Words of the hit's passage whose search terms all matched, in passage order, once
        each: what front ends emphasise."""
        return self._words.highlights(hit.row, hit.matched)

    def _matched(
        self, terms: Collection[str], doc: int, apart: Sequence[str] = ()
    ) -> tuple[str, ...]:
        held = tuple(t for t in self._words.matched(terms, doc) if t not in apart)
        return held + tuple(t for t in self.guide_names.named_in(terms, doc) if t not in held)

    def _top(
        self,
        scores: np.ndarray,
        weights: Mapping[str, float],
        k: int,
        baseline: float,
        apart: Mapping[int, tuple[str, ...]],
    ) -> list[Hit]:
        return [
            Hit(self.passages[doc], score, self._matched(weights, doc, away), doc, away)
            for doc, score in best_matching(scores, k, baseline)
            for away in [apart.get(doc, ())]
        ]

    def coverage_of(self, question: str, hit: Hit) -> tuple[float, frozenset[str]]:
        """(coverage, loose) as SearchResult gives them had this hit been the best."""
        terms, surface, _ = self.understand(question)
        loose = self._coverage.loose(surface, hit)
        weight = self._weight_of(self._queries.everyday(surface))
        return self._coverage.share(terms, surface, weight, hit, loose), loose

    def _weight_of(self, everyday: Collection[str]) -> Callable[[str], float]:
        """coverage.term_weight for a question whose everyday English terms these are."""
        return partial(term_weight, everyday=everyday, knows=self.knows, idf=self.idf)
