"""The ASGI app behind `guidebot api`: the JSON API under /v1 and the chat page at /.

    POST /v1/ask       {"question", "conversation"?, "guide"?} -> 200 {"reply", "conversation"}
    POST /v1/feedback  {"question", "reply", "helpful", "comment"?} -> 204
    GET  /v1/guides    -> 200 {"guides": [{"slug", "title", "sections", "faqs"}],
                               "unlinked_faqs", "example"}
    GET  /v1/health    -> 200 {"status": "ok", "version"}

Every error is JSON {"error": message}: 400 a body that is not JSON (or a Content-Length that
is no number), 401 a missing or wrong token (when one is set), 404/405 no such endpoint, 413 a
body over 64 KB, 422 fields of the wrong type or size, a conversation state that is not one
this server gave out, an unknown guide or source id; 503 feedback that could not be written.
Nothing a client sends is meant to produce a 500.

The server keeps no per-visitor state; declines and low-confidence answers, and all feedback,
go to the log `guidebot gaps` reads (quality/gaps.py) unless GUIDEBOT_NO_LOG is set.
"""

from __future__ import annotations

import functools
import json
import logging
from collections import Counter
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException
from starlette.middleware.cors import CORSMiddleware

from guidebot.bot import Bot
from guidebot.knowledge.table import passage_column
from guidebot.locations import cache_dir
from guidebot.quality.log import record_feedback, record_unanswered
from guidebot.search.semantic.load import load_model
from guidebot.version import __version__
from guidebot.web import page
from guidebot.web.guard import Guard
from guidebot.web.schemas import (
    AskRequest,
    AskResponse,
    ErrorResponse,
    FeedbackError,
    FeedbackRequest,
    GuidesResponse,
    Health,
    judged_reply,
)
from guidebot.web.settings import Settings
from guidebot.web.state import StateError, parse_state

log = logging.getLogger("guidebot.api")
_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse, "description": text}
    for code, text in {
        400: "The body is not JSON.",
        401: "The token is missing or wrong.",
        413: "The body is over 64 KB.",
        422: "A field is missing, of the wrong type or size, or names nothing the guides have.",
    }.items()
}
_UNRECORDED = {"model": ErrorResponse, "description": "The log could not be written."}


