"""Reply as data: title, answer, choices and suggestions are fields; text and JSON compose them."""

from __future__ import annotations

import json

from guidebot.reply import KINDS, Reply, Source


def test_an_faq_answer_keeps_its_question_apart_and_text_joins_them(bot):
    reply = bot.ask("How much does the degree cost?")
    assert reply.kind == "answer" and reply.title.endswith("?")
    assert reply.title not in reply.answer
    assert reply.text == f"{reply.title}\n{reply.answer}"
    assert reply.to_dict()["answer"] == reply.text


def test_a_guide_answer_has_no_title(make_knowledge):
    from guidebot.bot import Bot
    from tests.conftest import GUIDE

    reply = Bot.load(make_knowledge({"guides/test.md": GUIDE})).ask("how much is tuition?")
    assert reply.kind == "answer" and reply.sources[0].section == "Costs"
    assert reply.title == "" and reply.text == reply.answer


def test_choices_and_suggestions_are_fields_not_lines_of_answer():
    clarify = Reply("requirements?", "Which topic did you mean?", "clarify", choices=("A", "B"))
    assert "\n" not in clarify.answer
    assert clarify.text == "Which topic did you mean?\n1. A\n2. B"
    decline = Reply("dog?", "Not covered. Nearby:", "decline", True, suggestions=("Costs",))
    assert decline.text == "Not covered. Nearby:\n- Costs"


def test_to_dict_is_plain_json_with_every_kind():
    source = Source(1, "g/costs", "A Guide", "Costs", "It costs $1.", 2.5)
    for kind in KINDS:
        data = Reply("q", "a", kind, sources=(source,)).to_dict()
        assert json.loads(json.dumps(data)) == data
        assert data["sources"][0]["guide"] == "A Guide"
