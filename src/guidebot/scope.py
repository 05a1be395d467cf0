"""Spots questions about topics the knowledge says it does not cover (knowledge/scope.yaml)."""

from __future__ import annotations

from guidebot.analysis import words
from guidebot.models import ScopeTopic


class ScopeMatcher:
    """Finds out-of-scope terms in a question by whole-word (or whole-phrase) match.

    A one-word term also matches its plural ("bank" finds "banks"), so the list need not
    spell both; nothing else is stemmed, since a stem reaches too far ("dating" and "start
    date" share one).
    """

    def __init__(self, topics: tuple[ScopeTopic, ...]) -> None:
        self._terms: dict[tuple[str, ...], str] = {}
        for topic in topics:
            for term in topic.terms:
                key = tuple(words(term))
                self._terms[key] = term
                if len(key) == 1:
                    for plural in _plurals(key[0]):
                        self._terms.setdefault((plural,), term)
        self._longest = max((len(k) for k in self._terms), default=0)

    def match(self, question: str) -> list[str]:
        """The out-of-scope terms named in the question, in order of appearance."""
        surface = words(question)
        found: list[str] = []
        for start in range(len(surface)):
            for size in range(min(self._longest, len(surface) - start), 0, -1):
                term = self._terms.get(tuple(surface[start : start + size]))
                if term and term not in found:
                    found.append(term)
                    break
        return found


def _plurals(word: str) -> tuple[str, ...]:
    if not word.isalpha() or word.endswith("s"):
        return ()
    if word.endswith(("sh", "ch", "x", "z")):
        return (word + "es",)
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "i", "o", "u"):
        return (word[:-1] + "ies",)
    return (word + "s",)
