"""Terms a passage holds only as a piece of a hyphenated compound ("tipping" in
"fly-tipping", "time" in "part-time"), and BM25's credit for them taken back when the
question names that piece without the rest: "can I take rubble to the tip?" is not about
fly-tipping, nor "what time do you open?" about part-time work. A question naming the
compound ("fly tipping", "part-timers") keeps the credit, and so does a word after a prefix
or a stop word, which keeps its sense ("post-op", "non-engineering", "e-audiobooks",
"in-state": a question on state schools is about in-state fees)."""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Collection, Mapping, Sequence

import numpy as np

from guidebot.knowledge.passages import Passage
from guidebot.search.analysis import Analyzer, without_item_numbers, words
from guidebot.search.highlights import MAX_MAPS, PassageWords
from guidebot.search.index import top_k

# Letters joined by hyphens; a compound with a figure ("24-hour") keeps its pieces' sense.
_COMPOUND = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")
# English prefixes often written with a hyphen (word formation, as in Quirk et al., "A
# Comprehensive Grammar of the English Language", 1985, appendix I): a word after one keeps
# its sense. Like the stop words, a fact of English, not of any guide.
PREFIXES = frozenset(
    "anti co counter cross de e ex extra hyper inter intra macro mega micro mid mini multi "
    "neo non over pan para post pre pro pseudo re semi sub super trans tri ultra un under "
    "vice x".split()
)
_SHORTEST_PARTNER = 3  # a piece asked as the start of a word: "time" in "part-timers"

Partners = Mapping[str, frozenset[str]]  # term -> the other pieces' words and terms


class CompoundPieces:
    """Per passage, the terms it holds only inside hyphenated compounds, found the first
    time the passage is ranked high (the most recently used MAX_MAPS kept)."""

    def __init__(
        self, passages: Sequence[Passage], analyzer: Analyzer, passage_words: PassageWords
    ) -> None:
        self._passages, self._analyzer, self._words = passages, analyzer, passage_words
        self._found: OrderedDict[int, Partners] = OrderedDict()

    def unasked(self, row: int, terms: Collection[str], asked: Collection[str]) -> list[str]:
        """The `terms` passage `row` holds only as pieces of compounds none of whose other
        pieces is `asked` (the question's words and terms)."""
        partners = self._partners(row)
        return [t for t in terms if t in partners and not _named(partners[t], asked)]

    def _partners(self, row: int) -> Partners:
        found = self._found.pop(row, None)
        if found is None:
            counts, partners = self._read(self._passages[row])
            written = self._words.written(row, counts)
            found = {t: p for t, p in partners.items() if len(written.get(t, ())) <= counts[t]}
            if len(self._found) >= MAX_MAPS:
                self._found.popitem(last=False)
        self._found[row] = found
        return found

    def _read(self, passage: Passage) -> tuple[dict[str, int], dict[str, frozenset[str]]]:
        """For each term of a piece of the passage's compounds, how often a piece yields it,
        and the other pieces' words and terms."""
        counts: dict[str, int] = {}
        partners: dict[str, set[str]] = {}
        text = without_item_numbers(f"{passage.title}\n{passage.text}")
        for compound in _COMPOUND.findall(text.lower()):
            pieces = compound.split("-")
            terms = [self._analyzer.terms_of_words(words(piece)) for piece in pieces]
            for at, own in enumerate(terms):
                if at and (pieces[at - 1] in PREFIXES or not terms[at - 1]):
                    continue  # its sense kept: counted as written on its own
                others = {piece for i, piece in enumerate(pieces) if i != at}
                others.update(t for i, of in enumerate(terms) if i != at for t in of)
                for term in own:
                    counts[term] = counts.get(term, 0) + 1
                    partners.setdefault(term, set()).update(others)
        return counts, {t: frozenset(p) for t, p in partners.items()}


def _named(partners: frozenset[str], asked: Collection[str]) -> bool:
    """Whether the question names one of a piece's partners, as a word or term or as the
    start of a word ("part-timers" names "time")."""
    if not partners.isdisjoint(asked):
        return True
    starts = tuple(p for p in partners if len(p) >= _SHORTEST_PARTNER)
    return bool(starts) and any(word.startswith(starts) for word in asked)


def lower_pieces(
    scores: np.ndarray,
    baseline: float,
    weights: Mapping[str, float],
    asked: Collection[str],
    pieces: CompoundPieces,
    score: Callable[[Mapping[str, float]], tuple[np.ndarray, float]],
    pool: int,
) -> dict[int, list[str]]:
    """Take from each of the `pool` best passages (`scores`, float64 [passages], changed in
    place) the BM25 credit (`score`, Retriever.score) of each weighted term it holds only as
    a piece of compounds the question (`asked`, its words and terms) names no other piece
    of. Returns those terms by passage, which it then does not count as holding."""
    unasked: dict[int, list[str]] = {}
    credit: dict[str, np.ndarray] = {}
    for row in top_k(scores, pool, baseline).tolist():
        terms = pieces.unasked(row, [t for t, w in weights.items() if w > 0], asked)
        for term in terms:
            if term not in credit:
                added, constant = score({term: weights[term]})
                credit[term] = added - constant
            scores[row] -= credit[term][row]
        if terms:
            unasked[row] = terms
    return unasked
