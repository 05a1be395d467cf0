"""The conversation state a client sends back, checked before a conversation is resumed.

The state is `ConversationState.to_dict()` as the last reply gave it:

    {"topic_terms": {term: weight, ...}, "topic_question": str,
     "pending_question": str, "pending_choices": [section label, ...],
     "answered_question": str, "answered_sources": [passage id, ...],
     "answered_sections": [section heading, ...], "answered_confidence": 0-1,
     "base_question": str}

It comes from the client, so it is data anyone can write: `parse_state` accepts only that
shape, within the sizes a real conversation produces, and raises StateError (a message saying
which field is wrong) for anything else. The API turns that into a 422; nothing in it can
reach the engine as an unexpected type or make a turn slower than a question can.
"""

from __future__ import annotations

import math
from collections.abc import Collection

from guidebot.dialogue.clarify import MAX_CHOICES
from guidebot.dialogue.conversation import MAX_QUESTION
from guidebot.dialogue.state import ConversationState

MAX_TERMS = 50  # a turn keeps the terms of one question, and a follow-up adds the last turn's
MAX_TERM = 64  # characters of one analysed term (a stem); longer is no word of any guide
MAX_WEIGHT = 1.0  # weights are Policy.followup_weight (0.5) and its powers
MAX_HEADING = 500  # characters of one pending choice, a section label
# An answer of several parts (dialogue.split.MAX_PARTS, 3) cites top_k (3) passages each;
# room for a Policy with more.
MAX_SOURCES = 50
MAX_ID = 300  # characters of one passage id
FIELDS = frozenset(
    {
        "topic_terms",
        "topic_question",
        "pending_question",
        "pending_choices",
        "answered_question",
        "answered_sources",
        "answered_sections",
        "answered_confidence",
        "base_question",
    }
)


class StateError(ValueError):
    """The conversation object is not a state this server gave out; the message says why."""


def parse_state(
    data: object,
    sections: Collection[str] | None = None,
    ids: Collection[str] | None = None,
) -> ConversationState:
    """The ConversationState in `data` (None or {} is a new conversation).

    `sections`, when given, are the section labels a pending choice may name (headings,
    and knowledge.labels for one that two guides share; another can only be forged or
    stale); answered sections and sources (`ids`) the guides no longer have are dropped.
    Missing fields take their empty value; unknown fields, wrong types, non-finite or
    out-of-range weights and over-long strings or lists raise StateError.
    """
    if data is None:
        return ConversationState()
    if not isinstance(data, dict):
        raise StateError("conversation must be an object (the one the last reply returned)")
    unknown = sorted(str(k) for k in data if k not in FIELDS)
    if unknown:
        raise StateError(f"conversation has unknown fields: {', '.join(unknown)[:200]}")
    terms = _terms(data.get("topic_terms", {}))
    topic = _text(data.get("topic_question", ""), "topic_question", MAX_QUESTION)
    pending = _text(data.get("pending_question", ""), "pending_question", MAX_QUESTION)
    # Choices with no question are the topics a decline offered (picked by number only).
    choices = _choices(data.get("pending_choices", []), sections)
    answered = _text(data.get("answered_question", ""), "answered_question", MAX_QUESTION)
    sources = _names(data.get("answered_sources", []), "answered_sources", MAX_ID, None)
    headings = _names(data.get("answered_sections", []), "answered_sections", MAX_HEADING, None)
    if (sources or headings) and not answered:
        raise StateError("conversation.answered_sources and answered_sections need the question")
    confidence = _share(data.get("answered_confidence", 0.0), "answered_confidence")
    base = _text(data.get("base_question", ""), "base_question", MAX_QUESTION)
    # Only the log reads the answer just given, and a knowledge reload renames passages: a
    # source or section the guides no longer have is dropped, not a refused state.
    sources = [i for i in sources if ids is None or i in ids]
    headings = [h for h in headings if sections is None or h in sections]
    return ConversationState(
        terms, topic, pending, choices, answered, sources, headings, confidence, base
    )


def _share(value: object, name: str) -> float:
    # bool is an int to Python; NaN fails the comparison
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise StateError(f"conversation.{name} must be a number from 0 to 1")
    return float(value)


def _terms(value: object) -> dict[str, float]:
    if not isinstance(value, dict):
        raise StateError("conversation.topic_terms must be an object of term: weight")
    if len(value) > MAX_TERMS:
        raise StateError(f"conversation.topic_terms has more than {MAX_TERMS} terms")
    terms: dict[str, float] = {}
    for term, weight in value.items():
        if not isinstance(term, str) or not 0 < len(term) <= MAX_TERM:
            raise StateError(f"conversation.topic_terms: a term must be 1-{MAX_TERM} characters")
        # bool is an int to Python, and json.loads reads NaN and Infinity: refuse all three
        if isinstance(weight, bool) or not isinstance(weight, int | float):
            raise StateError("conversation.topic_terms: every weight must be a number")
        # compared before math.isfinite: a 400-digit integer overflows a float
        if not (0 <= weight <= MAX_WEIGHT and math.isfinite(weight)):
            raise StateError(f"conversation.topic_terms: weights lie between 0 and {MAX_WEIGHT:g}")
        terms[term] = float(weight)
    return terms


def _text(value: object, name: str, limit: int) -> str:
    if not isinstance(value, str):
        raise StateError(f"conversation.{name} must be a string")
    if len(value) > limit:
        raise StateError(f"conversation.{name} is longer than {limit} characters")
    return value


def _choices(value: object, sections: Collection[str] | None) -> list[str]:
    if isinstance(value, list) and len(value) > MAX_CHOICES:
        raise StateError(f"conversation.pending_choices has more than {MAX_CHOICES} choices")
    return _names(value, "pending_choices", MAX_HEADING, sections)


def _names(value: object, name: str, limit: int, known: Collection[str] | None) -> list[str]:
    """A list of section headings or passage ids, each one of `known` when that is given."""
    if not isinstance(value, list):
        raise StateError(f"conversation.{name} must be a list of strings")
    if len(value) > MAX_SOURCES:
        raise StateError(f"conversation.{name} has more than {MAX_SOURCES} items")
    names = [_text(c, name, limit) for c in value]
    if known is not None and any(c not in known for c in names):
        raise StateError(f"conversation.{name} names something the guides do not have")
    return names
