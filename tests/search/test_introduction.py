"""Questions about the document as a whole go to its introduction (search.introduction),
through the real Bot; lexical, so no model is needed."""

from __future__ import annotations

import numpy as np

from guidebot.bot import Bot
from guidebot.search.introduction import introduction_rows, lift_introductions
from tests.conftest import GUIDE

RELATED = (
    GUIDE
    + """
## Related Articles
Other articles: how to pay for a degree, and choosing between campus and online study.
"""
)
OTHER = """
---
title: Second Guide
---
This second guide is about housing for students.

## Housing
Rooms near campus cost less when booked early.
"""
FAQ_ON_INTRO = """
- id: purpose
  question: What is this guide for?
  section: Test Guide
  answer: It tells applicants about costs and admission.
"""


def test_a_question_about_the_article_reads_its_opening_not_related_articles(make_knowledge):
    bot = Bot.load(make_knowledge({"guides/test.md": RELATED}))
    for question in ("what is this article about", "article?", "what is this guide about"):
        reply = bot.ask(question)
        assert reply.kind == "answer", question
        assert reply.sources[0].id == "test/intro/1", question
    # A word the guide never uses ("guide" here) is still about the guide.
    assert bot.ask("guide").sources[0].id == "test/intro/1"
    # A topic beside the document's name is a question about that topic.
    assert bot.ask("what does the article say about costs").sources[0].section == "Costs"


def test_an_faq_entry_on_the_introduction_may_answer_for_it(make_knowledge):
    """The introduction's passages are raised together, keeping their order, so the best
    of them (here the FAQ entry drawn from the introduction) leads."""
    bot = Bot.load(make_knowledge({"guides/test.md": RELATED, "faq/a.yaml": FAQ_ON_INTRO}))
    assert bot.ask("what is this article about?").sources[0].id == "faq/purpose"


def test_only_the_guides_asked_about_are_lifted(make_knowledge):
    bot = Bot.load(make_knowledge({"guides/test.md": RELATED, "guides/second.md": OTHER}))
    conversation = bot.conversation(guides=("second",))
    reply = conversation.ask("what is this guide about")
    assert {s.id.split("/")[0] for s in reply.sources} == {"second"}
    assert reply.sources[0].id == "second/intro/1"


def test_the_lift_keeps_order_and_leaves_ruled_out_rows_alone():
    scores = np.array([5.0, 1.0, 0.5, -np.inf, 0.0])
    rows = np.array([1, 2, 3])
    assert not lift_introductions(scores.copy(), 0.0, rows, ["cost"], {"guid"})
    assert not lift_introductions(scores.copy(), 0.0, rows, [], {"guid"})
    assert lift_introductions(scores, 0.0, rows, ["guid"], {"guid"})
    assert scores[1] > 5.0 > scores[2] > 0.0 and scores[3] == -np.inf
    assert scores[1] - scores[2] == 0.5  # raised together


def test_introduction_rows_are_the_opening_section_and_its_faq_entries(make_knowledge):
    bot = Bot.load(make_knowledge({"guides/test.md": RELATED, "faq/a.yaml": FAQ_ON_INTRO}))
    rows = introduction_rows(bot.passages).tolist()
    assert sorted(bot.passages[r].id for r in rows) == ["faq/purpose", "test/intro/1"]
