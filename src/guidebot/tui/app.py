"""The guidebot chat app: a small App that wires the chat screen, help, palette and themes."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding

from guidebot.bot import Bot
from guidebot.locations import transcripts_dir as default_transcripts_dir
from guidebot.tui.commands import GuidebotCommands
from guidebot.tui.screens.chat import ChatScreen
from guidebot.tui.screens.help import HelpScreen
from guidebot.tui.suggest import suggested_questions

LIGHT, DARK = "textual-light", "textual-dark"


class GuidebotApp(App[None]):
    """Chat with a Bot about its guides; every answer cites the passage it quotes."""

    TITLE = "guidebot"
    COMMANDS = App.COMMANDS | {GuidebotCommands}
    COMMAND_PALETTE_BINDING = "ctrl+p"
    BINDINGS = [
        Binding("f1", "help", "Help"),
        Binding("ctrl+t", "toggle_theme", "Theme", show=False),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(
        self,
        bot: Bot,
        *,
        transcripts_dir: Path | None = None,
        suggestions: list[str] | None = None,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__()
        self.bot = bot
        if suggestions is None:
            suggestions = suggested_questions(bot)
        self.chat = ChatScreen(
            bot, suggestions, transcripts_dir or default_transcripts_dir(), cursor_blink
        )
        if bot.kb.guides:
            self.sub_title = bot.kb.guides[0].title

    def on_mount(self) -> None:
        self.push_screen(self.chat)  # pushed (not the default screen) so its .tcss files load

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.current_theme.dark else DARK


def create_app(
    bot: Bot,
    *,
    transcripts_dir: Path | None = None,
    suggestions: list[str] | None = None,
    cursor_blink: bool = True,
) -> GuidebotApp:
    """The app over bot. Tests pass a tmp transcripts_dir and cursor_blink=False."""
    return GuidebotApp(
        bot, transcripts_dir=transcripts_dir, suggestions=suggestions, cursor_blink=cursor_blink
    )
