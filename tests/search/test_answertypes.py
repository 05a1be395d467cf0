"""The kind of answer a question asks for (search/answertypes.py): a passage holding one (a
number to call, a price, a time) is raised among BM25's best for a question asking for it."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from guidebot.bot import Bot
from guidebot.dialogue.policy import Policy
from guidebot.knowledge.loader import load_knowledge
from guidebot.knowledge.passages import build_passages
from guidebot.search.answertypes import (
    AnswerKinds,
    Kind,
    asked,
    held,
    years_told,
)

LIBRARY = """
---
title: "Riverside Library: A Guide for Members"
---
Riverside Library lends books, films and games to everyone who lives or studies in town.

## Lost property
Lost your phone? Ask at the front desk. We keep lost property for about a month, then give it away.

## Contact us
Phone the front desk on 01632 960 118, or write to desk@riverside-library.org.uk.

## Opening hours
We open Monday to Friday from 9am to 7pm and on Saturdays from 10am to 4pm.

## Fines
Books returned late cost 20p a day, up to £5 per item; games cost £1 a day.
"""


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("how much is a day pass", Kind.MONEY),
        ("does my carer have to pay", Kind.MONEY),
        ("what time do you open on sundays", Kind.CLOCK),
        ("when does the cafe close", Kind.CLOCK | Kind.DATE),  # a time of day, or a day
        ("when does the bar shut on a friday", Kind.CLOCK | Kind.DATE),  # "shut" is "close"
        ("how long can I keep a book", Kind.DURATION),
        ("whats the phone number", Kind.PHONE),
        ("can I email you", Kind.EMAIL),
        ("what is your website", Kind.WEB),
        ("what's your address", Kind.POSTAL),
        ("where are you based?", Kind.POSTAL),
        ("where is your office", Kind.POSTAL),
        ("where do i send a letter", Kind.POSTAL),
        ("how do i change my address", Kind.NONE),  # one's own, not ours
        ("how do you address safety", Kind.NONE),  # the verb
        ("what is your email address", Kind.EMAIL),  # not a postal one
        ("where's your office", Kind.POSTAL),
        ("where are your offices", Kind.POSTAL),
        ("where is your depot?", Kind.POSTAL),  # whatever place is "yours"
        ("wheres your clinic", Kind.POSTAL),
        ("where is the pool", Kind.NONE),  # a place inside, maybe
        ("where is my parcel", Kind.NONE),
        ("where can i write to you", Kind.POSTAL),
        ("change my billing address", Kind.NONE),
        ("what is your IP address", Kind.NONE),
        ("how will they address this issue", Kind.NONE),
        ("where can i post a review", Kind.NONE),
        # a degree or a share asked, not an amount of money
        ("by how much has hiring gone up", Kind.PERCENT),
        ("how much quicker do graduates get hired", Kind.PERCENT),
        ("what percentage of students study online", Kind.PERCENT),
        ("how much has adoption grown since 2022", Kind.PERCENT),
        ("by how much can it cut a plant's costs", Kind.MONEY | Kind.PERCENT),
        ("how much can it trim a plant's expenses", Kind.PERCENT),
        ("how much will i pay if prices rise", Kind.MONEY),  # a price, across the clause
        ("how much longer does it take", Kind.NONE),
        # a change word that is also a thing priced: "is" or "are" ask its price
        ("how much is a trim", Kind.MONEY),
        ("how much are cuts for kids", Kind.MONEY),
        ("how much are fees rising", Kind.MONEY | Kind.PERCENT),
        ("how much more do graduates earn", Kind.MONEY | Kind.PERCENT),
        ("how much can i save by studying online", Kind.MONEY),
        ("does it pay off", Kind.NONE),
        ("how much time does it take", Kind.NONE),
        ("is the cafe good", Kind.NONE),
        # the thing itself, not a number or address to reach someone by
        ("i left my phone in the library", Kind.NONE),
        ("i got an email saying my order shipped", Kind.NONE),
        ("who do i call", Kind.PHONE),
        ("what number do i ring about a claim", Kind.PHONE),  # British "ring"
        ("who should we ring", Kind.PHONE),
        ("i lost my ring in the pool", Kind.NONE),  # the thing
        ("is there a bus on the ring road", Kind.NONE),
        ("what number bus goes to the theatre", Kind.NONE),
        ("do you have an email address", Kind.EMAIL),
        ("how do i update my email address", Kind.NONE),
    ],
)
def test_what_a_question_asks_for(question: str, kind: Kind):
    assert asked(question) == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("It costs £4.50 for the evening.", Kind.MONEY),
        ("Graduates earn $145,000 on average.", Kind.MONEY),
        ("Tickets are 12 euros.", Kind.MONEY),
        ("Doors open at 7.30pm; the bar at 18:00.", Kind.CLOCK),
        ("Most finish in 24 months, some in two years.", Kind.DURATION),
        ("Call 01603 555 210 or +1 (555) 123-4567.", Kind.PHONE),
        ("In a power cut, call 105; in an emergency dial 999 or ring NHS 111.", Kind.PHONE),
        ("We call 3 times a year, or ring 2024 members.", Kind.NONE),  # a count, a year
        ("Write to desk@riverside.org.", Kind.EMAIL),  # its domain is no web address
        ("See www.example.com for more.", Kind.WEB),
        ("Pay USD 20 or 50p a day.", Kind.MONEY),
        ("Refunds take 5 working days, or twenty minutes in store.", Kind.DURATION),
        # times of day in words; "two to three" may count days, so only "till" joins hours
        ("We open nine till five, from eight o'clock on Saturdays.", Kind.CLOCK),
        ("Allow two to three weeks.", Kind.DURATION),
        # a range of years, a count, sizes, dates, an ISBN or a run of digits is no phone
        # number; a bare number no price
        ("Demand grows from 2024-2032 by 12 percent.", Kind.PERCENT),
        ("Adoption rose 71% in two years.", Kind.PERCENT | Kind.DURATION),
        ("Up fifty percent, or 15 percentage points.", Kind.PERCENT),
        ("Nineteen percent of riders", Kind.PERCENT),
        ("Room 101 seats 40.", Kind.NONE),
        ("Sizes 10 12 14 16 18.", Kind.NONE),
        ("Closed 12.03.2024 - 15.03.2024.", Kind.DATE),  # dates, no phone number
        ("ISBN 978-0-306-40615-7", Kind.NONE),
        ("7" * 40, Kind.NONE),
        # a postal address by its post code, its street or its PO box
        ("Unit 4, Abbey Mills, Kirkstall Road, Leeds LS5 3HP", Kind.POSTAL),
        ("Write to PO Box 4471, Leeds.", Kind.POSTAL),
        ("We are at 221B Baker Street.", Kind.POSTAL),
        ("123 Main St, Springfield, IL 62704", Kind.POSTAL),
        ("Unit 4, Abbey Mills, Kirkstall Road, Leeds", Kind.POSTAL),  # commas between names
        ("PO Box: 123", Kind.POSTAL),
        ("Route 66 is long; I drove 30 miles down the M1 and took the 2 Factor route.", Kind.NONE),
    ],
)
def test_what_a_text_holds(text: str, kind: Kind):
    assert held(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "Open 7 Days. Close to the station.",  # no street across a full stop
        "Sleeps 4 Adults Close to the beach.",  # nor one a lower-case word goes on from
        "On 12 March Road closures begin.",
        "Buy an MP3 4GB player; gate B2 4PM; order ID AB 12345; BS EN 12845.",
    ],
)
def test_what_is_no_postal_address(text: str):
    assert not held(text) & Kind.POSTAL


REPORT = """
---
title: Plant Report
---
This report looks at automation in plants.

