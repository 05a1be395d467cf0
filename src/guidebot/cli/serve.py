"""`guidebot serve`: the chat app in a web browser, through textual-serve.

The server (webserve.GuardedServer) starts one chat-app process per browser tab, running
_serve_app below. Each launch makes a new token that the printed URL carries; without it the
server refuses everything.
"""

from __future__ import annotations

import argparse
import errno
import ipaddress
import os
import secrets
import shlex
import signal
import socket
import sys
import threading
import time
from pathlib import Path

from guidebot.cli.common import (
    UsageError,
    add_knowledge_option,
    knowledge_path,
    last_good_warning,
    load_encoder,
)
from guidebot.knowledge.cached import load_cached
from guidebot.locations import cache_dir

NAME = "serve"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_SESSIONS = 8  # each tab is a process of about 80 MB
_APP_SCRIPT = (
    "import sys; from guidebot.cli.serve import _serve_app; sys.exit(_serve_app(sys.argv[1]))"
)


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        NAME,
        help="serve the chat app in a web browser (on this computer only by default)",
        description="Serve the chat app to web browsers with textual-serve. It listens on "
        f"{DEFAULT_HOST} (this computer only) unless --host says otherwise. Only the URL it "
        "prints works: it carries a token made anew at each start. Ctrl+C stops it.",
    )
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"address to listen on (default {DEFAULT_HOST}; 0.0.0.0 opens it to the network)",
    )
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})"
    )
    parser.add_argument(
        "--max-sessions",
        type=int,
        default=DEFAULT_MAX_SESSIONS,
        metavar="N",
        help=f"most browser tabs open at once, each its own process "
        f"(default {DEFAULT_MAX_SESSIONS})",
    )
    parser.add_argument("--access-log", action="store_true", help="print a line for every request")
    add_knowledge_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if not 1 <= args.port <= 65535:
        raise UsageError("--port must be between 1 and 65535")
    if args.max_sessions < 1:
        raise UsageError("--max-sessions must be at least 1")
    root = knowledge_path(args).resolve()
    # A broken knowledge directory is reported before anything listens; the tabs answer from
    # it as it last loaded cleanly when that is cached, and say so.
    loaded = load_cached(root, cache_dir(), last_good=True)
    if loaded.problems is not None:
        print(last_good_warning(loaded.problems, args.knowledge), file=sys.stderr)
    check_port(args.host, args.port)
    try:
        from guidebot.cli.webserve import GuardedServer
    except ImportError:
        raise UsageError(
            "guidebot serve needs textual-serve; install it with: pip install textual-serve"
        ) from None
    # `-c`, not `-m guidebot.cli.serve`: runpy warns on every tab, as guidebot.cli imports it
    parts = (sys.executable, "-c", _APP_SCRIPT, str(root))
    # `exec`: the shell textual-serve starts becomes the app, so stopping it stops the app
    command = ("exec " if os.name == "posix" else "") + " ".join(map(shlex.quote, parts))
    token = secrets.token_urlsafe(32)
    url = f"http://{url_host(args.host)}:{args.port}/?token={token}"
    print(f"guidebot: serving the chat app at {url} — open it in a browser; Ctrl+C stops.")
    if not is_loopback(args.host):
        print(
            f"guidebot: warning: listening on {args.host} lets anyone on the network who has "
            "this URL use guidebot: the token in it is the only protection (no login, no "
            "encryption). From another computer, put this computer's address in the URL.",
            file=sys.stderr,
        )
    sys.stdout.flush()
    server = GuardedServer(
        command,
        host=args.host,
        port=args.port,
        token=token,
        max_sessions=args.max_sessions,
        access_log=args.access_log,
    )
    try:
        server.serve()
    except OSError as error:  # the port was taken between the check and the start
        raise UsageError(_port_message(args.host, args.port, error)) from None
    return 0


def is_loopback(host: str) -> bool:
    """True when only this computer can connect (127.0.0.0/8, ::1, localhost)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:  # a name other than localhost may resolve to anything
        return False


def url_host(host: str) -> str:
    """The host to print in a URL: a wildcard bind address is not one a browser can use,
    and an IPv6 address goes in brackets."""
    shown = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(host, host)
    return f"[{shown}]" if ":" in shown else shown


def check_port(host: str, port: int) -> None:
    """Raise UsageError with a clear message if host:port cannot be listened on."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror:
        raise UsageError(f"unknown host '{host}' (try --host 127.0.0.1)") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server will
        try:
            probe.bind(address)
        except OSError as error:
            raise UsageError(_port_message(host, port, error)) from None


def _port_message(host: str, port: int, error: OSError) -> str:
    if error.errno == errno.EADDRINUSE:
        return (
            f"port {port} on {host} is already in use (by another guidebot, or another server); "
            f"choose another with --port, e.g. --port {port + 1 if port < 65535 else 8000}"
        )
    if error.errno == errno.EACCES:
        return f"not allowed to listen on port {port}; choose a port above 1023 with --port"
    if error.errno == errno.EADDRNOTAVAIL:
        return f"{host} is not an address of this computer; try --host {DEFAULT_HOST}"
    return f"cannot listen on {host}:{port}: {error.strerror or error}"


def _serve_app(root: str) -> int:
    """One browser tab's chat app (started by textual-serve, which supplies the web driver)."""
    from guidebot.bot import Bot
    from guidebot.errors import GuidebotError
    from guidebot.tui import create_app

    try:
        # The model as `guidebot chat` would choose it: GUIDEBOT_MODEL, else the default.
        encoder = load_encoder(argparse.Namespace(model=None))
        bot = Bot.load(Path(root), cache_dir=cache_dir(), encoder=encoder, last_good=True)
    except GuidebotError as error:
        print(f"guidebot: {error}", file=sys.stderr)
        return 2
    app = create_app(bot)
    threading.Thread(target=_end_with_server, daemon=True).start()
    app.run()
    return app.return_code or 0


def _end_with_server() -> None:
    """Quit this tab's app once the server is gone without having stopped it (killed,
    crashed): the app would not notice and would run on, unreachable, for good."""
    server = os.getppid()
    while os.getppid() == server:
        time.sleep(1)
    os.kill(os.getpid(), signal.SIGTERM)  # Textual's web driver quits the app on it
    time.sleep(3)
    os._exit(1)
