"""Spots questions about topics the knowledge says it does not cover (knowledge/scope.yaml)."""

from __future__ import annotations

from guidebot.analysis import words
from guidebot.models import ScopeTopic


class ScopeMatcher:
    """Finds out-of-scope terms in a question by whole-word (or whole-phrase) match."""

    def __init__(self, topics: tuple[ScopeTopic, ...]) -> None:
        self._terms: dict[tuple[str, ...], str] = {}
        for topic in topics:
            for term in topic.terms:
                self._terms[tuple(words(term))] = term
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
