"""The words of each passage and the search terms they yield: which of a question's terms a
passage holds, and which of its words to highlight."""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Collection, Sequence

from guidebot.knowledge.passages import Passage
from guidebot.search.analysis import TOKEN_PATTERN, Analyzer, without_item_numbers, words

# The same words as analysis reads ("145,000" is one), kept as written for highlighting.
_SURFACE = re.compile(TOKEN_PATTERN)

# term -> (position, word, the word's terms) of each passage word yielding the term
WordMap = dict[str, list[tuple[int, str, tuple[str, ...]]]]


MAX_MAPS = 4096  # word maps kept: a long-running server must not end up holding every one


class PassageWords:
    """Per-passage word maps, each built the first time its passage is shown (a large
    library never pays for all), the most recently used MAX_MAPS of them kept."""

    def __init__(self, passages: Sequence[Passage], analyzer: Analyzer) -> None:
        self._passages = passages
        self._analyzer = analyzer
        self._maps: OrderedDict[int, WordMap] = OrderedDict()
        self._neighbours: OrderedDict[int, frozenset[tuple[str, str]]] = OrderedDict()
        self._terms: dict[str, tuple[str, ...]] = {}  # token -> its terms; bounded by vocabulary

    def matched(self, terms: Collection[str], doc: int) -> tuple[str, ...]:
        """The terms, in the order given, that passage `doc` holds (title or text)."""
        where = self._map(doc)
        return tuple(t for t in terms if t in where)

    def written(self, doc: int, terms: Collection[str]) -> dict[str, tuple[str, ...]]:
        """For each of the terms that passage `doc` holds, its words yielding it, as written."""
        where = self._map(doc)
        return {t: tuple(token for _, token, _ in where[t]) for t in terms if t in where}

    def follows(self, doc: int, first: str, second: str) -> bool:
        """Whether in passage `doc` (title, then text) a word yielding the term `second`
        comes right after one yielding `first`, words that yield no term (stop words) left
        out as they are from a query's terms: "Guide dogs", "a tour guide"."""
        return (first, second) in self._pairs(doc)

    def _pairs(self, doc: int) -> frozenset[tuple[str, str]]:
        """The term pairs passage `doc` writes side by side, stop words left out; built
        once per passage, as its word map is (the proximity lift asks a dozen per question)."""
        found = self._neighbours.pop(doc, None)
        if found is None:
            at: dict[int, tuple[str, ...]] = {}
            for terms in self._map(doc).values():
                for position, _, of_token in terms:
                    at[position] = of_token
            order = sorted(at)
            found = frozenset(
                (a, b)
                for here, there in zip(order, order[1:], strict=False)
                for a in at[here]
                for b in at[there]
            )
            if len(self._neighbours) >= MAX_MAPS:
                self._neighbours.popitem(last=False)
        self._neighbours[doc] = found
        return found

    def highlights(self, doc: int, matched: Collection[str]) -> tuple[str, ...]:
        """Words of passage `doc` whose search terms are all among `matched`, in passage
        order, once each, as they stand in its text."""
        wanted = set(matched)
        where = self._map(doc)
        found = sorted(
            (position, token)
            for term in wanted
            for position, token, terms in where.get(term, ())
            if set(terms) <= wanted
        )
        text = self._passages[doc].text
        return tuple(t for t in dict.fromkeys(t for _, t in found) if t in text)

    def _map(self, doc: int) -> WordMap:
        found = self._maps.pop(doc, None)  # pop and put back: safe while another thread evicts
        if found is not None:
            self._maps[doc] = found
            return found
        passage = self._passages[doc]
        found = {}
        text = without_item_numbers(f"{passage.title}\n{passage.text}")
        for position, token in enumerate(_SURFACE.findall(text)):
            terms = self._terms.get(token)
            if terms is None:
                terms = self._terms[token] = tuple(self._analyzer.terms_of_words(words(token)))
            for term in dict.fromkeys(terms):
                found.setdefault(term, []).append((position, token, terms))
        self._maps[doc] = found
        if len(self._maps) > MAX_MAPS:
            self._maps.popitem(last=False)
        return found
