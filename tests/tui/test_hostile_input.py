"""Broken and hostile input never breaks the chat: pastes over several lines, control
characters typed or pasted, and a reload that fails in any way at all."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.widgets.input import Selection
from tui_support import answered, ask, shown_text

from guidebot.bot import Bot
from guidebot.dialogue.conversation import MAX_QUESTION
from guidebot.tui.literal import one_line, visible
from guidebot.tui.widgets.prompt import Prompt
from guidebot.tui.widgets.turns import QuestionView

RAW = ("\x1b", "\x00")  # ESC and NUL: neither may reach the terminal, the file or the clipboard


async def paste(pilot, text: str) -> Prompt:
    """Paste `text` the way a terminal delivers it (a bracketed paste), into the focused
    widget; the prompt it went to."""
    pilot.app.screen.focused.post_message(events.Paste(text))
    await pilot.pause()
    return pilot.app.chat.query_one(Prompt)


def screen_text(app) -> str:
    """Every character of the frame Textual would write to the terminal."""
    return "".join(strip.text for strip in app.screen._compositor.render_strips())


def test_control_characters_are_made_visible_one_for_one() -> None:
    assert visible("a\x1b[2Jb\x00c\x7fd\x9be") == "a␛[2Jb␀c␡d�e"
    assert visible("tab\tline\nend") == "tab line end"
    assert one_line("\n first  line \n\n\tsecond line\r\n") == "first line second line"
    assert all(len(visible(chr(code))) == 1 for code in range(0x100))


async def test_a_paste_of_several_lines_is_one_question(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        prompt = await paste(pilot, "first line\n\nsecond line")
        assert prompt.value == "first line second line"
        prompt.value = ""
        prompt = await paste(pilot, "\nstarts empty")
        assert prompt.value == "starts empty"

        # Pasted into what is typed, over the selection, then asked as it reads.
        prompt.value = "What is the X salary?"
        prompt.selection = Selection(12, 13)  # the X
        await paste(pilot, "\n average\n")
        assert prompt.value == "What is the average salary?"
        prompt.value = ""
        await paste(pilot, "What's the average\n\n   salary?\n")
        await pilot.press("enter")
        await answered(pilot, 0)
        assert app.chat.query_one(QuestionView).text == "What's the average salary?"
        assert app.chat.replies[0].question == "What's the average salary?"
        assert "$145,000" in app.chat.replies[0].answer


async def test_a_question_too_long_is_kept_in_the_box_and_the_limit_named(make_app) -> None:
    """Over the core's MAX_QUESTION nothing is asked (the core would cut it short, and the
    rest would go unread): a note says so with the limit, and the text stays to be edited."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        long = ("What does the programme cost for " * 100)[:3000]
        prompt = await paste(pilot, long)
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.chat.query(QuestionView) and not app.chat.replies
        assert prompt.value == long.strip() and app.focused is prompt
        [note] = [str(n.message) for n in app._notifications]
        assert f"{len(long.strip()):,} characters" in note and f"{MAX_QUESTION:,}" in note
        prompt.value = prompt.value[:MAX_QUESTION]  # edited down to the limit: asked
        await pilot.press("enter")
        await answered(pilot, 0)
        assert len(app.chat.replies) == 1 and prompt.value == ""


async def test_an_empty_paste_changes_nothing_and_a_paste_elsewhere_reaches_the_input(
    make_app,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        prompt = await paste(pilot, "\n \n\t\n")
        assert prompt.value == ""
        await ask(pilot, "What's the average salary?")
        app.chat.query("AnswerView CitationList").first().focus()
        await pilot.pause()
        assert app.focused is not prompt
        await paste(pilot, "How long\ndoes it take?")
        assert app.focused is prompt and prompt.value == "How long does it take?"


@pytest.mark.parametrize("pasted", [True, False])
async def test_control_characters_never_reach_the_terminal_file_or_clipboard(
    make_app, tmp_path: Path, pasted: bool
) -> None:
    question = "What's the\x1b[2J average\x00 salary?\x1b]0;owned\x07"
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        if pasted:
            prompt = await paste(pilot, question)
        else:  # typed or set some other way: the input holds it, and draws it, shown too
            prompt = app.chat.query_one(Prompt)
            prompt.value = question
        assert prompt.value == "What's the␛[2J average␀ salary?␛]0;owned␇"
        await pilot.pause()
        assert not any(raw in screen_text(app) for raw in RAW)
        await pilot.press("enter")
        await answered(pilot, 0)

        view = app.chat.query_one(QuestionView)
        assert view.visual.plain == "› What's the␛[2J average␀ salary?␛]0;owned␇"
        app.chat.ask(question)  # not through the input: the question view shows it safely
        await answered(pilot, 1)
        assert list(app.chat.query(QuestionView))[-1].visual.plain == view.visual.plain
        assert not any(raw in screen_text(app) for raw in RAW)
        assert not any(raw in shown_text(app.chat) for raw in RAW)

        await pilot.press("ctrl+s")
        await pilot.pause()
        (saved,) = (tmp_path / "transcripts").glob("guidebot-*.md")
        transcript = saved.read_text(encoding="utf-8")
        assert "average" in transcript and not any(raw in transcript for raw in RAW)

        await pilot.press("ctrl+y")
        assert app.clipboard and not any(raw in app.clipboard for raw in RAW)
        assert app.is_running


def _broken(error: BaseException):
    def reloaded(self: Bot):
        raise error

    return reloaded


@pytest.mark.parametrize(
    "error",
    [
        RuntimeError("a bug in the loader"),
        OSError(5, "Input/output error"),
        MemoryError(),
        RecursionError("maximum recursion depth exceeded"),
        UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"),
    ],
    ids=lambda error: type(error).__name__,
)
async def test_any_reload_failure_keeps_the_last_good_knowledge(
    make_app, monkeypatch, error: Exception
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ask(pilot, "What's the average salary?")
        bot = app.chat.bot
        monkeypatch.setattr(Bot, "reloaded", _broken(error))
        await pilot.press("ctrl+r")
        await app.workers.wait_for_complete()
        await pilot.pause()

        assert app.is_running
        problems = shown_text(app.chat.query_one(".reload-problems").parent)
        assert f"could not load the knowledge ({type(error).__name__}" in problems
        assert "Still answering from the last good knowledge" in problems
        assert any("Knowledge not reloaded" in str(n.title) for n in app._notifications)
        assert app.chat.bot is bot

        await ask(pilot, "How much does the degree cost?")
        assert len(app.chat.replies) == 2 and app.chat.replies[-1].sources
        assert app.is_running
