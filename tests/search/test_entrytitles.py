"""FAQ entries' title field weighed with the term's idf across passages (search.entrytitles)."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rank_bm25 import BM25Plus

from guidebot.bot import Bot
from guidebot.search.config import Bm25Params
from guidebot.search.entrytitles import shares, tempered
from guidebot.search.index import FieldIndex

WORDS = ["pay", "cash", "carer", "swim", "park"]
PARAMS = Bm25Params(variant="plus")


def test_share_is_the_idf_across_passages_over_the_title_idf():
    titles = [["pay", "cash"], ["prices"], ["carer"], ["park"]]
    bodies = [["card", "cash"], ["pay", "swim"], ["pay", "free"], ["pay", "machine"]]
    title, body = FieldIndex.build(titles, PARAMS), FieldIndex.build(bodies, PARAMS)

    def of(term: str) -> float:
        return float(shares(title, body)[title.terms[term]])

    # "pay": one title, three bodies of four passages
    assert of("pay") == pytest.approx(math.log(5 / 3) / math.log(5 / 1))
    assert of("carer") == 1.0  # no body says it: the title's idf is the one
    assert of("cash") == 1.0  # as many bodies as titles
    assert "swim" not in title.terms  # in no title: nothing to temper
    with pytest.raises(ValueError):
        tempered(title, body, np.ones(3, bool))
    okapi = Bm25Params(variant="okapi")
    as_is = FieldIndex.build(titles, okapi)
    assert tempered(as_is, FieldIndex.build(bodies, okapi), np.ones(4, bool)) is as_is


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(WORDS), min_size=1, max_size=5),
            st.lists(st.sampled_from(WORDS), max_size=8),
            st.booleans(),
        ),
        min_size=1,
        max_size=12,
    ),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=3, unique=True),
)
def test_an_entry_title_scores_as_rank_bm25_with_the_shared_idf(passages, query):
    titles, bodies, is_entry = (list(column) for column in zip(*passages, strict=True))
    title = FieldIndex.build(titles, PARAMS)
    scored = tempered(title, FieldIndex.build(bodies, PARAMS), np.array(is_entry))
    scores = np.zeros(len(titles))
    constant = scored.accumulate(scores, dict.fromkeys(query, 1.0), 1.5)
    reference = BM25Plus(titles, k1=PARAMS.k1, b=PARAMS.b, delta=PARAMS.delta)
    count = len(titles) + 1
    expected = np.full(len(titles), constant)
    for term in query:
        in_titles = sum(term in t for t in titles)
        if not in_titles:
            continue
        own = math.log(count / in_titles)
        across = math.log(count / max(in_titles, sum(term in b for b in bodies)))
        matched = 1.5 * (reference.get_scores([term]) - own * PARAMS.delta)
        expected += np.where(is_entry, across / own, 1.0) * matched
    np.testing.assert_allclose(scores, expected, atol=1e-9)


POOL = """---
title: Lakeside Pool Visitor Guide
---
Lakeside Pool is the town's public swimming pool and gym.

## Prices
A swim costs 5 pounds for adults and 3 pounds for children; members pay nothing.

## Membership
Members pay monthly by Direct Debit and can cancel with a month's notice.

## Accessibility
There is a hoist at the main pool and an accessible changing room. A carer who comes with a
disabled swimmer goes in free.

## Parking
The car park is free for three hours; after that drivers pay at the machine.
"""
POOL_FAQ = """
- question: Can I pay by cash?
  answer: Reception takes card and cash.
- question: Do I need a swimming cap?
  answer: Caps are not required but long hair must be tied back.
"""


def test_a_short_entry_no_longer_pulls_every_question_with_its_common_word(make_knowledge):
    from guidebot.search.semantic.load import load_model
    from guidebot.search.semantic.model_dir import builtin_dir

    root: Path = make_knowledge({"guides/pool.md": POOL, "faq/faq.yaml": POOL_FAQ})
    bot = Bot.load(root, encoder=load_model(builtin_dir()))
    question = "does my carer have to pay"
    assert bot.ask(question).sources[0].section == "Accessibility"
    # the title field's own idf makes "pay", in one question of six titles, look rare
    apart = replace(bot.policy.retrieval, entry_title_idf=False)
    plain = bot.with_policy(replace(bot.policy, retrieval=apart))
    assert plain.ask(question).sources[0].id == "faq/can-i-pay-by-cash"
    # asked in the entry's own words, the entry still answers
    for asked in ("can i pay by cash", "do you take cash"):
        assert bot.ask(asked).sources[0].id == "faq/can-i-pay-by-cash", asked
    # words alone the entry's wording has nothing else to count by: the title's own idf
    assert Bot.load(root).retriever.search(question).hits[0].passage.id == "faq/can-i-pay-by-cash"
