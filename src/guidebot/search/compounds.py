"""Terms a passage holds only as the last word of a hyphenated compound ("tipping" in
"fly-tipping", "time" in "part-time", "free" in "gluten-free"), and BM25's credit for them
taken back when the question names no other word of it: "can I take rubble to the tip?" is
not about fly-tipping, nor "what time do you open?" about part-time work. The last word is
the one whose sense the compound changes; the words before it keep theirs ("card" in
"card-only", "drop" in "drop-off", "gluten" in "gluten-free"), and so does a last word after
a prefix or a stop word ("post-op", "non-engineering", "e-audiobooks", "in-state": a question
on state schools is about in-state fees). A question naming the compound ("fly tipping",
"fly-tippers") keeps the credit."""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Collection, Mapping, Sequence

import numpy as np

from guidebot.knowledge.passages import Passage
from guidebot.search.analysis import NUMBER_WORDS, Analyzer, without_item_numbers, words
from guidebot.search.highlights import MAX_MAPS, PassageWords
from guidebot.search.index import top_k

# Letters joined by hyphens; a compound with a figure ("24-hour") keeps its words' sense.
_COMPOUND = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")
# English prefixes often written with a hyphen (word formation, as in Quirk et al., "A
# Comprehensive Grammar of the English Language", 1985, appendix I): a word after one keeps
# its sense. Like the stop words, a fact of English, not of any guide.
PREFIXES = frozenset(
    "anti co counter cross de e ex extra hyper inter intra macro mega micro mid mini multi "
    "neo non over pan para post pre pro pseudo re semi sub super trans tri ultra un under "
    "vice x".split()
)
# A question's word naming a partner by beginning with it and going on with an ending of
# English inflection ("part-timers" names "time"; "party" does not name "part").
_SHORTEST_PARTNER = 4
_ENDINGS = frozenset("s es d ed r er rs ers ing".split())
_ROUNDS = 4  # pools re-read after lowering, as passages lowered let others in


class CompoundPieces:
    """Per passage, the terms it holds only as the last word of hyphenated compounds, with
    the other words of those compounds; found the first time the passage is ranked high
    (the most recently used MAX_MAPS kept)."""

    def __init__(
        self,
        passages: Sequence[Passage],
        analyzer: Analyzer,
        passage_words: PassageWords,
        pool: int,
    ) -> None:
        """`pool`: how many of the best passages `lower` reads (RetrievalConfig.rerank_pool)."""
        self._passages, self._analyzer, self._words = passages, analyzer, passage_words
        self._pool = pool
        self._found: OrderedDict[int, Mapping[str, frozenset[str]]] = OrderedDict()

    def lower(
        self,
        scores: np.ndarray,
        baseline: float,
        weights: Mapping[str, float],
        asked: Collection[str],
        score: Callable[[Mapping[str, float]], tuple[np.ndarray, float]],
        naming: Callable[[Collection[str], int], Collection[str]] = lambda terms, row: (),
    ) -> dict[int, tuple[str, ...]]:
        """Take from each of the pool's best passages (`scores`, float64 [passages], changed
        in place; the pool read again as lowered passages let others in) the BM25 credit
        (`score`, Retriever.score) of each weighted term it holds only as the last word of
        compounds the question (`asked`, its words and terms) names no other word of, unless
        the term names the passage's guide (`naming`, GuideNames.named_in: every passage
        there has it). Returns those terms by passage, which it then does not hold."""
        apart: dict[int, tuple[str, ...]] = {}
        credit: dict[str, np.ndarray] = {}
        weighted = [t for t, w in weights.items() if w > 0]
        read: set[int] = set()
        for _ in range(_ROUNDS):
            rows = [r for r in top_k(scores, self._pool, baseline).tolist() if r not in read]
            read.update(rows)
            lowered = False
            for row in rows:
                named = naming(weighted, row)
                terms = self.unasked(row, [t for t in weighted if t not in named], asked)
                for term in terms:
                    if term not in credit:
                        added, constant = score({term: weights[term]})
                        credit[term] = added - constant
                    scores[row] -= credit[term][row]
                if terms:
                    apart[row] = tuple(terms)
                    lowered = True
            if not lowered:  # the pool stands as it was: no need to read it again
                break
        return apart

    def unasked(self, row: int, terms: Collection[str], asked: Collection[str]) -> list[str]:
        """The `terms` passage `row` holds only as the last word of compounds none of whose
        other words `asked` (the question's words and terms) names."""
        partners = self._partners(row)
        return [t for t in terms if t in partners and not _named(partners[t], asked)]

    def _partners(self, row: int) -> Mapping[str, frozenset[str]]:
        found = self._found.pop(row, None)  # pop and put back: safe while another evicts
        if found is None:
            counts, partners = self._read(self._passages[row])
            written = self._words.written(row, counts)
            found = {t: p for t, p in partners.items() if len(written.get(t, ())) <= counts[t]}
            if len(self._found) >= MAX_MAPS:
                self._found.popitem(last=False)
        self._found[row] = found
        return found

    def _read(self, passage: Passage) -> tuple[dict[str, int], dict[str, frozenset[str]]]:
        """For each term of a last word of the passage's compounds, how often one yields
        it, and the compounds' other words."""
        counts: dict[str, int] = {}
        partners: dict[str, set[str]] = {}
        text = without_item_numbers(f"{passage.title}\n{passage.text}")
        for compound in _COMPOUND.findall(text.lower()):
            *before, last = compound.split("-")
            if before[-1] in PREFIXES or any(w in NUMBER_WORDS for w in (*before, last)):
                continue
            if not self._analyzer.terms_of_words(before[-1:]):
                continue  # after a stop word: "in-state", "drop-in"
            for term in self._analyzer.terms_of_words(words(last)):
                counts[term] = counts.get(term, 0) + 1
                partners.setdefault(term, set()).update(before)
        return counts, {t: frozenset(p) for t, p in partners.items()}


def _named(partners: frozenset[str], asked: Collection[str]) -> bool:
    """Whether the question names one of a word's partners, as it is or with an ending of
    inflection ("waters" names "water")."""
    if not partners.isdisjoint(asked):
        return True
    return any(
        word.startswith(p) and word[len(p) :] in _ENDINGS
        for p in partners
        if len(p) >= _SHORTEST_PARTNER
        for word in asked
    )
