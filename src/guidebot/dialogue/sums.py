"""Whether a message asks for a sum to be worked out ("whats 15% of 240", "solve 3x + 7 =
22"): homework no guide answers, whatever words it shares with one. Read by small talk,
which declines it as its `calculation` intent unless the knowledge's FAQ is itself asked in
sums (yielding.SmalltalkYield.faq_asks)."""

from __future__ import annotations

import re
from collections.abc import Callable

# A figure, with a currency sign before it or a variable after it ("3x"); a full stop may end
# the sentence after it but not continue it ("2.5").
_NUMBER = r"(?<![\w.])[£$€]?\d+(?:\.\d+)?[a-z]?(?!\w|\.\d)"
# Between two figures: a symbol that only a sum writes ("-" and "/" also write ranges and
# dates), an "x" (spaced or not), a share "of" something, or an operation in words.
_OPERATOR = (
    r"\s*[+*×÷^]\s*|\s*x\s*|\s*(?:%|per\s?cent)\s+of\s+"
    r"|\s+(?:plus|minus|times|divided\s+by|multiplied\s+by|to\s+the\s+power\s+of)\s+"
)
_SUM = re.compile(
    rf"{_NUMBER}(?:{_OPERATOR}){_NUMBER}|(?<![\w.])\d+x\d+\b|square\s+root\s+of\s+\d", re.I
)
# ... asked to be worked out: "buy 2 + 1 free" names an offer, "what's 2 + 1" asks a sum.
_ASKING = re.compile(
    r"\b(?:what(?:'?s|\s+is|\s+are)|how\s+much\s+is|calculate|work\s+out|solve|tell\s+me"
    r"|equals?|homework)\b|=|\?\s*$",
    re.I,
)
_NEXT_WORD = re.compile(r"\s*([a-z]+)", re.I)


def asks_a_sum(text: str, names_a_thing: Callable[[str], bool] = lambda word: False) -> bool:
    """Whether the text holds a sum (two figures with an operation between them, or a
    square root) and asks for it to be worked out. Not when a word right after the sum
    names a thing the knowledge is about (`names_a_thing`): "how much is a 10 x 10 unit",
    "2 x 7 nights" and "a 2+1 deal" are measures and offers of its own."""
    if not _ASKING.search(text):
        return False
    for found in _SUM.finditer(text):
        after = _NEXT_WORD.match(text, found.end())
        if not (after and names_a_thing(after.group(1))):
            return True
    return False
