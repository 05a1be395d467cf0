"""Reads one guide: YAML front matter, then Markdown whose headings start sections."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from guidebot.errors import Problem
from guidebot.knowledge.model import Guide, Paragraph, Section
from guidebot.knowledge.yamlsource import line_of, load_yaml, read_text

FRONT_MATTER_KEYS = {"title", "author", "author_title", "edition", "updated", "summary", "source"}
# A closing run of '#' needs a space before it, as in CommonMark: "## Learning C#" keeps its #.
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)(?:\s+#+)?\s*$")
# A heading's marks with no words after them ("## "), or with no space before the words
# ("##Fees"): meant as a heading, it would otherwise be read as text of the one before.
_BROKEN_HEADING = re.compile(r"^(?:[#\s]*|#{2,6}[^\s#].*)$")
_BULLET = re.compile(r"^\s*([-*•]|\d+[.)])\s+")
# The same marker at the start of any line of a text of several lines.
_MARKERS = re.compile(r"^[^\S\n]*(?:[-*•]|\d+[.)])[^\S\n]", re.MULTILINE)


def parse_guide(path: Path, shown: str) -> tuple[Guide | None, list[Problem]]:
    """Parse the guide at path (named `shown` in messages); a guide comes back only when clean."""
    text, problems = read_text(path, shown)
    if text is None:
        return None, problems
    lines = text.splitlines()
    meta, body_start, problems = _front_matter(lines, shown)
    if meta is None:
        return None, problems
    sections, section_problems = _sections(lines, body_start, meta.get("title", ""), shown)
    problems += section_problems
    if problems:
        return None, problems
    guide = Guide(
        slug=path.stem,
        path=shown,
        title=meta["title"],
        sections=tuple(sections),
        author=meta.get("author", ""),
        author_title=meta.get("author_title", ""),
        edition=meta.get("edition", ""),
        summary=meta.get("summary", ""),
        source=meta.get("source", ""),
        updated=meta.get("updated", ""),
    )
    return guide, []


def _front_matter(lines: list[str], shown: str) -> tuple[dict[str, str] | None, int, list[Problem]]:
    if not lines or lines[0].strip() != "---":
        return None, 0, [Problem(shown, 1, "a guide must start with '---' and YAML front matter")]
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        return None, 0, [Problem(shown, 1, "front matter is not closed by a '---' line")]
    data, problems = load_yaml("\n".join(lines[1:end]), shown, first_line=2)
    if problems:
        return None, 0, problems
    if not isinstance(data, dict):
        return None, 0, [Problem(shown, 2, "front matter must be 'key: value' lines")]
    meta: dict[str, str] = {}
    for key, value in data.items():
        line = line_of(data, str(key), 2)
        if key not in FRONT_MATTER_KEYS:
            known = ", ".join(sorted(FRONT_MATTER_KEYS))
            problems.append(
                Problem(shown, line, f"unknown front matter key '{key}' (known: {known})")
            )
        elif not isinstance(value, str | int | float | datetime.date) or isinstance(value, bool):
            problems.append(Problem(shown, line, f"'{key}' must be plain text"))
        else:  # YAML reads "updated: 2026-02-01" as a date: kept as written
            meta[str(key)] = str(value).strip()
    if not meta.get("title"):
        problems.append(Problem(shown, 2, "front matter needs a non-empty 'title'"))
    return (None if problems else meta), end + 1, problems


def _sections(
    lines: list[str], start: int, title: str, shown: str
) -> tuple[list[Section], list[Problem]]:
    """The guide's sections. `##` starts a section, `###` (and deeper) one under it: a
    heading with no text of its own before a deeper heading is a parent, and one with no
    text at all (no sub-headings either) is a problem at its line."""
    sections: list[Section] = []
    problems: list[Problem] = []
    heading, heading_line, level, is_intro = title, start + 1, 1, True
    stack: list[tuple[int, str]] = []  # (level, heading) of the open headings above
    empty: tuple[str, int, int] | None = None  # a heading with no text yet: parent or problem
    block: list[str] = []
    block_line = 0
    paragraphs: list[Paragraph] = []

    def close_block() -> None:
        nonlocal block
        if block:
            paragraphs.append(Paragraph(_block_text(block), block_line))
            block = []

    def close_section() -> None:
        nonlocal paragraphs, empty
        close_block()
        parents = tuple(h for lvl, h in stack if lvl < level)
        if paragraphs:
            sections.append(Section(heading, heading_line, tuple(paragraphs), is_intro, parents))
        elif not is_intro:
            empty = (heading, heading_line, level)
        paragraphs = []

    def open_heading(new_level: int) -> None:
        nonlocal empty
        if empty is not None and new_level <= empty[2]:  # no sub-headings came: no text at all
            problems.append(Problem(shown, empty[1], f"section '{empty[0]}' has no text"))
        empty = None

    for number, raw in enumerate(lines[start:], start=start + 1):
        match = _HEADING.match(raw) if raw[:1] == "#" else None  # most lines are text
        if match and not match.group(2).strip("#"):
            match = None  # "## ##": marks with no words, as broken as "##"
        broken = match is None and raw[:2] == "##" and _BROKEN_HEADING.match(raw)
        # "##helpdesk" inside a paragraph is its text, as Markdown reads it; a line of marks
        # alone is a heading's, wherever it stands.
        if broken and (not block or not raw.replace("#", "").strip()):
            problems.append(Problem(shown, number, _broken_heading(raw.strip())))
        elif match and len(match.group(1)) == 1:
            close_block()  # a '# Title' line repeats the title; it does not start a section
        elif match:
            close_section()
            new_level = len(match.group(1))
            open_heading(new_level)
            stack[:] = [(lvl, h) for lvl, h in stack if lvl < new_level]
            heading, heading_line, level, is_intro = (
                match.group(2).strip(),
                number,
                new_level,
                False,
            )
            stack.append((level, heading))
        elif raw and not raw.isspace():  # raw.strip(), without copying the line
            if not block:
                block_line = number
            block.append(raw)
        else:
            close_block()
    close_section()
    open_heading(0)
    if not sections and not problems:
        problems.append(Problem(shown, start + 1, "the guide has no text"))
    return sections, problems


def _broken_heading(line: str) -> str:
    marks = line[: len(line) - len(line.lstrip("#"))]
    if not line.replace("#", "").strip():
        return f"heading '{line}' has no words: write them after the {marks}, or remove the line"
    return f"heading '{line}' needs a space after its {marks}"


def _block_text(block: list[str]) -> str:
    """A block's text: running lines joined into one, each list item on a line of its own
    with its number as written ("2.") or "-" for a bullet, a line under an item continuing
    it. Answers show the steps as steps; search reads the words alone (analysis.words)."""
    if len(block) == 1 and not _BULLET.match(block[0]):  # most blocks: one line of prose
        return block[0].strip()
    lines: list[str] = []
    for raw in block:
        found = _BULLET.match(raw)
        if found:
            marker = found.group(1)
            # The item's end as written: section_hash reads trailing spaces (one_line).
            lines.append(f"{marker if marker[0].isdigit() else '-'} {raw[found.end() :]}")
        elif lines:
            lines[-1] = f"{lines[-1]} {raw.strip()}"
        else:
            lines.append(raw.strip())
    return "\n".join(lines)


def one_line(text: str) -> str:
    """A paragraph's text as one line, as guidebot read guides before it kept list items on
    lines of their own: markers dropped and, when every line is an item, each item ending
    in a full stop ("a. b."). FAQ files hold hashes of sections taken over this form
    (loader.section_hash), and they must not all turn stale."""
    if "\n" not in text and not _BULLET.match(text):  # most paragraphs: prose on one line
        return text
    lines = text.split("\n")
    found = [_BULLET.match(line) for line in lines]
    items = [line[f.end() :] if f else line for line, f in zip(lines, found, strict=True)]
    if len(lines) > 1 and all(found):
        items = [item.rstrip(".") + "." for item in items]
    return " ".join(item.strip() for item in items)


def word_count(text: str, limit: int = -1) -> int:
    """The words of a guide's text as a reader counts them: a list's markers ("2.", "-")
    are none. With a `limit`, counting stops past it, as str.split's maxsplit does (at most
    limit + 1), so a long text is not split all through."""
    markers = len(_MARKERS.findall(text)) if "\n" in text or _BULLET.match(text) else 0
    return len(text.split(None, limit + markers if limit >= 0 else -1)) - markers
