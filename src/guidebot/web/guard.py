"""The checks every request passes before the API reads it: the token, then the body size.

A plain ASGI middleware rather than a FastAPI dependency, because dependencies run after the
body has been read and parsed: a request without the token must get 401 whatever its body,
and a huge body must be refused before it is held in memory whole.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from guidebot.web.settings import Settings

OPEN_PATHS = frozenset({"/v1/health"})  # the only /v1 path a load balancer may probe freely


class Guard:
    """Answers 401 ({"error": ...}, WWW-Authenticate: Bearer) to a /v1 request without the
    token when one is set, 413 to a body over settings.max_body bytes (by its Content-Length,
    or counted as it arrives when chunked), 400 to a Content-Length that is no number; passes
    everything else on, with the body it read replayed to the app."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        path: str = scope["path"]
        if (
            self.settings.token is not None
            and path.startswith("/v1/")
            and path not in OPEN_PATHS
            and not self.settings.authorized(headers.get("authorization"))
        ):
            await _error(401, "this API needs `Authorization: Bearer <token>`", scope, send)
            return
        if scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = headers.get("content-length")
        if declared is not None:
            if not (declared.isascii() and declared.isdigit()):
                await _error(400, "Content-Length is not a number", scope, send)
                return
            if int(declared) > self.settings.max_body:
                await _error(413, self._too_large(), scope, send)
                return
        body = await self._read(receive)
        if body is None:
            await _error(413, self._too_large(), scope, send)
            return
        await self.app(scope, _replay(body, receive), send)

    async def _read(self, receive: Receive) -> bytes | None:
        """The whole body, or None as soon as it passes the limit (the rest is not read)."""
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.settings.max_body:
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)

    def _too_large(self) -> str:
        return f"the request body is larger than {self.settings.max_body // 1024} KB"


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive that gives the app the body already read, then whatever comes next (a
    disconnect)."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


async def _error(status: int, message: str, scope: Scope, send: Send) -> None:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    response = JSONResponse({"error": message}, status_code=status, headers=headers)

    async def nothing() -> Message:  # the body is never read: the response does not need it
        return {"type": "http.disconnect"}

    await response(scope, nothing, send)
