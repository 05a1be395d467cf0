"""Informal spellings read as the words they stand for (search/informal.py), on their own
and through a small knowledge base written for these tests."""

from __future__ import annotations

import pytest

from guidebot.bot import Bot
from guidebot.search.informal import spelled_out
from guidebot.search.typos import Repair, as_repaired


def never(word: str) -> bool:
    return False


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("avg pay w/ a masters", "average pay with a masters"),
        ("job growth thru 2032?", "job growth through 2032?"),
        ("how much math b4 i start", "how much math before i start"),
        ("Yrs to finish, W/O a degree", "years to finish, without a degree"),
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
    out, repairs = spelled_out("info on pics", lambda word: word == "info")
    assert out == "info on pictures"
    assert repairs == [Repair("pics", "pictures", noted=False)]


FAQ = """
- question: What is the average salary with a master's degree?
  answer: Graduates earn about $90,000 a year on average.
- question: How many years does the programme take?
  answer: Two years full time, or three years part time.
- question: What do I need before I start?
  answer: Basic statistics and some programming.
"""


def test_a_question_in_texting_spellings_is_answered_without_a_note(make_knowledge):
    bot = Bot.load(make_knowledge({"faq/school.yaml": FAQ}))
    reply = bot.ask("avg salary w/ a masters?")
    assert reply.kind == "answer" and "90,000" in reply.answer
    assert not any(note.startswith("Read") for note in reply.notes)
    assert "statistics" in bot.ask("what do i need b4 i start").answer
    assert bot.retriever.search("yrs to finish").terms == ("year", "finish")
