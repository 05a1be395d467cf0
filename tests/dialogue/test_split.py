"""A message asking several questions: where grammar lets it divide (dialogue.split), and
whether the index agrees, on a small FAQ written for these tests and on the bundled guide."""

from __future__ import annotations

import pytest

from guidebot.dialogue.split import (
    after_smalltalk,
    asks_its_own,
    opens_a_question,
    question_parts,
)

LIBRARY = """
- question: When is the library open?
  answer: The library opens at 8 am and closes at 10 pm on weekdays.
- question: How much is the late fee?
  answer: Returning an item late costs 50 cents per day.
- question: Can I borrow a projector?
  answer: Projectors can be borrowed for two days with a staff card.
- question: How do I get a library card?
  answer: Bring a photo ID to the front desk and the card is printed on the spot.
- question: What are the pros and cons of the study rooms?
  answer: Study rooms are quiet and bookable, but they have no windows and fill up fast.
"""


@pytest.fixture
def library(make_knowledge):
    from guidebot.bot import Bot

    return Bot.load(make_knowledge({"faq/library.yaml": LIBRARY}))


@pytest.mark.parametrize(
    ("message", "parts"),
    [
        (
            "what's the salary and how long does the program take?",
            ["what's the salary", "how long does the program take?"],
        ),
        (
            "What does it cost? Is there an online option?",
            ["What does it cost?", "Is there an online option?"],
        ),
        ("salary? cost?", ["salary?", "cost?"]),
        (
            "lost property how long do you keep things? and is there a cafe?",
            ["lost property how long do you keep things?", "and is there a cafe?"],
        ),
        # "whats" is "what's" typed without its apostrophe
        (
            "whats the tuition and is there an online option?",
            ["whats the tuition", "is there an online option?"],
        ),
        (
            "What is the salary, and is there an online option?",
            ["What is the salary", "is there an online option?"],
        ),
        (
            "What is the salary, also is there an online option?",
            ["What is the salary", "is there an online option?"],
        ),
        (
            "Can I borrow a projector plus when do you open",
            ["Can I borrow a projector", "when do you open"],
        ),
        # a story before a question stays with it
        (
            "I work nights. What does it cost? Is there an online option?",
            ["I work nights. What does it cost?", "Is there an online option?"],
        ),
    ],
)
def test_grammar_divides_where_each_side_opens_a_question(message, parts):
    assert question_parts(message) == parts


@pytest.mark.parametrize(
    "message",
    [
        "What are the pros and cons",
        "salary and benefits",
        "Python and R",
        "How do AI and automation relate",
        "do I need docker and kubernetes?",
        "is it online or is it on campus?",  # "or" asks one question with two options
        "When my ID is checked, what are the steps?",  # a bare comma divides nothing
        "Which pays more, an engineer or one who also has a master's?",  # a bare "also"
        "Is my account blocked? When I tried to pay I was declined.",  # a statement
        "I paid in a week ago but it's still not there?? Where did my money go?",  # a story
        "Why can they see when I am and when I am not logged in.",  # "when I am not" tells
        "what's CAC and why does it matter for picking a program",  # "it": the CAC
        "Salary? Cost? Duration? Admission?",  # more would-be questions than MAX_PARTS
        "how much to rent the boardroom for a day? we're not members",  # tells, not asks
        "my card was declined? why did that happen",  # a statement, then its question
    ],
)
def test_grammar_leaves_one_question_whole(message):
    assert question_parts(message) == [message]


def test_what_opens_a_question():
    assert opens_a_question("and how long is it?")
    assert opens_a_question("ok, isn't there an online option")
    assert not opens_a_question("automation relate")
    assert opens_a_question("whats the pay") and opens_a_question("and hows the workload")
    assert not opens_a_question("thats all") and not opens_a_question("ways to pay")
    assert opens_a_question("who'd know") and opens_a_question("and don\u2019t you")
    # "we're" spells "were" once its apostrophe is dropped, but it is "we are"
    assert not opens_a_question("we're not members") and not opens_a_question("it's fine")
    for written in ("Wh\u00e1t is it", "\uff37\uff28\uff21\uff34 is it", "\n2. what is it"):
        assert opens_a_question(written)  # as search.analysis.words reads them
    assert not opens_a_question("")


def test_a_follow_up_asks_its_own_question_or_offers_another_thing():
    assert asks_its_own("and is there parking?") and asks_its_own("how long for?")
    assert asks_its_own("is it free?") and asks_its_own("ok, and when do you close")
    assert not asks_its_own("and for kids?") and not asks_its_own("what about online?")
    assert not asks_its_own("and how about weekends") and not asks_its_own("kids?")


