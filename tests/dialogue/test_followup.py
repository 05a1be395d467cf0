"""Messages that only offer another thing for the question before (alternatives.alternative),
and the topic they go on from across a chain of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from guidebot.bot import Bot
from guidebot.dialogue.alternatives import alternative
from guidebot.dialogue.conversation import Conversation
from guidebot.search.semantic.load import load_model
from guidebot.search.semantic.model_dir import builtin_dir
from guidebot.web.state import parse_state


@pytest.mark.parametrize(
    "message",
    [
        "and slack?",
        "what about github",
        "How about GitHub?",
        "and what about github?",
        "or on the mobile app?",
        "vs campus",
    ],
)
def test_an_opener_and_a_bare_phrase_offer_another_thing(message):
    assert alternative(message)


@pytest.mark.parametrize(
    "message",
    [
        "and is it free?",  # a verb: a question of its own
        "and how long?",
        "what about it?",  # points back at the last answer
        "slack?",  # no opener: a new short question, or a follow-up of another kind
        "what does slack cost",
        "and",
        "",
    ],
)
def test_a_message_saying_more_is_no_bare_alternative(message):
    assert not alternative(message)


def _tools_bot(make_knowledge) -> Bot:
    entries = (
        "- question: Which tools can I connect?\n"
        "  answer: You can connect Jira, GitHub and Asana from Settings.\n"
        "- question: How do I set up Slack notifications?\n"
        "  answer: Slack notifications are set up under Settings, Notifications.\n"
        "- question: How do I export my data?\n"
        "  answer: Use Reports, then Export, for a CSV file.\n"
    )
    return Bot.load(make_knowledge({"faq/tools.yaml": entries}))


def test_a_chain_of_alternatives_goes_on_from_the_question_that_began_it(make_knowledge):
    """ "and slack?" after "can i connect jira" is answered on its own (it names its own
    entry); "what about github", which read on from "and slack?" finds nothing to answer,
    asks the first question again, of GitHub, and the topic does not grow turn by turn."""
    conversation = _tools_bot(make_knowledge).conversation()
    assert conversation.ask("can i connect jira").sources[0].id == "faq/which-tools-can-i-connect"
    slack = conversation.ask("and slack?")
    assert slack.sources[0].id == "faq/how-do-i-set-up-slack-notifications"
    github = conversation.ask("what about github")
    assert github.kind == "answer" and github.sources[0].id == "faq/which-tools-can-i-connect"
    assert "slack" not in github.read_as.lower() and "slack" not in " ".join(github.notes).lower()
    assert conversation.state.pending_choices == []  # the first reading's decline is gone
    conversation.ask("and asana?")
    assert conversation.state.topic_question in {"can i connect jira", "and asana?"}
    assert conversation.state.base_question == "can i connect jira"


def test_an_alternative_that_moves_on_is_where_the_next_goes_on_from(make_knowledge):
    """ "and exporting data?" after "can i connect jira" moves to another subject:
    "what about csv?" goes on from exporting, as it reads, not back to connecting."""
    conversation = _tools_bot(make_knowledge).conversation()
    conversation.ask("can i connect jira")
    assert conversation.ask("and exporting data?").sources[0].id == "faq/how-do-i-export-my-data"
    reply = conversation.ask("what about csv?")
    assert reply.kind == "answer" and reply.sources[0].id == "faq/how-do-i-export-my-data"


def test_a_message_pointing_back_goes_on_from_the_alternative_answered(make_knowledge):
    """ "does it need setting up?" after "and slack?" asks about Slack: only a bare
    alternative may go back to the question before."""
    conversation = _tools_bot(make_knowledge).conversation()
    conversation.ask("can i connect jira")
    conversation.ask("and slack?")
    reply = conversation.ask("does it need setting up?")
    assert reply.sources[0].id == "faq/how-do-i-set-up-slack-notifications"


def test_the_question_a_chain_began_with_survives_the_web_round_trip(make_knowledge):
    bot = _tools_bot(make_knowledge)
    conversation = bot.conversation()
    conversation.ask("can i connect jira")
    conversation.ask("and slack?")
    sections, ids = {p.section for p in bot.passages}, {p.id for p in bot.passages}
    state = parse_state(conversation.state.to_dict(), sections, ids)
    resumed = bot.conversation(state)
    reply = resumed.ask("what about github")
    assert reply.sources[0].id == "faq/which-tools-can-i-connect"


def reading_meaning(root: Path) -> Conversation:
    """A conversation on the knowledge at root, reading meaning with the built-in vectors."""
    from guidebot.search.semantic.load import load_model
    from guidebot.search.semantic.model_dir import builtin_dir

    return Bot.load(root, encoder=load_model(builtin_dir())).conversation()


CLINIC = """---
title: Greenfield Animal Clinic
---
Greenfield Animal Clinic looks after cats, dogs and rabbits in the town.

