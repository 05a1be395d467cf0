"""Analysis of many texts at once, for index builds: each text's terms as `Analyzer.terms`
gives them (as term ids) and the count of every word `words` gives, in a fraction of the
time that analysing text by text takes on a large library.

Text by text, every word costs a regex match and several dict lookups; at 100,000 passages
that is ten million of each. Here texts are cut into pieces (pieces.py): runs of the
characters that a word of ASCII text can hold, letters, digits and ' . , (TOKEN_PATTERN).
Nothing `words` does to a word looks past such a run, so a text's words are its pieces'
words, one piece after another. Each distinct piece (about 100,000 of the ten million at
100,000 passages) is split into words, and each distinct word analysed, once; the rest is
numpy arithmetic over piece numbers. Text that is not ASCII is split by `words` itself
(pieces.py). A text holding a word that a synonym may rewrite (a single-word synonym or a
phrase's first word) gets its terms from `Analyzer.terms`, as a phrase can span pieces.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from guidebot.search.analysis import Analyzer
from guidebot.search.pieces import Pieces

CHUNK = 8192  # texts cut into pieces at a time: bounds the temporaries to a few MB


class Docs(NamedTuple):
    """Documents as one flat array: document i is the next lengths[i] entries of ids."""

    ids: np.ndarray  # int32 [entries]
    lengths: np.ndarray  # int64 [documents]


def take(docs: Docs, rows: np.ndarray) -> Docs:
    """The documents numbered rows (int [k]), in that order."""
    lengths = docs.lengths[rows]
    if np.all(rows[1:] > rows[:-1]):
        # In order (the usual case): a mask over the entries, no int64 index per entry.
        keep = np.zeros(len(docs.lengths), dtype=bool)
        keep[rows] = True
        return Docs(docs.ids[np.repeat(keep, docs.lengths)], lengths)
    starts = np.cumsum(docs.lengths) - docs.lengths
    return Docs(docs.ids[_ranges(starts[rows], lengths)], lengths)


class BulkAnalyzer:
    """Analyses texts with an Analyzer, in bulk, numbering their terms and counting their
    words as it goes."""

    def __init__(self, analyzer: Analyzer) -> None:
        self.analyzer = analyzer
        self.terms: dict[str, int] = {}  # term -> id, in order of first use
        self._words: dict[str, int] = {}  # surface word -> id, in order of first use
        self._word_term = np.zeros(0, dtype=np.int32)  # by word id: its term, -1 if none
        self._word_rewrites = np.zeros(0, dtype=bool)  # whether a synonym may rewrite it
        self._pieces = Pieces()
        # By piece number: its words' ids, its terms' ids, whether it holds a word that a
        # synonym may rewrite, how often it occurred so far.
        self._piece_words = _Rows()
        self._piece_terms = _Rows()
        self._rewrites = np.zeros(0, dtype=bool)
        self._seen = np.zeros(0, dtype=np.int64)

    def analyse(self, texts: Sequence[str]) -> Docs:
        """Each text's terms, as ids into `terms`: what `Analyzer.terms` gives."""
        parts = [self._analyse(texts[s : s + CHUNK]) for s in range(0, len(texts), CHUNK)]
        if not parts:
            return Docs(np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int64))
        return Docs(*map(np.concatenate, zip(*parts, strict=True)))

    def vocabulary(self) -> dict[str, int]:
        """The alphabetic words of the texts analysed so far and how often each occurs, in
        order of first use: what a Counter over their `words` holds."""
        counts = np.zeros(len(self._words), dtype=np.int64)
        rows = self._piece_words
        np.add.at(counts, rows.ids, np.repeat(self._seen, rows.counts))
        return {w: n for w, n in zip(self._words, counts.tolist(), strict=True) if w.isalpha()}

    def _analyse(self, texts: Sequence[str]) -> Docs:
        cut = self._pieces.number(texts)
        self._learn(cut.words, cut.counts)
        pieces = cut.numbers
        seen = np.bincount(pieces, minlength=len(self._rewrites))
        seen[: len(self._seen)] += self._seen
        self._seen = seen
        ids, counts = self._piece_terms.expand(pieces)
        terms_before = np.concatenate(([0], np.cumsum(counts)))  # by piece
        docs = Docs(ids, np.diff(terms_before[np.cumsum(cut.lengths)], prepend=0))
        rewrites = self._rewrites[pieces]
        if rewrites.any():
            text_of = np.repeat(np.arange(len(texts)), cut.lengths)
            docs = self._rewrite(docs, texts, np.unique(text_of[rewrites]).tolist())
        return docs

    def _learn(self, words: list[str], counts: np.ndarray) -> None:
        """Analyse the pieces numbered last: their words one piece after another, counts[i]
        of them piece i's."""
        known = len(self._words)
        number = self._words.setdefault
        word_ids = np.fromiter((number(w, len(self._words)) for w in words), np.int64, len(words))
        # The words met for the first time, in the order they were numbered.
        fresh = [w for w, n in zip(words, word_ids.tolist(), strict=True) if n >= known]
        fresh = list(dict.fromkeys(fresh))
        terms = [-1 if t is None else self._term_id(t) for t in map(self.analyzer.term_of, fresh)]
        rewrites = list(map(self.analyzer.may_rewrite, fresh))
        self._word_term = np.concatenate((self._word_term, np.array(terms, dtype=np.int32)))
        self._word_rewrites = np.concatenate((self._word_rewrites, np.array(rewrites, bool)))
        piece_of = np.repeat(np.arange(len(counts)), counts)
        term_ids = self._word_term[word_ids]
        kept = term_ids >= 0
        self._piece_words.extend(word_ids, counts)
        self._piece_terms.extend(term_ids[kept], np.bincount(piece_of[kept], None, len(counts)))
        held = np.bincount(piece_of, self._word_rewrites[word_ids], len(counts)) > 0
        self._rewrites = np.concatenate((self._rewrites, held))

    def _term_id(self, term: str) -> int:
        return self.terms.setdefault(term, len(self.terms))

    def _rewrite(self, docs: Docs, texts: Sequence[str], rewritten: list[int]) -> Docs:
        """docs (of texts) with the texts numbered `rewritten` analysed by Analyzer.terms."""
        parts = np.split(docs.ids, np.cumsum(docs.lengths)[:-1])
        for number in rewritten:
            terms = self.analyzer.terms(texts[number])
            parts[number] = np.array([self._term_id(t) for t in terms], dtype=np.int32)
        return Docs(np.concatenate(parts), np.fromiter(map(len, parts), np.int64, len(parts)))


class _Rows:
    """Rows of ids, appended in bulk: row i is ids[starts[i] : starts[i] + counts[i]]."""

    def __init__(self) -> None:
        self.starts = np.zeros(0, dtype=np.int64)
        self.counts = np.zeros(0, dtype=np.int64)
        self.ids = np.zeros(0, dtype=np.int32)

    def extend(self, ids: np.ndarray, counts: np.ndarray) -> None:
        """Append rows: the first counts[0] of ids, then the next counts[1], ..."""
        starts = len(self.ids) + np.cumsum(counts) - counts
        self.starts = np.concatenate((self.starts, starts))
        self.counts = np.concatenate((self.counts, counts))
        self.ids = np.concatenate((self.ids, ids.astype(np.int32)))

    def expand(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(the ids of rows (int [k]) one after another, int32; how many each row has)."""
        counts = self.counts[rows]
        return self.ids[_ranges(self.starts[rows], counts)], counts


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The integers of each range [starts[i], starts[i] + lengths[i]), one range after
    another (int64 [lengths.sum()])."""
    ends = np.cumsum(lengths)
    total = int(ends[-1]) if len(ends) else 0
    return np.repeat(starts - ends + lengths, lengths) + np.arange(total)
