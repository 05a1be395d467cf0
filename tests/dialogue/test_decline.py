"""dialogue/decline.py: the lines a guide passage's similarity is read against follow the
knowledge (Policy.semantic_background_decline / semantic_background_answer), and so does
the line below which a question whose terms never meet is declined."""

from __future__ import annotations

import dataclasses

from guidebot.bot import Bot
from guidebot.dialogue.decline import _scattered
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


PLAY_AND_LATE_SWIMS = """
## Children's Play Area
Children under 12 can use the soft play room and the five-a-side football pitch behind the
pool, free with an adult member. Football boots with studs are not allowed indoors.

## Late Swims
On Fridays the pool stays open until midnight for adults, with music and low lights. Last
entry is at eleven.
"""


def test_a_question_whose_terms_never_meet_in_one_passage_is_declined(make_knowledge):
    """ "who won the football last night": the play area says "football", the late swims
    "last", no passage two of its terms, and the question is no closer to either
    than everyday questions come to the guide (Policy.decline_scattered_share). Questions
    whose terms meet in a passage are answered."""
    root = make_knowledge({"guides/hilltop.md": EVERYDAY + PLAY_AND_LATE_SWIMS})
    encoder = load_model(builtin_dir())
    policy = default_policy(word_level=True)
    assert policy.decline_scattered_share
    off = dataclasses.replace(policy, decline_scattered_share=0.0)
    bot, before = Bot.load(root, policy, encoder=encoder), Bot.load(root, off, encoder=encoder)
    question = "who won the football last night"
    result = bot.retriever.search(question, k=10)
    held = [set(result.terms).intersection(hit.matched) for hit in result.hits]
    assert max(map(len, held)) == 1 and len(set().union(*held)) >= 2
    assert before.ask(question).kind == "answer"
    assert bot.ask(question).kind == "decline"
    # "time" and "close" only ask when the gym closes, wherever else they stand.
    hours = "what time does the gym close on fridays"
    assert _scattered(bot.retriever.search(hours, k=10), set())
    assert bot.ask(hours).kind == "answer"
    for question in ("can my kids play football on fridays", "what time is last entry on a friday"):
        reply = bot.ask(question)
        assert reply.kind == "answer", question
