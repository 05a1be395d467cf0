"""Common English words, so typo repair never "corrects" a real word ("care" into "core").

The word list comes from pyspellchecker's English frequency dictionary. Reading it takes
about 0.4 s, so the words common enough to trust are written once to a plain text file in
the user cache directory, which later starts read in milliseconds; and nothing is read
until a question holds a word the knowledge does not use.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from guidebot import atomic

MIN_COUNT = 20  # rarer dictionary entries include misspellings themselves


class EnglishWords:
    """A lazily loaded set of common English words (lower-case)."""

    def __init__(self, cache_dir: Path | None) -> None:
        self._cache_dir = cache_dir
        self._words: frozenset[str] | None = None

    def __contains__(self, word: object) -> bool:
        if self._words is None:
            self._words = self._load()
        return word in self._words

    def _load(self) -> frozenset[str]:
        cached = self._cache_file()
        if cached and cached.is_file():
            try:
                return frozenset(cached.read_text(encoding="utf-8").split())
            except (OSError, UnicodeDecodeError):
                pass  # rebuilt below
        words = _from_dictionary()
        if cached and words:
            with contextlib.suppress(OSError):  # a read-only cache costs time, not correctness
                atomic.write_text(cached, "\n".join(sorted(words)), overwrite=True)
        return words

    def _cache_file(self) -> Path | None:
        if self._cache_dir is None:
            return None
        try:
            from importlib.metadata import version

            tag = version("pyspellchecker")
        except Exception:  # noqa: BLE001 - any metadata trouble just means "no cache name"
            return None
        return self._cache_dir / f"english-words-{tag}-{MIN_COUNT}.txt"


def _from_dictionary() -> frozenset[str]:
    try:
        from spellchecker import SpellChecker
    except ImportError:
        return frozenset()
    frequencies = SpellChecker(language="en", distance=1).word_frequency.dictionary
    return frozenset(w for w, count in frequencies.items() if count >= MIN_COUNT and w.isalpha())
