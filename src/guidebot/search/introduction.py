"""Questions about a document as a whole ("what is this article about?", "tl;dr?") and the
passages that answer them: a guide's summary section ("Key Takeaways", "At a glance") for a
question asking for its gist, else its introduction, the text before its first heading."""

from __future__ import annotations

from collections.abc import Callable, Collection, Container, Sequence
from typing import Any

import numpy as np

from guidebot.knowledge.passages import INTRO
from guidebot.knowledge.table import passage_column
from guidebot.search.analysis import is_number, words
from guidebot.search.config import RetrievalConfig

# Before a word naming the document, these make it this one: "this guide", "the article",
# "your page", "this whole guide"; "other articles like this one" asks for related ones.
THIS = frozenset(("this", "the", "your", "whole"))
# The asker doing what a document does ("can I say no?", "who do we talk to") names none.
ASKERS = frozenset(("i", "we"))


def introduction_rows(passages: Sequence[Any]) -> np.ndarray:
    """int64 [k]: the rows of the passages of an introduction section: the guide passages
    with ids guide/intro/n, and the FAQ entries drawn from that section."""
    kinds, ids = passage_column(passages, "kind"), passage_column(passages, "id")
    pairs = _sections(passages)
    opening = {
        pair
        for kind, pid, pair in zip(kinds, ids, pairs, strict=True)
        if kind == "guide" and pid.split("/")[1:2] == [INTRO]
    }
    return _rows_of(pairs, opening)


def summary_rows(passages: Sequence[Any], headings: Collection[str]) -> np.ndarray:
    """int64 [k]: the rows of the passages of a guide section headed as a summary, its
    heading's words those of one of `headings` ("Key Takeaways", not "Museum Highlights"),
    guide passages and the FAQ entries drawn from that section alike."""
    wanted = {tuple(words(h.lower())) for h in headings}
    kinds, pairs = passage_column(passages, "kind"), _sections(passages)
    guide_sections = {pair for kind, pair in zip(kinds, pairs, strict=True) if kind == "guide"}
    summaries = {pair for pair in guide_sections if tuple(words(pair[1].lower())) in wanted}
    return _rows_of(pairs, summaries)


