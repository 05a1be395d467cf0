"""Suggested first questions for the welcome message, chosen from the knowledge and tried out."""

from __future__ import annotations

import threading
from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from guidebot.bot import Bot  # for the annotations only: the engine is not for start-up

MAX_LENGTH = 60
# Questions tried at most: each try is a whole answer, and in a library of thousands of
# sections whose questions rarely lead back to their own section, trying them all kept the
# welcome message waiting for many seconds (13 s at 100,000 passages).
MAX_TRIES = 40


def suggested_questions(bot: Bot, limit: int = 6, lock: threading.Lock | None = None) -> list[str]:
    """Up to `limit` short questions, one per section, each of which gets a real answer.

    FAQ questions come first (people wrote them for people), in the order of the guide's
    sections; the first FAQ entry of a section is its main one. Section headings phrased as
    questions fill in when the FAQ has too few. Each try holds `lock` (the chat's, when the
    bot is already answering in another thread) only for itself.
    """
    guard: AbstractContextManager[object] = lock or nullcontext()
    tries = 0

    def answers(question: str, section: str) -> bool:
        nonlocal tries
        tries += 1
        return tries <= MAX_TRIES and _answers(bot, question, section, guard)

    by_section: dict[str, list[str]] = {}
    for faq in bot.kb.faqs:
        by_section.setdefault(faq.section, []).append(faq.question)
    chosen: dict[str, str] = {}
    for section in [*bot.topics, *by_section]:
        if len(chosen) >= limit or section in chosen or tries >= MAX_TRIES:
            continue
        short = [q for q in by_section.get(section, ()) if len(q) <= MAX_LENGTH]
        question = next((q for q in short if answers(q, section)), None)
        if question:
            chosen[section] = question
    for section in bot.topics:
        if len(chosen) >= limit or tries >= MAX_TRIES:
            break
        if section not in chosen and len(section) <= MAX_LENGTH and answers(section, section):
            chosen[section] = section
    return list(chosen.values())


def _answers(bot: Bot, question: str, section: str, guard: AbstractContextManager[object]) -> bool:
    with guard:
        reply = bot.ask(question)
    return reply.kind == "answer" and bool(reply.sources) and reply.sources[0].section == section
