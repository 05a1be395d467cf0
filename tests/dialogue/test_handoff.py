"""Asking for a person (dialogue/handoff.py): answered with the passage that says how to
reach one, whatever its words; small talk when no passage does."""

from __future__ import annotations

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


def test_asking_for_a_person_is_answered_with_the_way_to_reach_one(make_knowledge):
    bot = Bot.load(make_knowledge({"guides/centre.md": CENTRE}))
    for question in ("can i speak to a human", "i want to talk to a real person please"):
        reply = bot.ask(question)
        assert reply.kind == "answer", question
        assert reply.sources[0].section == "Get in touch"
        assert NOTE in reply.notes and reply.confidence == 1.0
    assert bot.ask("am i talking to a real person").kind == "smalltalk"  # who guidebot is


def test_with_no_way_to_reach_anyone_it_says_so(make_knowledge):
    guide = CENTRE.split("## Get in touch")[0]
    bot = Bot.load(make_knowledge({"guides/centre.md": guide}))
    reply = bot.ask("can i speak to a human")
    assert reply.kind == "smalltalk" and not reply.sources
    assert "can't put you through" in reply.answer
