"""guidebot's own error types; front ends turn them into a message and an exit code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a knowledge file, at a 1-based line (0 when the whole file is meant)."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return (
            f"{self.path}:{self.line}: {self.message}"
            if self.line
            else f"{self.path}: {self.message}"
        )


class GuidebotError(Exception):
    """Base class of every error guidebot reports to a person instead of a traceback."""


class KnowledgeError(GuidebotError):
    """The knowledge could not be loaded; carries every problem found, not just the first."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(GuidebotError):
    """A command was given something it cannot work with (a missing file, a bad option value)."""
