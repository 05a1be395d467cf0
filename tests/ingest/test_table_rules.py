"""The rules every FAQ table goes through, checked piece by piece: answer markup, separators
and encodings from spreadsheets, quotes, merging rows, zip limits, lines in JSON."""

from __future__ import annotations

import codecs
import io
import zipfile

import pytest
import yaml

from guidebot.errors import InputError
from guidebot.ingest.faq import archives
from guidebot.ingest.faq.delimited import read_delimited, sniff
from guidebot.ingest.faq.jsontext import load_json
from guidebot.ingest.faq.rows import answer_text
from guidebot.ingest.faq.textfile import decode
from guidebot.ingest.tables import read_table, render_faq
from guidebot.knowledge.yamlsource import line_of

# --- answers ------------------------------------------------------------------------------


def test_html_answers_become_text_with_their_links():
    html = (
        "<p>Bring the bike <b>clean</b>.</p><ul><li>Pedals on</li><li>Tyres pumped</li></ul>"
        '<p>See <a href="https://example.org/prep?a=1&amp;b=2">how to prepare</a> or '
        '<a href="https://example.org/">https://example.org/</a>.</p>'
    )
    assert answer_text(html) == (
        "Bring the bike clean.\n\n- Pedals on\n- Tyres pumped\n\n"
        "See how to prepare (https://example.org/prep?a=1&b=2) or https://example.org/."
    )


def test_a_numbered_list_in_an_html_answer_keeps_its_numbers():
    html = "<p>If it is stolen:</p><ol><li>Change your password</li><li>Call us</li></ol>"
    assert answer_text(html) == "If it is stolen:\n\n1. Change your password\n2. Call us"
    # numbered as the list numbers them, whatever is nested in or around it
    nested = "<ul><li>Pets<ol start='3'><li>cat</li><li>dog</li></ol></li></ul>"
    assert answer_text(nested) == "- Pets\n3. cat\n4. dog"
    inside = "<ol><li>Step one<ul><li>sub</li></ul></li><li>Step two</li></ol>"
    assert answer_text(inside) == "1. Step one\n- sub\n\n2. Step two"


def test_markdown_links_and_typed_bullets():
    text = "Read [the terms](https://example.org/terms).\n* helmet\n\u2022 lock\n\n\n\nDone."
    assert answer_text(text) == (
        "Read the terms (https://example.org/terms).\n- helmet\n- lock\n\nDone."
    )


def test_escaped_line_breaks_only_where_the_export_writes_them():
    assert answer_text("One.\\nTwo.", escapes=True) == "One.\nTwo."
    assert answer_text("Save to C:\\new") == "Save to C:\\new"


def test_multi_line_answers_are_written_as_yaml_blocks():
    entry = {"id": "a", "question": "Q?", "answer": "Line one.\n- item"}
    text = render_faq([entry], "header")
    assert "answer: |-\n    Line one.\n    - item\n" in text
    assert yaml.safe_load(text) == [entry]


# --- separators, encodings, quotes ----------------------------------------------------------


@pytest.mark.parametrize(
    "header, expected",
    [
        ("question,answer", ","),
        ("Question;Answer;Notes, internal", ";"),
        ("question\tanswer", "\t"),
        ('"Question";"Answer"', ";"),
        ("question", ","),
    ],
)
def test_the_separator_comes_from_the_header(header, expected):
    assert sniff(header) == expected


def test_excel_sep_line_names_the_separator():
    grid = read_delimited("sep=;\nQ;A\nLocks?;Yes, D-locks.\n", "s.csv")
    assert grid.rows == [(2, ["Q", "A"]), (3, ["Locks?", "Yes, D-locks."])]


def test_excel_unicode_text_is_utf16_with_tabs():
    data = codecs.BOM_UTF16_LE + "question\tanswer\nLocks?\tYes.\n".encode("utf-16-le")
    rows, _ = read_table(decode(data, "u.txt"), "u.txt", "tsv")
    assert (rows[0].question, rows[0].answer) == ("Locks?", "Yes.")


