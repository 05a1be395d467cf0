"""Input as a real terminal sends it: raw bytes through the parser the app's driver reads them
with, and keys that arrive together, faster than the app handles them one by one."""

from __future__ import annotations

import sys

from tui_support import answered

from guidebot.tui.widgets.prompt import Prompt

PASTED = "abc \x1b[31mdef\x1b[0m xyz"


def terminal_parser(app):
    """A parser of the kind the app's terminal driver reads the keyboard with."""
    return sys.modules[app.driver_class.__module__].XTermParser()


async def send_raw(pilot, *chunks: str) -> None:
    """What the terminal writes, read by the app in these chunks, each event posted as the
    driver posts it."""
    parser = terminal_parser(pilot.app)
    for chunk in chunks:
        for event in parser.feed(chunk):
            pilot.app.post_message(event)
    await pilot.pause()


def bracketed(text: str) -> str:
    return f"\x1b[200~{text}\x1b[201~"


async def test_a_pasted_escape_sequence_stays_in_place_as_symbols(make_app) -> None:
    """tmux `paste-buffer -p` of text holding ESC: the text in order, ESC shown as ␛."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        prompt = app.chat.query_one(Prompt)
        await send_raw(pilot, "q ")
        await send_raw(pilot, bracketed(PASTED))
        assert prompt.value == "q abc ␛[31mdef␛[0m xyz"
        assert prompt.cursor_position == len(prompt.value)
        prompt.value = ""
        # read a character at a time, markers split between reads; ESC at the very end
        await send_raw(pilot, *bracketed(PASTED + "\x1b"))
        assert prompt.value == "abc ␛[31mdef␛[0m xyz␛"
        # keys after the paste are keys again: Escape-prefixed ones (Left) too
        await send_raw(pilot, "\x1b[D")
        await send_raw(pilot, "!")
        assert prompt.value == "abc ␛[31mdef␛[0m xyz!␛"


async def test_enter_sends_what_the_box_shows_after_a_tab(make_app) -> None:
    """Tab goes to the newest suggestions or citations, but what is typed after it goes to
    the box, and so does the Enter after that: however fast the keys come."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        prompt = app.chat.query_one(Prompt)
        await send_raw(pilot, "salary\tonline")  # one write, as `tmux send-keys` makes it
        await send_raw(pilot, "\r")
        await answered(pilot, 0)
        await send_raw(pilot, "fees\tonline\r")
        await answered(pilot, 1)
        await pilot.press(*"tuition", "tab", *"online", "enter")  # a key at a time
        await answered(pilot, 2)
        asked = [reply.asked for reply in app.chat.replies]
        assert asked == ["salaryonline", "feesonline", "tuitiononline"]
        assert prompt.value == "" and app.focused is prompt
