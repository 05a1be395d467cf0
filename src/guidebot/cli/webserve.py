"""The web server behind `guidebot serve`: textual-serve's Server with the guards it lacks.

textual-serve starts an app process for any WebSocket that reaches it, so any web page the
person visits could drive guidebot through their browser, start processes without limit and
ask for any screen size. This module keeps textual-serve for everything it does well (the
page, the terminal protocol, the app processes) and adds, before any process starts:

- a per-launch token that the page and its WebSocket must carry (the page gets it from the
  URL guidebot prints), so only someone given the URL can use the server;
- an Origin check on the WebSocket, so another site's page cannot reuse a person's browser;
- a cap on live sessions and clamped window sizes, so memory and frame sizes stay bounded;
- a shutdown that ends every app process within a couple of seconds.

Only `guidebot serve` imports it, lazily: it needs textual-serve (and so aiohttp).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
from typing import Any

import aiohttp_jinja2
from aiohttp import WSCloseCode, hdrs, web
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager
from textual_serve.server import Server

from guidebot.cli.servepage import with_local_font
from guidebot.cli.webguards import (
    FONT_SIZES,
    HOST,
    clamp,
    clamp_size,
    origin_matches,
    token_matches,
)
from guidebot.knowledge.yamlsource import CONTROL

log = logging.getLogger("guidebot.serve")

QUIT_GRACE = 1.0  # seconds an app gets to quit by itself before it is killed
CLOSE_TIMEOUT = 0.5  # seconds to wait for a browser to answer a WebSocket close
TITLE = "guidebot"  # on the page, while the app starts


async def _exits(process: asyncio.subprocess.Process, seconds: float) -> bool:
    """Whether the process has exited within `seconds`. Polled: on Python 3.11 wait() also
    waits for the output pipes to close, never if textual-serve stopped reading them."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while process.returncode is None and loop.time() < deadline:
        await asyncio.sleep(0.02)
    return process.returncode is not None


class Session(AppService):
    """One browser tab's app process: textual-serve's AppService, with every size clamped
    (the browser sends resizes too) and a stop that cannot hang on an app that ignores quit."""

    def __init__(
        self,
        command: str,
        websocket: web.WebSocketResponse,
        download_manager: DownloadManager,
        debug: bool,
    ) -> None:
        async def close() -> None:  # what the app's exit does to the browser's connection
            await websocket.close()

        super().__init__(
            command,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=close,
            download_manager=download_manager,
            debug=debug,
        )
        self.websocket = websocket
        self.transport: asyncio.Transport | None = None  # the browser's connection, once open
        self._halting = asyncio.Lock()

    async def set_terminal_size(self, width: Any, height: Any) -> None:
        await super().set_terminal_size(*clamp_size(width, height))

    async def end_app(self, grace: float = QUIT_GRACE) -> None:
        """Ask the app to quit; kill it if it has not within `grace` seconds. The asking is
        timed too: an app stuck writing to a browser that stopped reading reads no input."""
        process = self._process
        if process is None or process.returncode is not None:
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.send_meta({"type": "quit"}), grace)
        if not await _exits(process, grace):
            process.kill()
            await _exits(process, grace)

    async def halt(self, grace: float = QUIT_GRACE) -> None:
        """End the app, then let textual-serve tidy up (its stop waits for the app's output
        to end, which now it will). The session's handler and the shutdown both call it,
        maybe at once, and AppService.stop breaks if two calls overlap."""
        await self.end_app(grace)
        async with self._halting:
            await self.stop()
            process = self._process
            if process is not None and process.stdout is not None:
                # textual-serve stops reading once the browser is gone; what the app wrote
                # before it ended must still be read, or asyncio never closes its pipe.
                with contextlib.suppress(TimeoutError, OSError):
                    await asyncio.wait_for(process.stdout.read(), grace)

    async def shut_down(self) -> None:
        """End the app, tell the browser the server is going away (code 1001), and drop
        the connection. A browser that stopped reading (a sleeping laptop) leaves
        textual-serve blocked sending to it, for good: dropping the connection frees it."""
        await self.end_app()
        if self.websocket.prepared:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(
                    self.websocket.close(code=WSCloseCode.GOING_AWAY, message=b"stopped"),
                    CLOSE_TIMEOUT,
                )
        if self.transport is not None:
            self.transport.abort()
        await self.halt()


