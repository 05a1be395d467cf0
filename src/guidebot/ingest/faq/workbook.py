"""Excel workbooks (.xlsx) read with openpyxl into a Grid: the first sheet whose header names
a question and an answer column, else the first sheet."""

from __future__ import annotations

import datetime
import io
from typing import Any

import openpyxl  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from guidebot.errors import InputError
from guidebot.ingest.faq.columns import names_columns
from guidebot.ingest.faq.rows import Grid

MAX_ROWS = 100_000  # far more than any FAQ; a runaway sheet should not take the memory
_HEADER_SEARCH = 10  # rows looked at for a header: titles or blank rows may come first


def read_workbook(data: bytes, shown: str) -> tuple[Grid, str]:
    """The Grid of the sheet to read (row numbers as Excel shows them) and that sheet's name.

    Raises InputError when the workbook cannot be opened or has no rows at all.
    """
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # zipfile, XML and openpyxl errors share no narrower base
        raise InputError(f"{shown}: not a readable Excel workbook ({error})") from None
    try:
        sheets = list(book.worksheets)
        if not sheets:
            raise InputError(f"{shown}: the workbook has no sheets")
        chosen = next((s for s in sheets if _has_header(s)), sheets[0])
        grid = Grid(shown, _rows(chosen, shown), _unsaved_formulas(data, chosen))
        if not grid.rows:
            raise InputError(f"{shown}: the sheet '{chosen.title}' is empty")
        return grid, str(chosen.title)
    finally:
        book.close()


def _unsaved_formulas(data: bytes, sheet: Any) -> dict[int, dict[int, tuple[str, str]]]:
    """By row and column, the cells of `sheet` (read for its saved values) holding a formula
    but no value: a workbook written by a program, not a spreadsheet app, saves no result,
    and openpyxl cannot compute one (each as its cell's name and formula, for messages:
    Grid.unsaved). The workbook is read once more, for its formulas."""
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    unsaved: dict[int, dict[int, tuple[str, str]]] = {}
    try:
        formulas = book[sheet.title].iter_rows(min_row=1, max_row=MAX_ROWS, values_only=True)
        saved = sheet.iter_rows(min_row=1, max_row=MAX_ROWS, values_only=True)
        for number, (written, kept) in enumerate(zip(formulas, saved, strict=False), start=1):
            cells = {
                column: (f"{get_column_letter(column + 1)}{number}", formula)
                for column, formula in enumerate(written)
                if isinstance(formula, str)
                and formula.startswith("=")
                and (kept[column] if column < len(kept) else None) is None
            }
            if cells:
                unsaved[number] = cells
    finally:
        book.close()
    return unsaved


def _has_header(sheet: Any) -> bool:
    rows = sheet.iter_rows(min_row=1, max_row=_HEADER_SEARCH, values_only=True)
    return any(names_columns([_cell(v) for v in values]) for values in rows)


def _rows(sheet: Any, shown: str) -> list[tuple[int, list[str]]]:
    rows: list[tuple[int, list[str]]] = []
    values_by_row = sheet.iter_rows(min_row=1, values_only=True)
    for number, values in enumerate(values_by_row, start=1):
        if number > MAX_ROWS:
            raise InputError(f"{shown}: more than {MAX_ROWS} rows; is this really a FAQ?")
        cells = [_cell(v) for v in values]
        while cells and not cells[-1]:
            cells.pop()
        if any(c.strip() for c in cells):
            rows.append((number, cells))
    return rows


def _cell(value: object) -> str:
    """A cell as the text Excel shows: 12 not 12.0, dates as 2025-03-01, line breaks kept."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("_x000D_", "")