def test_the_question_after_opening_small_talk():
    def is_smalltalk(text: str) -> bool:
        return text.lower() in {"thanks", "great", "great, thanks"}

    assert after_smalltalk("thanks! and how long is it?", is_smalltalk) == "and how long is it?"
    assert after_smalltalk("great, thanks. is it online?", is_smalltalk) == "is it online?"
    assert after_smalltalk("thanks! that helped.", is_smalltalk) == ""  # asks nothing
    assert after_smalltalk("salary, how much?", is_smalltalk) == ""  # no small talk first


def test_two_questions_of_a_new_knowledge_base_get_an_answer_each(library):
    reply = library.ask("When is the library open and how much is the late fee?")
    assert reply.kind == "answer" and len(reply.parts) == 2
    opening, fee = reply.parts
    assert opening.question == "When is the library open"
    assert opening.sources[0].id == "faq/when-is-the-library-open"
    assert fee.sources[0].id == "faq/how-much-is-the-late-fee"
    assert "10 pm" in opening.answer and "50 cents" in fee.answer


COURIERS = """---
title: Pedal Couriers
---
# Pedal Couriers

## What we can carry

A rider carries parcels up to 8 kg that fit in a 40-litre bag. Our cargo bikes carry up to
80 kg and items as long as 1.5 metres.

## Sunday deliveries

Riders work from 9am to 5pm on Sundays, and every delivery speed runs as usual.

## Prices

Same-day delivery costs 12 pounds within the ring road; express costs 20 pounds.

## Refunds

Cancel before the rider is sent and the whole fee is paid back within 5 working days.

## Working for us

Riders must be 18 or over and bring their own helmet; bikes are lent free.
"""


def test_a_part_answered_for_its_meaning_alone_gets_its_answer_too(make_knowledge):
    """No word of "what's the heaviest load you take" is in the guide: alone, it is answered
    for its meaning (confidence 0); in a message with another question it is not dropped
    for the other's answer."""
    from guidebot.bot import Bot
    from guidebot.dialogue.policy import default_policy
    from guidebot.search.semantic.load import load_model
    from guidebot.search.semantic.model_dir import builtin_dir

    root = make_knowledge({"guides/couriers.md": COURIERS})
    bot = Bot.load(root, default_policy(word_level=True), encoder=load_model(builtin_dir()))
    alone = bot.ask("What's the heaviest load you take?")
    assert alone.kind == "answer" and alone.confidence == 0.0
    reply = bot.ask("What's the heaviest load you take? Do you deliver on Sundays?")
    load, sundays = reply.parts
    assert load.sources[0].id == alone.sources[0].id == "couriers/what-we-can-carry/1"
    assert sundays.sources[0].id == "couriers/sunday-deliveries/1"


@pytest.mark.parametrize(
    "message",
    [
        "What are the pros and cons of the study rooms?",
        # both would be answered by the same entry: one answer serves the message
        "How much is the late fee? How much does returning late cost?",
        # the second asks nothing the knowledge answers on its own
        "Can I borrow a projector? Is the dean nice?",
    ],
)
def test_the_index_keeps_one_question_whole(library, message):
    reply = library.ask(message)
    assert reply.parts == ()
    assert reply.question == message


def test_a_part_that_follows_on_from_the_one_before_is_not_split(bot):
    """'How much faster?' only means something after the question before it."""
    message = (
        "Do people from programs with a manufacturing specialization track find work faster "
        "than general AI grads? How much faster?"
    )
    assert len(question_parts(message)) == 2
    assert bot.ask(message).parts == ()


def test_small_talk_before_a_question_is_left_out_of_the_answer(bot):
    reply = bot.ask("ok thanks, what jobs can I get?")
    assert reply.kind == "answer" and reply.question == "ok thanks, what jobs can I get?"
    assert reply.sources[0].id == "faq/jobs-and-roles"
    assert bot.ask("thanks! and how long is the program?").confidence == 1.0


def test_small_talk_is_not_left_out_when_the_message_is_declined_whole(library):
    assert library.ask("Good morning! Is the dean nice?").kind in {"decline", "smalltalk"}


def test_a_part_pointing_back_stands_apart_only_when_it_names_a_thing_of_its_own():
    message = "can i cancel anytime? does it integrate with xero"
    assert question_parts(message) == [message]
    assert question_parts(message, names=lambda part: "xero" in part) == [
        "can i cancel anytime?",
        "does it integrate with xero",
    ]
