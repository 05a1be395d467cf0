from __future__ import annotations

import pytest

from guidebot.search.analysis import Analyzer
from guidebot.search.inflection import forms_by_term, loosely_matched, plural_stem


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("books", "book"),
        ("booked", "booked"),
        ("booking", "booking"),
        ("salaries", "salary"),
        ("boxes", "box"),
        ("churches", "church"),
        ("courses", "course"),
        ("campus", "campus"),
        ("class", "class"),
        ("was", "was"),
    ],
)
def test_plural_stem_removes_plural_endings_only(word, stem):
    assert plural_stem(word) == stem


def test_a_term_held_only_as_another_word_of_its_stem_is_loose():
    analyzer = Analyzer()
    asked = forms_by_term(analyzer, ["borrow", "book"])
    assert set(asked) == {"borrow", "book"}
    written = {"borrow": ("borrowed", "borrow"), "book": ("booked",)}
    assert loosely_matched(analyzer, asked, written) == {"book"}
    assert loosely_matched(analyzer, asked, {"book": ("Books",)}) == frozenset()


def test_synonyms_count_as_the_word_they_stand_for():
    analyzer = Analyzer([("salary", "pay")])
    asked = forms_by_term(analyzer, ["pay"])
    assert loosely_matched(analyzer, asked, {"salari": ("salaries",)}) == frozenset()


def test_a_term_without_written_words_is_not_loose():
    analyzer = Analyzer()
    asked = forms_by_term(analyzer, ["book"])
    assert loosely_matched(analyzer, asked, {}) == frozenset()
