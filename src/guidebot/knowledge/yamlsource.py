"""YAML loading that remembers line numbers, so problems can be reported as file:line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from guidebot.errors import Problem


class LineDict(dict):
    """A mapping from YAML that knows the line it starts at and the line of each key."""

    line: int = 0
    key_lines: dict[str, int]


# libyaml's parser when PyYAML was built with it (about 10x faster on large FAQ files); the
# pure-Python one otherwise. Either way only the safe constructor runs.
_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeBase):  # type: ignore[misc,valid-type]
    """A safe loader (no arbitrary objects) that records where each mapping and key stands."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        seen: set[object] = set()
        for key_node, _ in node.value:
            key = key_node.value
            if isinstance(key, str) and key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key '{key}'", key_node.start_mark
                )
            seen.add(key)
        mapping = LineDict(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {
            str(key_node.value): key_node.start_mark.line + 1 for key_node, _ in node.value
        }
        return mapping


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping
)


def read_text(path: Path, shown: str) -> tuple[str | None, list[Problem]]:
    """A knowledge file's text (a UTF-8 byte-order mark is dropped), or the problem reading it."""
    try:
        return path.read_text(encoding="utf-8-sig"), []
    except UnicodeDecodeError:
        return None, [Problem(shown, 0, "not UTF-8 text")]
    except OSError as error:
        return None, [Problem(shown, 0, f"cannot read: {error.strerror or error}")]


def load_yaml(text: str, path: str, first_line: int = 1) -> tuple[Any, list[Problem]]:
    """Parse YAML text that starts at first_line of path; on an error return (None, [problem])."""
    text = "\n" * (first_line - 1) + text
    try:
        return yaml.load(text, Loader=_LineLoader), []  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else first_line
        reason = exc.problem or exc.context or "invalid YAML"
        return None, [Problem(path, line, f"invalid YAML: {reason}")]
    except yaml.YAMLError as exc:
        return None, [Problem(path, first_line, f"invalid YAML: {exc}")]


def line_of(value: Any, key: str | None = None, default: int = 0) -> int:
    """The line of a LineDict (or of one of its keys), or default for plain values."""
    if isinstance(value, LineDict):
        if key is not None and key in value.key_lines:
            return value.key_lines[key]
        return value.line
    return default
