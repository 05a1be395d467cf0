"""A word naming the document in a phrase the knowledge writes (search/phrases.py): "guide
dog" is about the section saying "Guide dogs", not the guide."""

from __future__ import annotations

import numpy as np
import pytest

from guidebot.bot import Bot
from guidebot.dialogue.policy import default_policy
from guidebot.search.phrases import in_a_written_phrase
from guidebot.search.semantic.load import load_model
from guidebot.search.semantic.model_dir import builtin_dir

THEATRE = """
---
title: "Visiting the Playhouse: A Guide for Audiences"
---
The Playhouse is a 500-seat theatre on Mill Street with a main house, a studio and a cafe
bar. This guide explains how to book, how to get here and what to expect on the day.

## Accessibility
The main house has step-free access to the stalls and a lift to the circle bar. Four
wheelchair spaces in the stalls can be booked by phone or online, and a hearing loop runs
in every room. Carers of disabled visitors get a free ticket once they join our access
register. Guide dogs and other assistance dogs are welcome; ask for an aisle seat.

## Food and Drink
You may bring a bottle of water into the auditorium; the bar sells snacks before the show.

## Children
Each show has a recommended age guide, and under-16s sit with an adult.

## Tours
A tour guide takes groups backstage on Saturday mornings for an hour.
"""


def _holders(rows: dict[str, list[int]]):
    return lambda term: np.array(rows.get(term, []), dtype=np.int64)


def test_a_pair_counts_only_as_the_passage_writes_it_and_in_that_order():
    texts = {0: (["access"], ["guid", "dog", "welcom"]), 1: (["tour"], ["tour", "guid", "group"])}
    holders = _holders({"guid": [0, 1], "dog": [0], "tour": [1], "welcom": [0]})
    assert in_a_written_phrase("guid", ["bring", "guid", "dog"], holders, texts.__getitem__)
    assert in_a_written_phrase("guid", ["tour", "guid"], holders, texts.__getitem__)
    assert not in_a_written_phrase("guid", ["dog", "guid"], holders, texts.__getitem__)
    assert not in_a_written_phrase("guid", ["guid", "welcom"], holders, texts.__getitem__)
    assert not in_a_written_phrase("guid", ["guid"], holders, texts.__getitem__)


def test_a_guide_dog_is_no_question_about_the_guide(make_knowledge):
    """As `guidebot ask` reads it, with the built-in word vectors."""
    encoder = load_model(builtin_dir())
    bot = Bot.load(
        make_knowledge({"guides/playhouse.md": THEATRE}), default_policy(True), encoder=encoder
    )
    assert bot.ask("can I bring my guide dog").sources[0].section == "Accessibility"
    assert bot.ask("who is the tour guide").sources[0].section == "Tours"
    # the guide itself, asked about as a whole, is still its opening
    opening = "Visiting the Playhouse: A Guide for Audiences"
    assert bot.ask("what does this guide cover").sources[0].section == opening


def test_the_word_then_weighs_what_a_word_naming_the_document_weighs(make_knowledge):
    """BM25 alone: the opening, which holds "guide" but no dog, scores as if "guide" weighed
    config.document_weight, where "what does this guide cover" keeps its whole weight."""
    retriever = Bot.load(make_knowledge({"guides/playhouse.md": THEATRE})).retriever
    opening = next(row for row, p in enumerate(retriever.passages) if "/intro/" in p.id)
    low = retriever.config.document_weight
    for question, weights in [
        ("can I bring my guide dog", {"bring": 1.0, "guid": low, "dog": 1.0}),
        ("what does this guide cover", {"guid": 1.0, "cover": 1.0}),
    ]:
        scores = {h.row: h.score for h in retriever.search(question, k=10, boost=False).hits}
        expected, _ = retriever.score(weights)
        assert scores[opening] == pytest.approx(float(expected[opening])), question