class GuardedServer(Server):
    """textual-serve's Server, refusing what a browser-reachable app launcher must refuse.

    The page (`/?token=...`) and the WebSocket (`/ws/TOKEN`: in the path because the page's
    script appends `?width=..&height=..` to the URL it is given) need the launch token; the
    WebSocket also needs a matching Origin and a free session slot. Refusals are short plain
    text with 403 (not allowed) or 503 (full, try later), sent before any process starts.
    """

    def __init__(
        self, command: str, *, host: str, port: int, token: str, max_sessions: int, access_log: bool
    ) -> None:
        super().__init__(command, host=host, port=port, title=TITLE)
        self.token = token
        self.max_sessions = max_sessions
        self.access_log = access_log
        self.sessions: set[Session] = set()
        self.stopping = False

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.router.add_get("/ws/{token}", self.handle_websocket, name="session")
        return app

    def initialize_logging(self) -> None:
        """textual-serve's console log, with a line per request only when asked for (as
        `guidebot api --access-log`): one plain line each, not Rich's wrapped to the
        terminal's width, and with the token cut out, since a log is read and kept by more
        people than the URL is meant for."""
        super().initialize_logging()

        def hide_token(record: logging.LogRecord) -> bool:
            # Formatted here, so that what a request sent (its path, its User-Agent) reaches
            # the terminal with its control characters shown as U+FFFD, never run.
            message = record.getMessage().replace(self.token, "TOKEN")
            record.msg, record.args = CONTROL.sub("\ufffd", message), None
            return True

        access = logging.getLogger("aiohttp.access")
        access.addFilter(hide_token)
        access.propagate = False
        if self.access_log:
            access.addHandler(logging.StreamHandler(sys.stdout))
        else:
            access.setLevel(logging.WARNING)

    async def on_startup(self, app: web.Application) -> None:
        """Quiet: guidebot prints its own line with the token URL; textual-serve's banner
        shows the app's shell command and a URL without the token."""

    def request_exit(self) -> None:
        """Stop on the first Ctrl+C; ignore more while the (bounded) shutdown runs, since
        one more would abandon it halfway and leave app processes behind."""
        if not self.stopping:
            self.stopping = True
            super().request_exit()

    async def on_shutdown(self, app: web.Application) -> None:
        """End every session at once, so Ctrl+C takes about QUIT_GRACE + CLOSE_TIMEOUT at
        most however many tabs are open (aiohttp would otherwise wait for them up to 60 s)."""
        self.stopping = True
        ending = await asyncio.gather(
            *(session.shut_down() for session in list(self.sessions)), return_exceptions=True
        )
        for error in ending:
            if isinstance(error, Exception):
                log.warning("guidebot: a session ended badly on shutdown: %s", error)

    def _require_token(self, given: str | None) -> None:
        if not token_matches(given, self.token):
            raise web.HTTPForbidden(
                text="guidebot: this address needs the token from the URL `guidebot serve` "
                "printed (?token=...).\n"
            )

    def live_sessions(self) -> int:
        """Sessions whose tab is still connected. One whose tab has gone is not counted even
        while its app finishes quitting (a second at most), so a reloaded tab gets back in."""
        return sum(1 for session in self.sessions if not session.websocket.closed)

    def _refuse_when_full(self) -> None:
        if self.stopping or self.live_sessions() >= self.max_sessions:
            raise web.HTTPServiceUnavailable(
                text=f"guidebot: all {self.max_sessions} sessions are in use; close another "
                "guidebot tab, then reload this page.\n",
                headers={hdrs.RETRY_AFTER: "10"},
            )

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """The page, addressed from the request's Host (never the bind address: 0.0.0.0
        is no address a browser can connect to) and carrying the token to its WebSocket."""
        self._require_token(request.query.get("token"))
        host = request.headers.get(hdrs.HOST, "")
        if not HOST.fullmatch(host):
            raise web.HTTPBadRequest(text="guidebot: the request has no usable Host header.\n")
        self._refuse_when_full()  # the page says why; the WebSocket could only fail
        context = {
            "font_size": clamp(request.query.get("fontsize"), *FONT_SIZES, 16),
            "app_websocket_url": f"{'wss' if request.secure else 'ws'}://{host}/ws/{self.token}",
            "config": {"static": {"url": "/static/"}},
            "application": {"name": self.title},
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        response.text = with_local_font(response.text or "", "/static/")
        response.headers["Referrer-Policy"] = "no-referrer"  # keeps the token off other sites
        response.headers[hdrs.CACHE_CONTROL] = "no-store"
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's session handler, with the checks first and the slot taken before
        the first await (so two upgrades at once cannot both get the last slot)."""
        if not origin_matches(request.headers.get(hdrs.ORIGIN), request.headers.get(hdrs.HOST)):
            raise web.HTTPForbidden(text="guidebot: sessions open only from guidebot's own page.\n")
        self._require_token(request.match_info.get("token") or request.query.get("token"))
        self._refuse_when_full()
        width, height = clamp_size(request.query.get("width"), request.query.get("height"))
        websocket = web.WebSocketResponse(heartbeat=15, timeout=CLOSE_TIMEOUT)
        session = Session(self.command, websocket, self.download_manager, self.debug)
        self.sessions.add(session)
        try:
            await websocket.prepare(request)
            session.transport = request.transport
            await session.start(width, height)
            await self._process_messages(websocket, session)
        except (web.HTTPException, asyncio.CancelledError):
            raise
        except Exception as error:  # a malformed message: end this session, keep serving
            log.warning("guidebot: closed a session: %r", error)
        finally:
            try:
                await session.halt()
                if websocket.prepared:
                    await websocket.close()  # no-op when the browser or the app closed it
            finally:
                self.sessions.discard(session)
        return websocket
