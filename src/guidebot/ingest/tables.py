"""FAQ tables and exports, recognised by their content, read into FaqTables; and the FAQ
YAML file they are written as.

What a file is comes from what it holds, the extension only breaking ties:

- a zip: an Excel workbook (.xlsx), a Dialogflow ES agent (intents/*.json), or a QnA Maker
  project export (a .tsv or .xlsx with QnA Maker's columns, maybe beside other files);
- a folder: a Dialogflow ES agent, unzipped;
- JSON (text starting with '{' or '['): an Amazon QnABot export ({"qna": [...]}), a QnA
  Maker knowledge base ({"qnaDocuments": [...]}) or a generic list of entries;
- YAML (.yaml, .yml): Rasa NLU examples and/or responses, or a generic list of entries;
- anything else: delimited text (CSV, TSV, Excel's ';' CSV) with a header, in QnA Maker's
  columns or ours, or without a header (question, answer).

Then every table goes through the same rules (guidebot.ingest.faq.merging): one entry per
answer, and a warning for a question given two answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from guidebot.errors import InputError
from guidebot.ingest.controls import (
    article_without_controls,
    rows_without_controls,
    without_controls,
)
from guidebot.ingest.faq import dialogflow, qnabot, qnajson, rasa, structured
from guidebot.ingest.faq.archives import ZIP_MAGIC, FolderMembers, ZipMembers
from guidebot.ingest.faq.columns import is_qna_header
from guidebot.ingest.faq.delimited import read_delimited, sniff
from guidebot.ingest.faq.grids import read_grids
from guidebot.ingest.faq.jsontext import load_json
from guidebot.ingest.faq.merging import combine
from guidebot.ingest.faq.rows import Grid, Row
from guidebot.ingest.faq.textfile import decode
from guidebot.ingest.faq.workbook import read_workbook
from guidebot.ingest.sources import read_input
from guidebot.knowledge.slugs import slugify
from guidebot.knowledge.yamlsource import load_yaml

__all__ = ["FaqTable", "Row", "is_table_input", "read_table", "read_tables", "render_faq"]

TABLE_SUFFIXES = {".csv", ".tsv", ".tab", ".json", ".yaml", ".yml", ".xlsx", ".xlsm", ".zip"}
TABLE_SUFFIXES |= {".xls"}  # only to say how to save it as .xlsx
MAX_INPUT_BYTES = 50 * 1024 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_SHEETS = (".tsv", ".csv", ".txt", ".xlsx")
# The mark a browser or Windows Explorer adds to the name of a second copy of a file: "faq
# (1)", "faq - Copy", "faq - Copy (2)"; a number of one or two digits ("report (2024)" is
# a year). A name ending in " copy" may be the word ("ad copy"), so it is no mark.
_COPY_MARK = re.compile(r"(?: ?\([1-9]\d?\)| - Copy(?: \([1-9]\d?\))?)$")


@dataclass
class FaqTable:
    """One FAQ file to write (faq/<name>.yaml) and what was read to make it."""

    name: str
    source: str  # the input(s) as the file's header names them: "faq.xlsx (sheet 'FAQ')"
    suffix: str  # of the main input: faq.csv and faq.json in one run become faq-csv, faq-json
    form: str  # "a QnA Maker export", ...
    rows: list[Row]
    shown: str  # the source as messages name it: with the path as given, as notes do
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def is_table_input(path: Path) -> bool:
    """Whether ingest reads path as a FAQ table or export (else as an article)."""
    if _is_folder(path):
        return dialogflow.is_agent_folder(path)
    return path.suffix.lower() in TABLE_SUFFIXES


def _is_folder(path: Path) -> bool:
    """Whether path is a folder; not when a folder on its way cannot be entered (reading it
    as a file then says so)."""
    try:
        return path.is_dir()
    except OSError:
        return False


def read_tables(paths: list[Path]) -> list[FaqTable]:
    """The FaqTables of paths (see the module docstring), each with a note saying which format
    was read; Rasa files given together are read as one. Raises InputError "file:line: ..."."""
    tables: list[FaqTable] = []
    rasa_files: list[rasa.RasaFile] = []
    for path in paths:
        read = _read_path(path)
        if isinstance(read, rasa.RasaFile):
            rasa_files.append(read)
        else:
            tables.append(read)
    if rasa_files:
        tables += _rasa_tables(rasa_files)
    for table in tables:
        dropped = rows_without_controls(table.rows)
        table.source = without_controls(table.source)[0]  # its file's name: the header
        table.rows, table.warnings = combine(table.rows)
        table.notes += [n for n in dropped if n not in table.notes]  # said by line already
        alternates = sum(len(row.alternates) for row in table.rows)
        count = f"{_count(len(table.rows), 'entry', 'entries')}, {_count(alternates, 'alternate')}"
        table.notes.insert(0, f"read {table.shown} as {table.form} ({count})")
    return tables


def read_table(text: str, shown: str, kind: str) -> tuple[list[Row], list[str]]:
    """Rows of a FAQ table given as text of kind csv, tsv, json or yaml, and notes (warnings
    included). Raises InputError listing every problem (file:line)."""
    if kind in {"csv", "tsv"}:
        rows, _, notes = read_grids([read_delimited(text, shown, "\t" if kind == "tsv" else ",")])
    else:
        rows, notes = structured.read_entries(_parse(text, shown, kind == "yaml"), shown)
    if not rows:
        raise InputError(f"{shown}: no questions with answers found")
    rows, warnings = combine(rows)
    return rows, notes + warnings


def render_faq(entries: list[dict[str, object]], header: str) -> str:
    """The FAQ YAML file: a comment saying where it came from, then the entries; an answer of
    several lines is written as a block (|) so it reads as it will be shown."""
    body = yaml.dump(entries, Dumper=_FaqDumper, allow_unicode=True, sort_keys=False, width=100)
    comments = "".join(f"# {line}\n" for line in header.splitlines())
    return f"{comments}\n{body}"


class _FaqDumper(yaml.SafeDumper):
    pass


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_FaqDumper.add_representer(str, _represent_text)


_SPACES = str.maketrans(dict.fromkeys("\x0b\x0c\r", " "))


def _read_path(path: Path) -> FaqTable | rasa.RasaFile:
    shown, suffix = str(path), path.suffix.lower()
    if _is_folder(path):
        rows, notes = dialogflow.read_agent(FolderMembers(path))
        return _table(path, path.name, dialogflow.FORM, rows, notes)
    data = read_input(path, MAX_INPUT_BYTES)
    if data.startswith(ZIP_MAGIC):
        return _read_zip(data, path)
    if data.startswith(_OLE_MAGIC):
        raise InputError(
            f"{shown}: this is an old Excel workbook (.xls) or a password-protected one; in "
            "Excel choose File > Save As > 'Excel Workbook (.xlsx)' or 'CSV UTF-8', without "
            "a password"
        )
    text = decode(data, shown, spreadsheet=suffix not in {".json", ".yaml", ".yml"})
    if suffix in {".yaml", ".yml"} or text.lstrip().startswith(("{", "[")):
        # YAML and JSON refuse a raw control character outright: left out first, by line.
        # A vertical tab, form feed or lone carriage return becomes a space, not the line
        # break it is in prose: a line break inside a JSON string is as invalid, and in
        # YAML it would move every line number after it.
        text = text.replace("\r\n", "\n").translate(_SPACES)
        text, dropped = article_without_controls(text, shown)
        parsed = _parse(text, shown, suffix in {".yaml", ".yml"})
        if rasa.is_rasa(parsed):
            part = rasa.read_rasa_file(parsed, path)
            part.notes += dropped
            return part
        if qnabot.is_qnabot(parsed):
            rows, notes = qnabot.read_qnabot(parsed, shown)
            return _table(path, path.name, qnabot.FORM, rows, notes + dropped)
        if qnajson.is_qna_json(parsed):
            rows, notes = qnajson.read_qna_json(parsed, shown)
            return _table(path, path.name, qnajson.FORM, rows, notes + dropped)
        rows, notes = structured.read_entries(parsed, shown)
        return _table(path, path.name, structured.FORM, rows, notes + dropped)
    grid = read_delimited(text, shown, "\t" if suffix in {".tsv", ".tab"} else ",")
    rows, form, notes = read_grids([grid])
    return _table(path, path.name, form, rows, notes)


def _read_zip(data: bytes, path: Path) -> FaqTable:
    shown = str(path)
    members = ZipMembers(data, shown)
    if "xl/workbook.xml" in members.names:
        grid, sheet = read_workbook(data, shown)
        rows, form, notes = read_grids([grid])
        return _table(path, f"{path.name} (sheet '{sheet}')", form, rows, notes)
    if dialogflow.is_agent(members.names):
        rows, notes = dialogflow.read_agent(members)
        return _table(path, path.name, dialogflow.FORM, rows, notes)
    grids = _qna_grids(members)
    if not grids:
        held = ", ".join(members.names[:10]) or "nothing"
        raise InputError(
            f"{shown}: no QnA Maker .tsv file (with Question, Answer, ... QnaId columns), no "
            f"Excel workbook and no Dialogflow intents/ folder inside; it holds: {held}"
        )
    rows, form, notes = read_grids(grids)
    return _table(path, path.name, form, rows, notes)


def _qna_grids(members: ZipMembers) -> list[Grid]:
    """The sheets of a QnA Maker project zip that hold questions (one per source)."""
    grids: list[Grid] = []
    for name in members.names:
        if not name.lower().endswith(_SHEETS):
            continue
        where, member = members.where(name), members.read(name)
        if name.lower().endswith(".xlsx"):
            grid = read_workbook(member, where)[0]
        else:
            text = decode(member, where)
            first = next((line for line in text.splitlines() if line.strip()), "")
            if not is_qna_header(first.split(sniff(first, "\t"))):
                continue  # Settings.tsv, Synonyms.tsv and the like; parsed only if needed
            grid = read_delimited(text, where, "\t")
        if grid.rows and is_qna_header(grid.rows[0][1]):
            grids.append(grid)
    return grids


def _parse(text: str, shown: str, as_yaml: bool) -> Any:
    if not as_yaml:
        return load_json(text, shown)
    data, problems = load_yaml(text, shown)
    if problems:
        raise InputError("\n".join(str(p) for p in problems))
    return data


def _rasa_tables(files: list[rasa.RasaFile]) -> list[FaqTable]:
    """One table per Rasa file with NLU examples, answered from the responses of all."""
    responses_only = [f for f in files if not f.has_nlu]
    named = [f.path.name for f in responses_only]
    tables = [
        _table(
            part.path, " with ".join([part.path.name, *named]), rasa.FORM, rows, notes + part.notes
        )
        for part, rows, notes in rasa.pair(files)
    ]
    # What reading a file of responses only left out is said with the first table.
    tables[0].notes += [note for f in responses_only for note in f.notes]
    return tables


def first_copy(name: str) -> str:
    """A file's name without the mark of a second copy (_COPY_MARK): "faq.xlsx" for "faq
    (1).xlsx" or "faq - Copy.xlsx", to find the export a second download copies; other
    names as they are."""
    stem, dot, suffix = name.rpartition(".") if "." in name else (name, "", "")
    return f"{_COPY_MARK.sub('', stem) or stem}{dot}{suffix}"


def _table(path: Path, source: str, form: str, rows: list[Row], notes: list[str]) -> FaqTable:
    if not rows:
        raise InputError(f"{path}: no questions with answers found")
    name = slugify(path.stem if path.is_file() else path.name, words=8, fallback="") or "imported"
    given = str(path)
    shown = given + source[len(path.name) :] if source.startswith(path.name) else source
    return FaqTable(name, source, path.suffix.lower(), form, rows, shown, notes)


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"
