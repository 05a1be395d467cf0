"""TurnContext: what a turn reads, built once by Bot; suggestions keep to the chosen guides."""

from __future__ import annotations

import dataclasses

import pytest

from guidebot.bot import Bot


def test_topics_are_question_headings_in_guide_order(bot):
    assert bot.context.topics and all(t.endswith("?") for t in bot.context.topics)
    assert bot.context.example == bot.context.topics[0]


def test_suggestions_put_the_nearest_sections_first_without_repeats(bot):
    hits = bot.retriever.search("tuition fees", k=5).hits
    suggested = bot.context.suggestions(hits, limit=3)
    assert suggested[0] == hits[0].passage.section
    assert len(suggested) == len(set(suggested)) == 3


def test_a_passage_sharing_no_word_is_no_nearby_topic(bot):
    """With a sentence-embedding model every passage is ranked by meaning; one that shares
    no word with a declined question is not offered as near it (the first topics are)."""
    hits = bot.retriever.search("tuition fees", k=5).hits
    far = dataclasses.replace(hits[-1], matched=())
    suggested = bot.context.suggestions((far,), limit=3)
    assert far.passage.section not in suggested[:1]
    assert suggested == bot.context.suggestions((), limit=3)


def test_suggestions_keep_to_the_chosen_guides(make_knowledge):
    from tests.conftest import GUIDE

    other = GUIDE.replace("Test Guide", "Other Guide").replace("## Costs", "## Why costs?")
    root = make_knowledge({"guides/one.md": GUIDE.replace("## Costs", "## What costs?"),
                           "guides/two.md": other})  # fmt: skip
    bot = Bot.load(root)
    assert bot.context.suggestions((), guides=("two",)) == ["Why costs?"]
    assert bot.context.suggestions((), guides=("one",)) == ["What costs?"]


def test_the_context_is_frozen(bot):
    with pytest.raises(dataclasses.FrozenInstanceError):
        bot.context.policy = None  # type: ignore[misc]
