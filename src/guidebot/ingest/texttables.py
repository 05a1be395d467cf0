"""Tables in plain text: columns lined up with spaces or tabs, as people type them.

A plain-text reader joins a block's lines into one paragraph, which would run a table's
rows and columns together ("Matinees Stalls, rows A to P £32 £38 £28 Stalls, rows Q ...").
A block is a table when every line splits into the same number of cells (two or more) at
tabs or runs of two or more spaces, and, split at spaces, every column lines up: its cells
start, or end (figures set flush right), at the same place on every line. Prose typed with
two spaces after each full stop splits too, but its pieces do not line up. Lines of rule
characters only ("-----  ------") are left out.
"""

from __future__ import annotations

import re

from guidebot.ingest.articles import table_events

_GAP = re.compile(r"\t+| {2,}")
_RULE = re.compile(r"[-=+|: \t]{3,}")
_FIGURE = re.compile(r"\d")


def aligned_rows(lines: list[str]) -> list[str] | None:
    """The rows of a table typed in plain text, each as table_events words it ("Seating
    area: Stalls; Matinees: £28", under a header row), or None when the lines are no such
    table. `lines`: one block's lines, as read (indentation kept or stripped alike)."""
    lines = [line.rstrip() for line in lines if line.strip() and not _RULE.fullmatch(line)]
    if len(lines) < 2:
        return None
    spans = [_cells(line) for line in lines]
    width = len(spans[0])
    if width < 2 or any(len(cells) != width for cells in spans):
        return None
    if not any("\t" in line for line in lines) and not _lined_up(spans):
        return None
    rows = [[text for text, _, _ in cells] for cells in spans]
    header = rows[0] if _is_header(rows) else None
    body = rows[1:] if header else rows
    return [text for kind, text, _ in table_events(body, header) if kind == "row"]


def _cells(line: str) -> list[tuple[str, int, int]]:
    """(text, start, end) of each cell of a line, split at tabs or runs of spaces."""
    cells, start = [], len(line) - len(line.lstrip())
    for gap in _GAP.finditer(line, start):
        cells.append((line[start : gap.start()], start, gap.start()))
        start = gap.end()
    cells.append((line[start:], start, len(line)))
    return cells


def _lined_up(spans: list[list[tuple[str, int, int]]]) -> bool:
    """Whether every column after the first starts, or ends, at one place on every line."""
    for column in range(1, len(spans[0])):
        starts = {cells[column][1] for cells in spans}
        ends = {cells[column][2] for cells in spans}
        if len(starts) > 1 and len(ends) > 1:
            return False
    return True


def _is_header(rows: list[list[str]]) -> bool:
    """Whether the first row names the columns: it holds no figure while a row under it
    does ("Seating area  Matinees" over "Dress Circle  £30")."""
    first, rest = rows[0], rows[1:]
    has_figure = any(_FIGURE.search(cell) for cell in first)
    return not has_figure and any(_FIGURE.search(cell) for row in rest for cell in row)
