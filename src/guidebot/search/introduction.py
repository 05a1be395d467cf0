"""Questions about a document as a whole ("what is this article about?", "tl;dr?") and the
passages that answer them: a guide's summary section ("Key Takeaways", "Summary") for a
question asking for its gist, else its introduction, the text before its first heading."""

from __future__ import annotations

from collections.abc import Callable, Collection, Container, Sequence
from typing import Any

import numpy as np

from guidebot.knowledge.passages import INTRO
from guidebot.knowledge.table import passage_column
from guidebot.search.analysis import words
from guidebot.search.config import RetrievalConfig
from guidebot.search.english import EnglishWords

THIS = frozenset(("this", "the", "your", "whole"))  # before a word naming the document


def introduction_rows(passages: Sequence[Any]) -> np.ndarray:
    """int64 [k]: the rows of the passages of an introduction section: the guide passages
    with ids guide/intro/n, and the FAQ entries drawn from that section."""
    kinds, ids = passage_column(passages, "kind"), passage_column(passages, "id")
    opening = {
        pair
        for kind, pid, pair in zip(kinds, ids, _sections(passages), strict=True)
        if kind == "guide" and pid.split("/")[1:2] == [INTRO]
    }
    return _rows_of(passages, opening)


def summary_rows(passages: Sequence[Any], headings: Sequence[str]) -> np.ndarray:
    """int64 [k]: the rows of the passages of a section whose heading names a summary (holds
    one of `headings`, phrases such as "key takeaways", word for word), guide passages and
    the FAQ entries drawn from that section alike."""
    wanted = [words(h.lower()) for h in headings]
    kinds = passage_column(passages, "kind")
    summaries = {
        pair
        for kind, pair in zip(kinds, _sections(passages), strict=True)
        if kind == "guide" and any(_holds(words(pair[1].lower()), p) for p in wanted)
    }
    return _rows_of(passages, summaries)


class DocumentQuestions:
    """Tells a question about the document itself from one about a topic, and which
    passages answer it: a guide's summary section when the question asks for a summary
    and one exists, else its introduction.

    A question is about the document when it names the document ("this article",
    config.document_words) or asks for its gist (config.summary_words: "tl;dr", "main
    takeaways"), and its other words are everyday English (at most `common` nats, see
    EnglishWords.surprisal) naming no heading: "who is this guide written for", "give me the
    main takeaways", but not "what does the guide say about salary"."""

    def __init__(
        self,
        passages: Sequence[Any],
        terms_of: Callable[[str], Sequence[str]],
        document_terms: Collection[str],
        heading_terms: Container[str],
        english: Container[str],
        config: RetrievalConfig,
    ) -> None:
        """`terms_of`: the analyser's terms of a word; `heading_terms`: the terms headings
        use; `english`: common English words (an EnglishWords reads their rarity too);
        `config`: summary_words, summary_headings and document_common are read."""
        self._terms_of, self._document = terms_of, document_terms
        self._headings, self._english = heading_terms, english
        self._common = config.document_common
        self._asking = {w: words(w.lower()) for w in config.summary_words}
        self.introductions = introduction_rows(passages)
        self.summaries = summary_rows(passages, config.summary_headings)

    def answering(self, surface: Sequence[str], terms: Sequence[str]) -> np.ndarray | None:
        """The rows answering a question about the document (its `surface` words, typos
        repaired, and its query `terms`), or None for a question about a topic."""
        said = [w.lower() for w in surface]
        summary = [asked for asked, phrase in self._asking.items() if _holds(said, phrase)]
        spent = {w for asked in summary for w in self._asking[asked]}
        # With the words' own terms, those of the phrases as the synonyms read them.
        accounted = set(self._document).union(*map(self._terms_of, summary))
        named, this, rest = False, False, False
        for at, word in enumerate(said):
            of_word = self._terms_of(word)
            accounted.update(of_word)
            if word in spent or not of_word:
                continue
            if all(t in self._document for t in of_word):
                named = True
                this = this or (at > 0 and said[at - 1] in THIS)
            elif self._everyday(word, of_word):
                rest = True
            else:
                return None
        # A term no word yields alone is a phrase's synonym ("other articles" as "related").
        if not accounted.issuperset(terms):
            return None
        # Beside other words, only "this guide" names the document: "other articles like
        # this one" asks for related ones.
        if not (summary or (named and (this or not rest))):
            return None
        if summary and self.summaries.size:
            return self.summaries
        return self.introductions

    def _everyday(self, word: str, terms: Sequence[str]) -> bool:
        """A common English word naming no heading: "written", "point", "main"."""
        if word not in self._english or any(t in self._headings for t in terms):
            return False
        english = self._english
        return not isinstance(english, EnglishWords) or english.surprisal(word) <= self._common


def lift_rows(scores: np.ndarray, baseline: float, rows: np.ndarray) -> bool:
    """Put the passages of `rows` not ruled out (finite in `scores`, float64 [passages],
    changed in place) above every other passage and above `baseline` (the score of a
    passage matching nothing), keeping their order among themselves.

    Returns whether any could be lifted: the question is about the document, and these
    passages then answer it as fully as an FAQ entry asked in its words, whether or not
    they use its words ("guide" in an article that never says it)."""
    open_rows = rows[np.isfinite(scores[rows])]
    if not open_rows.size:
        return False
    others = scores.copy()
    others[open_rows] = -np.inf
    top = max(float(others.max()), baseline)
    # Raised together, so that they keep their order (an FAQ entry on the introduction
    # written for the question before the opening paragraph itself).
    lift = top + 1e-6 * max(abs(top), 1.0) - float(scores[open_rows].max())
    if lift > 0:
        scores[open_rows] += lift
    return True


def _sections(passages: Sequence[Any]) -> list[tuple[str, str]]:
    guides, sections = passage_column(passages, "guide"), passage_column(passages, "section")
    return list(zip(guides, sections, strict=True))


def _rows_of(passages: Sequence[Any], sections: Collection[tuple[str, str]]) -> np.ndarray:
    pairs = _sections(passages)
    return np.array([row for row, pair in enumerate(pairs) if pair in sections], dtype=np.int64)


def _holds(said: Sequence[str], phrase: Sequence[str]) -> bool:
    """Whether the words `phrase` stand together, in order, in `said`."""
    n = len(phrase)
    return n > 0 and any(list(said[at : at + n]) == list(phrase) for at in range(len(said) - n + 1))