## Course fees
The course costs $9,000 and cuts energy use at a plant.

## Savings so far
Plants that automated cut their energy use by 18% in two years.
"""


def test_a_question_asking_by_how_much_is_answered_where_a_share_is_given(make_knowledge):
    """A degree of change is a share, not the price of the thing that changes."""
    bot = Bot.load(make_knowledge({"guides/report.md": REPORT}))
    question = "by how much can a plant cut its energy use"
    assert _first(bot, question) == "Savings so far"
    off = dataclasses.replace(bot.policy.retrieval, answer_kind=0.0)
    unlifted = bot.with_policy(dataclasses.replace(bot.policy, retrieval=off))
    assert _first(unlifted, question) != "Savings so far"


def _first(bot: Bot, question: str) -> str:
    best = bot.retriever.search(question).best
    assert best is not None
    return best.passage.section


def test_a_question_for_a_number_to_call_is_answered_where_one_is_given(make_knowledge):
    root = make_knowledge({"guides/library.md": LIBRARY})
    bot = Bot.load(root)
    off = dataclasses.replace(bot.policy.retrieval, answer_kind=0.0)
    unlifted = bot.with_policy(dataclasses.replace(bot.policy, retrieval=off))
    question = "whats your phone number"
    # Words alone nearly tie: each section says "phone" once; only one gives a number.
    assert _first(unlifted, question) == "Lost property"
    assert _first(bot, question) == "Contact us"


def test_only_a_question_asking_for_a_kind_changes_the_scores(make_knowledge):
    passages = build_passages(load_knowledge(make_knowledge({"guides/library.md": LIBRARY})))
    kinds = AnswerKinds(passages)
    scores = np.linspace(1.0, 2.0, len(passages))
    before = scores.copy()
    kinds.lift(asked("where is the library"), scores, 0.0, pool=10, weight=0.5)
    assert np.array_equal(scores, before)
    kinds.lift(asked("how much are late fines"), scores, 0.0, pool=10, weight=0.5)
    raised = {passages[row].section for row in np.flatnonzero(scores != before)}
    assert raised == {"Fines"}
    assert np.allclose(scores[scores != before] - before[scores != before], 0.5 * 2.0)


def test_only_the_pool_is_read(make_knowledge):
    """A large library's passages are read from disk when wanted: a question asking for a
    kind reads the pool's texts, not every passage's."""

    class Counted(list):
        reads = 0

        def __getitem__(self, row):
            Counted.reads += 1
            return super().__getitem__(row)

    passages = build_passages(load_knowledge(make_knowledge({"guides/library.md": LIBRARY})))
    kinds = AnswerKinds(Counted(passages))
    scores = np.linspace(1.0, 2.0, len(passages))
    kinds.lift(asked("how much are late fines"), scores, 0.0, pool=2, weight=0.5)
    kinds.lift(asked("what does a fine cost"), scores, 0.0, pool=2, weight=0.5)
    assert Counted.reads == 2  # the two best, once each


def test_no_weight_no_lift(make_knowledge):
    passages = build_passages(load_knowledge(make_knowledge({"guides/library.md": LIBRARY})))
    scores = np.ones(len(passages))
    AnswerKinds(passages).lift(asked("how much are fines"), scores, 0.0, pool=10, weight=0.0)
    assert np.array_equal(scores, np.ones(len(passages)))


def test_the_policy_carries_the_weight():
    assert Policy().retrieval.answer_kind > 0


def test_the_years_a_story_counts():
    told = "a supervisor for ten years, 10 yrs ago, over the next several years, 20 year old"
    assert years_told(told) == ["years", "yrs", "years", "year"]
    assert years_told("is it a 4 year program, or can i finish in 2 years") == []


RECYCLING = """
---
title: Recycling
---
## Electrical items
Small items such as kettles, phones and cables go in a bag beside the blue bin. Wipe old
phones before you put them out.

