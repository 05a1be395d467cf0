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
