"""Pasted HTML markup in a question: dropped before the question is read."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from guidebot.dialogue.markup import TAG, without_markup


def test_tags_are_dropped_and_words_kept_apart():
    assert without_markup("<b>hi</b><i>there</i>").split() == ["hi", "there"]
    assert without_markup("<p class='x'>What is the tuition?</p>").strip() == (
        "What is the tuition?"
    )


def test_script_style_and_comments_say_nothing():
    text = "<script>alert('tuition')</script><style>p{}</style><!-- salary --> jobs?"
    assert without_markup(text).split() == ["jobs?"]


def test_character_references_are_read_once_markup_is_there():
    assert without_markup("<b>R&amp;D</b> jobs").split() == ["R&D", "jobs"]


def test_a_sign_that_opens_no_tag_is_what_was_typed():
    for text in ("is a salary < 100k normal?", "a<b", "R&amp;D jobs", "<3 this guide", "x <= y"):
        assert without_markup(text) == text


@given(st.text(alphabet=st.characters(blacklist_characters="<")))
def test_text_without_a_tag_is_unchanged(text):
    assert without_markup(text) == text


@given(st.lists(st.sampled_from(["<b>", "</b>", "<p x='1'>", "<br/>", "<", ">", " ", "tuition"])))
def test_no_whole_tag_survives(pieces):
    assert not TAG.search(without_markup("".join(pieces)))
