"""Transcripts: Markdown with citations, written atomically, never replacing a file."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from guidebot.bot import Bot
from guidebot.reply import transcript

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"
WHEN = datetime(2026, 3, 4, 5, 6, 7)


@pytest.fixture(scope="module")
def replies():
    conversation = Bot.load(KNOWLEDGE).conversation()
    return [conversation.ask("What's the average salary?"), conversation.ask("hi [bold]x[/]")]


def test_markdown_has_questions_answers_and_cited_passages(replies) -> None:
    text = transcript.to_markdown(replies, "A Guide", WHEN)
    first = replies[0]
    assert text.startswith("# guidebot transcript: A Guide\n")
    assert "> What's the average salary?" in text
    assert "$145,000" in text
    assert "Passages cited" in text
    for source in first.sources:
        assert f"[{source.number}] *{source.guide_title}*, section “{source.section}”" in text
    assert "> hi \\[bold]x\\[/]" in text  # user text kept literally: "[" shown, not markup


def test_empty_conversation_says_so() -> None:
    assert "No questions were asked" in transcript.to_markdown([], when=WHEN)


def test_save_never_replaces_an_existing_file(tmp_path: Path, replies) -> None:
    first = transcript.save(replies, tmp_path, "T", WHEN)
    second = transcript.save(replies[:1], tmp_path, "T", WHEN)
    assert first.name == "guidebot-2026-03-04-050607.md"
    assert second.name == "guidebot-2026-03-04-050607-2.md"
    assert first.read_text(encoding="utf-8") == transcript.to_markdown(replies, "T", WHEN)
    assert {p.name for p in tmp_path.iterdir()} == {first.name, second.name}


def test_save_creates_the_directory(tmp_path: Path, replies) -> None:
    path = transcript.save(replies, tmp_path / "new" / "dir", when=WHEN)
    assert path.is_file()


def test_transcript_does_not_import_textual() -> None:
    code = "import sys, guidebot.reply.transcript, guidebot.cli; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_reply_to_two_questions_keeps_each_answer_and_its_notes() -> None:
    reply = Bot.load(KNOWLEDGE).ask("what's the salry and how long does the program take?")
    salary, duration = reply.parts
    text = transcript.to_markdown([reply], when=WHEN)
    assert "› what's the salry" in text and "› how long does the program take?" in text
    assert f"[{duration.sources[0].number}]" in text
    assert "*(Read 'salry' as 'salary'.)*" in text
    for source in reply.sources:
        assert f"[{source.number}] *{source.guide_title}*" in text


HOSTILE_GUIDE = """---
title: Shop <b>help</b>
---
Welcome.

## Returns <img src=x onerror=alert(1)>
Send it back within 30 days. <script>alert(2)</script> See [our form](http://evil.example)
and ![logo](http://x/y.png); AT&amp;T customers too. C:\\<img src=x onerror=alert(4)> and
[a [b] c](http://evil.example/nested) or [x][ref].

[ref]: http://evil.example/ref
"""


def test_markup_in_knowledge_and_questions_is_inert_wherever_markdown_is_written(
    make_knowledge,
) -> None:
    """A transcript or `ask --format markdown` may be opened in a Markdown renderer: the
    tags, links and entities a guide or a question holds show as written, none of them
    rendered (reply.render.literal)."""
    from markdown_it import MarkdownIt

    from guidebot.reply.render import as_markdown

    bot = Bot.load(make_knowledge({"guides/shop.md": HOSTILE_GUIDE}))
    reply = bot.conversation().ask("how do i send back returns <i>now</i>")
    assert reply.kind == "answer" and "<script>" in reply.answer
    html = MarkdownIt("commonmark").render(
        transcript.to_markdown([reply], "Shop <b>help</b>", WHEN) + as_markdown(reply)
    )
    for rendered in ("<script", "<img", "<b>", "<i>", "<a ", "&amp;T"):
        assert rendered not in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html  # shown, as written
    assert "AT&amp;amp;T" in html  # the entity's own characters, not an ampersand
