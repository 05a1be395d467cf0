"""A query word read as another (a typo repaired, an informal spelling spelt out), and the
question's text as so read, for readers of the text itself."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Repair:
    """One word read as another, so the reply can say so and a wrong guess is visible."""

    original: str
    replacement: str
    # Whether the reply says so: a typo guessed may be wrong, an informal spelling spelt
    # out ("avg" as "average", search/informal.py) is not worth a note.
    noted: bool = True


def as_repaired(text: str, repairs: Sequence[Repair], fixed: Sequence[str] = ()) -> str:
    """The text with each repaired word (a whole word, any case) replaced by its repair, in
    one pass, for readers of the text itself such as a sentence-embedding model. A repair
    is of the word as analysed ("tutíon" is read as "tution"): when one is not found as
    typed, the text is the `fixed` words (as TypoRepairer.repair gives them) if given."""
    if not repairs:
        return text
    table = {r.original: r.replacement for r in repairs}
    alternatives = "|".join(sorted(map(re.escape, table), key=len, reverse=True))
    found: set[str] = set()

    def replaced(match: re.Match[str]) -> str:
        word = match.group(0).lower()
        found.add(word)
        return table.get(word, match.group(0))

    # Whole words only, and not inside an address ("info@example.com", "site.com/info"),
    # which the search never read as words to repair.
    out = re.sub(
        rf"(?<![^\W_])(?<![@/])(?:{alternatives})(?![^\W_])(?![@/]|\.\w)",
        replaced,
        text,
        flags=re.IGNORECASE,
    )
    return out if found >= table.keys() or not fixed else " ".join(fixed)
