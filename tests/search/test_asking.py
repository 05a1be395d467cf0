"""What a question wants its answer to give beside its topic words (search/asking.py)."""

from __future__ import annotations

import pytest

from guidebot.search.answertypes import Kind
from guidebot.search.asking import asked_apart, wanted


def test_what_a_question_asks_for_in_words_of_its_own():
    """asked_apart: "how much is pro" asks a price in words that name none on their own
    ("how much"); in "fees?" the topic word itself asks it."""
    assert asked_apart("how much is pro") == Kind.MONEY
    assert asked_apart("what time do you close") == Kind.CLOCK
    assert asked_apart("fees?") == Kind.NONE
    assert asked_apart("do you mend punctures") == Kind.NONE


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("how much is a service", Kind.MONEY),
        ("how much parking?", Kind.MONEY),  # a price, as help desks are asked it
        ("how much for parking", Kind.MONEY),
        ("how much luggage can i take", Kind.NONE),  # the quantity of a thing taken
        ("how much notice do you need", Kind.NONE),
        ("how much data do i get", Kind.NONE),
        ("how much luggage costs extra", Kind.NONE),  # asked by "costs" itself
    ],
)
def test_what_a_question_wants_beside_its_topic_words(question: str, kind: Kind):
    assert wanted(question) == kind
