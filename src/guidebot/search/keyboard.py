"""Slips of the keyboard: which keys neighbour each other, whether a word's first letter
was changed by something other than such a slip (typos.py reads the rest as a name), and
the words two neighbouring letters swapped give."""

from __future__ import annotations

# Where each key of a QWERTY keyboard is: (row, column), a row's keys half a key right of
# the row above's, so that a key's neighbours are those beside it and the two it touches
# above and below.
_KEYS = {
    key: (row, column)
    for row, keys in enumerate(("qwertyuiop", "asdfghjkl", "zxcvbnm"))
    for column, key in enumerate(keys)
}


def _neighbours(first: str, second: str) -> bool:
    """Whether two letters are keys next to each other on a QWERTY keyboard."""
    if first not in _KEYS or second not in _KEYS:
        return False
    (row, column), (other_row, other_column) = _KEYS[first], _KEYS[second]
    if row == other_row:
        return abs(column - other_column) == 1
    if abs(row - other_row) != 1:
        return False
    upper_column, lower_column = (
        (column, other_column) if row < other_row else (other_column, column)
    )
    return upper_column - lower_column in (0, 1)


def first_letter_changed(word: str, other: str) -> bool:
    """Whether `other` begins otherwise than `word` (another first letter, one added or one
    left out: "gmail" and "email", "mail") other than by a swap of the first two letters
    ("rpice") or a slip onto a key beside it ("oassword"). Few misspellings change the first
    letter (about 7% of those Pollock and Zamora collected, as K. Kukich reports in
    "Techniques for Automatically Correcting Words in Text", ACM Computing Surveys 24(4),
    1992), so a word that another first letter would make a known one is likelier a name
    the knowledge lacks than a slip."""
    if not word or not other or word[0] == other[0]:
        return False
    swapped = len(word) > 1 and len(other) > 1 and word[:2] == other[1::-1]
    return not swapped and not (len(word) == len(other) and _neighbours(word[0], other[0]))


def swaps(word: str) -> set[str]:
    """The word with two neighbouring letters swapped, each way it can be (not the word)."""
    swapped = {f"{word[:n]}{word[n + 1]}{word[n]}{word[n + 2 :]}" for n in range(len(word) - 1)}
    return swapped - {word}
