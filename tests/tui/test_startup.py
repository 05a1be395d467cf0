"""`guidebot chat` paints its first frame without the engine: numpy (~125 ms to import) and the
index come in with the Bot, which is built after that frame. A fresh interpreter per check, as
the chat command starts, so nothing imported by other tests hides an import.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

KNOWLEDGE = Path(__file__).parent / "knowledge"

# Builds the app the way the chat command does (scripts/bench_tui.py starts the same way) and
# prints whether numpy was imported: once the app exists, at its first frame of the chat
# screen, and once the Bot built in the background can answer.
CHILD = """
import asyncio, sys
from guidebot.cli import build_parser, chat
import guidebot.tui
from textual.app import App

args = build_parser().parse_args(["chat", "--knowledge", sys.argv[1], "--no-log"])
app = chat.build_app(args, *chat.checked(args))
print("built", "numpy" in sys.modules)

first_frame = []
display = App._display

def recording_display(self, screen, renderable):
    if renderable is not None and screen is self.chat and not first_frame:
        first_frame.append("numpy" in sys.modules)
    return display(self, screen, renderable)

App._display = recording_display

async def run():
    async with app.run_test(size=(80, 24)) as pilot:
        while not first_frame:
            await pilot.pause(0.001)
        await app.workers.wait_for_complete()
        await pilot.pause()
        print("first-frame", first_frame[0])
        print("ready", app.bot is not None and "numpy" in sys.modules)

asyncio.run(run())
"""


def test_no_numpy_before_the_first_frame() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(KNOWLEDGE)],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    seen = dict(line.split(" ", 1) for line in result.stdout.splitlines() if " " in line)
    assert seen.get("built") == "False", result.stdout  # importing and creating the app
    assert seen.get("first-frame") == "False", result.stdout  # the welcome on screen
    assert seen.get("ready") == "True", result.stdout  # the check can see numpy arrive
