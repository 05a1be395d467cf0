"""What a conversation remembers between turns (dialogue/state.py)."""

from __future__ import annotations

from guidebot.dialogue.state import ConversationState


def test_a_complaint_names_the_answer_just_given_and_nothing_after_another_reply(bot):
    state = ConversationState()
    assert state.complaint() is None  # nothing answered yet
    answer = bot.ask("What's the average salary?")
    state.answered_question = answer.question
    state.answered(answer)
    complaint = state.complaint()
    assert complaint is not None
    assert complaint.question == "What's the average salary?"
    assert complaint.sources == tuple(s.id for s in answer.quoted)
    assert complaint.confidence == answer.confidence
    state.answered(bot.ask("hi"))  # small talk: the answer before is forgotten
    assert state.complaint() is None
