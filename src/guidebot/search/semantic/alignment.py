"""Soft term matching with word vectors: how well each word of a question finds a word of
like meaning in a passage, for ranking with a table of static word vectors.

The table reads a text as the weighted mean of its words (wordvectors.py), and a mean
blurs: in "what classes will i take" the everyday "take" pulls as hard towards a heading
"How long does it take ..." as "classes" pulls towards "coursework". Here each question word
is matched with the one passage word nearest to it in meaning, and a passage scores the
weighted mean of those best matches: the word-level alignment of BERTScore (T. Zhang et al.,
"BERTScore: Evaluating Text Generation with BERT", ICLR 2020) and of ColBERT's late
interaction (O. Khattab, M. Zaharia, SIGIR 2020), with static vectors in place of
contextual ones, and the question word's weight in the table (Arora et al.'s a / (a + p(w)))
as its importance. Matches under a floor count as none: two unrelated words are still
somewhat alike, and that likeness favours long passages, which hold more words to pick from.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from guidebot.knowledge.passages import Passage
from guidebot.knowledge.table import passage_column
from guidebot.search.analysis import STOP_WORDS
from guidebot.search.analysis import words as words_of
from guidebot.search.semantic.nearwords import NearWords, spans
from guidebot.search.semantic.wordvectors import WordVectors

# Question words weighing less than this are left out: the most frequent words of English
# ("the", "what", "is", "my"), which match themselves in nearly every passage and cost as
# much to align as a telling word.
MIN_WEIGHT = 0.1


class WordAlignment:
    """For a fixed set of passages, the words of each that the table holds, as postings:
    for each word, the passages holding it and whether their title does."""

    def __init__(
        self,
        table: WordVectors,
        fields: Sequence[tuple[str, str]],
        near: Callable[[WordVectors, np.ndarray], NearWords | None] | None = None,
    ) -> None:
        """fields: (title, body) of each passage: an FAQ entry's phrasings and its answer, a
        guide passage's heading and its text. near: given the table and the rows of the
        knowledge's words in it (int64 [words], in this numbering), their NearWords
        (nearwords.cached), which the methods look words up in for a floor at or above
        their reach; without them, or under it, each question is multiplied with every
        word."""
        self.table = table
        self.size = len(fields)
        vocabulary: dict[int, int] = {}  # row in the table -> its number here
        spelled: list[str] = []  # by number: the knowledge's word first read as that row
        words: list[int] = []
        titled: list[bool] = []
        lengths = np.zeros(self.size, dtype=np.int64)

        def numbered(text: str) -> set[int]:
            found = set()
            for word in words_of(text):
                row = table.row(word)
                if row is not None:
                    if row not in vocabulary:
                        vocabulary[row] = len(spelled)
                        spelled.append(word)
                    found.add(vocabulary[row])
            return found

        for passage, (title, body) in enumerate(fields):
            heading = numbered(title)
            own = heading | numbered(body)
            words += own
            titled += [w in heading for w in own]
            lengths[passage] = len(own)
        table_rows = np.fromiter(vocabulary, dtype=np.int64, count=len(vocabulary))
        self._vectors = table.unit_vectors(table_rows)
        self._near = near(table, table_rows) if near is not None else None
        self._spelled = spelled
        # Words a question's missing word may be read as (nearest_words): three letters or
        # more and no stop word, not "ai", "2026" or "about".
        self._readable = np.array(
            [w.isalpha() and len(w) > 2 and w not in STOP_WORDS for w in spelled], dtype=bool
        )
        numbers = np.asarray(words, dtype=np.int64)
        self._own, self._starts = numbers, np.r_[0, np.cumsum(lengths)]  # by passage
        order = np.argsort(numbers, kind="stable")
        self._holders = np.repeat(np.arange(self.size), lengths)[order]
        self._titled = np.asarray(titled, dtype=bool)[order]
        self._counts = np.bincount(numbers, minlength=len(vocabulary))
        self._bounds = np.r_[0, np.cumsum(self._counts)]

    @classmethod
    def of_passages(
        cls,
        table: WordVectors,
        passages: Sequence[Passage],
        near: Callable[[WordVectors, np.ndarray], NearWords | None] | None = None,
    ) -> WordAlignment:
        """The alignment of passages: title (an FAQ entry's question and alternates, a guide
        passage's heading) and text, read by column (no Passage made from a snapshot)."""
        titles, texts = passage_column(passages, "title"), passage_column(passages, "text")
        return cls(table, list(zip(titles, texts, strict=True)), near)

    def _pairs(self, rows: np.ndarray, floor: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(which, word, cosine) for each of the knowledge's words at `floor` or more to one
        of the table's `rows`: `which` indexes `rows`, ascending, the words ascending within
        each (NearWords.pairs), looked up when the lists reach that low, else multiplied."""
        if self._near is not None and floor >= self._near.reach:
            return self._near.pairs(rows, floor)
        # [words, vocabulary], multiplied vocabulary-first: OpenBLAS takes about two
        # thirds of the time for a tall matrix times a few columns than the other way round.
        cosines = (self._vectors @ self.table.unit_vectors(rows).T).T
        which, word = np.nonzero(cosines >= floor)
        return which, word, cosines[which, word]

    def scores(self, question: str, floor: float, body: float = 1.0) -> np.ndarray:
        """float64 [passages] in [0, 1] (up to float32 rounding): the weighted mean over the
        question's words (each once, those of weight MIN_WEIGHT or more) of the cosine to
        their nearest word in each passage, a cosine under `floor` counting as 0 and one to
        a word only in the passage's body `body` times as much; zero for every passage when
        the table holds none of those words, and for a passage when it holds none of its.
        Raises ValueError for a floor outside (0, 1] (at 0 or less every word is near every
        other, and a question visits every posting) or a body weight outside [0, 1]."""
        if not 0.0 < floor <= 1.0 or not 0.0 <= body <= 1.0:
            raise ValueError(f"floor {floor} must be in (0, 1] and body {body} in [0, 1]")
        rows = np.unique(self.table.rows(words_of(question)))
        weights = self.table.weights(rows)
        rows, weights = rows[weights >= MIN_WEIGHT], weights[weights >= MIN_WEIGHT]
        if not len(rows) or not len(self._holders):
            return np.zeros(self.size)
        # Above the floor a word has few near words, so only their passages are visited:
        # the postings of every (question word, near word) pair, one after another.
        word, near, cosines = self._pairs(rows, floor)
        counts = self._counts[near]
        postings = spans(self._bounds[near], counts)
        values = np.repeat(cosines, counts)
        if body != 1.0:
            values = np.where(self._titled[postings], values, body * values)
        nearest = np.zeros((len(rows), self.size))
        np.maximum.at(
            nearest.reshape(-1),
            np.repeat(word, counts) * self.size + self._holders[postings],
            values,
        )
        return (weights @ nearest) / float(weights.sum())

    def nearest(self, word: str, row: int, floor: float) -> float:
        """The cosine of `word` to its nearest word in passage `row` (title or body alike),
        0.0 under `floor`, for a word the table lacks, or one of weight under MIN_WEIGHT:
        scores(word, floor)[row], reading that passage's words only (coverage asks it of
        the best passage on every search). Raises ValueError for a floor outside (0, 1]."""
        if not 0.0 < floor <= 1.0:
            raise ValueError(f"floor {floor} must be in (0, 1]")
        rows = np.unique(self.table.rows(words_of(word)))
        rows = rows[self.table.weights(rows) >= MIN_WEIGHT]
        own = self._own[self._starts[row] : self._starts[row + 1]]
        if not len(rows) or not len(own):
            return 0.0
        if self._near is not None and floor >= self._near.reach:
            _, near, cosines = self._near.pairs(rows, floor)
            return float(cosines[np.isin(near, own)].max(initial=0.0))
        best = float((self.table.unit_vectors(rows) @ self._vectors[own].T).max())
        return best if best >= floor else 0.0

    def nearest_words(self, words: Sequence[str], floor: float) -> list[tuple[str, float] | None]:
        """For each of `words`, (the knowledge's word nearest to it in meaning, their cosine)
        when that is at least `floor`, among the passages' words of three letters or more,
        letters only and no stop word; None for a word the table lacks, or when none is that
        near. Looked up together, or multiplied in one product: at 20,000 passages the
        knowledge holds tens of thousands of words. Raises ValueError for a floor outside
        (0, 1]."""
        if not 0.0 < floor <= 1.0:
            raise ValueError(f"floor {floor} must be in (0, 1]")
        rows = [self.table.row(word) for word in words]
        found: list[tuple[str, float] | None] = [None] * len(words)
        asked = [at for at, row in enumerate(rows) if row is not None]
        if not asked or not self._readable.any():
            return found
        which, near, cosines = self._pairs(np.array([rows[at] for at in asked]), floor)
        readable = self._readable[near]
        # The nearest, the first of the knowledge's words on a tie (as argmax takes it).
        for one, word, cosine in zip(
            which[readable].tolist(),
            near[readable].tolist(),
            cosines[readable].tolist(),
            strict=True,
        ):
            at, before = asked[one], found[asked[one]]
            if before is None or cosine > before[1]:
                found[at] = (self._spelled[word], cosine)
        return found
