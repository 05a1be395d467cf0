"""Control characters in what is brought in (ingest/controls.py): dropped with a note naming
the file and line, so the knowledge written loads; never a refusal naming a file the person
did not give."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from guidebot.errors import InputError
from guidebot.ingest.controls import (
    SHOWN_LINES,
    article_without_controls,
    rows_without_controls,
    without_controls,
)
from guidebot.ingest.faq.rows import Row
from guidebot.knowledge.loader import load_knowledge
from guidebot.knowledge.yamlsource import CONTROL
from tests.conftest import run_guidebot


def test_an_escape_sequence_goes_whole_and_other_controls_go_or_turn_to_spaces():
    assert without_controls("Yes \x1b[31mred\x1b[0m") == ("Yes red", ["U+001B"])
    assert without_controls("a\x1b]0;title\x07b") == ("ab", ["U+001B", "U+0007"])
    assert without_controls("ring\x07 bell") == ("ring bell", ["U+0007"])
    assert without_controls("left \u202eright") == ("left right", ["U+202E"])
    # as they read: a vertical tab or form feed is a line break, a separator a space
    assert without_controls("one\x0btwo\x0cthree\x1ffour") == ("one\ntwo\nthree four", [])
    assert without_controls("plain text — café\t\n") == ("plain text — café\t\n", [])


def test_an_articles_lines_are_named_up_to_a_few():
    text = "Title\n\nfine\nbad \x07 one\n" + "x\x1b[1m\n" * (SHOWN_LINES + 2)
    cleaned, notes = article_without_controls(text, "g.md")
    assert not CONTROL.search(cleaned) and "[1m" not in cleaned
    assert notes[0] == "g.md:4: dropped control character U+0007"
    assert notes[1] == "g.md:5: dropped control character U+001B"
    assert len(notes) == SHOWN_LINES + 1 and notes[-1] == "g.md: and on 3 more lines"
    assert article_without_controls("no\r\ncontrols", "g.md") == ("no\ncontrols", [])


def test_every_text_of_a_row_is_cleaned_and_the_row_named():
    row = Row("faq.csv:3", "Bar\x07?", "Yes \x1b[1mopen", ["bar \u202eopen"], "Food", "", "id")
    row.metadata = {"Owner": "Sam\x1b[0m"}
    clean = Row("faq.csv:4", "Cafe?", "Yes", [])
    assert rows_without_controls([row, clean]) == [
        "faq.csv:3: dropped control characters U+0007, U+001B, U+202E"
    ]
    assert (row.question, row.answer, row.alternates) == ("Bar?", "Yes open", ["bar open"])
    assert row.metadata == {"Owner": "Sam"}


def test_ingest_drops_them_from_a_csv_a_workbook_and_a_guide(tmp_path: Path):
    csv = tmp_path / "faq.csv"
    csv.write_text('question,answer\nIs there a bar?,"Yes \x1b[31mopen late"\n', encoding="utf-8")
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Question", "Answer"])
    sheet.append(["Is there a lift?", "Yes, by the \u202edoor"])
    book.save(tmp_path / "more.xlsx")
    guide = tmp_path / "cafe.md"
    guide.write_text("# Cafe\n\nHello.\n\n## Hours\n\nWe open \x07at 5pm.\n", encoding="utf-8")
    target = tmp_path / "kb"
    done = run_guidebot(
        "ingest", "--knowledge", str(target), str(csv), str(tmp_path / "more.xlsx"), str(guide)
    )
    assert done.returncode == 0, done.stderr
    assert "faq.csv:2: dropped control character U+001B" in done.stdout
    assert "note: cafe.md:7: dropped control character U+0007" in done.stdout
    assert "dropped control character U+202E" in done.stdout  # the workbook's row
    kb = load_knowledge(target)
    answers = {entry.question: entry.answer for entry in kb.faqs}
    assert answers["Is there a bar?"] == "Yes open late"
    assert answers["Is there a lift?"] == "Yes, by the door"
    assert "We open at 5pm." in " ".join(
        p.text for g in kb.guides for s in g.sections for p in s.paragraphs
    )


def test_an_escape_left_open_drops_two_characters_not_the_rest():
    assert without_controls("Costs 45 euros \x1b] and parts are extra")[0] == (
        "Costs 45 euros  and parts are extra"
    )
    assert without_controls("x\x9b31my") == ("xy", ["U+009B"])  # a C1 control sequence


def test_a_row_of_nothing_but_control_characters_is_named_and_empty_alternates_go():
    row = Row("faq.csv:2", "Bar?", "Yes.", ["\x07", "bar open"], key="k\x07", id="i\x1b[0m")
    assert rows_without_controls([row]) == ["faq.csv:2: dropped control characters U+001B, U+0007"]
    assert row.alternates == ["bar open"] and (row.key, row.id) == ("k", "i")
    with pytest.raises(InputError, match=r"^faq.csv:3: the answer holds nothing but control"):
        rows_without_controls([Row("faq.csv:3", "Bar?", "\x1b[0m")])


def test_references_and_file_names_are_cleaned_too(tmp_path: Path):
    """Markdown decodes "&#8238;" after the text was cleaned; a file's name goes into the
    guide's source and the FAQ file's first line."""
    guide = tmp_path / "cafe\u202e.md"
    guide.write_text("# Cafe\n\nHello.\n\n## Hours\n\nWe open &#8238;at 5pm.\n", encoding="utf-8")
    faq = tmp_path / "faq\u202e.csv"
    faq.write_text("question,answer\nIs there a bar?,Yes.\n", encoding="utf-8")
    target = tmp_path / "kb"
    done = run_guidebot("ingest", "--knowledge", str(target), str(guide), str(faq))
    assert done.returncode == 0, done.stderr
    assert "cafe\ufffd.md: dropped control character U+202E" in done.stdout
    assert "\u202e" not in done.stdout
    kb = load_knowledge(target)
    assert [g.source for g in kb.guides] == ["cafe.md"] and len(kb.faqs) == 1


def test_control_characters_written_as_references_go_as_written_ones_do(tmp_path: Path):
    """A web page's reader gives up on "&#27;" (the page had "no title"); other references
    stay for the page's reader to decode."""
    cleaned, notes = article_without_controls("a &#x1b;[31mred &#8238;x &#10; &amp; &#233;", "g")
    assert cleaned == "a red x &#10; &amp; &#233;"
    assert notes == ["g:1: dropped control characters U+001B, U+202E"]
    page = tmp_path / "cafe.html"
    page.write_text(
        "<html><head><title>Cafe Guide</title></head><body><article><h1>Cafe Guide</h1>"
        "<p>Hello and welcome to the cafe, a nice place to be with friends and family.</p>"
        "<h2>Hours</h2><p>We open at 5pm &#27;[1mand close late on weekends and most other "
        "days of the year.</p></article></body></html>",
        encoding="utf-8",
    )
    target = tmp_path / "kb"
    done = run_guidebot("ingest", "--knowledge", str(target), str(page))
    assert done.returncode == 0, done.stderr
    assert "We open at 5pm and close late" in next((target / "guides").iterdir()).read_text(
        encoding="utf-8"
    )


