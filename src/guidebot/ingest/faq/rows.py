"""What every FAQ reader produces: Rows (one FAQ entry each) and Grids (cells of a sheet), and
the cleaning every cell goes through on the way in."""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from guidebot.errors import InputError
from guidebot.ingest.faq.markup import plain_answer, plain_line
from guidebot.knowledge.yamlsource import line_of

# Bullets people type or paste ("•", "◦", "*", "–") become the "- " of the guides' lists.
_BULLET = re.compile(r"^[ \t]*[•◦▪‣●·*–][ \t]+", re.M)


@dataclass
class Row:
    """One FAQ entry read from an input, with the place it came from for messages.

    `key` is the export's own name for the entry (a QnA Maker QnaId, a QnABot qid) and
    `follow_ups` holds keys of other rows of the same input; ingest turns both into entry ids.
    """

    where: str  # "file:line"
    question: str
    answer: str  # line breaks kept: they are the answer's paragraphs and list items
    alternates: list[str] = field(default_factory=list)
    section: str = ""
    guide: str = ""
    id: str = ""
    key: str = ""
    follow_ups: list[str] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass
class Grid:
    """The non-empty rows of one sheet or delimited file, as (line or row number, cells)."""

    shown: str  # the name messages use: "faq.csv", "export.zip/kb.tsv"
    rows: list[tuple[int, list[str]]]
    # By row number and column, a workbook's cells holding a formula but no value, which
    # read as empty: (the cell's name, its formula).
    unsaved: dict[int, dict[int, tuple[str, str]]] = field(default_factory=dict)
    separator: str = ""  # of a delimited file, as read; "" for a sheet

    def where(self, line: int) -> str:
        return f"{self.shown}:{line}"

    def why_empty(self, line: int, columns: Iterable[int]) -> str:
        """Why the cells of these columns in this row may read as empty ("cell B7 holds the
        formula ... but no value ..."), "" when nothing explains it."""
        found = [self.unsaved.get(line, {}).get(c) for c in columns]
        cells = [cell for cell in found if cell is not None]
        if not cells:
            return ""
        said = (
            f"cell {cells[0][0]} holds the formula {cells[0][1][:60]}"
            if len(cells) == 1
            else f"cells {', '.join(name for name, _ in cells)} hold formulas"
        )
        return (
            f"{said} but no value: if the sheet shows one, open the workbook in a spreadsheet "
            "app and save it, or paste values"
        )

    def unread_rows(self, columns: Iterable[int]) -> list[int]:
        """Rows left out as empty whose cells in these columns hold formulas without values,
        in order: a row of questions and answers that would otherwise go unsaid."""
        wanted, kept = set(columns), {line for line, _ in self.rows}
        return sorted(
            line for line, cells in self.unsaved.items() if line not in kept and wanted & set(cells)
        )


def one_line(value: object) -> str:
    """A cell as one line of text: spaces collapsed; lists, mappings and booleans are empty."""
    if value is None or isinstance(value, bool | list | dict):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # Excel stores 12 as 12.0
    return " ".join(str(value).split())


def question_text(value: object) -> str:
    """A question cell as one line of plain text: markup dropped as from an answer
    (markup.plain_line), so that no tag shows in a suggestion or an answer's title."""
    return plain_line(one_line(value))


def answer_text(value: object, escapes: bool = False) -> str:
    """An answer cell as text whose line breaks are kept (paragraphs, list items).

    HTML and Markdown links become plain text with "text (url)"; with escapes, the literal
    two-character "\\n" that some exports write for a line break is one.
    """
    if value is None or isinstance(value, bool | list | dict):
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    if escapes:
        text = text.replace("\\r\\n", "\n").replace("\\n", "\n")
    text = _BULLET.sub("- ", plain_answer(text))
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def split_alternates(value: object) -> list[str]:
    """Alternates from a list, or from text with one per line or separated by '|' or ';'
    (a spreadsheet's cell of several wordings is written either way; one wording of a
    question has no use for a semicolon)."""
    if value is None or isinstance(value, bool | dict):
        return []
    items = value if isinstance(value, list) else re.split(r"[|;\n]", str(value))
    return unique_texts(question_text(item) for item in items)


