"""The help screen (F1 or ?): keys, what guidebot does, and how to read its answers."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

INTRO = (
    "Ask a question about the guide in your own words and press Enter. Every answer is "
    "quoted from the guide and ends with a citation such as [1]; select it to read the "
    'passage. Follow-ups ("and the cost?") continue the conversation.'
)
KEYS = (
    ("Enter", "send the question"),
    ("Up / Down", "earlier questions"),
    ("1-6, Enter", "ask a suggested question, or pick a choice"),
    ("Tab, click", "go to a citation or choice; Enter opens it"),
    ("Ctrl+O", "show the next source of the latest answer"),
    ("Esc", "close the sources panel"),
    ("Ctrl+N", "new conversation"),
    ("Ctrl+S", "save the transcript as Markdown"),
    ("Ctrl+Y", "copy the last answer with its citations"),
    ("Ctrl+P", "command palette"),
    ("Ctrl+T", "light or dark theme"),
    ("F1 or ?", "this help"),
    ("Ctrl+Q", "quit"),
)


def keys_table() -> Content:
    width = max(len(key) for key, _ in KEYS) + 2
    lines = [Content.assemble((key.ljust(width), "bold $text-accent"), what) for key, what in KEYS]
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    """Keys and tips; any of Esc, F1, ? or q closes it."""

    CSS_PATH = "help.tcss"
    BINDINGS = [
        Binding("escape,f1,question_mark,q", "dismiss", "Close help"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = "guidebot help"
            box.border_subtitle = "Esc closes"
            yield Static(Content(INTRO), id="help-intro")
            yield Static(keys_table(), id="help-keys")
