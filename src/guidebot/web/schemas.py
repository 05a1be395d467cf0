"""The shapes of the API's requests and responses (pydantic models, shown at /docs).

Requests are strict: no field may be of another type (`"helpful": "yes"` is refused, not
read as true), unknown fields are refused, strings and lists have caps. A model that fails
becomes a 422 (a body that is not JSON at all, a 400) in app.py. Responses are built as plain
dicts for speed; their models are here for the documentation only.
"""

from __future__ import annotations

import math
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StrictStr
from pydantic_core import PydanticCustomError

from guidebot.dialogue.conversation import MAX_QUESTION
from guidebot.reply import KINDS

MAX_COMMENT = 2000
MAX_SLUG = 200
MAX_SOURCES = 20  # a reply cites top_k (3) passages; a client may send a few more ids
MAX_ID = 300


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


def _readable(question: str) -> str:
    """Refuse a question of nothing but spaces and control characters, as an empty one is
    refused: the bot drops those as it reads, so "   " would otherwise be answered as an
    empty message and logged as one. (A question of HTML alone, which also reads as empty,
    is answered: the person typed something, and is told to ask about the guide.)"""
    if not any(ch.isprintable() and not ch.isspace() for ch in question):
        raise PydanticCustomError(
            "string_too_short",
            "String should have at least 1 character other than spaces",
            {"min_length": 1},
        )
    return question


Question = Annotated[
    StrictStr, Field(min_length=1, max_length=MAX_QUESTION), AfterValidator(_readable)
]


class AskRequest(_Strict):
    question: Question
    conversation: dict[str, Any] | None = Field(
        default=None,
        description="The `conversation` object of the previous response, sent back unchanged "
        "(null or absent: a new conversation).",
    )
    guide: StrictStr | None = Field(
        default=None, max_length=MAX_SLUG, description="Answer from this guide slug only."
    )


class FeedbackRequest(_Strict):
    question: Question
    reply: dict[str, Any] | list[StrictStr] = Field(
        description="The reply judged, as /v1/ask returned it (its question, kind and sources "
        "at least; the log keeps the source its answer quoted), or the ids of the sources to "
        "log."
    )
    helpful: StrictBool
    comment: StrictStr | None = Field(default=None, max_length=MAX_COMMENT)


class Source(BaseModel):
    id: str
    guide: str
    section: str
    headings: list[str]
    question: str = Field(
        default="", description="An FAQ entry's own question; empty for a guide passage."
    )
    text: str
    score: float


class ComplaintModel(BaseModel):
    question: str = Field(description="The question the answer complained of answered, as read.")
    sources: list[str] = Field(description="The ids of the passages it answered from.")
    sections: list[str] = Field(description="Their section headings, once each.")
    confidence: float = Field(description="That answer's confidence, 0 to 1.")


class ReplyModel(BaseModel):
    question: str
    read_as: str = Field(
        default="",
        description="The message as read leaning on the turn before (a follow-up with the "
        "question it follows, a pick with the question asked back); empty when it stands alone.",
    )
    answer: str
    abstained: bool
    confidence: float
    kind: str = Field(description="answer, clarify, smalltalk or decline")
    sources: list[Source]
    notes: list[str]
    choices: list[str]
    suggestions: list[str]
    see_also: list[str]
    parts: list[ReplyModel] = Field(
        description="For a message asking several questions: the reply to each, in order "
        "(its sources numbered on from the part before, as in `sources`); else empty."
    )
    complaint: ComplaintModel | None = Field(
        default=None,
        description='For a complaint about the answer before ("that\'s wrong"): that '
        "answer's question, source ids and sections, logged as not helpful; else null.",
    )


class AskResponse(BaseModel):
    reply: ReplyModel
    conversation: dict[str, Any] = Field(description="Send this back with the next question.")


class Guide(BaseModel):
    slug: str
    title: str
    sections: int
    faqs: int


class GuidesResponse(BaseModel):
    guides: list[Guide]
    unlinked_faqs: int = Field(
        default=0,
        description="FAQ entries linked to no guide (no 'section'), which no guide counts.",
    )
    example: str = Field(
        default="", description="A question the knowledge answers (the page's placeholder)."
    )


class Health(BaseModel):
    status: str
    version: str


class ErrorResponse(BaseModel):
    error: str


class FeedbackError(ValueError):
    """The `reply` of a feedback request is neither a reply as /v1/ask returns it nor a list
    of ids."""


def _quoted(reply: dict[str, Any]) -> list[str]:
    """The ids of the sources an answer quoted (Reply.quoted): the first of the reply's, or
    of each answering part's; [] when the reply does not say (then every source counts)."""
    parts = reply.get("parts") or [reply]
    if not isinstance(parts, list):
        return []
    quoted = []
    for part in parts:
        if not isinstance(part, dict) or part.get("kind") != "answer":
            continue
        sources = part.get("sources")
        if isinstance(sources, list) and sources:
            first = sources[0]
            if isinstance(first, dict) and isinstance(first.get("id"), str):
                quoted.append(first["id"])
    return quoted


def _missing(reply: dict[str, Any]) -> list[str]:
    """What of a reply `reply` lacks, or has in another shape than /v1/ask gives it. Without
    this check `{"foo": 1}` was logged as a verdict on no question and no source, which
    `guidebot gaps` then listed as an answer that did not help."""
    missing = []
    question = reply.get("question")
    if not isinstance(question, str) or not question.strip():
        missing.append("its question (a string)")
    if reply.get("kind") not in KINDS:
        missing.append(f"its kind (one of {', '.join(KINDS)})")
    sources = reply.get("sources")
    if not isinstance(sources, list) or not all(
        isinstance(s, dict) and isinstance(s.get("id"), str) for s in sources
    ):
        missing.append("its sources (a list of sources, each with a string id)")
    return missing


_NO_REPLY = "reply must be a reply as /v1/ask returned it, or a list of source ids"


def judged_reply(reply: dict[str, Any] | list[str]) -> tuple[list[str], float]:
    """The source ids (in order, without repeats) and the confidence of the reply judged:
    for a reply object, those its answer quoted (the first source of it or of each part),
    for a list, the ids listed.

    A list is taken as the ids themselves (confidence 0), and must name one; a reply object
    must have what every reply /v1/ask returns has: its question, kind and sources (each
    with a string `id`; an answer has one at least). Raises FeedbackError otherwise."""
    if isinstance(reply, list):
        if not reply:
            raise FeedbackError(f"{_NO_REPLY}; this list names none")
        ids, confidence = reply, 0.0
    else:
        missing = _missing(reply)
        if missing:
            raise FeedbackError(f"{_NO_REPLY}; this one lacks {', '.join(missing)}")
        if reply["kind"] == "answer" and not reply["sources"]:
            raise FeedbackError(f"{_NO_REPLY}; this answer cites no source, as no answer does")
        ids = _quoted(reply) or [s["id"] for s in reply["sources"]]
        given = reply.get("confidence", 0.0)
        number = isinstance(given, int | float) and not isinstance(given, bool)
        confidence = float(given) if number and math.isfinite(given) else 0.0
    if len(ids) > MAX_SOURCES or any(len(i) > MAX_ID for i in ids):
        raise FeedbackError(f"reply names more than {MAX_SOURCES} sources, or too long an id")
    return list(dict.fromkeys(ids)), min(max(confidence, 0.0), 1.0)
