"""Informal spellings read as the words they stand for (search/informal.py), on their own
and through a small knowledge base written for these tests."""

from __future__ import annotations

import pytest

from guidebot.bot import Bot
from guidebot.search.informal import spelled_out
from guidebot.search.repairs import Repair, as_repaired


def never(word: str) -> bool:
    return False


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("avg pay w/ a masters", "average pay with a masters"),
        ("job growth thru 2032?", "job growth through 2032?"),
        ("how much math b4 i start", "how much math before i start"),
        ("Yrs to finish, W/O a degree", "years to finish, without a degree"),
        ("do you take amex", "do you take american express"),
        ("wat time r u open, wot about sundays", "what time r u open, what about sundays"),
        ("is there a loo, and is brekkie 5 quid", "is there a toilet, and is breakfast 5 pounds"),
        (
            "what time do you shut? the bar shuts at 11",
            "what time do you close? the bar closes at 11",
        ),
    ],
)
def test_informal_spellings_are_spelled_out(typed, read):
    out, repairs = spelled_out(typed, never)
    assert out == read
    assert all(not r.noted for r in repairs)
    assert as_repaired(typed, repairs).lower() == read.lower()  # what the word vectors read


@pytest.mark.parametrize(
    "text",
    [
        "see example.com/w/o and a.b4",  # inside an address
        "the 2yrs plan",  # inside a figure, left to the tokenizer
        "thrust avgas",  # inside a word
    ],
)
def test_a_spelling_inside_something_else_is_left_alone(text):
    assert spelled_out(text, never) == (text, [])


def test_a_spelling_the_knowledge_writes_itself_is_kept():
    out, repairs = spelled_out("info on msgs", lambda word: word == "info")
    assert out == "info on messages"
    assert repairs == [Repair("msgs", "messages", noted=False)]


def test_a_short_form_the_knowledge_names_in_its_synonyms_is_kept(make_knowledge):
    """A kitchen's "msg" is monosodium glutamate, not a message."""
    faq = (
        "- question: Is there monosodium glutamate in the soup?\n  answer: No, none at all.\n"
        "- question: Can I leave a message about the soup of the day?\n"
        "  answer: Yes, at the counter.\n"
    )
    root = make_knowledge(
        {"faq/menu.yaml": faq, "synonyms.yaml": "- [monosodium glutamate, msg]\n"}
    )
    reply = Bot.load(root).ask("any msg in the soup")
    assert reply.kind == "answer" and "none at all" in reply.answer


def test_an_address_keeps_its_short_form_in_what_the_word_vectors_read():
    typed = "info on fees, mail info@example.com or see example.com/info"
    out, repairs = spelled_out(typed, never)
    assert out == "information on fees, mail info@example.com or see example.com/info"
    assert as_repaired(typed, repairs) == out


def test_a_shortened_name_meets_the_knowledge_that_writes_it_out(make_knowledge):
    """ "do you take amex" at a shop that writes "American Express" is about paying, not a
    question on a word no passage uses."""
    guide = (
        "---\ntitle: Shop\n---\n## Paying\nWe take Visa and Mastercard but not American"
        " Express.\n\n## Opening hours\nWe take bookings from 9am.\n"
    )
    reply = (
        Bot.load(make_knowledge({"guides/shop.md": guide})).conversation().ask("do you take amex")
    )
    assert reply.kind == "answer" and reply.sources[0].section == "Paying"


def test_a_short_form_the_knowledge_writes_in_another_form_is_kept(make_knowledge):
    """A cafe writing "The loos are at the back" keeps "loo" as its own word, not "toilet",
    which it never writes; "w/" is still "with"."""
    guide = "---\ntitle: Cafe\n---\n## Facilities\nThe loos are at the back, past the counter.\n"
    retriever = Bot.load(make_knowledge({"guides/cafe.md": guide})).retriever
    assert retriever.understand("where is the loo")[1] == ["where", "is", "the", "loo"]
    assert "with" in retriever.understand("tea w/ milk")[1]
