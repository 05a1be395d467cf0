"""The chat's actions on its answers: saving the conversation, copying the answer, marking it
not helpful, showing a citation's source in the sources panel.

Apart from chat.py so that each module keeps to one job. The keys stay bound on ChatScreen (its
BINDINGS are what the key help, the palette and the footer read); this base class only holds
what those keys do.
"""

from __future__ import annotations

import io
from pathlib import Path

from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from guidebot.errors import GuidebotError
from guidebot.reply import Source, transcript
from guidebot.reply.render import as_markdown
from guidebot.tui.answers import Answers
from guidebot.tui.messages import CitationSelected
from guidebot.tui.screens.feedback import FeedbackScreen
from guidebot.tui.session import ChatSession
from guidebot.tui.widgets.conversation import ConversationLog
from guidebot.tui.widgets.sources import SourcesPanel


class LastAnswerActions(Screen[None]):
    """What the save, copy, not-helpful and citation keys do on the chat screen
    (ChatScreen.BINDINGS names the keys), which sets these attributes."""

    session: ChatSession
    answers: Answers  # the replies shown so far, oldest first
    transcripts_dir: Path

    def action_save(self) -> None:
        """Save the conversation as Markdown with its citations; say where. Served in a
        browser (`guidebot serve`), the visitor downloads it: the server's folders are
        neither theirs to write to nor to see."""
        title = self.session.guide_title()
        if self.app.is_web:
            text = transcript.to_markdown(self.answers.replies, title, files=False)
            self.app.deliver_text(io.StringIO(text), save_filename=transcript.default_name())
            self.notify("Downloading the transcript.", markup=False)
            return
        try:
            path = transcript.save(self.answers.replies, self.transcripts_dir, title)
        except (OSError, GuidebotError) as error:
            self.notify(f"Could not save the transcript: {error}", severity="error", markup=False)
            return
        note = Static(Content(f"Transcript saved to {path}"), classes="saved")
        self.query_one(ConversationLog).add_note(note)
        # A toast wraps at spaces and cuts a long path, which has none, short: the name and
        # the folder go on lines of their own (the conversation's line has the whole path).
        where = f"{path.name}\nin {path.parent}"
        self.notify(where, title="Transcript saved", markup=False, timeout=8)

    def action_copy(self) -> None:
        """Copy the last reply with its citations, to paste into an email: Markdown's
        paragraphs and its sources by number, no italics (`as_markdown`)."""
        replies = self.answers.replies
        if not replies:
            self.notify("Nothing to copy yet: ask a question first.", markup=False)
            return
        self.app.copy_to_clipboard(as_markdown(replies[-1], emphasis=False))
        # Through the terminal (OSC 52), which says nothing back: whether it arrived is not
        # known here, so the note says what to do if it did not.
        self.notify(
            "Sent the last answer with its citations to the clipboard. If nothing pastes, "
            "your terminal does not let programs set it (in tmux: set -g set-clipboard on).",
            markup=False,
            timeout=8,
        )

    def action_not_helpful(self) -> None:
        """Mark the last answer as not helpful, naming the right source if it cited it. Small
        talk since ("thanks", the apology to "that's wrong") is no answer to mark: the
        reply before it is."""
        replies = list(self.answers.replies)
        while replies and replies[-1].kind == "smalltalk":
            replies.pop()
        if not replies:
            self.notify("No answer to mark yet.", markup=False)
            return
        self.app.push_screen(FeedbackScreen(self.session, replies[-1]))

    # The sources panel: what the citation keys and clicks show -----------------------------

    def on_citation_selected(self, message: CitationSelected) -> None:
        self.action_select_citation(message.turn, message.number)

    def action_select_citation(self, turn: int, number: int) -> None:
        """Show source `number` of reply `turn` (also what [n] links in the text call)."""
        shown = self.answers.source(turn, number)
        if shown is not None:
            self._show_source(*shown)

    def action_next_source(self) -> None:
        """Show the next citation of the latest answer that has any."""
        step = self.has_class("-sources-open") or self.has_class("-wide")
        shown = self.answers.next_source(step)
        if shown is None:
            self.notify("No citations yet: ask a question first.", markup=False)
            return
        self._show_source(*shown)

    def _show_source(self, source: Source, stale: bool) -> None:
        self.query_one(SourcesPanel).show(source, stale)
        self.add_class("-sources-open")

    def action_close_sources(self) -> None:
        self.remove_class("-sources-open")
