"""What a server process needs to know, read from environment variables.

`guidebot api` checks its options, then sets these variables before uvicorn starts, so every
worker process (uvicorn starts them afresh and calls `create_app()` in each) builds the same
app: GUIDEBOT_KNOWLEDGE (the knowledge directory, as everywhere in guidebot),
GUIDEBOT_API_TOKEN (the bearer token; unset or empty: none), GUIDEBOT_API_ORIGINS (the
origins CORS allows, separated by spaces; unset: none) and GUIDEBOT_MODEL (the model
directory the main process chose, which `guidebot api` always sets; unset, as when uvicorn
runs create_app itself: the built-in word vectors; GUIDEBOT_SEMANTIC=0: none, words alone).
"""

from __future__ import annotations

import hmac
import os
from dataclasses import dataclass
from pathlib import Path

from guidebot.locations import knowledge_dir
from guidebot.search.semantic.model_dir import builtin_dir, named_model, semantic_switched_off

ENV_TOKEN = "GUIDEBOT_API_TOKEN"
ENV_ORIGINS = "GUIDEBOT_API_ORIGINS"
ENV_MODEL = "GUIDEBOT_MODEL"
MAX_BODY = 64 * 1024  # bytes of one request body: a question, a state and a reply fit in 16 KB


@dataclass(frozen=True)
class Settings:
    """knowledge: the directory to answer from; token: required as `Authorization: Bearer
    TOKEN` on every /v1 endpoint but health when set; origins: the web sites whose pages may
    call the API from a browser (CORS), none by default."""

    knowledge: Path
    token: str | None = None
    origins: tuple[str, ...] = ()
    max_body: int = MAX_BODY
    model: Path | None = None  # the model directory that reads meaning; None: words alone

    @classmethod
    def from_env(cls) -> Settings:
        token = os.environ.get(ENV_TOKEN, "").strip() or None
        origins = tuple(os.environ.get(ENV_ORIGINS, "").split())
        named = os.environ.get(ENV_MODEL, "").strip()
        model = None
        if not semantic_switched_off(os.environ):
            model = named_model(named) if named else builtin_dir()
        return cls(knowledge_dir(), token, origins, model=model)

    def authorized(self, header: str | None) -> bool:
        """Whether an Authorization header value carries the token (always, without one).

        Compared in constant time, as bytes: compare_digest refuses str that is not ASCII,
        and the header is whatever the request carried."""
        if self.token is None:
            return True
        scheme, _, given = (header or "").partition(" ")
        if scheme.lower() != "bearer":
            return False
        return hmac.compare_digest(given.strip().encode(), self.token.encode())
