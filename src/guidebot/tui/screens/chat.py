"""The conversation screen: the scrolling chat, the sources panel and the question input.

The first frame needs only the knowledge (title, author): the Bot's index is built in a
thread worker after it is painted, and a question sent before then waits for it. Retrieval,
reloads and the unanswered-questions log all run in thread workers too.
"""

from __future__ import annotations

import time
from functools import partial
from pathlib import Path

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, Input, Static

from guidebot import transcript
from guidebot.errors import GuidebotError
from guidebot.render import as_markdown
from guidebot.reply import Reply
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
from guidebot.tui.screens.guides import ALL, GuidePicker
from guidebot.tui.session import ChatSession
from guidebot.tui.widgets.prompt import Prompt
from guidebot.tui.widgets.sources import SourcesPanel
from guidebot.tui.widgets.turns import AnswerView, QuestionView, Welcome

KEEP_LIVE = 2  # the latest answers keep focusable buttons; older ones become one Static each
ANSWER_FRAME = 3  # an answer's left border and padding, in columns (turns.tcss)
QUESTION_DELAY = 0.04  # seconds: an answer ready sooner appears with its question, one frame


class ChatScreen(Screen):
    """One conversation with the bot; retrieval runs in a thread worker."""

    CSS_PATH = ["chat.tcss", "../widgets/turns.tcss", "../widgets/sources.tcss"]
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
        self._unshown: dict[str, str] = {}  # turn id -> question, for turns not mounted yet
        self._source_cursor = -1
        self._log_warned = False

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
            with VerticalScroll(id="conversation", can_focus=False):
                yield self._welcome()
            yield SourcesPanel(id="sources")
        prompt = Prompt(placeholder="Ask about the guide and press Enter (F1: help)", id="prompt")
        prompt.cursor_blink = self.cursor_blink
        yield prompt
        yield Footer()

    def _welcome(self) -> Welcome:
        return Welcome(self._about(), self.suggestions)

    def _about(self) -> str:
        kb, chosen = self.session.kb, self.session.guides
        guides = [g for g in (kb.guide(s) for s in chosen) if g] if chosen else list(kb.guides)
        if len(guides) == 1:
            by = f" by {guides[0].author}" if guides[0].author else ""
            return f"I answer questions about “{guides[0].title}”{by}, citing the passages I quote."
        if guides:
            titles = ", ".join(f"“{g.title}”" for g in guides[:3])
            more = f" and {len(guides) - 3} more" if len(guides) > 3 else ""
            return (
                f"I answer questions about {len(guides)} guides ({titles}{more}), citing the "
                "passages I quote. Ctrl+G answers from one guide only."
            )
        return "I answer questions about this knowledge, citing the passages I quote."

    def on_mount(self) -> None:
        self.query_one(Prompt).focus()
        self._show_guide_choice()
        if self.session.ready.is_set():
            self._notes(list(self.session.bot.notes) if self.session.bot else [])
        else:
            self.call_after_refresh(self._build)  # after the first frame is painted

    # The bot, built in the background -------------------------------------------------------

    @work(thread=True, group="build", exit_on_error=False)
    def _build(self) -> None:
        bot = self.session.build()
        self.post_message(BotReady(list(bot.notes) if bot else [], self.session.failure))
        if bot is None:
            return
        if self.suggestions is None:
            from guidebot.tui.suggest import suggested_questions

            self.post_message(SuggestionsReady(suggested_questions(bot, lock=self.session.lock)))
        if self.session.log_unanswered:
            import guidebot.gaps  # noqa: F401 - so logging the first unanswered turn is quick

    def on_bot_ready(self, message: BotReady) -> None:
        if message.failure:
            self.notify(message.failure, severity="error", markup=False, timeout=30)
        self._notes(message.notes)
        self.refresh_bindings()

    def _notes(self, notes: list[str]) -> None:
        """The index cache's notes (e.g. it was rebuilt), once, at start."""
        if notes:
            self.notify("\n".join(notes), title="Index cache", markup=False, timeout=8)

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
        self._unshown[turn_id] = shown or text
        self.set_timer(QUESTION_DELAY, partial(self._show_waiting, turn_id))
        self._answer(text, shown or text, turn_id, time.perf_counter(), self.session.ticket())

    async def _mount_turns(self, upto: str, below: Widget) -> None:
        """Mount the questions not shown yet up to turn `upto` (in order): that one with
        `below` after it, any earlier one with "…"."""
        log = self.query_one("#conversation", VerticalScroll)
        while self._unshown:
            turn_id, shown = next(iter(self._unshown.items()))
            del self._unshown[turn_id]
            after = below if turn_id == upto else self._thinking(turn_id)
            await log.mount_all([QuestionView(shown, id=turn_id), after])
            if turn_id == upto:
                break
        log.anchor()  # follow the answer as it grows, until the person scrolls up

    def _thinking(self, turn_id: str) -> Static:
        waiting = "…" if self.session.ready.is_set() else "… (getting the guide ready)"
        return Static(Content(waiting), classes="thinking", id=f"{turn_id}-thinking")

    async def _show_waiting(self, turn_id: str) -> None:
        if turn_id in self._unshown:
            await self._mount_turns(turn_id, self._thinking(turn_id))

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
        if message.turn_id not in self._unshown and not self.query(f"#{message.turn_id}"):
            return  # the conversation was reset while this question was being answered
        self.replies.append(message.reply)
        self.stale.append(message.stale)
        self._source_cursor = 0 if message.reply.sources else -1
        log = self.query_one("#conversation", VerticalScroll)
        room = log.scrollable_content_region.width - ANSWER_FRAME  # inside an answer
        answer = AnswerView(message.reply, len(self.replies) - 1, message.stale, room)
        # One frame for the whole answer (and its question, if that is not on screen yet):
        # nothing half-composed is ever laid out or painted.
        with self.app.batch_update():
            if message.turn_id in self._unshown:
                self._unshown[message.turn_id] = message.shown
                await self._mount_turns(message.turn_id, answer)
            else:
                question = self.query_one(f"#{message.turn_id}", QuestionView)
                if question.text != message.shown:
                    question.show_text(message.shown)
                await self.query_one("#conversation").mount(answer, after=question)
                await self.query(f"#{message.turn_id}-thinking").remove()
            panel_shown = self.has_class("-wide") or self.has_class("-sources-open")
            if message.reply.sources and panel_shown:  # else Ctrl+O or a click shows it
                self.query_one(SourcesPanel).show(message.reply.sources[0], 1 in message.stale)
        self.call_after_refresh(self._shown, message.started)

    def _shown(self, started: float) -> None:
        self.last_latency = time.perf_counter() - started
        self.call_after_refresh(self._freeze_older)  # off the answer's own frame

    async def _freeze_older(self) -> None:
        """Older answers become one Static each (the same look, links still work)."""
        log = self.query_one("#conversation", VerticalScroll)
        with self.app.batch_update():
            for view in list(log.query_children(AnswerView))[:-KEEP_LIVE]:
                if not (self.focused and self.focused in view.query("*")):
                    await log.mount(view.frozen(), after=view)
                    await view.remove()

    async def on_ask_failed(self, message: AskFailed) -> None:
        await self._show_waiting(message.turn_id)
        for thinking in self.query(f"#{message.turn_id}-thinking").results(Static):
            thinking.update(Content(f"(Could not answer: {message.reason})"))
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
        self._unshown.clear()
        self.replies.clear()
        self.stale.clear()
        self._source_cursor = -1
        log = self.query_one("#conversation", VerticalScroll)
        await log.remove_children()
        await log.mount(self._welcome())
        self.query_one(SourcesPanel).show(None)
        self.remove_class("-sources-open")
        self.query_one(Prompt).focus()
        self.notify("New conversation: earlier questions are forgotten.", markup=False)

    def action_reload(self) -> None:
        """Load the knowledge again from disk (after editing it); keep it if the edit broke."""
        self._reload()

    @work(thread=True, group="reload", exclusive=True)
    def _reload(self) -> None:
        result = self.session.reload()
        self.post_message(KnowledgeReloaded(result.changed, result.error, result.note))

    async def on_knowledge_reloaded(self, message: KnowledgeReloaded) -> None:
        if message.error is not None:
            problems = list(message.error.problems) or [str(message.error)]
            listing = "\n".join(str(p) for p in problems)
            panel = Static(
                Content.assemble(
                    ("Knowledge not reloaded: the edit has problems\n", "bold"),
                    listing,
                    (
                        "\nStill answering from the last good knowledge. Fix them and press "
                        "Ctrl+R again.",
                        "italic",
                    ),
                ),
                classes="reload-problems",
            )
            log = self.query_one("#conversation", VerticalScroll)
            await log.mount(panel)
            log.anchor()
            count = f"{len(problems)} problem" + ("s" if len(problems) != 1 else "")
            self.notify(
                f"{count}, first: {problems[0]}\nStill answering from the last good knowledge.",
                title="Knowledge not reloaded",
                severity="error",
                markup=False,
                timeout=15,
            )
            return
        if message.note:
            self.notify(message.note, severity="warning", markup=False, timeout=10)
        changed = "" if message.changed else " (nothing had changed)"
        self.notify(f"Knowledge reloaded{changed}.", markup=False)
        self._show_guide_choice()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pick_guide":
            return len(self.session.kb.guides) > 1
        return True

    def action_pick_guide(self) -> None:
        guides = self.session.kb.guides
        if len(guides) < 2:
            self.notify("There is only one guide to answer from.", markup=False)
            return
        current = self.session.guides[0] if self.session.guides else ALL
        self.app.push_screen(GuidePicker(guides, current), self._guide_picked)

    def _guide_picked(self, slug: str | None) -> None:
        if slug is None:
            return
        self.choose_guide(slug)

    def choose_guide(self, slug: str) -> None:
        """Answer from guide `slug` only, or from all guides for ALL ("")."""
        self.session.choose_guides(() if slug == ALL else (slug,))
        self._show_guide_choice()
        for welcome in self.query(Welcome):
            welcome.query_one(".welcome-about", Static).update(Content(self._about()))
        self.notify(f"Answering from: {self.session.guide_title()}", markup=False)
        self.query_one(Prompt).focus()

    def _show_guide_choice(self) -> None:
        several = len(self.session.kb.guides) > 1
        self.app.sub_title = self.session.guide_title() + (" (Ctrl+G: guide)" if several else "")

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
