"""An empty reference list filled with the sources the text names (ingest.citations)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guidebot.ingest.articles import Article, ArticleSection, finish
from guidebot.ingest.citations import cited_sources, lists_sources
from guidebot.ingest.markdown import parse_markdown


@pytest.mark.parametrize(
    "text, sources",
    [
        ("Most hives survive (Bee Research Council, 2023).", ["Bee Research Council (2023)"]),
        ("Apiary Weekly (2022) says so.", ["Apiary Weekly (2022)"]),
        (
            "According to the U.S. Department of Agriculture, hives fell; the National "
            "Honey Board (2021) agrees.",
            ["U.S. Department of Agriculture", "National Honey Board (2021)"],
        ),
        # the year of a survey goes with the survey, not the name before it
        ("according to Apiary Weekly's survey (2022), most", ["Apiary Weekly"]),
        # a name cited twice is listed once, with the year it is given
        ("It grew, as Smith (2020) found. Later (Smith, 2020) again.", ["Smith (2020)"]),
        # dates and lower-case words in brackets name no source; nor does "our survey"
        ("Posted (Urban Farming MAR 3, 2025).", []),
        ("In 2024 (the year it opened) it grew (2024).", []),
        ("According to our survey, most keepers stay.", []),
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


def test_many_citations_are_read_in_linear_time():
    text = "Growth was fast (2024). " * 20_000 + "according to the Board " * 20_000
    assert cited_sources([text]) == ["Board"]
