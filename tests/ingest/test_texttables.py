"""Tables typed in plain text with their columns lined up (ingest/texttables.py)."""

from __future__ import annotations

from guidebot.ingest.plaintext import parse_plain_text
from guidebot.ingest.texttables import aligned_rows

PRICES = [
    "Seating area        Evenings   Matinees",
    "Stalls              £32        £28",
    "Dress Circle        £34        £30",
]


def test_lined_up_columns_under_a_header_become_named_cells():
    assert aligned_rows(PRICES) == [
        "Seating area: Stalls; Evenings: £32; Matinees: £28",
        "Seating area: Dress Circle; Evenings: £34; Matinees: £30",
    ]


def test_figures_set_flush_right_and_rule_lines_still_make_a_table():
    lines = [
        "Room         Price",
        "-----------  -----",
        "Single         £80",
        "Family        £140",
    ]
    assert aligned_rows(lines) == ["Room: Single; Price: £80", "Room: Family; Price: £140"]


def test_tabs_make_a_table_and_a_first_row_with_figures_is_no_header():
    assert aligned_rows(["Monday\t9am\t5pm", "Saturday\t10am\t4pm"]) == [
        "Monday | 9am | 5pm",
        "Saturday | 10am | 4pm",
    ]


def test_prose_typed_with_two_spaces_after_a_full_stop_is_no_table():
    prose = [
        "Doors open at seven.  The bar opens at six and",
        "closes after the interval.  Please be seated by",
        "five to the hour, as latecomers wait.  Thank you.",
    ]
    assert aligned_rows(prose) is None
    assert aligned_rows(["One line  alone"]) is None
    assert aligned_rows(["a  b", "c  d  e"]) is None  # rows of other widths


def test_a_plain_text_article_keeps_its_table_rows():
    text = "\n".join(
        [
            "Visiting the Tollgate",
            "",
            "Ticket Prices",
            "",
            "Prices depend on where you sit and on the day of the performance you choose.",
            "",
            *PRICES,
            "",
            "Getting Here",
            "",
            "The theatre is a short walk from the station along the river path.",
        ]
    )
    (prices, _) = parse_plain_text(text).sections
    assert prices.blocks[1] == (
        "- Seating area: Stalls; Evenings: £32; Matinees: £28\n"
        "- Seating area: Dress Circle; Evenings: £34; Matinees: £30"
    )
