"""`guidebot check [DIR]`: validate a knowledge directory and list every problem at once."""

from __future__ import annotations

import argparse
from pathlib import Path

from guidebot.cli.common import UsageError, counted, terminal_safe
from guidebot.knowledge.loader import load_knowledge
from guidebot.knowledge.passages import build_passages
from guidebot.locations import knowledge_dir

NAME = "check"


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        NAME,
        help="validate a knowledge directory",
        description="Check every knowledge file and list all problems as file:line: message. "
        "Exit status 0 when clean, 2 when not.",
    )
    parser.add_argument(
        "directory", nargs="?", help="knowledge directory (default: the one in use)"
    )
    # As every other command names it, so that `check --knowledge DIR` works as people
    # type it after `ingest --knowledge DIR`.
    parser.add_argument("--knowledge", metavar="DIR", help="the same as DIRECTORY")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    named = (args.directory, args.knowledge)
    if all(named) and len({Path(folder).resolve() for folder in named}) > 1:
        raise UsageError("check: give the knowledge directory once, as DIRECTORY or --knowledge")
    root = knowledge_dir(args.directory or args.knowledge)
    kb = load_knowledge(root)  # KnowledgeError lists every problem; main prints it, exit 2
    passages = build_passages(kb)
    sections = sum(len(g.sections) for g in kb.guides)
    print(
        f"{root}: OK — {counted(len(kb.guides), 'guide')}, {counted(sections, 'section')}, "
        f"{counted(len(kb.faqs), 'FAQ entry', 'FAQ entries')}, {counted(len(passages), 'passage')}"
    )
    for warning in kb.warnings:
        print(f"warning: {terminal_safe(warning)}")
    return 0
