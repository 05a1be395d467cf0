"""Chat app timings, headless through Textual's Pilot: plain figures, no asserts.

  start-up: process start -> first usable screen (welcome painted, input focused, typing
            works), the way `guidebot chat` starts (knowledge checked, then the app; the
            index comes from the on-disk cache), over runs of a fresh interpreter each time
            (target <= 1.0 s). Also: -> ready (the bot can answer, suggestions shown), and
            the first run with an empty cache.
  answer:   Enter -> the answer's text painted on the (headless) screen, in one running
            app (target <= 50 ms): "painted" looks for the answer's words in each frame;
            "in app" is the app's own figure (its frame after the answer was mounted).
            Rounds of 10 questions then a new conversation, and one long conversation.
  long:     one conversation of --long turns (default 30; e.g. 500): the answer time over the
            10 turns up to each checkpoint (turn 30, 50, 100, 200, 500...), with the process's
            resident memory and the number of widgets mounted in the conversation there. It
            should stay flat however long the conversation gets.

Caches, the unanswered-questions log and transcripts go to a temporary directory.
Usage: python scripts/bench_tui.py [--runs N] [--knowledge DIR] [--long TURNS] [--no-startup]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time

CHILD = """
import asyncio, sys, time
from guidebot.cli import build_parser  # what the console script imports first
try:
    from guidebot.cli import chat  # stage packages (issue 13)
except ImportError:
    from guidebot.commands import chat

argv = ["chat"] + (["--knowledge", sys.argv[1]] if sys.argv[1] else [])
args = build_parser().parse_args(argv)
if hasattr(chat, "checked"):  # knowledge checked here, the bot built inside the app
    app = chat.build_app(args, *chat.checked(args))
else:  # the chat command before the app built its bot in the background
    from guidebot.commands.common import load_bot
    from guidebot.tui import create_app
    app = create_app(load_bot(args))
from textual.app import App
from guidebot.tui.widgets.prompt import Prompt

usable = []
display = App._display

def first_usable_frame(self, screen, renderable):
    result = display(self, screen, renderable)
    chat = getattr(self, "chat", None)
    on_chat = renderable is not None and screen is chat
    if on_chat and not usable and chat.query_one(Prompt).has_focus:
        usable.append(time.time())  # the welcome and the focused input are on screen
    return result

App._display = first_usable_frame

async def run():
    async with app.run_test(size=(80, 24)) as pilot:
        while not usable:
            await pilot.pause(0.001)
        print("usable", usable[0], flush=True)
        session = getattr(app.chat, "session", None)
        # Ready: the bot can answer and its suggestions were tried (there may be none).
        while session is not None and not (
            session.ready.is_set() and app.chat.suggestions is not None
        ):
            await pilot.pause(0.001)
        print("ready", time.time(), flush=True)
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
FRAME_CHARS = set(" \t\n█▊▎▏▔▁│╭╮╰╯─▌▐")
CHECKPOINTS = (30, 50, 100, 200, 500, 1000, 2000)


