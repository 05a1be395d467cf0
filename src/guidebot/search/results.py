"""What a search gives back: ranked hits with their scores, and what was understood of the
question."""

from __future__ import annotations

from dataclasses import dataclass

from guidebot.knowledge.passages import Passage
from guidebot.search.repairs import Repair, as_repaired


@dataclass(frozen=True)
class Hit:
    """A passage with its score for one query, and the query terms it contains."""

    passage: Passage
    score: float
    matched: tuple[str, ...]
    row: int  # the passage's position in the retriever, for cheap look-ups
    # Query terms the passage holds only inside hyphenated compounds the question names no
    # other word of ("tip" in "fly-tipping": search/compounds.py): not among `matched`.
    apart: tuple[str, ...] = ()


@dataclass(frozen=True)
class SearchResult:
    """Ranked hits plus what the engine understood of the question."""

    hits: tuple[Hit, ...]
    terms: tuple[str, ...]
    repairs: tuple[Repair, ...]
    coverage: float  # idf-weighted share of the question's terms found in the best passage
    everyday: frozenset[str] = frozenset()  # terms that stem from everyday English words
    exact: bool = False  # the best passage is an FAQ entry asked in exactly these words
    surface: tuple[str, ...] = ()  # the question's words after typo repair
    # Cosine similarity of the question to the best passage, with a sentence-embedding
    # model (the semantic extra); None without one: its closest view's, for an FAQ entry
    # mixed with the mean of its views and lowered when its own views are alike
    # (PassageVectors.agreement; so not always within [-1, 1]). Not the smooth
    # maximum that ranks, whose bonus grows with the number of views: declines compare it
    # to one line whatever the passage.
    similarity: float | None = None
    # Terms the best passage holds only as another word of the same stem ("booked" for
    # "book"): they do not count towards coverage (inflection.loosely_matched).
    loose: frozenset[str] = frozenset()

    @property
    def best(self) -> Hit | None:
        return self.hits[0] if self.hits else None

    def as_read(self, question: str) -> str:
        """The question this search was made for, as it read it: its typos repaired
        (repairs.as_repaired), which is what a sentence-embedding model is given."""
        return as_repaired(question, self.repairs, self.surface)
