"""Every malformed variant of the FAQ exports: `guidebot ingest` names the file and line and
what is wrong, exits with 2, and writes nothing (not even the knowledge directory).

The command line runs in this process (guidebot.cli.main.main, what the console script
calls) to keep these many small runs fast; test_exports.py runs it as a real process.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from guidebot.cli.main import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
QNA_TSV = (FIXTURES / "qnamaker.tsv").read_text(encoding="utf-8")


def fixture(name: str) -> Callable[[Path], list[Path]]:
    return lambda tmp: [FIXTURES / name]


def written(name: str, data: bytes | str) -> Callable[[Path], list[Path]]:
    def make(tmp: Path) -> list[Path]:
        path = tmp / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return [path]

    return make


def zipped(name: str, members: dict[str, str]) -> Callable[[Path], list[Path]]:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member, text in members.items():
            archive.writestr(member, text)
    return written(name, buffer.getvalue())


def workbook(name: str, rows: list[list[object]]) -> Callable[[Path], list[Path]]:
    buffer = io.BytesIO()
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(buffer)
    return written(name, buffer.getvalue())


INTENT = '{\n  "name": "Hours",\n  "responses": [\n    {"messages": [}\n  ]\n}\n'
QNA_ROW = "Question\tAnswer\tSource\tMetadata\tPrompts\tQnaId\n"

CASES = {
    "unclosed quote": (
        fixture("unclosed-quote.csv"),
        "unclosed-quote.csv:2: a quote opened here is never closed",
    ),
    "unclosed quote at the end": (
        written(
            "end.csv",
            'question,answer\nDo you sell locks?,Yes.\nDo you sell bells?,"Yes, brass ones.\n',
        ),
        "end.csv:3: a quote opened here is never closed",
    ),
    "Windows-1252 CSV": (
        written(
            "shop.csv",
            "question,answer\nWhat is the shop\u2019s phone number?,01234 567890\n".encode(
                "cp1252"
            ),
        ),
        "shop.csv:2: not UTF-8 text (byte 0x92); this looks like Windows-1252 (Western European) "
        "text ('shop\u2019s'); in Excel choose File > Save As > 'CSV UTF-8 (Comma delimited)'",
    ),
    "a cell over the csv module's limit": (
        written("long.csv", "question,answer\nWhat is it?," + "x" * 140_000 + "\n"),
        "long.csv:2: a cell is longer than 131,072 characters",
    ),
    "a long quoted cell over several lines": (
        written("lines.csv", 'question,answer\nWhat is it?,"' + "x\n" * 70_000 + '"\n'),
        "lines.csv:2: a cell is longer than 131,072 characters",
    ),
    "a comma outside quotes": (
        written("commas.csv", "Do you sell tyres?,Yes, all sizes.\nDo you sell tubes?,Yes.\n"),
        "commas.csv:1: 3 cells where the table has 2 columns",
    ),
    "QnA Prompts not JSON": (
        fixture("qnamaker-bad-prompts.tsv"),
        "qnamaker-bad-prompts.tsv:3: the Prompts cell is not JSON",
    ),
    "QnA Prompts not prompts": (
        written("p.tsv", QNA_ROW + 'Do you sell locks?\tYes.\tx\t\t[{"DisplayText": "More"}]\t1\n'),
        "p.tsv:2: the Prompts cell must be a JSON list of prompts",
    ),
    "QnA prompt to a missing QnaId": (
        written("missing.tsv", QNA_TSV.replace('"QnaId":4', '"QnaId":9')),
        "missing.tsv:7: a prompt leads to QnaId 9, which is not in the export",
    ),
    "QnA metadata": (
        written("meta.tsv", QNA_ROW + "Do you sell locks?\tYes, D-locks.\tx\tshop\t[]\t1\n"),
        "meta.tsv:2: metadata 'shop' is not name:value",
    ),
    "QnA id with two answers": (
        written("twice.tsv", QNA_ROW + "Locks?\tYes.\tx\t\t\t1\nD-locks?\tNo.\tx\t\t\t1\n"),
        "twice.tsv:3: QnaId 1 has another answer here than at",
    ),
    "zip without a TSV": (
        zipped("export.zip", {"readme.txt": "hello", "Settings.tsv": "Name\tValue\n"}),
        "export.zip: no QnA Maker .tsv file",
    ),
    "zip with a path out of it": (
        zipped("sneaky.zip", {"../../etc/faq.tsv": QNA_TSV}),
        "sneaky.zip: holds '../../etc/faq.tsv', a name that points outside the archive",
    ),
    "Rasa intent without a response": (
        fixture("rasa-no-response.yml"),
        "rasa-no-response.yml:6: the intent 'faq/bells' has no response 'utter_faq/bells'",
    ),
    "Rasa responses alone": (
        fixture("rasa-domain.yml"),
        "rasa-domain.yml: Rasa responses but no NLU examples",
    ),
    "QnABot item without an answer": (
        written(
            "bot.json",
            '{"qna": [\n  {"qid": "a", "q": ["Locks?"], "a": "Yes."},\n'
            '  {"qid": "b", "q": ["Bells?"]}\n]}',
        ),
        "bot.json:3: qid 'b' has no answer",
    ),
    "QnABot qid twice": (
        written(
            "twice.json",
            '{"qna": [\n {"qid": "a", "q": ["Locks?"], "a": "Yes."},\n'
            ' {"qid": "a", "q": ["Bells?"], "a": "No."}\n]}',
        ),
        "twice.json:3: qid 'a' is used again (first at ",
    ),
    "QnA Maker JSON item without an answer": (
        written(
            "kb.json",
            '{"qnaDocuments": [\n  {"id": 1, "questions": ["Locks?"], "answer": "Yes."},\n'
            '  {"id": 2, "questions": ["Bells?"]}\n]}',
        ),
        'kb.json:3: "Bells?" has no answer',
    ),
    "QnA Maker JSON prompt to a missing id": (
        written(
            "prompt.json",
            '{"qnaDocuments": [\n  {"id": 1, "questions": ["Locks?"], "answer": "Yes.",\n'
            '   "context": {"prompts": [{"displayOrder": 1, "qnaId": 9}]}}\n]}',
        ),
        "prompt.json:2: a prompt leads to id 9, which is not in the export",
    ),
    "QnA Maker JSON prompt to its own entry": (
        written(
            "self.json",
            '{"qnaDocuments": [\n  {"id": 1, "questions": ["Locks?"], "answer": "Yes.",\n'
            '   "context": {"prompts": [{"displayOrder": 1, "qnaId": 1}]}}\n]}',
        ),
        "self.json:2: a prompt leads back to its own entry (id 1)",
    ),
    "Dialogflow intent not JSON": (
        zipped("agent.zip", {"intents/Hours.json": INTENT, "intents/Hours_usersays_en.json": "[]"}),
        "agent.zip/intents/Hours.json:4: not valid JSON",
    ),
    "old Excel workbook": (
        written("faq.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64)),
        "faq.xls: this is an old Excel workbook (.xls)",
    ),
    "Excel question without answer": (
        workbook(
            "faq.xlsx", [["Question", "Answer"], ["Do you sell locks?", "Yes."], ["Bells?", None]]
        ),
        "faq.xlsx:3: the question 'Bells?' has no answer",
    ),
    "Excel formula never computed": (
        workbook(
            "faq.xlsx",
            [
                ["Question", "Answer"],
                ["Do you sell locks?", "Yes."],
                ["Bells?", '=CONCAT("Ye","s")'],
            ],
        ),
        "faq.xlsx:3: the question 'Bells?' has no answer (cell B3 holds the formula "
        '=CONCAT("Ye","s") but no value',
    ),
    "Excel row of formulas never computed": (
        workbook(
            "faq.xlsx", [["Question", "Answer"], ["Do you sell locks?", "Yes."], ["=A2", "=B2"]]
        ),
        "faq.xlsx:3: no question or answer (cells A3, B3 hold formulas but no value",
    ),
    "JSON syntax": (
        written("faq.json", '[\n {"question": "Locks?", "answer": "Yes."},\n]'),
        "faq.json:3: not valid JSON",
    ),
    "QnA Maker TSV text past its columns": (
        written(
            "qna.tsv",
            "Question\tAnswer\tSource\tMetadata\n"
            "Locks?\tYes.\tEditorial\tcategory:shop\t\t\tand bells\n",
        ),
        "qna.tsv:2: 7 cells where the table has 4 columns",
    ),
}


@pytest.mark.parametrize("make, message", CASES.values(), ids=CASES.keys())
def test_malformed_input_is_named_at_its_line_and_nothing_is_written(
    tmp_path, capsys, make, message
):
    target = tmp_path / "kb"
    code = main(["ingest", "--knowledge", str(target), *map(str, make(tmp_path))])
    err = capsys.readouterr().err
    assert code == 2, err
    assert message in err and "Traceback" not in err
    assert re.search(r"guidebot: \S+(:\d+)?: ", err), err  # file:line: problem (line if any)
    assert not target.exists()


def test_a_good_table_beside_a_bad_one_is_not_written_either(tmp_path, capsys):
    target = tmp_path / "kb"
    inputs = [FIXTURES / "faq-plain.csv", FIXTURES / "unclosed-quote.csv"]
    assert main(["ingest", "--knowledge", str(target), *map(str, inputs)]) == 2
    assert "unclosed-quote.csv:2:" in capsys.readouterr().err
    assert not target.exists()


def test_formulas_without_values_outside_questions_and_answers_stop_nothing(tmp_path, capsys):
    """A helper column filled down past the last entry (a row number, a length) holds
    formulas no program computed: those rows are blank, as before, and a row missing its
    answer names only the answer's cell."""
    rows: list[list[object]] = [["Question", "Answer", "N"], ["Locks?", "Yes.", "=ROW()-1"]]
    rows += [["Bells?", "=B2", "=LEN(A3)"]]
    rows += [[None, None, f'=IF(A{n}="","",ROW()-1)'] for n in range(4, 30)]
    (path,) = workbook("faq.xlsx", rows)(tmp_path)
    target = tmp_path / "kb"
    assert main(["ingest", "--knowledge", str(target), str(path)]) == 2
    err = capsys.readouterr().err
    assert "faq.xlsx:3: the question 'Bells?' has no answer (cell B3 holds the formula =B2" in err
    assert "C3" not in err and ":4:" not in err and not target.exists()
    rows[2][1] = "Yes, by the door."
    (path,) = workbook("faq.xlsx", rows)(tmp_path)
    assert main(["ingest", "--knowledge", str(target), str(path)]) == 0, capsys.readouterr().err


def test_after_an_import_ingest_says_what_to_do_next(tmp_path, capsys):
    """FAQ entries that no guide section holds are cited as "FAQ": ingest says how to link
    them, and, with no scope.yaml yet, how to have off-topic questions declined."""
    target = tmp_path / "kb"
    inputs = [FIXTURES / "article.md", FIXTURES / "faq-plain.csv"]
    assert main(["ingest", "--knowledge", str(target), *map(str, inputs)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"- \d+ FAQ entries are linked to no guide section", out), out
    assert "in a spreadsheet, fill a `section` column" in out
    assert f"list those topics in {target / 'scope.yaml'}" in out
    (target / "scope.yaml").write_text("- topic: sailing\n  terms: [sailing]\n", encoding="utf-8")
    assert main(["ingest", "--force", "--knowledge", str(target), *map(str, inputs)]) == 0
    assert "scope.yaml" not in capsys.readouterr().out
