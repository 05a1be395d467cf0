"""`guidebot chat` (and bare `guidebot`): the Textual chat app over the same Bot as `ask`."""

from __future__ import annotations

import argparse
import sys

from guidebot.cli.common import (
    UsageError,
    add_guide_option,
    add_knowledge_option,
    add_log_option,
    add_model_option,
    chosen_guides,
    chosen_model,
    knowledge_path,
)
from guidebot.knowledge.cached import Loaded, load_cached
from guidebot.locations import cache_dir

NAME = "chat"


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        NAME,
        help="chat in the terminal (the default when no command is given)",
        description="Open the chat app: ask questions, follow up, read the cited passages, "
        "save the transcript. Press F1 inside the app for its keys.",
    )
    add_knowledge_option(parser)
    add_model_option(parser)
    add_guide_option(parser)
    add_log_option(parser)
    parser.set_defaults(run=run)


def checked(args: argparse.Namespace) -> tuple[Loaded, tuple[str, ...]]:
    """The knowledge and the --guide choice, validated: KnowledgeError or UsageError (exit 2
    from main, with file:line problems) come before any screen. Only the knowledge is loaded
    (from its snapshot when the files are unchanged): the app indexes it in the background
    once its first screen is up. Files with problems give the knowledge as it last loaded
    cleanly when that is cached: the app lists the problems in the chat."""
    loaded = load_cached(knowledge_path(args), cache_dir(), last_good=True)
    return loaded, chosen_guides(loaded.kb, args)


def build_app(args: argparse.Namespace, loaded: Loaded, guides: tuple[str, ...]):
    from guidebot.tui import create_app  # only here, so other commands never import Textual

    return create_app(
        knowledge=loaded,
        cache_dir=cache_dir(),
        guides=guides,
        log_unanswered=not args.no_log,
        model=chosen_model(args),
    )


def run(args: argparse.Namespace) -> int:
    loaded, guides = checked(args)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError("the chat app needs a terminal; use `guidebot ask` with pipes")
    app = build_app(args, loaded, guides)
    app.run()
    return app.return_code or 0
