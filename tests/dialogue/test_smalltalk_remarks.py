"""Small talk in new wordings against real questions: thanks with a remark on the answer,
and questions about guidebot one word from an example, on the bundled guide and on small
FAQs written here (a bank's, an insurer's) whose own words overlap small talk's."""

from __future__ import annotations

import pytest

from guidebot.bot import Bot

BANK = """
- id: app-not-working
  question: What should I do if the mobile app doesn't work?
  answer: Update the app, restart your phone, and if the banking app still does not work
    call the help line on 0800 123 456.
- id: reset-password
  question: How do I reset my online banking password?
  answer: Choose "Forgot password" on the login screen and follow the steps we text you.
- id: lost-card
  question: How do I block a lost card?
  answer: Block a lost or stolen card at once in the app under Cards, or call the help line.
- id: opening-hours
  question: What are your opening hours?
  answer: Branches open 9am to 5pm on weekdays and 9am to noon on Saturdays.
"""
INSURER = """
- id: policy-cover
  question: What does my home insurance policy cover?
  answer: The policy covers fire, flood, theft and accidental damage to the building and
    its contents.
- id: not-covered
  question: What is not covered?
  answer: Wear and tear, gradual damage and damage done on purpose are not covered.
- id: make-a-claim
  question: How do I make a claim?
  answer: Claim online with photos of the damage, and the police report for a theft.
- id: claim-time
  question: How long does a claim take?
  answer: Most claims are settled within ten working days.
"""


def always(_: str, __: str = "") -> bool:
    return True


def faq_bot(make_knowledge, name: str, faq: str) -> Bot:
    """A bot over one FAQ file, in a knowledge folder of its own: tests that take two of
    these must not see each other's entries."""
    return Bot.load(make_knowledge({f"{name}/faq/{name}.yaml": faq}) / name)


@pytest.fixture
def bank(make_knowledge) -> Bot:
    return faq_bot(make_knowledge, "bank", BANK)


@pytest.fixture
def insurer(make_knowledge) -> Bot:
    return faq_bot(make_knowledge, "insurer", INSURER)


@pytest.mark.parametrize(
    "text",
    [
        "thx a lot, that cleared things up",
        "thanks, that cleared things up",  # "cleared" is no new word beside "clears"
        "ty, that cleared it up",
        "thanks, that clarified things",
        "cheers mate that answers it",  # no comma: the remark starts at "that"
        "ok great thank you that's all I needed",
        "perfect, that's what i was looking for, thanks",
        "ty, that answers everything",
        "cool that's all i needed, have a good one",  # a goodbye's words, in the goodbye
        "thanks, that is it",  # "is" after its subject asks nothing
        # Thanks or an acknowledgement naming what it is for, where the guide uses "answer"
        "thanks, great answer",
        "great answer",
        "thanks for the answer",
    ],
)
def test_thanks_may_carry_a_remark_on_the_answer(bot, text):
    assert bot.conversation().ask(text).kind == "smalltalk"


@pytest.mark.parametrize(
    "text",
    [
        "thanks, that salary seems low for engineers",  # the remark names a topic
        "thanks that cleared up the salary, what about tuition?",
        "thanks, and how long does the degree take?",
        "thanks that helps, is it any good",  # a clause asking of its own
        "thanks, is it any good?",
        # Words of other intents' examples are no remark's: "need" and "work" ("i need
        # help", "how does this work"), "year" ("what year is this from")
        "thanks, that's good to know, i need to work",
        "ok that takes a year then",
        # A remark that negates the answer and names a topic is a question about it
        "thanks, that's not up to date",
        "thanks for the answer, what about tuition",
    ],
)
def test_a_remark_naming_a_topic_asking_or_complaining_is_no_small_talk(bot, text):
    assert bot.conversation().ask(text).kind != "smalltalk"


@pytest.mark.parametrize(
    "text",
    ["thanks that helps is it any good", "thanks that was useful do i need to work"],
)
def test_a_question_inside_a_remark_without_punctuation_is_answered(bot, text):
    """An auxiliary before its subject ("is it", "do i") opens a question."""
    assert bot.conversation().ask(text).kind == "answer"


def test_a_complaint_after_thanks_reaches_the_entry_it_is_about(bank, insurer):
    reply = bank.ask("ok, that didn't work")
    assert (reply.kind, reply.sources[0].id) == ("answer", "faq/app-not-working")
    assert insurer.ask("thanks, it's not covered").kind != "smalltalk"


