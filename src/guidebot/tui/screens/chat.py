"""The conversation screen: the scrolling chat, the sources panel and the question input."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from guidebot import transcript
from guidebot.bot import Bot
from guidebot.errors import GuidebotError
from guidebot.render import as_markdown
from guidebot.reply import Reply
from guidebot.tui.messages import AskRequested, CitationSelected, ReplyReady
from guidebot.tui.widgets.prompt import Prompt
from guidebot.tui.widgets.sources import SourcesPanel
from guidebot.tui.widgets.turns import AnswerView, QuestionView, Welcome


class ChatScreen(Screen):
    """One conversation with the bot; retrieval runs in a thread worker."""

    CSS_PATH = ["chat.tcss", "../widgets/turns.tcss", "../widgets/sources.tcss"]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    BINDINGS = [
        Binding("ctrl+n", "new_conversation", "New chat"),
        Binding("ctrl+o", "next_source", "Sources"),
        Binding("ctrl+s", "save", "Save"),
        Binding("ctrl+y", "copy", "Copy"),
        Binding("escape", "close_sources", "Close sources", show=False),
    ]

    def __init__(
        self, bot: Bot, suggestions: list[str], transcripts_dir: Path, cursor_blink: bool = True
    ) -> None:
        super().__init__()
        self.bot, self.suggestions, self.transcripts_dir = bot, suggestions, transcripts_dir
        self.cursor_blink = cursor_blink
        self.conversation = bot.conversation()
        self.replies: list[Reply] = []
        self.last_latency = 0.0  # seconds from sending a question to its answer mounted
        self._lock = threading.Lock()  # one ask() at a time on the conversation
        self._turns = 0
        self._source_cursor = -1

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            with VerticalScroll(id="conversation", can_focus=False):
                yield self._welcome()
            yield SourcesPanel(id="sources")
        prompt = Prompt(placeholder="Ask about the guide and press Enter (F1: help)", id="prompt")
        prompt.cursor_blink = self.cursor_blink
        yield prompt
        yield Footer()

    def _welcome(self) -> Welcome:
        guide = self.bot.kb.guides[0] if self.bot.kb.guides else None
        title, author = (guide.title, guide.author) if guide else ("this knowledge", "")
        return Welcome(title, author, self.suggestions)

    def on_mount(self) -> None:
        self.query_one(Prompt).focus()

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
        if not self.replies and text.isdigit() and 1 <= int(text) <= len(self.suggestions):
            text = self.suggestions[int(text) - 1]
        self.ask(text)

    def on_ask_requested(self, message: AskRequested) -> None:
        self.ask(message.text, message.shown)
        self.query_one(Prompt).focus()

    def ask(self, text: str, shown: str = "") -> None:
        """Show the question, then answer it in a worker."""
        self._turns += 1
        turn = Vertical(QuestionView(shown or text), classes="turn", id=f"turn-{self._turns}")
        log = self.query_one("#conversation", VerticalScroll)
        log.mount(turn)
        turn.mount(Static(Content("…"), classes="thinking"))
        log.anchor()  # follow the answer as it grows, until the person scrolls up
        self._answer(text, shown or text, f"turn-{self._turns}", time.perf_counter())

    @work(thread=True, group="answer")
    def _answer(self, text: str, shown: str, turn_id: str, started: float) -> None:
        with self._lock:
            reply = self.conversation.ask(text)
        self.post_message(ReplyReady(shown, reply, started, turn_id))

    def on_reply_ready(self, message: ReplyReady) -> None:
        turns = self.query(f"#{message.turn_id}")
        if not turns:
            return  # the conversation was reset while this question was being answered
        turn = turns.first()
        turn.query(".thinking").remove()
        self.replies.append(message.reply)
        turn.mount(AnswerView(message.reply, len(self.replies) - 1))
        self._source_cursor = 0 if message.reply.sources else -1
        if message.reply.sources:
            self.query_one(SourcesPanel).show(message.reply.sources[0])
        self.call_after_refresh(self._shown, message.started)

    def _shown(self, started: float) -> None:
        self.last_latency = time.perf_counter() - started

    def on_citation_selected(self, message: CitationSelected) -> None:
        sources = self.replies[message.turn].sources
        if 1 <= message.number <= len(sources):
            self.query_one(SourcesPanel).show(sources[message.number - 1])
            self.add_class("-sources-open")
            if message.turn == len(self.replies) - 1:
                self._source_cursor = message.number - 1

    def _last_with_sources(self) -> Reply | None:
        return next((r for r in reversed(self.replies) if r.sources), None)

    def action_next_source(self) -> None:
        """Show the next citation of the latest answer that has any."""
        reply = self._last_with_sources()
        if reply is None:
            self.notify("No citations yet: ask a question first.", markup=False)
            return
        if self.has_class("-sources-open") or self.has_class("-wide") or self._source_cursor < 0:
            self._source_cursor = (self._source_cursor + 1) % len(reply.sources)
        self.query_one(SourcesPanel).show(reply.sources[self._source_cursor])
        self.add_class("-sources-open")

    def action_close_sources(self) -> None:
        self.remove_class("-sources-open")

    async def action_new_conversation(self) -> None:
        with self._lock:
            self.conversation.reset()
        self.replies.clear()
        self._source_cursor = -1
        log = self.query_one("#conversation", VerticalScroll)
        await log.remove_children()
        await log.mount(self._welcome())
        self.query_one(SourcesPanel).show(None)
        self.remove_class("-sources-open")
        self.query_one(Prompt).focus()
        self.notify("New conversation: earlier questions are forgotten.", markup=False)

    def action_save(self) -> None:
        """Save the conversation as Markdown with its citations; say where."""
        title = self.bot.kb.guides[0].title if self.bot.kb.guides else ""
        try:
            path = transcript.save(self.replies, self.transcripts_dir, title)
        except (OSError, GuidebotError) as error:
            self.notify(f"Could not save the transcript: {error}", severity="error", markup=False)
            return
        note = Static(Content(f"Transcript saved to {path}"), classes="saved")
        log = self.query_one("#conversation", VerticalScroll)
        log.mount(note)
        log.anchor()
        self.notify(f"Saved to {path}", title="Transcript saved", markup=False, timeout=8)

    def action_copy(self) -> None:
        if not self.replies:
            self.notify("Nothing to copy yet: ask a question first.", markup=False)
            return
        self.app.copy_to_clipboard(as_markdown(self.replies[-1]))
        self.notify("Copied the last answer with its citations.", markup=False)