class Problem(Exception):
    """A request the API refuses: status and message become {"error": message}."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def create_app(settings: Settings | None = None, bot: Bot | None = None) -> FastAPI:
    """The app for `settings` (default: from the environment, as each uvicorn worker does),
    answering with `bot` (default: loaded from settings.knowledge, the index from the cache).
    Raises KnowledgeError when the knowledge does not load, InputError when the model does
    not."""
    settings = settings or Settings.from_env()
    if bot is None:
        encoder = load_model(settings.model) if settings.model else None
        # A worker started after a broken edit answers as the command that started it does.
        bot = Bot.load(settings.knowledge, cache_dir=cache_dir(), encoder=encoder, last_good=True)
        if bot.problems is not None:  # the operator sees it in the server's log
            log.warning(
                "the knowledge has %d problem(s); answering from it as it last loaded cleanly",
                len(bot.problems.problems),
            )
    bot.warm()  # what a first turn loads, loaded before any visitor asks
    app = FastAPI(
        title="guidebot API",
        version=__version__,
        description="Answers questions about guides with cited passages. The conversation "
        "travels with the client: send back the `conversation` of the last response.",
        redoc_url=None,
    )
    app.router.route_class = _JsonRoute
    _add_routes(app, _Engine(bot))
    page.add_routes(app)
    _add_error_handlers(app)
    app.add_middleware(Guard, settings=settings)
    if settings.origins:  # added last, so outermost: preflights and 401s get its headers too
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
            max_age=600,
        )
    return app


class _JsonRequest(Request):
    """A request whose body, read as JSON, fails only as JSON does: json.loads also raises
    UnicodeDecodeError (bytes that are not UTF-8) and RecursionError (nesting deeper than
    Python's stack), which FastAPI answers with a vague 400 of its own ("There was an error
    parsing the body") rather than the JSON error every other bad body gets."""

    async def json(self) -> Any:
        try:
            return await super().json()
        except (UnicodeDecodeError, RecursionError) as error:
            raise json.JSONDecodeError(str(error)[:100], "", 0) from None


class _JsonRoute(APIRoute):
    """A route whose handler reads the request as a _JsonRequest."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handle = super().get_route_handler()

        async def handle_json(request: Request) -> Response:
            return await handle(_JsonRequest(request.scope, request.receive))

        return handle_json


class _Engine:
    """The bot and what requests are checked against, computed once per process."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        self.sections = bot.section_labels
        ids = passage_column(bot.passages, "id")
        self.section_of = dict(zip(ids, bot.passage_labels(), strict=True))  # as logs name them
        self.warned = False

    @functools.cached_property
    def guides(self) -> list[dict[str, Any]]:
        """GET /v1/guides, made on first request: counting sections decodes every guide's
        (a snapshot decodes them lazily), which a large library's start need not wait for.
        Two requests racing here compute the same list."""
        faqs = self._faqs_by_guide
        return [
            {
                "slug": g.slug,
                "title": g.title,
                "sections": len(g.sections),  # as check counts: the introduction is one
                "faqs": faqs[g.slug],
            }
            for g in self.bot.kb.guides
        ]

    @functools.cached_property
    def unlinked_faqs(self) -> int:
        """GET /v1/guides' count of FAQ entries linked to no guide, made on first request."""
        return self._faqs_by_guide[""]

    @functools.cached_property
    def _faqs_by_guide(self) -> Counter[str]:
        """How many FAQ entries each guide (slug) holds; "" for those linked to none."""
        return Counter(f.guide for f in self.bot.kb.faqs)

    def note(self, note: str | None) -> None:
        """Say once (on the server's stderr) that the log cannot be written; asking goes on."""
        if note and not self.warned:
            log.warning("guidebot: %s", note)
            self.warned = True


def _add_routes(app: FastAPI, engine: _Engine) -> None:
    # `async def` handlers that answer in the event loop: a turn takes well under a
    # millisecond, less than handing it to a thread would cost. With the semantic re-ranker
    # a turn takes about 9 ms, but onnxruntime already spreads it over both cores, so a
    # thread pool would add no throughput (more workers do: --workers).
    @app.post("/v1/ask", response_model=AskResponse, responses=_ERRORS)
    async def ask(body: AskRequest) -> Response:
        """Answer one turn; send the returned `conversation` back with the next question."""
        guides = (body.guide,) if body.guide else ()
        if body.guide and engine.bot.kb.guide(body.guide) is None:
            raise Problem(422, "guide: no such guide (see GET /v1/guides)")
        try:
            state = parse_state(body.conversation, engine.sections, engine.section_of)
        except StateError as error:
            raise Problem(422, str(error)) from None
        conversation = engine.bot.conversation(state, guides)
        reply = conversation.ask(body.question)
        engine.note(record_unanswered(reply, guides, knowledge=engine.bot.kb.root))
        return JSONResponse(
            {"reply": reply.to_dict(), "conversation": conversation.state.to_dict()}
        )

    @app.post("/v1/feedback", status_code=204, responses={**_ERRORS, 503: _UNRECORDED})
    async def feedback(body: FeedbackRequest) -> Response:
        """Record whether a reply helped, in the log `guidebot gaps` reads."""
        try:
            ids, confidence = judged_reply(body.reply)
        except FeedbackError as error:
            raise Problem(422, str(error)) from None
        unknown = [i for i in ids if i not in engine.section_of]
        if unknown:
            raise Problem(422, f"reply: no source with the id {unknown[0][:100]!r}")
        sections = list(dict.fromkeys(engine.section_of[i] for i in ids))
        note = record_feedback(
            body.question,
            body.helpful,
            ids,
            sections,
            body.comment or "",
            confidence,
            knowledge=engine.bot.kb.root,
        )
        if note:
            log.warning("guidebot: %s", note)
            raise Problem(503, "the feedback could not be recorded; please try again later")
        return Response(status_code=204)

    @app.get("/v1/guides", response_model=GuidesResponse, responses=_ERRORS)
    async def guides() -> Response:
        """The guides, with their slugs (for `guide`), titles and section and FAQ counts."""
        return JSONResponse(
            {
                "guides": engine.guides,
                "unlinked_faqs": engine.unlinked_faqs,
                "example": engine.bot.context.example,
            }
        )

    @app.get("/v1/health", response_model=Health)
    async def health() -> Response:
        """Whether the server answers; needs no token (for load balancers)."""
        return JSONResponse({"status": "ok", "version": __version__})


def _add_error_handlers(app: FastAPI) -> None:
    async def problem(request: Request, error: Exception) -> Response:
        assert isinstance(error, Problem)
        return JSONResponse({"error": error.message}, status_code=error.status)

    async def invalid(request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        errors = error.errors()
        if any(e.get("type") == "json_invalid" for e in errors):
            return JSONResponse({"error": "the request body is not valid JSON"}, status_code=400)
        return JSONResponse({"error": _describe(errors)}, status_code=422)

    async def http(request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        return JSONResponse(
            {"error": str(error.detail)}, status_code=error.status_code, headers=error.headers
        )

    async def crash(request: Request, error: Exception) -> Response:
        log.exception("guidebot: a request failed", exc_info=error)
        return JSONResponse({"error": "internal error"}, status_code=500)

    app.add_exception_handler(Problem, problem)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(HTTPException, http)
    app.add_exception_handler(Exception, crash)


def _describe(errors: Any) -> str:
    """pydantic's errors as one line ("question: String should have at most 2000
    characters"), without the input values they carry (they echo the request back)."""
    parts = []
    for e in list(errors)[:5]:
        where = ".".join(str(p) for p in e.get("loc", ())[1:]) or "body"
        message = str(e.get("msg", "invalid"))
        if e.get("type") == "model_attributes_type" or where == "body":
            message = "send a JSON object with Content-Type: application/json"
        parts.append(f"{where}: {message}")
    return "; ".join(parts)
