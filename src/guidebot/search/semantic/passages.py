"""Passage embeddings for the semantic re-ranker: which texts of each passage are embedded,
computed once per knowledge and model and kept in the cache directory, and the similarity
of a question to every passage.

A passage is embedded as several "views" and scores the best of them, as nearest-neighbour
FAQ retrieval does (each example question of an intent is its own vector): an FAQ entry's
question, each alternate, and its answer; a guide passage's heading with its text. One
vector of everything alone would blur ten ways of asking into their average; an FAQ
entry's views are nonetheless also averaged into a prototype, which ranking mixes with the
nearest view (similarities).
"""

from __future__ import annotations

import contextlib
from collections import OrderedDict
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

import numpy as np

from guidebot.knowledge.passages import Passage
from guidebot.knowledge.table import passage_column
from guidebot.search.semantic import nearwords, viewcache
from guidebot.search.semantic.alignment import WordAlignment
from guidebot.search.semantic.textencoder import TextEncoder
from guidebot.search.semantic.wordvectors import WordVectors
from guidebot.search.sentences import sentences

VIEWS_VERSION = 5  # bump when what is embedded or its file changes (5: arrays aligned)
RECENT = 16  # questions whose similarities are kept
CHUNK = 16_384  # views compared at once (memory: CHUNK * views of an entry * dim)


def passage_views(passages: Sequence[Passage]) -> tuple[list[str], np.ndarray]:
    """(texts, row): the texts embedded for the passages, in passage order, and for each the
    position of its passage (int64, ascending; every passage has at least one)."""
    texts: list[str] = []
    rows: list[int] = []
    for row, passage in enumerate(passages):
        if passage.kind == "faq":
            views = [*passage.asked, passage.text]
        else:
            parts = sentences(passage.text)
            views = [f"{passage.section}\n{passage.text}", passage.section]
            views += parts if len(parts) > 1 else []
        texts += views
        rows += [row] * len(views)
    return texts, np.asarray(rows, dtype=np.int64)


