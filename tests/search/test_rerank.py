"""The second stage's proximity lift (search/rerank.py, lift_phrases): a guide passage
writing the question's neighbouring words side by side is raised among BM25's best."""

from __future__ import annotations

import dataclasses

import numpy as np

from guidebot.bot import Bot
from guidebot.search.rerank import lift_phrases

CAREERS = """
---
title: Careers Guide
---
This guide describes careers in plant automation.

## Roles
Predictive maintenance specialists forecast machine failures from sensor data, so that
repairs happen before a breakdown stops the line.

## Demand
Employers want specialists of every kind: demand for predictive maintenance skills,
quality inspection and data work keeps rising among specialists in every plant.
"""


def _sections(bot: Bot, question: str) -> list[str]:
    return [h.passage.section for h in bot.retriever.search(question).hits]


def test_a_passage_writing_the_question_s_words_together_leads(make_knowledge):
    bot = Bot.load(make_knowledge({"guides/careers.md": CAREERS}))
    question = "what does a predictive maintenance specialist do"
    off = dataclasses.replace(bot.policy.retrieval, rerank_phrase=0.0)
    apart = bot.with_policy(dataclasses.replace(bot.policy, retrieval=off))
    # Words alone "Demand" says each word more often; only "Roles" writes them as one.
    assert _sections(apart, question)[0] == "Demand"
    assert _sections(bot, question)[0] == "Roles"


def _follows(written: set[tuple[int, str, str]]):
    return lambda row, a, b: (row, a, b) in written


def test_the_lift_scales_with_the_pairs_share_of_the_question_s_idf():
    scores = np.array([10.0, 9.0, 8.0, 0.0])
    prose = np.array([True, True, True, True])
    idf = {"predict": 2.0, "mainten": 2.0, "specialist": 1.0}.__getitem__
    follows = _follows({(1, "predict", "mainten"), (1, "mainten", "specialist")})
    terms = ["predict", "mainten", "specialist"]
    lift_phrases(scores, 0.0, terms, idf, follows, prose, pool=3, weight=0.5)
    # Row 1 writes both pairs: (min idf 2 + min idf 1) / (2 + 2 + 1) of the question.
    assert scores.tolist() == [10.0, 9.0 + 0.5 * 10.0 * 3 / 5, 8.0, 0.0]


def test_only_prose_in_the_pool_is_lifted_and_one_term_lifts_nothing():
    idf = {"a": 1.0, "b": 1.0}.__getitem__
    everywhere = _follows({(row, "a", "b") for row in range(4)})
    scores = np.array([4.0, 3.0, 2.0, 1.0])
    faq_entry = np.array([True, False, True, True])
    lift_phrases(scores, 0.0, ["a", "b"], idf, everywhere, faq_entry, pool=3, weight=0.5)
    assert scores.tolist() == [5.0, 3.0, 3.0, 1.0]  # row 1 is no prose, row 3 outside
    before = scores.copy()
    lift_phrases(scores, 0.0, ["a"], idf, everywhere, faq_entry, pool=3, weight=0.5)
    lift_phrases(scores, 0.0, ["a", "b"], idf, everywhere, faq_entry, pool=3, weight=0.0)
    assert np.array_equal(scores, before)
