"""The sources panel: the full cited passage, its guide and section, matched words highlighted."""

from __future__ import annotations

import re

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from guidebot.reply import Source

HIGHLIGHT = "bold reverse"


def passage_text(source: Source) -> Text:
    """The passage as literal text (no markup) with each matched word highlighted."""
    text = Text(source.text)
    for word in sorted(set(source.highlights), key=len, reverse=True):
        if word.strip():
            text.highlight_regex(rf"(?<!\w){re.escape(word)}(?!\w)", HIGHLIGHT)
    return text


class SourcesPanel(VerticalScroll):
    """Shows one cited passage at a time; empty until a citation is selected."""

    DEFAULT_CLASSES = "sources"
    BORDER_TITLE = "Sources"

    def compose(self) -> ComposeResult:
        yield Static(
            "Select a citation ([1], [2]…) to read the passage it comes from.",
            id="source-hint",
            markup=False,
        )
        yield Static(id="source-guide", markup=False)
        yield Static(id="source-section", markup=False)
        yield Static(
            "⚠ This FAQ answer may be out of date: its guide section changed after it was written.",
            id="source-stale",
            markup=False,
        )
        yield Static(id="source-text", markup=False)
        yield Static(id="source-where", markup=False)

    def show(self, source: Source | None, stale: bool = False) -> None:
        """Display source (or the hint, for None); `stale` adds the may-be-out-of-date warning."""
        self.query_one("#source-hint", Static).display = source is None
        for name in ("guide", "section", "text", "where"):
            self.query_one(f"#source-{name}", Static).display = source is not None
        self.query_one("#source-stale", Static).display = source is not None and stale
        if source is None:
            self.border_title = "Sources"
            return
        self.border_title = Content(f"Source [{source.number}]" + (" ⚠" if stale else ""))
        self.query_one("#source-guide", Static).update(Text(source.guide_title))
        self.query_one("#source-section", Static).update(Text(source.heading_path))
        self.query_one("#source-text", Static).update(passage_text(source))
        # The passage id is the citation; the file and line help whoever edits the
        # knowledge on this machine, and would show a browser's visitor the server's folders.
        where = source.id
        if source.path and source.line and not self.app.is_web:
            where = f"{source.id}  ({source.path}:{source.line})"
        self.query_one("#source-where", Static).update(Text(where))
        self.scroll_home(animate=False)

    def on_mount(self) -> None:
        self.show(None)
