"""Logged questions the knowledge has settled since (quality/settled.py)."""

from __future__ import annotations

from dataclasses import replace

from guidebot.knowledge.model import ScopeTopic
from guidebot.quality.log import FEEDBACK, LogRecord
from guidebot.quality.settled import ruled_out

SPORT = (ScopeTopic("sport", ("football", "world cup")),)


def _record(question: str, kind: str = "decline", knowledge: str = "kb") -> LogRecord:
    return replace(LogRecord("2026-12-05T10:00:00+00:00", question, kind, 0.0), knowledge=knowledge)


def test_a_question_on_a_topic_scope_rules_out_is_settled():
    football = _record("who won the football last night")
    cup = _record("when is the World Cup final?")
    open_ = _record("do you sell goggles")
    assert ruled_out([football, cup, open_], {"kb": SPORT}) == ([open_], [football, cup])


def test_feedback_and_other_folders_stay_open():
    feedback = _record("the football answer was wrong", kind=FEEDBACK)
    elsewhere = _record("who won the football", knowledge="other")
    nowhere = _record("who won the football", knowledge="")
    records = [feedback, elsewhere, nowhere]
    assert ruled_out(records, {"kb": SPORT, "other": ()}) == (records, [])
