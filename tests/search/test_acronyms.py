"""Acronyms of names the knowledge writes out (search/acronyms.py), read by typo repair."""

from __future__ import annotations

from guidebot import Bot
from guidebot.search.acronyms import acronyms


def test_a_name_gives_its_initials_with_its_small_words_skipped_and_spelt():
    found = acronyms(
        [
            "We are regulated by the Financial Conduct Authority. Renew with the "
            "Driver and Vehicle Licensing Agency, or book an MOT with the Ministry of Transport.",
        ]
    )
    assert found["fca"] == "financial conduct authority"
    assert found["dvla"] == "driver and vehicle licensing agency"
    assert found["mot"] == "ministry of transport"  # its "of" spelt
    assert "mt" not in found and "fc" not in found  # two letters are never kept


def test_each_part_of_a_hyphenated_word_gives_its_initial():
    found = acronyms(["## Electric Hook-Up", "Report it to the Anti-Social Behaviour Team."])
    assert found["ehu"] == "electric hook-up"
    assert found["asbt"] == "anti-social behaviour team"
    # A name beside a hyphen is still a name: "Financial Conduct Authority-regulated"
    beside = acronyms(["a Financial Conduct Authority-regulated broker, ex-Royal Air Force"])
    assert beside["fca"] == "financial conduct authority" and beside["raf"] == "royal air force"
    titled = acronyms(["Financial Conduct Authority-Regulated Advice"])
    assert titled["fca"] == "financial conduct authority"


def test_a_part_of_a_longer_name_gives_its_initials_and_a_shared_acronym_none():
    found = acronyms(
        [
            "Welcome to Northgate Driving School.",
            "Ask the Priority Services Register. Ask the Parking Services Review.",
        ]
    )
    assert found["nds"] == "northgate driving school"
    assert "psr" not in found  # two names give it


def test_a_question_using_an_acronym_meets_the_section_naming_it_in_full(make_knowledge):
    """Read with a note; a word English has ("cat") is never read as initials."""
    guide = """---
title: About us
---
## Who we are

We are a small insurer regulated by the Financial Conduct Authority, firm number 612447.

## Pets we cover

Dogs and rabbits only; the Customer Account Team answers any questions.
"""
    bot = Bot.load(make_knowledge({"guides/about.md": guide}))
    reply = bot.ask("are you regulated by the fca")
    assert reply.kind == "answer" and reply.sources[0].section == "Who we are"
    assert "Read 'fca' as 'financial conduct authority'." in reply.notes
    fixed, repairs = bot.retriever.repairer.repair(["my", "cat"])
    assert fixed == ["my", "cat"] and not repairs
