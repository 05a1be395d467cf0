"""Options and helpers shared by several commands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from guidebot.dialogue.policy import Policy
from guidebot.errors import GuidebotError
from guidebot.knowledge.model import KnowledgeBase
from guidebot.knowledge.yamlsource import CONTROL
from guidebot.locations import cache_dir, knowledge_dir
from guidebot.reply import Reply

if TYPE_CHECKING:
    from guidebot.bot import Bot


class UsageError(GuidebotError):
    """A command was given something it cannot work with (a missing file, a bad option value).
    Only the command line raises it; main() turns it, like every GuidebotError, into a message
    and exit code 2."""


def terminal_safe(text: str) -> str:
    """Text with control characters (escape sequences, NUL, C1) shown as U+FFFD, for
    anything printed that did not pass the knowledge check: log records, file names,
    messages quoting a file."""
    return CONTROL.sub("\ufffd", text)


def add_knowledge_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--knowledge",
        metavar="DIR",
        help="knowledge directory (default: $GUIDEBOT_KNOWLEDGE, else the bundled guide)",
    )


def load_bot(args: argparse.Namespace, policy: Policy | None = None) -> Bot:
    """The Bot for the --knowledge the person chose (KnowledgeError propagates to main);
    index-cache notes ("rebuilding it") go to stderr, since they cost time, not answers."""
    from guidebot.bot import Bot  # the engine loads numpy: only commands that answer pay

    bot = Bot.load(knowledge_dir(args.knowledge), policy, cache_dir=cache_dir())
    for note in bot.notes:
        print(f"guidebot: {note}", file=sys.stderr)
    return bot


def knowledge_path(args: argparse.Namespace) -> Path:
    return knowledge_dir(getattr(args, "knowledge", None))


def add_guide_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--guide",
        metavar="SLUG",
        help="answer from this guide only (its file name without .md; see `guidebot guides`)",
    )


def chosen_guides(kb: KnowledgeBase, args: argparse.Namespace) -> tuple[str, ...]:
    """The guides --guide restricts answers to (none: all), checked against the knowledge."""
    slug = getattr(args, "guide", None)
    if not slug:
        return ()
    if kb.guide(slug) is None:
        known = ", ".join(g.slug for g in kb.guides) or "none"
        raise UsageError(f"no guide '{slug}' in {kb.root} (guides: {known})")
    return (slug,)


def add_log_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-log",
        action="store_true",
        help="do not record unanswered questions (also: GUIDEBOT_NO_LOG=1)",
    )


class UnansweredLogger:
    """Records declined and low-confidence replies unless --no-log; warns once if it cannot."""

    def __init__(self, args: argparse.Namespace, guides: tuple[str, ...] = ()) -> None:
        self.enabled = not getattr(args, "no_log", False)
        self.guides = guides
        self.warned = False

    def __call__(self, reply: Reply) -> None:
        if not self.enabled:
            return
        from guidebot.quality.log import record_unanswered

        note = record_unanswered(reply, self.guides)
        if note and not self.warned:
            print(f"guidebot: {note}", file=sys.stderr)
            self.warned = True
