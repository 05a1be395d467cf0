"""Picking a clarifying question's choice by number or position (dialogue/picks.py)."""

from __future__ import annotations

import pytest

from guidebot.dialogue.picks import is_pick, ordinal

CHOICES = ["Admission", "Curriculum", "Costs"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2", "Curriculum"),
        ("the first one, please", "Admission"),
        ("option 3", "Costs"),
        ("the last", "Costs"),
        ("4", None),
        ("0", None),
        ("admission", None),
    ],
)
def test_a_number_or_position_picks_that_choice(text, expected):
    assert ordinal(text, CHOICES) == expected


def test_only_numbers_ordinals_and_picking_words_only_pick():
    assert all(is_pick(w) for w in ("2", "second", "option", "meant"))
    assert not any(is_pick(w) for w in ("years", "salary", "online"))


def test_a_pick_answers_the_section_and_the_conversation_goes_on_from_it(bot):
    """pick_turn: the choices are pending no longer, and the topic is the section picked,
    not the vague question nor "2"; section_turn finds nothing for a label no section has."""
    from guidebot.dialogue.picks import pick_turn, section_turn
    from guidebot.dialogue.state import ConversationState

    context = bot.context
    choices = context.suggestions((), ())[:2]
    state = ConversationState(pending_question="", pending_choices=list(choices))
    reply = pick_turn(context, state, (), "2")
    assert reply is not None and reply.kind == "answer"
    assert state.pending_choices == [] and state.topic_question == choices[1]
    assert state.topic_terms and set(state.topic_terms.values()) == {context.policy.followup_weight}
    state = ConversationState(pending_choices=list(choices))
    assert pick_turn(context, state, (), "how long is the program") is None
    assert state.pending_choices == []
    assert section_turn(context, ConversationState(), (), "No such section") is None
