"""What the guides do not cover, judged on real search results over the bundled knowledge."""

from __future__ import annotations

from guidebot.dialogue.uncovered import (
    about_something_else,
    led_by_naming,
    uncovered_topics,
)


def _judge(bot, question: str) -> bool:
    result = bot.retriever.search(question, k=10)
    return about_something_else(bot.retriever, 2, result)


def test_one_everyday_shared_word_and_two_unknown_ones_is_something_else(bot):
    assert _judge(bot, "how do i make lasagna from scratch")  # shares only "make"
    assert not _judge(bot, "how do i make lasagna")  # one unknown word is not enough
    assert not _judge(bot, "my advisor told me the gre is optional")  # "gre" is jargon
    assert not _judge(bot, "does a 2.8 gpa from 2019 disqualify me")  # numbers never count


def test_uncovered_topics_are_those_the_best_passage_does_not_mention(bot):
    question = "how much do nurses earn in texas"
    result = bot.retriever.search(question, k=10)
    found = uncovered_topics(bot.context.scope, bot.retriever.analyzer, question, result)
    assert found == ["nurse", "texas"]


def test_only_a_shown_passage_with_every_word_may_lead(bot):
    question = "is there something on writing a phd statement of purpose"
    result = bot.retriever.search(question, k=10)
    led = led_by_naming(bot.retriever, 3, question, result, ["phd"])
    assert led is not None and led.best.passage.section == "Related Articles"
    assert led_by_naming(bot.retriever, 1, question, result, ["phd"]) is None


def test_a_figure_the_knowledge_never_states_counts_as_unknown(bot):
    assert _judge(bot, "is 3.5 enough? thanks")  # meets a passage only on "thanks"
    # stems are checked as the question's words: "courses" is everyday English
    assert _judge(bot, "best golf courses in scotland")


def test_one_much_rarer_unknown_word_makes_a_question_about_something_else(make_knowledge):
    """'When does the concert start?' meets an FAQ entry only on the everyday 'start'."""
    from guidebot.bot import Bot

    faq = (
        "- question: When does the spring term start?\n"
        "  answer: The spring term starts in the second week of January.\n"
        "- question: How long is the lunch break?\n"
        "  answer: Lunch runs for forty-five minutes from noon.\n"
    )
    bot = Bot.load(make_knowledge({"faq/school.yaml": faq}))
    assert bot.ask("When does the concert start?").kind == "decline"
    assert bot.ask("When does the term start?").kind == "answer"


THEMES = (
    "- question: Will I earn less at the start of my career?\n"
    "  alternates: [entry level pay, first year earnings, pay for new graduates, do juniors"
    " earn less]\n"
    "  answer: New graduates earn about $80,000 in their first year.\n"
    "- question: Can you tell me a fact about the campus?\n"
    "  alternates: [tell me a fact about the library, give me a campus fact, a fun fact"
    " please, any fact about the dorms]\n"
    "  answer: The library holds two million books.\n"
)


def test_an_unknown_word_beside_a_word_on_an_entrys_edge_is_something_else(make_knowledge):
    """'start' stands in one of the pay entry's five phrasings, 'fact' in all of the facts
    entry's: one unknown word beside the first is off topic, beside the second a detail of
    the kind the entry is asked about, however rare ('reno'), unless the entry was just
    given and the message goes on about it."""
    from guidebot.bot import Bot

    bot = Bot.load(make_knowledge({"faq/themes.yaml": THEMES}))
    assert bot.ask("When does the party start?").kind == "decline"
    assert bot.ask("tell me a fact about reno").kind == "answer"
    conversation = bot.conversation()
    assert conversation.ask("Will I earn less at the start of my career?").kind == "answer"
    assert conversation.ask("what if i start in ohio").kind == "answer"
    assert bot.ask("what if i start in ohio").kind == "decline"
    result = bot.retriever.search("When does the party start?")
    assert not about_something_else(bot.retriever, 2, result, 0.0, 0.0)  # the rule off
    assert about_something_else(bot.retriever, 2, result, 0.0, 0.3)
    assert not about_something_else(bot.retriever, 2, result, 0.0, 0.3, continuing=True)


