"""dialogue/decline.py: the lines a guide passage's similarity is read against follow the
knowledge (Policy.semantic_background_decline / semantic_background_answer)."""

from __future__ import annotations

import dataclasses

from guidebot.bot import Bot
from guidebot.dialogue.policy import default_policy
from guidebot.search.semantic.load import load_model
from guidebot.search.semantic.model_dir import builtin_dir
from tests.search.test_background import EVERYDAY

ON_TOPIC = [
    "when do you close on sunday",
    "how do i book a spinning class",
    "can i cancel a class",
    "how much for a day pass",
    "can i freeze my membership",
]
OFF_TOPIC = ["how do i book a flight to spain", "how much is a train ticket"]


def test_a_guide_in_everyday_words_declines_everyday_questions_sharing_a_word(make_knowledge):
    """A leisure centre's guide is close to everyday questions, so "book a flight" comes
    as close to its booking section as a paraphrase would to a formal guide: read against
    the everyday background it is declined (and a train ticket's price, which shares no word
    with the prices section, is not close enough to answer for its meaning alone), while
    questions about the centre are answered."""
    root = make_knowledge({"guides/hilltop.md": EVERYDAY})
    encoder = load_model(builtin_dir())
    policy = default_policy(word_level=True)
    fixed = dataclasses.replace(
        policy, semantic_background_decline=0.0, semantic_background_answer=0.0
    )
    bot, before = Bot.load(root, policy, encoder=encoder), Bot.load(root, fixed, encoder=encoder)
    for question in OFF_TOPIC:
        assert before.ask(question).kind == "answer", question  # the fixed lines let it by
        assert bot.ask(question).kind == "decline", question
    for question in ON_TOPIC:
        assert bot.ask(question).kind == "answer", question
