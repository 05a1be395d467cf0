"""`guidebot chat` (and bare `guidebot`): the Textual chat app over the same Bot as `ask`."""

from __future__ import annotations

import argparse
import sys

from guidebot.commands.common import add_knowledge_option, load_bot
from guidebot.errors import UsageError

NAME = "chat"


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        NAME,
        help="chat in the terminal (the default when no command is given)",
        description="Open the chat app: ask questions, follow up, read the cited passages, "
        "save the transcript. Press F1 inside the app for its keys.",
    )
    add_knowledge_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    bot = load_bot(args)  # a KnowledgeError is reported by main (exit 2) before any screen
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError("the chat app needs a terminal; use `guidebot ask` with pipes")
    from guidebot.tui import create_app  # only here, so other commands never import Textual

    app = create_app(bot)
    app.run()
    return app.return_code or 0
