"""What an answer does not give that its question asks for: no price in the answer to "how
much is a service", no time of day in the answer to "what time does the library close".

Such an answer may cover every word of the question (confidence 1.0) and still be wrong,
so the log keeps it for review beside the declines and low-confidence answers
(log.is_unanswered), and `guidebot gaps` says what it lacked. Over the twenty newcomers'
trials (tests/trials), 34 answers lacked the kind asked; 25 of them were wrong, against 60
of the 262 answers that gave it. Figures and ages are not judged: a question names them
("can i bring my son, he's 4") as often as it asks for them.
"""

from __future__ import annotations

from guidebot.reply import Reply
from guidebot.search.answertypes import Kind
from guidebot.search.asking import wanted
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
JUDGED = Kind(sum(NAMES))


def lacks(question: str, answer: str) -> str:
    """What the answer text lacks that the question asks for in words of its own
    (asking.wanted: "how much", "what time", "how long"; not a topic word such as
    "fee" or "email", which names a subject as often as it asks for a figure), named as in
    NAMES ("price", or "price or date" for a question asking for either), else "" (it
    gives one, or the question asks for none of NAMES)."""
    asked_for = wanted(question) & JUDGED
    if not asked_for or holds(answer, asked_for):
        return ""
    return " or ".join(name for kind, name in NAMES.items() if kind in asked_for)


def reply_lacks(reply: Reply) -> str:
    """What an answer lacks (lacks), judged on the question as read (Reply.asked: a
    follow-up with the question it follows, a pick with the question asked back) and, for
    a message of several questions, part by part: the first part's lack, else ""."""
    if reply.parts:
        return next((found for part in reply.parts if (found := reply_lacks(part))), "")
    return lacks(reply.asked, reply.answer) if reply.kind == "answer" else ""


def read_lack(record: dict) -> str:
    """A logged record's `lacks` (a dict read from the log's JSON), if it is an answer's
    and names kinds NAMES has ("price or date"), else "" (a hand-edited or foreign line)."""
    value = record.get("lacks")
    if record.get("kind") != "answer" or not isinstance(value, str) or not value:
        return ""
    return value if set(value.split(" or ")) <= set(NAMES.values()) else ""
