"""Asking for a person (dialogue/handoff.py): answered with the passage that says how to
reach one, whatever its words; small talk when no passage does."""

from __future__ import annotations

import pytest

from guidebot.bot import Bot
from guidebot.dialogue.handoff import NOTE

CENTRE = """---
title: Leisure Centre
---
# Leisure Centre

## Opening hours

We open at 6:30am and close at 10pm on weekdays.

## Swimming lessons

Lessons for children aged 4 and over run on Saturday mornings and cost £28 a month.

## Get in touch

Reception answers on 01632 960 418 from 7am to 9pm, or write to hello@example.org.
"""


@pytest.mark.parametrize(
    "question",
    [
        "can i speak to a human",
        "i want to talk to a real person please",
        "is there someone i can talk to",
    ],
)
def test_asking_for_a_person_is_answered_with_the_way_to_reach_one(make_knowledge, question):
    bot = Bot.load(make_knowledge({"guides/centre.md": CENTRE}))
    reply = bot.ask(question)
    assert reply.kind == "answer" and reply.sources[0].section == "Get in touch"
    assert NOTE in reply.notes and reply.confidence == 1.0


def test_asking_who_guidebot_is_is_no_request_for_a_person(make_knowledge):
    bot = Bot.load(make_knowledge({"guides/centre.md": CENTRE}))
    assert bot.ask("am i talking to a real person").kind == "smalltalk"


def test_small_talk_before_the_request_does_not_hide_it(make_knowledge):
    bot = Bot.load(make_knowledge({"guides/centre.md": CENTRE}))
    for question in ("hello, can i talk to someone", "thanks, can i speak to a human"):
        reply = bot.ask(question)
        assert reply.kind == "answer" and reply.sources[0].section == "Get in touch", question


SURGERY = """---
title: Surgery
---
# Surgery

## Emergencies

In an emergency call 999, or NHS 111 for urgent advice when we are closed.

## Repeat prescriptions

Order repeat prescriptions online; they are ready in two working days.
"""


def test_a_short_line_for_emergencies_is_no_way_to_reach_staff(make_knowledge):
    reception = "\n## Reception\n\nReception answers on 01632 960 123 from 8am to 6pm.\n"
    bot = Bot.load(make_knowledge({"guides/surgery.md": SURGERY + reception}))
    reply = bot.ask("can i speak to a human")
    assert reply.kind == "answer" and reply.sources[0].section == "Reception"
    alone = Bot.load(make_knowledge({"guides/surgery.md": SURGERY}))
    assert alone.ask("can i speak to a human").kind == "smalltalk"


def test_the_knowledge_s_own_reply_to_a_request_for_a_person_is_kept(make_knowledge):
    own = "- intent: handoff\n  examples: [i want a human]\n  reply: Use the live chat button.\n"
    bot = Bot.load(make_knowledge({"guides/centre.md": CENTRE, "smalltalk.yaml": own}))
    reply = bot.ask("can i speak to a human")
    assert reply.kind == "smalltalk" and reply.answer == "Use the live chat button."


def test_with_no_way_to_reach_anyone_it_says_so(make_knowledge):
    guide = CENTRE.split("## Get in touch")[0]
    bot = Bot.load(make_knowledge({"guides/centre.md": guide}))
    reply = bot.ask("can i speak to a human")
    assert reply.kind == "smalltalk" and not reply.sources
    assert "can't put you through" in reply.answer
