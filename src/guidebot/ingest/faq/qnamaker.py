"""QnA Maker / Custom Question Answering exports (TSV, or the sheet of an Excel export).

Columns: Question, Answer, Source, Metadata, SuggestedQuestions, IsContextOnly, Prompts,
QnaId (old exports have only the first four). Each row is one wording; the rows sharing a
QnaId are one entry, the first row's question its question and the others its alternates.
Answers write a line break as the two characters "\\n". Metadata "name:value|name:value" and
Source go into the entry's metadata; Prompts, a JSON list of {DisplayOrder, QnaId,
DisplayText}, become follow_ups (as row keys: ingest turns them into entry ids).
"""

from __future__ import annotations

import json

from guidebot.ingest.faq.columns import plain_name
from guidebot.ingest.faq.rows import (
    Grid,
    Row,
    answer_text,
    has_both,
    in_display_order,
    one_line,
    question_text,
    raise_problems,
    too_many_cells,
)

FORM = "a QnA Maker export"


def read_qna_grids(grids: list[tuple[Grid, int]]) -> tuple[list[Row], list[str]]:
    """Rows of the grids (with the index of each one's header row) and notes.

    Raises InputError listing every problem: a Prompts cell that is not a JSON list of
    prompts, a prompt to a QnaId the export lacks, Metadata that is not name:value, one
    QnaId with two answers, a question without an answer.
    """
    entries: dict[str, Row] = {}
    prompt_lines: list[tuple[str, str]] = []  # (where, QnaId a prompt points to)
    problems: list[str] = []
    suggested = 0
    for grid, header in grids:
        names = [plain_name(c) for c in grid.rows[header][1]]
        asked = [i for i, name in enumerate(names) if name in ("question", "answer")]
        for line, cells in grid.rows[header + 1 :]:
            cell = {name: (cells[i] if i < len(cells) else "") for i, name in enumerate(names)}
            where = grid.where(line)
            if any(c.strip() for c in cells[len(names) :]):  # text no column names is lost
                problems.append(too_many_cells(where, len(names), len(cells), "a tab"))
                continue
            question = question_text(cell.get("question"))
            answer = answer_text(cell.get("answer"), escapes=True)
            if not has_both(problems, where, question, answer, grid.why_empty(line, asked)):
                continue
            suggested += cell.get("suggestedquestions", "").strip() not in {"", "[]"}
            key = one_line(cell.get("qnaid"))
            prompts = _prompts(cell.get("prompts", ""), where, problems)
            prompt_lines += [(where, target) for target in prompts]
            metadata = _metadata(cell, where, problems)
            # Old exports have no QnaId: each row stands alone until the rows with one answer
            # are merged like those of any table.
            entry = entries.get(key) if key else None
            if entry is None:
                entries[key or where] = Row(
                    where, question, answer, key=key, follow_ups=prompts, metadata=metadata
                )
            elif " ".join(entry.answer.split()) != " ".join(answer.split()):
                problems.append(
                    f"{where}: QnaId {key} has another answer here than at {entry.where}"
                )
            else:
                entry.alternates.append(question)
                entry.follow_ups += [p for p in prompts if p not in entry.follow_ups]
                entry.metadata = metadata | entry.metadata
    for where, target in prompt_lines:
        if target not in entries:
            problems.append(
                f"{where}: a prompt leads to QnaId {target}, which is not in the export"
            )
    raise_problems(problems)
    notes = []
    if suggested:
        rows = "1 row has" if suggested == 1 else f"{suggested} rows have"
        notes.append(
            f"{grids[0][0].shown}: {rows} SuggestedQuestions; they were not brought in "
            "(nobody has accepted them yet)"
        )
    return list(entries.values()), notes


def _prompts(cell: str, where: str, problems: list[str]) -> list[str]:
    """The QnaIds a Prompts cell leads to, in their DisplayOrder."""
    if not cell.strip():
        return []
    try:
        value = json.loads(cell)
    except json.JSONDecodeError as error:
        problems.append(f"{where}: the Prompts cell is not JSON ({error.msg}): {cell[:60]}")
        return []
    targets: list[tuple[object, str]] = []
    for prompt in value if isinstance(value, list) else [None]:
        fields = (
            {plain_name(str(k)): v for k, v in prompt.items()} if isinstance(prompt, dict) else {}
        )
        target, order = fields.get("qnaid"), fields.get("displayorder")
        if isinstance(target, bool) or not isinstance(target, int | str) or not str(target).strip():
            problems.append(
                f"{where}: the Prompts cell must be a JSON list of prompts like "
                '{"DisplayOrder": 1, "QnaId": 2, "DisplayText": "..."}'
            )
            return []
        targets.append((order, str(target).strip()))
    return in_display_order(targets)


def _metadata(cell: dict[str, str], where: str, problems: list[str]) -> dict[str, str]:
    """Metadata pairs, then Source and IsContextOnly, which QnA Maker keeps beside them."""
    metadata: dict[str, str] = {}
    for pair in cell.get("metadata", "").split("|"):
        if not pair.strip():
            continue
        name, colon, value = pair.partition(":")
        if not colon or not name.strip() or not value.strip():
            problems.append(f"{where}: metadata '{pair.strip()}' is not name:value")
            continue
        metadata[" ".join(name.split())] = " ".join(value.split())
    source = one_line(cell.get("source"))
    if source:
        metadata.setdefault("source", source)
    if one_line(cell.get("iscontextonly")).lower() == "true":
        metadata.setdefault("context_only", "true")  # only reachable through a prompt there
    return metadata
