"""Character references that stand for no character (ingest/references.py): found, dropped
and named, never turned into a U+FFFD that no message mentions."""

from __future__ import annotations

import pytest

from guidebot.ingest.faq.markup import html_as_text, plain_answer
from guidebot.ingest.references import (
    invalid_references,
    kept_as_written,
    said,
    without_invalid_references,
)


@pytest.mark.parametrize(
    "reference",
    ["&#0;", "&#x0;", "&#xD800;", "&#xdfff;", "&#55296;", "&#x110000;", "&#1114112;"]
    + ["&#xFFFE;", "&#x10FFFF;", "&#xFDD0;", "&#99999999999999999999;", "&#x" + "f" * 5000 + ";"],
)
def test_a_reference_to_no_character_is_dropped_and_given_as_written(reference: str):
    assert without_invalid_references(f"a{reference}b") == ("ab", [reference])


@pytest.mark.parametrize(
    "reference", ["&#65;", "&#x1F600;", "&#0000065;", "&#xD7FF;", "&#xE000;", "&#27;", "&amp;"]
)
def test_references_to_characters_stay_for_the_reader(reference: str):
    """Control characters are controls.py's to drop, with their own note."""
    assert without_invalid_references(f"a{reference}b") == (f"a{reference}b", [])


def test_each_is_named_once_in_the_order_found():
    text = "&#xD800; &#0; &#xD800; &#65;"
    assert invalid_references(text) == ["&#xD800;", "&#0;"]
    assert said(invalid_references(text)) == (
        "dropped invalid character references &#xD800;, &#0; (standing for no character)"
    )


def test_html_keeps_them_as_written_for_the_cleaning_after_it():
    markup = "<p>Yes&#xD800; we are &#233;open</p>"
    assert kept_as_written(markup) == "<p>Yes&amp;#xD800; we are &#233;open</p>"
    assert html_as_text(kept_as_written(markup)) == "Yes&#xD800; we are éopen"


@pytest.mark.parametrize(
    ("answer", "read"),
    [
        ("<p>Open&#xD800; <b>daily</b></p>", "Open&#xD800; daily"),
        ("Open &#x110000;&amp; daily", "Open &#x110000;& daily"),
    ],
    ids=["html", "references alone"],
)
def test_an_faq_answer_keeps_them_as_written_not_as_u_fffd(answer: str, read: str):
    assert plain_answer(answer) == read