def test_a_remark_goes_with_thanks_not_with_a_goodbye(bot):
    """ "it was a pleasure talking to you, goodbye" is no remark on an answer: a help desk
    whose FAQ answers goodbyes keeps answering it."""

    def knows_needed(text: str, besides: str = "") -> bool:
        return "needed" in text.split() and "needed" not in besides.split()

    smalltalk = bot.context.smalltalk
    assert smalltalk.match("thanks, that is all i needed", knows_needed)[0] == "thanks"
    assert smalltalk.match("bye, that is all i needed", knows_needed) is None


@pytest.mark.parametrize(
    "text",
    [
        "what are you able to help with",  # "what are you able to do" + "... help me with"
        "what do you cover",  # "what do you do" + "what topics do you cover"
        "what r u able to help with",
        "what can you cover",
    ],
)
def test_a_question_about_guidebot_may_recombine_its_examples_words(bot, text):
    # `always`: the guide uses "able", "help", "cover"; words of the intent's own examples
    # one word apart from one of them are excused even so
    assert bot.context.smalltalk.match(text, always)[0] == "capabilities"
    assert bot.ask(text).kind == "smalltalk"


@pytest.mark.parametrize(
    "text",
    [
        "what can you get",  # "what can you do", but "get" is no word of the intent
        "what do you need",
        "what jobs can you get",
        "what are you able to earn after the degree",
        "what can I do with an AI master's in manufacturing",
        "can you help me with admission requirements",
        "what sort of things do employers look for",
    ],
)
def test_a_question_one_word_from_small_talk_is_still_a_question(bot, text):
    assert bot.ask(text).kind != "smalltalk"


@pytest.mark.parametrize(
    "text", ["what do you cover", "what can you cover", "what are you able to cover"]
)
def test_a_word_the_knowledge_asks_about_makes_a_new_wording_its_question(insurer, text):
    """ "cover" is what the insurer's entries ask about ("What does my home insurance policy
    cover?", "What is not covered?"), so the knowledge answers or asks back among them."""
    reply = insurer.ask(text)
    assert reply.kind in ("answer", "clarify"), reply.kind
    offered = [s.id for s in reply.sources] + list(reply.choices)
    assert any("cover" in item.lower() for item in offered), offered


@pytest.mark.parametrize(
    "text", ["what topics do you cover", "what are you able to help with", "who are you"]
)
def test_small_talk_stays_on_an_faq_whose_words_it_shares(insurer, bank, text):
    # an example itself, or a new wording whose own word ("help") no entry asks about
    assert insurer.ask(text).kind == "smalltalk"
    assert bank.ask(text).kind == "smalltalk"


BANK_AND_LIBRARY = (
    BANK
    + """
- id: mortgage
  question: Can you help me with a mortgage?
  answer: Our mortgage advisers can help you; book an appointment in the app.
- id: card-not-working
  question: What can I do if my card doesn't work?
  answer: Ask at the front desk for a replacement card, which is free the first time.
"""
)


@pytest.fixture
def helpdesk(make_knowledge) -> Bot:
    return faq_bot(make_knowledge, "helpdesk", BANK_AND_LIBRARY)


@pytest.mark.parametrize(
    "text",
    [
        "thanks, that worked",
        "ok that works",
        "that works, thanks",
        "thanks that did work",
        "great thanks that worked",
        "thanks, that covers it",
    ],
)
def test_thanks_for_a_fix_is_small_talk_where_the_faq_is_about_the_fix(
    helpdesk, insurer, bot, text
):
    """A bare verdict on the answer ("that worked") has nothing but the answer to be about,
    even where "work" and "cover" are what the FAQ asks about."""
    for knowledge in (helpdesk, insurer, bot):
        assert knowledge.conversation().ask(text).kind == "smalltalk", text


def test_a_fix_that_failed_still_reaches_the_entry_about_it(helpdesk):
    for text in ("ok, that didn't work", "ok, my card doesn't work"):
        reply = helpdesk.conversation().ask(text)
        assert reply.kind == "answer" and "work" in reply.sources[0].id, text


@pytest.mark.parametrize(
    "text",
    [
        "thanks, that's no problem",
        "thanks, that's not a problem",
        "thanks, that's not bad",
        "thanks, that's no bother",
        "ok that's all, no more questions",
        "thanks, nothing else",  # though the bundled guide asks if there is anything else
        "thanks, that's hardly a problem",
    ],
)
def test_a_negation_that_does_not_negate_the_answer_is_polite(helpdesk, insurer, bot, text):
    for knowledge in (helpdesk, insurer, bot):
        assert knowledge.conversation().ask(text).kind == "smalltalk", text