BORROWING = (
    "- question: Can I borrow a projector?\n"
    "  answer: Yes. Projectors are booked at the front desk.\n"
    "- question: Can I borrow a camera?\n"
    "  answer: Cameras are lent for a week with a student card.\n"
    "- question: Can I borrow a tripod?\n"
    "  answer: Tripods are lent out for two days.\n"
    "- question: Can I borrow a headset?\n"
    "  answer: Headsets are lent at the media desk for a day.\n"
)


def test_an_faq_answer_holding_another_word_of_the_stem_does_not_answer_it(make_knowledge):
    """The stemmer joins "book" and "booked"; the projector entry's question never asks
    about books, so "Can I borrow a book?" is declined, not answered with projectors."""
    from guidebot.bot import Bot

    bot = Bot.load(make_knowledge({"faq/loans.yaml": BORROWING}))
    found = bot.retriever.search("Can I borrow a book?")
    assert found.best.passage.id == "faq/can-i-borrow-a-projector" and found.loose == {"book"}
    assert bot.ask("Can I borrow a book?").kind == "decline"
    assert bot.ask("can i borrow books").kind == "decline"
    camera = bot.ask("Can I borrow a camera?")
    assert camera.kind == "answer" and camera.sources[0].id == "faq/can-i-borrow-a-camera"
    booking = bot.ask("Can I book a projector?")  # the answer's word, in the question's sense
    assert booking.kind == "answer" and booking.sources[0].id == "faq/can-i-borrow-a-projector"


def test_a_phrase_in_scope_is_named_by_a_passage_only_as_that_phrase(make_knowledge):
    """A scope term of several words is uncovered unless the passage writes it word after
    word: "business bank" is not the topic of a passage saying "2 business days" and "your
    bank account", nor "do my accounts" of one saying "account"; a passage that writes the
    phrase ("business banks") still names it."""
    from guidebot.bot import Bot

    guide = (
        "---\ntitle: Ledger\n---\n\n## Payouts\n\nCard payments reach your bank account "
        "within 2 business days.\n\n## Your account\n\nOne account holds every invoice.\n\n"
        "## Partners\n\nWe work with business banks in ten countries.\n"
    )
    scope = "- topic: banking\n  terms: [business bank, do my accounts]\n"
    bot = Bot.load(make_knowledge({"guides/ledger.md": guide, "scope.yaml": scope}))
    for question, topic in [
        ("how do i open a business bank account", "business bank"),
        ("can you do my accounts", "do my accounts"),
    ]:
        reply = bot.ask(question)
        assert reply.kind == "decline", question
        assert topic in reply.text, question
    assert bot.ask("which business banks do you partner with").kind == "answer"


def test_a_word_of_the_guide_s_title_alone_shared_says_where_not_what(make_knowledge):
    """'Harbourside' names the guide (its title, the opening's heading), not a topic of it:
    a question sharing only that word while two of its words appear nowhere is about
    something else; one also naming a section's topic is not."""
    from guidebot.bot import Bot

    guide = (
        "---\ntitle: Harbourside Dental Guide\n---\n"
        "Welcome to Harbourside Dental, a practice by the quay since 1998.\n\n"
        "## Opening hours\n\nWe open at eight and close at six on weekdays.\n\n"
        "## Fees\n\nA check-up costs forty pounds; a filling from ninety pounds.\n\n"
        "## Parking\n\nThere are four spaces behind the practice in Harbourside.\n"
    )
    bot = Bot.load(make_knowledge({"guides/harbourside.md": guide}))
    assert _judge(bot, "what is the weather tomorrow in harbourside")
    assert bot.ask("what is the weather tomorrow in harbourside").kind == "decline"
    assert not _judge(bot, "what are the opening hours in harbourside")
    assert bot.ask("what are the opening hours in harbourside").kind == "answer"
