"""Why an edited knowledge was not reloaded: a panel in the conversation listing its problems.

A broken edit must not stop the chat, so the problems go where the person is reading and the
last good knowledge keeps answering; the panel says both. A problem names a file, or quotes
an error's message, that may hold control characters: they are shown as symbols.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

from guidebot.tui.literal import visible


class ReloadProblems(Static):
    """Every problem of the edit (file:line, shown literally) and how to try again."""

    def __init__(self, problems: Sequence[object], reload_key: str) -> None:
        """`reload_key`: the key that reloads, named in the advice to fix and try again."""
        self.problems = [visible(str(problem)) for problem in problems]
        again = f" and press {reload_key} again" if reload_key else " and reload again"
        super().__init__(
            Content.assemble(
                ("Knowledge not reloaded: the edit has problems\n", "bold"),
                "\n".join(self.problems),
                (f"\nStill answering from the last good knowledge. Fix them{again}.", "italic"),
            ),
            classes="reload-problems",
        )

    def on_mount(self) -> None:
        """Say so in a notification too: the panel may be out of view, scrolled past."""
        self.notify(
            self.summary(),
            title="Knowledge not reloaded",
            severity="error",
            markup=False,
            timeout=15,
        )

    def summary(self) -> str:
        """The notification's text: how many problems, where they are, what answers now. Not
        the problems themselves: a file path and its message took most of the screen."""
        count = f"{len(self.problems)} problem" + ("s" if len(self.problems) != 1 else "")
        return f"{count}, listed in the chat. Still answering from the last good knowledge."
