"""`guidebot ask`: one question from the command line, or a conversation from standard input."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from guidebot.cli.common import (
    UnansweredLogger,
    UsageError,
    add_guide_option,
    add_knowledge_option,
    add_log_option,
    add_model_option,
    chosen_guides,
    load_bot,
)
from guidebot.reply import Reply
from guidebot.reply.render import as_markdown, as_text

NAME = "ask"


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        NAME,
        help="answer a question (or, with none, each line of standard input)",
        description="Answer a question with cited passages. With no question, every line of "
        "standard input is one turn of a conversation; a line '/new' starts a new one.",
    )
    parser.add_argument("question", nargs="*", help="the question (quote it or not)")
    parser.add_argument(
        "--top", type=int, default=None, metavar="K", help="how many sources to show"
    )
    parser.add_argument(
        "--json", action="store_true", help="print the reply as JSON (JSON Lines for stdin)"
    )
    parser.add_argument(
        "--format",
        choices=("text", "markdown", "json"),
        default="text",
        help="text for the terminal, markdown to paste into an email, or json",
    )
    add_knowledge_option(parser)
    add_model_option(parser)
    add_guide_option(parser)
    add_log_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.top is not None and not 1 <= args.top <= 50:
        raise UsageError("--top must be between 1 and 50")
    if args.json and args.format not in {"text", "json"}:
        raise UsageError("--json and --format markdown ask for two formats; choose one")
    fmt = "json" if args.json else args.format
    bot = load_bot(args, top_k=args.top, last_good=True)
    guides = chosen_guides(bot.kb, args)
    log = UnansweredLogger(args, guides, bot.kb.root)
    if args.question:
        reply = bot.conversation(guides=guides).ask(" ".join(args.question))
        log(reply)
        print(_render(reply, fmt, single=True))
        return 0
    return _conversation(bot, sys.stdin, fmt, guides, log)


def _conversation(bot, stream: TextIO, fmt: str, guides=(), log=lambda reply: None) -> int:
    conversation = bot.conversation(guides=guides)
    first = True
    for raw in stream:
        line = raw.strip()
        if line == "/new":
            conversation.reset()
            continue
        if not line:
            continue
        reply = conversation.ask(line)
        log(reply)
        if fmt != "json" and not first:
            print()
        print(_render(reply, fmt, single=False), flush=True)
        first = False
    return 0


def _render(reply: Reply, fmt: str, single: bool) -> str:
    if fmt == "json":
        return json.dumps(reply.to_dict(), ensure_ascii=False, indent=2 if single else None)
    if fmt == "markdown":
        return as_markdown(reply).rstrip("\n")
    return as_text(reply) if single else f"> {reply.question}\n{as_text(reply)}"
