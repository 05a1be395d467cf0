"""Options and helpers shared by several commands."""

from __future__ import annotations

import argparse
from pathlib import Path

from guidebot.bot import Bot
from guidebot.locations import cache_dir, knowledge_dir


def add_knowledge_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--knowledge",
        metavar="DIR",
        help="knowledge directory (default: $GUIDEBOT_KNOWLEDGE, else the bundled guide)",
    )


def load_bot(args: argparse.Namespace) -> Bot:
    """The Bot for the --knowledge the person chose (KnowledgeError propagates to main)."""
    return Bot.load(knowledge_dir(args.knowledge), cache_dir=cache_dir())


def knowledge_path(args: argparse.Namespace) -> Path:
    return knowledge_dir(getattr(args, "knowledge", None))
