"""User and knowledge text is shown literally: Textual markup in it never styles or crashes."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static
from tui_support import ask, shown_text

from guidebot.bot import Bot
from guidebot.tui.widgets.sources import SourcesPanel
from guidebot.tui.widgets.turns import AnswerView, QuestionView, answer_content, answer_lines

MARKUP = (
    "[bold]Tuition[/] [link=https://example.com]fees[/link] [/] [red on blue]x[@click=app.quit]"
)

GUIDE = f"""---
title: "The [bold]Costs[/] Guide [/]"
author: "A. [italic]Writer"
---
The introduction explains what this small test guide is about for every reader here.

## How much does the programme cost?

Tuition for the whole programme runs from $10,000 to $20,000, with *fees* included.
Literal markup follows: {MARKUP} and that is all.

## Who can apply?

Applicants need a bachelor's degree and some programming experience in Python.
"""


def markup_bot(tmp_path: Path) -> Bot:
    root = tmp_path / "kb"
    (root / "guides").mkdir(parents=True)
    (root / "guides" / "costs.md").write_text(GUIDE, encoding="utf-8")
    return Bot.load(root)


async def test_markup_in_a_question_is_shown_as_typed(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        question = f"{MARKUP} salary?"
        await ask(pilot, question)
        assert app.is_running
        assert app.chat.query_one(QuestionView).text == question
        assert app.chat.query_one(QuestionView).visual.plain == f"› {question}"
        assert app.chat.replies[0].question  # answered (or declined), not crashed


async def test_markup_in_the_knowledge_is_shown_literally(make_app, tmp_path: Path) -> None:
    bot = markup_bot(tmp_path)
    app = make_app(bot, suggestions=["How much does the [bold]programme cost?"])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "“The [bold]Costs[/] Guide [/]” by A. [italic]Writer" in shown_text(app.chat)
        assert "How much does the [bold]programme cost?" in shown_text(app.chat)
        await ask(pilot, "How much is the tuition?")
        answer = app.chat.query_one(AnswerView)
        reply = answer.reply
        assert reply.kind == "answer", reply
        assert MARKUP in shown_text(answer)  # shown character for character
        assert "*fees*" in shown_text(answer)  # and Markdown in the knowledge stays literal
        await pilot.press("ctrl+o")
        await pilot.pause()
        panel = shown_text(app.chat.query_one(SourcesPanel))
        assert MARKUP in panel and "The [bold]Costs[/] Guide [/]" in panel
        assert app.is_running


def test_answer_lines_keep_bullets_and_every_character() -> None:
    text = "- first [x](y) *a* `b` <i>\n\n2. not a list # nor a heading"
    assert answer_lines(text) == ["• first [x](y) *a* `b` <i>", "2. not a list # nor a heading"]


def test_a_list_and_its_lead_in_are_one_paragraph_of_lines() -> None:
    text = "Intro.\nTo join:\n1. Fill in the form.\n2. Pay.\nPerks:\n- tyres\n• parts\nEnd."
    assert answer_lines(text) == [
        "Intro.",
        "To join:\n1. Fill in the form.\n2. Pay.",
        "Perks:\n• tyres\n• parts",
        "End.",
    ]


async def test_the_answer_renders_to_the_original_text(make_app) -> None:
    from guidebot.reply import Reply

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        original = "Costs: $1,000 (about) *not bold* _nor this_ [x](y) <b> #1 a\\b `c` [/] 1. ok"
        reply = Reply(question="q", answer=original, kind="answer")
        widget = Static(answer_content(reply, 0))
        await app.chat.query_one("#conversation").mount(widget)
        await pilot.pause()
        assert widget.visual.plain == original
