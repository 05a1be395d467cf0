"""Snapshots at 80x24 over a small fixed guide: the welcome, an answer, and the help screen.

Regenerate with `pytest tests/tui --snapshot-update` after an intended change of the look.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from guidebot.bot import Bot
from guidebot.tui import create_app

SNAPSHOT_KNOWLEDGE = Path(__file__).parent / "knowledge"
SIZE = (80, 24)


@pytest.fixture(scope="module")
def snapshot_bot() -> Bot:
    return Bot.load(SNAPSHOT_KNOWLEDGE)


def make(bot: Bot, tmp_path: Path):
    return create_app(bot, transcripts_dir=tmp_path, cursor_blink=False)


def test_welcome(snap_compare, snapshot_bot, tmp_path: Path) -> None:
    assert snap_compare(make(snapshot_bot, tmp_path), terminal_size=SIZE)


def test_answer_with_citations(snap_compare, snapshot_bot, tmp_path: Path) -> None:
    async def ask(pilot) -> None:
        await pilot.press(*"How much does it cost?", "enter")
        await pilot.app.workers.wait_for_complete()
        for _ in range(200):
            if pilot.app.chat.replies:
                break
            await pilot.pause(0.01)
        await pilot.pause()
        pilot.app.clear_notifications()

    assert snap_compare(make(snapshot_bot, tmp_path), terminal_size=SIZE, run_before=ask)


def test_help_screen(snap_compare, snapshot_bot, tmp_path: Path) -> None:
    assert snap_compare(make(snapshot_bot, tmp_path), terminal_size=SIZE, press=["f1"])
