"""The scrolling conversation: each question mounted in turn order, "…" while its answer is on
the way, then the answer below it; older answers frozen into one Static each, and the turns
before the last KEEP_TURNS taken off the screen, so that however long the conversation, each
answer costs the same and the app does not grow (every reply stays in the screen's Answers:
Ctrl+S saves them all, and a citation's source is looked up there).

Questions are answered by the ChatSession in thread workers run here; the ReplyReady they post
bubbles up to the screen, which puts the answer in (`show_answer`) with its sources, in one
frame. A question that could not be answered, or could not be logged, is told here.
"""

from __future__ import annotations

import time
from functools import partial
from typing import Any

from textual import work
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widget import AwaitMount, Widget
from textual.widgets import Static

from guidebot.errors import GuidebotError
from guidebot.tui.messages import AskFailed, LogTrouble, ReplyReady
from guidebot.tui.session import ChatSession
from guidebot.tui.widgets.turns import AnswerView, EarlierTurns, QuestionView

KEEP_LIVE = 2  # the latest answers keep focusable buttons; older ones become one Static each
KEEP_TURNS = 20  # turns kept on screen: a few screens to scroll back through
QUESTION_DELAY = 0.04  # seconds: an answer ready sooner appears with its question, one frame
ANSWER_FRAME = 3  # an answer's left border and padding, in columns (turns.tcss)


