"""Whole-question matching against FAQ questions and alternates (rapidfuzz).

BM25 scores words one by one; a question worded like an FAQ entry's question or one of its
alternates is stronger evidence than its words alone, and for a question with no topic words
at all ("how much?") the wording is all there is to go on.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import groupby

import numpy as np
from rapidfuzz import fuzz, process

from guidebot.knowledge.passages import Passage
from guidebot.knowledge.table import passage_column
from guidebot.search.analysis import STOP_WORDS, words

# Function words that may stand around an FAQ entry's wording, at most, on each side of it
# for the question still to be asked in its words ("so what jobs can i get with it then").
AROUND = 4


def plain(text: str) -> str:
    """Text as its normalised words, so punctuation and case do not affect similarity."""
    return " ".join(words(text))


def faq_wording(passages: Sequence[Passage]) -> list[tuple[int, str]]:
    """(passage row, plain text) of every FAQ question and alternate, in passage order: what
    a FaqMatcher compares questions with (the index cache stores it, search/bundle.py)."""
    rows = [row for row, question in enumerate(passage_column(passages, "question")) if question]
    return [(row, plain(asked)) for row in rows for asked in passages[row].asked]


class FaqMatcher:
    """Every FAQ question and alternate, each matched on its own."""

    def __init__(self, rows: Sequence[int], texts: Sequence[str]) -> None:
        """texts[i], a question or alternate as `plain` gives it, belongs to passage rows[i];
        rows ascend (faq_wording's order)."""
        self._rows, self._texts = list(rows), list(texts)
        self._of_row: dict[int, range] = {}
        start = 0
        for row, group in groupby(self._rows):
            size = sum(1 for _ in group)
            self._of_row[row] = range(start, start + size)
            start += size
        self._exact: dict[str, set[int]] = {}
        for row, text in zip(self._rows, self._texts, strict=True):
            self._exact.setdefault(text, set()).add(row)

    def __bool__(self) -> bool:
        return bool(self._texts)

    def exact(self, question: str, trimmed: bool = True) -> set[int]:
        """The passages one of whose questions or alternates is worded exactly like this one
        (same words, case and punctuation aside), else, `trimmed`, like the longest part of
        it that leaves only function words before and after it, AROUND at most on each side:
        "what jobs can i get with it" is asked as "what jobs can i get" was written. The
        part must name something beyond function words; "what would i actually do" counts
        only whole."""
        said = words(question)
        whole = self._exact.get(" ".join(said))
        if whole or not trimmed:
            return whole or set()
        named = [i for i, w in enumerate(said) if w not in STOP_WORDS]
        if not named:
            return set()
        lead, end = named[0], named[-1] + 1
        starts = range(min(AROUND, lead) + 1)  # the words left off before: at most AROUND
        ends = range(max(end, len(said) - AROUND), len(said) + 1)  # and after
        parts = [(i, j) for i in starts for j in ends]
        for i, j in sorted(parts, key=lambda part: part[0] - part[1]):  # the longest first
            if j - i < len(said) and (found := self._exact.get(" ".join(said[i:j]))):
                return found
        return set()

    def lift_exact(
        self, question: str, scores: np.ndarray, baseline: float, trimmed: bool = True
    ) -> bool:
        """Put first, in place, the one FAQ entry (of those not ruled out, -inf in `scores`,
        float64 [passages]) that someone wrote in exactly these words (`exact`, `trimmed` or
        not), and say whether there was one: its author said what it answers, which
        outweighs any word count, even for a question of stop words only ("what would i
        actually do")."""
        rows = [r for r in self.exact(question, trimmed) if np.isfinite(scores[r])]
        if len(rows) != 1:
            return False
        top = float(scores.max()) - baseline
        scores[rows[0]] = baseline + 2 * max(top, 1.0)
        return True

    def best(
        self, question: str, floor: float, limit: int, rows: Iterable[int] | None = None
    ) -> list[tuple[int, float]]:
        """(passage row, similarity 0-100) of the closest FAQ entries, best first, one per row.

        `rows` limits the comparison to those passages: a large library compares the question
        with the few entries BM25 already ranks high instead of with every alternate.
        """
        if rows is None:
            texts, owners = self._texts, self._rows
        else:
            indices = [i for row in rows for i in self._of_row.get(row, ())]
            texts, owners = [self._texts[i] for i in indices], [self._rows[i] for i in indices]
        matches = process.extract(
            plain(question), texts, scorer=fuzz.token_set_ratio, limit=limit * 3, score_cutoff=floor
        )
        best: dict[int, float] = {}
        for _, similarity, index in matches:
            best.setdefault(owners[index], similarity)
        return list(best.items())[:limit]
