"""The foreign-word rule (dialogue/foreign.py): a question naming a thing far in meaning from
every word of the passage it meets on one word, on knowledge written for the tests."""

from __future__ import annotations

from dataclasses import replace

from guidebot.dialogue.foreign import NEAR_TIE, asking_when_open, names_something_else

DENTAL = """---
title: Meadow Dental Patient Guide
---
Meadow Dental is a family practice on Mill Street that treats adults and children.

## Parking

There are eight free parking spaces behind the practice, two of them wide bays for blue
badge holders. Cycle racks stand by the front door. The town car park on Mill Street is two
minutes away on foot and costs one pound an hour.

## How to register

To join the practice as a patient:

1. Fill in the new patient form at the front desk or on our website.
2. List the medicines you take and any allergies.
3. Bring a photo ID to your first appointment.

Children under eighteen are registered with a parent or guardian present.

## Sedation

Nervous patients can ask for sedation for longer treatments such as extractions. A sedation
nurse stays with you throughout, and you need an adult to take you home afterwards.
Sedation costs sixty pounds on top of the treatment.
"""
ELSEWHERE = ["is there parking at the airport", "how much is sedation for my cat"]
HERE = [
    "where can i leave my bike",  # "bike" is near "cycle"
    "is there parking for my motorbike",  # near "car"
    "how do i register my son",  # near "children"
    "can my daughter register",
    "how much is sedation for an extraction",
    "can i park near the practice",
    "wat is sedation",  # "what" mistyped: no thing named (likely_misspelling)
    "parking, you've got some?",  # a contraction ("youve") names nothing
    "they've sedation?",
]


def test_a_question_naming_a_thing_far_from_every_word_of_its_section_is_declined(
    make_knowledge,
):
    """A dental practice's guide, written for this test: "parking" and "sedation" name its
    sections, so the word rules let those questions through; "airport" and "cat" are far in
    meaning from every word of those sections, while a bike, a motorbike, a son and a
    daughter are near words the sections use (Policy.decline_foreign_cosine)."""
    from guidebot.bot import Bot
    from guidebot.dialogue.policy import default_policy
    from guidebot.search.semantic.load import load_model
    from guidebot.search.semantic.model_dir import builtin_dir

    root = make_knowledge({"guides/dental.md": DENTAL})
    encoder, policy = load_model(builtin_dir()), default_policy(word_level=True)
    bot = Bot.load(root, policy, encoder=encoder)
    lenient = Bot.load(root, replace(policy, decline_foreign_cosine=0.0), encoder=encoder)
    for question in ELSEWHERE:
        assert lenient.ask(question).kind == "answer", question  # the word rules let it by
        assert bot.ask(question).kind == "decline", question
        result = bot.retriever.search(question, k=10)
        assert names_something_else(bot.retriever, result, 0.3, 10.0), question
        assert not names_something_else(bot.retriever, result, 0.3, 13.0), question
    for question in HERE:
        reply = bot.ask(question)
        assert reply.kind == "answer", question
        assert not names_something_else(bot.retriever, bot.retriever.search(question), 0.3, 10)


def test_a_passage_nearly_as_good_sharing_more_words_keeps_the_question_in_scope(
    make_knowledge,
):
    """The best passage meets "is there parking at the airport" on one word; when another
    of the next two scores nearly as well (foreign.NEAR_TIE of the best) and shares two,
    the question is not about something else: a long story whose FAQ entry leads by a hair
    on "wheelchair" while the accessibility section holds "wheelchair" and "steps"."""
    from guidebot.bot import Bot
    from guidebot.dialogue.policy import default_policy
    from guidebot.search.semantic.load import load_model
    from guidebot.search.semantic.model_dir import builtin_dir

    root = make_knowledge({"guides/dental.md": DENTAL})
    bot = Bot.load(root, default_policy(word_level=True), encoder=load_model(builtin_dir()))
    found = bot.retriever.search("is there parking at the airport", k=10)
    assert names_something_else(bot.retriever, found, 0.3, 10.0)
    best, second = found.hits[0], found.hits[1]
    two = (*best.matched, "extra")
    for share, declined in ((NEAR_TIE + 0.01, False), (NEAR_TIE - 0.05, True)):
        near = replace(second, matched=two, score=share * best.score)
        result = replace(found, hits=(best, near, *found.hits[2:]))
        assert names_something_else(bot.retriever, result, 0.3, 10.0) == declined, share


