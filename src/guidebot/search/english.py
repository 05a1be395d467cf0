"""Common English words and how often English uses them: typo repair never "corrects" a real
word ("care" into "core"), and a word's rarity says how much it tells about a question.

The counts come from pyspellchecker's English frequency dictionary. Reading it takes about
0.1-0.4 s, so the words common enough to trust are written once, with their counts, to a
plain text file in the user cache directory, which later starts read in tens of ms; and
nothing is read until a question needs it.
"""

from __future__ import annotations

import contextlib
import math
import string
from collections.abc import Callable, Container, Iterable
from pathlib import Path

from guidebot import atomic

MIN_COUNT = 20  # rarer dictionary entries include misspellings themselves
CACHE_FORMAT = 2  # 1: words only; 2: "word count" lines after a "total N" line


class EnglishWords:
    """A lazily loaded table of common English words (lower-case) and their counts."""

    def __init__(self, cache_dir: Path | None) -> None:
        self._cache_dir = cache_dir
        self._counts: dict[str, int] | None = None
        self._total = 0

    def __contains__(self, word: object) -> bool:
        return word in self._table()

    def surprisal(self, word: str) -> float:
        """How much the word tells, in nats: -ln of its share of running English text
        (Shannon's self-information), from pyspellchecker's counts. "the" is about 3,
        "take" 6, "salary" 12; a word English does not use ("gre", "mlops") gets the
        most, ln(total words) (about 21)."""
        counts = self._table()
        total = max(self._total, 1)
        return math.log(total / (counts.get(word, 0) + 1))

    def likely_misspelling(self, word: str, by: float, common: float) -> bool:
        """Whether a common word (at most `common` nats) one edit away (a letter dropped,
        added, changed, or two swapped) is at least `by` nats more common in English than
        the word: the noisy-channel reading of spelling correction (Kernighan, Church and
        Gale 1990; Norvig's corrector), one edit costing `by` nats. "wat" (14.7) is "what"
        (4.6) mistyped, while "vet" (12.4) stays a word though "get" is 5.2; a name English
        does not use ("ikea", "etsy", 21 nats) is no misspelling of "idea" (8.3) or "easy"
        (8.9), which are not that common."""
        table = self._table()
        floor = min(self.surprisal(word) - by, common)
        return any(
            candidate in table and self.surprisal(candidate) <= floor
            for candidate in one_edit(word)
        )

    def _table(self) -> dict[str, int]:
        if self._counts is None:
            self._counts, self._total = self._load()
        return self._counts

    def _load(self) -> tuple[dict[str, int], int]:
        cached = self._cache_file()
        if cached and cached.is_file():
            with contextlib.suppress(OSError, UnicodeDecodeError, ValueError):
                return _parse(cached.read_text(encoding="utf-8"))
        counts, total = _from_dictionary()
        if cached and counts:
            lines = [f"total {total}"] + [f"{w} {c}" for w, c in sorted(counts.items())]
            with contextlib.suppress(OSError):  # a read-only cache costs time, not correctness
                atomic.write_text(cached, "\n".join(lines), overwrite=True)
        return counts, total

    def _cache_file(self) -> Path | None:
        if self._cache_dir is None:
            return None
        try:
            from importlib.metadata import version

            tag = version("pyspellchecker")
        except Exception:  # noqa: BLE001 - any metadata trouble just means "no cache name"
            return None
        return self._cache_dir / f"english-words-{tag}-{MIN_COUNT}-v{CACHE_FORMAT}.txt"


def _parse(text: str) -> tuple[dict[str, int], int]:
    """The cache file back; ValueError if it is not what _load wrote."""
    lines = text.split("\n")
    head = lines[0].split()
    if len(head) != 2 or head[0] != "total":
        raise ValueError("not an English word-count file")
    counts = {}
    for line in lines[1:]:
        word, count = line.split(" ")
        counts[word] = int(count)
    return counts, int(head[1])


def _from_dictionary() -> tuple[dict[str, int], int]:
    try:
        from spellchecker import SpellChecker
    except ImportError:
        return {}, 0
    frequencies = SpellChecker(language="en", distance=1).word_frequency.dictionary
    total = sum(frequencies.values())
    counts = {w: c for w, c in frequencies.items() if c >= MIN_COUNT and w.isalpha()}
    return counts, total


def one_edit(word: str) -> set[str]:
    """Every string one edit from a lower-case word: a letter deleted, inserted or
    replaced, or two neighbours swapped (the word itself left out)."""
    cuts = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    letters = string.ascii_lowercase
    edits = {left + right[1:] for left, right in cuts if right}
    edits |= {left + right[1] + right[0] + right[2:] for left, right in cuts if len(right) > 1}
    edits |= {left + c + right[1:] for left, right in cuts if right for c in letters}
    edits |= {left + c + right for left, right in cuts for c in letters}
    edits.discard(word)
    return edits


def own_names(
    surface: Iterable[str],
    english: Container[str],
    terms_of: Callable[[list[str]], list[str]],
    knows: Callable[[str], bool],
) -> set[str]:
    """The terms of these words that are names of the knowledge's own: alphabetic words
    English does not have ("xero", "kelsall") whose term some passage uses (`knows`;
    `terms_of`, Analyzer.terms_of_words). Figures such as "2026" are no names. Empty
    without an English word list (an EnglishWords), as every word would then be one."""
    if not isinstance(english, EnglishWords):
        return set()
    return {
        term
        for word in surface
        if word.isalpha() and word not in english
        for term in terms_of([word])
        if knows(term)
    }
