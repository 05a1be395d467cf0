"""Reads FAQ files: a YAML list of entries with a question, an answer and optional extras."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from guidebot.errors import Problem
from guidebot.knowledge.model import FaqEntry
from guidebot.knowledge.yamlsource import line_of, load_yaml, read_text

FAQ_KEYS = {
    "id",
    "question",
    "answer",
    "alternates",
    "section",
    "guide",
    "section_hash",
    "follow_ups",
    "metadata",
}
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_TEXT_FIELDS = ("id", "question", "answer", "section", "guide", "section_hash")
_TEXT_TYPES = (str, int, float)  # a tuple: "str | int | float" makes a new union each time
_BLANK_LINES = re.compile(r"\n{3,}")


def parse_faq_file(path: Path, shown: str) -> tuple[list[FaqEntry], list[Problem]]:
    """Parse one FAQ file: its well-formed entries and every problem. The entries come back
    beside the problems so that checks across entries (duplicate ids) report theirs in the
    same run; a knowledge base with any problem is not loaded (load_knowledge raises)."""
    text, problems = read_text(path, shown)
    if text is None:
        return [], problems
    data, problems = load_yaml(text, shown)
    if problems:
        return [], problems
    if data is None:
        return [], []
    if not isinstance(data, list):
        return [], [
            Problem(shown, line_of(data, default=1), "an FAQ file must be a list of entries")
        ]
    entries: list[FaqEntry] = []
    for item in data:
        entry, entry_problems = _entry(item, shown)
        problems += entry_problems
        if entry:
            entries.append(entry)
    return entries, problems


def _entry(item: Any, shown: str) -> tuple[FaqEntry | None, list[Problem]]:
    if not isinstance(item, dict):
        return None, [
            Problem(shown, 0, "each FAQ entry must be a mapping with question and answer")
        ]
    line = line_of(item, default=1)
    problems = [
        Problem(shown, line_of(item, str(key), line), f"unknown field '{key}' (known: {_known()})")
        for key in item
        if key not in FAQ_KEYS
    ]
    fields: dict[str, str] = {}
    for key in _TEXT_FIELDS:
        value = item.get(key)
        if value is None:
            continue
        if not isinstance(value, _TEXT_TYPES) or isinstance(value, bool) or not str(value).strip():
            problems.append(
                Problem(shown, line_of(item, key, line), f"'{key}' must be non-empty text")
            )
        elif key == "answer":
            fields[key] = _answer(str(value))
        else:
            fields[key] = " ".join(str(value).split())
    for key in ("question", "answer"):
        if key not in item:
            problems.append(Problem(shown, line, f"entry is missing '{key}'"))
    answer = fields.get("answer", "")
    if len(answer) <= 5 and answer.upper() in {"TODO", "TODO."}:  # upper() never shortens
        problems.append(
            Problem(shown, line_of(item, "answer", line), "the answer still says TODO: write it")
        )
    if "id" in fields and not _ID.match(fields["id"]):
        problems.append(
            Problem(shown, line_of(item, "id", line), "'id' may hold only a-z, 0-9 and '-'")
        )
    alternates, alt_problems = _alternates(item, shown, line)
    follow_ups, follow_problems = _follow_ups(item, shown, line)
    metadata, meta_problems = _metadata(item, shown, line)
    problems += alt_problems + follow_problems + meta_problems
    if problems:
        return None, problems
    return FaqEntry(
        id=fields.get("id", ""),
        question=fields["question"],
        answer=fields["answer"],
        path=shown,
        line=line,
        alternates=alternates,
        section=fields.get("section", ""),
        guide=fields.get("guide", ""),
        section_hash=fields.get("section_hash", ""),
        follow_ups=follow_ups,
        metadata=metadata,
    ), []


def _answer(text: str) -> str:
    """An answer's text: line breaks are its paragraphs and list items, so each line is kept,
    its spacing evened out, with at most one blank line in a row."""
    lines = text.strip().splitlines()
    if len(lines) == 1:  # most answers: no line break, so no blank lines to squeeze
        return " ".join(lines[0].split())
    return _BLANK_LINES.sub("\n\n", "\n".join(" ".join(line.split()) for line in lines))


def _alternates(item: dict, shown: str, line: int) -> tuple[tuple[str, ...], list[Problem]]:
    value = item.get("alternates", [])
    where = line_of(item, "alternates", line)
    if value is None:
        return (), []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        return (), [Problem(shown, where, "'alternates' must be a list of questions")]
    return tuple(" ".join(v.split()) for v in value), []


def _follow_ups(item: dict, shown: str, line: int) -> tuple[tuple[str, ...], list[Problem]]:
    value = item.get("follow_ups", [])
    where = line_of(item, "follow_ups", line)
    if value is None:
        return (), []
    if not isinstance(value, list) or not all(isinstance(v, str) and _ID.match(v) for v in value):
        return (), [Problem(shown, where, "'follow_ups' must be a list of entry ids")]
    return tuple(value), []


def _metadata(
    item: dict, shown: str, line: int
) -> tuple[tuple[tuple[str, str], ...], list[Problem]]:
    value = item.get("metadata", {})
    where = line_of(item, "metadata", line)
    if value is None:
        return (), []
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str | int | float) and not isinstance(v, bool)
        for k, v in value.items()
    ):
        return (), [Problem(shown, where, "'metadata' must be 'name: value' pairs of text")]
    return tuple((k, str(v)) for k, v in value.items()), []


def _known() -> str:
    return ", ".join(sorted(FAQ_KEYS))