def test_a_name_neither_english_nor_the_encoder_knows_is_something_else(make_knowledge):
    """ "zorbly" and "heathrow" are no words of English the encoder can read: things named,
    far from everything the section says, where an unreadable word used to leave the rule
    undecided; "cycleracks" is the section's "cycle" and "racks" run together."""
    from guidebot.bot import Bot
    from guidebot.dialogue.policy import default_policy
    from guidebot.search.semantic.load import load_model
    from guidebot.search.semantic.model_dir import builtin_dir

    root = make_knowledge({"guides/dental.md": DENTAL})
    bot = Bot.load(root, default_policy(word_level=True), encoder=load_model(builtin_dir()))
    for question in ("is there parking at zorbly", "how much is sedation at heathrow"):
        assert names_something_else(bot.retriever, bot.retriever.search(question), 0.3, 10.0)
        assert bot.ask(question).kind == "decline", question
    # nor a misspelling of the knowledge's own word: "rucksak" is two edits from the
    # "rucksacks" a shop's guide writes, one from their term's "rucksack", and so repaired
    shop = "---\ntitle: Shop\n---\nWe sell gear.\n\n## Returns\nUnused tents and rucksacks "
    shop += "can be sent back within 30 days for a full refund.\n"
    returns = Bot.load(
        make_knowledge({"guides/shop.md": shop}),
        default_policy(word_level=True),
        encoder=load_model(builtin_dir()),
    )
    question = "can i return my rucksak"
    found = returns.retriever.search(question)
    assert [r.replacement for r in found.repairs] == ["rucksack"]
    assert not names_something_else(returns.retriever, found, 0.3, 10.0)
    assert returns.ask(question).kind == "answer"
    question = "is there parking for cycleracks"
    assert not names_something_else(bot.retriever, bot.retriever.search(question), 0.3, 10.0)
    assert bot.ask(question).kind == "answer"


def test_naming_something_else_needs_word_vectors_and_judges_entries_asked_few_ways(
    make_knowledge,
):
    """Words alone there is no meaning to judge by. An FAQ entry asked in few ways, as an
    export's are, is judged by its words; one asked in many is an intent whose questions
    name their own things ("flying to russia"), left to its lines."""
    from guidebot.bot import Bot
    from guidebot.search.semantic.load import load_model
    from guidebot.search.semantic.model_dir import builtin_dir

    root = make_knowledge({"guides/dental.md": DENTAL})
    bot = Bot.load(root)
    result = bot.retriever.search(ELSEWHERE[0], k=10)
    assert not names_something_else(bot.retriever, result, 0.3, 10.0, 5)
    (root / "guides" / "dental.md").unlink()
    faq = "- question: Where can I park?\n  answer: Eight free spaces behind the practice.\n"
    many = "  alternates: [is there parking, car park, parking spaces, do you have parking]\n"
    for entry, judged in ((faq, True), (faq + many, False)):
        root = make_knowledge({"faq/parking.yaml": entry})
        bot = Bot.load(root, encoder=load_model(builtin_dir()))
        result = bot.retriever.search(ELSEWHERE[0], k=10)
        assert result.best is not None and result.best.passage.kind == "faq"
        assert names_something_else(bot.retriever, result, 0.3, 10.0, 5) is judged
        assert not names_something_else(bot.retriever, result, 0.3, 10.0, 0)


def test_words_naming_the_document_name_no_other_thing(make_knowledge):
    """A shop's guide that never says "article" or "guide": those words in "what does the
    article say about returns" name the document, not something the shop lacks."""
    from guidebot.bot import Bot
    from guidebot.dialogue.policy import default_policy
    from guidebot.search.semantic.load import load_model
    from guidebot.search.semantic.model_dir import builtin_dir

    shop = "---\ntitle: Shop\n---\nWe sell gear.\n\n## Returns\nUnused tents and rucksacks "
    shop += "can be sent back within 30 days for a full refund.\n"
    root = make_knowledge({"guides/shop.md": shop})
    bot = Bot.load(root, default_policy(word_level=True), encoder=load_model(builtin_dir()))
    for question in (
        "what does the article say about returns",
        "what does the guide say about refunds",
    ):
        result = bot.retriever.search(question)
        assert not names_something_else(bot.retriever, result, 0.3, 10.0), question
        reply = bot.ask(question)
        assert reply.kind == "answer" and reply.sources[0].section == "Returns", question