class PassageVectors:
    """The embedded views of a fixed set of passages, and similarities to a question."""

    def __init__(
        self,
        encoder: TextEncoder,
        vectors: np.ndarray,
        rows: np.ndarray,
        phrasings: np.ndarray | None = None,
        alignment: Callable[[], WordAlignment] | None = None,
    ) -> None:
        """vectors: float32 (views, dim), unit rows; rows as passage_views gives them;
        phrasings: bool [passages], those whose views are ways of asking one question and
        its answer (FAQ entries), the only ones with a prototype (similarities); none
        without it. alignment: makes the passages' WordAlignment for soft term matching
        (word vectors only; similarities), called on first use.
        Raises ValueError when they disagree with each other or with the encoder."""
        if vectors.shape != (len(rows), encoder.dim) or vectors.dtype != np.float32:
            raise ValueError(f"embeddings of shape {vectors.shape}, not ({len(rows)}, dim)")
        self.encoder, self.vectors, self.rows = encoder, vectors, rows
        self.size = int(rows[-1]) + 1 if len(rows) else 0
        self._starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]]) if len(rows) else rows
        self._recent: OrderedDict[str, tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._centroids: np.ndarray | None = None
        self._cohesions: dict[float, np.ndarray] = {}
        if phrasings is not None and phrasings.shape != (self.size,):
            raise ValueError(f"{phrasings.shape} phrasing flags for {self.size} passages")
        self._phrasings = phrasings
        self._make_alignment = alignment
        self._alignment: WordAlignment | None = None

    @classmethod
    def build(
        cls,
        encoder: TextEncoder,
        passages: Sequence[Passage],
        cache_dir: Path | None = None,
        knowledge: str = "",
    ) -> tuple[PassageVectors, str]:
        """The passages' vectors, from cache_dir when it holds them for this knowledge
        fingerprint and model, else computed (slow: a few ms a view) and saved there.
        Returns (vectors, note), the note saying what went wrong with the cache, if anything."""
        # The cache holds the views' passage rows too, so a start that finds it need not cut
        # every passage into its views again (5.6 s at 100,000 passages).
        key = f"{VIEWS_VERSION} {knowledge} {encoder.model_id}"
        path = viewcache.path(cache_dir, key) if cache_dir else None
        # Without a cache directory the near-word lists would be built at every start
        # (0.5 s for the bundled guide); each question is multiplied instead.
        near = nearwords.path(cache_dir, key) if cache_dir else None
        note = ""
        if path is not None and path.is_file():
            try:
                vectors, rows = viewcache.read(path, len(passages))
                return cls(encoder, vectors, rows, *_extras(encoder, passages, near)), ""
            except Exception as exc:  # noqa: BLE001 - whatever is wrong with it, embed again
                note = f"ignored the embeddings cache {path}: {exc or type(exc).__name__}"
        texts, rows = passage_views(passages)
        vectors = encoder.encode(texts)
        if path is not None:
            saved = viewcache.write(path, vectors, rows)
            note = note or saved
        return cls(encoder, vectors, rows, *_extras(encoder, passages, near)), note

    def similarities(
        self,
        question: str,
        softness: float = 0.0,
        prototype: float = 0.0,
        alignment: float = 0.0,
        floor: float = 0.5,
        body: float = 1.0,
    ) -> np.ndarray:
        """How similar the question is to each passage: float64 [passages].

        softness 0: the cosine similarity of its closest view, in [-1, 1]. softness t > 0:
        the smooth maximum t * log(sum(exp(cos / t))) over its views, which is the closest
        view's cosine plus a bonus of at most t * log(views) when other views are about as
        close: ten phrasings agreeing count for more than one near miss (on the outside
        sets' dev parts, t = 0.1 raised P@1 by 2.4 points on CLINC150, 0.2 on Banking77).

        prototype p > 0 mixes in, for an FAQ entry (`phrasings`), the cosine to its
        prototype, the normalised mean of its views, the answer's among them (J. Snell,
        K. Swersky, R. Zemel, "Prototypical Networks for Few-shot Learning", NeurIPS 2017):
        (1 - p) * the above + p * that cosine. The nearest phrasing alone follows one odd
        wording; the mean says what all of them share. A guide passage's views are
        different parts of it, not ways of saying one thing, so the nearest stays its score
        (with the mean for guide passages too, the ingested article's dev top-1 fell from
        76.7% to 75.8%).

        alignment a > 0 adds, with word vectors, a * WordAlignment.scores(question, floor,
        body), each question word's nearest word in the passage, so a passage's value may
        exceed 1 (by at most a).
        """
        cosines = self._cosines(question)
        best = np.maximum.reduceat(cosines, self._starts)
        if softness > 0:
            spread = np.exp((cosines - best[self.rows]) / softness)
            best = best + softness * np.log(np.add.reduceat(spread, self._starts))
        if prototype > 0 and self._phrasings is not None and self._phrasings.any():
            mixed = (1 - prototype) * best + prototype * (self._prototypes() @ self.query(question))
            best = np.where(self._phrasings, mixed, best)
        if alignment and self.alignment is not None:
            best = best + alignment * self.alignment.scores(question, floor, body)
        return best.astype(np.float64)

    @property
    def alignment(self) -> WordAlignment | None:
        """The passages' words for soft term matching, made on first use (a start that never
        ranks with it does not pay: 1.3 s at 20,000 passages); None for a sentence model."""
        if self._alignment is None and self._make_alignment is not None:
            alignment = self._make_alignment()
            if alignment.size != self.size:
                raise ValueError(f"word alignment for {alignment.size} passages, not {self.size}")
            self._alignment = alignment
        return self._alignment

    def _prototypes(self) -> np.ndarray:
        """float32 (passages, dim): each passage's views averaged and scaled to unit length,
        made on first use (a start that never ranks with them does not pay)."""
        if self._centroids is None:
            sums = np.add.reduceat(self.vectors, self._starts, axis=0)
            norms = np.linalg.norm(sums, axis=1, keepdims=True)
            self._centroids = sums / np.maximum(norms, 1e-12)
        return self._centroids

    def reads(self, text: str, floor: float) -> bool:
        """Whether the encoder reads at least `floor` (0 to 1) of the text's weight
        (TextEncoder.known_share), enough to judge its meaning."""
        return self.encoder.known_share(text) >= floor

    def views(self, row: int) -> np.ndarray:
        """float32 (views, dim): the unit vectors of passage `row`'s views."""
        return self.vectors[self._span(row)]

    def _span(self, row: int) -> slice:
        end = self._starts[row + 1] if row + 1 < len(self._starts) else len(self.rows)
        return slice(self._starts[row], end)

    def closest(self, question: str, row: int) -> float:
        """The cosine similarity of the question to passage `row`'s closest view (what
        similarities(question)[row] gives, without computing it for every passage)."""
        return float(self._cosines(question)[self._span(row)].max())

    def agreement(self, question: str, row: int, prototype: float, cohesion: float = 0.0) -> float:
        """How close the question is to passage `row` for deciding whether it answers: the
        closest view's cosine (closest) and, for an FAQ entry, mixed as (1 - prototype) *
        that + prototype * the cosine to the mean of its views, the ranking's own mix
        without the smooth maximum's bonus. A question near one phrasing but far from what
        they share is less likely to be asked of the entry: on CLINC150's dev part,
        declining below the value that declines 3% of its questions declines 59% of the
        out-of-scope ones with the closest view alone, 68% with this. With `cohesion` c, an
        FAQ entry's value is lowered by c times how much more alike its own views are than
        the entries' are on average (_cohesion; RetrievalConfig.semantic_cohesion)."""
        closest = self.closest(question, row)
        if not prototype or self._phrasings is None or not self._phrasings[row]:
            return closest
        shared = float(self._prototypes()[row] @ self.query(question))
        value = (1 - prototype) * closest + prototype * shared
        if cohesion:
            value -= cohesion * self._cohesion(prototype)[row]
        return value

    def _cohesion(self, prototype: float) -> np.ndarray:
        """float64 [passages]: how alike an FAQ entry's own views are, less the mean over the
        entries with as many views (0 for other passages and entries of one view): each
        view's agreement with the rest of its entry (left out of its closest view and of
        the prototype), averaged. With more views the closest other is nearer by chance,
        so entries are compared with those of their own count. Made on first use, entries
        of one count together (0.3 s for 20,000 of five views)."""
        found = self._cohesions.get(prototype)
        if found is None:
            found = np.zeros(self.size)
            counts = np.diff(np.r_[self._starts, len(self.rows)])
            entries = (counts >= 2) & (self._phrasings if self._phrasings is not None else False)
            for count in np.unique(counts[entries]):
                group = np.flatnonzero(entries & (counts == count))
                size = max(1, CHUNK // int(count))
                for chunk in np.array_split(group, -(-len(group) // size)):
                    found[chunk] = self._own_agreement(chunk, int(count), prototype)
                found[group] -= found[group].mean()
            self._cohesions[prototype] = found
        return found

    def _own_agreement(self, rows: np.ndarray, count: int, prototype: float) -> np.ndarray:
        """float64 [rows]: for passages of `count` views each, the mean over their views of
        (1 - prototype) * the cosine to the closest other view + prototype * that to the
        normalised sum of the others."""
        views = self.vectors[self._starts[rows][:, None] + np.arange(count)]
        cosines = np.einsum("eid,ejd->eij", views, views)
        cosines[:, np.arange(count), np.arange(count)] = -np.inf
        rest = views.sum(axis=1, keepdims=True) - views
        rest /= np.maximum(np.linalg.norm(rest, axis=2, keepdims=True), 1e-12)
        shared = np.einsum("eid,eid->ei", views, rest)
        own = (1 - prototype) * cosines.max(axis=2) + prototype * shared
        return own.mean(axis=1).astype(np.float64)

    def forget(self) -> None:
        """Drop the similarities kept for recent questions (so a benchmark times each
        question as new)."""
        self._recent.clear()

    def _cosines(self, question: str) -> np.ndarray:
        """The question's cosine similarity to every view. One turn searches the same text
        several times (split parts, follow-up readings), so the last few are kept rather
        than encoded again."""
        return self._encoded(question)[1]

    def query(self, question: str) -> np.ndarray:
        """The question's unit vector: float32 [dim], kept for the last few questions."""
        return self._encoded(question)[0]

    def _encoded(self, question: str) -> tuple[np.ndarray, np.ndarray]:
        """(the question's vector, its cosines to every view), kept for the last few."""
        found = self._recent.get(question)
        if found is None:
            vector = self.encoder.encode([question])[0]
            cosines = self.vectors @ vector
            cosines.flags.writeable = False
            found = self._recent[question] = (vector, cosines)
            if len(self._recent) > RECENT:
                with contextlib.suppress(KeyError):  # another thread emptied it first
                    self._recent.popitem(last=False)
        return found


def _extras(
    encoder: TextEncoder, passages: Sequence[Passage], near: Path | None = None
) -> tuple[np.ndarray, Callable[[], WordAlignment] | None]:
    """(phrasings, alignment): the FAQ entries, and for word vectors what makes the
    passages' WordAlignment, its near-word lists kept in the file `near` if given."""
    if not isinstance(encoder, WordVectors):
        return _phrasings(passages), None
    lists = partial(nearwords.cached, near) if near is not None else None
    return _phrasings(passages), partial(WordAlignment.of_passages, encoder, passages, lists)


def _phrasings(passages: Sequence[Passage]) -> np.ndarray:
    """bool [passages]: the FAQ entries, whose views are ways of asking one question."""
    return np.array([kind == "faq" for kind in passage_column(passages, "kind")], dtype=bool)
