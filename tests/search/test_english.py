import math

from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

from guidebot.search.english import EnglishWords, one_edit, own_names


def test_one_edit_reaches_each_kind_of_slip_and_leaves_the_word_out():
    edits = one_edit("wat")
    assert {"what", "at", "war", "awt"} <= edits  # inserted, dropped, replaced, swapped
    assert "wat" not in edits
    assert "whats" not in edits  # two edits


@given(st.text(alphabet="abcdefghij", min_size=1, max_size=6))
def test_every_edit_is_one_edit_away_and_every_single_edit_is_there(word):
    edits = one_edit(word)
    assert all(OSA.distance(word, edit) == 1 for edit in edits)
    assert word[1:] in edits  # the first letter dropped
    assert "z" + word in edits and word[:-1] + "z" in edits  # one added, the last changed


def test_a_rare_word_next_to_a_far_commoner_one_is_a_likely_misspelling():
    english = EnglishWords(None)
    for slip in ("wat", "ned", "wen", "becuase"):  # what, need, we, because
        assert english.likely_misspelling(slip, 8.0, 7.0), slip
    for word in ("vet", "cat", "dog", "pilot", "airport", "what", "ikea", "etsy"):
        assert not english.likely_misspelling(word, 8.0, 7.0), word
    assert english.likely_misspelling("vet", 7.0, 7.0)  # "get": a cheaper edit reads it so
    assert english.likely_misspelling("ikea", 8.0, 9.0)  # "idea", were 8.3 nats common


def test_a_word_english_lacks_next_to_a_far_commoner_one_is_a_likely_misspelling():
    english = EnglishWords(None)
    assert english.likely_misspelling("handeled", 8.0, math.inf)  # "handled"
    assert not english.likely_misspelling("wat", 8.0, 4.0)  # "what" is 4.6 nats rare
    assert not english.likely_misspelling("pilot", 8.0, math.inf)  # no word that much commoner


def test_the_knowledge_s_own_names_are_words_english_lacks_that_it_uses(tmp_path):
    """ "kelsall" is no English word and a passage writes it; "surgery" is English, "ryanair"
    no passage writes, "2026" is a figure. Without an English word list nothing is a name
    (every word would be)."""
    written = {"kelsall", "surgery", "2026"}
    surface = ["kelsall", "surgery", "ryanair", "2026"]
    english = EnglishWords(tmp_path)
    assert own_names(surface, english, lambda words: list(words), written.__contains__) == {
        "kelsall"
    }
    assert own_names(surface, frozenset(), lambda words: list(words), written.__contains__) == set()
