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


async def answered(pilot, before: int) -> None:
    """Wait for the worker, then until its reply has been mounted (at most 5 s)."""
    await pilot.app.workers.wait_for_complete()
    for _ in range(500):
        if len(pilot.app.chat.replies) > before:
            break
        await pilot.pause(0.01)
    await pilot.pause()


async def ask(pilot, text: str) -> None:
    """Type text, press Enter and wait until the answer is on screen."""
    from guidebot.tui.widgets.prompt import Prompt

    before = len(pilot.app.chat.replies)
    prompt = pilot.app.chat.query_one(Prompt)
    prompt.focus()
    prompt.value = text
    await pilot.press("enter")
    await answered(pilot, before)
