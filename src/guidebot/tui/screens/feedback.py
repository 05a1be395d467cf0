"""The "not helpful" screen (Ctrl+B): which of the last answer's sources was the right one, if
any, and a one-line comment, for the log that `guidebot gaps` reads.

The comment input keeps the focus: Up and Down (or a click) pick the source (none is picked at
first), typing writes the comment, Enter records both, Esc cancels. The record is written in a
thread worker of the app (importing the log and writing it must not hold up the chat), which
notifies how it went.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from guidebot.reply import Reply, Source
from guidebot.tui.literal import one_line, visible
from guidebot.tui.session import ChatSession

SNIPPET = 60  # characters of a source's passage shown under its section
THANKS = "Thanks — noted as not helpful; the command guidebot gaps lists it."


class Comment(Input):
    """The one-line comment; control characters show as symbols (see guidebot.tui.literal)."""

    def validate_value(self, value: str) -> str:
        return visible(value)


def label(source: Source, width: int = SNIPPET) -> Content:
    """A source as an option: its number and section, then the start of its passage."""
    text = " ".join(source.text.split())
    snippet = text if len(text) <= width else text[: width - 1].rstrip() + "…"
    return Content.assemble(
        f"[{source.number}] {source.section}", "\n", (f"    {snippet}", "$text-muted")
    )


class FeedbackScreen(ModalScreen[None]):
    """Records that `reply` did not help on Enter (in the background); Esc records nothing."""

    CSS_PATH = "feedback.tcss"
    BINDINGS = [
        Binding("escape", "dismiss", "Cancel"),
        Binding("up", "move(-1)", "Previous source", show=False),
        Binding("down", "move(1)", "Next source", show=False),
    ]

    def __init__(self, session: ChatSession, reply: Reply) -> None:
        super().__init__()
        self.session, self.reply = session, reply

    def compose(self) -> ComposeResult:
        options = [Option(label(s), id=str(s.number)) for s in self.reply.sources]
        options.append(Option(Content("None of these"), id="none"))
        with Vertical(id="feedback-box") as box:
            box.border_title = "Not helpful"
            box.border_subtitle = "Up/Down picks · Enter records · Esc cancels"
            yield Static(Content.assemble("You asked: ", (self.reply.asked, "bold")))
            yield Static(Content("The right source, if it is one of these:"), id="feedback-hint")
            choices = OptionList(*options, id="feedback-options")
            choices.can_focus = False  # the comment keeps the focus; Up/Down move the choice
            yield choices
            yield Comment(placeholder="What was wrong? (optional)", id="feedback-comment")

    def on_mount(self) -> None:
        # Nothing is picked until the person picks it: a source highlighted from the start
        # (it was [1], the one the answer came from) went into the log as the right one
        # whenever Enter was pressed at once, and `guidebot gaps` then read "answered from X,
        # should have answered X".
        self.query_one(OptionList).highlighted = None
        self.query_one(Comment).focus()

    def action_move(self, step: int) -> None:
        """Down from no choice picks [1], Up picks "None of these"; the ends do not wrap."""
        choices = self.query_one(OptionList)
        last = choices.option_count - 1
        if choices.highlighted is None:
            choices.highlighted = 0 if step > 0 else last
        else:
            choices.highlighted = max(0, min(choices.highlighted + step, last))

    @on(OptionList.OptionSelected)
    def _clicked(self) -> None:
        self.query_one(Comment).focus()

    @on(Input.Submitted)
    def _record(self) -> None:
        index = self.query_one(OptionList).highlighted
        sources = self.reply.sources
        right = sources[index] if index is not None and index < len(sources) else None
        comment = one_line(self.query_one(Comment).value)
        work = partial(record, self.app, self.session, self.reply, right, comment)
        # The app's worker, not the screen's: the screen is gone before the record is written.
        self.app.run_worker(work, thread=True, group="feedback")
        self.dismiss()


def record(
    app: App[Any], session: ChatSession, reply: Reply, right: Source | None, comment: str
) -> None:
    """Log the verdict (blocking: run it in a thread) and say how it went (notify is
    thread-safe)."""
    note = session.feedback(reply, right, comment)
    if note:
        app.notify(f"Not recorded: {note}", severity="warning", markup=False, timeout=10)
    else:
        app.notify(THANKS, markup=False)
