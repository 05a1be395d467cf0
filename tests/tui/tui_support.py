"""Helpers shared by the chat app tests."""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import Button, Static

# Fixed suggestions keep the snapshots independent of how the suggestions are chosen.
SUGGESTIONS = [
    "How much do AI master's graduates earn in manufacturing?",
    "Are AI jobs in manufacturing growing?",
    "What courses will I take?",
    "What do I need to get into an AI master's program?",
    "Is it better to study online or on campus?",
]


def shown_text(root: Widget) -> str:
    """The plain text of every Static (Markdown blocks included) and Button under root."""
    parts = []
    for widget in root.query("*"):
        if isinstance(widget, Button):
            parts.append(widget.label.plain)
        elif isinstance(widget, Static):
            visual = widget.visual
            parts.append(getattr(visual, "plain", None) or str(visual))
    return "\n".join(parts)


async def click_citation(pilot, answer: Widget, number: int) -> None:
    """Click line `number` of an answer's source list."""
    from guidebot.tui.widgets.citations import CitationList

    await pilot.click(answer.query_one(CitationList), offset=(3, number - 1))
    await pilot.pause()
