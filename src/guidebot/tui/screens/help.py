"""The help screen (F1 or ?): keys, what guidebot does, and how to read its answers.

The keys of the app's and the chat screen's actions come from their bindings (see KeyHelp);
only keys that belong to the input and the answers' widgets are written out here.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from guidebot.tui.keys import KeyHelp

INTRO = (
    "Ask about the guide in your own words and press Enter. Every answer is quoted from the "
    "guide and cites it, e.g. [1]: select a citation to read its passage. Follow-ups "
    '("and the cost?") continue the conversation.'
)


@dataclass(frozen=True)
class Row:
    """One line of the key table: what it does, and either the action whose bound keys do it
    or, for keys that are not bindings of the app or the chat screen, the keys themselves."""

    what: str
    action: str = ""
    keys: str = ""


ROWS = (
    Row("send the question", keys="Enter"),
    Row("earlier questions", keys="Up / Down"),
    Row("ask a suggested question, or pick a choice", keys="1-6, Enter"),
    Row("go to a citation or choice; Enter opens it", keys="Tab, click"),
    Row("show the next source of the latest answer", "next_source"),
    Row("close the sources panel", "close_sources"),
    Row("new conversation", "new_conversation"),
    Row("save the transcript as Markdown", "save"),
    Row("copy the last answer with its citations", "copy"),
    Row("mark the last answer as not helpful", "not_helpful"),
    Row("answer from one guide, or from all of them", "pick_guide"),
    Row("reload the knowledge after editing its files", "reload"),
    Row("command palette", "command_palette"),
    Row("light or dark theme", "toggle_theme"),
    Row("this help", "help"),
    Row("quit", "quit"),
)
GUIDE_ACTION = "pick_guide"  # only there with several guides to pick from
FEEDBACK_ACTION = "not_helpful"  # only there once there is an answer to mark


def keys_table(keys: KeyHelp, several_guides: bool = False, answered: bool = False) -> Content:
    """The key table: each row's keys in bold, padded to one column, then what they do.
    Actions that no key is bound to are left out."""
    left_out = {GUIDE_ACTION: not several_guides, FEEDBACK_ACTION: not answered}
    rows = [
        (row.keys or keys.named(row.action), row.what)
        for row in ROWS
        if not left_out.get(row.action, False)
    ]
    rows = [(key, what) for key, what in rows if key]
    width = max(len(key) for key, _ in rows) + 2
    lines = [Content.assemble((key.ljust(width), "bold $text-accent"), what) for key, what in rows]
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    """Keys and tips; any of Esc, F1, ? or q closes it."""

    CSS_PATH = "help.tcss"
    BINDINGS = [
        Binding("escape,f1,question_mark,q", "dismiss", "Close help"),
    ]

    def __init__(self, keys: KeyHelp, several_guides: bool = False, answered: bool = False) -> None:
        """`keys`: the app's and the chat screen's bindings, which the table names;
        `answered`: there is an answer to mark as not helpful."""
        super().__init__()
        self.key_help, self.several_guides, self.answered = keys, several_guides, answered

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = "guidebot help"
            box.border_subtitle = f"{KeyHelp(self.BINDINGS).first('dismiss')} closes"
            yield Static(Content(INTRO), id="help-intro")
            yield Static(
                keys_table(self.key_help, self.several_guides, self.answered), id="help-keys"
            )
