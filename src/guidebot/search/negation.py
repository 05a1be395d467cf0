"""Topics a question rules out: "I don't care about salary, how long does it take?" asks
about duration, and its "salary" must not pull the answer toward pay.

A ruling-out phrase ("don't care about", "not interested in", "forget", "never mind",
"other than", "apart from", "except") rules out the words after it up to the end of the
clause: a comma or other punctuation, or a word that starts a new one ("but", "and", a
question word). English phrasing, not any guide's words, so every knowledge base gets it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

_RULING_OUT = re.compile(
    r"\b(?:(?:do\s*n[o'’]?t|dont|didn'?t|doesn'?t)\s+(?:really\s+)?care\s+(?:about|for)"
    r"|not\s+(?:really\s+)?(?:interested|asking)\s+(?:in|about)"
    r"|forget(?:\s+about)?|never\s*mind(?:\s+about)?|ignore"
    r"|other\s+than|apart\s+from|aside\s+from|except(?:\s+for)?)\s+",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(
    r"[,;:.!?]|\b(?:but|and|so|how|what|when|where|which|who|why|can|could|do|does|is|are"
    r"|will|would|should)\b",
    re.IGNORECASE,
)


def ruled_out(text: str) -> list[tuple[str, str]]:
    """(phrase, span) for each topic the question says it is not asking about, in order:
    the ruling-out phrase as written and the words it rules out."""
    found = []
    for match in _RULING_OUT.finditer(text):
        rest = text[match.end() :]
        end = _CLAUSE_END.search(rest)
        span = (rest[: end.start()] if end else rest).strip()
        if span:
            found.append((match.group(0).strip(), span))
    return found


def less_ruled_out(
    question: str, terms: list[str], terms_of: Callable[[str], Sequence[str]]
) -> list[str]:
    """The terms less those (`terms_of` a text) of topics the question rules out and of the
    phrases that rule them out, as long as some are left: "I don't care about salary, how
    long does the degree take?" is searched for how long the degree takes."""
    found = ruled_out(question)
    out = {t for pair in found for text in pair for t in terms_of(text)}
    kept = [t for t in terms if t not in out]
    return kept if found and kept else terms
