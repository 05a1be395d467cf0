"""Replay every turn of evaluation files through `guidebot ask` and print the replies.

Used to show that a refactoring changes no answer: run it on two trees and diff the outputs.

    python scripts/replay.py tests/eval/dev.yaml tests/eval/heldout.yaml > after.txt
    PYTHONPATH=../old/src python scripts/replay.py tests/eval/*.yaml > before.txt
    diff before.txt after.txt

Each case is one conversation (its turns in order, then `/new`), asked in the three output
formats `guidebot ask` has (JSON Lines, text, Markdown), in one process per format. Questions
are read with pyyaml only, so the script does not depend on guidebot's own parsers.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from pathlib import Path

import yaml


def conversations(paths: list[Path]) -> str:
    lines: list[str] = []
    for path in paths:
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            turns = case.get("turns") or [case.get("q", "")]
            lines += [str(t).replace("\n", " ") for t in turns] + ["/new"]
    return "\n".join(lines) + "\n"


def replay(text: str, fmt: str, knowledge: str | None) -> str:
    from guidebot.cli import main  # whichever guidebot is first on sys.path

    argv = ["ask", "--no-log", "--format", fmt] + (["--knowledge", knowledge] if knowledge else [])
    out = io.StringIO()
    old_stdin = sys.stdin
    sys.stdin = io.StringIO(text)
    try:
        with contextlib.redirect_stdout(out):
            code = main(argv)
    finally:
        sys.stdin = old_stdin
    return f"== format {fmt}, exit {code}\n{out.getvalue()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--knowledge", help="knowledge directory (default: the bundled one)")
    parser.add_argument("--formats", default="json,text,markdown")
    args = parser.parse_args()
    text = conversations(args.files)
    for fmt in args.formats.split(","):
        sys.stdout.write(replay(text, fmt, args.knowledge))
    return 0


if __name__ == "__main__":
    sys.exit(main())
