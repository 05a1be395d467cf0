"""Ages told or asked, and passages setting an age limit (search/ages.py), and the lift
they give (search/lifts.py)."""

from __future__ import annotations

import pytest

from guidebot import Bot
from guidebot.search.ages import ages_told
from guidebot.search.answertypes import Kind, asked, held


@pytest.mark.parametrize(
    ("question", "told", "asks"),
    [
        ("I'm 22, can I hire?", ["22"], True),
        ("im 23, is there an extra charge for me", ["23"], True),
        ("my son is 16, can he drive", ["16"], True),
        ("can we get an extra bed for our 8 year old", ["8"], True),
        ("she's 7 and he's 9", ["7", "9"], True),
        ("i'm 21 years old", ["21"], True),  # one age, read by two patterns
        ("how old do you have to be", [], True),  # asks one, tells none
        ("I'm 5 minutes away", [], False),  # a count of something else
        ("I'm 2 nights into my stay", [], False),
        ("I'm 4 payments behind", [], False),
        ("she's 6 foot tall", [], False),
        ("she's 5'4", [], False),
        ("we are 12 people", [], False),  # a group's size
        ("is 10 enough", [], False),
    ],
)
def test_the_ages_a_question_tells(question, told, asks):
    assert ages_told(question) == told
    assert bool(asked(question) & Kind.AGE) == asks


@pytest.mark.parametrize(
    "text",
    [
        "Children aged 4 to 12 pay half.",
        "The main driver must be at least 21 years old.",
        "Under-16s are not allowed in the gym.",
        "Concessions for over 65s.",
        "Drivers aged 80 and over need a letter from their GP.",
        "Drivers 80 and over need a letter from their GP.",
        "Children under 4 eat free.",
        "The minimum age is 18.",
    ],
)
def test_a_passage_setting_an_age(text):
    assert held(text) & Kind.AGE


@pytest.mark.parametrize(
    "text",
    [
        "Every car is less than three years old.",  # a car's age, in words
        "Open 10:00 to 22:00.",
        "Over 90 works lent from private collections.",
        "Groups of 10 and over get 10% off.",  # a count, not an age
        "Spend £40 or over for free delivery.",
        "Guests over 6 ft may find the attic rooms low.",
    ],
)
def test_figures_that_set_no_age(text):
    assert not held(text) & Kind.AGE


HIRE = """
---
title: Kestrel Hire Guide
---
## One-way hire
Hire a car in one branch and return it to another: one-way hire costs £45 on top of the
hire itself.

## Van hire
Hire a van by the day. Van hire starts at £60 a day; long hires cost less.

## Opening hours
Branches open 07:00 to 22:00 every day, so you can hire late.

## Who can rent
To hire, the main driver must be at least 21 years old. Drivers aged 21 to 24 pay a young driver
surcharge of £12 a day.

## Salaries for drivers
Delivery drivers we hire earn £24,000 a year.
"""


def test_an_age_told_is_asked_of_the_passage_setting_age_limits(make_knowledge):
    """ "I'm 22, can I hire?": its one other term is in every passage, and "22" met the
    opening hours' "22:00" (and so was declined as barely covered)."""
    bot = Bot.load(make_knowledge({"guides/hire.md": HIRE}))
    for question in ("I'm 22, can I hire?", "how old do you have to be to hire?"):
        reply = bot.ask(question)
        assert reply.kind == "answer", question
        assert reply.sources[0].section == "Who can rent", question


def test_an_age_in_a_story_does_not_outweigh_the_question(make_knowledge):
    """An age told beside many words of a topic is part of the story: the lift is the share
    an age term would be of the question's weighted terms."""
    bot = Bot.load(make_knowledge({"guides/hire.md": HIRE}))
    question = (
        "I'm 34, been a warehouse supervisor for ten years, what do delivery drivers earn "
        "a year, what are the salaries like?"
    )
    assert bot.ask(question).sources[0].section == "Salaries for drivers"
