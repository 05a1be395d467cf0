"""What an answered turn leaves as the topic the next goes on from (dialogue/topic.py)."""

from __future__ import annotations

from guidebot.dialogue.state import ConversationState
from guidebot.dialogue.topic import keep_topic, topic_terms


def test_a_topic_question_s_terms_weigh_the_follow_up_weight(bot):
    context = bot.context
    terms = topic_terms(context, "how much is tuition")
    assert terms and set(terms.values()) == {context.policy.followup_weight}
    assert set(terms) == set(context.retriever.understand("how much is tuition")[0])


def test_a_question_on_its_own_leaves_its_terms_as_the_topic(bot):
    context, state = bot.context, ConversationState()
    result = context.retriever.search("how much is tuition")
    keep_topic(context, state, "how much is tuition", result)
    assert state.topic_question == "how much is tuition"
    assert set(state.topic_terms) == set(result.terms)