def unique_texts(texts: Iterable[str]) -> list[str]:
    """Non-empty texts in their order, each once (case and spacing aside)."""
    seen: set[str] = set()
    kept: list[str] = []
    for text in texts:
        key = question_key(text)
        if text and key not in seen:
            seen.add(key)
            kept.append(text)
    return kept


def question_key(text: str) -> str:
    """What makes two wordings the same question: case, spacing and end punctuation aside."""
    return " ".join(text.casefold().split()).rstrip("?!.。？ ")


def has_both(problems: list[str], where: str, question: str, answer: str, why: str = "") -> bool:
    """Whether a question and an answer are both there; else note the problem, with `why`
    a cell may read as empty (Grid.unsaved), or, when both are empty and nothing explains
    it, skip the row quietly: blank lines in a sheet are no mistake."""
    because = f" ({why})" if why else ""
    if not question and not answer:
        if why:
            problems.append(f"{where}: no question or answer{because}")
        return False
    if not question:
        problems.append(f"{where}: the answer has no question{because}")
        return False
    if not answer:
        problems.append(
            f"{where}: the question '{question}' has no answer{because}; write one, or delete "
            "the row"
        )
        return False
    return True


def row_of(
    problems: list[str],
    where: str,
    values: Mapping[str, object],
    others: Mapping[str, object] | None = None,
    why: str = "",
) -> Row | None:
    """The Row of one record whose keys are our column names (question, answer, alternates,
    section, guide, id), or None with a problem when its question or answer is missing
    (`why` as has_both's). `others`, the record's other columns by name, go into its
    metadata (those filled)."""
    question = question_text(values.get("question"))
    answer = answer_text(values.get("answer"))
    if not has_both(problems, where, question, answer, why):
        return None
    metadata = {" ".join(k.split()): metadata_value(v) for k, v in (others or {}).items()}
    return Row(
        where=where,
        question=question,
        answer=answer,
        alternates=split_alternates(values.get("alternates")),
        section=one_line(values.get("section")),
        guide=one_line(values.get("guide")),
        id=one_line(values.get("id")).lower(),
        metadata={k: v for k, v in metadata.items() if k and v},
    )


def metadata_value(value: object) -> str:
    """A value kept under metadata, as one line of text: dates as 2025-03-01, booleans as
    true / false; "" for nothing (None, NaN, an empty cell) and for lists and mappings."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and math.isnan(value):
        return ""
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return one_line(value)


def metadata_names(names: Mapping[int, str]) -> dict[int, str]:
    """Names for the columns kept as metadata, by column index: spaces collapsed, "column 3"
    for one without a header, and "Category (2)" for a name already taken, so that no
    column's values overwrite another's."""
    named: dict[int, str] = {}
    taken: set[str] = set()
    for index, name in names.items():
        base = " ".join(name.split()) or f"column {index + 1}"
        unique, n = base, 2
        while unique.lower() in taken:
            unique, n = f"{base} ({n})", n + 1
        taken.add(unique.lower())
        named[index] = unique
    return named


def item_at(shown: str, item: object, number: int) -> str:
    """Where an item of a JSON or YAML export stands: "file:line" when the parser kept its
    line, else "file: item N"."""
    line = line_of(item)
    return f"{shown}:{line}" if line else f"{shown}: item {number}"


def wordings_of(value: object) -> list[str]:
    """A list of questions as one-line texts, each once; [] for anything but a list."""
    return unique_texts(question_text(q) for q in value) if isinstance(value, list) else []


def in_display_order(prompts: Iterable[tuple[object, str]]) -> list[str]:
    """The targets of follow-up prompts given as (display order, target), ordered by it (a
    missing or non-numeric order counts as 0), each once."""
    ranked = [
        (order if isinstance(order, int | float) and not isinstance(order, bool) else 0, target)
        for order, target in prompts
    ]
    return list(dict.fromkeys(target for _, target in sorted(ranked, key=lambda t: t[0])))


def raise_problems(problems: list[str]) -> None:
    """Every problem found at once: people fix a file in one go rather than error by error."""
    if problems:
        raise InputError("\n".join(problems))


def too_many_cells(where: str, expected: int, found: int, separator: str = "a comma") -> str:
    """The problem of a row with non-empty cells past the header's last column."""
    return (
        f"{where}: {found} cells where the table has {expected} columns; a cell that holds "
        f"the separator (e.g. {separator}) must be in double quotes"
    )