## Contact us
Our team answers on 01632 960 450, Monday to Friday from 8am to 6pm.
"""


def test_a_number_to_call_answers_phone_number_where_phones_are_recycled(make_knowledge):
    """The contact section never says "phone", the one on electrical items says it twice:
    asked for a number and nothing else, the section holding a number answers, and is not
    declined for lacking the question's words; asked about a phone, the other does."""
    bot = Bot.load(make_knowledge({"guides/recycling.md": RECYCLING}))
    for question in (
        "phone number?",
        "what is your phone number",
        "customer services phone number?",
    ):
        reply = bot.ask(question)
        assert reply.kind == "answer", question
        assert reply.sources[0].section == "Contact us", question
    assert bot.ask("can i recycle my old phone").sources[0].section == "Electrical items"


BINS = """
---
title: Bins Guide
---
This guide covers bin collections in the district.

## Bulky waste
We collect sofas and fridges. Book online or call 01632 960 400; collections cost £25.

## Contact us
Waste team: 01632 960 400, weekdays. Email waste@example.gov.uk. Out of hours: 01632 960 999.
"""

RENEWALS = """
- question: Can I renew by phone?
  answer: Yes, call 01632 480 210 on weekdays with your card number ready.
"""


def test_of_the_passages_giving_a_number_the_one_giving_most_kinds_of_way_answers(
    make_knowledge,
):
    """ "phone number?" names no service: the section giving a number and an address
    answers, not an entry on renewing by phone that BM25 ranks first; an entry asked for
    the number itself answers before both, and a guide left out is left out."""
    kb = make_knowledge(
        {
            "guides/bins.md": BINS.replace("01632 960 400, weekdays", "01632 480 210, weekdays"),
            "faq/renewals.yaml": RENEWALS,
        }
    )
    bot = Bot.load(kb)
    for question in ("phone number?", "whats your phone number", "email?"):
        assert bot.ask(question).sources[0].section == "Contact us", question
    (kb / "faq" / "phone.yaml").write_text(PHONE_ENTRY, encoding="utf-8")
    bot = Bot.load(kb)
    assert bot.ask("whats your phone number").sources[0].id == "faq/what-is-your-phone-number"
    assert bot.ask("email?").sources[0].section == "Contact us"