def test_cells_keep_line_breaks_and_line_numbers_count_them():
    grid = read_delimited('q,a\r\nOne?,"a\r\nb"\r\nTwo?,c\r\n', "c.csv")
    assert grid.rows[1:] == [(2, ["One?", "a\nb"]), (4, ["Two?", "c"])]


def test_a_quote_that_swallows_a_row_is_caught_even_when_it_closes_later():
    with pytest.raises(InputError, match=r"s.csv:2: a quote opened here is never closed"):
        read_delimited('q,a\nOne?,"yes\nTwo?,no"\n', "s.csv")


def test_a_stray_quote_after_a_quoted_cell():
    with pytest.raises(InputError, match=r"s.csv:2: not a readable table row"):
        read_delimited('q,a\nOne?,"yes" and no\n', "s.csv")


def test_qna_maker_tsv_has_no_quoting():
    text = 'Question\tAnswer\tQnaId\n"Fast" delivery?\t"Yes", in a day.\t1\n'
    assert read_delimited(text, "q.tsv").rows[1][1] == ['"Fast" delivery?', '"Yes", in a day.', "1"]


def test_latin1_that_is_not_windows_1252():
    with pytest.raises(InputError, match=r"l.csv:1: .*an 8-bit encoding such as ISO-8859-1"):
        decode(b"question \x81\xe9,answer\n", "l.csv")


# --- merging rows ---------------------------------------------------------------------------


def test_rows_with_one_answer_merge_but_short_answers_and_ids_stay_apart():
    text = (
        "question,answer,id\n"
        "Do you fix flat tyres?,We fix flat tyres while you wait.,\n"
        "puncture repair,We fix flat tyres while you wait.,\n"
        "Do you sell bells?,Yes.,\n"
        "Do you sell horns?,Yes.,\n"
        "Do you sell lights?,We fix flat tyres while you wait.,lights\n"
    )
    rows, notes = read_table(text, "m.csv", "csv")
    assert [(r.question, r.alternates) for r in rows] == [
        ("Do you fix flat tyres?", ["puncture repair"]),
        ("Do you sell bells?", []),
        ("Do you sell horns?", []),
        ("Do you sell lights?", []),
    ]
    assert notes == []


def test_alternates_are_split_at_bars_semicolons_and_line_breaks():
    text = 'question,answer,alternates\nA?,Yes.,"day pass price; 24 hour pass cost|b\nc"\n'
    rows, notes = read_table(text, "w.csv", "csv")
    assert rows[0].alternates == ["day pass price", "24 hour pass cost", "b", "c"]
    assert notes == []


def test_a_wording_given_two_answers_is_left_out_of_the_later_entry():
    text = "question,answer,alternates\nA?,First answer.,\nB?,Second answer.,a|b2\n"
    rows, notes = read_table(text, "w.csv", "csv")
    assert rows[1].alternates == ["b2"]
    assert notes == ["w.csv:3: the question 'a' has two answers (lines 2 and 3); kept the first"]


# --- zips and JSON --------------------------------------------------------------------------


def test_a_member_bigger_than_the_limit_is_refused(monkeypatch):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("kb.tsv", "x" * 5000)
    monkeypatch.setattr(archives, "MAX_MEMBER_BYTES", 1000)
    members = archives.ZipMembers(buffer.getvalue(), "big.zip")
    with pytest.raises(InputError, match=r"big.zip/kb.tsv: more than"):
        members.read("kb.tsv")


@pytest.mark.parametrize("name", ["/etc/faq.tsv", "a/../../faq.tsv", "C:\\faq.tsv"])
def test_names_that_leave_the_archive_refuse_it(name):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo(name), "x")
    with pytest.raises(InputError, match="points outside the archive"):
        archives.ZipMembers(buffer.getvalue(), "z.zip")


def test_json_objects_know_their_lines():
    data = load_json('{"qna": [\n  {"a": 1},\n\n  {"b": {"c": 2}}\n]}', "x.json")
    assert [line_of(item) for item in data["qna"]] == [2, 4]
