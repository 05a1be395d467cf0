"""The examples that showed what guidebot answered badly, through the real `guidebot ask
--json` on the bundled guide as installed (with its built-in word vectors, no other model):
off-topic questions sharing a word with the guide are declined, misspelt thanks and
greetings are small talk, a ruled-out topic does not drive the answer, and two questions get
two cited answers.

The two off-topic questions still answered are strict expected failures: each shares a
word the guide's headings or synonyms use ("paid", "take"), which the word rules cannot tell
from an on-topic question, and the word vectors find each close to the entry it shares that
word with; the test fails, to be turned into a plain one, the day they are declined.
("party" beside "start" is declined since the FAQ entry it meets uses "start" in few of its
phrasings; "dog", too short to count as an unknown word, since the word vectors read it.)"""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_guidebot


def _ask(question: str) -> dict:
    result = run_guidebot("ask", "--json", "--no-log", question)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    "question",
    [
        "When does the concert start?",
        "Is the cafeteria good?",
        "Write me a poem about cats",
        "When does the party start?",
        "Can I bring my dog?",
    ],
)
def test_an_off_topic_question_sharing_an_everyday_word_is_declined(question):
    assert _ask(question)["kind"] == "decline"


class StillAnswered(AssertionError):
    """The expected failure itself, so that a crash of the command is no expected failure."""


@pytest.mark.xfail(raises=StillAnswered, strict=True, reason="answered without a sentence model")
@pytest.mark.parametrize(
    "question",
    [
        "How much do janitors get paid?",
        "How long does it take to become a pilot?",
    ],
)
def test_an_off_topic_question_the_word_rules_cannot_tell_apart(question):
    kind = _ask(question)["kind"]
    if kind != "decline":
        raise StillAnswered(f"{question!r} got {kind}")


@pytest.mark.parametrize("message", ["thnaks", "thanx", "tnx", "hii"])
def test_misspelt_thanks_and_greetings_are_small_talk(message):
    reply = _ask(message)
    assert reply["kind"] == "smalltalk" and not reply["sources"]


def test_a_ruled_out_topic_does_not_drive_the_answer():
    reply = _ask("I don't care about salary, how long does the degree take?")
    assert reply["kind"] == "answer"
    assert reply["sources"][0]["section"].startswith("How long does it take")


def test_two_questions_in_one_message_get_an_answer_each_with_its_citation():
    reply = _ask("what's the salary and how long does the program take?")
    first, second = reply["parts"]
    assert first["sources"][0]["section"].startswith("What is the average salary")
    assert second["sources"][0]["section"].startswith("How long does it take")
