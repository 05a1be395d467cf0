"""Replies composed from a search: what an answer says beside its passage."""

from __future__ import annotations

from dataclasses import replace

from guidebot.bot import Bot
from guidebot.dialogue.compose import BY_MEANING_ONLY, answer_reply, unmatched_note
from guidebot.reply import LOW_CONFIDENCE
from guidebot.search.semantic.load import load_model
from guidebot.search.semantic.model_dir import builtin_dir
from tests.conftest import KNOWLEDGE


def test_an_answer_holding_none_of_the_questions_words_says_it_is_by_meaning_only(bot):
    """ "what's the weather tomorrow" went to a contact section at confidence 0.00, shown as
    if sure; a follow-up's words may be the topic's, so it is not so marked."""
    retriever = bot.retriever
    found = retriever.search("what is the average salary of graduates")
    assert found.coverage > 0
    hits = found.hits[:3]
    assert BY_MEANING_ONLY not in answer_reply("q", found, hits, retriever).notes
    nearest = replace(found, coverage=0.0)
    assert answer_reply("q", nearest, hits, retriever, ["Read 'x' as 'y'."]).notes == (
        "Read 'x' as 'y'.",
        BY_MEANING_ONLY,
    )
    assert (
        BY_MEANING_ONLY not in answer_reply("q", nearest, hits, retriever, on_its_own=False).notes
    )


def test_an_answer_holding_few_of_the_questions_words_names_those_it_lacks():
    """ "can i borrow money from you" at a library went to its loans section at confidence
    0.42, shown as if sure: under LOW_CONFIDENCE (where it is also logged as a gap) the reply
    names the telling words the passage lacks, in the question's order, at most three: not
    an everyday one ("people"), nor, with a line of meaning, one the passage says in other
    words ("remuneration" beside "salary")."""
    bot = Bot.load(KNOWLEDGE, encoder=load_model(builtin_dir()))
    retriever = bot.retriever
    found = retriever.search("what average remuneration do people get as janitors or welders")
    hits = found.hits[:3]
    assert hits[0].passage.id == "faq/average-salary"  # "What is the average salary ..."
    low = replace(found, coverage=LOW_CONFIDENCE - 0.1)
    note = "; check that it answers what you asked."
    named = answer_reply("q", low, hits, retriever).notes
    assert named == (
        f"This passage does not mention 'remuneration', 'janitors' or 'welders'{note}",
    )
    far = answer_reply("q", low, hits, retriever, far_below=0.3).notes
    # "janitors" too is kin to the words of a guide on jobs (cosine 0.51 to "workers"); the
    # built-in table has no vector for "welders", so nothing says it is said there
    assert far == (f"This passage does not mention 'welders'{note}",)
    at_the_line = replace(found, coverage=LOW_CONFIDENCE)
    assert answer_reply("q", at_the_line, hits, retriever).notes == ()
    assert answer_reply("q", low, hits, retriever, on_its_own=False).notes == ()
    assert unmatched_note(["a", "b", "c"]) == f"This passage does not mention 'a', 'b' or 'c'{note}"


LIBRARY = """
---
title: Riverside Library Help
---
Riverside Library is open to everyone who lives or works in the town.

## Volunteering
Around forty volunteers help us with reading groups, computer help sessions and shelving.
You must be 14 or older. Ask at the counter for a volunteer form.

## Opening Hours
We open Monday to Saturday from 9am to 6pm and close on Sundays, and we lend DVDs.
"""


