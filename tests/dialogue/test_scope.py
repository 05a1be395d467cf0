"""Out-of-scope terms: whole words and phrases, with plurals of one-word terms."""

from __future__ import annotations

from guidebot.dialogue.scope import ScopeMatcher
from guidebot.knowledge.model import ScopeTopic

MATCHER = ScopeMatcher(
    (
        ScopeTopic("industries", ("bank", "agency", "world cup", "dating")),
        ScopeTopic("trades", ("welders", "coach")),
    )
)


def test_a_one_word_term_also_matches_its_plural():
    assert MATCHER.match("what do data scientists at banks make") == ["bank"]
    assert MATCHER.match("staffing agencies?") == ["agency"]
    assert MATCHER.match("do coaches need a degree") == ["coach"]


def test_phrases_and_words_ending_in_s_match_only_as_written():
    assert MATCHER.match("who won the world cups") == []
    assert MATCHER.match("who won the world cup") == ["world cup"]
    assert MATCHER.match("welder pay") == []


def test_nothing_is_stemmed_so_a_near_word_is_not_out_of_scope():
    assert MATCHER.match("what is the start date") == []
    assert MATCHER.match("is banking covered") == []


def test_each_term_is_reported_once_in_order_of_appearance():
    assert MATCHER.match("banks, dating and a bank") == ["bank", "dating"]


def test_plural_spellings_follow_the_regular_rules():
    from guidebot.dialogue.scope import _plurals

    assert _plurals("coach") == ("coaches",) and _plurals("tax") == ("taxes",)
    assert _plurals("agency") == ("agencies",) and _plurals("day") == ("days",)
    assert _plurals("news") == () and _plurals("f-1") == ()


def test_a_term_inside_a_longer_known_phrase_does_not_count():
    matcher = ScopeMatcher((ScopeTopic("everyday", ("car",)),), known=("car makers", "ai"))
    assert matcher.match("jobs at car makers") == []
    assert matcher.match("fixing my car") == ["car"]
