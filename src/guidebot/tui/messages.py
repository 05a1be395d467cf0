"""Messages the chat widgets and workers post, as dataclasses."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from guidebot.reply import Reply


@dataclass
class ReplyReady(Message):
    """A worker finished answering `shown` (what the person saw as their question)."""

    shown: str
    reply: Reply
    started: float  # time.perf_counter() when the question was sent
    turn_id: str  # the id of the turn container waiting for this reply


@dataclass
class AskRequested(Message):
    """Ask `text` as the next turn; show `shown` (default: text) as the question."""

    text: str
    shown: str = ""


@dataclass
class CitationSelected(Message):
    """Show source `number` of turn `turn` (0-based) in the sources panel."""

    turn: int
    number: int
