"""Tables whose cells span rows or columns become plain grids (ingest/spans.py): a spanning
cell counts in every row and column it covers, as a reader sees it, while a title row stays
one cell and a header written in two rows becomes one."""

from __future__ import annotations

import lxml.html

from guidebot.ingest.spans import unspan_tables


def _grid(markup: str) -> tuple[bool, list[list[str]]]:
    """(whether unspan_tables changed anything, the outer table's rows as cell texts)."""
    body = lxml.html.document_fromstring(f"<html><body>{markup}").find("body")
    changed = unspan_tables(body)
    table = body.find("table")
    rows = [row for row in table.iter("tr") if next(row.iterancestors("table")) is table]
    texts = [[" ".join(" ".join(cell.itertext()).split()) for cell in row] for row in rows]
    return changed, texts


PRICES = """<table>
<tr><th>Visitor</th><th>Duration</th><th>Price</th></tr>
<tr><td rowspan="2">Adults</td><td>1 hour</td><td>$5</td></tr>
<tr><td>2 hours</td><td>$8</td></tr>
<tr><td>Children</td><td colspan="2">Free</td></tr>
</table>"""


def test_a_cell_spanning_rows_or_columns_stands_in_every_slot_it_covers():
    assert _grid(PRICES) == (
        True,
        [
            ["Visitor", "Duration", "Price"],
            ["Adults", "1 hour", "$5"],
            ["Adults", "2 hours", "$8"],
            ["Children", "Free", "Free"],
        ],
    )


def test_a_table_without_spans_is_left_as_it_is():
    plain = "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td></tr></table>"
    assert _grid(plain) == (False, [["A", "B"], ["1"]])


def test_a_title_or_a_label_row_stays_one_cell():
    table = (
        "<table><tr><th colspan='2'>Prices</th></tr><tr><th>Day</th><th>Price</th></tr>"
        "<tr><td colspan='2'>Weekdays</td></tr><tr><td rowspan='2'>Mon</td><td>$5</td></tr>"
        "<tr><td>$6</td></tr></table>"
    )
    assert _grid(table)[1] == [
        ["Prices"],
        ["Day", "Price"],
        ["Weekdays"],
        ["Mon", "$5"],
        ["Mon", "$6"],
    ]


def test_a_header_written_in_two_rows_names_each_column_by_both():
    table = (
        "<table><tr><th rowspan='2'>Plan</th><th colspan='2'>Price<br>(<b>per</b> user)</th></tr>"
        "<tr><th>Monthly</th><th>Yearly</th></tr>"
        "<tr><td>Team</td><td>$9</td><td>$7</td></tr></table>"
    )
    assert _grid(table)[1] == [
        ["Plan", "Price (per user) Monthly", "Price (per user) Yearly"],
        ["Team", "$9", "$7"],
    ]


def test_header_rows_without_a_spanning_cell_stay_rows():
    """A table of header cells only is no header in two rows: each row stays."""
    table = "<table><tr><th rowspan='2'>Mon</th><th>9-12</th></tr><tr><th>14-18</th></tr></table>"
    assert _grid(table)[1] == [["Mon", "9-12"], ["Mon", "14-18"]]


def test_a_span_ends_with_its_row_group_and_rowspan_0_reaches_its_end():
    table = (
        "<table><thead><tr><th rowspan='3'>K</th><th>V</th></tr></thead>"
        "<tbody><tr><td rowspan='0'>k</td><td>1</td></tr><tr><td>2</td></tr>"
        "<tr><td>3</td></tr></tbody><tbody><tr><td>x</td><td>4</td></tr></tbody></table>"
    )
    assert _grid(table)[1] == [["K", "V"], ["k", "1"], ["k", "2"], ["k", "3"], ["x", "4"]]


def test_a_column_only_copies_would_stand_in_is_no_column():
    """colspan=100, a way of saying "to the end of the row", makes no 99 copies."""
    table = (
        "<table><tr><th>A</th><th>B</th><th>C</th></tr>"
        "<tr><td>1</td><td colspan='100'>2</td></tr></table>"
    )
    assert _grid(table)[1] == [["A", "B", "C"], ["1", "2", "2"]]


def test_a_row_written_short_keeps_a_span_from_above_in_its_column():
    table = (
        "<table><tr><th>A</th><th>B</th><th>C</th></tr>"
        "<tr><td>1</td><td>2</td><td rowspan='2'>3</td></tr><tr><td>4</td></tr></table>"
    )
    assert _grid(table)[1] == [["A", "B", "C"], ["1", "2", "3"], ["4", "", "3"]]


def test_a_cell_holding_a_table_is_not_copied_so_its_table_is_said_once():
    table = (
        "<table><tr><td rowspan='2'><table><tr><td rowspan='2'>i</td><td>j</td></tr>"
        "<tr><td>k</td></tr></table></td><td>1</td></tr><tr><td>2</td></tr></table>"
    )
    assert _grid(table)[1] == [["i j i k", "1"], ["", "2"]]  # the inner table is a grid too
