"""Questions asking only for a kind of answer, and passages holding one (search/kindonly.py)."""

from __future__ import annotations

import pytest

from guidebot.search.answertypes import Kind
from guidebot.search.kindonly import asked_alone, holds


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("and the minimum?", Kind.FIGURE),
        ("whats the max?", Kind.FIGURE),
        ("what's the average?", Kind.FIGURE),
        ("how about the lowest", Kind.FIGURE),
        ("and how long does it take?", Kind.DURATION),  # "take" is everyday
        ("how much?", Kind.MONEY),
        ("what is the minimum age for swimming lessons", Kind.NONE),  # names its topic
        ("and how long does the course take?", Kind.NONE),
        ("and for students?", Kind.NONE),
        ("and the?", Kind.NONE),  # stop words only ask for nothing
        ("and when does the library open?", Kind.NONE),  # names the library
        ("when does the bar close", Kind.NONE),
        ("what time does it open?", Kind.CLOCK),
        ("is there a limit?", Kind.NONE),  # asks whether there is one
        ("how much per night?", Kind.MONEY),  # the unit a price is counted by
        ("and how much a day", Kind.MONEY),
        ("how much for kids per night", Kind.NONE),  # kids are a topic
        ("how much is a night in the suite", Kind.NONE),  # a night is what is priced
        ("what age are they for", Kind.AGE),
        ("how old do you have to be?", Kind.AGE),
    ],
)
def test_a_question_asking_for_a_kind_of_answer_and_nothing_else(question, kind):
    assert asked_alone(question, everyday=lambda word: word in {"take", "get"}) == kind


def test_any_figure_answers_a_minimum_or_an_average():
    assert holds("Lessons are for ages 4 to 12.", Kind.FIGURE)
    assert not holds("Lessons are for children.", Kind.FIGURE)
    assert not holds("Lessons are for ages 4 to 12.", Kind.MONEY)
    assert holds("A term costs £65.", Kind.MONEY | Kind.FIGURE)
    # a room's number, a phone number, a date or a year is no amount
    for text in ("Room 2 is the office.", "Call 01632 960 450.", "Since 2019.", "Shut 12.03.2024."):
        assert not holds(text, Kind.FIGURE), text
