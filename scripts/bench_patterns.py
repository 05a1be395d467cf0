"""How the time of guidebot's regular expressions grows with the length of the text.

Every compiled pattern at module level under `guidebot` (the chat app and web pages aside)
is searched in texts made of one repeated piece ("when ", "   ", "1. ", ...) at two lengths,
N and 4N characters. A pattern whose search grows with the square of the text (a run tried
again from each of its characters: catastrophic backtracking's mild form) takes about 16
times as long at 4N; a linear one about 4. The growth printed is log4(t(4N) / t(N)): near 1
is linear, near 2 quadratic. Times are the best of three, so a busy machine inflates both
lengths alike.

Patterns that the code only ever applies with `.match` or `.fullmatch` are tried from one
place and are not exposed, even where this search shows them growing: read the code before
changing one. Usage: `python scripts/bench_patterns.py [--length N] [--all]`.
"""

from __future__ import annotations

import argparse
import importlib
import math
import pkgutil
import re
import time

import guidebot

PIECES = ("when ", "where are you ", "how ", "a ", "1 ", "1. ", " ", "\n", "- ", "by ", ", ")
# Each piece is also repeated after these, the start of a phrasing a pattern reads on from.
PREFIXES = ("", "where do i send ", "when does it ")
SKIPPED = (".tui", ".web", "__main__")  # front ends, and the module that starts the app


def _patterns() -> dict[str, re.Pattern[str]]:
    found: dict[str, re.Pattern[str]] = {}
    for info in pkgutil.walk_packages(guidebot.__path__, "guidebot."):
        if any(part in info.name for part in SKIPPED):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            for at, pattern in enumerate(_compiled(value)):
                found[f"{info.name}.{name}" + (f"[{at}]" if at else "")] = pattern
    return found


def _compiled(value: object) -> list[re.Pattern[str]]:
    """The text patterns in a module-level value: a pattern, or a tuple or list holding
    patterns directly or in pairs such as (Kind, pattern)."""
    if isinstance(value, re.Pattern):
        return [value] if isinstance(value.pattern, str) else []
    if isinstance(value, tuple | list):
        held = [item for item in value if isinstance(item, tuple | re.Pattern)]
        return [pattern for item in held for pattern in _compiled(item)]
    return []


def _seconds(pattern: re.Pattern[str], text: str) -> float:
    best = math.inf
    for _ in range(3):
        start = time.perf_counter()
        pattern.search(text)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--length", type=int, default=4000, help="N, in characters")
    parser.add_argument("--all", action="store_true", help="print every pattern, not the worst")
    args = parser.parse_args()
    rows = []
    for name, pattern in _patterns().items():
        worst = (0.0, 0.0, "")
        for prefix in PREFIXES:
            for piece in PIECES:
                short = _seconds(pattern, prefix + piece * (args.length // len(piece)))
                long = _seconds(pattern, prefix + piece * (4 * args.length // len(piece)))
                if long > worst[1]:
                    worst = (short, long, prefix + piece)
        short, long, piece = worst
        growth = math.log(long / short, 4) if short > 0 else 0.0
        rows.append((long, growth, name, piece))
    rows.sort(reverse=True)
    print(f"{len(rows)} patterns; texts of {args.length} and {4 * args.length} characters")
    print(f"{'4N ms':>8} {'growth':>6}  pattern  (worst piece)")
    for long, growth, name, piece in rows if args.all else rows[:10]:
        print(f"{1000 * long:8.2f} {growth:6.2f}  {name}  ({piece!r})")


if __name__ == "__main__":
    main()
