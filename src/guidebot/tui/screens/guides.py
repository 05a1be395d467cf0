"""The guide picker (Ctrl+G): answer from one guide, or from all of them."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from guidebot.knowledge.model import Guide

ALL = ""  # the option id of "All guides"


class GuidePicker(ModalScreen[str | None]):
    """Dismisses with a guide's slug, ALL for every guide, or None when cancelled (Esc)."""

    CSS_PATH = "guides.tcss"
    BINDINGS = [Binding("escape", "dismiss_none", "Cancel")]

    def __init__(self, guides: tuple[Guide, ...], current: str = ALL) -> None:
        super().__init__()
        self.guides, self.current = guides, current

    def compose(self) -> ComposeResult:
        options = [Option(Content(f"All guides ({len(self.guides)})"), id=ALL)]
        options += [
            Option(
                Content.assemble(guide.title, "\n", (f"  {guide.slug}", "$text-muted")),
                id=guide.slug,
            )
            for guide in self.guides
        ]
        with Vertical(id="guide-box") as box:
            box.border_title = "Answer from"
            box.border_subtitle = "Enter picks · Esc cancels"
            yield Static(
                Content("Questions are answered from the guide you pick."), id="guide-hint"
            )
            yield OptionList(*options, id="guide-options")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        ids = [ALL, *(g.slug for g in self.guides)]
        options.highlighted = ids.index(self.current) if self.current in ids else 0
        options.focus()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id or ALL)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
