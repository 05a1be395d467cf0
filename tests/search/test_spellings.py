"""British and American spellings of a word (search.spellings)."""

from __future__ import annotations

import pytest

from guidebot.search.spellings import other_spellings


@pytest.mark.parametrize(
    ("word", "other"),
    [
        ("centre", "center"),
        ("litre", "liter"),
        ("colours", "colors"),
        ("favourite", "favorite"),
        ("neighbourhood", "neighborhood"),
        ("programme", "program"),
        ("organisations", "organizations"),
        ("recognised", "recognized"),
        ("analyse", "analyze"),
        ("travelled", "traveled"),
        ("catalogue", "catalog"),
        ("licence", "license"),
    ],
)
def test_each_standard_spells_the_other(word, other):
    assert other in other_spellings(word)
    assert word in other_spellings(other)


@pytest.mark.parametrize("word", ["youre", "your", "hour", "four", "rise", "kettle", ""])
def test_words_no_rule_reads_have_no_other_spelling(word):
    """ "youre" is "you're", no "yore"; "four" no "for"; "rise" too short for "-ise"."""
    assert other_spellings(word) == []
