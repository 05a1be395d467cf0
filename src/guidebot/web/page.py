"""The chat page at / and its script and style, package data read once per process.

The page is static: all it knows comes from /v1 at run time, and its script puts every piece
of text on the page as text (never as HTML). The Content-Security-Policy says the same to the
browser: scripts and styles from this server only, no inline script, no other site to talk to.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from importlib import resources

from fastapi import FastAPI
from fastapi.responses import Response

FILES = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/static/chat.js": ("chat.js", "text/javascript; charset=utf-8"),
    "/static/chat.css": ("chat.css", "text/css; charset=utf-8"),
}
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; "
    "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",  # the page's URL may carry the token in its fragment
    "Cache-Control": "no-cache",
}


def add_routes(app: FastAPI) -> None:
    """GET / (the page), /static/chat.js and /static/chat.css; not in the API's docs."""
    static = resources.files("guidebot.web") / "static"
    for path, (name, kind) in FILES.items():
        content = (static / name).read_bytes()
        app.add_api_route(
            path, _serve(content, kind), methods=["GET", "HEAD"], include_in_schema=False
        )


def _serve(content: bytes, kind: str) -> Callable[[], Awaitable[Response]]:
    async def serve() -> Response:
        return Response(content, media_type=kind, headers=HEADERS)

    return serve
