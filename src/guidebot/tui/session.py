"""The chat app's hold on the Bot: built in the background, reloaded, restricted to a guide,
and what the chat says about it (the guides it answers from, the suggested questions).

No Textual here: the screen calls these, the slow ones from thread workers, and shows the
outcome. One lock serialises everything that touches the conversation, so a reload or a guide
change never lands mid-answer. The engine (numpy and the index) is imported only when the bot
is built, so the first frame does not wait for it.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from guidebot.errors import GuidebotError, KnowledgeError, Problem
from guidebot.knowledge.cached import Loaded, save_loaded
from guidebot.knowledge.model import KnowledgeBase
from guidebot.reply import Reply, Source
from guidebot.tui.suggest import suggested_questions

if TYPE_CHECKING:
    from guidebot.bot import Bot
    from guidebot.dialogue.conversation import Conversation


@dataclass(frozen=True)
class Answered:
    """A reply with what the app shows beside it: which cited sources may be out of date."""

    reply: Reply
    stale: frozenset[int]  # source numbers whose FAQ answer predates its guide section
    guides: tuple[str, ...]  # the guides the question was restricted to (none: all)


@dataclass(frozen=True)
class Reloaded:
    """The outcome of a reload: changed or not, the problems if the edit broke the knowledge,
    and a note when the chosen guide disappeared (answers then come from all guides)."""

    changed: bool
    error: KnowledgeError | None = None
    note: str = ""


class ChatSession:
    """One person's conversation with a Bot that may still be building (see `build`)."""

    def __init__(
        self,
        bot: Bot | None = None,
        knowledge: KnowledgeBase | Loaded | None = None,
        *,
        cache_dir: Path | None = None,
        guides: Sequence[str] = (),
        log_unanswered: bool = True,
        model: Path | None = None,
    ) -> None:
        if bot is not None:
            knowledge = bot.kb
        elif knowledge is None:
            raise ValueError("a ChatSession needs a bot or the knowledge to build one from")
        # Knowledge loaded through its snapshot brings its passages, or is snapshotted once
        # the bot has built them (knowledge/cached.py).
        self.loaded = knowledge if isinstance(knowledge, Loaded) else None
        self.kb: KnowledgeBase = knowledge.kb if isinstance(knowledge, Loaded) else knowledge
        self.bot = bot
        self.cache_dir = cache_dir
        self.model = model
        self.guides = tuple(guides)
        self.log_unanswered = log_unanswered
        self.lock = threading.Lock()
        self.ready = threading.Event()
        self.failure = ""  # why the bot could not be built, if it could not
        self._order = threading.Condition()  # questions are answered in the order asked
        self._issued = self._served = 0
        self.conversation: Conversation | None = (
            bot.conversation(guides=self.guides) if bot is not None else None
        )
        if bot is not None:
            self.ready.set()

    def build(self) -> Bot | None:
        """Index the knowledge (blocking: call from a thread). None, with `failure`, if it broke."""
        from guidebot.bot import Bot  # the engine: numpy and the index, not for the first frame
        from guidebot.search.semantic.load import load_model

        doing = "load the model"
        try:
            encoder = load_model(self.model) if self.model is not None else None
            doing = "index the knowledge"
            passages = self.loaded.passages if self.loaded else None
            bot = Bot(self.kb, cache_dir=self.cache_dir, passages=passages, encoder=encoder)
            if self.loaded is not None and self.cache_dir is not None:
                note = save_loaded(self.loaded, self.cache_dir, bot.passages)
                bot.notes[:0] = [*self.loaded.notes, *([note] if note else [])]
        except Exception as error:  # noqa: BLE001 - shown in the app instead of a traceback
            self.failure = f"could not {doing}: {error}"
            self.ready.set()
            return None
        with self.lock:
            self.bot = bot
            self.conversation = bot.conversation(guides=self.guides)
        self.ready.set()
        return bot

    @property
    def problems(self) -> KnowledgeError | None:
        """What was wrong with the files at start, when the knowledge answering is the last
        that loaded cleanly (knowledge/cached.py); None when they loaded."""
        if self.loaded is not None:
            return self.loaded.problems
        return self.bot.problems if self.bot is not None else None

    def notes(self) -> list[str]:
        """The index cache's notes (e.g. it was rebuilt), to tell the person once, at start."""
        return list(self.bot.notes) if self.bot is not None else []

    def suggestions(self) -> list[str]:
        """Suggested first questions, each tried on the bot (slow: the screen asks in a thread)."""
        return suggested_questions(self.bot, lock=self.lock) if self.bot is not None else []

    def prepare_log(self) -> None:
        """Import what logging an unanswered turn needs (rapidfuzz, yaml) ahead of it, in a
        thread, so the first such turn is answered as quickly as the others."""
        if self.log_unanswered:
            import guidebot.quality.gaps  # noqa: F401

    def ticket(self) -> int:
        """A place in the queue, taken when the question is sent (on the UI thread)."""
        self._issued += 1
        return self._issued - 1

    def ask(self, text: str, ticket: int | None = None) -> Answered:
        """Answer the next turn, waiting for the bot if it is still being built and, with a
        ticket, for the questions sent before this one."""
        self.ready.wait()
        if ticket is not None:
            with self._order:
                self._order.wait_for(lambda: self._served >= ticket)
        try:
            with self.lock:
                if self.bot is None or self.conversation is None:
                    raise GuidebotError(self.failure or "the knowledge is not loaded")
                bot, guides = self.bot, self.guides
                reply = self.conversation.ask(text)
        finally:
            if ticket is not None:
                with self._order:
                    self._served += 1
                    self._order.notify_all()
        stale = frozenset(s.number for s in reply.sources if bot.kb.is_stale(s.id))
        return Answered(reply, stale, guides)

    def record(self, answered: Answered) -> str | None:
        """Log the turn if it went unanswered (as `guidebot ask` does); a note if that failed."""
        if not self.log_unanswered:
            return None
        from guidebot.quality.log import record_unanswered  # not for start-up

        return record_unanswered(answered.reply, guides=answered.guides, knowledge=self.kb.root)

    def feedback(self, reply: Reply, right: Source | None, comment: str = "") -> str | None:
        """Log that `reply` did not help (blocking: call from a thread): the sources it quoted
        (Reply.quoted) and, with `right`, the one of its sources that should have answered.
        None when it was logged, else why not (the log is off, or could not be written)."""
        from guidebot.quality.log import logging_disabled, record_feedback  # not for start-up

        if not self.log_unanswered or logging_disabled():
            return "the log is off (--no-log or GUIDEBOT_NO_LOG)"
        sources = reply.quoted or reply.sources
        named = (right,) if right is not None else ()
        return record_feedback(
            reply.asked,
            helpful=False,
            sources=[s.id for s in sources],
            sections=list(dict.fromkeys(s.named for s in sources)),
            comment=comment,
            confidence=reply.confidence,
            guides=self.guides,
            knowledge=self.kb.root,
            right=[s.id for s in named],
            right_sections=[s.named for s in named],
        )

    def reset(self) -> None:
        with self.lock:
            if self.conversation is not None:
                self.conversation.reset()

    def choose_guides(self, guides: Sequence[str]) -> None:
        """Answer from these guides only (none: all), keeping what was said so far."""
        with self.lock:
            self.guides = tuple(guides)
            if self.bot is not None and self.conversation is not None:
                self.conversation = self.bot.conversation(
                    state=self.conversation.state, guides=self.guides
                )

    def reload(self) -> Reloaded:
        """Load the knowledge again (blocking); on a broken edit keep the last good bot.

        Whatever goes wrong is a broken edit here, not only the problems the loader names:
        the reload runs in a worker whose exception would end the app, and a chat that quits
        on Ctrl+R (a file unreadable mid-save, an index too big for memory, text nested too
        deep, a bug) loses the conversation. The last good knowledge answers on instead.
        """
        self.ready.wait()
        old = self.bot
        if old is None:
            return Reloaded(False, None, self.failure)
        try:
            new, error = old.reloaded()
        except Exception as failure:  # noqa: BLE001 - shown in the app, which keeps answering
            name = type(failure).__name__
            detail = f"{name}: {failure}" if str(failure) else name  # a MemoryError has no text
            problem = Problem(self.kb.root, 0, f"could not load the knowledge ({detail})")
            return Reloaded(False, KnowledgeError([problem]))
        if error is not None or new is old:
            return Reloaded(False, error)
        note = ""
        with self.lock:
            guides = tuple(g for g in self.guides if new.kb.guide(g) is not None)
            if guides != self.guides:
                gone = ", ".join(g for g in self.guides if g not in guides)
                note = f"Guide {gone} is no longer in the knowledge: answering from all guides."
            state = self.conversation.state if self.conversation is not None else None
            self.bot, self.kb, self.guides = new, new.kb, guides
            self.conversation = new.conversation(state=state, guides=guides)
        return Reloaded(True, None, note)

    def can_pick_guide(self) -> bool:
        """Whether there is a choice of guide to answer from."""
        return len(self.kb.guides) > 1

    def about(self, pick_key: str = "") -> str:
        """What the welcome says guidebot answers about: the chosen guides, or all of them;
        with several, it names `pick_key`, the key that picks one."""
        kb, chosen = self.kb, self.guides
        guides = [g for g in (kb.guide(s) for s in chosen) if g] if chosen else list(kb.guides)
        if len(guides) == 1:
            by = f" by {guides[0].author}" if guides[0].author else ""
            return f"I answer questions about “{guides[0].title}”{by}, citing the passages I quote."
        if guides:
            titles = ", ".join(f"“{g.title}”" for g in guides[:3])
            more = f" and {len(guides) - 3} more" if len(guides) > 3 else ""
            pick = f" {pick_key} answers from one guide only." if pick_key else ""
            return (
                f"I answer questions about {len(guides)} guides ({titles}{more}), citing the "
                f"passages I quote.{pick}"
            )
        return "I answer questions about this knowledge, citing the passages I quote."

    def guide_title(self) -> str:
        """What the header shows: the chosen guide, the only guide, or "All N guides"."""
        if self.guides:
            guide = self.kb.guide(self.guides[0])
            return guide.title if guide else self.guides[0]
        if len(self.kb.guides) == 1:
            return self.kb.guides[0].title
        return f"All {len(self.kb.guides)} guides" if self.kb.guides else "FAQ"
