"""Query expansion with word vectors (search/semantic/expansion.py): a question word the
knowledge never uses brings the knowledge's word nearest to it in meaning into the BM25
query, and nothing else does."""

from __future__ import annotations

import dataclasses
import json
from functools import partial
from pathlib import Path

import numpy as np
import pytest

from guidebot.bot import Bot
from guidebot.search.analysis import Analyzer
from guidebot.search.semantic.alignment import WordAlignment
from guidebot.search.semantic.expansion import expanded
from guidebot.search.semantic.load import load_model
from guidebot.search.semantic.model_dir import builtin_dir
from guidebot.search.semantic.nearwords import NearWords
from guidebot.search.semantic.wordvectors import WordVectors, pack
from tests.conftest import run_guidebot

# Unit vectors in seven dimensions: "sofa" is 0.8 from "furniture", "settee" 0.5 from it
# and far from the rest (the table stores them in eight bits: within 0.01).
VECTORS = {
    "sofa": [0.8, 0.6, 0.0, 0.0, 0.0, 0.0, 0.0],
    "furniture": [1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
    "settee": [0.5, 0.0, 0.0, 0.0, 0.866, 0.0, 0.0],
    "paint": [0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0],
    "one": [0.0, 0.6, 0.0, 0.0, 0.0, 0.0, 0.8],
    "two": [0.0, 0.6, 0.0, 0.0, 0.0, 0.0, 0.8],
    "tv": [0.8, 0.6, 0.0, 0.0, 0.0, 0.0, 0.0],
    "tvs": [1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
    "rid": [0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0],
    "couch": [0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0],
    "ok": [0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0],
    "about": [0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0],
    "three": [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0],
    "several": [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0],
}
FIELDS = [
    ("Bulky waste", "We collect furniture, tvs and two fridges, ok"),
    ("Paint", "Take paint to the tip to get rid of it, about three tins"),
]
ANALYZER = Analyzer()


@pytest.fixture(scope="module", params=["multiplied", "looked up"])
def alignment(tmp_path_factory, request) -> WordAlignment:
    """Each test runs with the question's words multiplied with the knowledge's, and looked
    up in near-word lists reaching down to 0.3 (nearwords.py): the answers must agree."""
    directory = tmp_path_factory.mktemp("table")
    words = list(VECTORS)
    table = pack(words, np.full(len(words), 10.0), np.array(list(VECTORS.values())), {})
    (directory / "word-vectors.npz").write_bytes(table)
    lists = partial(NearWords.build, reach=0.3) if request.param == "looked up" else None
    return WordAlignment(WordVectors.load(directory), FIELDS, lists)


def knows(term: str) -> bool:
    return any(term in ANALYZER.terms(f"{title} {body}") for title, body in FIELDS)


def expand(alignment, question: str, floor: float = 0.6, share: float = 0.5, weights=None):
    surface = question.split()
    if weights is None:
        weights = dict.fromkeys(ANALYZER.terms_of_words(surface), 1.0)
    return expanded(weights, surface, alignment, ANALYZER, knows, floor, share)


def test_a_word_the_knowledge_lacks_brings_its_nearest_word(alignment):
    found = expand(alignment, "rid of my old sofa")
    (furniture,) = ANALYZER.terms("furniture")
    assert found[furniture] == pytest.approx(0.5 * 0.8 * 1.0, abs=0.01)
    assert {t: w for t, w in found.items() if t != furniture} == dict.fromkeys(
        ANALYZER.terms("rid of my old sofa"), 1.0
    )


def test_the_added_weight_follows_the_word_s_own(alignment):
    (sofa,) = ANALYZER.terms("sofa")
    (furniture,) = ANALYZER.terms("furniture")
    found = expand(alignment, "rid sofa", weights={"rid": 1.0, sofa: 0.25})
    assert found[furniture] == pytest.approx(0.5 * 0.8 * 0.25, abs=0.01)


def test_a_message_of_no_word_the_knowledge_uses_is_left_as_it_is(alignment):
    """ "who wrote this" is small talk: stand-ins for every word would match it to an entry
    saying "write"; here "sofa" alone is not searched as "furniture"."""
    assert expand(alignment, "sofa") == dict.fromkeys(ANALYZER.terms("sofa"), 1.0)


def test_nothing_is_added_below_the_floor_or_for_words_the_knowledge_uses(alignment):
    assert expand(alignment, "rid settee") == dict.fromkeys(ANALYZER.terms("rid settee"), 1.0)
    # "tvs" is 0.8 from "furniture", but the knowledge uses it: searched as it is.
    assert expand(alignment, "rid tvs") == dict.fromkeys(ANALYZER.terms("rid tvs"), 1.0)


def test_a_term_already_asked_keeps_its_weight(alignment):
    """A topic ruled out weighs 0 in the query and stays 0, however near a word is to it."""
    (sofa,) = ANALYZER.terms("sofa")
    (furniture,) = ANALYZER.terms("furniture")
    weights = {"rid": 1.0, sofa: 1.0, furniture: 0.0}
    assert expand(alignment, "rid sofa furniture", weights=weights) == weights


def test_only_words_of_three_letters_or_more_and_no_stop_word_are_found(alignment):
    """ "couch" is nearest to "ok" (two letters) and "about" (a stop word), which the
    passages use: neither is a word to search for it."""
    assert alignment.nearest_words(["couch"], 0.6) == [None]
    assert expand(alignment, "rid couch") == dict.fromkeys(ANALYZER.terms("rid couch"), 1.0)


def test_no_figure_is_added(alignment):
    """ "several" is nearest to "three", a figure ("3") once analysed: no topic to search."""
    assert alignment.nearest_words(["several"], 0.6) == [("three", pytest.approx(1.0, abs=0.01))]
    weights = dict.fromkeys(ANALYZER.terms("rid several"), 1.0)
    assert expand(alignment, "rid several") == weights


def test_a_word_ruled_out_a_number_word_or_a_short_word_adds_nothing(alignment):
    (sofa,) = ANALYZER.terms("sofa")
    ruled_out = {"rid": 1.0, sofa: 0.0}
    assert expand(alignment, "rid sofa", weights=ruled_out) == ruled_out
    one = dict.fromkeys(ANALYZER.terms("rid one"), 1.0)
    assert expand(alignment, "rid one") == one  # "one" is near "two"; a figure is no topic
    assert expand(alignment, "rid tv") == dict.fromkeys(ANALYZER.terms("rid tv"), 1.0)


def test_off_without_a_share_or_an_alignment(alignment):
    weights = dict.fromkeys(ANALYZER.terms("sofa"), 1.0)
    assert expand(alignment, "sofa", share=0.0, weights=weights) is weights
    assert expanded(weights, ["sofa"], None, ANALYZER, knows, 0.6, 0.5) is weights


def test_nearest_words_are_looked_up_together(alignment):
    found = alignment.nearest_words(["sofa", "settee", "kubernetes", "sofa"], 0.6)
    near = ("furniture", pytest.approx(0.8, abs=0.01))
    assert found == [near, None, None, near]  # "kubernetes": not in the table
    assert alignment.nearest_words([], 0.6) == []
    with pytest.raises(ValueError, match="floor"):
        alignment.nearest_words(["sofa"], 0.0)


WASTE = """
---
title: Waste Guide
---

How bins and collections work.

## Bulky Waste Collections

We collect large household items such as furniture, fridges and mattresses. A collection
of up to three items costs £30.

## Garden Waste

Garden waste goes in the brown bin, collected every other Monday.
"""


def test_bm25_finds_the_passage_holding_the_near_word(make_knowledge):
    """With the built-in table, "sofa" (a word this guide never uses) searches for
    "furniture" too: by BM25 alone the bulky waste section gains and leads, the other
    passages holding "collect" gain only BM25+'s constant, and the hit's matched terms
    name the word found."""
    bot = Bot.load(make_knowledge({"guides/waste.md": WASTE}), encoder=load_model(builtin_dir()))
    config = bot.policy.retrieval
    off = bot.with_policy(
        dataclasses.replace(bot.policy, retrieval=dataclasses.replace(config, expansion_weight=0.0))
    )
    question = "can you collect an old sofa"
    hits = bot.retriever.search(question, boost=False).hits
    with_it = {h.passage.section: h.score for h in hits}
    without = {h.passage.section: h.score for h in off.retriever.search(question, boost=False).hits}
    bulky = "Bulky Waste Collections"
    gains = {section: with_it[section] - without[section] for section in without}
    others = [gain for section, gain in gains.items() if section != bulky]
    assert hits[0].passage.section == bulky and with_it.keys() == without.keys()
    # BM25+ gives every passage a constant for each query term: "furniture" adds one more.
    assert np.allclose(others, others[0]) and gains[bulky] > others[0] + 0.5
    (furniture,) = bot.retriever.analyzer.terms("furniture")
    assert furniture in hits[0].matched


DENTAL = Path(__file__).parents[1] / "fixtures" / "knowledge" / "dental"


def test_a_complaint_reaches_the_complaints_section_through_the_cli():
    """A newcomer's trial (nc31): "complain" is no word of the dental practice's guide,
    which says "complaints" (another stem), and "treatment" stands in three headings; the
    question was declined."""
    result = run_guidebot(
        "ask", "--knowledge", str(DENTAL), "--no-log", "--json",
        "i want to complain about my treatment",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    reply = json.loads(result.stdout)
    assert reply["kind"] == "answer"
    assert reply["sources"][0]["section"] == "Complaints and Feedback"
