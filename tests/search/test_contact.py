"""A question asking only for a way to reach the knowledge's owner (search/contact.py)."""

import pytest

from guidebot import Bot
from guidebot.search.answertypes import Kind
from guidebot.search.contact import _labels, contact_only


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("phone number?", Kind.PHONE),
        ("what's your phone number", Kind.PHONE),
        ("how can i call you", Kind.PHONE),
        ("email address?", Kind.EMAIL),
        ("email address for customer services?", Kind.EMAIL),  # whom, not what about
        ("helpline phone number?", Kind.PHONE),
        ("phone number for bulky items", Kind.NONE),  # a topic beside the request
        ("phone number for the bins team", Kind.NONE),
        ("where are you based?", Kind.POSTAL),
        ("whats the postcode for the office", Kind.POSTAL),
        ("whats your postal address for sending a letter", Kind.POSTAL),  # "send", inflected
        ("where is the recycling centre", Kind.NONE),  # a place of the topic's, no address asked
        ("can i recycle my old phone", Kind.NONE),  # a phone, not a number to call
        ("how much is it", Kind.NONE),  # asks a kind, not a way to reach anyone
        ("how do i contact you", Kind.PHONE),  # any way to reach you: a number first
        ("how can i reach you?", Kind.PHONE),
        ("how do i get in touch", Kind.PHONE),
        ("can you contact my landlord", Kind.NONE),  # someone else
        ("i want to contact you about my bill", Kind.NONE),  # a topic beside the request
    ],
)
def test_a_request_for_a_way_to_reach_someone_and_nothing_else(question, kind):
    assert contact_only(question) == kind


DRIVING = """
---
title: Northfield Driving School
---
## Office opening hours
The office is open Monday to Friday, 9am to 5pm.

## Contact us
Phone 0113 496 0712 or email office@northfield.example. Office: Unit 4, Abbey Mills,
Kirkstall Road, Leeds LS5 3HP.

## Pick-up areas
Instructors pick you up anywhere in Leeds and Bradford.
"""


def test_where_the_office_is_is_answered_where_its_address_is_given(make_knowledge):
    """ "where is your office" meets the opening hours' heading on "office", yet asks where
    to go: the section giving the address answers, as it does "what's your address" (a word
    the knowledge never uses beside the phone and email) and "where are you based?"."""
    bot = Bot.load(make_knowledge({"guides/driving.md": DRIVING}))
    for question in ("where is your office", "what's your address", "where are you based?"):
        reply = bot.ask(question)
        assert reply.kind == "answer", question
        assert reply.sources[0].section == "Contact us", question
    assert bot.ask("when is the office open").sources[0].section == "Office opening hours"


HOTEL = """
---
title: Wharfside Hotel
---
## Luggage storage
Reception keeps your bags after check-out: ask at reception and give your room number.

## Contact us
The Wharfside Hotel, 41 Welsh Back, Bristol BS1 4RB.
Reception (24 hours): 0117 496 0321. Reservations (8am to 8pm): 0117 496 0322,
reservations@wharfside.example. Leisure club: 0117 496 0330.
"""


def test_a_number_asked_for_someone_named_is_the_one_under_their_label(make_knowledge):
    """ "phone number for reception" names a topic beside the request, so it is no request
    for a way alone; the luggage section says "reception" and "number" (a room's), yet the
    contact section gives reception's number under its label (contact._lift_labelled)."""
    bot = Bot.load(make_knowledge({"guides/hotel.md": HOTEL}))
    for question in ("phone number for reception", "email address for reservations"):
        reply = bot.ask(question)
        assert reply.kind == "answer", question
        assert reply.sources[0].section == "Contact us", question
    # a sentence naming someone is no label: "reception" here is who to ask
    taxis = "Taxis: if you would rather, ask reception for City Cabs' number: 0117 496 0999."
    assert not _labels(taxis, {"reception"}, Kind.PHONE)
    assert _labels("Reception (24 hours): 0117 496 0321.", {"reception"}, Kind.PHONE)
    # a word named in the singular under a label in the plural, and the other way round
    assert _labels("The claims line is 01584 660 318.", {"claim"}, Kind.PHONE)
    assert _labels("Booking line: 01584 660 319.", {"bookings"}, Kind.PHONE)
    # a word no label holds leaves the ranking to the words
    assert bot.ask("where do I leave my bags").sources[0].section == "Luggage storage"
