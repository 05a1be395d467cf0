"""Evaluation cases from YAML: questions (or conversations) and what a good reply looks like."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from guidebot.errors import EvalSetError, Problem
from guidebot.knowledge.yamlsource import line_of, load_yaml

EXPECTS = ("answer", "decline", "smalltalk", "clarify")
CASE_KEYS = {"id", "q", "turns", "expect", "section", "figure", "passage", "note"}


@dataclass(frozen=True)
class Case:
    """One evaluation case; only the last turn of a conversation is judged."""

    id: str
    turns: tuple[str, ...]
    expect: str
    sections: tuple[str, ...] = ()
    figure: str = ""
    passage: str = ""
    line: int = 0

    @property
    def is_conversation(self) -> bool:
        return len(self.turns) > 1


def load_cases(path: Path) -> list[Case]:
    """Parse an evaluation file; every malformed case is reported as file:line."""
    shown = str(path)
    try:
        data, problems = load_yaml(path.read_text(encoding="utf-8"), shown)
    except (OSError, UnicodeDecodeError) as error:
        raise EvalSetError([Problem(shown, 0, f"cannot read: {error}")]) from None
    if not problems and not isinstance(data, list):
        problems = [Problem(shown, 1, "an evaluation file must be a list of cases")]
    cases: list[Case] = []
    for item in data if not problems else []:
        case, found = _case(item, shown)
        problems += found
        if case:
            cases.append(case)
    if not cases and not problems:
        problems = [Problem(shown, 1, "the file has no cases")]
    if problems:
        raise EvalSetError(problems)
    return cases


def _case(item: object, shown: str) -> tuple[Case | None, list[Problem]]:
    if not isinstance(item, dict):
        return None, [Problem(shown, 0, "each case must be a mapping")]
    line = line_of(item, default=1)
    unknown = [k for k in item if k not in CASE_KEYS]
    if unknown:
        return None, [Problem(shown, line, f"unknown key '{unknown[0]}'")]
    turns = item.get("turns") or ([item["q"]] if "q" in item else [])
    if not _strings(turns) or not turns:
        return None, [Problem(shown, line, "a case needs 'q' (text) or 'turns' (a list of text)")]
    expect = item.get("expect", "answer")
    if expect not in EXPECTS:
        return None, [Problem(shown, line, f"'expect' must be one of {', '.join(EXPECTS)}")]
    sections = item.get("section", [])
    sections = [sections] if isinstance(sections, str) else sections
    if not _strings(sections):
        return None, [Problem(shown, line, "'section' must be a section key or a list of them")]
    if expect == "answer" and not sections:
        return None, [Problem(shown, line, "an answer case needs 'section'")]
    return Case(
        id=str(item.get("id", f"line-{line}")),
        turns=tuple(turns),
        expect=expect,
        sections=tuple(sections),
        figure=str(item.get("figure", "")),
        passage=str(item.get("passage", "")),
        line=line,
    ), []


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)
