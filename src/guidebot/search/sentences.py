"""A message's sentences, so the one that asks can outweigh the story told before it."""

from __future__ import annotations

import re

from guidebot.search.analysis import without_item_numbers

# A line break ends a sentence too: a list item or a paragraph of a passage has no full stop.
# The break's spaces are matched from where their run starts only, as in split._JOIN.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<!\s)\s*\n\s*")
_LAST_WORD = re.compile(r"([^\W\d_]+)\.$")
# A full stop after these (or after a single letter: "U.S.", "e.g.") ends no sentence.
_ABBREVIATIONS = frozenset("vs etc dr mr mrs ms st jr sr no approx incl".split())


def sentences(text: str) -> list[str]:
    """The text's sentences, without the numbers of list items ("2. "; a bullet's "-" stays,
    as it is no word); a full stop after an
    abbreviation does not end one, nor does a line that ends in a colon (a list's lead-in
    goes with its first item)."""
    found: list[str] = []
    for piece in _SENTENCE_END.split(without_item_numbers(text).strip()):
        if found and _goes_on(found[-1]):
            found[-1] = f"{found[-1]} {piece}"
        elif piece:
            found.append(piece)
    return found


def _goes_on(sentence: str) -> bool:
    """Whether what follows belongs to the sentence: it ends in a colon or an abbreviation."""
    if sentence.endswith(":"):
        return True
    last = _LAST_WORD.search(sentence)
    if last is None:
        return False
    return len(last.group(1)) == 1 or last.group(1).lower() in _ABBREVIATIONS


def asking_sentences(text: str) -> list[str]:
    """The sentences that ask (end in "?") of a message that also has sentences that do
    not, else none: people put their story first and the question last."""
    parts = sentences(text)
    asking = [s for s in parts if s.rstrip().endswith("?")]
    return asking if len(asking) < len(parts) else []
