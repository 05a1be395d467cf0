"""FaqMatcher: whole-question matching against FAQ questions and alternates."""

from __future__ import annotations

import math

import numpy as np

from guidebot.search.faqmatch import FaqMatcher, plain

# Passage rows 0 and 2 are FAQ entries; row 1 is a guide passage with no wording.
MATCHER = FaqMatcher(
    [0, 0, 2],
    [plain("How much does it cost?"), plain("What's the price?"), plain("Is it online?")],
)


def test_an_entry_asked_in_exactly_these_words_is_lifted_above_every_other():
    scores = np.array([1.0, 9.0, 3.0])
    assert MATCHER.lift_exact("what's the PRICE", scores, 0.5)
    assert scores[0] > scores[1] > scores[2]


def test_no_exact_wording_leaves_the_scores_alone():
    scores = np.array([1.0, 9.0, 3.0])
    assert not MATCHER.lift_exact("what does it cost", scores, 0.5)
    assert scores.tolist() == [1.0, 9.0, 3.0]


def test_a_ruled_out_entry_is_not_lifted():
    scores = np.array([-math.inf, 9.0, 3.0])
    assert not MATCHER.lift_exact("what's the price?", scores, 0.5)
    assert scores[1] == 9.0


def test_an_entry_asked_in_its_words_with_only_function_words_around_them_is_exact():
    assert MATCHER.exact("so what's the price of it then") == {0}
    assert MATCHER.exact("hi, is it online?") == {2}


def test_a_topic_word_around_the_entrys_words_is_no_exact_wording():
    assert MATCHER.exact("what's the price of parking") == set()
    assert MATCHER.exact("is it online or on campus") == set()


def test_trimmed_off_or_with_too_many_function_words_around_only_the_whole_is_exact():
    assert MATCHER.exact("so what's the price of it then", trimmed=False) == set()
    assert MATCHER.exact("what's the price", trimmed=False) == {0}
    assert MATCHER.exact("and so then just and is it online") == set()  # five words off
    assert MATCHER.exact("so then just and is it online") == {2}  # four
    wordy = FaqMatcher([0], [plain("What can I do with the degree?")])  # five before "degree"
    assert wordy.exact("hi, what can i do with the degree?") == {0}


def test_function_words_alone_are_exact_only_whole():
    matcher = FaqMatcher([0], [plain("What would I actually do?")])
    assert matcher.exact("what would i actually do") == {0}
    assert matcher.exact("so what would i actually do with it") == set()


def test_the_best_entries_come_one_per_passage():
    found = MATCHER.best("how much is the price", floor=0, limit=5)
    assert [row for row, _ in found] == [0, 2]
    assert all(0 <= similarity <= 100 for _, similarity in found)
