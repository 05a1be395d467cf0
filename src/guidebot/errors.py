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


class ProblemsError(GuidebotError):
    """A file could not be used; carries every problem found (file:line), not just the first."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class KnowledgeError(ProblemsError):
    """The knowledge could not be loaded."""


class EvalSetError(ProblemsError):
    """An evaluation file could not be used (bad cases, sections the knowledge lacks)."""


class InputError(GuidebotError):
    """A file or value handed to guidebot cannot be used: a missing or binary file, a table
    without questions, a log that cannot be read. The message names the file (and line)."""


class WriteRefused(GuidebotError):
    """Writing would replace files that exist (or are not regular files) and that was not
    asked for; `paths` are the files in the way."""

    def __init__(self, message: str, paths: Sequence[str] = ()) -> None:
        self.paths = tuple(paths)
        super().__init__(message)


class WriteFailed(GuidebotError, OSError):
    """A file could not be written (read-only or full disk, a missing folder that cannot be
    made): 'cannot write PATH: reason'. Also an OSError, so code that treats a failed write
    as a mere note (caches) keeps doing so."""

    def __init__(self, path: object, reason: str) -> None:
        super().__init__(f"cannot write {path}: {reason}")
        self.path = str(path)
