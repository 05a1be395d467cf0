"""Sums asked to be worked out, told from figures a guide's questions give."""

from __future__ import annotations

import pytest

from guidebot.dialogue.sums import asks_a_sum


@pytest.mark.parametrize(
    "text",
    [
        "whats 15% of 240",
        "help with my year 6 maths homework: what is 15% of 240",
        "solve 3x + 7 = 22",
        "can u solve 2x + 3 = 11 for my sons homework",
        "what is 543 times 344",
        "what's 12 x 4",
        "calculate 7 * 8 please",
        "what is the square root of 81",
        "how much is 20 divided by 4",
        "what's 15% of 240.",
        "whats 15% of £240",
        "15% of 240?",
        "tell me 6 times 7",
        "whats 7x8",
        "solve 3x + 7 = 22 pls its for my homework",
    ],
)
def test_a_sum_asked_to_be_worked_out(text):
    assert asks_a_sum(text)


@pytest.mark.parametrize(
    "text",
    [
        "what are the opening times 9-5",  # a range
        "is the 12/03/2026 booking confirmed",  # a date
        "do you do a 2+1 offer",  # an offer, not asked to be worked out
        "what is 20 percent of my bill",  # no second number: a question about the bill
        "how much is it for 2 adults and 3 children",
        "my cat is 11, do i pay 20 percent of every bill",
        "what's the minimum for 2 x people",
        "my router shows error code=651 what does it mean",
        "the light says status=2, what does that mean",
        "what is 2.5 times the deposit",
    ],
)
def test_figures_that_are_no_sum(text):
    assert not asks_a_sum(text)


@pytest.mark.parametrize(
    "text",
    [
        "how much is a 10 x 10 unit",
        "what's the price for 2 x 7 nights",
        "what is a 2+1 deal",
        "how much is 2x4 timber",
    ],
)
def test_a_measure_or_an_offer_of_the_knowledge_s_is_no_sum(text):
    """A word the knowledge uses right after the figures makes them a measure or an offer."""
    ours = {"unit", "nights", "deal", "timber"}
    assert asks_a_sum(text)
    assert not asks_a_sum(text, ours.__contains__)


GUIDE = """
---
title: Shop Guide
---
## Prices
A day's hire is £30 and a week's is £120; children under 12 pay 50% of the adult price.

## Opening hours
We open at 9am and close at 5pm.
"""

SUMS = (
    "- question: what is 7 x 7\n"
    "  alternates: [what is the sum of 3 plus 5]\n"
    "  answer: Ask me any sum.\n"
)


def test_a_sum_is_declined_with_topics_offered_unless_an_entry_is_asked_as_one(
    make_knowledge,
):
    """ "whats 15% of 240" shares words with the prices, yet asks a sum: declined in the
    calculation intent's words, offering topics. A knowledge whose FAQ asks sums
    (CLINC150's calculator) answers it; a question about the prices with figures is a
    question."""
    from guidebot.bot import Bot

    bot = Bot.load(make_knowledge({"guides/shop.md": GUIDE}))
    reply = bot.conversation().ask("whats 15% of 240")
    assert reply.kind == "decline" and not reply.sources and reply.suggestions
    assert reply.answer.startswith("I can't work out sums")
    reply = bot.conversation().ask("how much is a day's hire for 2 adults")
    assert reply.kind == "answer" and reply.sources[0].section == "Prices"
    calculator = Bot.load(make_knowledge({"guides/shop.md": GUIDE, "faq/sums.yaml": SUMS}))
    reply = calculator.conversation().ask("what is the sum of 13 plus 57")
    assert reply.kind == "answer" and reply.sources[0].id == "faq/what-is-7-x-7"


def test_homework_a_heading_names_is_a_question(make_knowledge):
    """The calculation intent's examples ("help with my homework") yield to a section
    whose heading names their topic, as live information does."""
    from guidebot.bot import Bot

    club = "## Homework club\nOur Homework Club helps pupils with their homework after school.\n"
    bot = Bot.load(make_knowledge({"guides/shop.md": GUIDE + "\n" + club}))
    reply = bot.conversation().ask("can you help with my homework")
    assert reply.kind == "answer" and reply.sources[0].section == "Homework club"
