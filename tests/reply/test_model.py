"""Reply as data: title, answer, choices and suggestions are fields; text and JSON compose them."""

from __future__ import annotations

import json
from dataclasses import replace

from markdown_it import MarkdownIt

from guidebot.reply import KINDS, Reply, Source
from guidebot.reply.render import as_markdown, as_text


def test_an_faq_answer_keeps_its_question_apart_and_text_joins_them(bot):
    reply = bot.ask("How much does the degree cost?")
    assert reply.kind == "answer" and reply.title.endswith("?")
    assert reply.title not in reply.answer
    assert reply.text == f"{reply.title}\n{reply.answer}"
    assert reply.to_dict()["answer"] == reply.text


def test_a_guide_answer_has_no_title(make_knowledge):
    from guidebot.bot import Bot
    from tests.conftest import GUIDE

    reply = Bot.load(make_knowledge({"guides/test.md": GUIDE})).ask("how much is tuition?")
    assert reply.kind == "answer" and reply.sources[0].section == "Costs"
    assert reply.title == "" and reply.text == reply.answer


def test_choices_and_suggestions_are_fields_not_lines_of_answer():
    clarify = Reply("requirements?", "Which topic did you mean?", "clarify", choices=("A", "B"))
    assert "\n" not in clarify.answer
    assert clarify.text == "Which topic did you mean?\n1. A\n2. B"
    decline = Reply("dog?", "Not covered. Nearby:", "decline", True, suggestions=("Costs",))
    assert decline.text == "Not covered. Nearby:\n- Costs"


def test_to_dict_is_plain_json_with_every_kind():
    source = Source(1, "g/costs", "A Guide", "Costs", "It costs $1.", 2.5)
    for kind in KINDS:
        data = Reply("q", "a", kind, sources=(source,)).to_dict()
        assert json.loads(json.dumps(data)) == data
        assert data["sources"][0]["guide"] == "A Guide"


def _part(question: str, answer: str, ids: tuple[str, ...], **kwargs) -> Reply:
    sources = tuple(
        Source(n, source_id, "A Guide", "Costs", f"Text of {source_id}.", 1.0)
        for n, source_id in enumerate(ids, start=1)
    )
    return Reply(question, answer, "answer", confidence=0.8, sources=sources, **kwargs)


def _two_parts() -> Reply:
    fee = _part("how much is it", "It costs $1.", ("g/fee", "g/extra"), title="What does it cost?")
    hours = _part(
        "when do you open",
        "At 8 am.",
        ("g/hours",),
        notes=("Read 'opne' as 'open'.",),
        see_also=("Holidays",),
    )
    return Reply.of_parts(
        "how much is it and when do you opne", [fee, replace(hours, confidence=0.6)]
    )


def test_a_reply_of_parts_numbers_all_sources_once_and_cites_each_part():
    reply = _two_parts()
    fee, hours = reply.parts
    assert reply.kind == "answer" and not reply.abstained and reply.confidence == 0.6
    assert [s.number for s in fee.sources] == [1, 2] and [s.number for s in hours.sources] == [3]
    assert reply.sources == fee.sources + hours.sources
    assert reply.see_also == ("Holidays",) and reply.notes == ()
    assert reply.text == (
        "› how much is it\nWhat does it cost?\nIt costs $1. [1]\n\n› when do you open\nAt 8 am. [3]"
    )
    assert fee.text == "What does it cost?\nIt costs $1."  # a part's own text has no mark


def test_quoted_is_the_source_each_answer_quotes():
    reply = _two_parts()
    assert [s.id for s in reply.quoted] == ["g/fee", "g/hours"]  # not g/extra, listed beside
    assert [s.id for s in reply.parts[0].quoted] == ["g/fee"]
    declined = Reply("dog?", "Not covered.", "decline", True, sources=reply.sources)
    assert declined.quoted == () and Reply("q", "a", "answer").quoted == ()


def test_to_dict_carries_the_parts_as_replies():
    data = _two_parts().to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["answer"] == _two_parts().text
    fee, hours = data["parts"]
    assert (
        fee["question"] == "how much is it" and fee["answer"] == "What does it cost?\nIt costs $1."
    )
    assert [s["id"] for s in fee["sources"]] == ["g/fee", "g/extra"]
    assert hours["notes"] == ["Read 'opne' as 'open'."] and hours["parts"] == []
    assert [s["id"] for s in data["sources"]] == ["g/fee", "g/extra", "g/hours"]
    assert Reply("q", "a", "answer").to_dict()["parts"] == []


