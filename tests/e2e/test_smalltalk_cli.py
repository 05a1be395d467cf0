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
    "who wrote this",  # near an entry in meaning, which would only ask back
    "who am i talking to",  # "talk" names the document, as in "what does it talk about"
    "hello, is anyone there?",
    "can you help me with something",
    "thanks, that's kind of you",
]
QUESTIONS = [
    "what can I do with an AI master's in manufacturing",
    "thanks, and how long does the degree take?",
    "what jobs can you get",
    "can you help me with admission requirements",
    "thanks, that salary seems low for engineers",
    "thanks, that's not up to date",
    "ok that takes a year then",
    "thanks that helps is it any good",
    "is that correct",  # a verdict on the answer, asked
    "correct?",
    "can i ask a question about the gre",  # "gre", the guide's word, is no misspelt "are"
]
INSURER = """
- question: What does my home insurance policy cover?
  answer: Fire, flood, theft and accidental damage to the building and its contents.
- question: What is not covered?
  answer: Wear and tear, gradual damage and damage done on purpose.
- question: How do I make a claim?
  answer: Claim online with photos of the damage, and the police report for a theft.
"""


def kinds(messages: list[str], *options: str) -> dict[str, str]:
    """Each message asked in a conversation of its own (`/new` between them)."""
    result = run_guidebot("ask", "--json", *options, stdin="\n/new\n".join(messages) + "\n")
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


def test_the_weather_is_declined_as_live_information_with_topics_offered():
    """Asked after an answer too: the weather is no follow-up of a salary question."""
    stdin = "What's the average salary?\nwhat's the weather going to be like tomorrow\n2\n"
    result = run_guidebot("ask", "--json", stdin=stdin)
    assert result.returncode == 0, result.stderr
    _, weather, picked = (json.loads(line) for line in result.stdout.splitlines())
    assert (weather["kind"], weather["sources"]) == ("decline", [])
    assert weather["answer"].startswith("I can't look up live information")
    assert picked["kind"] == "answer"
    assert picked["sources"][0]["section"] == weather["suggestions"][1]


def test_an_faq_about_a_word_of_small_talk_answers_it(make_knowledge):
    """ "cover" is what the insurer's FAQ asks about (two entries name it); "help" is not.
    Either entry may be meant, so the FAQ answers or asks which, but small talk does not."""
    knowledge = make_knowledge({"faq/insurer.yaml": INSURER})
    messages = ["what do you cover", "what are you able to help with"]
    result = run_guidebot(
        "ask", "--json", "--knowledge", str(knowledge), stdin="\n/new\n".join(messages) + "\n"
    )
    cover, helping = (json.loads(line) for line in result.stdout.splitlines())
    assert helping["kind"] == "smalltalk"
    covering = {"What does my home insurance policy cover?", "What is not covered?"}
    if cover["kind"] == "clarify":
        assert set(cover["choices"]) == covering
    else:
        assert cover["kind"] == "answer" and cover["sources"][0]["section"] in covering


def test_a_help_desk_s_own_answer_to_small_talk_comes_before_ours(tmp_path):
    """Imported as support staff export it: the export's "Am I talking to a real person?"
    answers "are you a robot" with its phone number; its thanks stay ours."""
    export = tmp_path / "faq.csv"
    export.write_text(
        "Question,Answer\n"
        'Am I talking to a real person?,"No, this is our helper. A person: 01632 960 418."\n'
        "How do I book a boiler service?,Book online or call the office.\n",
        encoding="utf-8",
    )
    knowledge = tmp_path / "kb"
    assert run_guidebot("ingest", "--knowledge", str(knowledge), str(export)).returncode == 0
    messages = ["are you a robot", "thanks"]
    result = run_guidebot(
        "ask", "--json", "--knowledge", str(knowledge), stdin="\n/new\n".join(messages) + "\n"
    )
    assert result.returncode == 0, result.stderr
    robot, thanks = (json.loads(line) for line in result.stdout.splitlines())
    assert robot["kind"] == "answer" and "01632 960 418" in robot["answer"]
    assert robot["sources"][0]["question"] == "Am I talking to a real person?"
    assert thanks["kind"] == "smalltalk"


COMPLAINTS = [
    "thanks, that's not correct",
    "that's the wrong answer",
    "this answer is bad",
    "that is incorrect",
    "you misunderstood me",
    "thanks, none of that helped",
]
NO_COMPLAINTS = [
    "thanks, that's right",
    "no problem",
    "not bad",
    "thanks, that worked",
    "nothing wrong with that answer",
    "i gave the wrong answer",
]


def test_a_complaint_after_an_answer_is_apologised_for_and_names_that_answer():
    """Each message right after an answer, in a conversation of its own: a complaint gets
    the apology and names the answer it is about (kept as not helpful); praise does not."""
    question = "What's the average salary?"
    messages = COMPLAINTS + NO_COMPLAINTS
    stdin = "\n/new\n".join(f"{question}\n{m}" for m in messages) + "\n"
    result = run_guidebot("ask", "--json", stdin=stdin)
    assert result.returncode == 0, result.stderr
    replies = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["kind"] for r in replies[::2]] == ["answer"] * len(messages)
    got = {r["question"]: r for r in replies[1::2]}
    for text in COMPLAINTS:
        reply = got[text]
        assert (reply["kind"], reply["sources"]) == ("smalltalk", []), text
        assert reply["answer"].startswith("Sorry"), text
        assert reply["complaint"]["question"] == replies[0]["question"], text
    for text in NO_COMPLAINTS:
        assert got[text]["complaint"] is None, text
        assert not got[text]["answer"].startswith("Sorry"), text