## Neutering
We neuter pets that are not meant for breeding. Cats can be done from four months. For
dogs the age depends on breed and size, so the vet will tell you at a check; big breeds
often wait until they are fully grown.

## Vaccinations
Puppies and kittens have two first injections a few weeks apart, then a booster every year.
"""
CLINIC_FAQ = """
- id: cat-neutering-age
  question: How old should my cat be before neutering?
  answer: Cats can be neutered from four months old.
  alternates:
    - what age to neuter a cat
    - when can my kitten be neutered
- id: dog-vaccines
  question: How often does my dog need vaccinating?
  answer: Once a year, after the first two puppy injections.
"""


SHOP = """---
title: Fellside Outdoor Help
---
Fellside Outdoor sells outdoor clothing and camping gear online.

## Faulty items and guarantees
Everything we sell is covered for a year against manufacturing faults. Tents from our own
range carry a two-year guarantee, and our own waterproof jackets a three-year guarantee on
the seams.

## Repairs
Our workshop repairs tents and clothing: zips, patches and seams.
"""
SHOP_FAQ = """
- question: What guarantee do tents have?
  answer: Tents from our own range have a two-year guarantee against manufacturing faults.
  alternates: [tent warranty, how long is the warranty, is there a warranty on tents]
"""


@pytest.mark.parametrize(
    "knowledge, topic, entry, offered, answer",
    [
        # read in meaning with the question before, the entry on cats leads, yet says
        # nothing of dogs; the passage on neutering that does is the answer, not the dog's
        # vaccinations, which leave the topic
        (
            {"guides/clinic.md": CLINIC, "faq/faq.yaml": CLINIC_FAQ},
            "when can my kitten be neutered",
            "faq/cat-neutering-age",
            "what about a dog?",
            "clinic/neutering/1",
        ),
        # no passage names jackets and a warranty, but the section on guarantees names
        # jackets, and "guarantee" stands in for "warranty" (Policy.followup_stand_in_cosine)
        (
            {"guides/shop.md": SHOP, "faq/faq.yaml": SHOP_FAQ},
            "what's the warranty on tents",
            "faq/what-guarantee-do-tents-have",
            "and on jackets?",
            "shop/faulty-items-and-guarantees/1",
        ),
    ],
)
def test_the_other_thing_offered_is_in_the_answer_with_the_topic(
    make_knowledge, knowledge, topic, entry, offered, answer
):
    conversation = reading_meaning(make_knowledge(knowledge))
    assert conversation.ask(topic).sources[0].id == entry
    reply = conversation.ask(offered)
    assert reply.read_as == f"{topic} — {offered}"
    assert reply.kind == "answer" and reply.sources[0].id == answer


@pytest.mark.parametrize(
    "topic, offered, answer",
    [
        # no passage speaks of cats' vaccinations: the dog's entry stays, not the
        # neutering section that names both animals but no vaccination
        ("how often does my dog need vaccinating", "and for cats?", "faq/dog-vaccines"),
        ("how often does my dog need vaccinating", "what about a rabbit?", "faq/dog-vaccines"),
    ],
)
def test_the_other_thing_does_not_lead_away_from_the_topic(make_knowledge, topic, offered, answer):
    conversation = reading_meaning(
        make_knowledge({"guides/clinic.md": CLINIC, "faq/faq.yaml": CLINIC_FAQ})
    )
    conversation.ask(topic)
    reply = conversation.ask(offered)
    assert not reply.sources or reply.sources[0].id == answer, reply.sources[0].id


INSURER = """---
title: Hearth Home Cover
---
Hearth insures homes and their contents.

## Making a claim
Start a claim online at any time, or call our claims line on 0800 046 2290. The claims line
is open Monday to Friday 8am to 8pm. If your home is not secure, use the emergency line
instead.

