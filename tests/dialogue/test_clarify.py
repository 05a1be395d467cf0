"""Which sections a short question fits about equally well (dialogue/clarify.py)."""

from __future__ import annotations

import dataclasses

from guidebot.bot import Bot
from guidebot.dialogue.clarify import close_sections
from guidebot.search.results import Hit

GUIDE = """---
title: Bins
---
## Electrical items
Small items such as kettles and toasters go in a bag beside the blue bin.

## Which bin
The blue bin takes cans and paper; the black bin everything else.

## Descaling
Descale a kettle with vinegar before you put it out.
"""


def test_a_section_holding_no_word_of_a_one_word_question_is_no_choice(make_knowledge):
    """ "kettle" held by one section, another close to it in meaning alone (as fusing in
    the word vectors may put it): answered, not asked back; two sections holding the word
    are a choice."""
    bot = Bot.load(make_knowledge({"guides/bins.md": GUIDE}))
    result = bot.retriever.search("kettle", k=5)
    best = result.hits[0]

    row, passage = next((n, p) for n, p in enumerate(bot.passages) if p.section == "Which bin")
    by_meaning = Hit(passage, 0.95 * best.score, (), row)  # close in meaning alone
    other = next(h for h in result.hits[1:] if h.matched)  # no heading names the word
    by_word = dataclasses.replace(other, score=0.95 * best.score)
    alone = dataclasses.replace(result, hits=(best, by_meaning))
    assert close_sections(bot.context, (), "kettle", alone) == [best.passage.section]
    two = dataclasses.replace(result, hits=(best, by_word))
    assert len(close_sections(bot.context, (), "kettle", two)) == 2
