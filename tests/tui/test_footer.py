"""The footer's key help at any width: the keys that fit, Help and Quit among them, whole, and
nothing else on the line."""

from __future__ import annotations

import pytest
from textual.widgets import Footer


def footer_line(app) -> str:
    """The footer's row as the terminal gets it."""
    strips = app.screen._compositor.render_strips()
    return strips[app.screen.query_one(Footer).region.y].text


@pytest.mark.parametrize("width", [30, 45, 60, 80, 100])
async def test_the_footer_shows_whole_keys_help_and_quit_first(make_app, width) -> None:
    app = make_app()
    async with app.run_test(size=(width, 24)) as pilot:
        footer = app.screen.query_one(Footer)
        # The footer composes its keys after the first frame; on a loaded machine one pause
        # is not always enough (a CI run found none shown), so wait for them, at most 5 s.
        for _ in range(500):
            await pilot.pause(0.01)
            if any(key.display for key in footer.query("FooterKey")):
                break
        await pilot.pause()
        shown = [key for key in footer.query("FooterKey") if key.display]
        actions = {key.action for key in shown}
        assert {"help", "quit"} <= actions
        for key in shown:
            assert footer.region.contains_region(key.region), (key.action, key.region)
        words = set(footer_line(app).replace("▏", " ").split())
        named = {w for key in shown for w in f"{key.key_display} {key.description}".split()}
        assert words <= named, words - named  # no stray text, no key cut short
        if width >= 100:
            assert len(shown) == len(list(footer.query("FooterKey")))  # room for them all


async def test_keys_left_out_come_back_when_the_terminal_widens(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(30, 24)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(Footer)
        assert not all(key.display for key in footer.query("FooterKey"))
        await pilot.resize_terminal(100, 24)
        await pilot.pause()
        assert all(key.display for key in footer.query("FooterKey"))
