"""Notifications (toasts) never cover the question box nor the newest answer's citations, and
a long one is cut short: its details are in the conversation."""

from __future__ import annotations

from pathlib import Path

from test_live_knowledge import costs_text, lazy_app, settle, write
from textual.widget import Widget
from tui_support import ask

from guidebot.tui.widgets.citations import CitationList
from guidebot.tui.widgets.prompt import Prompt

MOST_LINES = 6  # of a notification, border and padding included


def toasts(app) -> list[Widget]:
    return list(app.screen.query("Toast"))


def assert_clear_of(toast: Widget, *widgets: Widget) -> None:
    for widget in widgets:
        assert not toast.region.overlaps(widget.region), (toast.region, widget)


async def test_notices_leave_the_question_box_and_the_citations_in_view(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await ask(pilot, "What's the average salary?")
        for key in ("ctrl+y", "ctrl+n", "ctrl+s"):
            await ask(pilot, "What's the average salary?")
            citations = list(app.chat.query(CitationList))[-1]
            await pilot.press(key)
            await settle(pilot)
            shown = toasts(app)
            assert shown, key
            for toast in shown:
                assert_clear_of(toast, app.chat.query_one(Prompt), citations)
                assert toast.region.height <= MOST_LINES
            app.clear_notifications()
            await pilot.pause()


async def test_a_broken_reload_notice_is_short(tmp_path: Path) -> None:
    root = write(tmp_path / "kb", {"guides/costs.md": costs_text()})
    app = lazy_app(root, tmp_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await ask(pilot, "How much is the tuition?")
        long_name = "a-guide-whose-name-goes-on-" * 6
        for n in range(3):
            write(
                root,
                {
                    f"faq/extra{n}.yaml": f"- question: Fee {n}?\n  answer: Yes.\n"
                    f"  guide: {long_name}{n}\n"
                },
            )
        await pilot.press("ctrl+r")
        await settle(pilot)
        [toast] = toasts(app)
        assert toast.region.height <= MOST_LINES
        assert_clear_of(toast, app.chat.query_one(Prompt))
