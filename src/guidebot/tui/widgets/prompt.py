"""The question input: Enter asks, up/down walk through earlier questions, "?" alone is help.

Typing while something else has focus (a citation, a choice) goes here too: the screen hands
such keys to `take_key`, so the person never has to click back into the input. A paste of
several lines is one question, and no control character ever gets into the input (it would
be written to the terminal as it is): see guidebot.tui.literal.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.binding import Binding
from textual.widgets import Input

from guidebot.tui.literal import one_line, visible
from guidebot.tui.messages import AskRequested


class Prompt(Input):
    """An Input with a history of what was sent (oldest first); Enter posts AskRequested."""

    DEFAULT_CSS = ""
    BINDINGS = [
        Binding("up", "history(-1)", "Previous question", show=False),
        Binding("down", "history(1)", "Next question", show=False),
    ]

    def __init__(self, help_key: str = "", cursor_blink: bool = True, **kwargs: Any) -> None:
        """`help_key`: the key that opens the help, named in the placeholder."""
        hint = f" ({help_key}: help)" if help_key else ""
        # Focus coming back (typing while a citation had it) must not select the line: the
        # next key would replace all of it.
        placeholder = f"Ask about the guide and press Enter{hint}"
        super().__init__(placeholder=placeholder, select_on_focus=False, **kwargs)
        self.cursor_blink = cursor_blink
        self.history: list[str] = []
        self._position = 0  # == len(history) when editing a new line
        self._draft = ""

    def validate_value(self, value: str) -> str:
        """Whatever sets the value (a paste, the history, code), control characters show as
        symbols: the input is drawn on the terminal, and so is the question it asks."""
        return visible(value)

    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()  # Input._on_paste would paste the first line again
        self.paste(event.text)

    def paste(self, text: str) -> None:
        """Paste every line of `text`, joined into one question, over the selection. Input's
        own paste keeps only the first line, so the rest of a question copied over several
        lines was silently lost, and a paste starting with a line break put in nothing."""
        text = one_line(text)
        if not text:
            return
        self.take_focus()
        if self.selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *self.selection)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Ask what was typed, and keep it in the history; refuse it, kept here to be
        shortened, if it is longer than a question can be."""
        event.stop()
        text = event.value.strip()
        if self._too_long(text):
            return
        self.value = ""
        if text:
            self.remember(text)
            self.post_message(AskRequested(text, typed=True))

    def _too_long(self, text: str) -> bool:
        """Whether `text` is over the core's limit, and if so the note that says so. The core
        cuts a longer question at the limit, and the answer to its first part read as the
        answer to it all: nothing is asked, the person chooses what to keep."""
        # Imported here, not with the module: conversation.py brings the engine (numpy) in,
        # which the first frame does not wait for (the Bot is built after it).
        from guidebot.dialogue.conversation import MAX_QUESTION

        length = len(" ".join(text.split()))  # as the core counts it: spaces run together
        if length <= MAX_QUESTION:
            return False
        self.notify(
            f"Your question is {length:,} characters long; the most one can have is "
            f"{MAX_QUESTION:,}. Shorten it, then press Enter.",
            title="Question too long",
            severity="warning",
            markup=False,
            timeout=10,
        )
        return True

    def remember(self, text: str) -> None:
        if text and (not self.history or self.history[-1] != text):
            self.history.append(text)
        self._position = len(self.history)
        self._draft = ""

    def action_history(self, step: int) -> None:
        if not self.history:
            return
        if self._position == len(self.history):
            self._draft = self.value
        self._position = max(0, min(len(self.history), self._position + step))
        self.value = (
            self._draft if self._position == len(self.history) else self.history[self._position]
        )
        self.cursor_position = len(self.value)

    async def take_key(self, event: events.Key) -> None:
        """A key pressed while another widget had focus: a printable one is typed here."""
        if not (event.is_printable and event.character):
            return
        event.stop()
        if self._is_help(event.character):
            await self.app.run_action("help")
            return
        self.take_focus()
        self.insert_text_at_cursor(event.character)

    def take_focus(self) -> None:
        """Focus the input now, not at the next message as Widget.focus does: keys already on
        their way are sent to whatever has focus when each is read, so with focus still
        elsewhere an Enter right behind the text typed here pressed the citation or the
        suggestion that had it, and the question in the box went unsent."""
        if self.screen.focused is not self:
            self.screen.set_focus(self)

    def _is_help(self, character: str | None) -> bool:
        """A "?" on an empty line opens the help; inside a question it is just a character."""
        return character == "?" and not self.value

    async def _on_key(self, event: events.Key) -> None:
        if self._is_help(event.character):
            event.stop()
            event.prevent_default()
            await self.app.run_action("help")
            return
        if event.key == "tab":
            # Here, in turn with the characters around it: as a binding Tab would act once it
            # has bubbled up to the app, after the keys typed behind it were put in the box,
            # and take the focus (and the Enter after them) away from the text they typed.
            event.stop()
            event.prevent_default()
            await self.app.run_action("screen.focus_reply")
            return
        if event.is_printable:
            self.take_focus()  # typed here after a Tab in the same burst: Enter comes here too
        await super()._on_key(event)
