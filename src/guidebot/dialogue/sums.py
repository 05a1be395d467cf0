"""Whether a message asks for a sum to be worked out ("whats 15% of 240", "solve 3x + 7 =
22"): homework no guide answers, whatever words it shares with one. Read by small talk,
which declines it as its `calculation` intent unless an FAQ entry asks it."""

from __future__ import annotations

import re

_NUMBER = r"(?<![\w.])\d+(?:\.\d+)?[a-z]?(?![\w.])"  # "3x" is a term of an equation
# Between two numbers: a symbol that only a sum writes ("-" and "/" also write ranges and
# dates), a spaced "x", a share "of" something, or an operation in words.
_OPERATOR = (
    r"\s*[+*×÷^]\s*|\s+x\s+|\s*(?:%|per\s?cent)\s+of\s+"
    r"|\s+(?:plus|minus|times|divided\s+by|multiplied\s+by|to\s+the\s+power\s+of)\s+"
)
_SUM = re.compile(rf"{_NUMBER}(?:{_OPERATOR}){_NUMBER}|square\s+root\s+of\s+\d|=\s*\d", re.I)
# ... asked to be worked out: "buy 2 + 1 free" names an offer, "what's 2 + 1" asks a sum.
_ASKING = re.compile(
    r"\b(?:what(?:'?s|\s+is|\s+are)|how\s+much\s+is|calculate|work\s+out|solve|equals?"
    r"|homework)\b|=",
    re.I,
)


def asks_a_sum(text: str) -> bool:
    """Whether the text holds a sum (two numbers with an operation between them, an
    equation, a square root) and asks for it to be worked out."""
    return bool(_SUM.search(text)) and bool(_ASKING.search(text))
