"""How much of a question a passage covers (SearchResult.coverage), the share that declines
are read from."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from functools import partial

from guidebot.search.analysis import Analyzer
from guidebot.search.config import RetrievalConfig
from guidebot.search.highlights import PassageWords
from guidebot.search.index import FieldIndex
from guidebot.search.inflection import answer_only_variants
from guidebot.search.results import Hit
from guidebot.search.semantic.passages import PassageVectors

EVERYDAY_WEIGHT = 1.0  # coverage weight of an everyday word the knowledge never uses


def coverage(
    terms: Sequence[str],
    matched: Collection[str],
    loose: Collection[str],
    weight: Callable[[str], float],
    loose_credit: float,
) -> float:
    """The weighted share, in [0, 1], of the question's terms found among `matched` (the
    passage's), a term it holds only loosely (another word of the same stem, `loose`)
    counting `loose_credit` of one; `weight` gives each term's (term_weight). 0.0 for no
    terms."""
    if not terms:
        return 0.0
    weights = [weight(t) for t in terms]
    total = sum(weights)
    found = sum(
        w * (loose_credit if t in loose else 1.0)
        for t, w in zip(terms, weights, strict=True)
        if t in matched
    )
    return found / total if total else 0.0


def term_weight(
    term: str, everyday: Collection[str], knows: Callable[[str], bool], idf: Callable[[str], float]
) -> float:
    """A term's weight in coverage: its idf, so that a telling word counts more. A term the
    knowledge never uses counts as most telling ("fafsa", "gmat"), unless it is an everyday
    English word ("wife", "shortlist"): those pad long questions without making them out of
    scope, so they weigh like a common term."""
    return EVERYDAY_WEIGHT if not knows(term) and term in everyday else idf(term)


def nearly_found(
    surface: Sequence[str],
    found: Collection[str],
    terms_of: Callable[[str], Sequence[str]],
    nearness: Callable[[str], float],
    line: float,
) -> set[str]:
    """The terms (`terms_of` a word) of the question's words (`surface`) not `found` whose
    word has one at least `line` near in meaning in the passage (`nearness`, a cosine):
    "bikes" is found in "Bicycle racks are by the main entrance" (0.80)."""
    nearly: set[str] = set()
    for word in surface:
        missing = [t for t in terms_of(word) if t not in found]
        if missing and nearness(word) >= line:
            nearly.update(missing)
    return nearly


class HitCoverage:
    """What a hit covers of a question, read against one retriever's title field, words and
    settings: the loose terms and the coverage that SearchResult carries."""

    def __init__(
        self,
        analyzer: Analyzer,
        title: FieldIndex,
        passage_words: PassageWords,
        config: RetrievalConfig,
        vectors: PassageVectors | None,
    ) -> None:
        """`title`: the title field's index (for loose terms); `passage_words`: the passages'
        words; `vectors`: their embeddings, whose word alignment finds words near in
        meaning (config.soft_coverage); None, or a sentence model's, finds none."""
        self._analyzer, self._title, self._words = analyzer, title, passage_words
        self._config, self._vectors = config, vectors

    def loose(self, surface: Sequence[str], hit: Hit) -> frozenset[str]:
        """The question's terms the hit holds only as another word of the same stem
        (inflection.answer_only_variants) or only inside compounds (Hit.apart)."""
        variants = answer_only_variants(self._analyzer, self._title, self._words, hit, surface)
        return variants | frozenset(hit.apart)

    def share(
        self,
        terms: Sequence[str],
        surface: Sequence[str],
        weight: Callable[[str], float],
        hit: Hit,
        loose: Collection[str],
    ) -> float:
        """The share, in [0, 1], of the question's terms the hit holds (`coverage` above, each
        term weighed by `weight`: term_weight), a term also found when, with word vectors,
        the passage holds a word near in meaning to one of the question's words it comes
        from (config.soft_coverage: "bikes" for "Bicycle racks")."""
        found = set(hit.matched)
        line, vectors = self._config.soft_coverage, self._vectors
        if line and vectors is not None and vectors.alignment is not None:
            near = partial(vectors.alignment.nearest, row=hit.row, floor=line)
            terms_of = self._terms_of_word
            found |= nearly_found(surface, found, terms_of, near, line)
        return coverage(terms, tuple(found), loose, weight, self._config.loose_credit)

    def _terms_of_word(self, word: str) -> list[str]:
        return self._analyzer.terms_of_words([word])
