"""The conversation screen: the scrolling chat, the sources panel and the question input.

The first frame needs only the knowledge (title, author): the Bot's index is built in a
thread worker after it is painted, and a question sent before then waits for it. Retrieval,
reloads and the unanswered-questions log all run in thread workers too. The turns are laid
out by ConversationLog; building, reloading and guide choice are in guidebot.tui.lifecycle.
"""

from __future__ import annotations

import time
from functools import partial
from pathlib import Path

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from guidebot.errors import GuidebotError
from guidebot.reply import Reply, transcript
from guidebot.reply.render import as_markdown
from guidebot.tui.lifecycle import BotLifecycle
from guidebot.tui.messages import (
    AskFailed,
    AskRequested,
    BotReady,
    CitationSelected,
    KnowledgeReloaded,
    LogTrouble,
    ReplyReady,
    SuggestionsReady,
)
from guidebot.tui.session import ChatSession
from guidebot.tui.widgets.conversation import ConversationLog
from guidebot.tui.widgets.prompt import Prompt
from guidebot.tui.widgets.sources import SourcesPanel
from guidebot.tui.widgets.turns import AnswerView
from guidebot.tui.widgets.welcome import Welcome

ANSWER_FRAME = 3  # an answer's left border and padding, in columns (turns.tcss)
QUESTION_DELAY = 0.04  # seconds: an answer ready sooner appears with its question, one frame