@pytest.mark.parametrize(
    "text",
    [
        "that didn't answer my question",  # not "that answers my question"
        "thanks, that does not answer my question",
        "thanks that wasnt helpful",
        "thanks, that didn't answer my question",
        "thanks, that doesn't make sense",
        "thanks, that's not clear",
    ],
)
def test_a_complaint_naming_no_topic_is_met_with_an_apology_not_an_answer(helpdesk, bot, text):
    for knowledge in (helpdesk, bot):
        reply = knowledge.conversation().ask(text)
        assert (reply.kind, reply.sources) == ("smalltalk", ()), text
        assert reply.text.startswith("Sorry"), text


@pytest.mark.parametrize(
    "text", ["tell fred that i don't have his guitar", "remind me that it doesn't help"]
)
def test_an_instruction_holding_a_negation_is_no_complaint(bot, text):
    """CLINC150 asks "tell fred that i don't have his guitar" of a texting intent: a message
    that opens on something else than the answer is not about the answer."""
    reply = bot.conversation().ask(text)
    assert not reply.text.startswith("Sorry"), text


def test_a_word_of_small_talk_one_entry_names_does_not_make_it_a_question(helpdesk):
    """ "help" is a capabilities word; one entry ("Can you help me with a mortgage?") is
    not the knowledge being about it."""
    for text in ("what are you able to help with", "what can you help with"):
        assert helpdesk.conversation().ask(text).kind == "smalltalk", text


# A question each knowledge here answers: the bundled guide's, then the banks'.
ANSWERED = {"faq/average-salary": "What's the average salary?"} | {
    "faq/reset-password": "How do I reset my online banking password?"
}


def after_an_answer(knowledge: Bot, text: str):
    """The reply to text right after an answer, whose complaint a complaint names."""
    conversation = knowledge.conversation()
    ids = {p.id for p in knowledge.retriever.passages}
    question = next(q for entry, q in ANSWERED.items() if entry in ids)
    assert conversation.ask(question).kind == "answer"
    return conversation.ask(text)


BANK_WITH_MISTAKES = (
    BANK
    + """
- id: wrong-amount
  question: What if I was charged the wrong amount?
  answer: Dispute a wrong amount in the app under Payments within 60 days.
- id: card-details
  question: What if my card details are not correct?
  answer: Correct your card details at a branch with photo ID.
- id: bad-response
  question: Why was my loan application answered with a bad response?
  answer: A loan is refused when the credit check finds missed payments.
"""
)


@pytest.fixture
def mistakes(make_knowledge) -> Bot:
    """A bank whose FAQ is about wrong amounts, incorrect details and bad responses."""
    return faq_bot(make_knowledge, "mistakes", BANK_WITH_MISTAKES)


COMPLAINTS = [
    # negating a verdict that the answer is right
    "thanks, that's not correct",
    "that's not right",
    "that's not accurate",
    "not correct",
    "thanks, that wasn't helpful",
    # finding fault with it in the complaint's own words
    "that's the wrong answer",
    "wrong answer",
    "this answer is bad",
    "useless answer",
    "that is incorrect",
    "you misunderstood me",
    "thanks, that's wrong",  # the complaint wins over the thanks
    "that's incorrect, thanks",
    "that response wasn't helpful",  # "response" names the answer, not a topic
    # already complaints
    "that's not what I meant",
    "nope, wrong",
    "that makes no sense",
    "thanks, that didn't answer my question",
    # negations beyond "not"
    "hardly helpful",
    "thanks, none of that helped",
    "that was neither clear nor useful",
]


@pytest.mark.parametrize("text", COMPLAINTS)
def test_a_complaint_about_the_answer_is_met_with_an_apology_and_logged(
    bot, helpdesk, mistakes, text
):
    for knowledge in (bot, helpdesk, mistakes):
        reply = after_an_answer(knowledge, text)
        assert (reply.kind, reply.sources) == ("smalltalk", ()), (text, reply.kind)
        assert reply.text.startswith("Sorry"), text
        assert reply.complaint is not None and reply.complaint.sources, text


