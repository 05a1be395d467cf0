"""A word naming the document in a phrase the knowledge writes (search/phrases.py): "guide
dog" is about the section saying "Guide dogs", not the guide."""

from __future__ import annotations

import numpy as np
import pytest

from guidebot.bot import Bot
from guidebot.knowledge.loader import load_knowledge
from guidebot.knowledge.passages import build_passages
from guidebot.search.analysis import Analyzer
from guidebot.search.highlights import PassageWords
from guidebot.search.phrases import in_a_written_phrase

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


def _follows(texts: dict[int, list[str]]):
    """follows(row, a, b) over passages given as their terms in order."""

    def follows(row: int, a: str, b: str) -> bool:
        return any(pair == (a, b) for pair in zip(texts[row], texts[row][1:], strict=False))

    return follows


def test_a_pair_counts_only_as_the_passage_writes_it_and_in_that_order():
    texts = {0: ["access", "guid", "dog", "welcom"], 1: ["tour", "tour", "guid", "group"]}
    holders = _holders({"guid": [0, 1], "dog": [0], "tour": [1], "welcom": [0]})

    def found(terms: list[str]) -> bool:
        return in_a_written_phrase("guid", terms, holders, _follows(texts), {})

    assert found(["bring", "guid", "dog"]) and found(["tour", "guid"])
    assert not found(["dog", "guid"]) and not found(["guid", "welcom"]) and not found(["guid"])


def test_each_pair_is_looked_for_once_however_often_it_is_asked():
    """A question repeating "guide dog" twenty times reads the passages once."""
    reads: list[int] = []
    follows = _follows({0: ["guid", "dog"]})

    def counted(row: int, a: str, b: str) -> bool:
        reads.append(row)
        return follows(row, a, b)

    known: dict[tuple[str, str], bool] = {}
    terms = ["guid", "dog"] * 20
    holders = _holders({"guid": [0], "dog": [0]})
    assert in_a_written_phrase("guid", terms, holders, counted, known)
    assert in_a_written_phrase("guid", terms, holders, counted, known)
    assert len(reads) <= 2 and known[("guid", "dog")]


def test_a_passage_writes_a_pair_when_no_other_term_parts_them(make_knowledge):
    passages = build_passages(load_knowledge(make_knowledge({"guides/p.md": THEATRE})))
    words, terms = PassageWords(passages, Analyzer()), Analyzer().terms
    (access,) = [row for row, p in enumerate(passages) if p.section == "Accessibility"]
    (tours,) = [row for row, p in enumerate(passages) if p.section == "Tours"]
    guide, dog, tour, take = (terms(w)[0] for w in ("guide", "dogs", "tour", "takes"))
    assert words.follows(access, guide, dog) and not words.follows(access, dog, guide)
    # "A tour guide takes groups": "A" is no term
    assert words.follows(tours, tour, guide) and words.follows(tours, guide, take)
    assert not words.follows(tours, tour, take)  # "guide" stands between


def test_an_faq_entrys_phrasings_are_read(make_knowledge):
    faq = (
        "- question: Are pets allowed?\n"
        "  answer: Only assistance animals may come in.\n"
        "  alternates: [can I bring my guide dog]\n"
    )
    files = {"guides/playhouse.md": THEATRE.replace("Guide dogs", "Dogs"), "faq/f.yaml": faq}
    retriever = Bot.load(make_knowledge(files)).retriever
    opening = next(row for row, p in enumerate(retriever.passages) if "/intro/" in p.id)
    scores = {h.row: h.score for h in retriever.search("guide dog", k=10, boost=False).hits}
    expected, _ = retriever.score({"guid": retriever.config.document_weight, "dog": 1.0})
    assert scores[opening] == pytest.approx(float(expected[opening]))


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
