"""Messages the chat widgets and workers post, as dataclasses."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from guidebot.errors import KnowledgeError
from guidebot.reply import Reply


@dataclass
class ReplyReady(Message):
    """A worker finished answering `shown` (what the person saw as their question)."""

    shown: str
    reply: Reply
    started: float  # time.perf_counter() when the question was sent
    turn_id: str  # the id of the turn container waiting for this reply
    stale: frozenset[int] = frozenset()  # numbers of sources that may be out of date


@dataclass
class AskFailed(Message):
    """A worker could not answer (the knowledge could not be indexed)."""

    turn_id: str
    reason: str


@dataclass
class BotReady(Message):
    """The bot built in the background can answer now; `notes` are its index-cache notes."""

    notes: list[str]
    failure: str = ""


@dataclass
class SuggestionsReady(Message):
    """Suggested first questions, chosen once the bot could try them out."""

    suggestions: list[str]


@dataclass
class KnowledgeReloaded(Message):
    """A reload finished: changed or not, the problems of a broken edit, a note."""

    changed: bool
    error: KnowledgeError | None
    note: str = ""


@dataclass
class LogTrouble(Message):
    """The unanswered-questions log could not be written."""

    note: str


@dataclass
class AskRequested(Message):
    """Ask `text` as the next turn; show `shown` (default: text) as the question. `typed`: it
    was typed into the input (then a number picks a suggested question), not clicked."""

    text: str
    shown: str = ""
    typed: bool = False


@dataclass
class CitationSelected(Message):
    """Show source `number` of turn `turn` (0-based) in the sources panel."""

    turn: int
    number: int
