"""Reading knowledge files safely: text that is UTF-8, not too large and free of control
characters, and YAML that remembers line numbers, so problems are reported as file:line.

Knowledge comes from web pages, exports and spreadsheets, and ends up on terminals: a
control character in it (an escape sequence that clears the screen, retitles the window or
writes the clipboard) is refused here, once, instead of being filtered by every front end.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from guidebot.errors import Problem

MAX_FILE_BYTES = 20_000_000  # a guide or FAQ file larger than this is refused, not read
# C0 controls but tab and newline (a CR of a CRLF line end is dropped first), DEL, C1, and
# the bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), which
# reorder what a terminal or page shows after them ("Trojan Source", Boucher and Anderson,
# 2021); the left-to-right and right-to-left marks (U+200E, U+200F) only mark a direction.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Marks of no width that split a word without showing (zero-width space, word joiner and
# the invisible operators, a byte order mark inside the text, a soft hyphen): pasted into
# "pass\u200bword" they keep it from being found. The zero-width non-joiner and joiner and
# the Mongolian vowel separator stay: they shape Persian, Indic and Mongolian words and
# emoji ("ثبت\u200cنام" is one word written so), and the search splits words there anyway.
INVISIBLE = re.compile("[\u00ad\u200b\u2060-\u2064\ufeff]")
# A terminal's escape sequence (ECMA-48: a control sequence such as the colour "ESC [31m" or
# its one-byte C1 form, an operating system command up to its terminator on the same line,
# or a two-character escape), as text copied from a terminal carries them: dropped whole,
# or "[31m" would stay glued to a word. An operating system command left open is only its
# two characters: what follows is text, not a command.
ESCAPE = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b\n]*(?:\x07|\x1b\\)|[@-Z\\-_])"
    r"|\x9b[0-?]*[ -/]*[@-~]"
)
# Every byte but those a C0 or C1 control character (or the CR of a CRLF) can begin with in
# UTF-8: C0 controls and DEL are one byte each, C1 controls two from 0xC2 (as are NBSP and
# "°"). A file made of these alone, holding none of the bidirectional controls' three-byte
# forms (which begin with 0xE2, as "’" and "—" do: looked for as they are), needs no look
# line by line.
_INNOCENT_BYTES = bytes(
    b for b in range(256) if b in (0x09, 0x0A) or 0x20 <= b < 0x7F or (b > 0x7F and b != 0xC2)
)
_BIDI_BYTES = re.compile(rb"\xe2(?:\x80[\xaa-\xae]|\x81[\xa6-\xa9])")  # as CONTROL's


class LineDict(dict):
    """A mapping from YAML that knows the line it starts at and the line of each key."""

    line: int = 0
    key_lines: dict[str, int]


# libyaml's parser when PyYAML was built with it (about 10x faster on large FAQ files); the
# pure-Python one otherwise. Either way only the safe constructor runs.
_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeBase):  # type: ignore[misc,valid-type]
    """A safe loader (no arbitrary objects) that records where each mapping and key stands."""

    def construct_document(self, node: yaml.Node) -> Any:
        """Plain documents (text, lists, maps, numbers) are built by _plain, about four times
        faster than PyYAML's general constructor; anything else, and every document with
        a problem, goes through that constructor, so results and messages stay its own."""
        try:
            return _plain(self, node, 0, set())
        except _NotPlain:
            return super().construct_document(node)

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """PyYAML's, but a value its constructors fail on ("2026-02-30", "!!int x") is a
        problem at that value's line instead of an exception from inside PyYAML."""
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, AttributeError, KeyError, IndexError) as exc:
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read this value ({exc})", node.start_mark
            ) from None

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        seen: set[object] = set()
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode):  # "? [a]": a list or map as a key
                raise yaml.constructor.ConstructorError(
                    None, None, "a key must be plain text", key_node.start_mark
                )
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


class _NotPlain(Exception):
    """A node _plain leaves to PyYAML's constructor: a tag, an alias, a problem, deep nesting."""


