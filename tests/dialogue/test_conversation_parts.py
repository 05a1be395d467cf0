"""A message asking two questions, through the conversation on the bundled knowledge: each
part answered with its own citation, and the talk going on from the last part."""

from __future__ import annotations

import json

from guidebot.dialogue.conversation import ConversationState
from tests.dialogue.test_conversation import COSTS, SALARY

TWO_QUESTIONS = "what's the salary and how long does the program take?"


def test_two_questions_in_one_message_are_answered_each_with_its_citation(bot):
    reply = bot.ask(TWO_QUESTIONS)
    assert reply.kind == "answer" and not reply.abstained and reply.question == TWO_QUESTIONS
    salary, duration = reply.parts
    assert (salary.question, duration.question) == (
        "what's the salary",
        "how long does the program take?",
    )
    assert salary.kind == duration.kind == "answer"
    assert salary.sources[0].section == SALARY and "$145,000" in salary.answer
    assert duration.sources[0].section == COSTS and "1.5 to 3 years" in duration.answer
    # one numbering for the whole reply: the second part's sources go on from the first's
    assert reply.sources == salary.sources + duration.sources
    assert [s.number for s in reply.sources] == list(range(1, len(reply.sources) + 1))
    assert duration.sources[0].number == len(salary.sources) + 1
    # the plain text answers both, each with the number of the source it quotes
    assert f"› what's the salary\n{salary.text} [1]" in reply.text
    assert f"{duration.text} [{duration.sources[0].number}]" in reply.text
    assert reply.confidence == min(salary.confidence, duration.confidence)


def test_after_two_questions_a_followup_goes_on_from_the_last(bot):
    conversation = bot.conversation()
    assert (
        len(conversation.ask("How long does the program take? What's the average salary?").parts)
        == 2
    )
    assert conversation.state.topic_question == "What's the average salary?"
    reply = conversation.ask("what about early in a career?")
    assert reply.sources[0].section == SALARY
    assert reply.notes[-1].endswith("(following on from: What's the average salary?)")
    # ... and the other way round
    conversation = bot.conversation()
    conversation.ask("What's the average salary? How long does the program take?")
    assert conversation.ask("and part time?").sources[0].id == "faq/part-time-accelerated"


def test_a_message_left_whole_is_remembered_whole(bot):
    conversation = bot.conversation()
    message = "where do these stats come from, can i see the references list"
    assert conversation.ask(message).parts == ()
    assert conversation.state.topic_question == message


def test_a_conversation_with_two_questions_survives_its_state_round_trip(bot):
    conversation = bot.conversation()
    conversation.ask(TWO_QUESTIONS)
    state = json.loads(json.dumps(conversation.state.to_dict()))
    resumed = bot.conversation(ConversationState.from_dict(state))
    assert resumed.ask("and part time?").sources[0].id == "faq/part-time-accelerated"


SHOP = """---
title: Fellside Outdoor Help
---
Fellside Outdoor sells outdoor clothing and camping gear online from Kendal.

## Delivery options and costs
UK standard delivery costs £3.95 and is free over £50. Delivery to Germany, France and the
rest of the EU costs £12.95 and takes five to seven working days.

## Ordering and payment
We take Visa, Mastercard and PayPal. You can also pay in three instalments with Klarna;
delivery charges are added to the first one.
"""
SHOP_FAQ = """
- question: Can I pay with Klarna?
  answer: Yes. Choose Klarna at checkout to pay in three interest-free instalments.
- question: Do you deliver to Ireland?
  answer: Yes, delivery to Ireland costs £9.95 and takes three to five working days.
- question: How long do refunds take?
  answer: We refund your payment within five working days of receiving your return.
"""


def test_a_part_that_reads_on_from_the_one_before_is_its_own_when_answered_alone(
    make_knowledge,
):
    """ "And can I pay with Klarna?" reads on from the delivery question before it (its
    "and"), yet is answered on its own: both are answered, not the second alone; while
    "What is going on?" after a question is no question of its own."""
    from guidebot.bot import Bot

    bot = Bot.load(make_knowledge({"guides/shop.md": SHOP, "faq/faq.yaml": SHOP_FAQ}))
    reply = bot.ask("How much is delivery to Germany? And can I pay with Klarna?")
    assert [p.sources[0].id for p in reply.parts] == [
        "shop/delivery-options-and-costs/1",
        "faq/can-i-pay-with-klarna",
    ]
    assert "£12.95" in reply.parts[0].answer
    assert bot.ask("How much is delivery to Germany? What is going on?").parts == ()
    # one word of its own is too little to stand alone: Klarna for the delivery charge?
    assert bot.ask("How much is delivery to Germany? And Klarna?").parts == ()


LEDGERLY = """---
title: Ledgerly Help
---
Ledgerly sends invoices and tracks what clients pay.

## Cancelling your plan
You can cancel at any time under Settings; the plan runs to the end of the month paid for.

## Exporting your data
Download invoices and payments as CSV files, or send them straight to Xero or QuickBooks
from the same page.

## Invoice reminders
Reminders go out three days before an invoice is due and on the day itself.
"""


def test_a_part_pointing_back_that_names_a_thing_of_its_own_is_a_question_of_its_own(
    make_knowledge,
):
    """ "does it integrate with xero" says "it" for the product, not for cancelling: the
    name only the export section uses makes it a question of its own, answered with its
    own citation; a part pointing back that names nothing ("why does it matter") stays with
    the question before it."""
    from guidebot.bot import Bot
    from guidebot.search.semantic.load import load_model
    from guidebot.search.semantic.model_dir import builtin_dir

    root = make_knowledge({"guides/ledgerly.md": LEDGERLY})
    bot = Bot.load(root, encoder=load_model(builtin_dir()))
    reply = bot.ask("can i cancel my plan? does it integrate with xero")
    assert [p.sources[0].section for p in reply.parts] == [
        "Cancelling your plan",
        "Exporting your data",
    ]
    assert bot.ask("when do reminders go out? and why does it matter").parts == ()
