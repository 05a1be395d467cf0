"""Asking for a person ("can I speak to a human?"): guidebot cannot put anyone through, but
the knowledge usually says how to reach its owner. The passage that does answers, cited,
found as a question asking only for a way to reach someone is (search/contact.py: those
holding a phone number, an email address, a web page or a postal address lead)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from guidebot.dialogue.compose import answer_reply, smalltalk_reply
from guidebot.dialogue.context import TurnContext
from guidebot.reply import Reply
from guidebot.search.answertypes import held
from guidebot.search.contact import CONTACT

# Asks only for ways to reach someone, in REACH_WORDS alone (contact.contact_only).
_REACH = "what is your phone number or email address"
NOTE = "I can't put you through to a person myself; this is how to reach one."


def handoff_reply(
    context: TurnContext, question: str, fallback: str, guides: Sequence[str] = ()
) -> Reply:
    """The answer to a request for a person: the best passage giving a way to reach one,
    with NOTE, as sure as an answer in the question's own words (confidence 1.0); small
    talk saying `fallback` when no passage gives one. No topic is kept for follow-ups."""
    retriever = context.retriever
    result = retriever.search(_REACH, k=context.policy.top_k, guides=guides)
    best = result.best
    if best is None or not held(best.passage.text) & CONTACT:
        return smalltalk_reply(question, fallback)
    reply = answer_reply(question, result, result.hits, retriever, [NOTE], on_its_own=False)
    return replace(reply, confidence=1.0)
