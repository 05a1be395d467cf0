"""Bot: the entry point that loads, indexes and hands out conversations."""

from __future__ import annotations

import dataclasses

from guidebot.bot import Bot
from guidebot.dialogue.policy import Policy
from guidebot.search.config import RetrievalConfig


def test_with_policy_shares_the_index_when_ranking_is_the_same(bot):
    wider = bot.with_policy(dataclasses.replace(bot.policy, top_k=6))
    assert wider.retriever is bot.retriever
    assert len(wider.ask("salary").sources) == 6 and len(bot.ask("salary").sources) == 3


def test_with_policy_builds_a_new_index_when_ranking_changes(bot):
    other = bot.with_policy(Policy(retrieval=RetrievalConfig(title_weight=1.0)))
    assert other.retriever is not bot.retriever
    assert other.ask("salary").kind == "answer"


def test_a_conversation_does_not_reach_back_into_the_bot(bot):
    conversation = bot.conversation()
    assert not any(isinstance(v, Bot) for v in vars(conversation).values())
