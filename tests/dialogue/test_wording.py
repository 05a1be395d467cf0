"""dialogue/wording.py: how a follow-up reads with the question it follows, for the log."""

from __future__ import annotations

import pytest

from guidebot.dialogue.wording import leaning_on


@pytest.mark.parametrize(
    ("topic", "read_as"),
    [
        ("do you ship internationally?", "do you ship internationally? and to canada?"),
        ("Parking is free.", "Parking is free. and to canada?"),
        ("lost my wallet on the ferry", "lost my wallet on the ferry — and to canada?"),
        ("AI masters salary,", "AI masters salary — and to canada?"),
        ("AI masters salary: ", "AI masters salary — and to canada?"),
        ("AI masters salary -", "AI masters salary — and to canada?"),
    ],
)
def test_a_follow_up_reads_on_after_a_stop_else_after_a_dash(topic, read_as):
    assert leaning_on(topic, "and to canada?") == read_as
