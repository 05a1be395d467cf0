"""Ctrl+B marks the last answer as not helpful: the right source, a comment, in the log."""

from __future__ import annotations

import json
import re

import pytest
from textual.widgets import OptionList
from tui_support import ask, shown_text

from guidebot.locations import unanswered_log
from guidebot.tui.palette import GuidebotCommands
from guidebot.tui.screens.feedback import THANKS, FeedbackScreen
from guidebot.tui.screens.help import HelpScreen
from guidebot.tui.widgets.prompt import Prompt

QUESTION = "What's the average salary?"


def feedback() -> list[dict]:
    path = unanswered_log()
    if not path.is_file():
        return []
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    return [r for r in records if r["kind"] == "feedback"]


def notes(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_mark_not_helpful_with_the_right_source_and_a_comment(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ask(pilot, QUESTION)
        reply = app.chat.replies[-1]
        assert len(reply.sources) >= 2
        await pilot.press("ctrl+b")
        screen = app.screen
        assert isinstance(screen, FeedbackScreen)
        assert QUESTION in shown_text(screen)
        options = screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert labels[-1] == "None of these" and len(labels) == len(reply.sources) + 1
        for source, label in zip(reply.sources, labels[:-1], strict=True):
            assert label.startswith(f"[{source.number}] {source.section}")
        await pilot.press("down", "down", *"too vague", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, FeedbackScreen)
        assert isinstance(app.focused, Prompt)
        assert THANKS in notes(app)
    [record] = feedback()
    assert record["question"] == QUESTION and record["helpful"] is False
    # what it answered from stays what it answered from; the source picked is the right one
    assert record["sources"] == [s.id for s in reply.quoted]
    assert record["right"] == [reply.sources[1].id]
    assert record["right_sections"] == [reply.sources[1].section]
    assert record["comment"] == "too vague"
    assert record["confidence"] == round(reply.confidence, 4)


async def test_nothing_is_named_right_unless_picked(make_app) -> None:
    """The dialog opens with no source picked: Enter at once names none as the right one
    (least of all the one the answer came from); Up from there is "None of these"."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ask(pilot, QUESTION)
        assert app.chat.replies[-1].sources
        await pilot.press("ctrl+b", "enter")
        await settle(pilot)
        [record] = feedback()
        assert record["helpful"] is False
        assert not record.get("right") and not record.get("right_sections")
        await pilot.press("ctrl+b", "up")
        options = app.screen.query_one(OptionList)
        assert options.highlighted == options.option_count - 1  # "None of these"
        await pilot.press("enter")
        await settle(pilot)
    assert [record.get("right") for record in feedback()] == [None, None]


async def test_after_small_talk_the_answer_before_it_is_marked(make_app) -> None:
    """Ctrl+B after the apology to "that's the wrong answer" (or after thanks) marks the
    answer, not the small talk."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ask(pilot, QUESTION)
        await ask(pilot, "that's the wrong answer")
        assert app.chat.replies[-1].kind == "smalltalk"
        await pilot.press("ctrl+b")
        screen = app.screen
        assert isinstance(screen, FeedbackScreen)
        assert QUESTION in shown_text(screen)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        await ask(pilot, "thanks")
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert not isinstance(app.screen, FeedbackScreen)
        assert "No answer to mark yet." in notes(app)


async def test_none_of_these_logs_the_source_the_answer_quoted(make_app) -> None:
    """Not the others listed beside it: `guidebot gaps` says "answered from" of these."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ask(pilot, QUESTION)
        reply = app.chat.replies[-1]
        await pilot.press("ctrl+b", *["down"] * (len(reply.sources) + 2), "enter")
        await settle(pilot)
    [record] = feedback()
    assert len(reply.sources) > 1 and record["comment"] == ""
    assert record["sources"] == [reply.sources[0].id] == [s.id for s in reply.quoted]


async def test_escape_and_no_answer_record_nothing(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert not isinstance(app.screen, FeedbackScreen)
        assert "No answer to mark yet." in notes(app)
        await ask(pilot, QUESTION)
        await pilot.press("ctrl+b", "down", *"never mind", "escape")
        await settle(pilot)
        assert not isinstance(app.screen, FeedbackScreen)
        assert THANKS not in notes(app)
    assert feedback() == []


async def test_with_the_log_off_nothing_is_recorded_and_it_says_so(
    make_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GUIDEBOT_NO_LOG", "1")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ask(pilot, QUESTION)
        await pilot.press("ctrl+b", "enter")
        await settle(pilot)
        assert any(n.startswith("Not recorded: the log is off") for n in notes(app))
    monkeypatch.delenv("GUIDEBOT_NO_LOG")
    assert feedback() == []


async def test_an_unwritable_log_is_a_warning(make_app, tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("GUIDEBOT_DATA_DIR", str(blocker / "data"))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ask(pilot, QUESTION)
        await pilot.press("ctrl+b", "enter")
        await settle(pilot)
        assert app.is_running
        assert any("could not write" in n for n in notes(app))


async def test_help_and_palette_name_the_key(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        hints = {name: hint for name, hint, _, _ in GuidebotCommands(app.chat)._commands()}
        assert hints["Mark answer not helpful"].endswith("(Ctrl+B)")
        await pilot.press("f1")
        assert "not helpful" not in shown_text(app.screen)  # nothing to mark yet
        await pilot.press("escape")
        await ask(pilot, QUESTION)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        help_text = shown_text(app.screen)
        assert re.search(r"^Ctrl\+B +mark the last answer as not helpful", help_text, re.M)