def test_a_conversation_names_the_words_far_from_its_answer_and_none_after_a_follow_up(
    make_knowledge,
):
    """Through the conversation: "helpers" is near the passage's "volunteers" and "help",
    so only "club" is named (with no line of meaning, both are); a follow-up, whose words
    the topic supplies, names none; nor are a contraction ("youre"), a hyphenated word's
    pieces ("co", "op") or a figure ever named."""
    bot = Bot.load(
        make_knowledge({"guides/library.md": LIBRARY}), encoder=load_model(builtin_dir())
    )
    note = "; check that it answers what you asked."
    helpers = "do you need helpers for the reading club"
    assert bot.conversation().ask(helpers).notes == (f"This passage does not mention 'club'{note}",)
    unread = bot.with_policy(replace(bot.policy, decline_foreign_cosine=0.0))
    assert unread.conversation().ask(helpers).notes == (
        f"This passage does not mention 'helpers' or 'club'{note}",
    )
    conversation = bot.conversation()
    conversation.ask("how do i become a volunteer")
    followed = conversation.ask("and for the book club?")
    assert followed.kind == "answer" and not any("does not mention" in n for n in followed.notes)
    mixed = bot.conversation().ask("youre lending 9 co-op kayakers films on sundays?")
    assert mixed.kind == "answer"
    assert [n for n in mixed.notes if "does not mention" in n] == [
        f"This passage does not mention 'kayakers' or 'films'{note}"
    ]
    # a word the passage writes in the plural, which the stemmer keeps apart ("dvds")
    found = bot.retriever.search("opening hours")
    unstemmed = replace(found, surface=("dvd", "kayakers"), coverage=0.1, repairs=())
    assert answer_reply("q", unstemmed, found.hits[:1], bot.retriever).notes == (
        f"This passage does not mention 'kayakers'{note}",
    )


def test_a_live_information_decline_offers_topics_as_any_decline_does():
    from guidebot.dialogue.compose import live_reply

    said = "I can't look up live information."
    offered = live_reply("will it rain", said, ["Prices", "Opening hours"])
    assert (offered.kind, offered.abstained) == ("decline", True)
    assert offered.answer == f"{said} Topics I can answer:"
    assert offered.suggestions == ("Prices", "Opening hours")
    bare = live_reply("will it rain", said, [])
    assert bare.answer == said and bare.suggestions == ()


COURIER = {
    "faq/faq.yaml": (
        "- question: Do you carry keys?\n"
        "  answer: Yes, keys are one of our most common jobs; a named recipient signs.\n"
        "- question: What are your prices?\n"
        "  answer: Express costs £12 and same-day delivery £8 inside the ring road.\n"
    )
}


def test_an_answer_giving_none_of_the_kind_asked_says_so(make_knowledge):
    """ "how much to courier my keys" is answered from the keys entry, which gives no price:
    the answer says so; the price entry, asked for a price, says nothing of the kind."""
    bot = Bot.load(make_knowledge(COURIER), encoder=load_model(builtin_dir()))
    reply = bot.ask("how much to courier my keys")
    assert reply.sources[0].question == "Do you carry keys?"
    assert "This passage gives no price; check that it answers what you asked." in reply.notes
    priced = bot.ask("how much is express delivery")
    assert priced.sources[0].question == "What are your prices?"
    assert not any("gives no" in note for note in priced.notes)


CENTRE = {
    "guides/centre.md": """---
title: Leisure Centre
---
# Leisure Centre

## Opening hours

We open at 6:30am and close at 10pm on weekdays, and at 8pm at weekends.

## Parking

The car park behind the centre has 80 spaces and two electric vehicle chargers.

## Lost property

Things left behind are kept at reception for 30 days, phones and keys for 3 days.

## Cafe

The cafe beside the pool sells hot drinks, sandwiches and snacks.

## Swimming prices

A swim costs £5.20 for adults and £3.10 for children.
"""
}


def test_a_follow_up_asking_its_own_question_is_not_held_to_the_kind_asked_before(
    make_knowledge,
):
    """The kind of answer asked comes from the topic only for a follow-up that offers
    another thing ("and for kids?" after a price, split.asks_its_own); "and is there
    parking?" after "what time do you close" asks no time of day, nor "is there a cafe?" in
    a message that first asked how long lost things are kept."""
    bot = Bot.load(make_knowledge(CENTRE), encoder=load_model(builtin_dir()))
    conversation = bot.conversation()
    conversation.ask("what time do you close")
    parking = conversation.ask("and is there parking?")
    assert parking.sources[0].section == "Parking"
    assert not any("gives no" in note for note in parking.notes)
    both = bot.ask("how long do you keep lost property? is there a cafe?")
    kept, cafe = both.parts
    assert cafe.sources[0].section == "Cafe"
    assert kept.sources[0].section == "Lost property"
    assert not any("gives no" in note for part in both.parts for note in part.notes)
