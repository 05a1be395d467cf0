"""The optional side files of a knowledge base: synonyms, small talk, and out-of-scope topics.

Each parser returns what it could read and the problems it found (file:line), never raises.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from guidebot.errors import Problem
from guidebot.knowledge.model import ScopeTopic, SmalltalkIntent
from guidebot.knowledge.yamlsource import line_of, load_yaml, read_text


def parse_synonyms(path: Path, shown: str) -> tuple[tuple[tuple[str, ...], ...], list[Problem]]:
    data, problems = optional_yaml(path, shown)
    if problems or data is None:
        return (), problems
    if not isinstance(data, list):
        return (), [Problem(shown, 1, "synonyms must be a list of groups like [salary, pay, wage]")]
    groups: list[tuple[str, ...]] = []
    owner: dict[str, int] = {}
    item_lines = _item_lines(path)  # read once: 20,000 bad groups re-read the file each
    for index, group in enumerate(data):
        if (
            not isinstance(group, list)
            or len(group) < 2
            or not all(isinstance(t, str) for t in group)
        ):
            problems.append(
                Problem(shown, _line(item_lines, index), "each group must list two or more terms")
            )
            continue
        terms = tuple(" ".join(t.lower().split()) for t in group)
        for term in terms:
            if term in owner and owner[term] != index:
                problems.append(
                    Problem(shown, _line(item_lines, index), f"'{term}' is in two groups")
                )
            owner[term] = index
        groups.append(terms)
    return tuple(groups), problems


def parse_smalltalk(path: Path, shown: str) -> tuple[tuple[SmalltalkIntent, ...], list[Problem]]:
    data, problems = optional_yaml(path, shown)
    if problems or data is None:
        return (), problems
    if not isinstance(data, list):
        return (), [Problem(shown, 1, "small talk must be a list of intents")]
    intents: list[SmalltalkIntent] = []
    for item in data:
        intent, found = _intent(item, shown)
        problems += found
        if intent:
            intents.append(intent)
    return tuple(intents), problems


def _intent(item: Any, shown: str) -> tuple[SmalltalkIntent | None, list[Problem]]:
    line = line_of(item, default=1)
    if not isinstance(item, dict):
        return None, [
            Problem(shown, line, "each intent must be a mapping with intent, examples, reply")
        ]
    unknown = [k for k in item if k not in {"intent", "examples", "reply"}]
    if unknown:
        return None, [
            Problem(shown, line_of(item, str(unknown[0]), line), f"unknown field '{unknown[0]}'")
        ]
    examples = item.get("examples")
    if not isinstance(item.get("intent"), str) or not isinstance(item.get("reply"), str):
        return None, [Problem(shown, line, "an intent needs 'intent' and 'reply' text")]
    if (
        not isinstance(examples, list)
        or not examples
        or not all(isinstance(e, str) for e in examples)
    ):
        return None, [
            Problem(shown, line_of(item, "examples", line), "'examples' must be a list of phrases")
        ]
    return SmalltalkIntent(item["intent"], tuple(examples), item["reply"].strip()), []


def parse_scope(path: Path, shown: str) -> tuple[tuple[ScopeTopic, ...], list[Problem]]:
    data, problems = optional_yaml(path, shown)
    if problems or data is None:
        return (), problems
    if not isinstance(data, list):
        return (), [Problem(shown, 1, "scope must be a list of topics with 'topic' and 'terms'")]
    topics: list[ScopeTopic] = []
    for item in data:
        line = line_of(item, default=1)
        terms = item.get("terms") if isinstance(item, dict) else None
        if not isinstance(item, dict) or not isinstance(item.get("topic"), str):
            problems.append(Problem(shown, line, "each scope entry needs a 'topic' name"))
        elif set(item) - {"topic", "terms"}:
            problems.append(
                Problem(shown, line, f"unknown field '{sorted(set(item) - {'topic', 'terms'})[0]}'")
            )
        elif not isinstance(terms, list) or not terms or not all(isinstance(t, str) for t in terms):
            problems.append(
                Problem(shown, line_of(item, "terms", line), "'terms' must be a list of words")
            )
        else:
            topics.append(ScopeTopic(item["topic"], tuple(t.lower() for t in terms)))
    return tuple(topics), problems


def optional_yaml(path: Path, shown: str) -> tuple[Any, list[Problem]]:
    if not path.is_file():
        return None, []
    text, problems = read_text(path, shown)
    return (None, problems) if text is None else load_yaml(text, shown)


def _item_lines(path: Path) -> list[int]:
    """Lines of the top-level '- ' items, for lists whose items are not mappings."""
    text = read_text(path, "")[0] or ""
    return [n for n, line in enumerate(text.splitlines(), start=1) if line.startswith("-")]


def _line(item_lines: list[int], index: int) -> int:
    return item_lines[index] if index < len(item_lines) else 1