PHONE_ENTRY = """
- question: What is your phone number?
  answer: Call 01632 480 210 on weekdays.
"""


def test_an_email_address_is_not_a_web_address_too():
    assert held("Email waste@harrowby.gov.uk") == Kind.EMAIL
    assert held("See harrowby.gov.uk/bins") == Kind.WEB


def test_where_a_text_gives_a_number_or_an_email():
    from guidebot.search.answertypes import reach_at

    text = "Reception: 0117 496 0321. Events: events@hotel.example. In 2024 we moved."
    assert reach_at(text) == [(11, 24, Kind.PHONE), (34, 54, Kind.EMAIL)]
    assert text[34:54] == "events@hotel.example"
    assert reach_at("Call 105 in a power cut.") == [(0, 8, Kind.PHONE)]


@pytest.mark.parametrize(
    ("text", "holds"),
    [
        ("Opening 15 May: a retrospective of her landscapes.", True),
        ("Until 2 March, then on tour.", True),
        ("Closed 25 and 26 December.", True),
        ("From March 2 to April 4.", True),
        ("Shut on 12.03.2024.", True),
        ("You may be asked for ID.", False),  # "may", the verb
        ("Children under 12 may stay free.", False),
        ("Firmware 3.2.12 fixes it.", False),  # a version, not a day
        ("Sizes 10-12-14.", False),
        ("Open 10am to 5pm.", False),
        ("Since 2024.", False),
    ],
)
def test_a_day_of_the_year(text, holds):
    assert bool(held(text) & Kind.DATE) == holds


def test_when_something_opens_asks_a_time_of_day_or_a_day():
    assert asked("When does the Marguerite Dunn show open?") == Kind.CLOCK | Kind.DATE
    assert asked("what time do you open") == Kind.CLOCK
    assert asked("what date is the deadline") == Kind.DATE


MUSEUM = """
---
title: Wexcombe Museum
---
## Opening Times
The museum is open Tuesday to Sunday, 10am to 5pm, and until 8pm on Thursdays.

## Current Exhibitions
Until 2 March: Salt and Sail, on the harbour's trade. Opening 15 May: Marguerite Dunn:
Light on the Moor, the painter's first retrospective.
"""


def test_when_a_show_opens_is_answered_where_its_day_is_given(make_knowledge):
    """The opening times hold the times of day asked for and the word "open"; the
    exhibitions give the day the show named opens."""
    bot = Bot.load(make_knowledge({"guides/museum.md": MUSEUM}))
    reply = bot.ask("When does the Marguerite Dunn show open?")
    assert reply.sources[0].section == "Current Exhibitions"
    assert bot.ask("when do you open on thursdays").sources[0].section == "Opening Times"
