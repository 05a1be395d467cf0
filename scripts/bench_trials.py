"""Newcomers' trials: knowledge bases and questions written blind, scored through the CLI.

Each folder under tests/trials/ (see its README) holds a support team's own files in `src/`
(a guide and an FAQ export) and `questions.json`, written before any answer was seen. For
each, this brings the files in with `guidebot ingest` (a fresh folder, as a new user would),
asks every question with `guidebot ask --json` (a conversation per chain, "/new" between),
and scores each turn: an answer is right when its first source's FAQ question, section or
last heading is one expected; an off-topic question is right when declined. Asking back
counts as a miss. Usage: `python scripts/bench_trials.py [--show-misses] [--only NAME]
[--guidebot PATH]` (another tree's command, to compare two in the same run).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

TRIALS = Path(__file__).resolve().parent.parent / "tests" / "trials"
KINDS = ("answerable", "off-topic", "follow-up")


@dataclass
class Score:
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    asked: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    misses: list[str] = field(default_factory=list)

    def line(self) -> str:
        parts = "  ".join(f"{k} {self.right[k]}/{self.asked[k]}" for k in KINDS)
        return f"{sum(self.right.values())} / {sum(self.asked.values())}  ({parts})"


def _conversations(items: list[dict]) -> list[tuple[str, list[tuple[str, str | list[str]]]]]:
    """(kind, [(question, expected), ...]) for each conversation of questions.json."""
    found = []
    for item in items:
        if "chain" in item:
            found.append(("follow-up", [(t["q"], t["expect"]) for t in item["chain"]]))
        else:
            kind = "off-topic" if item["expect"] == "decline" else "answerable"
            found.append((kind, [(item["q"], item["expect"])]))
    return found


def _right(expected: str | list[str], reply: dict) -> bool:
    wanted = [expected] if isinstance(expected, str) else list(expected)
    if wanted == ["decline"]:
        return reply.get("kind") == "decline"
    sources = reply.get("sources") or []
    if reply.get("kind") != "answer" or not sources:
        return False
    first = sources[0]
    said = {first.get("question"), first.get("section"), *(first.get("headings") or [])[-1:]}
    return any(str(w).casefold() in {str(s).casefold() for s in said if s} for w in wanted)


def run(folder: Path, guidebot: str) -> Score:
    """Score one trial folder with the `guidebot` command given. Raises RuntimeError when
    ingest or ask fails, OSError when the command cannot be run."""
    items = json.loads((folder / "questions.json").read_text(encoding="utf-8"))
    conversations = _conversations(items)
    with tempfile.TemporaryDirectory() as tmp:
        knowledge = Path(tmp) / "knowledge"
        files = sorted(str(p) for p in (folder / "src").iterdir())
        done = subprocess.run(
            [guidebot, "ingest", "--knowledge", str(knowledge), *files],
            capture_output=True,
            text=True,
        )
        if done.returncode:
            raise RuntimeError(f"ingest failed: {done.stderr.strip()}")
        lines = [line for _, turns in conversations for line in ("/new", *(q for q, _ in turns))]
        done = subprocess.run(
            [guidebot, "ask", "--no-log", "--json", "--knowledge", str(knowledge)],
            input="\n".join(lines) + "\n",
            capture_output=True,
            text=True,
        )
    if done.returncode:
        raise RuntimeError(f"ask failed: {done.stderr.strip()}")
    replies = iter(json.loads(line) for line in done.stdout.splitlines() if line.strip())
    score = Score()
    for kind, turns in conversations:
        for question, expected in turns:
            reply = next(replies)
            score.asked[kind] += 1
            if _right(expected, reply):
                score.right[kind] += 1
            else:
                first = (reply.get("sources") or [{}])[0]
                got = first.get("question") or first.get("section") or ""
                score.misses.append(f"[{kind}] {question!r}: {reply.get('kind')} {got!r}")
    return score


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--only", help="one trial's folder name")
    beside = Path(sys.executable).with_name("guidebot")  # this environment's own command
    default = str(beside) if beside.is_file() else shutil.which("guidebot") or "guidebot"
    parser.add_argument("--guidebot", default=default)
    args = parser.parse_args()
    folders = sorted(p for p in TRIALS.iterdir() if (p / "questions.json").is_file())
    total = Score()
    for folder in folders:
        if args.only and folder.name != args.only:
            continue
        try:
            score = run(folder, args.guidebot)
        except (RuntimeError, OSError) as error:
            print(f"{folder.name}: {error}", file=sys.stderr)
            return 1
        print(f"{folder.name:16s} {score.line()}")
        for kind in KINDS:
            total.right[kind] += score.right[kind]
            total.asked[kind] += score.asked[kind]
        for miss in score.misses if args.show_misses else ():
            print(f"    {miss}")
    print(f"{'all':16s} {total.line()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
