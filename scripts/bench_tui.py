"""Chat app timings, headless through Textual's Pilot: plain figures, no asserts.

  start-up: process start -> first usable screen (welcome shown, input focused), over runs
            of a fresh interpreter each time (targets <= 1.0 s);
  answer:   Enter -> answer mounted and painted, in one running app (target <= 50 ms).

Usage: python scripts/bench_tui.py [--runs N] [--knowledge DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import time

CHILD = """
import asyncio, sys, time
from guidebot.cli import main  # what the console script imports first
from guidebot.bot import Bot
from guidebot.locations import knowledge_dir

async def run():
    bot = Bot.load(knowledge_dir(sys.argv[1] or None))
    from guidebot.tui import create_app
    from guidebot.tui.widgets.prompt import Prompt
    app = create_app(bot, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        while not (app.screen is app.chat and app.chat.query_one(Prompt).has_focus):
            await pilot.pause(0.001)
        await pilot.pause()
        print(time.time(), flush=True)
asyncio.run(run())
"""

QUESTIONS = [
    "What's the average salary?",
    "How much does the degree cost?",
    "and how long does it take?",
    "Can I study online while working?",
    "What do I need to get in?",
    "Which skills do employers want?",
    "What courses will I take?",
    "hello",
    "Is accreditation important?",
    "what about the job outlook?",
]


def startup(runs: int, knowledge: str) -> list[float]:
    times = []
    for _ in range(runs):
        began = time.time()
        out = subprocess.run(
            [sys.executable, "-c", CHILD, knowledge], capture_output=True, text=True, check=True
        )
        times.append(float(out.stdout.split()[-1]) - began)
    return times


async def answers(rounds: int, knowledge: str) -> tuple[list[float], list[float]]:
    from guidebot.bot import Bot
    from guidebot.locations import knowledge_dir
    from guidebot.tui import create_app
    from guidebot.tui.widgets.prompt import Prompt

    app = create_app(Bot.load(knowledge_dir(knowledge or None)), cursor_blink=False)
    wall, internal = [], []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(rounds):
            for question in QUESTIONS:
                before = len(app.chat.replies)
                app.chat.query_one(Prompt).value = question
                began = time.perf_counter()
                await pilot.press("enter")
                while len(app.chat.replies) == before:
                    await pilot.pause(0.0005)
                await pilot.pause()
                wall.append(time.perf_counter() - began)
                internal.append(app.chat.last_latency)
            await app.chat.action_new_conversation()
    return wall, internal


def describe(name: str, values: list[float], target: str) -> str:
    ms = sorted(v * 1000 for v in values)
    p90 = ms[min(len(ms) - 1, int(len(ms) * 0.9))]
    return (
        f"{name:<28} median {statistics.median(ms):8.1f} ms   min {ms[0]:7.1f}   "
        f"p90 {p90:7.1f}   (n={len(ms)}, target {target})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="start-up runs (default 7)")
    parser.add_argument("--knowledge", default="", help="knowledge directory")
    args = parser.parse_args()
    print(describe("start-up to usable screen", startup(args.runs, args.knowledge), "1000 ms"))
    wall, internal = asyncio.run(answers(3, args.knowledge))
    print(describe("Enter to answer (Pilot)", wall, "50 ms"))
    print(describe("Enter to answer (in app)", internal, "50 ms"))


if __name__ == "__main__":
    main()
