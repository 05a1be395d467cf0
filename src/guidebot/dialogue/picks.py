"""Replies that pick one of a clarifying question's choices by number or position ("2",
"the first one, please"), rather than by naming it."""

from __future__ import annotations

from guidebot.search.analysis import words

MAX_PICK_WORDS = 4  # a longer reply to a clarifying question is a question of its own
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "last": -1}
# Words that only pick ("the second one, please", "option 2", "I meant number 1").
_PICKING = frozenset(
    "one option number no choice topic please pls plz pick choose want take go with mean "
    "meant".split()
)


def is_pick(word: str) -> bool:
    """Whether the word only picks: a number, an ordinal or a word such as "option"."""
    return word.isdigit() or word in _ORDINALS or word in _PICKING


def ordinal(text: str, choices: list[str]) -> str | None:
    """The choice picked by number or position ("2", "the first one", "last")."""
    for word in words(text):
        number = int(word) if word.isdigit() else _ORDINALS.get(word)
        if number == -1:
            number = len(choices)
        if number and 1 <= number <= len(choices):
            return choices[number - 1]
    return None
