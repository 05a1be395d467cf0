"""`guidebot api`: the HTTP JSON API and the web chat page (guidebot.web), served by uvicorn.

The command checks everything before anything listens (port, origins, token, the knowledge,
whose index it builds into the cache once), then hands the settings to the server through
environment variables (web.settings), so that each of --workers N processes builds the same
app. Bound to anything but loopback it refuses to start without a token.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from guidebot.cli.common import (
    UsageError,
    add_knowledge_option,
    add_model_option,
    chosen_model,
    knowledge_path,
    load_bot,
)
from guidebot.cli.serve import check_port, is_loopback, url_host
from guidebot.locations import ENV_KNOWLEDGE
from guidebot.web.settings import ENV_MODEL, ENV_ORIGINS, ENV_TOKEN, Settings  # light: no FastAPI

if TYPE_CHECKING:
    from guidebot.bot import Bot

NAME = "api"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080
MAX_WORKERS = 32
MIN_TOKEN = 16  # characters: anything shorter can be guessed by trying
ENV_RESTARTED = "GUIDEBOT_API_RESTARTED"  # set by a start that restarts itself, once


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        NAME,
        help="serve an HTTP JSON API and a web chat page (on this computer only by default)",
        description="Serve guidebot over HTTP: POST /v1/ask, POST /v1/feedback, GET "
        "/v1/guides, GET /v1/health (docs at /docs) and a chat page at /. The server keeps "
        "no conversation state: clients send it back with each question. Ctrl+C stops it.",
    )
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"address to listen on (default {DEFAULT_HOST}; any other needs a token)",
    )
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="server processes, each answering any request (default 1; about one per core)",
    )
    parser.add_argument(
        "--allow-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="let pages of this web site call the API from a browser (CORS), e.g. "
        "https://example.org; repeat for more; none by default",
    )
    parser.add_argument(
        "--token",
        help=f"require `Authorization: Bearer TOKEN` on /v1 (except health); also "
        f"${ENV_TOKEN}, which keeps it out of the process list; required off loopback",
    )
    parser.add_argument("--access-log", action="store_true", help="print a line for every request")
    add_knowledge_option(parser)
    add_model_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    restarted = os.environ.pop(ENV_RESTARTED, None)  # read once: nothing it starts inherits it
    if not 1 <= args.port <= 65535:
        raise UsageError("--port must be between 1 and 65535")
    if not 1 <= args.workers <= MAX_WORKERS:
        raise UsageError(f"--workers must be between 1 and {MAX_WORKERS}")
    origins = tuple(_origin(o) for o in args.allow_origin)
    token = _token(args.token or os.environ.get(ENV_TOKEN, ""))
    if token is None and not is_loopback(args.host):
        raise UsageError(
            f"refusing to listen on {args.host} without a token: anyone who can reach it "
            f"could use the API. Set one with --token or ${ENV_TOKEN} (at least {MIN_TOKEN} "
            f"characters), or listen on {DEFAULT_HOST}."
        )
    root = knowledge_path(args).resolve()
    model = chosen_model(args)
    # Reports problems and fills the caches (index, embeddings) that every worker then reads.
    bot = load_bot(argparse.Namespace(knowledge=str(root), model=model), last_good=True)
    check_port(args.host, args.port)
    try:
        from guidebot.web.server import serve
    except ImportError as error:
        raise UsageError(
            f"guidebot api needs FastAPI and uvicorn ({error.name} is missing); "
            "install them with: pip install fastapi uvicorn httptools"
        ) from None
    bot.warm()  # fills the cache of what the first turn loads, for every worker to read
    if args.workers == 1 and bot.cached_new_index and not restarted:
        _restart_reading_the_caches()
    served: Bot | None = bot
    if args.workers > 1:
        # Each worker loads its own bot from the caches just filled; the supervisor that
        # only starts and watches them need not hold one too (300 MB at 100,000 passages).
        del bot
        served = None
        gc.collect()
    # Every worker reads these (web.settings); with one, the app is made here, with this bot.
    os.environ[ENV_KNOWLEDGE] = str(root)
    os.environ[ENV_ORIGINS] = " ".join(origins)
    os.environ[ENV_TOKEN] = token or ""
    os.environ[ENV_MODEL] = str(model or "")  # the workers use the model this process chose
    base = f"http://{url_host(args.host)}:{args.port}"
    print(
        f"guidebot: serving the API at {base}/v1/ (docs: {base}/docs) and the chat page at "
        f"{base}/ — Ctrl+C stops."
    )
    if token:
        print(
            f"guidebot: every /v1 request but health needs the token; the page takes it "
            f"from its address: {base}/#token=YOUR-TOKEN"
        )
    sys.stdout.flush()
    settings = Settings(root, token, origins, model=model)
    serve(
        settings,
        served,
        host=args.host,
        port=args.port,
        workers=args.workers,
        access_log=args.access_log,
    )
    return 0


def _restart_reading_the_caches() -> None:
    """Start this command again in this process (same pid, interpreter options, arguments
    and terminal; sys.orig_argv) now that the index is cached, when it was started as
    `guidebot api` on a POSIX system: building the index leaves the process holding the
    build's memory (one worker at 100,000 passages kept 484 MB; dropping the bot and loading
    again from the cache still kept 344 MB, the heap being fragmented) where a start that
    reads the cache holds about 250 MB. Otherwise, or if the restart fails, it returns and
    the process serves as it is."""
    if os.name != "posix" or sys.argv[1:2] != [NAME]:
        return
    print("guidebot: index cached; starting again to serve from the cache", file=sys.stderr)
    sys.stdout.flush()
    sys.stderr.flush()
    os.environ[ENV_RESTARTED] = "1"
    try:
        os.execv(sys.executable, [sys.executable, *sys.orig_argv[1:]])
    except OSError:
        os.environ.pop(ENV_RESTARTED, None)


def _token(value: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    if len(value) < MIN_TOKEN or not all("!" <= ch <= "~" for ch in value):
        raise UsageError(
            f"the token must be at least {MIN_TOKEN} visible ASCII characters without spaces "
            "(e.g. from: python -c 'import secrets; print(secrets.token_urlsafe(32))')"
        )
    return value


def _origin(value: str) -> str:
    """An origin as browsers send it (scheme://host[:port], no path), or '*' for any site."""
    if value == "*":
        return value
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 (raises ValueError for a port that is no number)
    except ValueError:
        parts = None
    if (
        parts is None
        or parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
        or parts.username
    ):
        raise UsageError(
            f"--allow-origin {value!r}: give an origin such as https://example.org or "
            "http://localhost:3000 (scheme, host and port only)"
        )
    return value.rstrip("/")
