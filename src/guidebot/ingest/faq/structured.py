"""Generic FAQ lists in JSON or YAML: a list of entries, or a mapping holding one under a
key such as "faq" or "entries"; each entry names its fields like a table's columns."""

from __future__ import annotations

from typing import Any

from guidebot.errors import InputError
from guidebot.ingest.faq.columns import column_key
from guidebot.ingest.faq.rows import (
    Row,
    raise_problems,
    row_of,
    split_alternates,
)
from guidebot.knowledge.yamlsource import line_of

LIST_KEYS = ("faq", "faqs", "entries", "questions", "items")
# A guidebot FAQ file's field that ingest works out again for the knowledge it writes.
_RECOMPUTED = {"section_hash"}
FORM = "a list of questions and answers"


def read_entries(data: Any, shown: str) -> tuple[list[Row], list[str]]:
    """Rows of a parsed JSON or YAML document, and notes on the fields kept as metadata
    (plain values under names no column has, and the items of a guidebot FAQ file's own
    `metadata`) and those ignored (lists and mappings, such as `follow_ups`).

    Raises InputError when it holds no list of entries, or listing every entry without a
    question or an answer.
    """
    if isinstance(data, dict):
        lists = [data[k] for k in data if str(k).lower() in LIST_KEYS and isinstance(data[k], list)]
        data = lists[0] if lists else None
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise InputError(
            f"{shown}: expected a list of entries like "
            '{"question": "...", "answer": "...", "alternates": ["..."]}'
        )
    rows: list[Row] = []
    problems: list[str] = []
    ignored: set[str] = set()
    for number, item in enumerate(data, start=1):
        line = line_of(item)
        where = f"{shown}:{line}" if line else f"{shown}: entry {number}"
        record: dict[str, Any] = {}
        others: dict[str, Any] = {}
        for name, value in item.items():
            key = column_key(str(name), worded=True)
            if key == "alternates" and key in record:  # "alternates" and "similar_questions"
                record[key] = [*split_alternates(record[key]), *split_alternates(value)]
            elif key:
                record[key] = value
            elif name == "metadata" and isinstance(value, dict):  # a guidebot FAQ file's own
                others |= {str(k): v for k, v in value.items()}
            elif isinstance(value, list | dict):
                ignored.add(str(name))
            elif name not in _RECOMPUTED and value is not None:
                others[str(name).strip() or "field"] = value  # as a table's other column
        row = row_of(problems, where, record, others)
        if row is not None:
            rows.append(row)
    if data and not any(any(column_key(str(k)) == "question" for k in item) for item in data):
        raise InputError(f"{shown}: no entry has a 'question' field")
    raise_problems(problems)
    kept = sorted({name for row in rows for name in row.metadata})
    notes = [f"{shown}: kept as metadata: {', '.join(kept)}"] if kept else []
    notes += [f"{shown}: ignored fields: {', '.join(sorted(ignored))}"] if ignored else []
    return rows, notes
