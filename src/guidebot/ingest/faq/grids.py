"""A Grid (from CSV, TSV or Excel) read as FAQ rows, whichever of three shapes it has:

- a header naming the columns (question, answer, alternates separated by '|', ';' or
  line breaks, section, guide, id; other columns, a Category say, go into each entry's metadata);
- a QnA Maker / Custom Question Answering export (see guidebot.ingest.faq.qnamaker);
- no header and two columns, question then answer (Dialogflow's FAQ format).
"""

from __future__ import annotations

from collections.abc import Sequence

from guidebot.errors import InputError
from guidebot.ingest.faq import qnamaker
from guidebot.ingest.faq.columns import (
    column_key,
    is_qna_header,
    looks_like_header,
    misspelt_column,
    names_columns,
)
from guidebot.ingest.faq.rows import (
    Grid,
    Row,
    answer_text,
    has_both,
    metadata_names,
    question_text,
    raise_problems,
    row_of,
    too_many_cells,
)

HEADER_SEARCH = 10  # a title row or two above the header is common in a sheet
TABLE = "a question/answer table"
SEPARATORS = {";": "semicolons", "\t": "tabs", "|": "bars"}  # "," goes without saying
HEADERLESS = "a headerless question,answer table, Dialogflow's FAQ format"


def read_grids(grids: list[Grid]) -> tuple[list[Row], str, list[str]]:
    """Rows of one table (several grids only for QnA Maker: one file per source in a zip),
    a description of the shape found, and notes. Raises InputError listing every problem."""
    headers = [_header(grid) for grid in grids]
    if all(
        h is not None and is_qna_header(grid.rows[h][1])
        for grid, h in zip(grids, headers, strict=True)
    ):
        rows, notes = qnamaker.read_qna_grids(
            [(g, h or 0) for g, h in zip(grids, headers, strict=True)]
        )
        return rows, qnamaker.FORM, notes
    grid, header = grids[0], headers[0]
    if header is None:
        return _headerless(grid), HEADERLESS, []
    notes = [f"{grid.where(line)}: skipped, above the header" for line, _ in grid.rows[:header]]
    rows, more = _with_header(grid, header)
    # Said, so that whoever exported it sees that Excel's ";" or a tab was understood.
    separated = SEPARATORS.get(grid.separator, "")
    return rows, TABLE + (f" separated by {separated}" if separated else ""), notes + more


def _header(grid: Grid) -> int | None:
    """Index of the header row in grid.rows, or None for a table without one."""
    if not grid.rows:
        raise InputError(f"{grid.shown}: the table is empty")
    first = grid.rows[0][1]
    if names_columns(first):
        return 0
    for index, (_, cells) in enumerate(grid.rows[1:HEADER_SEARCH], start=1):
        # Above a header only short title rows may stand: one filled cell each.
        if names_columns(cells) and all(
            sum(1 for c in r if c.strip()) <= 1 for _, r in grid.rows[:index]
        ):
            return index
    # Without a header most rows hold a question and an answer; the rows that do not are
    # reported one by one rather than as "no question column".
    pairs = sum(1 for _, cells in grid.rows if sum(1 for c in cells if c.strip()) == 2)
    if 2 * pairs >= len(grid.rows) and not looks_like_header(first):
        return None
    found = ", ".join(repr(c.strip()) for c in first if c.strip()) or "none"
    raise InputError(
        f"{grid.where(grid.rows[0][0])}: no 'question' column (columns found: {found})"
        f"{misspelt_column('question', first)}; name "
        "the columns question, answer and optionally alternates, section, guide, id (or give "
        "a table without a header: two columns, the question then its answer)"
    )


def _with_header(grid: Grid, header: int) -> tuple[list[Row], list[str]]:
    line, names = grid.rows[header]
    columns: dict[int, str] = {}
    others: dict[int, str] = {}  # every other column, named or not, for metadata
    for index, name in enumerate(names):
        key = column_key(name, worded=True)
        # Several columns of other wordings ("Alternate 1", "Alternate 2") are all read.
        if key and (key == "alternates" or key not in columns.values()):
            columns[index] = key
        else:
            others[index] = name
    kept = metadata_names(others)
    for needed in ("question", "answer"):
        if needed not in columns.values():
            found = ", ".join(repr(h.strip()) for h in names if h.strip()) or "none"
            raise InputError(
                f"{grid.where(line)}: no '{needed}' column (columns found: {found})"
                f"{misspelt_column(needed, names)}; name the columns question, answer and "
                "optionally alternates, section, guide, id"
            )
    rows: list[Row] = []
    problems: list[str] = []
    asked = [i for i, key in columns.items() if key in ("question", "answer")]
    for number, cells in _with_unread(grid, grid.rows[header + 1 :], asked, after=line):
        where = grid.where(number)
        extra = [c for c in cells[len(names) :] if c.strip()]
        if extra:
            problems.append(too_many_cells(where, len(names), len(cells)))
            continue
        values: dict[str, str] = {}
        for i, key in columns.items():
            cell = cells[i] if i < len(cells) else ""
            values[key] = f"{values[key]}\n{cell}" if key in values else cell
        extras = {name: cells[i] for i, name in kept.items() if i < len(cells)}
        row = row_of(problems, where, values, extras, grid.why_empty(number, asked))
        if row is not None:
            rows.append(row)
    raise_problems(problems)
    used = {name for row in rows for name in row.metadata}
    held = [name for name in kept.values() if name in used]  # empty columns go unsaid
    notes = [f"{grid.shown}: kept as metadata: {', '.join(held)}"] if held else []
    return rows, notes


def _headerless(grid: Grid) -> list[Row]:
    rows: list[Row] = []
    problems: list[str] = []
    for number, cells in _with_unread(grid, grid.rows, (0, 1)):
        where = grid.where(number)
        if len([c for c in cells if c.strip()]) > 2 or any(c.strip() for c in cells[2:]):
            problems.append(too_many_cells(where, 2, len(cells)))
            continue
        question = question_text(cells[0])
        answer = answer_text(cells[1]) if len(cells) > 1 else ""
        if has_both(problems, where, question, answer, grid.why_empty(number, (0, 1))):
            rows.append(Row(where=where, question=question, answer=answer))
    raise_problems(problems)
    return rows


def _with_unread(
    grid: Grid, rows: list[tuple[int, list[str]]], columns: Sequence[int], after: int = 0
) -> list[tuple[int, list[str]]]:
    """The rows, and in their places (as empty) the rows below `after` left out whose
    question or answer (`columns`) is a formula without a value (Grid.unread_rows), so
    that they are reported, not skipped as blank."""
    unread: list[tuple[int, list[str]]] = [
        (line, []) for line in grid.unread_rows(columns) if line > after
    ]
    return sorted(rows + unread, key=lambda row: row[0]) if unread else rows
