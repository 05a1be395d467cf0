"""Options and helpers shared by several commands."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from guidebot.dialogue.policy import default_policy
from guidebot.errors import GuidebotError, KnowledgeError
from guidebot.knowledge.model import KnowledgeBase
from guidebot.knowledge.yamlsource import CONTROL
from guidebot.locations import cache_dir, knowledge_dir
from guidebot.reply import Reply

if TYPE_CHECKING:
    from guidebot.bot import Bot
    from guidebot.search.semantic.textencoder import TextEncoder


class UsageError(GuidebotError):
    """A command was given something it cannot work with (a missing file, a bad option value).
    Only the command line raises it; main() turns it, like every GuidebotError, into a message
    and exit code 2."""


def terminal_safe(text: str) -> str:
    """Text with control characters (escape sequences, NUL, C1) shown as U+FFFD, for
    anything printed that did not pass the knowledge check: log records, file names,
    messages quoting a file."""
    return CONTROL.sub("\ufffd", text)


def add_knowledge_option(parser: argparse.ArgumentParser, fallback: str = "") -> None:
    """--knowledge DIR; `fallback` says what is used without it and $GUIDEBOT_KNOWLEDGE
    (default: the bundled guide)."""
    parser.add_argument(
        "--knowledge",
        metavar="DIR",
        help="knowledge directory (default: $GUIDEBOT_KNOWLEDGE, else "
        f"{fallback or 'the bundled guide'})",
    )


def add_model_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model",
        metavar="DIR",
        help="a sentence-embedding model (model.onnx and tokenizer.json) for the semantic "
        "re-ranker, or `builtin` for the word vectors guidebot ships (default: "
        "$GUIDEBOT_MODEL, else one in the Hugging Face cache when guidebot[semantic] is "
        "installed, else builtin; GUIDEBOT_SEMANTIC=0 turns it off: words alone)",
    )


def chosen_model(args: argparse.Namespace) -> Path | None:
    """The model directory the person chose (--model, GUIDEBOT_MODEL), else a sentence-
    embedding model found in the Hugging Face cache, else the built-in word vectors; None
    with GUIDEBOT_SEMANTIC=0. One merely found in the cache counts only when the semantic
    extra is installed, so that installing guidebot alone never changes its answers. Raises
    InputError for a named directory that is not a model."""
    from guidebot.search.semantic.model_dir import (
        builtin_dir,
        find_model,
        model_files,
        semantic_available,
        semantic_switched_off,
    )

    explicit = getattr(args, "model", None)
    if explicit and semantic_switched_off(os.environ):
        # Said, not silent: the person asked for a model and gets answers without one.
        print(
            "guidebot: GUIDEBOT_SEMANTIC turns the model off; --model is not used", file=sys.stderr
        )
    found = find_model(explicit or None, os.environ)
    if found is None:
        return None
    asked = explicit or os.environ.get("GUIDEBOT_MODEL")
    if not asked and model_files(found) is not None and not semantic_available():
        return builtin_dir()
    return found


def load_encoder(args: argparse.Namespace) -> TextEncoder | None:
    """The chosen model (chosen_model), loaded; InputError when it does not load (e.g.
    without the semantic extra)."""
    from guidebot.search.semantic.load import load_model

    found = chosen_model(args)
    return load_model(found) if found is not None else None


def load_bot(args: argparse.Namespace, top_k: int | None = None, last_good: bool = False) -> Bot:
    """The Bot for the --knowledge (and --model) the person chose, answering with `top_k`
    sources when given (KnowledgeError and InputError propagate to main); cache notes
    ("rebuilding it") go to stderr, since they cost time, not answers. With `last_good`,
    files with problems are answered from as they last loaded cleanly, if that is cached,
    and the problems go to stderr (last_good_warning)."""
    from guidebot.bot import Bot  # the engine loads numpy: only commands that answer pay

    encoder = load_encoder(args)
    policy = default_policy(encoder is not None and encoder.word_level)
    if top_k is not None:
        policy = replace(policy, top_k=top_k)
    root = knowledge_dir(args.knowledge)
    bot = Bot.load(root, policy, cache_dir=cache_dir(), encoder=encoder, last_good=last_good)
    for note in bot.notes:
        print(f"guidebot: {note}", file=sys.stderr)
    if bot.problems is not None:
        print(last_good_warning(bot.problems, args.knowledge), file=sys.stderr)
    return bot


def last_good_warning(problems: KnowledgeError, folder: str | None) -> str:
    """What a command answering from the knowledge as it last loaded cleanly says first: the
    files' problems (file:line, terminal-safe) and how to check them once fixed."""
    return (
        "guidebot: the knowledge has problems, so answers come from it as it last loaded "
        f"cleanly:\n{terminal_safe(str(problems))}\n{check_hint(folder)}"
    )


def check_hint(folder: str | None) -> str:
    """How to check the knowledge again once its problems are fixed."""
    named = f" {folder}" if folder else ""
    return f"(run `guidebot check{named}` after fixing them)"


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

    def __init__(
        self, args: argparse.Namespace, guides: tuple[str, ...] = (), knowledge: str = ""
    ) -> None:
        self.enabled = not getattr(args, "no_log", False)
        self.guides = guides
        self.knowledge = knowledge  # the folder asked, for `guidebot gaps --knowledge`
        self.warned = False

    def __call__(self, reply: Reply) -> None:
        if not self.enabled:
            return
        from guidebot.quality.log import record_unanswered

        note = record_unanswered(reply, self.guides, knowledge=self.knowledge)
        if note and not self.warned:
            print(f"guidebot: {note}", file=sys.stderr)
            self.warned = True


def counted(n: int, one: str, many: str | None = None) -> str:
    """'1 FAQ entry', '2 FAQ entries': n and the noun that agrees with it."""
    return f"{n} {one if n == 1 else (many or one + 's')}"
