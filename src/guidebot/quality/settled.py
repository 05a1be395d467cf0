"""Logged questions the knowledge has settled since they were asked, which `guidebot gaps`
leaves out (unless --all): an FAQ entry now asked in their words (`filled_since`), or a
topic its scope.yaml now says the guides do not cover (`ruled_out`: "who won the football"
once "football" is listed), so that off-topic questions need not be listed for ever."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from guidebot.dialogue.scope import ScopeMatcher
from guidebot.knowledge.model import ScopeTopic
from guidebot.quality.gaps import wording_key
from guidebot.quality.log import FEEDBACK, LogRecord


def filled_since(
    records: Iterable[LogRecord], written: Mapping[str, Collection[str]]
) -> tuple[list[LogRecord], list[LogRecord]]:
    """(still open, filled): a record is filled when the FAQ of the folder it was asked of
    now has an entry asked in its words as groups compare them (wording_key; `written`:
    folder -> the questions and alternates of its entries, written.written_questions).
    Records naming no folder stay open."""
    keys = {name: {wording_key(text) for text in texts} for name, texts in written.items()}
    still: list[LogRecord] = []
    filled: list[LogRecord] = []
    for record in records:
        done = bool(record.knowledge) and wording_key(record.question) in keys.get(
            record.knowledge, ()
        )
        (filled if done else still).append(record)
    return still, filled


def ruled_out(
    records: Iterable[LogRecord], scopes: Mapping[str, tuple[ScopeTopic, ...]]
) -> tuple[list[LogRecord], list[LogRecord]]:
    """(still open, ruled out): a question (not feedback on an answer) is ruled out when the
    scope.yaml of the folder it was asked of names one of its topics (dialogue.scope;
    `scopes`: folder -> its topics, written.scope_topics). Records naming no folder stay
    open."""
    matchers = {name: ScopeMatcher(topics) for name, topics in scopes.items() if topics}
    still: list[LogRecord] = []
    out: list[LogRecord] = []
    for record in records:
        matcher = matchers.get(record.knowledge)
        asked = record.kind != FEEDBACK
        done = matcher is not None and asked and bool(matcher.match(record.question))
        (out if done else still).append(record)
    return still, out
