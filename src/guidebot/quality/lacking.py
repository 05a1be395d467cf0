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
from guidebot.search.asking import NAMES, lacks

__all__ = ["NAMES", "lacks", "read_lack", "reply_lacks"]


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
