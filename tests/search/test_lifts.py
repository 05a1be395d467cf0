"""The last lifts of a ranking (search/lifts.py): each put one set of passages first only for
the questions it is for, and leaves the scores alone otherwise."""

from __future__ import annotations

import numpy as np

from guidebot.bot import Bot

GUIDE = """---
title: Harbour Bike Hire
---
We hire bikes by the hour and by the day from the harbour front.

## Prices

A city bike costs 5 pounds an hour or 20 pounds a day; an e-bike costs 9 pounds an hour.

## Contact us

Call 01632 960 111 or write to hire@example.org; the desk answers from 9am to 5pm.
"""


def _lifted(bot: Bot, question: str) -> tuple[bool, np.ndarray, np.ndarray]:
    """(whether one set of passages was put first, the scores before, after)."""
    retriever = bot.retriever
    query = retriever._queries.query(question)
    scores, baseline = retriever.score(query.weights)
    before = scores.copy()
    exact = retriever._lifts.apply(question, query, scores, baseline, retriever.idf)
    return exact, before, scores


def test_a_question_about_the_document_puts_its_summary_first(bot):
    exact, before, after = _lifted(bot, "what is this guide about")
    assert exact
    assert bot.passages[int(after.argmax())].id == "faq/guide-purpose"
    assert int(before.argmax()) != int(after.argmax())


def test_a_question_asking_only_for_a_contact_puts_the_contact_first(make_knowledge):
    bot = Bot.load(make_knowledge({"guides/hire.md": GUIDE}))
    exact, _, after = _lifted(bot, "what's your phone number")
    assert exact
    assert bot.passages[int(after.argmax())].section == "Contact us"


def test_a_topical_question_is_only_raised_never_put_first(bot, make_knowledge):
    exact, before, after = _lifted(bot, "salary for engineers")
    assert not exact and (after >= before).all()
    hire = Bot.load(make_knowledge({"guides/hire.md": GUIDE}))
    exact, before, after = _lifted(hire, "how much is an e-bike")
    assert not exact and (after >= before).all()
