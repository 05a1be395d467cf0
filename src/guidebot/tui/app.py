"""The guidebot chat app: a small App that wires the chat screen, help, palette and themes.

Importing it does not import the engine (numpy, the index): the Bot is built, and imported,
after the first frame, so `guidebot chat` shows its screen at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding
from textual.content import Content
from textual.driver import Driver

from guidebot.knowledge.cached import Loaded
from guidebot.knowledge.model import KnowledgeBase
from guidebot.locations import transcripts_dir as default_transcripts_dir
from guidebot.tui.keys import KeyHelp
from guidebot.tui.palette import GuidebotCommands
from guidebot.tui.paste import paste_safe
from guidebot.tui.screens.chat import ChatScreen
from guidebot.tui.screens.help import HelpScreen
from guidebot.tui.session import ChatSession
from guidebot.tui.themes import DARK, LIGHT, LIGHT_THEME

if TYPE_CHECKING:
    from guidebot.bot import Bot

HELP_KEYS = ("?",)  # "?" on an empty input opens the help too (Prompt): not a binding
# Keys a browser keeps for itself (new window, new tab, reload, close tab): a page served
# by `guidebot serve` never receives them, so every action bound to one has another key.
BROWSER_KEYS = frozenset({"ctrl+n", "ctrl+t", "ctrl+r", "ctrl+w"})


class GuidebotApp(App[None]):
    """Chat with a Bot about its guides; every answer cites the passage it quotes."""

    TITLE = "guidebot"
    # Absolute: Textual reads a relative path beside the module of the class, a subclass too.
    CSS_PATH = Path(__file__).with_name("app.tcss")
    COMMANDS = App.COMMANDS | {GuidebotCommands}
    COMMAND_PALETTE_BINDING = "ctrl+p"
    BINDINGS = [
        Binding("f1", "help", "Help"),
        Binding("ctrl+t,f4", "toggle_theme", "Theme", show=False),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(
        self,
        session: ChatSession,
        *,
        transcripts_dir: Path | None = None,
        suggestions: list[str] | None = None,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__()
        self.register_theme(LIGHT_THEME)
        self.session = session
        if suggestions is None and session.bot is not None:
            suggestions = session.suggestions()
        palette = Binding(  # the binding Textual adds for COMMAND_PALETTE_BINDING
            self.COMMAND_PALETTE_BINDING,
            "command_palette",
            key_display=self.COMMAND_PALETTE_DISPLAY,
        )
        self.key_help = KeyHelp(
            self.BINDINGS, ChatScreen.BINDINGS, [palette], also={"help": HELP_KEYS}
        )
        self.chat = ChatScreen(
            session,
            self.key_help,
            suggestions,
            transcripts_dir or default_transcripts_dir(),
            cursor_blink,
        )
        self.sub_title = session.guide_title()

    @property
    def bot(self) -> Bot | None:
        return self.session.bot

    def format_title(self, title: str, sub_title: str) -> Content:
        """ "guidebot — <guide title>" in the header. Textual dims the sub-title, 2.4:1 on the
        dark theme's panel (a newcomer measured it); the guide named is no aside."""
        if not sub_title:
            return Content(title)
        return Content.assemble(Content(title).stylize("bold"), " — ", Content(sub_title))

    def get_key_display(self, binding: Binding) -> str:
        """The key the footer shows for `binding`: in a browser, for a key the browser keeps
        (BROWSER_KEYS), the action's other key ("F2 New chat", not "^n New chat")."""
        if self.is_web and binding.key in BROWSER_KEYS:
            bound = Binding.make_bindings([*self.BINDINGS, *ChatScreen.BINDINGS])
            for other in bound:
                if other.action == binding.action and other.key not in BROWSER_KEYS:
                    return super().get_key_display(other)
        return super().get_key_display(binding)

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver for this terminal (or browser), made to read a paste holding ESC
        as one paste, in order (see guidebot.tui.paste)."""
        return paste_safe(super().get_driver_class())

    def on_mount(self) -> None:
        self.push_screen(self.chat)  # pushed (not the default screen) so its .tcss files load

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            several, answered = self.session.can_pick_guide(), bool(self.chat.replies)
            self.push_screen(HelpScreen(self.key_help, several, answered))

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.current_theme.dark else DARK


def create_app(
    bot: Bot | None = None,
    *,
    knowledge: KnowledgeBase | Loaded | None = None,
    cache_dir: Path | None = None,
    guides: Sequence[str] = (),
    log_unanswered: bool = True,
    transcripts_dir: Path | None = None,
    suggestions: list[str] | None = None,
    cursor_blink: bool = True,
    model: Path | None = None,
) -> GuidebotApp:
    """The app over `bot`, or over validated `knowledge` (as loaded, or loaded through its
    snapshot) whose Bot (index in `cache_dir`) is built in the background once the first
    screen is up, so the app opens at once.

    `guides` restricts answers to those guide slugs (none: all); unanswered questions go to
    the log unless `log_unanswered` is False (or GUIDEBOT_NO_LOG is set). Tests pass a tmp
    transcripts_dir and cursor_blink=False. `model`, a sentence-embedding model directory,
    is loaded with the Bot, in the background too.
    """
    session = ChatSession(
        bot,
        knowledge,
        cache_dir=cache_dir,
        guides=guides,
        log_unanswered=log_unanswered,
        model=model,
    )
    return GuidebotApp(
        session, transcripts_dir=transcripts_dir, suggestions=suggestions, cursor_blink=cursor_blink
    )
