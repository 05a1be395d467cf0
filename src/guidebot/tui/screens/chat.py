"""The conversation screen: the scrolling chat, the sources panel and the question input.

The first frame needs only the knowledge (title, author): the ChatSession builds the Bot in a
thread worker after it is painted, and a question sent before then waits for it. Reloads
(Ctrl+R) and the guide choice (Ctrl+G) are the session's too; this screen shows what they come
to. ConversationLog lays out the turns and has them answered, in thread workers. What the keys
on the last answer do is in last_answer.py.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Header

from guidebot.errors import KnowledgeError
from guidebot.reply import Reply
from guidebot.tui.answers import Answers
from guidebot.tui.keys import KeyHelp
from guidebot.tui.messages import (
    AskRequested,
    BotReady,
    KnowledgeReloaded,
    ReplyReady,
    SuggestionsReady,
)
from guidebot.tui.screens.guides import ALL, GuidePicker
from guidebot.tui.screens.last_answer import LastAnswerActions
from guidebot.tui.session import ChatSession
from guidebot.tui.widgets.conversation import ConversationLog
from guidebot.tui.widgets.footer import KeysFooter
from guidebot.tui.widgets.problems import ReloadProblems
from guidebot.tui.widgets.prompt import Prompt
from guidebot.tui.widgets.sources import SourcesPanel
from guidebot.tui.widgets.welcome import Welcome

if TYPE_CHECKING:
    from guidebot.bot import Bot
    from guidebot.dialogue.conversation import Conversation

# The actions whose keys the footer keeps when not all fit: the help lists every key.
FOOTER_FIRST = ("help", "quit")


class ChatScreen(LastAnswerActions):
    """One conversation with the bot: the chat, its sources and input, and the keys on them."""

    CSS_PATH = [
        "chat.tcss",
        "../widgets/welcome.tcss",
        "../widgets/turns.tcss",
        "../widgets/citations.tcss",
        "../widgets/sources.tcss",
        "../widgets/problems.tcss",
    ]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    BINDINGS = [
        Binding("ctrl+n,f2", "new_conversation", "New chat"),
        Binding("ctrl+o", "next_source", "Sources"),
        Binding("ctrl+s", "save", "Save"),
        Binding("ctrl+y", "copy", "Copy"),
        Binding("ctrl+g", "pick_guide", "Guide", show=False),  # the header names it
        Binding("ctrl+r,f8", "reload", "Reload", show=False),
        Binding("ctrl+b", "not_helpful", "Not helpful", show=False),
        Binding("escape", "close_sources", "Close sources", show=False),
        Binding("tab", "focus_reply", "Newest citations", show=False),
    ]

    def __init__(
        self,
        session: ChatSession,
        key_help: KeyHelp,
        suggestions: list[str] | None,
        transcripts_dir: Path,
        cursor_blink: bool = True,
    ) -> None:
        """`key_help`: the app's and this screen's keys, for the hints that name them."""
        super().__init__()
        self.session = session
        self.key_help = key_help
        self.suggestions = suggestions  # None until the bot has tried them out
        self.transcripts_dir = transcripts_dir
        self.cursor_blink = cursor_blink
        self.answers = Answers()
        self.last_latency = 0.0  # seconds from sending a question to its answer painted

    @property
    def bot(self) -> Bot | None:
        """The bot answering now (None while it is still being built)."""
        return self.session.bot

    @property
    def conversation(self) -> Conversation | None:
        return self.session.conversation

    @property
    def replies(self) -> list[Reply]:
        """The replies shown so far, oldest first."""
        return self.answers.replies

    def compose(self) -> ComposeResult:
        yield Header()
        save_key = self.key_help.first("save")  # named where earlier turns left the screen
        with Horizontal(id="body"):
            with ConversationLog(session=self.session, save_key=save_key, id="conversation"):
                yield self._welcome()
            yield SourcesPanel(id="sources")
        yield Prompt(self.key_help.first("help"), self.cursor_blink, id="prompt")
        yield KeysFooter(keep=FOOTER_FIRST)

    def _welcome(self) -> Welcome:
        return Welcome(self._about(), self.suggestions)

    def _about(self) -> str:
        return self.session.about(self.key_help.first("pick_guide"))

    def on_mount(self) -> None:
        self.query_one(Prompt).focus()
        self._show_guide_choice()
        if self.session.ready.is_set():
            self._show_notes(self.session.notes())
        else:
            self.call_after_refresh(self._build)  # after the first frame is painted
        if self.session.problems is not None:
            self.call_after_refresh(self._show_problems, self.session.problems, True)

    def action_focus_reply(self) -> None:
        """Tab from the question box goes to the newest reply's citations or choices, the
        ones just read; Textual's order would start at the top of the chat, with the
        welcome suggestions. From anywhere else Tab goes on to the next as usual."""
        if isinstance(self.focused, Prompt):
            chain = [w for w in self.query_one(ConversationLog).query("*") if w.focusable]
            if chain:
                self.set_focus(chain[-1])  # now, for the keys behind it (Prompt.take_focus)
                return
        self.focus_next()

    async def _show_problems(self, error: KnowledgeError, at_start: bool = False) -> None:
        """List the knowledge files' problems in the chat (it notifies, too)."""
        found: list[object] = [*error.problems] or [error]
        if self.app.is_web:  # the files are the server's: a visitor gets the count
            found = [f"{len(found)} problem(s) in the server's knowledge files"]
        problems = ReloadProblems(found, self.key_help.first("reload"), at_start)
        await self.query_one(ConversationLog).add_note(problems)

    # The bot, built in the background -------------------------------------------------------

    @work(thread=True, group="build", exit_on_error=False)
    def _build(self) -> None:
        bot = self.session.build()
        self.post_message(BotReady(self.session.notes(), self.session.failure))
        if bot is None:
            return
        if self.suggestions is None:
            self.post_message(SuggestionsReady(self.session.suggestions()))
        self.session.prepare_log()

    def on_bot_ready(self, message: BotReady) -> None:
        if message.failure:
            self.notify(message.failure, severity="error", markup=False, timeout=30)
        self._show_notes(message.notes)
        self.refresh_bindings()

    def _show_notes(self, notes: list[str]) -> None:
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
        if self.focused is not prompt:
            await prompt.take_key(event)

    def on_paste(self, event: events.Paste) -> None:
        """A paste while a citation or choice has focus goes to the question input too."""
        event.stop()  # the app would hand it on again, to the input that has focus now
        self.query_one(Prompt).paste(event.text)

    def on_ask_requested(self, message: AskRequested) -> None:
        """A question typed or clicked; a number typed before the first answer asks that
        suggested question."""
        text, suggestions = message.text, self.suggestions or []
        picks = message.typed and not self.replies and text.isascii() and text.isdigit()
        if picks and 1 <= int(text) <= len(suggestions):
            text = suggestions[int(text) - 1]
        self.ask(text, message.shown)
        self.query_one(Prompt).focus()

    def ask(self, text: str, shown: str = "") -> None:
        """Ask `text` as the next turn, showing `shown` (default: text) as the question; the
        answer comes back as a ReplyReady."""
        self.query_one(ConversationLog).ask(text, shown)

    async def on_reply_ready(self, message: ReplyReady) -> None:
        log = self.query_one(ConversationLog)
        if not log.has_turn(message.turn_id):
            return  # the conversation was reset while this question was being answered
        turn = self.answers.add(message.reply, message.stale)
        # One frame for the whole answer (and its question, if that is not on screen yet) and
        # its first source: nothing half-composed is ever laid out or painted.
        with self.app.batch_update():
            await log.show_answer(message, turn)
            panel_shown = self.has_class("-wide") or self.has_class("-sources-open")
            if message.reply.sources and panel_shown:  # else Ctrl+O or a click shows it
                self.query_one(SourcesPanel).show(message.reply.sources[0], 1 in message.stale)
        self.call_after_refresh(self._shown, message.started)

    def _shown(self, started: float) -> None:
        self.last_latency = time.perf_counter() - started
        log = self.query_one(ConversationLog)
        self.call_after_refresh(log.compact)  # off the answer's own frame

    # The conversation and the knowledge -----------------------------------------------------

    async def action_new_conversation(self) -> None:
        self.session.reset()
        self.answers.clear()
        await self.query_one(ConversationLog).restart(self._welcome())
        self.query_one(SourcesPanel).show(None)
        self.remove_class("-sources-open")
        self.query_one(Prompt).focus()
        self.notify("New conversation: earlier questions are forgotten.", markup=False)

    @work(thread=True, group="reload", exclusive=True)
    def action_reload(self) -> None:
        """Load the knowledge again from disk (after editing it); keep it if the edit broke."""
        result = self.session.reload()
        self.post_message(KnowledgeReloaded(result.changed, result.error, result.note))

    async def on_knowledge_reloaded(self, message: KnowledgeReloaded) -> None:
        if message.error is not None:
            await self._show_problems(message.error)
            return
        if message.note:
            self.notify(message.note, severity="warning", markup=False, timeout=10)
        changed = "" if message.changed else " (nothing had changed)"
        self.notify(f"Knowledge reloaded{changed}.", markup=False)
        self._show_guide_choice()
        self.refresh_bindings()

    # The guide answers come from ------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pick_guide":
            return self.session.can_pick_guide()
        return True

    def action_pick_guide(self) -> None:
        """Only with several guides (check_action): the picker, on the guide answered from."""
        current = self.session.guides[0] if self.session.guides else ALL
        self.app.push_screen(GuidePicker(self.session.kb.guides, current), self.choose_guide)

    def choose_guide(self, slug: str | None) -> None:
        """Answer from guide `slug` only, or from all guides for ALL (""); None (the picker
        was cancelled) keeps the choice."""
        if slug is None:
            return
        self.session.choose_guides(() if slug == ALL else (slug,))
        self._show_guide_choice()
        for welcome in self.query(Welcome):
            welcome.show_about(self._about())
        self.notify(f"Answering from: {self.session.guide_title()}", markup=False)
        self.query_one(Prompt).focus()

    def _show_guide_choice(self) -> None:
        """The header names the guide answers come from, and the key to pick another."""
        key = self.key_help.first("pick_guide")
        pick = f" ({key}: guide)" if key and self.session.can_pick_guide() else ""
        self.app.sub_title = self.session.guide_title() + pick
