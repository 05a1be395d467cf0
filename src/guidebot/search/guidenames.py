"""A question that names a guide: "what time does the gym open" in a knowledge base with a
gym guide and a pool guide, each with its own "Opening hours".

A guide's title is the outermost heading of every section in it, so a query term in the
title counts for each of its passages as a term in its heading does in the second stage.
Only terms that tell guides apart do: one in every guide's title ("guide", "riverside")
names none of them, and with a single guide nothing changes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping, Sequence

import numpy as np

from guidebot.knowledge.passages import Passage
from guidebot.knowledge.table import passage_column


class GuideNames:
    """Which guides each query term names by their titles, and the lift that gives them."""

    def __init__(
        self,
        passages: Sequence[Passage],
        guide_of: np.ndarray,
        openings: np.ndarray,
        terms_of: Callable[[str], list[str]],
        ignored: Collection[str] = (),
    ) -> None:
        """From passages (objects with .kind, .guide and .guide_title), their guides' slugs
        (`guide_of`, object [passages]: the retriever's) and the rows of the guides' openings
        (`openings`, int: introduction.introduction_rows); `terms_of` analyses a title as
        queries are analysed, `ignored` are terms that never name a guide (the words naming
        a document, "guide" or "page")."""
        self._guide_of = guide_of
        names = ("kind", "guide", "guide_title")
        # Distinct rows first, in C: a library's 100,000 passages come from a few guides.
        distinct = dict.fromkeys(zip(*(passage_column(passages, n) for n in names), strict=True))
        titles = {guide: title for kind, guide, title in distinct if kind == "guide"}
        naming: dict[str, set[str]] = {}
        for guide, title in titles.items():
            for term in terms_of(title):
                if term not in ignored:
                    naming.setdefault(term, set()).add(guide)
        self._naming = {
            term: frozenset(named) for term, named in naming.items() if len(named) < len(titles)
        }
        self._rows: dict[frozenset[str], np.ndarray] = {}
        if self._naming:
            of_guide: dict[str, list[int]] = {}
            for row, guide in enumerate(guide_of.tolist()):
                of_guide.setdefault(guide, []).append(row)
            for named in set(self._naming.values()):
                held = [row for guide in sorted(named) for row in of_guide.get(guide, [])]
                self._rows[named] = np.sort(np.array(held, dtype=np.int64))
        # A guide's opening, headed by its title, is not lifted: a word of the title says
        # which guide a question is about, not that it is about the guide as a whole.
        self._lifted = {
            named: np.setdiff1d(rows, openings, assume_unique=True)
            for named, rows in self._rows.items()
        }

    def level(
        self,
        scores: np.ndarray,
        weights: Mapping[str, float],
        score: Callable[[Mapping[str, float]], tuple[np.ndarray, float]],
    ) -> None:
        """Within each guide a query term names, give every passage the term's best score
        there (`score` of the term alone, its BM25 fields), in place: the title names the
        guide's subject in every section, so among them the word tells nothing ("and the
        gym?" after the pool's opening hours is the gym's opening hours, not "Gym
        Inductions" for saying "gym" most)."""
        for term, weight in weights.items():
            named = self._naming.get(term)
            if named is None or weight <= 0:
                continue
            rows = self._rows[named]
            alone, _ = score({term: weight})
            scores[rows] += float(alone[rows].max()) - alone[rows]

    def lift(
        self,
        scores: np.ndarray,
        baseline: float,
        terms: Sequence[str],
        idf: Callable[[str], float],
        holders: Callable[[str], np.ndarray],
        weight: float,
    ) -> None:
        """Raise the passages of each guide the query's terms name, in place, as the second
        stage raises a passage whose title holds them (rerank.second_stage): by `weight`
        times the share of the terms' weight it names, times the best score above
        `baseline`. A term is weighted by `idf`, except one naming guides, by how rare it
        is outside them (`holders`: the passages holding a term): "gym" in every section
        of the gym's guide tells little within it, and much among the rest. Ranking by
        meaning as well, a passage's guide is not in what the model read of it, so this
        comes after the fusion."""
        named = [t for t in dict.fromkeys(terms) if t in self._naming]
        finite = np.isfinite(scores)
        if not named or not weight or not finite.any():
            return
        top = float(scores[finite].max()) - baseline
        if top <= 0:
            return
        size = len(self._guide_of) + 1
        gains: dict[frozenset[str], float] = {}
        total = 0.0
        for term in dict.fromkeys(terms):
            guides = self._naming.get(term)
            if guides is None:
                total += idf(term)
                continue
            outside = np.setdiff1d(holders(term), self._rows[guides], assume_unique=True)
            rarity = math.log(size / (len(outside) + 1))
            gains[guides] = gains.get(guides, 0.0) + rarity
            total += rarity
        for guides, gain in gains.items():
            scores[self._lifted[guides]] += weight * top * gain / total

    @property
    def naming(self) -> Collection[str]:
        """The terms that name some guides and not all of them."""
        return self._naming.keys()

    def rows_named(self, terms: Collection[str]) -> np.ndarray | None:
        """int64 [k], sorted: the rows of the guides that every one of the terms naming a
        guide names ("the porto guide"), empty when they name no guide in common; None when
        none of the terms names one."""
        named = [self._naming[t] for t in dict.fromkeys(terms) if t in self._naming]
        if not named:
            return None
        guides = frozenset.intersection(*named)
        if guides in self._rows:
            return self._rows[guides]
        return np.flatnonzero(np.isin(self._guide_of, sorted(guides))).astype(np.int64)

    def named_by(self, terms: Collection[str]) -> frozenset[str]:
        """The guides (slugs) every one of the terms names; none when one names none."""
        named = [self._naming.get(t) for t in dict.fromkeys(terms)]
        if not named or any(n is None for n in named):
            return frozenset()
        return frozenset.intersection(*(n for n in named if n is not None))

    def named_in(self, terms: Collection[str], row: int) -> tuple[str, ...]:
        """The terms, in the order given, that name the guide of passage `row`."""
        guide = self._guide_of[row]
        return tuple(t for t in terms if guide in self._naming.get(t, ()))
