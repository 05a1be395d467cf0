"""The answers of one conversation as the chat keeps them: each reply, which of its sources may
be out of date, and where Ctrl+O is in the latest cited answer's sources.

No Textual here: the chat screen asks which source to show, and shows it.
"""

from __future__ import annotations

from guidebot.reply import Reply, Source


class Answers:
    """The replies shown so far, oldest first, with what the sources panel needs of them."""

    def __init__(self) -> None:
        self.replies: list[Reply] = []
        self.stale: list[frozenset[int]] = []  # per reply: sources that may be out of date
        self._cursor = -1  # the source Ctrl+O showed last, in the latest answer (-1: none)

    def add(self, reply: Reply, stale: frozenset[int]) -> int:
        """Keep `reply` (Ctrl+O starts again at its first source); its turn, 0-based."""
        self.replies.append(reply)
        self.stale.append(stale)
        self._cursor = 0 if reply.sources else -1
        return len(self.replies) - 1

    def clear(self) -> None:
        self.replies.clear()
        self.stale.clear()
        self._cursor = -1

    def source(self, turn: int, number: int) -> tuple[Source, bool] | None:
        """Source `number` of reply `turn` and whether it may be out of date (None: there is
        no such source). Ctrl+O goes on from a source of the latest answer picked here."""
        if not 0 <= turn < len(self.replies):
            return None
        sources = self.replies[turn].sources
        if not 1 <= number <= len(sources):
            return None
        if turn == len(self.replies) - 1:
            self._cursor = number - 1
        return sources[number - 1], number in self.stale[turn]

    def next_source(self, step: bool) -> tuple[Source, bool] | None:
        """The source Ctrl+O shows, of the latest answer that cites any (None: none does yet):
        the one after the last shown when `step` (the panel is on screen), else that one."""
        cited = [turn for turn, reply in enumerate(self.replies) if reply.sources]
        if not cited:
            return None
        sources = self.replies[cited[-1]].sources
        if step or self._cursor < 0:
            self._cursor = (self._cursor + 1) % len(sources)
        source = sources[self._cursor]
        return source, source.number in self.stale[cited[-1]]
