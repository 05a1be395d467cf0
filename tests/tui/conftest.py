"""Fixtures for the chat app: one Bot per session, apps that save into tmp_path.

Async tests here run with asyncio.run (no async plugin is needed).
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable
from pathlib import Path

import pytest
from tui_support import SUGGESTIONS

from guidebot.bot import Bot
from guidebot.tui import GuidebotApp, create_app

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True


@pytest.fixture(scope="session")
def tui_bot() -> Bot:
    return Bot.load(KNOWLEDGE)


@pytest.fixture
def make_app(tui_bot: Bot, tmp_path: Path) -> Callable[..., GuidebotApp]:
    """An app over the bundled knowledge (or a given bot) that never writes outside tmp_path."""

    def make(bot: Bot | None = None, **kwargs) -> GuidebotApp:
        kwargs.setdefault("transcripts_dir", tmp_path / "transcripts")
        kwargs.setdefault("suggestions", SUGGESTIONS)
        kwargs.setdefault("cursor_blink", False)
        return create_app(bot or tui_bot, **kwargs)

    return make