def test_yaml_json_and_rasa_exports_are_cleaned_before_they_are_parsed(tmp_path: Path):
    # YAML and JSON parsers refuse a raw control character: the export would not be read.
    faq = tmp_path / "faq.yaml"
    faq.write_text('- question: "Open late?"\n  answer: "Yes \x1b[1muntil 9pm"\n', "utf-8")
    qna = tmp_path / "more.json"
    qna.write_text('[{"question": "A bar?", "answer": "Yes \x1b[1m\\u001b[31mupstairs"}]', "utf-8")
    nlu = tmp_path / "nlu.yml"
    nlu.write_text(
        'version: "3.1"\nnlu:\n- intent: faq/lift\n  examples: |\n    - is there a lift\x07\n',
        "utf-8",
    )
    domain = tmp_path / "domain.yml"
    domain.write_text('responses:\n  utter_faq/lift:\n  - text: "Yes\x0c by the door"\n', "utf-8")
    target = tmp_path / "kb"
    done = run_guidebot(
        "ingest", "--knowledge", str(target), *(str(p) for p in (faq, qna, nlu, domain))
    )
    assert done.returncode == 0, done.stderr
    for where in ("faq.yaml:2", "more.json:1", "nlu.yml:5"):
        assert f"{where}: dropped control character" in done.stdout, done.stdout
    assert done.stdout.count("more.json:1: dropped") == 1  # by line, not again by row
    answers = {entry.question: entry.answer for entry in load_knowledge(target).faqs}
    assert answers == {
        "Open late?": "Yes until 9pm",
        "A bar?": "Yes upstairs",
        "is there a lift": "Yes by the door",  # a line break in a quoted YAML string
    }


def test_line_breaking_controls_in_yaml_and_json_are_spaces(tmp_path: Path):
    """A vertical tab or carriage return inside a JSON string would make it invalid as a
    line break; in YAML one would move the lines a later problem is named at."""
    good = tmp_path / "vt.json"
    good.write_text('[{"question": "Open\x0blate?", "answer": "Yes\x0cuntil\r9pm"}]', "utf-8")
    target = tmp_path / "kb"
    done = run_guidebot("ingest", "--knowledge", str(target), str(good))
    assert done.returncode == 0, done.stderr
    assert [(e.question, e.answer) for e in load_knowledge(target).faqs] == [
        ("Open late?", "Yes until 9pm")
    ]
    bad = tmp_path / "ff.yaml"
    bad.write_text('- question: "A?"\n  answer: "B\x0c C"\n- question: D\n  answer: [x\n', "utf-8")
    done = run_guidebot("ingest", "--knowledge", str(tmp_path / "kb2"), str(bad))
    assert done.returncode == 2 and "ff.yaml:4: invalid YAML" in done.stderr, done.stderr
