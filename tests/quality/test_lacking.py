"""What an answer lacks of the kind its question asks for (quality/lacking.py)."""

from __future__ import annotations

import pytest

from guidebot.quality.lacking import lacks, reply_lacks
from guidebot.reply import Reply, Source


@pytest.mark.parametrize(
    ("question", "answer", "lacked"),
    [
        ("how much is a service", "We mend punctures, gears and brakes.", "price"),
        ("how much is a service", "A basic service costs £45.", ""),
        ("what time does the library close", "We are closed on bank holidays.", "time of day"),
        ("what time does the library close", "We close at 5pm on Saturdays.", ""),
        ("how long does a repair take", "Most repairs are done while you wait.", "length of time"),
        ("whats your phone number", "Write to us at the address below.", "phone number"),
        ("whats your phone number", "Call 0117 496 0123.", ""),
        # Asked by the topic word itself, or not at all: nothing to judge
        ("fees?", "Ask at the desk.", ""),
        ("do you mend punctures", "Yes, while you wait.", ""),
        # An age or a figure is named in statements as often as asked for
        ("can i bring my son, hes 4", "Children are welcome.", ""),
    ],
)
def test_an_answer_lacks_the_kind_of_answer_its_question_asks_for(question, answer, lacked):
    assert lacks(question, answer) == lacked


def _answer(question: str, text: str, read_as: str = "") -> Reply:
    source = Source(1, "g/s/1", "G", "S", text, 3.0)
    return Reply(question=question, answer=text, kind="answer", sources=(source,), read_as=read_as)


def test_a_reply_is_judged_as_read_and_part_by_part():
    """A follow-up or a pick by the question as read ("and for children?" after a price
    question), a message of several questions by each part: one part giving a price does
    not hide another that gives none."""
    follow_up = _answer(
        "and for children?", "Children swim with an adult.", "how much is a swim? and for children?"
    )
    assert reply_lacks(follow_up) == "price"
    priced = _answer("how much is a full service", "A full service is £95.")
    opening = _answer("what time do you open", "We open on weekdays.")
    both = Reply.of_parts("how much is a full service and what time do you open", [priced, opening])
    assert reply_lacks(both) == "time of day"
    assert reply_lacks(Reply(question="how much?", answer="", kind="decline")) == ""
    # "how much" before the thing measured asks its quantity, not a price
    assert lacks("how much luggage can i take", "One 23kg bag each.") == ""