def test_a_name_of_the_knowledge_s_own_shared_is_what_the_question_is_about(make_knowledge):
    """ "xero" is no English word: shared with the one section naming it, the question is
    about it, however far "integrate" is from that section's words; a figure shared
    ("2026") is no such name."""
    from guidebot.bot import Bot
    from guidebot.dialogue.policy import default_policy
    from guidebot.search.semantic.load import load_model
    from guidebot.search.semantic.model_dir import builtin_dir

    guide = (
        "---\ntitle: Ledger\n---\nInvoices for freelancers.\n\n## Exporting your data\n\n"
        "Download your invoices as a CSV file for Xero or a spreadsheet.\n\n"
        "## Plans\n\nThe Pro plan costs $19 a month in 2026.\n"
    )
    bot = Bot.load(
        make_knowledge({"guides/ledger.md": guide}),
        default_policy(word_level=True),
        encoder=load_model(builtin_dir()),
    )
    question = "does it integrate with xero"
    assert not names_something_else(bot.retriever, bot.retriever.search(question), 0.3, 10.0)
    reply = bot.ask(question)
    assert reply.kind == "answer" and reply.sources[0].section == "Exporting your data"
    question = "what is the 2026 deadline at georgia tech"
    assert names_something_else(bot.retriever, bot.retriever.search(question), 0.3, 10.0)


def test_a_name_nobody_knows_is_another_thing_beside_any_near_word(make_knowledge):
    """ "zorbly" names a clinic the practice is not, though "clinic" is near its words; a
    long word English lacks one edit from an English word ("easliy") is a misspelling,
    not a name (MISSPELT_LONG)."""
    from guidebot.bot import Bot
    from guidebot.dialogue.policy import default_policy
    from guidebot.search.semantic.load import load_model
    from guidebot.search.semantic.model_dir import builtin_dir

    root = make_knowledge({"guides/dental.md": DENTAL})
    bot = Bot.load(root, default_policy(word_level=True), encoder=load_model(builtin_dir()))
    elsewhere = "how much is sedation at the zorbly clinic"
    assert names_something_else(bot.retriever, bot.retriever.search(elsewhere), 0.3, 10.0)
    assert bot.ask(elsewhere).kind == "decline"
    here = "is sedation painful? i panic easliy"
    assert not names_something_else(bot.retriever, bot.retriever.search(here), 0.3, 10.0)
    assert bot.ask(here).kind == "answer"


SCHOOL = """---
title: Northgate Driving School
---
Northgate teaches learners to drive in Leeds.

## Nervous drivers
We teach nervous drivers in quiet lessons on empty roads first, at your own pace.

## Prices
A one-hour lesson in a manual car costs £34; an automatic costs £36.
"""


def test_a_passage_met_on_two_words_answers_something_else_only_for_a_rarer_far_word(
    make_knowledge,
):
    """ "do you teach motorbike lessons" meets the section on nervous drivers on "teach"
    and "lessons"; "motorbike" is far from its words and 12 nats rare or more
    (pair_specific_from). Asking about motorways, near its "roads", is answered; with the
    pair rule off (0) or at a higher rarity, nothing is declined for two shared words."""
    from guidebot.bot import Bot
    from guidebot.dialogue.policy import default_policy
    from guidebot.search.semantic.load import load_model
    from guidebot.search.semantic.model_dir import builtin_dir

    root = make_knowledge({"guides/school.md": SCHOOL})
    bot = Bot.load(root, default_policy(word_level=True), encoder=load_model(builtin_dir()))
    elsewhere = bot.retriever.search("do you teach motorbike lessons")
    assert len(set(elsewhere.best.matched)) == 2
    assert names_something_else(bot.retriever, elsewhere, 0.3, 10.0, 5, 12.0)
    assert not names_something_else(bot.retriever, elsewhere, 0.3, 10.0, 5, 0.0)
    assert not names_something_else(bot.retriever, elsewhere, 0.3, 10.0, 5, 15.0)
    assert bot.ask("do you teach motorbike lessons").kind == "decline"
    here = "do you teach lessons on motorways"
    assert not names_something_else(bot.retriever, bot.retriever.search(here), 0.3, 10.0, 5, 12.0)
    assert bot.ask(here).kind == "answer"


MUSEUM = """---
title: Harbour Museum Visitor Guide
---
The Harbour Museum tells the story of the port and its ships.

## Opening times

We open at 10am and close at 5pm from Tuesday to Sunday, and close on Mondays except bank
holidays. The last entry is at 4.15pm.

## The cafe

The cafe by the main hall serves soup, sandwiches and cakes, and closes half an hour
before the museum does.
"""


