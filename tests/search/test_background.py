"""The background of everyday questions a knowledge base's guide passages are judged against
(search/semantic/background.py)."""

from __future__ import annotations

import numpy as np
import pytest

from guidebot.bot import Bot
from guidebot.search.semantic.background import background_questions, closest_cosines, quantile
from guidebot.search.semantic.load import load_model
from guidebot.search.semantic.model_dir import builtin_dir

EVERYDAY = """---
title: Hilltop Swim and Gym
---
Hilltop Swim and Gym is the town's leisure centre, with a pool, a gym and a studio.

## Booking a Class
Book a class in the app or at the front desk up to a week ahead. Cancel at least two hours
before the class starts, or it counts as used.

## Opening Hours
We open at 6am on weekdays and 8am at weekends, and close at 10pm every day. The pool
closes half an hour earlier.

## Prices
Adults pay 30 pounds a month for the gym and pool. Children under 16 pay half, and a day
pass costs 8 pounds.

## Pausing Your Membership
You can pause your membership for up to three months a year if you are ill or away. Ask
at the front desk and bring a note from your doctor if you can.

## Lockers and Parking
Lockers take a one pound coin, which you get back. The car park behind the building is
free for members for three hours; bikes go in the covered racks by the door.
"""

FORMAL = """---
title: Thermodynamic Principles of Industrial Heat Exchangers
---
This monograph surveys the thermodynamic principles governing industrial heat exchangers.

## Entropy Generation
Irreversibilities in counterflow configurations arise from finite temperature differences
and viscous dissipation, quantified by the entropy generation number.

## Fouling Resistance
Deposition of particulate and crystalline matter on heat transfer surfaces introduces an
additional thermal resistance that grows asymptotically with operating time.
"""

FAQ = "- id: hours\n  question: When are you open?\n  answer: From nine to five.\n"


def test_closest_cosines_take_the_nearest_flagged_view_of_each_query():
    views = np.array([[1, 0], [0, 1], [0.6, 0.8]], dtype=np.float32)
    queries = np.array([[1, 0], [0, 1]], dtype=np.float32)
    among = np.array([True, False, True])
    assert closest_cosines(queries, views, among) == pytest.approx([1.0, 0.8])
    assert closest_cosines(queries, views, np.zeros(3, dtype=bool)).size == 0
    assert quantile([], 0.5) == 0.0
    assert quantile([0.1, 0.2, 0.3], 0.5) == pytest.approx(0.2)


def test_the_background_questions_ship_with_guidebot():
    questions = background_questions()
    assert len(questions) > 100 and len(set(questions)) == len(questions)
    assert all(q == q.strip() and q for q in questions)


def test_everyday_questions_come_closer_to_a_guide_in_everyday_words(make_knowledge):
    """The background follows the knowledge: a leisure centre's guide is nearer everyday
    questions than a treatise on heat exchangers; an FAQ alone has no guide passage (0); a
    conversation kept to one guide reads that guide's."""
    encoder = load_model(builtin_dir())
    root = make_knowledge(
        {
            "e/guides/e.md": EVERYDAY,
            "f/guides/f.md": FORMAL,
            "q/faq/q.yaml": FAQ,
            "ef/guides/e.md": EVERYDAY,
            "ef/guides/f.md": FORMAL,
        }
    )
    lines = {}
    for name in ("e", "f", "q", "ef"):
        background = Bot.load(root / name, encoder=encoder).context.background
        assert background is not None
        lines[name] = [background.line(share) for share in (0.5, 0.75, 0.9)]
        if name == "ef":  # both guides: each conversation kept to one reads that one's
            lines["ef/f"] = [background.line(share, ["f"]) for share in (0.5, 0.75, 0.9)]
    assert lines["e"][0] < lines["e"][1] < lines["e"][2]
    assert all(e > f + 0.05 for e, f in zip(lines["e"], lines["f"], strict=True)), lines
    assert lines["q"] == [0.0, 0.0, 0.0]
    # (the two guides together answer a few more background questions in their words)
    assert lines["ef/f"] == pytest.approx(lines["f"], abs=0.02)
    assert all(ef > f + 0.05 for ef, f in zip(lines["ef"], lines["ef/f"], strict=True))
    assert Bot.load(root / "e").context.background is None  # words alone: no meaning read


def test_background_questions_the_knowledge_answers_in_its_words_are_left_out(
    make_knowledge,
):
    """A guide about cooking answers "how do I make pancakes" in its own words: for it that
    is no everyday question about something else."""
    cooking = EVERYDAY.replace("Hilltop Swim and Gym", "Pancake Corner").replace(
        "## Booking a Class", "## Pancakes\nMake pancakes from flour, eggs and milk.\n\n## Booking"
    )
    root = make_knowledge({"guides/c.md": cooking})
    encoder = load_model(builtin_dir())
    context = Bot.load(root, encoder=encoder).context
    assert context.background is not None
    kept = context.background._asked()  # noqa: SLF001 - what the lines are read from
    assert "how do I make pancakes" in background_questions()
    pancakes = encoder.encode(["how do I make pancakes"])[0]
    assert not any(np.allclose(row, pancakes) for row in kept)
    assert 100 < len(kept) < len(background_questions())
