"""FAQ tables (CSV, TSV, JSON, YAML) read into FAQ entries and written as an FAQ YAML file."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field

import yaml

from guidebot.errors import InputError

COLUMNS = {
    "question": {"question", "questions", "q", "query", "ask", "asked"},
    "answer": {"answer", "answers", "a", "reply", "response"},
    "alternates": {
        "alternates",
        "alternate",
        "alternatives",
        "alternative",
        "variants",
        "variations",
        "paraphrases",
        "alsoasked",
        "otherwordings",
    },
    "section": {"section", "heading"},
    "guide": {"guide", "guideslug"},
    "id": {"id", "key", "slug"},
}
LIST_KEYS = ("faq", "faqs", "entries", "questions", "items")


@dataclass
class Row:
    """One FAQ entry read from a table, with the place it came from for messages."""

    where: str  # "file:line" or "file: entry N"
    question: str
    answer: str
    alternates: list[str] = field(default_factory=list)
    section: str = ""
    guide: str = ""
    id: str = ""


def read_table(text: str, shown: str, kind: str) -> tuple[list[Row], list[str]]:
    """Rows of a FAQ table of kind csv, tsv, json or yaml; notes on ignored columns.

    Raises InputError listing every problem (file:line) when the table cannot be used.
    """
    if kind in {"csv", "tsv"}:
        records, notes = _csv_records(text, shown, "\t" if kind == "tsv" else ",")
    else:
        records, notes = _structured_records(text, shown, kind)
    rows: list[Row] = []
    problems: list[str] = []
    for where, record in records:
        values = {key: record.get(key) for key in COLUMNS}
        question, answer = _text(values["question"]), _text(values["answer"])
        if not question and not answer:
            continue
        if not question:
            problems.append(f"{where}: the answer has no question")
            continue
        if not answer:
            problems.append(f"{where}: the question '{question}' has no answer")
            continue
        rows.append(
            Row(
                where=where,
                question=question,
                answer=answer,
                alternates=_alternates(values["alternates"]),
                section=_text(values["section"]),
                guide=_text(values["guide"]),
                id=_text(values["id"]).lower(),
            )
        )
    if problems:
        raise InputError("\n".join(problems))
    if not rows:
        raise InputError(f"{shown}: no questions with answers found")
    return rows, notes


def render_faq(entries: list[dict[str, object]], header: str) -> str:
    """The FAQ YAML file: a comment saying where it came from, then the entries."""
    body = yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=100)
    comments = "".join(f"# {line}\n" for line in header.splitlines())
    return f"{comments}\n{body}"


def _csv_records(text: str, shown: str, delimiter: str) -> tuple[list, list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
        if not header or not any(h.strip() for h in header):
            raise InputError(f"{shown}:1: the first row must name the columns")
        columns, notes = _columns(header, shown)
        records = []
        start = reader.line_num + 1
        for row in reader:
            record = {columns[i]: value for i, value in enumerate(row) if i in columns}
            records.append((f"{shown}:{start}", record))
            start = reader.line_num + 1
    except csv.Error as error:
        raise InputError(f"{shown}:{reader.line_num}: not a readable table ({error})") from None
    return records, notes


def _columns(header: list[str], shown: str) -> tuple[dict[int, str], list[str]]:
    columns: dict[int, str] = {}
    ignored: list[str] = []
    for index, name in enumerate(header):
        key = _column_key(name)
        if key and key not in columns.values():
            columns[index] = key
        elif name.strip():
            ignored.append(name.strip())
    for needed in ("question", "answer"):
        if needed not in columns.values():
            found = ", ".join(repr(h.strip()) for h in header if h.strip()) or "none"
            raise InputError(
                f"{shown}:1: no '{needed}' column (columns found: {found}); name the "
                "columns question, answer and optionally alternates, section, guide, id"
            )
    notes = [f"{shown}: ignored columns: {', '.join(ignored)}"] if ignored else []
    return columns, notes


def _column_key(name: str) -> str:
    plain = re.sub(r"[^a-z]", "", name.lower())
    return next((key for key, names in COLUMNS.items() if plain in names), "")


def _structured_records(text: str, shown: str, kind: str) -> tuple[list, list[str]]:
    try:
        data = json.loads(text) if kind == "json" else yaml.safe_load(text)
    except json.JSONDecodeError as error:
        raise InputError(f"{shown}:{error.lineno}: not valid JSON ({error.msg})") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        reason = getattr(error, "problem", None) or "syntax error"
        raise InputError(f"{shown}{line}: not valid YAML ({reason})") from None
    if isinstance(data, dict):
        lists = [data[k] for k in data if str(k).lower() in LIST_KEYS and isinstance(data[k], list)]
        data = lists[0] if lists else None
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise InputError(
            f"{shown}: expected a list of entries like "
            '{"question": "...", "answer": "...", "alternates": ["..."]}'
        )
    records = []
    ignored: set[str] = set()
    for number, item in enumerate(data, start=1):
        record = {}
        for name, value in item.items():
            key = _column_key(str(name))
            if key:
                record[key] = value
            else:
                ignored.add(str(name))
        records.append((f"{shown}: entry {number}", record))
    notes = [f"{shown}: ignored fields: {', '.join(sorted(ignored))}"] if ignored else []
    if records and not any("question" in r for _, r in records):
        raise InputError(f"{shown}: no entry has a 'question' field")
    return records, notes


def _text(value: object) -> str:
    if value is None or isinstance(value, bool | list | dict):
        return ""
    return " ".join(str(value).split())


def _alternates(value: object) -> list[str]:
    """A list, or text with one alternate per line or separated by '|'."""
    items = value if isinstance(value, list) else re.split(r"[|\n]", _raw(value))
    cleaned = [" ".join(str(v).split()) for v in items if v is not None]
    return list(dict.fromkeys(v for v in cleaned if v))


def _raw(value: object) -> str:
    return "" if value is None or isinstance(value, bool | dict) else str(value)