class ChatScreen(Screen):
    """One conversation with the bot; retrieval runs in a thread worker."""

    CSS_PATH = [
        "chat.tcss",
        "../widgets/welcome.tcss",
        "../widgets/turns.tcss",
        "../widgets/citations.tcss",
        "../widgets/sources.tcss",
    ]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    BINDINGS = [
        Binding("ctrl+n", "new_conversation", "New chat"),
        Binding("ctrl+o", "next_source", "Sources"),
        Binding("ctrl+s", "save", "Save"),
        Binding("ctrl+y", "copy", "Copy"),
        Binding("ctrl+g", "pick_guide", "Guide", show=False),  # the header names it
        Binding("ctrl+r", "reload", "Reload", show=False),
        Binding("escape", "close_sources", "Close sources", show=False),
    ]

    def __init__(
        self,
        session: ChatSession,
        suggestions: list[str] | None,
        transcripts_dir: Path,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__()
        self.session = session
        self.suggestions = suggestions  # None until the bot has tried them out
        self.transcripts_dir = transcripts_dir
        self.cursor_blink = cursor_blink
        self.replies: list[Reply] = []
        self.stale: list[frozenset[int]] = []  # per reply: sources that may be out of date
        self.last_latency = 0.0  # seconds from sending a question to its answer painted
        self._turns = 0
        self._source_cursor = -1
        self._log_warned = False
        self.lifecycle = BotLifecycle(self)  # building, reloading, choosing the guide

    @property
    def bot(self):
        """The bot answering now (None while it is still being built)."""
        return self.session.bot

    @property
    def conversation(self):
        return self.session.conversation

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            with ConversationLog(ready=self.session.ready, id="conversation", can_focus=False):
                yield self._welcome()
            yield SourcesPanel(id="sources")
        prompt = Prompt(placeholder="Ask about the guide and press Enter (F1: help)", id="prompt")
        prompt.cursor_blink = self.cursor_blink
        yield prompt
        yield Footer()

    def _welcome(self) -> Welcome:
        return Welcome(self.lifecycle.about(), self.suggestions)

    def on_mount(self) -> None:
        self.query_one(Prompt).focus()
        self.lifecycle.start()

    # The bot, built in the background (lifecycle.py) ----------------------------------------

    def on_bot_ready(self, message: BotReady) -> None:
        self.lifecycle.bot_ready(message)

    async def on_suggestions_ready(self, message: SuggestionsReady) -> None:
        self.suggestions = message.suggestions
        for welcome in self.query(Welcome):
            await welcome.show_suggestions(message.suggestions)

    # Questions and answers ------------------------------------------------------------------

    async def on_key(self, event: events.Key) -> None:
        """Typing while a citation or choice has focus goes to the question input."""
        prompt = self.query_one(Prompt)
        if self.focused is prompt or not (event.is_printable and event.character):
            return
        event.stop()
        if event.character == "?" and not prompt.value:
            await self.app.run_action("help")
            return
        prompt.focus()
        prompt.insert_text_at_cursor(event.character)

    @on(Input.Submitted, "#prompt")
    def _submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        event.input.value = ""
        if not text:
            return
        self.query_one(Prompt).remember(text)
        suggestions = self.suggestions or []
        if not self.replies and text.isdigit() and 1 <= int(text) <= len(suggestions):
            text = suggestions[int(text) - 1]
        self.ask(text)

    def on_ask_requested(self, message: AskRequested) -> None:
        self.ask(message.text, message.shown)
        self.query_one(Prompt).focus()

    def ask(self, text: str, shown: str = "") -> None:
        """Answer `text` in a worker; show the question (`shown`) at once with its answer, or
        after QUESTION_DELAY with a "…" if the answer takes longer."""
        self._turns += 1
        turn_id = f"turn-{self._turns}"
        log = self.query_one(ConversationLog)
        log.unshown[turn_id] = shown or text
        self.set_timer(QUESTION_DELAY, partial(log.show_waiting, turn_id))
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

    async def on_reply_ready(self, message: ReplyReady) -> None:
        log = self.query_one(ConversationLog)
        if not log.has_turn(message.turn_id):
            return  # the conversation was reset while this question was being answered
        self.replies.append(message.reply)
        self.stale.append(message.stale)
        self._source_cursor = 0 if message.reply.sources else -1
        room = log.scrollable_content_region.width - ANSWER_FRAME  # inside an answer
        answer = AnswerView(message.reply, len(self.replies) - 1, message.stale, room)
        # One frame for the whole answer (and its question, if that is not on screen yet):
        # nothing half-composed is ever laid out or painted.
        with self.app.batch_update():
            await log.show_answer(message.turn_id, message.shown, answer)
            panel_shown = self.has_class("-wide") or self.has_class("-sources-open")
            if message.reply.sources and panel_shown:  # else Ctrl+O or a click shows it
                self.query_one(SourcesPanel).show(message.reply.sources[0], 1 in message.stale)
        self.call_after_refresh(self._shown, message.started)

    def _shown(self, started: float) -> None:
        self.last_latency = time.perf_counter() - started
        log = self.query_one(ConversationLog)
        self.call_after_refresh(log.freeze_older)  # off the answer's own frame

    async def on_ask_failed(self, message: AskFailed) -> None:
        await self.query_one(ConversationLog).show_failure(message.turn_id, message.reason)
        self.notify(message.reason, severity="error", markup=False)

    def on_log_trouble(self, message: LogTrouble) -> None:
        if not self._log_warned:
            self._log_warned = True
            self.notify(message.note, severity="warning", markup=False, timeout=10)

    # Sources --------------------------------------------------------------------------------

    def on_citation_selected(self, message: CitationSelected) -> None:
        self.action_select_citation(message.turn, message.number)

    def action_select_citation(self, turn: int, number: int) -> None:
        """Show source `number` of reply `turn` (also what [n] links in the text call)."""
        if not 0 <= turn < len(self.replies):
            return
        sources = self.replies[turn].sources
        if 1 <= number <= len(sources):
            self.query_one(SourcesPanel).show(sources[number - 1], number in self.stale[turn])
            self.add_class("-sources-open")
            if turn == len(self.replies) - 1:
                self._source_cursor = number - 1

    def _last_with_sources(self) -> int | None:
        return next(
            (i for i in reversed(range(len(self.replies))) if self.replies[i].sources), None
        )

    def action_next_source(self) -> None:
        """Show the next citation of the latest answer that has any."""
        index = self._last_with_sources()
        if index is None:
            self.notify("No citations yet: ask a question first.", markup=False)
            return
        sources = self.replies[index].sources
        if self.has_class("-sources-open") or self.has_class("-wide") or self._source_cursor < 0:
            self._source_cursor = (self._source_cursor + 1) % len(sources)
        source = sources[self._source_cursor]
        self.query_one(SourcesPanel).show(source, source.number in self.stale[index])
        self.add_class("-sources-open")

    def action_close_sources(self) -> None:
        self.remove_class("-sources-open")

    # Conversation, knowledge and guides -----------------------------------------------------

    async def action_new_conversation(self) -> None:
        self.session.reset()
        self.replies.clear()
        self.stale.clear()
        self._source_cursor = -1
        await self.query_one(ConversationLog).restart(self._welcome())
        self.query_one(SourcesPanel).show(None)
        self.remove_class("-sources-open")
        self.query_one(Prompt).focus()
        self.notify("New conversation: earlier questions are forgotten.", markup=False)

    def action_reload(self) -> None:
        """Load the knowledge again from disk (after editing it); keep it if the edit broke."""
        self.lifecycle.reload()

    async def on_knowledge_reloaded(self, message: KnowledgeReloaded) -> None:
        await self.lifecycle.reloaded(message)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pick_guide":
            return self.lifecycle.can_pick_guide()
        return True

    def action_pick_guide(self) -> None:
        self.lifecycle.pick_guide()

    def choose_guide(self, slug: str) -> None:
        """Answer from guide `slug` only, or from all guides for ALL ("")."""
        self.lifecycle.choose_guide(slug)

    # Saving and copying ---------------------------------------------------------------------

    def action_save(self) -> None:
        """Save the conversation as Markdown with its citations; say where."""
        title = self.session.guide_title()
        try:
            path = transcript.save(self.replies, self.transcripts_dir, title)
        except (OSError, GuidebotError) as error:
            self.notify(f"Could not save the transcript: {error}", severity="error", markup=False)
            return
        note = Static(Content(f"Transcript saved to {path}"), classes="saved")
        log = self.query_one(ConversationLog)
        log.mount(note)
        log.anchor()
        self.notify(f"Saved to {path}", title="Transcript saved", markup=False, timeout=8)

    def action_copy(self) -> None:
        if not self.replies:
            self.notify("Nothing to copy yet: ask a question first.", markup=False)
            return
        self.app.copy_to_clipboard(as_markdown(self.replies[-1]))
        self.notify("Copied the last answer with its citations.", markup=False)
