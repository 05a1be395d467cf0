"""What a question wants its answer to give, beside the words that name its topic: the
kinds of answer (answertypes.Kind) asked in words of their own ("how much", "what time",
"how long"), as the heading rule (dialogue/clarify.py), the count of what a question names,
the note on an answer giving none of them (`lacks`) and the gap log (quality/lacking.py) read
them.
"""

from __future__ import annotations

import re

from guidebot.search.answertypes import Kind, asked
from guidebot.search.kindonly import holds

# "how much" asking the quantity of a thing one takes, brings or needs
_QUANTITY = re.compile(
    r"\bhow much \w+(?: \w+){0,3}? (?:take|bring|carry|need|get|have|use|send|store|hold)\b",
    re.I,
)


def asked_apart(question: str) -> Kind:
    """The kinds of answer a question asks for in words that name no such kind on their
    own: money in "how much is pro", none in "fees?" (the topic word itself asks it)."""
    named_by_a_word = Kind.NONE
    for word in question.split():
        named_by_a_word |= asked(word)
    return asked(question) & ~named_by_a_word


def wanted(question: str) -> Kind:
    """The kinds of answer the question asks for in words of its own (asked_apart), less a
    price where "how much" asks the quantity of a thing one takes, brings or needs: "how
    much luggage can I take", "how much notice do you need" (not "how much parking", which
    asks a price)."""
    kind = asked_apart(question)
    if Kind.MONEY in kind and _QUANTITY.search(question):
        kind &= ~Kind.MONEY
    return kind


# The kinds judged, each as the log and `guidebot gaps` name it
NAMES = {
    Kind.MONEY: "price",
    Kind.CLOCK: "time of day",
    Kind.DURATION: "length of time",
    Kind.PHONE: "phone number",
    Kind.EMAIL: "email address",
    Kind.WEB: "web address",
    Kind.PERCENT: "percentage",
    Kind.DATE: "date",
    Kind.POSTAL: "postal address",
}
JUDGED = Kind(sum(NAMES))


def lacks(question: str, answer: str) -> str:
    """What the answer text lacks that the question asks for in words of its own
    (wanted: "how much", "what time", "how long"; not a topic word such as
    "fee" or "email", which names a subject as often as it asks for a figure), named as in
    NAMES ("price", or "price or date" for a question asking for either), else "" (it
    gives one, or the question asks for none of NAMES)."""
    if not asked(question) & JUDGED:  # the whole question first: word by word costs more
        return ""
    asked_for = wanted(question) & JUDGED
    if not asked_for or holds(answer, asked_for):
        return ""
    return " or ".join(name for kind, name in NAMES.items() if kind in asked_for)
