"""An empty reference list filled with the sources the text names (ingest.citations)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guidebot.ingest.articles import Article, ArticleSection, finish
from guidebot.ingest.citations import MAX_NAME_WORDS, cited_sources, lists_sources
from guidebot.ingest.markdown import parse_markdown


@pytest.mark.parametrize(
    "text, sources",
    [
        ("Most hives survive (Bee Research Council, 2023).", ["Bee Research Council (2023)"]),
        ("(Smith, 2020; Jones et al., 2021, p. 5)", ["Smith (2020)", "Jones (2021)"]),
        ("(Ärzteblatt, 2020)", ["Ärzteblatt (2020)"]),
        (
            "According to the U.S. Department of Agriculture, hives fell; according to the "
            "National Honey Board (2021), they rose.",
            ["U.S. Department of Agriculture", "National Honey Board (2021)"],
        ),
        ("according to Apiary Weekly's survey, most", ["Apiary Weekly"]),
        # one name, two works; the same work cited twice is listed once
        (
            "Up (Smith, 2020), down (Smith, 2022), up (Smith, 2020).",
            ["Smith (2020)", "Smith (2022)"],
        ),
        # no source: a year after a place or a title, a date or a label in brackets, a part of
        # the text or a sentence's first word after "according to", a figure not in ASCII
        ("We moved to London (2019), then Paris (2021).", []),
        ("In March (2024) the shop opened. Smith (2020) found it.", []),
        ("- Best Online Degrees (2024)", []),
        ("Posted (Urban Farming MAR 3, 2025); (Monday, 2024); (Updated, 2024)", []),
        ("According to Table 3, most stay. According to our survey, most stay.", []),
        ("according to U.S. law", []),
        ("(Smith, 20\u0662\u0664)", []),
        ("according to", []),
    ],
)
def test_the_sources_an_article_names_in_its_text(text, sources):
    assert cited_sources([text]) == sources


def test_reference_list_headings():
    for heading in ("References", "works cited:", " Bibliography "):
        assert lists_sources(heading), heading
    for heading in ("Related Articles", "Referencing your work", "Sources of funding"):
        assert not lists_sources(heading), heading


def test_an_empty_reference_list_is_filled_and_other_empty_headings_left_out():
    article = parse_markdown(
        "# Bees\n\nHives grew 4% (Bee Research Council, 2023).\n\n## Costs\n\nA hive costs "
        "$300, according to the British Beekeepers Association.\n\n## Table of contents\n\n"
        "## References\n\n## Related Articles\n\n- More on bees\n"
    )
    sections = {s.heading: s.blocks for s in article.sections}
    assert "Table of contents" not in sections
    assert sections["References"] == [
        "Sources named in the text:",
        "- Bee Research Council (2023)\n- British Beekeepers Association",
    ]
    assert article.notes == [
        "left out the heading 'Table of contents': no text under it",
        "filled the heading 'References', empty in the source, with the 2 sources its text names",
    ]


def test_a_text_naming_no_source_leaves_the_reference_list_out():
    article = Article("Bees", intro=["Hives grew last year."])
    article.sections = [ArticleSection("References"), ArticleSection("Costs", ["$300."])]
    assert [s.heading for s in finish(article).sections] == ["Costs"]
    assert article.notes == ["left out the heading 'References': no text under it"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Ab (,)19202x .'according to the")), max_size=300))
def test_every_source_listed_is_named_in_the_text(text):
    for source in cited_sources([text]):
        name = source.rsplit(" (", 1)[0] if source.endswith(")") else source
        assert name and name in " ".join(text.split())


def test_a_name_is_read_from_a_few_words_after_according_to():
    # "the" and nine words: MAX_NAME_WORDS in all, however long the run of capitals
    (name,) = cited_sources(["according to the " + " ".join(["Board"] * 30)])
    assert name.split() == ["Board"] * (MAX_NAME_WORDS - 1)


def test_a_second_empty_reference_list_is_left_out():
    article = parse_markdown(
        "# Bees\n\nHives grew (Bee Research Council, 2023).\n\n## References\n\n## Sources\n"
    )
    assert [s.heading for s in article.sections] == ["References"]
    assert article.notes[-1] == "left out the heading 'Sources': no text under it"
