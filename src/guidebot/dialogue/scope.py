"""Spots questions about topics the knowledge says it does not cover (knowledge/scope.yaml)."""

from __future__ import annotations

from collections.abc import Iterable

from guidebot.knowledge.model import ScopeTopic
from guidebot.search.analysis import words


class ScopeMatcher:
    """Finds out-of-scope terms in a question by whole-word (or whole-phrase) match.

    A one-word term also matches its plural ("bank" finds "banks"), so the list need not
    spell both; nothing else is stemmed, since a stem reaches too far ("dating" and "start
    date" share one). A term inside a longer phrase the knowledge knows (a synonym such as
    "car makers", which means the automotive industry) does not count.
    """

    def __init__(self, topics: tuple[ScopeTopic, ...], known: Iterable[str] = ()) -> None:
        self._terms: dict[tuple[str, ...], str] = {}
        for topic in topics:
            for term in topic.terms:
                key = tuple(words(term))
                self._terms[key] = term
                if len(key) == 1:
                    for plural in _plurals(key[0]):
                        self._terms.setdefault((plural,), term)
        self._known: dict[str, set[tuple[str, ...]]] = {}
        for phrase in map(tuple, map(words, known)):
            if len(phrase) > 1:
                self._known.setdefault(phrase[0], set()).add(phrase)
        self._longest = max((len(k) for k in self._terms), default=0)

    def match(self, question: str) -> list[str]:
        """The out-of-scope terms named in the question, in order of appearance."""
        surface = words(question)
        inside_known = self._inside_known(surface)
        found: list[str] = []
        for start in range(len(surface)):
            for size in range(min(self._longest, len(surface) - start), 0, -1):
                term = self._terms.get(tuple(surface[start : start + size]))
                if term and not inside_known.get(start, 0) > size:
                    if term not in found:
                        found.append(term)
                    break
        return found

    def _inside_known(self, surface: list[str]) -> dict[int, int]:
        """Position -> length of the longest known phrase covering it."""
        covered: dict[int, int] = {}
        for start, word in enumerate(surface):
            for phrase in self._known.get(word, ()):
                if tuple(surface[start : start + len(phrase)]) == phrase:
                    for position in range(start, start + len(phrase)):
                        covered[position] = max(covered.get(position, 0), len(phrase))
        return covered


def _plurals(word: str) -> tuple[str, ...]:
    """The regular English plural of a word ("bank"/"banks", "coach"/"coaches",
    "agency"/"agencies"); a word already ending in s is left alone ("news", "mechanics")."""
    if not word.isalpha() or word.endswith("s"):
        return ()
    if word.endswith(("sh", "ch", "x", "z")):
        return (word + "es",)
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "i", "o", "u"):
        return (word[:-1] + "ies",)
    return (word + "s",)