_STR, _SEQ, _MAP = (f"tag:yaml.org,2002:{name}" for name in ("str", "seq", "map"))
_PLAIN_SCALARS = {f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float")}
# Deeper than any knowledge file goes; deeper documents take PyYAML's path, whose recursion
# limit ("nested too deeply") must stay the one that decides.
_PLAIN_DEPTH = 32


def _plain(loader: _LineLoader, node: yaml.Node, depth: int, seen: set[int]) -> Any:
    """What the constructor would build from node, or _NotPlain when unsure: the same str
    check, LineDicts with the same lines, and any problem left for the constructor to tell."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _STR:
            if CONTROL.search(node.value):
                raise _NotPlain
            return node.value
        if node.tag in _PLAIN_SCALARS:
            try:
                return loader.yaml_constructors[node.tag](loader, node)
            except Exception as error:  # "!!int abc": whatever it raises, in its own order
                raise _NotPlain from error
        raise _NotPlain
    if depth > _PLAIN_DEPTH or id(node) in seen:  # an alias shares one object: leave it
        raise _NotPlain
    seen.add(id(node))
    if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
        return [_plain(loader, item, depth + 1, seen) for item in node.value]
    if not isinstance(node, yaml.MappingNode) or node.tag != _MAP:
        raise _NotPlain
    values: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    for key_node, value_node in node.value:  # a merge key ("<<") has a tag of its own
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
            raise _NotPlain
        key = key_node.value
        if key in values or CONTROL.search(key):
            raise _NotPlain
        values[key] = _plain(loader, value_node, depth + 1, seen)
        key_lines[key] = key_node.start_mark.line + 1
    mapping = LineDict(values)
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = key_lines
    return mapping


def _construct_str(loader: _LineLoader, node: yaml.ScalarNode) -> str:
    """Text, refused if a YAML escape ("\\e", "\\x1b") made a control character of it."""
    value = loader.construct_scalar(node)
    found = CONTROL.search(value)
    if found:
        raise yaml.constructor.ConstructorError(
            None, None, f"control character U+{ord(found.group()):04X}", node.start_mark
        )
    return str(value)


_LineLoader.add_constructor("tag:yaml.org,2002:str", _construct_str)
_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping
)


def read_text(
    path: Path, shown: str, max_bytes: int = MAX_FILE_BYTES
) -> tuple[str | None, list[Problem]]:
    """A knowledge file's text (a UTF-8 byte-order mark and CRs of CRLF line ends dropped),
    or the problems that keep it from being used: not UTF-8, larger than max_bytes, or
    holding control characters (each named with its line)."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return None, [
                Problem(shown, 0, f"the file is {size:,} bytes, over the {max_bytes:,} limit")
            ]
        with path.open("rb") as handle:  # a file that grew since stat is still read capped
            data = handle.read(max_bytes + 1)
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, [Problem(shown, line, "not UTF-8 text")]
    except OSError as error:
        return None, [Problem(shown, 0, f"cannot read: {error.strerror or error}")]
    if len(data) > max_bytes:
        return None, [Problem(shown, 0, f"the file is over the {max_bytes:,} byte limit")]
    if not data.translate(None, _INNOCENT_BYTES) and not _BIDI_BYTES.search(data):
        return text, []
    text = text.replace("\r\n", "\n")
    if not CONTROL.search(text):  # CRLF line ends, or a 0xC2 of an NBSP or a "°"
        return text, []
    problems = [
        Problem(shown, number, f"control character U+{ord(found.group()):04X}")
        for number, line in enumerate(text.split("\n"), start=1)
        for found in [CONTROL.search(line)]
        if found
    ]
    return None, problems


# What the parser was reading when a quote or bracket was left open: only then is the line
# to fix where that began (an indentation mistake is where the parser stopped).
_LEFT_OPEN = (
    "while scanning a quoted scalar",
    "while parsing a flow sequence",
    "while parsing a flow mapping",
)


_COLON_IN_TEXT = "mapping values are not allowed"


def load_yaml(text: str, path: str, first_line: int = 1) -> tuple[Any, list[Problem]]:
    """Parse YAML text that starts at first_line of path; on an error return (None, [problem])."""
    text = "\n" * (first_line - 1) + text
    try:
        return yaml.load(text, Loader=_LineLoader), []  # noqa: S506 - a SafeLoader subclass
    except RecursionError:  # hundreds of nested lists or maps: no knowledge file needs that
        return None, [Problem(path, first_line, "invalid YAML: nested too deeply")]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else first_line
        reason = exc.problem or exc.context or "invalid YAML"
        begun = exc.context_mark.line + 1 if exc.context_mark else line
        if begun < line and str(exc.context).startswith(_LEFT_OPEN):
            # A quote or bracket left open is found only where the file runs out or the next
            # entry starts; the line to fix is where it opened.
            reason = f"{reason} at line {line}, {exc.context} that starts here"
            line = begun
        elif reason.startswith(_COLON_IN_TEXT):
            # "answer: Open: 9am to 5pm": the second colon starts a mapping YAML cannot nest.
            reason += '; a text holding ": " must be put in double quotes ("...")'
        return None, [Problem(path, line, f"invalid YAML: {reason}")]
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow; no mark
        line = text.count("\n", 0, exc.position) + 1
        return None, [
            Problem(path, line, f"invalid YAML: character U+{exc.character:04X}: {exc.reason}")
        ]
    except yaml.YAMLError as exc:
        return None, [Problem(path, first_line, f"invalid YAML: {exc}")]


def line_of(value: Any, key: str | None = None, default: int = 0) -> int:
    """The line of a LineDict (or of one of its keys), or default for plain values."""
    if isinstance(value, LineDict):
        if key is not None and key in value.key_lines:
            return value.key_lines[key]
        return value.line
    return default
