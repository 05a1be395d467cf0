"""Delimited text (CSV, TSV, Excel's semicolon CSV) read into a Grid with line numbers.

The separator comes from the header line: an Excel "sep=;" line, else csv.Sniffer, checked
against the separators that make the header name a question and an answer column. Cells
keep their line breaks. A quote that is never closed would swallow the rows after it into
one cell; that is reported at the line it opens instead of being read silently.
"""

from __future__ import annotations

import csv
import io
import re

from guidebot.errors import InputError
from guidebot.ingest.faq.columns import column_key, is_qna_header
from guidebot.ingest.faq.rows import Grid

CANDIDATES = ",;\t|"
_SEP_LINE = re.compile(r"sep=(.)\s*")
# A line inside a quoted cell that starts like a row of its own ("Do you ...?,"): the sign
# of a quote left open that swallowed the rows after it.
_ROW_LIKE = r"[^\"\n{d}]{{3,}}\?\s*{d}"


def read_delimited(text: str, shown: str, default: str = ",") -> Grid:
    """The rows of text with their first line numbers; default is the separator used when
    the header line does not show one (e.g. a one-column file)."""
    lines = io.StringIO(text, newline="").readlines()
    skip = 0
    while skip < len(lines) and not lines[skip].strip():
        skip += 1
    if skip == len(lines):
        raise InputError(f"{shown}: the file is empty")
    header = lines[skip].rstrip("\r\n")
    sep = _SEP_LINE.fullmatch(header)
    if sep:  # Excel writes and reads "sep=;" as a first line that names the separator
        delimiter = sep.group(1)
        skip += 1
        header = lines[skip].rstrip("\r\n") if skip < len(lines) else ""
    else:
        delimiter = sniff(header, default)
    header_cells = next(csv.reader([header], delimiter=delimiter), [])
    # QnA Maker writes tab-separated text with no quoting at all (a line break is "\n"), so a
    # cell that starts with a quote is text there, not the start of a quoted cell.
    qna = delimiter == "\t" and is_qna_header(header_cells)
    return Grid(shown, _parse(lines, skip, shown, delimiter, quoted=not qna), separator=delimiter)


def sniff(header: str, default: str = ",") -> str:
    """The separator of a header line (see the module docstring)."""
    try:
        sniffed = csv.Sniffer().sniff(header, delimiters=CANDIDATES).delimiter
    except csv.Error:
        sniffed = ""
    # The Sniffer picks "," in "Question;Answer;Notes, internal"; a separator that makes the
    # header name both a question and an answer column is the better witness.
    for candidate in dict.fromkeys([sniffed, *CANDIDATES]):
        if candidate and _names_question_and_answer(header, candidate):
            return candidate
    if sniffed:
        return sniffed
    counts = {c: header.count(c) for c in CANDIDATES}
    best = max(counts, key=lambda c: counts[c])
    return best if counts[best] else default


def _names_question_and_answer(header: str, delimiter: str) -> bool:
    cells = next(csv.reader([header], delimiter=delimiter), [])
    return {"question", "answer"} <= {column_key(c) for c in cells}


def _parse(
    lines: list[str], skip: int, shown: str, delimiter: str, quoted: bool
) -> list[tuple[int, list[str]]]:
    reader = csv.reader(
        iter(lines[skip:]),
        delimiter=delimiter,
        strict=True,
        quoting=csv.QUOTE_MINIMAL if quoted else csv.QUOTE_NONE,
    )
    rows: list[tuple[int, list[str]]] = []
    start = skip + 1
    row_like = re.compile(_ROW_LIKE.format(d=re.escape(delimiter)))
    try:
        for cells in reader:
            end = skip + reader.line_num
            if end > start and any(row_like.match(line) for line in lines[start:end]):
                raise InputError(_unclosed(shown, start))
            if any(c.strip() for c in cells):
                rows.append((start, [c.replace("\r\n", "\n").replace("\r", "\n") for c in cells]))
            start = end + 1
    except csv.Error as error:
        if "field limit" in str(error):  # the csv module's own cap on one cell
            raise InputError(
                f"{shown}:{start}: a cell is longer than {csv.field_size_limit():,} "
                "characters (or a quote opened here is never closed); an FAQ answer that "
                "long is a document: bring it in as a guide"
            ) from None
        if skip + reader.line_num > start or "end of data" in str(error):
            raise InputError(_unclosed(shown, start)) from None
        raise InputError(
            f"{shown}:{start}: not a readable table row ({error}); a cell with a quote in it "
            'must be quoted as a whole, with each quote inside doubled ("")'
        ) from None
    return rows


def _unclosed(shown: str, line: int) -> str:
    return (
        f"{shown}:{line}: a quote opened here is never closed, so the rows after it would "
        "be read as part of this cell; close the quote (or double a quote meant as text)"
    )
