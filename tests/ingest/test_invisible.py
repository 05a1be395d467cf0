"""Marks of no width (zero-width spaces, the word joiner, a stray byte order mark, a soft
hyphen) leave whatever is brought in, in one place (ingest/controls.py), as they leave
questions: pasted inside a word they kept the search from finding it, though it looked
whole. The joiners that shape Persian, Indic and Mongolian words and emoji stay."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from guidebot.errors import InputError
from guidebot.ingest.controls import (
    article_without_controls,
    rows_without_controls,
    without_controls,
)
from guidebot.ingest.faq.rows import Row
from guidebot.ingest.inputs import read_all

HIDDEN = "\u200b\u00ad\u2060\ufeff"
WORD = "pass\u200bw\u00adord\u2060s\ufeff"  # "passwords" as a pasted page can hold it


def test_they_go_unnamed_and_other_text_stays_as_it_was():
    assert without_controls(f"Reset {WORD} \ufeffhere") == ("Reset passwords here", [])
    assert without_controls("ring\x07 \u200bbell") == ("ring bell", ["U+0007"])
    others = "café — naïve 日本語 👍🏽 Ελληνικά עברית\u00a0x\t\n ثبت\u200cنام 👩\u200d💻"
    assert without_controls(others) == (others, [])
    assert article_without_controls(others, "g.md") == (others, [])


def test_references_to_them_go_before_an_article_is_read():
    text = "## &#8203;&ZeroWidthSpace;\n\nIn one&#x200B;word &amp; &#233; &copy;\n"
    assert article_without_controls(text, "g.md") == ("## \n\nIn oneword &amp; &#233; &copy;\n", [])


def test_every_importer_drops_them(tmp_path: Path):
    (tmp_path / "guide.md").write_text(
        f"# Help\u200b\n\n## Your {WORD}\n\nChange your {WORD} &ZeroWidthSpace;here.\n\n"
        f"| Plan | Price\u2060 |\n|---|---|\n| Team{HIDDEN} | $9 |\n",
        encoding="utf-8",
    )
    (tmp_path / "page.html").write_text(
        f"<html><head><title>Page</title></head><body><article><h1>Page{HIDDEN}</h1>"
        f"<p>{'Our page says a lot of things about the accounts we keep. ' * 4}</p>"
        f"<h2>Your {WORD}</h2><p>Change your {WORD}&#8203; every year at least, and keep "
        "it to yourself: nobody at the desk will ever ask for it.</p></article></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "notes.txt").write_text(f"Notes\n\nYour {WORD} are safe.\n", encoding="utf-8")
    (tmp_path / "faq.csv").write_text(
        f"question,answer,alternates\nLost my {WORD}?,Reset your {WORD}.,forgot {WORD}\n",
        encoding="utf-8",
    )
    entries = [{"question": f"New {WORD}?", "answer": f"<p>Choose <b>{WORD}</b>&#8203;.</p>"}]
    (tmp_path / "more.json").write_text(json.dumps(entries), encoding="utf-8")
    paths = sorted(tmp_path.iterdir())
    articles, tables, _ = read_all(paths, None)
    texts = [article.title for _, article, _ in articles]
    for _, article, _ in articles:
        texts += article.intro
        texts += [s.heading for s in article.sections]
        texts += [block for s in article.sections for block in s.blocks]
    for table in tables:
        texts += [t for row in table.rows for t in (row.question, row.answer, *row.alternates)]
    joined = "\n".join(texts)
    assert not any(ch in joined for ch in HIDDEN), ascii(joined)
    assert joined.count("passwords") == 10, joined
    assert "- Plan: Team; Price: $9" in joined


def test_a_question_of_nothing_else_is_named_as_a_control_characters_one_is():
    with pytest.raises(InputError, match=r"^faq.csv:3: the question holds nothing but control"):
        rows_without_controls([Row("faq.csv:3", "\u200b\ufeff", "Yes.")])


def test_a_question_loses_them_as_the_knowledge_does():
    from guidebot.dialogue.markup import clean_question

    assert clean_question(f"how do i reset my {WORD}?", 2000) == "how do i reset my passwords?"