class ConversationLog(VerticalScroll):
    """The turns so far; a question asked but not on screen yet waits in `unshown`."""

    can_focus = False  # keys go to the input; the mouse wheel scrolls it

    def __init__(
        self, *children: Widget, session: ChatSession, save_key: str = "", **kwargs: Any
    ) -> None:
        """`session` answers the questions; until its bot is built "…" says the guide is
        getting ready. `save_key` saves the transcript, named where older turns were."""
        super().__init__(*children, **kwargs)
        self.session = session
        self.save_key = save_key
        self.unshown: dict[str, str] = {}  # turn id -> question, for turns not mounted yet
        self.waiting: set[str] = set()  # turns asked and not answered (nor failed) yet
        self._turns = 0
        self._log_warned = False

    def ask(self, text: str, shown: str = "") -> None:
        """Answer `text` in a worker; show the question (`shown`) at once with its answer, or
        after QUESTION_DELAY with a "…" if the answer takes longer."""
        self._turns += 1
        turn_id = f"turn-{self._turns}"
        self.unshown[turn_id] = shown or text
        self.waiting.add(turn_id)
        self.set_timer(QUESTION_DELAY, partial(self.show_waiting, turn_id))
        self._answer(text, shown or text, turn_id, time.perf_counter(), self.session.ticket())

    @work(thread=True, group="answer")
    def _answer(self, text: str, shown: str, turn_id: str, started: float, ticket: int) -> None:
        try:
            answered = self.session.ask(text, ticket)
        except GuidebotError as error:
            self.post_message(AskFailed(turn_id, str(error)))
            return
        self.post_message(ReplyReady(shown, answered.reply, started, turn_id, answered.stale))
        note = self.session.record(answered)
        if note:
            self.post_message(LogTrouble(note))

    async def on_ask_failed(self, message: AskFailed) -> None:
        await self.show_failure(message.turn_id, message.reason)
        self.notify(message.reason, severity="error", markup=False)

    def on_log_trouble(self, message: LogTrouble) -> None:
        if not self._log_warned:
            self._log_warned = True
            self.notify(message.note, severity="warning", markup=False, timeout=10)

    def has_turn(self, turn_id: str) -> bool:
        """Whether turn `turn_id` still awaits its answer (no reset since it was asked)."""
        return turn_id in self.waiting

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
        waiting = "…" if self.session.ready.is_set() else "… (getting the guide ready)"
        return Static(Content(waiting), classes="thinking", id=f"{turn_id}-thinking")

    async def show_waiting(self, turn_id: str) -> None:
        if turn_id in self.unshown:
            await self.mount_turns(turn_id, self.thinking(turn_id))

    async def show_answer(self, message: ReplyReady, turn: int) -> None:
        """Put the answer (of reply `turn`, 0-based) below its question, mounting the question
        if it is not yet; its source labels fit the width it is given from the start."""
        room = self.scrollable_content_region.width - ANSWER_FRAME  # inside an answer
        answer = AnswerView(message.reply, turn, message.stale, room)
        turn_id, shown = message.turn_id, message.shown
        if turn_id in self.unshown:
            self.unshown[turn_id] = shown
            await self.mount_turns(turn_id, answer)
        else:
            question = self.query_one(f"#{turn_id}", QuestionView)
            if question.text != shown:
                question.show_text(shown)
            await self.mount(answer, after=question)
            await self.remove_for_good(list(self.query(f"#{turn_id}-thinking")))
        self.waiting.discard(turn_id)

    async def show_failure(self, turn_id: str, reason: str) -> None:
        if turn_id not in self.waiting:
            return  # the conversation was reset while this question was being answered
        self.waiting.discard(turn_id)
        await self.show_waiting(turn_id)
        for thinking in self.query(f"#{turn_id}-thinking").results(Static):
            thinking.update(Content(f"(Could not answer: {reason})"))

    async def compact(self) -> None:
        """Older answers become one Static each (the same look, links still work), and the
        oldest turns leave the screen; after an answer is shown, off its own frame."""
        with self.app.batch_update():
            for view in list(self.query_children(AnswerView))[:-KEEP_LIVE]:
                focused = self.screen.focused
                if not (focused and focused in view.query("*")):
                    await self.mount(view.frozen(), after=view)
                    await self.remove_for_good([view])
            await self.drop_oldest()

    async def drop_oldest(self) -> None:
        """Take the turns before the last KEEP_TURNS (and the welcome and notes among them) off
        the screen, for one EarlierTurns line that counts them. Kept, two widgets a turn made
        every layout slower and the app bigger as the conversation went on. A turn still
        waiting for its answer, and whatever has focus, stay with all that follows them."""
        questions = list(self.query_children(QuestionView))
        cut = len(questions) - KEEP_TURNS
        cut = next((n for n, q in enumerate(questions[:cut]) if q.id in self.waiting), cut)
        if cut <= 0:
            return
        focused = self.screen.focused
        held = set(focused.ancestors_with_self) if focused is not None else set()
        gone: list[Widget] = []
        for widget in self.children:
            if widget is questions[cut] or widget in held:
                break
            if not isinstance(widget, EarlierTurns):
                gone.append(widget)
        if not gone:
            return
        earlier = next(iter(self.query_children(EarlierTurns)), None)
        if earlier is None:
            earlier = EarlierTurns(self.save_key)
            await self.mount(earlier, before=0)
        earlier.add(sum(isinstance(widget, QuestionView) for widget in gone))
        await self.remove_for_good(gone)

    async def remove_for_good(self, widgets: list[Widget]) -> None:
        """Remove these children, and empty the lines they drew. Textual (8.x) memoises the
        method StylesCache.get_inner_outer with lru_cache(1024), which holds on to the last
        1024 widgets' line caches: without this, each widget taken off the screen kept its
        rendered lines in memory (some 20 MB by turn 500 of scripts/bench_tui.py --long 500),
        for the garbage collector to walk through at every answer."""
        nodes = [node for widget in widgets for node in widget.walk_children(with_self=True)]
        await self.remove_children(widgets)
        for node in nodes:
            if isinstance(node, Widget):
                node._styles_cache.clear()

    def add_note(self, note: Widget) -> AwaitMount:
        """Put `note` (a saved transcript, a reload's problems) after the turns, in view."""
        mounted = self.mount(note)
        self.anchor()
        return mounted

    async def restart(self, welcome: Widget) -> None:
        """Forget every turn and show `welcome` again."""
        self.unshown.clear()
        self.waiting.clear()
        await self.remove_for_good(list(self.children))
        await self.mount(welcome)
