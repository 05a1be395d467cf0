"""Asking for a person ("can I speak to a human?"): guidebot cannot put anyone through, but
the knowledge usually says how to reach its owner. The first passage giving a full phone
number or an email address answers, cited, found as a question asking only for a way to
reach someone is (search/contact.py: those giving the most ways lead); not one giving only
a short line ("call 999", "NHS 111"), which is for something else than talking to staff."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from guidebot.dialogue.compose import answer_reply, smalltalk_reply
from guidebot.dialogue.context import TurnContext
from guidebot.dialogue.smalltalk_intents import HANDOFF
from guidebot.dialogue.uncovered import lead_with
from guidebot.reply import Reply
from guidebot.search.phones import EMAIL, PHONE, is_phone

# Asks only for ways to reach someone, in REACH_WORDS alone (contact.contact_only).
_REACH = "what is your phone number or email address"
NOTE = "I can't put you through to a person myself; this is how to reach one."


def handoff_reply(
    context: TurnContext, question: str, fallback: str, guides: Sequence[str] = ()
) -> Reply:
    """The answer to a request for a person: the first passage giving a way to reach one
    (reaches), with NOTE, as sure as an answer in the question's own words (confidence
    1.0); small talk saying `fallback` when none does, or when the knowledge words its own
    reply to such a request (smalltalk.yaml's intent `handoff`): its owner chose what to
    say. No topic is kept for follow-ups."""
    if HANDOFF in context.smalltalk.owned:
        return smalltalk_reply(question, fallback)
    retriever = context.retriever
    result = retriever.search(_REACH, k=context.policy.top_k, guides=guides)
    hit = next((h for h in result.hits if reaches(h.passage.text)), None)
    if hit is None:
        return smalltalk_reply(question, fallback)
    if hit is not result.best:
        result = lead_with(retriever, _REACH, result, hit)
    reply = answer_reply(question, result, result.hits, retriever, [NOTE], on_its_own=False)
    return replace(reply, confidence=1.0)


def reaches(text: str) -> bool:
    """Whether the text gives an email address or a full phone number (search.phones), not
    only a short line."""
    return bool(EMAIL.search(text)) or any(is_phone(m.group()) for m in PHONE.finditer(text))