def test_the_words_asking_when_a_place_opens_name_no_place(make_knowledge):
    """ "what time does the aquarium close on sundays" meets the opening times on "close",
    "time" and "sunday": the words asking when say what is asked, and the place asked about,
    far from every word there, is another one. The museum's own cafe is answered."""
    from guidebot.bot import Bot
    from guidebot.dialogue.policy import default_policy
    from guidebot.search.semantic.load import load_model
    from guidebot.search.semantic.model_dir import builtin_dir

    root = make_knowledge({"guides/museum.md": MUSEUM})
    bot = Bot.load(root, default_policy(word_level=True), encoder=load_model(builtin_dir()))
    elsewhere = "what time does the aquarium close on sundays"
    result = bot.retriever.search(elsewhere)
    assert {"close", "time"} <= set(result.best.matched)
    assert names_something_else(bot.retriever, result, 0.3, 10.0)
    assert bot.ask(elsewhere).kind == "decline"
    # "time" asks when a place opens only beside a word of opening or closing
    asking = asking_when_open(bot.retriever, "what time does the cafe close".split())
    assert asking == {"time", "close"}
    assert not asking_when_open(bot.retriever, "what time limited tickets are left".split())
    for here in ("what time does the cafe close", "what time do you close on sundays"):
        reply = bot.ask(here)
        assert reply.kind == "answer", here
        assert not names_something_else(bot.retriever, bot.retriever.search(here), 0.3, 10.0)


FERRY = """---
title: Island Ferries
---
# Island Ferries

We sail from Port Calloway to Fenna twice a day, all year round.

## Fares

A foot passenger pays £14 each way to Fenna; a car with its driver pays £62.

## Check-in

Foot passengers check in 20 minutes before the Fenna sailing, cars 45 minutes before.

## Bad weather

When a gale is forecast the Fenna crossing may be cancelled; we text every passenger.

## Pets

Dogs travel free to Fenna on a lead, and stay on the outer deck during the crossing.

## Cabins

The overnight boat to Fenna has cabins for two at £48, with a basin and bunks.

## Lost property

Things left on board are kept at the Port Calloway office for 30 days.

## Tickets by app

Tickets bought in the Wavepass app are scanned at the gate; no printing needed.
"""


def test_a_name_the_knowledge_is_set_in_is_no_thing_asked_about(make_knowledge):
    """ "fenna", the island every section sails to (foreign.SETTING_SHARE), shared with a
    passage says nothing of what "whats the population of fenna" asks; "wavepass", named
    in one section, is what "does wavepass work offline" is about."""
    from guidebot.bot import Bot
    from guidebot.dialogue.policy import default_policy
    from guidebot.search.semantic.load import load_model
    from guidebot.search.semantic.model_dir import builtin_dir

    root = make_knowledge({"guides/ferry.md": FERRY})
    bot = Bot.load(root, default_policy(word_level=True), encoder=load_model(builtin_dir()))
    for question in ("whats the population of fenna", "when is the fenna folk festival on"):
        assert names_something_else(bot.retriever, bot.retriever.search(question), 0.3, 10.0)
        assert bot.ask(question).kind == "decline", question
    for question in ("how much is a cabin to fenna", "does wavepass work offline"):
        assert bot.ask(question).kind == "answer", question


LEDGERLY = """---
title: Ledgerly
---
# Ledgerly

## Payments

Ledgerly takes card payments through Stripe, paid out within two days.

## Mobile app

The Ledgerly app runs on iPhone and Android phones.

## Currencies

Ledgerly invoices in pounds, euros and dollars.

## Plans

Ledgerly Pro costs $19 a month.
"""


def test_the_setting_s_name_beside_another_shared_word_keeps_the_question(make_knowledge):
    """ "ledgerly" is in every passage, but "does ledgerly integrate with stripe" shares
    "stripe" too: a question about the product, however far "integrate" is."""
    from guidebot.bot import Bot
    from guidebot.dialogue.policy import default_policy
    from guidebot.search.semantic.load import load_model
    from guidebot.search.semantic.model_dir import builtin_dir

    root = make_knowledge({"guides/ledgerly.md": LEDGERLY})
    bot = Bot.load(root, default_policy(word_level=True), encoder=load_model(builtin_dir()))
    for question in ("does ledgerly integrate with stripe", "can ledgerly invoice in euros"):
        assert bot.ask(question).kind == "answer", question
