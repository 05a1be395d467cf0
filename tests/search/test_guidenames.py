"""Questions naming a guide by a word of its title (search/guidenames.py)."""

import numpy as np

from guidebot.bot import Bot
from guidebot.knowledge.loader import load_knowledge
from guidebot.knowledge.passages import build_passages
from guidebot.search.analysis import Analyzer
from guidebot.search.guidenames import GuideNames
from tests.conftest import KNOWLEDGE

POOL = """---
title: Riverside swimming pool guide
---

## Opening hours

We open at 6:30am on weekdays and at 8am at weekends.

## Pool rules

Children under eight swim with an adult in the water.
"""
GYM = """---
title: Riverside gym guide
---

## Opening hours

Open from 6am to 10pm on weekdays and from 7am at weekends.

## Gym rules

Wear clean trainers and wipe down the machines after use.
"""


def test_only_words_that_tell_the_guides_apart_name_one(make_knowledge):
    root = make_knowledge({"guides/pool.md": POOL, "guides/gym.md": GYM})
    passages = build_passages(load_knowledge(root))
    analyzer = Analyzer()
    names = GuideNames(passages, analyzer.terms, set(analyzer.terms("guide")))
    rows = {p.id: n for n, p in enumerate(passages)}
    pool, gym = analyzer.terms("pool")[0], analyzer.terms("gym")[0]
    riverside = analyzer.terms("riverside")[0]
    terms = [pool, gym, riverside]
    assert names.named_in(terms, rows["pool/opening-hours/1"]) == (pool,)
    assert names.named_in(terms, rows["gym/gym-rules/1"]) == (gym,)


def test_one_guide_names_nothing_and_changes_no_score():
    passages = build_passages(load_knowledge(KNOWLEDGE))
    analyzer = Analyzer()
    names = GuideNames(passages, analyzer.terms)
    terms = analyzer.terms("AI master's degree careers in manufacturing")
    assert all(names.named_in(terms, row) == () for row in range(len(passages)))
    scores = np.arange(len(passages), dtype=float)
    names.lift(scores, 0.0, terms, lambda t: 1.0, lambda t: np.array([0]), 0.2)
    names.level(scores, dict.fromkeys(terms, 1.0), lambda w: (np.ones(len(passages)), 0.0))
    assert np.array_equal(scores, np.arange(len(passages), dtype=float))


def test_the_named_guide_s_section_leads_and_its_word_counts_as_found(make_knowledge):
    root = make_knowledge({"guides/pool.md": POOL, "guides/gym.md": GYM})
    retriever = Bot.load(root).retriever
    for question, guide in [("when does the pool open", "pool"), ("gym opening", "gym")]:
        result = retriever.search(question)
        assert result.best is not None
        assert result.best.passage.id == f"{guide}/opening-hours/1", question
        assert result.coverage == 1.0  # "pool" is not in the text, but in its guide's title


def test_within_the_named_guide_its_word_does_not_pull_to_the_heading_that_repeats_it(
    make_knowledge,
):
    """ "gym" is in "Gym rules", but every section of the gym's guide is about the gym: the
    question's other words choose among them."""
    root = make_knowledge({"guides/pool.md": POOL, "guides/gym.md": GYM})
    retriever = Bot.load(root).retriever
    result = retriever.search("weekend opening gym")
    assert result.best is not None and result.best.passage.id == "gym/opening-hours/1"
