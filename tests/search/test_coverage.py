"""coverage.coverage and term_weight: the share of a question a passage holds."""

from __future__ import annotations

import pytest

from guidebot.search.coverage import EVERYDAY_WEIGHT, coverage, nearly_found, term_weight

IDF = {"salari": 2.0, "texa": 3.0, "make": 0.5}


def weight(term: str) -> float:
    return term_weight(term, {"wife"}, IDF.__contains__, lambda t: IDF.get(t, 9.0))


def test_the_share_of_weight_found():
    assert coverage(["salari", "texa"], {"salari"}, (), weight, 0.0) == pytest.approx(2 / 5)
    assert coverage(["salari", "texa"], {"salari", "texa"}, (), weight, 0.0) == 1.0
    assert coverage([], {"salari"}, (), weight, 0.0) == 0.0


def test_a_loose_match_counts_its_credit():
    loose = coverage(["salari", "texa"], {"salari", "texa"}, {"texa"}, weight, 0.5)
    assert loose == pytest.approx((2 + 0.5 * 3) / 5)


def test_unknown_terms_weigh_most_unless_everyday():
    assert weight("fafsa") == 9.0  # unknown to the knowledge: most telling
    assert weight("wife") == EVERYDAY_WEIGHT  # unknown but everyday English
    assert weight("make") == 0.5  # known: its idf


def test_a_word_near_in_meaning_counts_as_found_above_the_line():
    """nearly_found: the terms of question words the passage lacks but holds a word this
    near to; words already found, or near only under the line, are not."""
    nearness = {"bikes": 0.8, "leave": 0.4, "parking": 1.0}
    found = nearly_found(
        ["bikes", "leave", "parking"],
        {"park"},
        lambda w: [{"bikes": "bike", "leave": "leav", "parking": "park"}[w]],
        nearness.__getitem__,
        0.7,
    )
    assert found == {"bike"}
