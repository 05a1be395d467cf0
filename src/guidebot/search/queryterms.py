"""From a question's text to the weighted terms BM25 scores it by: typos repaired, words
analysed, a word naming the document and a preamble before the asking sentence weighed less,
a topic ruled out left out."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from guidebot.search.ages import ages_told
from guidebot.search.analysis import Analyzer, words
from guidebot.search.answertypes import years_told
from guidebot.search.config import RetrievalConfig
from guidebot.search.frames import framed_words
from guidebot.search.highlights import PassageWords
from guidebot.search.informal import spelled_out
from guidebot.search.introduction import DocumentQuestions
from guidebot.search.negation import less_ruled_out
from guidebot.search.phrases import in_a_written_phrase
from guidebot.search.repairs import Repair
from guidebot.search.sections import Sections
from guidebot.search.sentences import asking_sentences
from guidebot.search.typos import TypoRepairer


@dataclass(frozen=True)
class Query:
    """A question as searched: its terms (analysed, those ruled out left out), its words
    after typo repair (`surface`), the repairs made, the terms of its everyday English
    words, each term's weight (earlier turns' terms added) and the summary phrasings it
    asks by ("tl;dr": DocumentQuestions.summaries_asked)."""

    terms: tuple[str, ...]
    surface: tuple[str, ...]
    repairs: tuple[Repair, ...]
    everyday: frozenset[str]
    weights: Mapping[str, float]
    summary: tuple[str, ...] = ()
    # Terms of words in a frame ("long" in "how long"): their word and the weight held back
    # from `weights` (frames.py).
    framed: Mapping[str, tuple[str, float]] = field(default_factory=dict)


class QueryTerms:
    """Reads questions against one knowledge base's vocabulary. Holds data and helpers that
    hold no retriever, so that a retriever holding it makes no reference cycle."""

    def __init__(
        self,
        analyzer: Analyzer,
        repairer: TypoRepairer,
        config: RetrievalConfig,
        known: Collection[str],
        headings: Mapping[str, object],
        sections: Sections,
        passage_words: PassageWords,
        document: DocumentQuestions,
    ) -> None:
        """`known`: the terms some passage uses; `headings`: the terms headings use (keys
        only are read); `sections` and `passage_words` say where a term is written and
        what follows it, for phrases ("guide dog"); `document`, which words name the
        document or ask for its summary."""
        self.analyzer, self.repairer, self.config = analyzer, repairer, config
        self._known, self._headings = known, headings
        self._sections, self._words = sections, passage_words
        self._document = document
        self._phrases: dict[tuple[str, str], bool] = {}  # phrases.in_a_written_phrase's

    def understand(self, question: str) -> tuple[list[str], list[str], list[Repair]]:
        """(terms, surface words after repair, repairs) for a question."""
        spelled, informal = spelled_out(question, self._writes)
        fixed, repairs = self.repairer.repair(words(spelled))
        return self.analyzer.terms_of_words(fixed), fixed, [*informal, *repairs]

    def _writes(self, word: str) -> bool:
        """Whether the knowledge writes a short form itself, or its plural ("loos" for
        "loo"; not the singular: "min" is "minimum" as often as "minute"), or its synonyms
        name it."""
        uses = self.repairer.uses
        return uses(word) or uses(f"{word}s") or self.analyzer.is_synonym(word)

    def everyday(self, surface: Sequence[str]) -> frozenset[str]:
        """The terms of these words that are common English words ("make", "wife"), as
        opposed to words of the field ("gre", "abet") or words it spells another way."""
        return frozenset(self.analyzer.stem(w) for w in surface if w in self.repairer.english)

    def query(self, question: str, context: Mapping[str, float] | None = None) -> Query:
        """The question's Query; `context` adds weighted terms from earlier turns."""
        terms, surface, repairs = self.understand(question)
        terms = less_ruled_out(question, terms, lambda text: self.understand(text)[0])
        # The asker's own age is no word to search ("22" met "22:00"): the answer-kind
        # lift finds the passage setting age limits (ages.py).
        told = set(ages_told(question))
        terms = [term for term in terms if term not in told]
        asked = self._asked_terms(question)
        counted = self._counted_units(surface)
        frames = {t: w for w in framed_words(surface) for t in self.analyzer.terms(w)}
        weights: dict[str, float] = {}
        held: dict[str, tuple[str, float]] = {}
        summary = tuple(self._document.summaries_asked(surface))
        document = self._document.document_terms.union(*map(self.analyzer.terms, summary))
        for term in terms:
            weight = (
                self._weight(term, terms, document)
                * (1.0 if asked is None or term in asked else self.config.preamble_weight)
                * (self.config.counted_unit_weight if term in counted else 1.0)
            )
            if term in frames:
                word, before = frames[term], held.get(term, ("", 0.0))[1]
                held[term] = (word, before + weight * (1.0 - self.config.frame_weight))
                weight *= self.config.frame_weight
            weights[term] = weights.get(term, 0.0) + weight
        for term, weight in (context or {}).items():
            weights[term] = weights.get(term, 0.0) + weight
        everyday = self.everyday(surface)
        return Query(tuple(terms), tuple(surface), tuple(repairs), everyday, weights, summary, held)

    def _asked_terms(self, question: str) -> set[str] | None:
        """The terms of the sentences that ask (end in "?") in a message that also has
        sentences that do not, when those asking sentences name a topic (a heading's word,
        or one of the field rather than everyday English); else None. People put their
        story first and the question last, but "Is that a problem?" names no topic."""
        asking = asking_sentences(question)
        if not asking:
            return None
        terms: set[str] = set()
        topical = False
        for sentence in asking:
            found, surface, _ = self.understand(sentence)
            terms.update(found)
            everyday = self.everyday(surface)
            topical = topical or any(
                t in self._known and (t in self._headings or t not in everyday) for t in found
            )
        return terms if topical else None

    def _counted_units(self, surface: Sequence[str]) -> set[str]:
        """The terms of the years the question counts as the asker's story
        (answertypes.years_told: "a line supervisor for ten years", "10 yrs ago", "over
        the next several years"), which should not pull towards the passage on how long a
        course takes. Not "is it a 4 year program", where the count is the question, nor a
        count of minutes or days, more often the topic itself ("40 mins late"). Read from
        the question's words as understood, informal spellings already spelt out."""
        return {t for unit in years_told(" ".join(surface)) for t in self.analyzer.terms(unit)}

    def _weight(self, term: str, terms: Sequence[str], document: Collection[str]) -> float:
        """A query term's weight: less for a word naming the document (`document`: "guide",
        or a summary asked for, "key points") when another word of the question names a
        topic of some heading ("salary"), or when it stands in a phrase the knowledge
        writes ("guide dog": phrases.in_a_written_phrase)."""
        if term not in document:
            return 1.0
        if any(t not in document and t in self._headings for t in terms):
            return self.config.document_weight
        holders, follows = self._sections.holders, self._words.follows
        if in_a_written_phrase(term, terms, holders, follows, self._phrases):
            return self.config.document_weight
        return 1.0
