"""Comparatives and superlatives read as their plain adjective (search/degrees.py)."""

from __future__ import annotations

import pytest

from guidebot.search.analysis import Analyzer
from guidebot.search.degrees import degree_bases
from guidebot.search.english import EnglishWords
from guidebot.search.repairs import Repair
from guidebot.search.typos import TypoRepairer


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    return EnglishWords(tmp_path_factory.mktemp("english"))


@pytest.mark.parametrize(
    ("word", "base"),
    [
        ("earliest", "early"),
        ("busiest", "busy"),
        ("biggest", "big"),
        ("closest", "close"),
        ("later", "late"),
        ("cheaper", "cheap"),
        ("nearest", "near"),
    ],
)
def test_a_degree_gives_its_plain_adjective_first(english, word, base):
    assert degree_bases(word, english)[0] == base


@pytest.mark.parametrize("word", ["printer", "letter", "forest", "modest", "number", "honest"])
def test_a_word_that_only_ends_like_a_degree_gives_none(english, word):
    """No other degree in English ("printest"), or its would-be base is the rarer word."""
    assert degree_bases(word, english) == []


def test_without_word_counts_every_listed_base_is_given_in_spelling_order():
    listed = {"earliest", "earlier", "early", "closest", "closer", "close", "clos"}
    assert degree_bases("earliest", listed) == ["early"]
    assert degree_bases("closest", listed) == ["clos", "close"]


def test_the_repairer_reads_a_degree_the_knowledge_lacks_as_the_adjective_it_writes(english):
    """Silently, since no typo was guessed; a word it writes as it stands is kept."""
    vocab = ["early", "drop", "cheapest", "cheap"]
    analyzer = Analyzer()
    repairer = TypoRepairer(
        dict.fromkeys(vocab, 1), {analyzer.stem(w) for w in vocab}, analyzer, english
    )
    fixed, repairs = repairer.repair(["earliest", "drop", "cheapest", "printer"])
    assert fixed == ["early", "drop", "cheapest", "printer"]
    assert repairs == [Repair("earliest", "early", noted=False)]
