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


CLINICAL = """
## Clinical Waste
If you use needles or lancets at home, your pharmacy gives you a sharps box; take it back
there when it is full, or ask us to collect it for free. Never put needles in a bin.
Infectious waste from care at home, such as dressings and catheter bags, is collected in
yellow bags every two weeks once your nurse or doctor signs the request form. Pads that
are not infectious go in your general rubbish, wrapped twice.
"""


def test_a_question_in_the_knowledges_own_words_is_not_read_against_the_background(
    make_knowledge,
):
    """ "district nurse dressings collection" is a search typed in the section's own words,
    yet a long section about many things is less close to it than everyday questions come
    to the guide: the background, which leaves such questions out, is no measure for it
    (Policy.semantic_background_coverage). "book a flight" stays declined."""
    root = make_knowledge({"guides/hilltop.md": EVERYDAY + CLINICAL})
    encoder = load_model(builtin_dir())
    policy = default_policy(word_level=True)
    always = dataclasses.replace(policy, semantic_background_coverage=0.0)
    bot, before = Bot.load(root, policy, encoder=encoder), Bot.load(root, always, encoder=encoder)
    question = "district nurse dressings collection"
    result = bot.retriever.search(question)
    assert result.similarity is not None
    assert result.similarity < bot.context.background.line(policy.semantic_background_decline)
    assert before.ask(question).kind == "decline"
    reply = bot.ask(question)
    assert reply.kind == "answer" and reply.sources[0].heading_path == "Clinical Waste"
    assert bot.ask(OFF_TOPIC[0]).kind == "decline"
