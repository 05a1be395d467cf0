"""What an answer lacks of the kind its question asks for (quality/lacking.py)."""

from __future__ import annotations

import pytest

from guidebot.quality.lacking import lacks


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
