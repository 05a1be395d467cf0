"""What an answer does not give that its question asks for: no price in the answer to "how
much is a service", no time of day in the answer to "what time does the library close".

Such an answer may cover every word of the question (confidence 1.0) and still be wrong,
so the log keeps it for review beside the declines and low-confidence answers
(log.is_unanswered), and `guidebot gaps` says what it lacked. Over the twenty newcomers'
trials (tests/trials), 31 answers lacked the kind asked; 23 of them were wrong, against 61
of the 258 answers that gave it. Figures and ages are not judged: a question names them
("can i bring my son, he's 4") as often as it asks for them.
"""

from __future__ import annotations

from guidebot.search.answertypes import Kind, asked_apart
from guidebot.search.kindonly import holds

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


def lacks(question: str, answer: str) -> str:
    """What the answer text lacks that the question asks for in other words
    (answertypes.asked_apart), named as in NAMES ("price", or "price or date" for a
    question asking for either), else "" (it gives one, or the question asks for none
    of NAMES)."""
    wanted = asked_apart(question)
    wanted &= Kind(sum(NAMES))
    if not wanted or holds(answer, wanted):
        return ""
    return " or ".join(name for kind, name in NAMES.items() if kind in wanted)
