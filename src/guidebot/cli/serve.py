"""`guidebot serve`: the chat app in a web browser, through textual-serve.

The server starts one chat-app process per browser tab: `python -m guidebot.cli.serve
--app DIR`, which is also why this module can run as a script.
"""

from __future__ import annotations

import argparse
import errno
import shlex
import socket
import sys
from pathlib import Path

from guidebot.cli.common import UsageError, add_knowledge_option, knowledge_path
from guidebot.knowledge.loader import load_knowledge

NAME = "serve"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        NAME,
        help="serve the chat app in a web browser (on this computer only by default)",
        description="Serve the chat app to web browsers with textual-serve. It listens on "
        f"{DEFAULT_HOST} (this computer only) unless --host says otherwise. Ctrl+C stops it.",
    )
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"address to listen on (default {DEFAULT_HOST}; 0.0.0.0 opens it to the network)",
    )
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})"
    )
    add_knowledge_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if not 1 <= args.port <= 65535:
        raise UsageError("--port must be between 1 and 65535")
    root = knowledge_path(args).resolve()
    load_knowledge(root)  # a broken knowledge directory is reported before anything listens
    check_port(args.host, args.port)
    try:
        from textual_serve.server import Server
    except ImportError:
        raise UsageError(
            "guidebot serve needs textual-serve; install it with: pip install textual-serve"
        ) from None
    command = " ".join(
        shlex.quote(part)
        for part in (sys.executable, "-m", "guidebot.cli.serve", "--app", str(root))
    )
    url = f"http://{_url_host(args.host)}:{args.port}"
    print(f"guidebot: serving the chat app at {url} — open it in a browser; Ctrl+C stops.")
    if args.host not in LOOPBACK:
        print(f"guidebot: note: {args.host} lets other computers on the network use it.")
    sys.stdout.flush()
    server = Server(command, host=args.host, port=args.port, title="guidebot", public_url=url)
    try:
        server.serve()
    except OSError as error:  # the port was taken between the check and the start
        raise UsageError(_port_message(args.host, args.port, error)) from None
    return 0


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
            f"port {port} on {host} is already in use (is guidebot serve already running?); "
            f"choose another with --port, e.g. --port {port + 1 if port < 65535 else 8000}"
        )
    if error.errno == errno.EACCES:
        return f"not allowed to listen on port {port}; choose a port above 1023 with --port"
    if error.errno == errno.EADDRNOTAVAIL:
        return f"{host} is not an address of this computer; try --host {DEFAULT_HOST}"
    return f"cannot listen on {host}:{port}: {error.strerror or error}"


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _serve_app(root: str) -> int:
    """One browser tab's chat app (started by textual-serve, which supplies the web driver)."""
    from guidebot.bot import Bot
    from guidebot.errors import GuidebotError
    from guidebot.locations import cache_dir
    from guidebot.tui import create_app

    try:
        bot = Bot.load(Path(root), cache_dir=cache_dir())
    except GuidebotError as error:
        print(f"guidebot: {error}", file=sys.stderr)
        return 2
    app = create_app(bot)
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--app":
        sys.exit(_serve_app(sys.argv[2]))
    sys.exit("usage: python -m guidebot.cli.serve --app KNOWLEDGE_DIR")
