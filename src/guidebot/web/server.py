"""Running the app under uvicorn, in one process or several (`guidebot api --workers N`).

With one worker the app is built here, around the bot the command already loaded. With more,
uvicorn's supervisor binds the socket and spawns the workers, each of which imports
`create_app` and builds the same app from the environment (web.settings).
"""

from __future__ import annotations

import asyncio
import contextlib
import socket

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from guidebot.bot import Bot
from guidebot.web.app import create_app
from guidebot.web.settings import Settings


class NoDelayProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, turning Nagle's algorithm off on every connection.

    asyncio does that itself only for sockets that say they are TCP, and the listening socket
    uvicorn's supervisor binds for several workers does not say so (uvicorn issue #3149):
    every reply after the first on a keep-alive connection then waited ~40 ms for the
    client's delayed ACK (measured: 700 asks/s with two workers against 2,300 with one)."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)


def serve(
    settings: Settings, bot: Bot | None, *, host: str, port: int, workers: int, access_log: bool
) -> None:
    """Serve until Ctrl+C (or SIGTERM); in-flight requests get 5 s to finish. With one
    worker the app answers with `bot` (loaded from settings when None); with several, each
    worker loads its own."""
    options: dict = {
        "host": host,
        "port": port,
        "http": NoDelayProtocol,
        "log_level": "warning",  # the command prints its own start line
        "access_log": access_log,
        "server_header": False,
        "timeout_graceful_shutdown": 5,
    }
    if workers == 1:
        uvicorn.run(create_app(settings, bot), **options)
    else:  # each worker loads its own bot, from the cache the command filled
        uvicorn.run("guidebot.web.app:create_app", factory=True, workers=workers, **options)
