"""HTML written inside a Markdown article (ingest/fragments.py) reads as the Markdown it
stands for would: tables row by row under their header, headings as sections at their
level, blocks inside list items kept in the item; and no markup ends in a traceback."""

from __future__ import annotations

import pytest

from guidebot.ingest.fragments import fragment_events
from guidebot.ingest.markdown import parse_markdown

PIPE_TABLE = """# Plans

## Prices

| Plan | Monthly billing | Yearly billing |
|------|-----------------|----------------|
| Team | $9 per user | $7 per user |
| Solo | $5 | $4 |
"""

HTML_TABLES = {
    "thead": """<table>
<thead><tr><th>Plan</th><th>Monthly billing</th><th>Yearly billing</th></tr></thead>
<tbody>
<tr><td>Team</td><td>$9 per user</td><td>$7 per user</td></tr>
<tr><td>Solo</td><td>$5</td><td>$4</td></tr>
</tbody>
</table>""",
    "th row, blank lines between rows": """<table>
<tr><th>Plan</th><th>Monthly billing</th><th>Yearly billing</th></tr>

<tr><td>Team</td><td><b>$9</b> per user</td><td>$7 per user</td></tr>

<tr><td>Solo</td><td>$5</td><td>$4</td></tr>
</table>""",
}


def _sections(text: str) -> list[tuple[str, int, list[str]]]:
    return [(s.heading, s.level, s.blocks) for s in parse_markdown(text).sections]


@pytest.mark.parametrize("table", HTML_TABLES.values(), ids=HTML_TABLES.keys())
def test_an_html_table_reads_as_a_pipe_table_does(table: str):
    html = PIPE_TABLE.split("| Plan")[0] + table + "\n"
    assert _sections(html) == _sections(PIPE_TABLE)
    assert _sections(html)[0][2] == [
        "- Plan: Team; Monthly billing: $9 per user; Yearly billing: $7 per user\n"
        "- Plan: Solo; Monthly billing: $5; Yearly billing: $4"
    ]


def test_a_tables_caption_and_title_row_are_said_before_its_rows():
    table = (
        "<table><caption>Opening times</caption>"
        "<tr><th colspan='2'>Summer</th></tr><tr><th>Day</th><th>Hours</th></tr>"
        "<tr><td>Monday</td><td>9 to 5</td></tr></table>"
    )
    assert fragment_events(table) == [
        ("p", "Opening times", 0),
        ("", "", 0),
        ("p", "Summer", 0),
        ("", "", 0),
        ("row", "Day: Monday; Hours: 9 to 5", 0),
        ("", "", 0),
    ]


def test_a_header_fitting_no_row_is_kept_as_a_row_of_its_own():
    table = "<table><tr><th>A</th><th>B</th><th>C</th></tr><tr><td>1</td><td>2</td></tr></table>"
    assert [text for kind, text, _ in fragment_events(table) if kind] == ["A | B | C", "1 | 2"]


@pytest.mark.parametrize(
    "table",
    [
        "<table><tr><th>Lane</th><th>Speed</th></tr><tr><td></td><td> </td></tr></table>",
        "<table><thead><tr><th>Lane</th><th>Speed</th></tr></thead>"
        "<tbody><tr><td>&nbsp;</td><td></td></tr><tr><td></td><td></td></tr></tbody></table>",
    ],
    ids=["th row", "thead"],
)
def test_a_header_over_nothing_but_empty_rows_keeps_its_words(table: str):
    """The table left nothing, and its heading went too as having no text under it."""
    article = parse_markdown(f"# Pool\n\nWelcome.\n\n## Lanes\n\n{table}\n")
    assert [(s.heading, s.blocks) for s in article.sections] == [("Lanes", ["- Lane | Speed"])]
    assert article.notes == []


def test_html_headings_are_sections_at_their_level_as_markdown_headings_are():
    html = (
        "# Library\n\nWelcome.\n\n<h2>Opening hours</h2>\n<p>We open at 9.</p>\n"
        "<h3>On holidays &amp; <a href='https://example.org/w'>weekends</a></h3>\n"
        "<p>Closed.</p>\n<h2>Fines</h2>\n<p>None.</p>\n"
    )
    markdown = (
        "# Library\n\nWelcome.\n\n## Opening hours\n\nWe open at 9.\n\n"
        "### On holidays & weekends\n\nClosed.\n\n## Fines\n\nNone.\n"
    )
    assert _sections(html) == _sections(markdown)
    assert [(s[0], s[1]) for s in _sections(html)] == [
        ("Opening hours", 2),
        ("On holidays & weekends", 3),
        ("Fines", 2),
    ]


def test_html_blocks_and_code_inside_list_items_stay_in_the_item():
    text = (
        "# Returns\n\n## Steps\n\n"
        "- Pack the item\n\n  <p>Keep the <b>receipt</b>.</p>\n\n"
        "- Post it\n  <div>Use the <a href='https://example.org/label'>label</a></div>\n\n"
        "Then wait.\n\n"
        "1. Sign in\n\n   <details><summary>Forgot it?</summary>Reset it first.</details>\n"
        "2. Run the tool\n\n   ```\n   returns --send\n   ```\n"
    )
    assert _sections(text)[0][2] == [
        "- Pack the item Keep the receipt.\n- Post it Use the label (https://example.org/label)",
        "Then wait.",
        "1. Sign in Forgot it? Reset it first.\n2. Run the tool returns --send",
    ]


@pytest.mark.parametrize(
    "markup",
    [
        "<html><body><p>Kept</p></body></html>",
        "<div>" * 3000 + "Kept",
        "<table>" + "<tr><td>" * 500 + "Kept",
        "<!-- open comment <p>gone</p>",
        "<ol start='99999999999999999999999'><li>Kept</li></ol>",
        "</div></td></p><h9>Kept</h9>",
    ],
    ids=["html tag", "deep divs", "deep table", "comment", "huge start", "stray ends"],
)
def test_no_markup_fails_and_its_words_stay(markup: str):
    article = parse_markdown(f"# T\n\n{markup}\n")
    words = " ".join(article.intro)
    assert ("Kept" in words) == ("Kept" in markup)
    assert "gone" not in words  # a comment's words never come in


def test_what_the_author_wrote_in_an_aside_or_on_a_button_stays():
    text = (
        "# T\n\n<aside><p>Tip: bring photo ID</p></aside>\n\n"
        "<p>Click <button>Save</button> then wait.</p><script>var x = 1;</script>\n"
    )
    words = " ".join(parse_markdown(text).intro)
    assert "Tip: bring photo ID" in words and "Click Save then wait." in words
    assert "var x" not in words


def test_tags_left_out_with_what_they_said_are_noted_and_formatting_is_not():
    """ "type <script>alert(1)</script>" and "Use <b> tags?" lose text a Markdown page
    would not show either: a note names them, from the file's line (front matter counted);
    "<b>bold</b>" and "<br>" lose nothing and are not named."""
    said = parse_markdown(
        "---\ntitle: Help\n---\n\n## Notes\n\nIf you type <script>alert(1)</script> it shows."
        " Use <b> tags? No.\n"
    )
    assert said.notes == [
        "line 7: HTML tags left out with what they held or said (<script>, <b>); to show one "
        "as text, put it in `backticks`"
    ]
    formatted = parse_markdown("# Help\n\n## Notes\n\nSome <b>bold</b> text<br>and `<b>` kept.\n")
    assert formatted.notes == []
    assert formatted.sections[0].blocks == ["Some bold text and <b> kept."]
