from __future__ import annotations

import pytest

from guidebot.search.analysis import Analyzer
from guidebot.search.inflection import forms_by_term, loosely_matched, plural_stems


@pytest.mark.parametrize(
    ("word", "stems"),
    [
        ("books", {"book"}),
        ("booked", {"booked"}),
        ("booking", {"booking"}),
        ("salaries", {"salary"}),
        ("boxes", {"boxe", "box"}),
        ("courses", {"course", "cours"}),
        ("campuses", {"campuse", "campus"}),
        ("campus", {"campus"}),
        ("class", {"class"}),
        ("was", {"was"}),
    ],
)
def test_plural_stems_remove_plural_endings_only(word, stems):
    assert plural_stems(word) == stems


def test_a_term_held_only_as_another_word_of_its_stem_is_loose():
    analyzer = Analyzer()
    asked = forms_by_term(analyzer, ["borrow", "book"])
    assert set(asked) == {"borrow", "book"}
    written = {"borrow": ("borrowed", "borrow"), "book": ("booked",)}
    assert loosely_matched(analyzer, asked, written) == {"book"}
    assert loosely_matched(analyzer, asked, {"book": ("Books",)}) == frozenset()


def test_a_plural_in_es_is_its_singular():
    analyzer = Analyzer()
    asked = forms_by_term(analyzer, ["campus"])
    term = next(iter(asked))
    assert loosely_matched(analyzer, asked, {term: ("campuses",)}) == frozenset()


def test_a_number_word_and_its_figure_are_one_word():
    analyzer = Analyzer()
    asked = forms_by_term(analyzer, ["two", "weeks"])
    assert "2" in asked
    assert loosely_matched(analyzer, asked, {"2": ("2",), "week": ("weeks",)}) == frozenset()


def test_a_passage_word_counts_as_the_synonym_it_stands_for():
    asked = forms_by_term(Analyzer(), ["salary"])
    assert loosely_matched(Analyzer(), asked, {"salari": ("pay",)}) == {"salari"}
    with_synonyms = Analyzer([("salary", "pay")])
    asked = forms_by_term(with_synonyms, ["salary"])
    assert loosely_matched(with_synonyms, asked, {"salari": ("pay",)}) == frozenset()


def test_a_term_without_written_words_is_not_loose():
    analyzer = Analyzer()
    asked = forms_by_term(analyzer, ["book"])
    assert loosely_matched(analyzer, asked, {}) == frozenset()