@pytest.mark.parametrize(
    "text",
    [
        # negating a negative verdict, or saying what is absent
        "no problem",
        "not bad",
        "no more questions",
        "that's not wrong",
        "not a bad answer",
        "thanks, that's not bad",
        # a verdict that the answer is right
        "that's correct",
        "thanks, that's right",
        "exactly",
        "thx a lot, that cleared things up",
        "thanks, that worked",
        "no thanks",
        # the speaker's fault, or an instruction, is no complaint about the answer
        "i was wrong",
        "my question was wrong",
        "tell fred that i don't have his guitar",
        "i gave the wrong answer",  # though "wrong answer" is a complaint's example
        "my answer was wrong",
        "i don't know the answer",  # "i" is a word of thanks ("what i needed"), still the speaker
        # praise negating a fault with a negation beyond "not"
        "nothing wrong with that answer",
        "nothing bad about that answer",
        "thanks, nothing else",
    ],
)
def test_no_complaint_is_read_into_praise_or_a_negated_fault(bot, helpdesk, mistakes, text):
    for knowledge in (bot, helpdesk, mistakes):
        reply = after_an_answer(knowledge, text)
        assert reply.complaint is None and not reply.text.startswith("Sorry"), text


@pytest.mark.parametrize(
    "text",
    ["that's correct", "thanks, that's right", "exactly", "thanks, that's not bad", "no thanks"],
)
def test_a_verdict_that_the_answer_is_right_is_small_talk(bot, helpdesk, text):
    for knowledge in (bot, helpdesk):
        assert knowledge.conversation().ask(text).kind == "smalltalk", text


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("wrong amount charged", "faq/wrong-amount"),
        ("my card is not correct", "faq/card-details"),
        ("my card details are wrong", "faq/card-details"),
        ("bad response to my loan application", "faq/bad-response"),
    ],
)
def test_words_the_knowledge_is_about_make_a_fault_a_question(mistakes, text, entry):
    """A complaint's words beside words the FAQ is about ask about them: "wrong" and "not
    correct" are what this bank's entries ask about, with "amount", "card" and "loan"."""
    reply = after_an_answer(mistakes, text)
    assert (reply.kind, reply.sources[0].id) == ("answer", entry), text
    assert reply.complaint is None


def test_a_fix_that_failed_reaches_the_bank_entry_about_it(bank):
    reply = after_an_answer(bank, "ok, that didn't work")
    assert (reply.kind, reply.sources[0].id) == ("answer", "faq/app-not-working")
    assert reply.complaint is None


SECURITY = (
    BANK
    + """
- id: wrong-security-answer
  question: What happens if I give a wrong answer to my security question?
  answer: After three wrong answers the account is locked for 24 hours.
- id: unknown-security-answer
  question: What if I don't know the answer to my security question?
  answer: Reset it from the login page with a code sent by text.
"""
)


@pytest.fixture
def security(make_knowledge) -> Bot:
    """A bank whose FAQ asks about giving a wrong answer (to a security question)."""
    return faq_bot(make_knowledge, "security", SECURITY)


@pytest.mark.parametrize(
    "text", ["wrong answer", "that's the wrong answer", "i gave the wrong answer", "a wrong answer"]
)
def test_a_fault_the_faq_asks_about_in_the_same_words_reaches_the_entry(security, text):
    """ "wrong answer" is what an entry asks about: with nothing saying whose answer it is,
    or saying it is the speaker's, the owner's entry answers it, as before "wrong answer"
    was a complaint; the bundled guide and the other banks keep the complaint (COMPLAINTS)."""
    reply = after_an_answer(security, text)
    assert (reply.kind, reply.sources[0].id) == ("answer", "faq/wrong-security-answer"), text
    assert reply.complaint is None


@pytest.mark.parametrize(
    "text",
    [
        "you gave the wrong answer",  # guidebot's answer
        "that answer is wrong",  # the answer pointed at, not the FAQ's phrase
        "useless answer",  # a fault no entry asks about
        "this answer is bad",
        "thanks, that's not correct",
    ],
)
def test_a_fault_with_guidebot_s_answer_stays_a_complaint_where_the_faq_asks_of_faults(
    security, text
):
    reply = after_an_answer(security, text)
    assert (reply.kind, reply.sources) == ("smalltalk", ()), (text, reply.kind)
    assert reply.complaint is not None, text


@pytest.mark.parametrize("text", ["is that correct", "is that right", "correct?"])
def test_a_verdict_that_is_asked_is_no_acknowledgement(bot, helpdesk, text):
    for knowledge in (bot, helpdesk):
        reply = after_an_answer(knowledge, text)
        assert reply.kind != "smalltalk" and reply.complaint is None, (text, reply.text)