def rss_mb() -> float:
    """The process's resident memory now, in MB (its peak where /proc is not there)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


def startup(runs: int, knowledge: str, env: dict[str, str]) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"usable": [], "ready": []}
    for _ in range(runs):
        began = time.time()
        out = subprocess.run(
            [sys.executable, "-c", CHILD, knowledge],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        )
        for line in out.stdout.splitlines():
            name, _, stamp = line.partition(" ")
            if name in times:
                times[name].append(float(stamp) - began)
    return times


def _visible(text: str) -> str:
    return "".join(ch for ch in text if ch not in FRAME_CHARS)


def _needle(reply) -> str:
    """The end of what the answer shows (without its [1]), as it appears without line breaks."""
    options = reply.choices if reply.kind == "clarify" else reply.suggestions
    shown = reply.answer.split("\n", 1)[0] if options else reply.answer
    shown = shown.replace("\n- ", "\n• ")
    return _visible(shown)[-25:]


async def answers(knowledge: str, rounds: int = 3, long_turns: int = 30):
    """Answer times of `rounds` rounds of QUESTIONS, then of one `long_turns` conversation:
    per checkpoint turn, the times of the 10 turns up to it, the memory and widgets there."""
    from textual.app import App

    from guidebot.bot import Bot
    from guidebot.locations import cache_dir, knowledge_dir
    from guidebot.tui import create_app
    from guidebot.tui.widgets.prompt import Prompt

    watch: dict[str, object] = {}  # needle, count before, painted

    def screen_text(screen) -> str:
        return _visible("".join(s.text for s in screen._compositor.render_strips()))

    display = App._display

    def recording_display(self, screen, renderable):
        stamp = time.perf_counter()
        result = display(self, screen, renderable)
        needle = watch.get("needle")
        waiting = renderable is not None and needle and watch.get("painted") is None
        # The check runs after the frame's time is taken, so it does not delay that frame.
        if waiting and screen_text(screen).count(needle) > watch["before"]:
            watch["painted"] = stamp
        return result

    App._display = recording_display
    bot = Bot.load(knowledge_dir(knowledge or None), cache_dir=cache_dir())
    app = create_app(bot, cursor_blink=False)
    expected = bot.conversation()  # the same turns straight through the core, for the words

    async def one(pilot, question: str) -> tuple[float, float]:
        chat = app.chat
        before = len(chat.replies)
        needle = _needle(expected.ask(question))
        watch.update(needle=needle, before=screen_text(app.screen).count(needle), painted=None)
        chat.query_one(Prompt).value = question
        began = time.perf_counter()
        await pilot.press("enter")
        for _ in range(4000):
            if watch["painted"] is not None and len(chat.replies) > before:
                break
            await pilot.pause(0.0005)
        watch["needle"] = None
        await pilot.pause(0.05)  # let follow-up frames (e.g. older answers compacted) pass
        painted = watch["painted"]
        return (painted if painted is not None else float("inf")) - began, chat.last_latency

    rounds_painted, rounds_app = [], []
    long_painted: list[float] = []
    checkpoints: dict[int, tuple[list[float], float, int]] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(rounds):
            for question in QUESTIONS:
                painted, internal = await one(pilot, question)
                rounds_painted.append(painted)
                rounds_app.append(internal)
            await app.chat.action_new_conversation()
            expected.reset()
        await app.chat.action_new_conversation()
        expected.reset()
        for n in range(1, long_turns + 1):
            painted, _ = await one(pilot, QUESTIONS[(n - 1) % len(QUESTIONS)])
            long_painted.append(painted)
            if n in CHECKPOINTS or n == long_turns:
                mounted = len(app.chat.query_one("#conversation").query("*"))
                checkpoints[n] = (long_painted[-10:], rss_mb(), mounted)
    App._display = display
    return rounds_painted, rounds_app, checkpoints


def describe(name: str, values: list[float], target: str) -> str:
    ms = sorted(v * 1000 for v in values)
    p90 = ms[min(len(ms) - 1, int(len(ms) * 0.9))]
    return (
        f"{name:<36} median {statistics.median(ms):7.1f} ms   min {ms[0]:7.1f}   "
        f"p90 {p90:7.1f}   (n={len(ms)}{', target ' + target if target else ''})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="start-up runs (default 7)")
    parser.add_argument("--knowledge", default="", help="knowledge directory")
    parser.add_argument(
        "--long", type=int, default=30, help="turns of the long conversation (default 30)"
    )
    parser.add_argument("--no-startup", action="store_true", help="answer times only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-tui-") as home:
        os.environ["XDG_CACHE_HOME"] = os.path.join(home, "cache")
        os.environ["GUIDEBOT_DATA_DIR"] = os.path.join(home, "data")
        env = dict(os.environ)
        if not args.no_startup:
            cold = startup(1, args.knowledge, env)
            warm = startup(args.runs, args.knowledge, env)
            print(describe("start-up to usable screen", warm["usable"], "1000 ms"))
            print(describe("start-up to ready (suggestions)", warm["ready"], ""))
            print(describe("  first run, empty cache: usable", cold["usable"], ""))
            print(describe("  first run, empty cache: ready", cold["ready"], ""))
        painted, internal, long = asyncio.run(answers(args.knowledge, long_turns=args.long))
        print(describe("Enter to answer painted", painted, "50 ms"))
        print(describe("Enter to answer (in app)", internal, "50 ms"))
        for turn, (times, memory, mounted) in long.items():
            name = f"  turns {max(1, turn - len(times) + 1)}-{turn} of one conversation"
            print(describe(name, times, "50 ms") + f"   rss {memory:.0f} MB, {mounted} widgets")


if __name__ == "__main__":
    main()