## Emergency help
A locksmith or plumber is sent for a burst pipe or a broken lock. The emergency line,
0800 046 2299, is open 24 hours a day, every day of the year.
"""


def test_another_kind_of_the_topics_thing_is_answered_without_the_kind_it_replaces(
    make_knowledge,
):
    """ "the emergency line" replaces "the claims line" (the same word after another): the
    section on claims, which says to use the emergency line instead, holds both kinds and
    leads; the one on emergency help answers (alternatives._modifier_replaced)."""
    conversation = reading_meaning(make_knowledge({"guides/cover.md": INSURER}))
    topic = "when is the claims line open"
    assert conversation.ask(topic).sources[0].id == "cover/making-claim/1"
    reply = conversation.ask("and the emergency line?")
    assert reply.read_as == f"{topic} — and the emergency line?"
    assert reply.sources[0].id == "cover/emergency-help/1"


DENTAL_FAQ = """
- question: How much is teeth whitening?
  answer: Home whitening with custom trays costs 350 pounds. It is not available on the NHS.
- question: How much does an NHS check-up cost?
  answer: An NHS check-up is a band 1 treatment and costs 27 pounds 40.
- question: Are you taking on new NHS patients?
  answer: We take new NHS patients for children only; adults can join as private patients.
- question: Can my child get braces on the NHS?
  answer: Children under eighteen whose teeth need it get braces on the NHS free.
"""
WHITENING_GUIDE = """---
title: Meadow Dental
---
Meadow Dental treats adults and children on Mill Street.

## Tooth whitening
We whiten teeth at home with trays made for you and two weeks of gel; you need an
examination first, and teeth can feel sensitive for a few days.
"""


def test_an_explicit_follow_up_is_asked_of_the_topic_though_its_word_names_other_entries(
    make_knowledge,
):
    """ "is it on the nhs?" after the whitening question: the entries named for the NHS lead
    for the word alone, but the follow-up asks it of whitening (followup._toward_the_topic)."""
    from guidebot.dialogue.policy import default_policy
    from guidebot.search.semantic.load import load_model
    from guidebot.search.semantic.model_dir import builtin_dir

    root = make_knowledge({"guides/dental.md": WHITENING_GUIDE, "faq/dental.yaml": DENTAL_FAQ})
    bot = Bot.load(root, default_policy(word_level=True), encoder=load_model(builtin_dir()))
    chat = bot.conversation()
    assert chat.ask("how much is whitening").kind == "answer"
    reply = chat.ask("is it on the nhs?")
    assert reply.kind == "answer" and reply.read_as
    assert reply.sources[0].question == "How much is teeth whitening?"
    alone = bot.retriever.search("is it on the nhs?").best  # the NHS's own entries lead
    assert alone is not None and alone.passage.question != "How much is teeth whitening?"


INVOICING_GUIDE = """---
title: Ledgerly Help
---
Ledgerly sends invoices and tracks what clients pay.

## Branding your invoices
Upload your logo under Settings and it appears at the top of every invoice you send.

## Exporting your data
Download invoices and payments as CSV files, or send them straight to Xero or QuickBooks
from the same page.

## Resetting your password
Use the link on the sign-in page; it stays valid for an hour.
"""


def test_a_name_of_the_knowledge_held_elsewhere_is_no_follow_up(make_knowledge):
    """ "does it integrate with xero?" says "it" for the product: after a question about
    logos it asks about Xero, which only the export section names; read with the topic, the
    branding section led (followup._names_elsewhere)."""
    root = make_knowledge({"guides/ledgerly.md": INVOICING_GUIDE})
    chat = reading_meaning(root)
    assert chat.ask("can i put my logo on invoices?").sources[0].section == (
        "Branding your invoices"
    )
    reply = chat.ask("does it integrate with xero?")
    assert reply.kind == "answer" and not reply.read_as
    assert reply.sources[0].section == "Exporting your data"


TRANSIT_GUIDE = """---
title: Harbourview Transit
---
Harbourview Transit runs the city's buses and ferries.

## Lost property
Items left on a bus or ferry go to the lost property office at Central Station, which
keeps them for 30 days before they are given to charity.

## Fare cards
Top up your fare card online or at any ticket machine; the smallest top-up is $10.