def test_text_and_markdown_show_each_part_with_its_notes_and_citation():
    reply = _two_parts()
    text = as_text(reply)
    assert text.index("› how much is it") < text.index("It costs $1. [1]")
    assert text.index("(Read 'opne' as 'open'.)") < text.index("› when do you open")
    assert "At 8 am. [3]\nSee also: Holidays" in text
    assert text.count("[1]") == 2  # the mark and the source list, no stray one at the end
    assert text.endswith("  [3] A Guide › Costs  (g/hours)")
    markdown = as_markdown(reply)
    assert "› how much is it\n\nWhat does it cost?\n\nIt costs $1. [1]" in markdown
    assert "At 8 am. [3]\n\nSee also: “Holidays”" in markdown
    assert markdown.endswith("- [3] *A Guide*, section “Costs”\n")


def test_a_single_reply_renders_as_before():
    reply = _part("how much is it", "It costs $1.", ("g/fee",))
    assert as_text(reply) == "It costs $1. [1]\n\nSources:\n  [1] A Guide › Costs  (g/fee)"
    assert as_markdown(reply) == "It costs $1. [1]\n\nSources:\n- [1] *A Guide*, section “Costs”\n"
    plain = "It costs $1. [1]\n\nSources:\n- [1] A Guide, section “Costs”\n"
    assert as_markdown(reply, emphasis=False) == plain  # to paste into a plain-text email


def test_markdown_lists_what_it_cites_then_the_other_sections_shown_once():
    """To paste into an email: the sources the marks cite, numbered as the marks are, then
    the other sections shown beside them, each once and none already cited."""
    sources = tuple(
        Source(n, f"g/{n}", "A Guide", section, f"Text {n}.", 1.0)
        for n, section in enumerate(("Costs", "Costs", "Hours", "Hours", "Parking"), start=1)
    )
    reply = Reply("how much", "It costs $1.", "answer", confidence=0.8, sources=sources)
    assert as_markdown(reply, emphasis=False) == (
        "It costs $1. [1]\n\nSources:\n- [1] A Guide, section “Costs”\n\n"
        "Also in the guides:\n- A Guide, section “Hours”\n- A Guide, section “Parking”\n"
    )


def test_markdown_names_an_faq_entry_no_section_holds_by_its_question():
    """An entry no guide section holds is cited by its question, not as a section; one a
    section holds is cited by that section."""
    entry = "Can I pay by card?"
    sources = (
        Source(1, "g/costs", "A Guide", "Costs", "It costs $1.", 1.0),
        Source(2, "faq/card", "FAQ", entry, "Yes.", 0.9, question=entry),
        Source(3, "faq/fee", "A Guide", "Costs", "No fee.", 0.8, question="Any fee?"),
    )
    reply = Reply("how much", "It costs $1.", "answer", confidence=0.8, sources=sources)
    assert as_markdown(reply, emphasis=False).endswith(
        "Also in the guides:\n- FAQ, question “Can I pay by card?”\n"
    )


def test_a_bracketed_number_in_the_guides_text_cites_nothing():
    sources = (
        Source(1, "g/1", "A Guide", "Expenses", "Text 1.", 1.0),
        Source(2, "g/2", "A Guide", "Holidays", "Text 2.", 1.0),
    )
    reply = Reply("claims", "Fill in form [2].", "answer", confidence=0.8, sources=sources)
    assert as_markdown(reply, emphasis=False).endswith(
        "Sources:\n- [1] A Guide, section “Expenses”\n\n"
        "Also in the guides:\n- A Guide, section “Holidays”\n"
    )


def test_markdown_keeps_its_source_numbers_when_rendered():
    """A numbered list "1." then "3." is renumbered 1, 2 by any Markdown renderer; the
    text's [3] must still find its source."""
    html = MarkdownIt("commonmark").render(as_markdown(_two_parts()))
    assert "[1] <em>A Guide</em>, section “Costs”" in html
    assert "[3] <em>A Guide</em>, section “Costs”" in html
    assert "<ol" not in html


def test_a_section_offered_under_see_also_is_not_listed_again():
    sources = (
        Source(1, "g/1", "A Guide", "Costs", "Text 1.", 1.0),
        Source(2, "faq/h", "FAQ", "Holidays", "Text 2.", 1.0, label="Holidays"),
        Source(3, "g/3", "A Guide", "Parking", "Text 3.", 1.0),
        # nested, and labelled with its guide as several guides are: not its heading path
        Source(
            4,
            "p/4",
            "Pool guide",
            "Lanes",
            "Text 4.",
            1.0,
            headings=("Swimming", "Lanes"),
            label="Lanes (Pool guide)",
        ),
    )
    reply = Reply(
        "how much",
        "It costs $1.",
        "answer",
        confidence=0.8,
        sources=sources,
        see_also=("Holidays", "Lanes (Pool guide)"),
    )
    assert as_markdown(reply, emphasis=False) == (
        "It costs $1. [1]\n\nSee also: “Holidays”; “Lanes (Pool guide)”\n\nSources:\n"
        "- [1] A Guide, section “Costs”\n\nAlso in the guides:\n- A Guide, section “Parking”\n"
    )
