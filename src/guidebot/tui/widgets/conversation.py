"""The scrolling conversation: each question mounted in turn order, "…" while its answer is on
the way, then the answer below it; older answers frozen into one Static each."""

from __future__ import annotations

from threading import Event

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from guidebot.tui.widgets.turns import AnswerView, QuestionView

KEEP_LIVE = 2  # the latest answers keep focusable buttons; older ones become one Static each


class ConversationLog(VerticalScroll):
    """The turns so far; a question asked but not on screen yet waits in `unshown`."""

    def __init__(self, *children: Widget, ready: Event, **kwargs) -> None:
        """`ready`: set once the bot is built (until then "…" says the guide is getting ready)."""
        super().__init__(*children, **kwargs)
        self.ready = ready
        self.unshown: dict[str, str] = {}  # turn id -> question, for turns not mounted yet

    def has_turn(self, turn_id: str) -> bool:
        """Whether turn `turn_id` is still in this conversation (not reset since it was asked)."""
        return turn_id in self.unshown or bool(self.query(f"#{turn_id}"))

    async def mount_turns(self, upto: str, below: Widget) -> None:
        """Mount the questions not shown yet up to turn `upto` (in order): that one with
        `below` after it, any earlier one with "…"."""
        while self.unshown:
            turn_id, shown = next(iter(self.unshown.items()))
            del self.unshown[turn_id]
            after = below if turn_id == upto else self.thinking(turn_id)
            await self.mount_all([QuestionView(shown, id=turn_id), after])
            if turn_id == upto:
                break
        self.anchor()  # follow the answer as it grows, until the person scrolls up

    def thinking(self, turn_id: str) -> Static:
        waiting = "…" if self.ready.is_set() else "… (getting the guide ready)"
        return Static(Content(waiting), classes="thinking", id=f"{turn_id}-thinking")

    async def show_waiting(self, turn_id: str) -> None:
        if turn_id in self.unshown:
            await self.mount_turns(turn_id, self.thinking(turn_id))

    async def show_answer(self, turn_id: str, shown: str, answer: AnswerView) -> None:
        """Put `answer` below its question (`shown`), mounting the question if it is not yet."""
        if turn_id in self.unshown:
            self.unshown[turn_id] = shown
            await self.mount_turns(turn_id, answer)
        else:
            question = self.query_one(f"#{turn_id}", QuestionView)
            if question.text != shown:
                question.show_text(shown)
            await self.mount(answer, after=question)
            await self.query(f"#{turn_id}-thinking").remove()

    async def show_failure(self, turn_id: str, reason: str) -> None:
        await self.show_waiting(turn_id)
        for thinking in self.query(f"#{turn_id}-thinking").results(Static):
            thinking.update(Content(f"(Could not answer: {reason})"))

    async def freeze_older(self) -> None:
        """Older answers become one Static each (the same look, links still work)."""
        with self.app.batch_update():
            for view in list(self.query_children(AnswerView))[:-KEEP_LIVE]:
                focused = self.screen.focused
                if not (focused and focused in view.query("*")):
                    await self.mount(view.frozen(), after=view)
                    await view.remove()

    async def restart(self, welcome: Widget) -> None:
        """Forget every turn and show `welcome` again."""
        self.unshown.clear()
        await self.remove_children()
        await self.mount(welcome)
