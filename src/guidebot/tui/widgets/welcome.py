"""The welcome message: what guidebot knows, and suggested first questions to click."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from guidebot.tui.widgets.turns import AskButton


class Welcome(Vertical):
    """What guidebot knows, and suggested first questions (type the number or click).

    With no suggestions yet (the bot is still being built) it says so; `show_suggestions`
    fills them in.
    """

    def __init__(self, about: str, suggestions: list[str] | None) -> None:
        super().__init__(classes="welcome")
        self.about, self.suggestions = about, suggestions

    def compose(self) -> ComposeResult:
        yield Static(Content("Welcome to guidebot"), classes="welcome-title")
        yield Static(Content(self.about), classes="welcome-about")
        yield from self._suggestion_widgets()

    def _suggestion_widgets(self) -> list[Static | AskButton]:
        if self.suggestions is None:
            return [
                Static(Content("Getting the guide ready… you can type already."), classes="hint")
            ]
        if not self.suggestions:
            return []
        widgets: list[Static | AskButton] = [
            Static(Content("Try one (type its number, or click it):"), classes="hint")
        ]
        for n, question in enumerate(self.suggestions, start=1):
            widgets.append(AskButton(f"{n}. {question}", question, question, classes="suggestion"))
        return widgets

    def show_about(self, about: str) -> None:
        """Say anew what guidebot answers about (another guide was picked)."""
        self.about = about
        self.query_one(".welcome-about", Static).update(Content(about))

    async def show_suggestions(self, suggestions: list[str]) -> None:
        self.suggestions = suggestions
        await self.query(".hint, .suggestion").remove()
        await self.mount_all(self._suggestion_widgets())
