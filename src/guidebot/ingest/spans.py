"""HTML tables whose cells span rows or columns, made plain grids before they are read.

A reader sees a cell spanning two rows ("Adults" over the 1-hour and the 2-hour price) as
the value of both; the readers of tables (trafilatura for a web page, guidebot.ingest.
fragments for HTML in Markdown) gave it to the first row only, and the second row, a cell
short, lost the name of every column (or, on a web page, the cell's value). So each
spanning cell gets a copy in every row and column it covers, as pandas.read_html fills a
spanned table, except:

- a row of one cell spanning its columns (a title, or a label over the rows under it)
  stays one cell: said once, not once per column;
- a header written in two rows (a spanning "Price" over "Monthly" and "Yearly") becomes
  one header row ("Price Monthly", "Price Yearly"), so that each column keeps the whole of
  its name;
- a column in which only copies would stand (a colspan=100 in a table of three columns)
  is no column: a row keeps the table's width.
"""

from __future__ import annotations

import copy
import re

# lxml ships no type information; what is used of it here is checked by the tests.
import lxml.html  # type: ignore[import-untyped]
from lxml.html import HtmlElement

MAX_SPAN = 100  # as trafilatura caps it: a cell of colspan=10000 makes no 10,000 copies
_CELLS = {"td", "th"}
_APART = {"br", "p", "div", "li", "ul", "ol", "table", "tr", "td", "th", "h1", "h2", "h3"}
_NO_TEXT = {"script", "style", "template"}
_NUMBER = re.compile(r"\s*([0-9]+)")  # as a browser reads a span: "2", " 2 ", "2.0" are 2


def unspan_tables(root: HtmlElement) -> bool:
    """Make every table under root a plain grid (see the module docstring), in place;
    whether any table changed."""
    changed = False
    # Inner tables first: a copy of a cell holding one holds it as a grid already.
    for table in reversed(list(root.iter("table"))):
        changed = _unspan(table) or changed
    return changed


def _span(cell: HtmlElement, name: str) -> int:
    """A cell's rowspan or colspan: 1 when it gives none a browser reads, up to MAX_SPAN."""
    number = _NUMBER.match(cell.get(name) or "")
    return min(int(number.group(1)), MAX_SPAN) if number else 1


def _layout(rows: list[HtmlElement]) -> list[list[HtmlElement]]:
    """The cell in each column of each row, a spanning cell in every slot it covers (as
    the HTML table model places them). A span ends with its row group (<thead>, <tbody>),
    and rowspan=0 reaches to that group's end."""
    grid: list[list[HtmlElement]] = []
    below: dict[int, tuple[HtmlElement, int]] = {}  # column -> (cell spanning into it, rows left)
    group = None
    for index, row in enumerate(rows):
        if row.getparent() is not group:
            below, group = {}, row.getparent()
        slots: list[HtmlElement] = []
        for cell in (child for child in row if child.tag in _CELLS):
            while len(slots) in below:
                slots.append(_take(below, len(slots)))
            down = _span(cell, "rowspan")
            if down == 0:
                down = sum(1 for later in rows[index:] if later.getparent() is group)
            for _ in range(max(_span(cell, "colspan"), 1)):
                if len(slots) in below:  # cells written over a span from above: theirs
                    _take(below, len(slots))
                if down > 1:
                    below[len(slots)] = (cell, down - 1)
                slots.append(cell)
        while below and max(below) >= len(slots):  # spans from above past its own cells
            slots.append(_take(below, len(slots)) if len(slots) in below else _gap())
        grid.append(slots)
    return grid


def _gap() -> HtmlElement:
    """An empty cell where a row written short has no cell before a span from above."""
    return lxml.html.Element("td")


def _take(below: dict[int, tuple[HtmlElement, int]], column: int) -> HtmlElement:
    cell, left = below.pop(column)
    if left > 1:
        below[column] = (cell, left - 1)
    return cell


def _is_label(slots: list[HtmlElement]) -> bool:
    """A row of one cell spanning its columns: a title, or a label over the rows under it."""
    return len(slots) > 1 and all(cell is slots[0] for cell in slots)


def _columns(rows: list[HtmlElement], grid: list[list[HtmlElement]]) -> list[int]:
    """The columns some cell starts in. One where only copies would stand (a cell of
    colspan=100 in a table of three columns) is no column the table shows."""
    starts = {
        column
        for row, slots in zip(rows, grid, strict=True)
        for column, cell in enumerate(slots)
        if cell.getparent() is row and (column == 0 or slots[column - 1] is not cell)
    }
    return sorted(starts)


def _unspan(table: HtmlElement) -> bool:
    rows = [row for row in table.iter("tr") if next(row.iterancestors("table"), None) is table]
    cells = [cell for row in rows for cell in row if cell.tag in _CELLS]
    if all(_span(cell, "rowspan") == _span(cell, "colspan") == 1 for cell in cells):
        return False
    grid = _layout(rows)
    columns = _columns(rows, grid)
    grid = [s if _is_label(s) else [s[c] for c in columns if c < len(s)] for s in grid]
    header = _two_row_header(rows, grid)
    for row, slots in zip(rows, grid, strict=True):
        if _is_label(slots):
            continue
        for cell in [child for child in row if child.tag in _CELLS]:
            row.remove(cell)
        for cell in slots:
            placed = cell if cell.getparent() is None else _copy(cell)
            placed.attrib.pop("rowspan", None)
            placed.attrib.pop("colspan", None)
            row.append(placed)
    if header:
        _join_header(header)
    return True


def _copy(cell: HtmlElement) -> HtmlElement:
    """A copy of cell for another slot it covers; empty when it holds a table, which a web
    page's reader says as a table of its own: once, not once per slot."""
    if next(cell.iter("table"), None) is not None:
        return lxml.html.Element(cell.tag)
    copied = copy.deepcopy(cell)
    copied.tail = None  # what stands after the cell in the source stays once
    return copied


def _two_row_header(rows: list[HtmlElement], grid: list[list[HtmlElement]]) -> list[HtmlElement]:
    """The rows of a header written in two (or more): header cells (<th>) only, the first
    row's spanning columns the rows under it name ("Price" over "Monthly" and "Yearly");
    empty when the table has no such header. Title rows above it are no part of it."""
    first = next((i for i, slots in enumerate(grid) if not _is_label(slots)), len(grid))
    run = first
    while run < len(grid) and not _is_label(grid[run]) and _all_heads(grid[run]):
        run += 1
    slots = grid[first] if first < len(grid) else []
    spans = any(a is b for a, b in zip(slots, slots[1:], strict=False))
    return rows[first:run] if run - first > 1 and spans else []


def _all_heads(slots: list[HtmlElement]) -> bool:
    return bool(slots) and all(cell.tag == "th" for cell in slots)


def _join_header(rows: list[HtmlElement]) -> None:
    """Make the header's rows (as unspan_tables left them, a cell in every column) one:
    each column named by the words of its cells top down, each said once."""
    columns = [[cell for cell in row if cell.tag in _CELLS] for row in rows]
    for column, cell in enumerate(columns[0]):
        words = [_words(cells[column]) for cells in columns if column < len(cells)]
        for child in list(cell):
            cell.remove(child)
        cell.text = " ".join(dict.fromkeys(filter(None, words)))
    for row in rows[1:]:
        row.getparent().remove(row)


def _words(element: HtmlElement) -> str:
    """An element's words, those of a block or a line break apart from the words around
    them ("Price<br>per month" is "Price per month"), as the readers after this read them."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in _NO_TEXT:  # else a comment
            words = _words(child)
            parts.append(f" {words} " if child.tag in _APART else words)
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())
