"""What the chat answers from, over time: the Bot built after the first frame, the knowledge
reloaded from disk (Ctrl+R), and the guide answers are restricted to (Ctrl+G).

BotLifecycle is a plain helper the ChatScreen owns: its thread workers run on the screen, and
the messages they post are handled by the screen, which hands them back here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

from guidebot.tui.messages import BotReady, KnowledgeReloaded, SuggestionsReady
from guidebot.tui.screens.guides import ALL, GuidePicker
from guidebot.tui.widgets.conversation import ConversationLog
from guidebot.tui.widgets.prompt import Prompt
from guidebot.tui.widgets.welcome import Welcome

if TYPE_CHECKING:
    from guidebot.tui.screens.chat import ChatScreen
    from guidebot.tui.session import ChatSession


class BotLifecycle:
    """Builds, reloads and restricts the chat screen's bot, and tells the person about it."""

    def __init__(self, chat: ChatScreen) -> None:
        self.chat = chat

    @property
    def session(self) -> ChatSession:
        return self.chat.session

    # The bot, built in the background -------------------------------------------------------

    def start(self) -> None:
        """On mount: name the guide, then build the bot once the first frame is painted."""
        self.show_guide_choice()
        if self.session.ready.is_set():
            self._notes(list(self.session.bot.notes) if self.session.bot else [])
        else:
            self.chat.call_after_refresh(self._build)  # after the first frame is painted

    def _build(self) -> None:
        self.chat.run_worker(
            self._build_bot,
            name="_build",
            group="build",
            description="_build()",
            exit_on_error=False,
            thread=True,
        )

    def _build_bot(self) -> None:
        bot = self.session.build()
        self.chat.post_message(BotReady(list(bot.notes) if bot else [], self.session.failure))
        if bot is None:
            return
        if self.chat.suggestions is None:
            from guidebot.tui.suggest import suggested_questions

            suggestions = suggested_questions(bot, lock=self.session.lock)
            self.chat.post_message(SuggestionsReady(suggestions))
        if self.session.log_unanswered:
            import guidebot.quality.gaps  # noqa: F401 - so logging the first unanswered turn is quick

    def bot_ready(self, message: BotReady) -> None:
        if message.failure:
            self.chat.notify(message.failure, severity="error", markup=False, timeout=30)
        self._notes(message.notes)
        self.chat.refresh_bindings()

    def _notes(self, notes: list[str]) -> None:
        """The index cache's notes (e.g. it was rebuilt), once, at start."""
        if notes:
            self.chat.notify("\n".join(notes), title="Index cache", markup=False, timeout=8)

    # Reloading the knowledge ----------------------------------------------------------------

    def reload(self) -> None:
        """Load the knowledge again from disk in a worker; keep it if the edit broke."""
        self.chat.run_worker(
            self._reload,
            name="_reload",
            group="reload",
            description="_reload()",
            exclusive=True,
            thread=True,
        )

    def _reload(self) -> None:
        result = self.session.reload()
        self.chat.post_message(KnowledgeReloaded(result.changed, result.error, result.note))

    async def reloaded(self, message: KnowledgeReloaded) -> None:
        if message.error is not None:
            await self._show_problems(list(message.error.problems) or [str(message.error)])
            return
        if message.note:
            self.chat.notify(message.note, severity="warning", markup=False, timeout=10)
        changed = "" if message.changed else " (nothing had changed)"
        self.chat.notify(f"Knowledge reloaded{changed}.", markup=False)
        self.show_guide_choice()
        self.chat.refresh_bindings()

    async def _show_problems(self, problems: list[object]) -> None:
        """Why the edited knowledge was not loaded: a panel in the chat and a notification."""
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
        log = self.chat.query_one(ConversationLog)
        await log.mount(panel)
        log.anchor()
        count = f"{len(problems)} problem" + ("s" if len(problems) != 1 else "")
        self.chat.notify(
            f"{count}, first: {problems[0]}\nStill answering from the last good knowledge.",
            title="Knowledge not reloaded",
            severity="error",
            markup=False,
            timeout=15,
        )

    # The guide answers come from ------------------------------------------------------------

    def can_pick_guide(self) -> bool:
        return len(self.session.kb.guides) > 1

    def pick_guide(self) -> None:
        guides = self.session.kb.guides
        if len(guides) < 2:
            self.chat.notify("There is only one guide to answer from.", markup=False)
            return
        current = self.session.guides[0] if self.session.guides else ALL
        self.chat.app.push_screen(GuidePicker(guides, current), self._guide_picked)

    def _guide_picked(self, slug: str | None) -> None:
        if slug is None:
            return
        self.choose_guide(slug)

    def choose_guide(self, slug: str) -> None:
        """Answer from guide `slug` only, or from all guides for ALL ("")."""
        self.session.choose_guides(() if slug == ALL else (slug,))
        self.show_guide_choice()
        for welcome in self.chat.query(Welcome):
            welcome.query_one(".welcome-about", Static).update(Content(self.about()))
        self.chat.notify(f"Answering from: {self.session.guide_title()}", markup=False)
        self.chat.query_one(Prompt).focus()

    def show_guide_choice(self) -> None:
        several = len(self.session.kb.guides) > 1
        self.chat.app.sub_title = self.session.guide_title() + (
            " (Ctrl+G: guide)" if several else ""
        )

    def about(self) -> str:
        """What the welcome says guidebot answers about: the chosen guides, or all of them."""
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
