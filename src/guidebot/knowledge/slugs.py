"""Readable ids from text ("What is ABET?" -> "what-is-abet"), made unique within a set."""

from __future__ import annotations

import re
import unicodedata

# Letters that Unicode does not decompose into a base letter and an accent.
_LETTERS = str.maketrans({"ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "þ": "th"})


def folded(text: str) -> str:
    """Lower-case text with accents dropped ("Café" -> "cafe", "Straße" -> "strasse"), so
    an id keeps the word rather than losing the letter ("caf")."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slugify(text: str, words: int = 6, fallback: str = "entry") -> str:
    """Lower-case words of text joined by '-', apostrophes dropped ("master's" -> "masters")
    and accents too ("café" -> "cafe")."""
    parts = re.findall(r"[a-z0-9]+", re.sub(r"['’]", "", folded(text)))
    return "-".join(parts[:words])[:80].strip("-") or fallback


def unique(base: str, taken: set[str]) -> str:
    """base, or base-2, base-3 … whichever is not taken yet; the result is added to taken."""
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate
