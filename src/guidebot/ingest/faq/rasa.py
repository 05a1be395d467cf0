"""Rasa retrieval intents: NLU examples of `intent: faq/<name>` paired with the response
`utter_faq/<name>` (any retrieval intent "<group>/<name>" works the same way).

The examples and the responses may stand in one YAML file (`nlu:` and `responses:`) or in
two (nlu.yml, and domain.yml or responses.yml) given in the same ingest call; each file that
has NLU examples becomes one FAQ table. The first example is the question and the others
its alternates; the first `text:` of the response is the answer. Entity annotations in
examples ("[Berlin](city)") keep only their text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from guidebot.errors import InputError
from guidebot.ingest.faq.rows import Row, answer_text, one_line, raise_problems, unique_texts
from guidebot.knowledge.yamlsource import line_of

FORM = "Rasa retrieval intents"
_ENTITY = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")


@dataclass
class Intent:
    name: str  # "faq/opening_hours"
    line: int
    examples: list[str]


@dataclass
class RasaFile:
    """What one YAML file contributes: retrieval intents, other intents (left out), and
    responses by the intent they answer ("faq/opening_hours": "We open at nine.")."""

    path: Path
    intents: list[Intent] = field(default_factory=list)
    other_intents: list[str] = field(default_factory=list)
    responses: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what reading its text left out

    @property
    def shown(self) -> str:
        return str(self.path)

    @property
    def has_nlu(self) -> bool:
        return bool(self.intents or self.other_intents)


def is_rasa(data: Any) -> bool:
    return isinstance(data, dict) and ("nlu" in data or "responses" in data)


def read_rasa_file(data: dict[str, Any], path: Path) -> RasaFile:
    """The intents and responses of one parsed Rasa YAML file; InputError for an intent
    without examples or a retrieval response without text (file:line)."""
    part = RasaFile(path)
    problems: list[str] = []
    nlu = data.get("nlu") or []
    responses = data.get("responses") or {}
    if not isinstance(nlu, list) or not isinstance(responses, dict):
        raise InputError(f"{part.shown}: 'nlu' must be a list and 'responses' a mapping")
    for item in nlu:
        name = one_line(item.get("intent")) if isinstance(item, dict) else ""
        if not name:
            continue  # synonyms, regexes, lookup tables: nothing to answer with
        if "/" not in name:
            part.other_intents.append(name)
            continue
        intent = Intent(
            name, line_of(item, "intent", line_of(item)), _examples(item.get("examples"))
        )
        if not intent.examples:
            problems.append(f"{part.shown}:{intent.line}: the intent '{name}' has no examples")
        part.intents.append(intent)
    for name, variants in responses.items():
        if str(name).startswith("utter_") and "/" in str(name):
            text = _first_text(variants)
            if not text:
                line = line_of(responses, str(name))
                problems.append(f"{part.shown}:{line}: the response '{name}' has no text")
            part.responses[str(name).removeprefix("utter_")] = text
    raise_problems(problems)
    return part


def pair(parts: list[RasaFile]) -> list[tuple[RasaFile, list[Row], list[str]]]:
    """For each file with NLU intents: its rows (responses from any of parts) and notes.

    Raises InputError naming every retrieval intent without a response (at its line), and
    the files of responses when none of parts has NLU examples.
    """
    with_nlu = [p for p in parts if p.has_nlu]
    if not with_nlu:
        raise InputError(
            f"{', '.join(p.shown for p in parts)}: Rasa responses but no NLU examples; give "
            "the NLU file (nlu.yml) in the same ingest call"
        )
    responses = {name: text for p in parts for name, text in p.responses.items()}
    problems: list[str] = []
    results = []
    for part in with_nlu:
        rows = []
        for intent in part.intents:
            where = f"{part.shown}:{intent.line}"
            if intent.name not in responses:
                hint = "" if responses else " (give the domain or responses file too)"
                problems.append(
                    f"{where}: the intent '{intent.name}' has no response "
                    f"'utter_{intent.name}'{hint}"
                )
                continue
            examples, answer = intent.examples, responses[intent.name]
            rows.append(
                Row(where, examples[0], answer, examples[1:], metadata={"intent": intent.name})
            )
        if not part.intents:
            problems.append(f"{part.shown}: no retrieval intents (intent: faq/<name>) found")
        notes = []
        if part.other_intents:
            left = ", ".join(part.other_intents)
            notes.append(f"{part.shown}: left out intents that are not retrieval intents: {left}")
        results.append((part, rows, notes))
    raise_problems(problems)
    unused = sorted(set(responses) - {i.name for p in with_nlu for i in p.intents})
    if unused:
        left = ", ".join(f"utter_{name}" for name in unused)
        results[0][2].append(f"left out responses without NLU examples: {left}")
    return results


def _examples(value: Any) -> list[str]:
    """Examples from the `examples: |` block of "- " lines, or from a list of {text: ...}."""
    if isinstance(value, str):
        lines = [re.sub(r"^\s*-\s+", "", line) for line in value.splitlines() if line.strip()]
    elif isinstance(value, list):
        lines = [str(v.get("text", "")) if isinstance(v, dict) else str(v) for v in value]
    else:
        return []
    return unique_texts(one_line(_ENTITY.sub(r"\1", line)) for line in lines)


def _first_text(variants: Any) -> str:
    """Rasa picks one of several variants at random; the first stands for them all here."""
    for variant in variants if isinstance(variants, list) else [variants]:
        if isinstance(variant, dict) and one_line(variant.get("text")):
            return answer_text(variant["text"])
    return ""
