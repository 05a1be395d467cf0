"""Small talk through the real `guidebot ask --json`: questions about guidebot worded in
new ways, and thanks with a remark on the answer, against questions about the guide."""

from __future__ import annotations

import json

from tests.conftest import run_guidebot

SMALL_TALK = [
    "what are you able to help with",
    "what do you cover",
    "thx a lot, that cleared things up",
    "cheers mate that answers it",
    "ok great thank you that's all I needed",
]
QUESTIONS = [
    "what can I do with an AI master's in manufacturing",
    "thanks, and how long does the degree take?",
    "what jobs can you get",
    "can you help me with admission requirements",
    "thanks, that salary seems low for engineers",
]


def kinds(messages: list[str]) -> dict[str, str]:
    """Each message asked in a conversation of its own (`/new` between them)."""
    result = run_guidebot("ask", "--json", stdin="\n/new\n".join(messages) + "\n")
    assert result.returncode == 0, result.stderr
    replies = [json.loads(line) for line in result.stdout.splitlines()]
    return {r["question"]: r["kind"] for r in replies}


def test_small_talk_is_recognised_and_questions_are_answered():
    got = kinds(SMALL_TALK + QUESTIONS)
    assert {m: got[m] for m in SMALL_TALK} == dict.fromkeys(SMALL_TALK, "smalltalk")
    assert all(got[q] != "smalltalk" for q in QUESTIONS), got


def test_a_small_talk_reply_in_json_cites_nothing():
    result = run_guidebot("ask", "--json", "what are you able to help with")
    reply = json.loads(result.stdout)
    assert reply["kind"] == "smalltalk" and reply["sources"] == []
    assert reply["answer"].startswith("I answer questions about")
