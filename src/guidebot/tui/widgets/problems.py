"""Why an edited knowledge was not reloaded, or was found broken at start (the app then
answers from it as it last loaded cleanly): a panel in the conversation listing its problems.

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

    def __init__(self, problems: Sequence[object], reload_key: str, at_start: bool = False) -> None:
        """`reload_key`: the key that reloads, named in the advice to fix and try again;
        `at_start`: the files were broken when the app started, not by an edit since."""
        self.problems = [visible(str(problem)) for problem in problems]
        self.title = "Knowledge has problems" if at_start else "Knowledge not reloaded"
        heading = (
            "The knowledge files have problems"
            if at_start
            else f"{self.title}: the edit has problems"
        )
        again = f" and press {reload_key}" if reload_key else " and reload"
        again += "" if at_start else " again"
        super().__init__(
            Content.assemble(
                (f"{heading}\n", "bold"),
                "\n".join(self.problems),
                (f"\nStill answering from the last good knowledge. Fix them{again}.", "italic"),
            ),
            classes="reload-problems",
        )

    def on_mount(self) -> None:
        """Say so in a notification too: the panel may be out of view, scrolled past."""
        self.notify(
            self.summary(),
            title=self.title,
            severity="error",
            markup=False,
            timeout=15,
        )

    def summary(self) -> str:
        """The notification's text: how many problems, where they are, what answers now. Not
        the problems themselves: a file path and its message took most of the screen."""
        count = f"{len(self.problems)} problem" + ("s" if len(self.problems) != 1 else "")
        return f"{count}, listed in the chat. Still answering from the last good knowledge."
