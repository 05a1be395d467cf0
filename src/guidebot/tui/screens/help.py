"""The help screen (F1 or ?): keys, what guidebot does, and how to read its answers."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

INTRO = (
    "Ask about the guide in your own words and press Enter. Every answer is quoted from the "
    "guide and cites it, e.g. [1]: select a citation to read its passage. Follow-ups "
    '("and the cost?") continue the conversation.'
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
    ("Ctrl+R", "reload the knowledge after editing its files"),
    ("Ctrl+P", "command palette"),
    ("Ctrl+T", "light or dark theme"),
    ("F1 or ?", "this help"),
    ("Ctrl+Q", "quit"),
)


GUIDE_KEY = ("Ctrl+G", "answer from one guide, or from all of them")


def keys_table(several_guides: bool = False) -> Content:
    keys = list(KEYS)
    if several_guides:
        keys.insert(
            keys.index(("Ctrl+R", "reload the knowledge after editing its files")), GUIDE_KEY
        )
    width = max(len(key) for key, _ in keys) + 2
    lines = [Content.assemble((key.ljust(width), "bold $text-accent"), what) for key, what in keys]
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    """Keys and tips; any of Esc, F1, ? or q closes it."""

    CSS_PATH = "help.tcss"
    BINDINGS = [
        Binding("escape,f1,question_mark,q", "dismiss", "Close help"),
    ]

    def __init__(self, several_guides: bool = False) -> None:
        super().__init__()
        self.several_guides = several_guides

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = "guidebot help"
            box.border_subtitle = "Esc closes"
            yield Static(Content(INTRO), id="help-intro")
            yield Static(keys_table(self.several_guides), id="help-keys")
