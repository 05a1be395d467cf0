"""Readable ids from text ("What is ABET?" -> "what-is-abet"), made unique within a set."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Letters that Unicode does not decompose into a base letter and an accent.
_LETTERS = str.maketrans({"ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "þ": "th"})


def folded(text: str) -> str:
    """Lower-case text with accents dropped ("Café" -> "cafe", "Straße" -> "strasse"), so
    an id keeps the word rather than losing the letter ("caf")."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slugify(text: str, words: int = 10, fallback: str = "entry") -> str:
    """The first `words` lower-case words of text joined by '-', apostrophes dropped
    ("master's" -> "masters") and accents too ("café" -> "cafe"), ending at a word's end
    within 80 characters. Ten words, because a question's first six are often all asking
    ("where-can-i-get-rid-of" named two FAQ entries on paint and on sharps)."""
    parts = re.findall(r"[a-z0-9]+", re.sub(r"['’]", "", folded(text)))[:words]
    while len(parts) > 1 and len("-".join(parts)) > 80:
        parts.pop()
    return "-".join(parts)[:80] or fallback


class UniqueIds:
    """Ids made unique within a set: a base as it is, else base-2, base-3 … whichever is
    not taken yet. Each base's next suffix is remembered, so that 50,000 rows asking one
    question in the same first words take linear time, not quadratic (a 20 MB export's
    ids took minutes)."""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self.taken = set(taken)
        self._next: dict[str, int] = {}

    def __contains__(self, id_: object) -> bool:
        return id_ in self.taken

    def add(self, id_: str) -> None:
        """Count an id given as it is (an export's own) as taken."""
        self.taken.add(id_)

    def of(self, base: str) -> str:
        """base, or the first base-N from 2 up not taken yet; the result is taken."""
        candidate, n = base, self._next.get(base, 2)
        if candidate in self.taken:
            while (candidate := f"{base}-{n}") in self.taken:
                n += 1
            self._next[base] = n + 1
        self.taken.add(candidate)
        return candidate