## Keeping your bike safe
Lock your bike at the racks by each station; we keep no spare locks.
"""


def test_a_follow_up_is_read_on_from_the_topic_as_read_with_its_typos_repaired(
    make_knowledge,
):
    """The note and the log quote the topic as guidebot read it ("lost"), not as typed
    ("lsot"): support staff turn logged follow-ups into FAQ questions."""
    chat = reading_meaning(make_knowledge({"guides/transit.md": TRANSIT_GUIDE}))
    first = chat.ask("lsot my wallet on the ferry")
    assert first.sources[0].section == "Lost property" and first.notes
    reply = chat.ask("how long do you keep it")
    assert reply.read_as == "lost my wallet on the ferry — how long do you keep it"
    assert "(following on from: lost my wallet on the ferry)" in " ".join(reply.notes)


FARES_GUIDE = """---
title: Harbourview Transit
---
Harbourview Transit runs the city's buses and ferries.

## Fares
A single fare is $2.75 with a fare card and $3.25 in cash. A day pass costs $9.00 and
covers every bus and ferry until the end of service.

## Lift outages
When a station lift is out of order, call us and we pay for a taxi to the next station
with a working lift.
"""


def test_another_thing_offered_that_the_answer_never_names_is_declined(make_knowledge):
    """ "and a taxi to the airport?" after the single fare: read with the fare question, the
    fares section leads though it names no taxi, which another section names; it would
    answer a taxi's price with the bus fare. Offered things the answer names are answered.
    (Things named nowhere are left to meaning: "what about in winter" after a recycling
    centre's hours is answered from the months they give.)"""
    root = make_knowledge({"guides/transit.md": FARES_GUIDE})
    chat = reading_meaning(root)
    assert chat.ask("how much is a single fare").sources[0].section == "Fares"
    assert chat.ask("and a taxi to the airport?").kind == "decline"
    chat = reading_meaning(root)
    chat.ask("how much is a single fare")
    reply = chat.ask("and a day pass?")
    assert reply.kind == "answer" and reply.sources[0].section == "Fares"


PRICES = """
---
title: Leisure centre
---
## Swimming lessons
Children's lessons run on Saturdays. A term of ten lessons costs £65 for children aged 4 to
12 and £80 for adults.

## Lockers
Lockers take a returnable coin. Please leave valuables at home.
"""


@pytest.mark.parametrize("encoder", ["none", "builtin"])
@pytest.mark.parametrize("followup", ["and the minimum age?", "whats the minimum?", "and the max?"])
def test_a_minimum_asked_after_a_topic_is_asked_of_it(make_knowledge, encoder, followup):
    """ "whats the minimum?" names nothing the knowledge holds: after a question on lessons
    it asks the lessons' minimum, answered by the passage giving their figures, not
    declined as a question of its own. On lockers, which give no figure, it is declined."""
    root = make_knowledge({"guides/centre.md": PRICES})
    chat = _conversation(root, encoder)
    assert chat.ask("how much are swimming lessons").sources[0].section == "Swimming lessons"
    reply = chat.ask(followup)
    assert reply.kind == "answer" and reply.sources[0].section == "Swimming lessons"
    chat = _conversation(root, encoder)
    assert chat.ask("do the lockers need a coin").sources[0].section == "Lockers"
    assert chat.ask("whats the minimum?").kind == "decline"


TREATMENTS = """---
title: Dental practice
---
## Crowns
A crown is a cap over a damaged tooth, made in our lab and fitted at a second visit.

## Fillings
We use white fillings that match your teeth.

## Fees
- Treatment: Check-up; Price: £55
- Treatment: Crown; Price: from £595
- Treatment: White filling; Price: from £120
"""


@pytest.mark.parametrize("encoder", ["none", "builtin"])
@pytest.mark.parametrize("followup", ["how much is that?", "and how much?"])
def test_a_price_asked_of_a_topic_whose_passage_gives_none_comes_from_one_that_does(
    make_knowledge, encoder, followup
):
    """ "how much is that?" after the crowns section asks a crown's price, which the fees
    list gives beside the word "crown": it answers, not declines, and from that list."""
    chat = _conversation(make_knowledge({"guides/practice.md": TREATMENTS}), encoder)
    assert chat.ask("tell me about crowns").sources[0].section == "Crowns"
    reply = chat.ask(followup)
    assert reply.kind == "answer" and reply.sources[0].section == "Fees"


MICROCHIP_GUIDE = """
---
title: Clinic help
---
## Neutering
We neuter cats from 4 months and dogs from 6 months; large breeds may wait longer. Dog
neutering is priced by weight: ask reception for a quote.

## Vaccinations
Dogs and cats need a primary course and then a yearly booster.

## Boarding
Cats stay in our cattery, dogs in partner kennels nearby.
"""

MICROCHIP_FAQ = """
- id: neuter-cat
  question: When should I neuter my cat?
  answer: From 4 months old. Castration of a male cat costs £120, a spay £180.
- id: dog-vaccination
  question: How much is a dog vaccination?
  answer: A primary course for a dog is £75 and a yearly booster £52.
- id: board-dogs
  question: Do you board dogs?
  answer: We board cats and small pets only; for dogs we can recommend local kennels.
- id: microchip
  question: How much is microchipping for a dog?
  answer: £25 for a dog, a cat or a rabbit.
- id: saturdays
  question: Do you see dogs and cats on Saturdays?
  answer: Yes, dogs and cats are seen on Saturday mornings.
"""


def test_another_thing_offered_is_asked_with_the_rest_of_the_topic(make_knowledge):
    """ "and a dog?" after "how much to neuter my cat": alone and read with the topic, the
    entry on a dog's microchip leads (it names dogs and cats); the section on neutering
    that speaks of dogs holds the thing offered and the rest of the topic, so it answers."""
    knowledge = make_knowledge(
        {"guides/clinic.md": MICROCHIP_GUIDE, "faq/clinic.yaml": MICROCHIP_FAQ}
    )
    chat = reading_meaning(knowledge)
    assert chat.ask("how much to neuter my cat").sources[0].id == "faq/neuter-cat"
    reply = chat.ask("and a dog?")
    assert reply.kind == "answer" and reply.sources[0].section == "Neutering"
    assert reply.read_as  # answered as a follow-up, and said so


PHARMACY = """
---
title: Clinic help
---
## Repeat medication
Order repeat prescriptions online or by phone; they are ready to collect after 48 hours.

## Registering a new pet
Fill in the form at reception and bring any vaccination records you have.

## Dental care
A scale and polish is done under anaesthetic; your pet goes home the same day.
"""


@pytest.mark.parametrize("encoder", ["none", "builtin"])
def test_a_follow_up_asking_only_how_long_is_asked_of_the_topic(make_knowledge, encoder):
    """ "and how long does it take?" names nothing but a length of time ("take" is among
    English's commonest words): the topic's passage, which gives 48 hours, answers it."""
    chat = _conversation(make_knowledge({"guides/clinic.md": PHARMACY}), encoder)
    assert chat.ask("how do i order repeat prescriptions").sources[0].section == "Repeat medication"
    reply = chat.ask("and how long does it take?")
    assert reply.kind == "answer" and reply.sources[0].section == "Repeat medication"


BUSES = """
---
title: City buses
---
## Tickets for visitors
A day pass costs £5 and is valid on every bus until midnight.

## Tickets for commuters
A monthly pass costs £60. Buy it at the travel centre or in the app.

## Choosing a ticket
A day pass suits visitors on a short stay. Commuters save with a monthly pass, which pays
for itself after twelve days.
"""


def test_the_word_a_follow_up_repeats_is_not_the_one_it_replaces(make_knowledge):
    """ "and a monthly pass?" after "how much is a day pass" replaces "day", not "pass" (the
    nearest of the topic's words in meaning, being the same word): the commuters' section
    with the monthly price answers, not the one that names day and monthly passes."""
    chat = reading_meaning(make_knowledge({"guides/buses.md": BUSES}))
    assert chat.ask("how much is a day pass").sources[0].section == "Tickets for visitors"
    assert chat.ask("and a monthly pass?").sources[0].section == "Tickets for commuters"


CENTRE = """
---
title: Leisure centre
---
## Swimming lessons
Children's lessons run on Saturdays from 9am. A term of ten lessons costs £65.

## Parking
Parking is free for members. Room 2 is the office.

## Gym membership
Gym membership is £30 a month. Inductions take 45 minutes.
"""


@pytest.mark.parametrize(
    ("topic", "followup"),
    [
        ("how much are swimming lessons", "and when does the library open?"),  # names a thing
        ("is parking free", "whats the minimum?"),  # a room's number is no minimum
    ],
)
def test_a_follow_up_naming_a_thing_or_finding_no_figure_is_declined(
    make_knowledge, topic, followup
):
    chat = Bot.load(make_knowledge({"guides/centre.md": CENTRE})).conversation()
    assert chat.ask(topic).kind == "answer"
    assert chat.ask(followup).kind == "decline"


def _conversation(root: Path, encoder: str) -> Conversation:
    """A conversation on root reading meaning ("builtin") or by its words alone ("none")."""
    return reading_meaning(root) if encoder == "builtin" else Bot.load(root).conversation()


@pytest.mark.parametrize("encoder", ["none", "builtin"])
def test_a_minimum_another_passage_mentions_is_still_asked_of_the_topic(make_knowledge, encoder):
    """The lockers' "minimum deposit" holds the follow-up's one word; it asks the minimum of
    the lessons all the same."""
    lockers = "Lockers take a returnable coin. Please leave valuables at home."
    guide = PRICES.replace(lockers, "Lockers take a coin; the minimum deposit is one coin.")
    chat = _conversation(make_knowledge({"guides/centre.md": guide}), encoder)
    assert chat.ask("how much are swimming lessons").sources[0].section == "Swimming lessons"
    assert chat.ask("whats the minimum?").sources[0].section == "Swimming lessons"


ENERGY = """---
title: Energy Help
---
## Power cuts
We do not run the cables to your home, so we cannot fix a power cut. Call 105 free from any
phone to reach your local network operator.

## Home visits
An engineer can visit your home to check a meter. Call before 10:30am to book one that
day.

## Opening hours
Our lines are open Monday to Friday, 8am to 8pm.

## Contact us
Call 0330 912 4480, email help@energy.example or write to PO Box 4471, Leeds LS1 9BW.
"""


def test_a_question_asking_only_for_a_kind_goes_on_from_the_answer_before(make_knowledge):
    """ "what number do I call?" and "what time do I need to call by?" name nothing but the
    kind of answer they want; after an answer, they ask it of that answer's topic (105 for
    a power cut, the morning's cut-off for a home visit), though each alone is answered
    from the contact section and the opening hours (read with the built-in word vectors,
    as `guidebot ask` reads)."""
    bot = Bot.load(make_knowledge({"guides/energy.md": ENERGY}), encoder=load_model(builtin_dir()))
    assert bot.ask("what number do I call?").sources[0].section == "Contact us"
    conversation = bot.conversation()
    assert conversation.ask("my power is off").sources[0].section == "Power cuts"
    reply = conversation.ask("what number do I call?")
    assert reply.kind == "answer" and reply.sources[0].section == "Power cuts"
    conversation = bot.conversation()
    assert conversation.ask("can an engineer visit my home?").sources[0].section == "Home visits"
    reply = conversation.ask("what time do I need to call by?")
    assert reply.kind == "answer" and reply.sources[0].section == "Home visits"


BROADBAND = """---
title: Harbourline Help
---
Harbourline sells broadband and phone lines.

## Complaints and the ombudsman
Tell us what went wrong by phone or in writing. We aim to reply within 10 working days;
after eight weeks you can go to the ombudsman for free.

## Moving home
Tell us a month before you move and we take care of the rest. It takes about two weeks to
set up your line at the new address.

## Slow speeds
Restart the router and test the speed with a cable.
"""


def test_an_answer_found_by_meaning_alone_leaves_its_heading_as_the_topic(make_knowledge):
    """ "how do I complain": no passage says "complain" (they say "complaints"), so the
    answer comes from meaning, and its own terms would leave nothing for the next turn to
    go on from; the heading it was answered from does (followup.remembered_terms)."""
    chat = reading_meaning(make_knowledge({"guides/help.md": BROADBAND}))
    first = chat.ask("how do I complain")
    assert first.kind == "answer"
    assert first.sources[0].section == "Complaints and the ombudsman"
    reply = chat.ask("how long do you take to sort it out")
    assert reply.read_as, "read on from the complaint"
    assert reply.sources[0].section == "Complaints and the ombudsman"


HIRE = """---
title: Kestrel Hire
---
Kestrel hires cars and vans from four branches.

## Mileage limits
Cars come with 150 free miles a day. Each extra mile costs 25p, charged when you return it.

## Cancellation
Cancel up to 48 hours before collection for a full refund.

## Taking a car abroad
Cars may go to France and Belgium with a letter from the branch.
"""


def test_a_follow_up_naming_nothing_asks_about_its_topic(make_knowledge):
    """ "and if i go over?" shares no word with the mileage section, and every word of it is
    everyday English (followup.names_nothing): it asks about the limit just given, so its
    words cannot say it is about something else. A follow-up naming a thing still can."""
    chat = reading_meaning(make_knowledge({"guides/hire.md": HIRE}))
    assert chat.ask("how many miles a day do i get").sources[0].section == "Mileage limits"
    reply = chat.ask("and if i go over?")
    assert reply.kind == "answer" and reply.read_as
    assert reply.sources[0].section == "Mileage limits"
    assert chat.ask("and what about my cat?").kind == "decline"


PET_INSURER = """---
title: Bramble Pet Insurance
---
We insure cats, dogs and rabbits.

## Cancelling your policy
You can cancel at any time by phone. After the first 14 days we keep a £20 admin fee and
refund the rest of the year's premium.

## What vet fees cover
Vet fees cover consultations, surgery, medicines and hospital stays; fees for food and
grooming are not covered.
"""


def test_asking_whether_there_is_something_goes_on_from_the_topic(make_knowledge):
    """ "is there a fee" after cancelling asks about a fee for cancelling, though "fee"
    names another heading; "what fees are there" asks for fees in general, and so does the
    same question asked first."""
    root = make_knowledge({"guides/insurer.md": PET_INSURER})
    chat = reading_meaning(root)
    assert chat.ask("can i cancel my policy anytime").sources[0].section == (
        "Cancelling your policy"
    )
    reply = chat.ask("is there a fee")
    assert reply.read_as and reply.sources[0].section == "Cancelling your policy"
    chat = reading_meaning(root)
    chat.ask("can i cancel my policy anytime")
    assert not chat.ask("what vet fees are there").read_as


CAMPSITE = {
    "guides/camp.md": """---
title: Riverside Campsite
---
Riverside Campsite is a family campsite by the river with grass and hardstanding pitches.

## Electric Hook-Up
Most pitches have a 10 amp electric hook-up. A pitch with hook-up costs £8 a night extra
on top of the pitch fee.

## Pitch prices
A grass pitch costs £22 a night for two adults. Hardstanding pitches cost £26 a night.

## Dogs
Dogs are welcome on a lead. Dogs cost £2 a night each.
""",
    "faq/faq.yaml": """
- question: How much is a pitch?
  answer: A grass pitch is £22 a night for two adults; hardstanding £26.
  section: Pitch prices
  alternates: [prices, price, cost]
""",
}


@pytest.mark.parametrize(
    "followup",
    ["and what is the price of it", "how much is a pitch with it", "what about the cost"],
)
def test_an_entrys_words_with_it_after_a_topic_are_asked_of_the_topic(make_knowledge, followup):
    """ "and what is the price of it" is the entry "price" with function words around it,
    which asked alone counts as its own wording; read on from electric hook-up, the "it" is
    the hook-up's, so the hook-up's price answers (search.faqmatch's trimming applies only to
    a question read alone)."""
    chat = reading_meaning(make_knowledge(CAMPSITE))
    assert chat.ask("do you have electric hook-up").sources[0].section == "Electric Hook-Up"
    reply = chat.ask(followup)
    assert reply.read_as and reply.sources[0].section == "Electric Hook-Up"


POOL = {
    "guides/pool.md": """---
title: Pool
---
# Pool

## Parking

Our car park has 85 spaces. Parking is free for up to three hours for customers: enter
your registration at reception.

## Swimwear

Wear proper swimwear in the pool; long hair must be tied back or under a cap.

## Prices

A swim costs £5.20 for adults and £3.10 for children.
"""
}


def test_a_question_asking_only_how_long_goes_on_from_the_topic(make_knowledge):
    """ "how long for?" after parking asks how long parking lasts: alone, its "long" meets
    "long hair" in the swimwear section, which is nothing it names (kindonly.cue_words)."""
    bot = Bot.load(make_knowledge(POOL), encoder=load_model(builtin_dir()))
    conversation = bot.conversation()
    conversation.ask("where can i park")
    reply = conversation.ask("how long for?")
    assert reply.read_as and reply.sources[0].section == "Parking"
