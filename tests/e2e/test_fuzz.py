"""Hypothesis: no question and no knowledge file can make guidebot raise or misbehave."""

from __future__ import annotations

import string
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guidebot.errors import KnowledgeError
from guidebot.knowledge.loader import load_knowledge
from guidebot.reply import KINDS

NASTY = st.sampled_from(
    ["[bold]", "[/]", "[link=http://x]", "\x00", "\x1b[31m", "😀", "日本語", "\u202e", "  "]
)
QUESTIONS = st.one_of(
    st.text(max_size=300),
    st.lists(
        st.one_of(NASTY, st.text(alphabet=string.ascii_letters, max_size=12)), max_size=30
    ).map(" ".join),
    st.just("x" * 10_000),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(question=QUESTIONS)
def test_any_question_gets_a_well_formed_reply(bot, question):
    conversation = bot.conversation()
    for _ in range(2):  # the second turn exercises follow-up and clarify handling
        reply = conversation.ask(question)
        assert reply.kind in KINDS
        assert isinstance(reply.answer, str) and reply.answer
        assert len(reply.question) <= 2000
        assert reply.abstained == (reply.kind == "decline")
        for source in reply.sources:
            assert source.section and source.id and source.score > 0


YAMLISH = st.text(alphabet=string.printable + "äé😀", max_size=400)


@settings(max_examples=100, deadline=None)
@given(faq=YAMLISH, guide=YAMLISH)
def test_loader_either_loads_or_reports_file_and_line(tmp_path_factory, faq, guide):
    root: Path = tmp_path_factory.mktemp("kb")
    (root / "faq").mkdir()
    (root / "guides").mkdir()
    (root / "faq" / "x.yaml").write_text(faq, encoding="utf-8")
    (root / "guides" / "g.md").write_text(guide, encoding="utf-8")
    try:
        kb = load_knowledge(root)
    except KnowledgeError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.path.startswith(str(root)) and problem.message
    else:
        assert kb.guides or kb.faqs
