"""Topics a question rules out do not drive its answer."""

from __future__ import annotations

import pytest

from guidebot.search.negation import less_ruled_out, ruled_out


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("I don't care about salary, how long does the degree take?", ["salary"]),
        ("not interested in the cost. what about admission?", ["the cost"]),
        ("forget the salary what jobs are there", ["the salary"]),
        ("other than python and sql, what else?", ["python"]),
        ("never mind the GRE but is a portfolio needed", ["the GRE"]),
        ("how long does it take?", []),
        ("I care about salary", []),
    ],
)
def test_the_span_ends_with_its_clause(text, spans):
    assert [span for _, span in ruled_out(text)] == spans


def test_a_ruled_out_topic_does_not_drive_the_answer(bot):
    reply = bot.ask("I don't care about salary, how long does the degree take?")
    assert reply.kind == "answer" and "How long" in reply.sources[0].section
    assert all("salary" not in s.section.lower() for s in reply.sources[:1])
    other = bot.ask("other than python, what skills do I need?")
    assert "skills" in other.sources[0].section.lower()


def test_ruling_out_every_word_leaves_the_question_as_it_was(bot):
    text = "never mind salary"
    assert list(bot.retriever.search(text, k=3).terms) == bot.retriever.understand(text)[0]


def test_terms_of_a_ruled_out_topic_are_dropped_unless_none_would_be_left():
    terms_of = str.split
    question = "I don't care about salary, how long does the degree take?"
    terms = ["care", "salary", "long", "degree", "take"]
    kept = less_ruled_out(question, terms, terms_of)
    assert "salary" not in kept and {"long", "degree", "take"} <= set(kept)
    assert less_ruled_out("not salary", ["salary"], terms_of) == ["salary"]
    assert less_ruled_out("how long is it", ["long"], terms_of) == ["long"]