class DocumentQuestions:
    """Tells a question about the document itself from one about a topic, and which
    passages answer it: a guide's summary section when the question asks for a summary
    and one exists, else its introduction.

    A question is about the document when it names the document ("this article",
    config.document_words) or asks for its gist (config.summary_words: "tl;dr", "main
    takeaways") and names nothing else: each of its other words is English the knowledge
    never uses (at most config.document_common nats rare, EnglishWords.surprisal), or so
    common that using it says nothing (at most config.document_known_common), and names no
    heading. "who is this guide written for" and "give me the main takeaways" are about
    the document; "what does this guide say about dinner" is not, in a guide that mentions
    dinner."""

    def __init__(
        self,
        passages: Sequence[Any],
        terms_of: Callable[[str], Sequence[str]],
        known: Container[str],
        holders: Callable[[str], np.ndarray],
        follows: Callable[[int, str, str], bool],
        heading_terms: Container[str],
        english: Container[str],
        surprisal: Callable[[str], float] | None,
        config: RetrievalConfig,
    ) -> None:
        """`terms_of`: the analyser's terms of a word; `known`: the terms some passage uses;
        `holders(term)`: the rows of the passages using it; `follows(row, a, b)`: whether
        passage `row` writes term b right after a; `heading_terms`: the terms
        headings use; `english`: English words, and `surprisal` their rarity (None: unknown,
        and a word the knowledge uses then names a topic)."""
        self._terms_of, self._known, self._holders = terms_of, known, holders
        self._follows = follows
        self._headings, self._english, self._surprisal = heading_terms, english, surprisal
        self._common, self._known_common = config.document_common, config.document_known_common
        self.introductions = introduction_rows(passages)
        self.summaries = summary_rows(passages, config.summary_headings)
        self._in_summaries = frozenset(self.summaries.tolist())
        self._written: dict[str, bool] = {}  # summary phrasing -> the knowledge writes it
        self._phrasings = {p: words(p.lower()) for p in config.summary_words}
        self._opening: dict[str, list[str]] = {}  # first word -> the phrasings it opens
        for phrase, of in self._phrasings.items():
            if of:
                self._opening.setdefault(of[0], []).append(phrase)
        single = [p for p, of in self._phrasings.items() if len(of) == 1 and not self._writes(p)]
        # A word asking for a summary ("overview") names the document as much as "guide".
        named = (*config.document_words, *single)
        self.document_terms = frozenset(t for w in named for t in terms_of(w))

    def summaries_asked(self, surface: Sequence[str]) -> list[str]:
        """The summary phrasings (config.summary_words) standing together in the question's
        `surface` words, but for those the knowledge writes outside its summary sections
        (a salon's "highlights" are a service, not a summary)."""
        said = [w.lower() for w in surface]
        found = [
            phrase
            for at, word in enumerate(said)
            for phrase in self._opening.get(word, ())
            if said[at : at + len(self._phrasings[phrase])] == self._phrasings[phrase]
        ]
        return [p for p in dict.fromkeys(found) if not self._writes(p)]

    def answering(
        self,
        surface: Sequence[str],
        terms: Sequence[str],
        summary: Sequence[str],
        naming: Container[str] = (),
        within: np.ndarray | None = None,
    ) -> np.ndarray | None:
        """The rows answering a question about the document (its `surface` words, typos
        repaired, its query `terms` and the `summary` phrasings summaries_asked found in
        it), or None for a question about a topic. With several guides, a word whose terms
        are among `naming` (guidenames.GuideNames.naming) names a document as "guide" does,
        and the rows are then those of `within` (int64, sorted: the guides it names):
        "summarize the porto guide" is that guide's summary, or its introduction."""
        said = [w.lower() for w in surface]
        if not summary and not any(t in self.document_terms for t in terms):
            return None  # most questions: neither names the document nor asks its gist
        spent = {w for asked in summary for w in self._phrasings[asked]}
        # With the words' own terms, those of the phrases as the synonyms read them.
        accounted = set(self.document_terms).union(*map(self._terms_of, summary))
        named, this, rest = False, False, False
        for at, word in enumerate(said):
            of_word = self._terms_of(word)
            accounted.update(of_word)
            if word in spent or not of_word or _a_count(said, at, of_word, spent):
                continue
            if all(t in self.document_terms or t in naming for t in of_word):
                if at > 0 and said[at - 1] in ASKERS:
                    return None
                named = True
                this = this or (at > 0 and said[at - 1] in THIS)
            elif self._says_nothing(word, of_word):
                rest = True
            else:
                return None
        # A term no word yields alone is a phrase's synonym ("other articles" as "related").
        if not accounted.issuperset(terms):
            return None
        if not (summary or (named and (this or not rest))):
            return None
        summaries, introductions = self.summaries, self.introductions
        if within is not None:
            summaries = np.intersect1d(summaries, within, assume_unique=True)
            introductions = np.intersect1d(introductions, within, assume_unique=True)
        return summaries if summary and summaries.size else introductions

    def _says_nothing(self, word: str, terms: Sequence[str]) -> bool:
        """Whether a word beside the document's name names no topic: English, no heading's
        word, and either unused by the knowledge or among the commonest words."""
        if word not in self._english or any(t in self._headings for t in terms):
            return False
        rarity = self._surprisal(word) if self._surprisal else None
        if any(t in self._known for t in terms):
            return rarity is not None and rarity <= self._known_common
        return rarity is None or rarity <= self._common

    def _writes(self, phrase: str) -> bool:
        """Whether some passage outside the summary sections writes the phrase: its one
        term ("highlights"), or its terms side by side ("main points", not "the main
        restaurant" and "loyalty points" apart). A phrasing of one term among stop words
        ("in short", "sum it up") is an idiom no passage writes as content ("lump sum")."""
        if phrase not in self._written:
            terms = self._terms_of(phrase)
            idiom = len(self._phrasings[phrase]) > 1 and len(terms) < 2
            rows = [] if not terms else self._holders(terms[0]).tolist()
            outside = [row for row in rows if row not in self._in_summaries]
            pairs = list(zip(terms, terms[1:], strict=False))
            self._written[phrase] = not idiom and any(
                all(self._follows(row, a, b) for a, b in pairs) for row in outside
            )
        return self._written[phrase]


def _a_count(said: Sequence[str], at: int, terms: Sequence[str], spent: Container[str]) -> bool:
    """Whether the word at `at` (its `terms`) is a count of the points asked for, a figure
    one or two words before a summary phrasing's word ("the 3 main takeaways", "top five
    key points"): how much to say, not a figure to look up."""
    return all(map(is_number, terms)) and any(w in spent for w in said[at + 1 : at + 3])


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


def _rows_of(pairs: Sequence[tuple[str, str]], sections: Collection[tuple[str, str]]) -> np.ndarray:
    return np.array([row for row, pair in enumerate(pairs) if pair in sections], dtype=np.int64)
