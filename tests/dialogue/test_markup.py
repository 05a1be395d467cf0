"""Pasted HTML markup in a question: dropped before the question is read."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from guidebot.dialogue.markup import clean_question, has_markup, without_markup


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


def test_a_name_that_is_no_html_element_is_what_was_typed():
    for text in ("Is <salary> per year or per month?", "what if x<y and y>z"):
        assert without_markup(text) == text


def test_a_hidden_element_never_closed_keeps_the_words_after_it():
    assert without_markup("<b>hi</b> <style> what is the tuition?").split() == [
        "hi",
        "what",
        "is",
        "the",
        "tuition?",
    ]


def test_clean_question_drops_markup_and_control_characters_and_caps_the_length():
    assert clean_question("<p>what\x01 is\tit?</p>", 100) == "what is it?"
    assert len(clean_question("<!--" * 20_000 + " jobs", 50)) <= 50  # read in linear time
    assert len(clean_question("word " * 1000, 30)) <= 30


def test_clean_question_drops_terminal_escape_sequences_whole():
    coloured = "\x1b[1;31msalary\x1b[0m in\x1b]0;title\x07 manufacturing?\x1bM"
    assert clean_question(coloured, 100) == "salary in manufacturing?"
    assert clean_question("tuition \x1b[", 100) == "tuition ["  # no sequence: ESC alone goes


def test_clean_question_cuts_before_a_word_the_limit_would_split():
    assert clean_question("salary " * 10, 16) == "salary salary"
    assert clean_question("salary salary", 13) == "salary salary"
    assert clean_question("x" * 40, 10) == "x" * 10  # one word longer than the limit


@given(st.text(alphabet=st.sampled_from(list("<>/ab p!-=&;x"))))
def test_text_without_markup_is_unchanged(text):
    if not has_markup(text):
        assert without_markup(text) == text


@given(st.lists(st.sampled_from(["<b>", "</b>", "<p x='1'>", "<br/>", "<", ">", " ", "tuition"])))
def test_no_element_tag_survives(pieces):
    assert not has_markup(without_markup("".join(pieces)))
