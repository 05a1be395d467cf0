"""Questions naming a guide by a word of its title (search/guidenames.py)."""

import numpy as np
import pytest

from guidebot.bot import Bot
from guidebot.knowledge.loader import load_knowledge
from guidebot.knowledge.passages import build_passages
from guidebot.search.analysis import Analyzer
from guidebot.search.guidenames import GuideNames
from guidebot.search.introduction import introduction_rows
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


def _guides(passages):
    return np.array([p.guide for p in passages], dtype=object)


OPENING = POOL.replace("---\n\n## Opening hours", "---\n\nAll about our pool.\n\n## Opening hours")


def _two_guides(make_knowledge):
    root = make_knowledge({"guides/pool.md": OPENING, "guides/gym.md": GYM})
    passages = build_passages(load_knowledge(root))
    analyzer = Analyzer()
    names = GuideNames(
        passages,
        _guides(passages),
        introduction_rows(passages),
        analyzer.terms,
        set(analyzer.terms("guide")),
    )
    rows = {p.id: n for n, p in enumerate(passages)}
    return passages, names, rows, analyzer.terms("pool")[0]


def test_only_words_that_tell_the_guides_apart_name_one(make_knowledge):
    _, names, rows, pool = _two_guides(make_knowledge)
    analyzer = Analyzer()
    gym, riverside = analyzer.terms("gym")[0], analyzer.terms("riverside")[0]
    terms = [pool, gym, riverside]
    assert names.named_in(terms, rows["pool/opening-hours/1"]) == (pool,)
    assert names.named_in(terms, rows["gym/gym-rules/1"]) == (gym,)
    assert names.named_by([pool]) == {"pool"} and not names.named_by([pool, riverside])


def test_one_guide_names_nothing_and_changes_no_score():
    passages = build_passages(load_knowledge(KNOWLEDGE))
    analyzer = Analyzer()
    names = GuideNames(passages, _guides(passages), introduction_rows(passages), analyzer.terms)
    terms = analyzer.terms("AI master's degree careers in manufacturing")
    assert all(names.named_in(terms, row) == () for row in range(len(passages)))
    size = len(passages)
    scores = np.arange(size, dtype=float)
    names.lift(scores, 0.0, terms, lambda t: 1.0, lambda t: np.array([0]), 0.2)
    names.level(scores, dict.fromkeys(terms, 1.0), lambda w: (np.arange(size) % 7.0, 0.0))
    assert np.array_equal(scores, np.arange(size, dtype=float))


def test_levelling_gives_the_named_guide_s_passages_the_word_s_best_score_there(
    make_knowledge,
):
    passages, names, rows, pool = _two_guides(make_knowledge)
    size = len(passages)
    alone = np.arange(size, dtype=float)  # the word's score in each passage, alone
    scores = np.zeros(size)
    names.level(scores, {pool: 1.0}, lambda weights: (alone, 0.0))
    inside = [rows[i] for i in rows if i.startswith("pool/")]
    outside = [rows[i] for i in rows if i.startswith("gym/")]
    best = alone[inside].max()
    assert np.allclose(scores[inside] + alone[inside], best)
    assert not scores[outside].any()


def test_the_lift_raises_the_named_guide_but_its_opening_by_the_word_s_share(make_knowledge):
    passages, names, rows, pool = _two_guides(make_knowledge)
    scores = np.full(len(passages), 5.0)
    scores[rows["gym/opening-hours/1"]] = 10.0  # the best, 9 above the baseline
    # "pool" (rarity log((N+1)/1), held by no gym passage) beside a term of idf 1.
    holders = {pool: np.array([rows["pool/intro/1"], rows["pool/pool-rules/1"]])}
    names.lift(scores, 1.0, [pool, "open"], lambda t: 1.0, holders.__getitem__, 0.2)
    rarity = np.log(len(passages) + 1)
    gain = 0.2 * 9.0 * rarity / (rarity + 1.0)
    assert scores[rows["pool/opening-hours/1"]] == pytest.approx(5.0 + gain)
    assert scores[rows["pool/pool-rules/1"]] == pytest.approx(5.0 + gain)
    assert scores[rows["pool/intro/1"]] == 5.0  # about the guide as a whole: not lifted
    assert scores[rows["gym/opening-hours/1"]] == 10.0


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
