"""The `guidebot` command: parses arguments, runs a command, turns errors into exit codes."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import MutableMapping, Sequence
from pathlib import Path

from guidebot import __version__
from guidebot.cli import api, ask, chat, check, evaluate, gaps, guides, ingest, serve
from guidebot.cli.common import check_hint, terminal_safe
from guidebot.errors import EvalSetError, GuidebotError, KnowledgeError

COMMANDS = (ask, chat, check, evaluate, guides, ingest, gaps, serve, api)
EXIT_PROBLEM = 2
# The BLAS library behind numpy starts a thread per core for every product of matrices,
# however small, and an answer's few small products then wait on threads a busy machine
# (another server worker, a test run) is not running: on a loaded 2-core machine one ask
# with the built-in word vectors took 7.9 ms (p50, scripts/bench_ask.py) against 1.0 ms
# with one thread. Read once, when numpy loads; a value the person set is kept.
BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def single_threaded_blas(environ: MutableMapping[str, str]) -> None:
    """Ask numpy's BLAS for one thread, unless `environ` already says how many; only has
    an effect before numpy is first imported (guidebot's commands import it lazily)."""
    for name in BLAS_THREADS:
        environ.setdefault(name, "1")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="guidebot",
        description="Answers questions about guides, citing the passages it quotes.",
        epilog="With no command, guidebot opens the chat app.",
    )
    parser.add_argument("--version", action="version", version=f"guidebot {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the process exit code."""
    single_threaded_blas(os.environ)
    _tolerant_output()
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    if _has_chat() and (not argv or argv[0] not in _TOP_LEVEL and argv[0].startswith("-")):
        argv = ["chat", *argv]  # bare `guidebot [--knowledge DIR]` opens the chat
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        return int(args.run(args) or 0)
    except KnowledgeError as error:
        print(
            f"guidebot: the knowledge has problems:\n{terminal_safe(str(error))}", file=sys.stderr
        )
        if args.command not in {"check", "eval", "ingest"}:  # there it is not about DIR
            folder = getattr(args, "knowledge", None)
            if not folder or Path(folder).is_dir():  # a folder that is not there: no hint
                print(check_hint(folder), file=sys.stderr)
        return EXIT_PROBLEM
    except EvalSetError as error:
        print(
            f"guidebot: the evaluation file has problems:\n{terminal_safe(str(error))}",
            file=sys.stderr,
        )
        return EXIT_PROBLEM
    except GuidebotError as error:
        print(f"guidebot: {terminal_safe(str(error))}", file=sys.stderr)
        return EXIT_PROBLEM
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (e.g. `| head`): nothing left to say
        return 0


_TOP_LEVEL = ("-h", "--help", "--version")


def _tolerant_output() -> None:
    """A terminal or pipe that cannot show a character ("›" under LC_ALL=C with an ASCII
    encoding) gets "?" for it instead of a UnicodeEncodeError half-way through a reply."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def _has_chat() -> bool:
    return any(getattr(c, "NAME", "") == "chat" for c in COMMANDS)


if __name__ == "__main__":
    sys.exit(main())
