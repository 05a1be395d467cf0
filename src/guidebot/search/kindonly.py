"""Questions that ask only for a kind of answer ("and how long does it take?", "and the
minimum?"), naming no topic of their own, and whether a passage holds an answer of that
kind. Such a follow-up asks it of the topic before (dialogue.followup.asks_only); the
kinds are those of answertypes, and Kind.FIGURE for a minimum, maximum or average.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from guidebot.search.analysis import STOP_WORDS, words
from guidebot.search.answertypes import Kind, asked, held
from guidebot.search.contact import REACH_WORDS
from guidebot.search.phones import DATE, PHONE

# Words asking for an extreme or an average of an amount: "and the minimum?", "whats the
# max?", "the average?". Not "limit", "range" or "total", which name things of their own
# ("is there a limit?" asks whether there is one).
_EXTENT = frozenset(
    "minimum min maximum max least lowest highest smallest largest biggest average median".split()
)
# The words of answertypes' phrasings asking for a kind ("how much", "what time", "phone
# number", and every word a request for a way to reach someone uses): taken out word by
# word, so that the words between two of them ("when does the library open") are still read.
_CUES = REACH_WORDS | frozenset(
    """
    cost costs costing price prices priced fee fees charge charges salary salaries wage wages
    earn earns expensive cheap cheapest afford tuition fare fares pay paid how much long many
    minutes hours days weeks months years time times opening open opens close closes closed
    start starts begin begins finish finishes when percent percentage per cent age ages old
    """.split()
)
# Words of _CUES that only shape a phrase asking for a kind ("how long", "how much", "how
# many", "how old"): a passage holding one ("long hair") holds nothing the question names.
_PHRASE_PARTS = frozenset("long much many old".split())
# Figures that are no amount: a phone number, a date (as answertypes reads them), a year,
# a room or line number.
_NO_AMOUNT = re.compile(
    rf"{PHONE.pattern}|{DATE.pattern}|\b(?:19|20)\d\d\b|"
    r"\b(?:room|line|floor|level|gate|door|platform|bus|route|no\.?)\s*\d+\b",
    re.I,
)
_DIGIT = re.compile(r"\d")
# What a price is counted by: "how much per night?", "how much a day?", "and each person?".
# The unit names no topic of its own; the price asked for is the topic's before.
_RATE = re.compile(
    r"\b(?:per|a|an|each|every)\s+(?:night|day|week|month|year|hour|minute|person|head)\b",
    re.I,
)


def asked_alone(question: str, everyday: Callable[[str], bool] = lambda word: False) -> Kind:
    """The kinds of answer the question asks for when it names nothing else, Kind.NONE when
    it does: each of its words is a stop word, a word of a phrasing asking for that kind
    (answertypes.asked), a word of extent (minimum, maximum, average: Kind.FIGURE) or one
    that `everyday` says names no topic ("take" in "and how long does it take?"), and for
    a price, the unit it is counted by ("how much per night?": _RATE). "and when does the
    library open?" names the library."""
    kind = asked(question)
    said = words(_RATE.sub(" ", question) if kind & Kind.MONEY else question)
    kind |= Kind.FIGURE if any(w in _EXTENT for w in said) else Kind.NONE
    if not kind or any(
        w not in STOP_WORDS and w not in _CUES and w not in _EXTENT and not everyday(w)
        for w in said
    ):
        return Kind.NONE
    return kind


def cue_words(question: str) -> list[str]:
    """The question's words that only shape an asking phrase ("long" in "how long for?",
    "much" in "how much?": _PHRASE_PARTS) or ask an extent ("minimum"), in order; not those
    naming the kind ("cost", "price"), which a passage about it holds for what it says."""
    return [w for w in words(question) if w in _PHRASE_PARTS or w in _EXTENT]


def holds(text: str, kind: Kind) -> bool:
    """Whether the text holds an answer of one of the kinds (answertypes.held); for
    Kind.FIGURE, a figure in digits that is an amount, not a phone number, a date, a year or
    a room's number ("Room 2 is the office" gives no minimum)."""
    if held(text) & kind:
        return True
    return Kind.FIGURE in kind and bool(_DIGIT.search(_NO_AMOUNT.sub(" ", text)))
