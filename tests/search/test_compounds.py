"""A term a passage holds only inside hyphenated compounds (search/compounds.py): no credit
for a question naming that piece alone."""

from __future__ import annotations

import numpy as np

from guidebot.bot import Bot
from guidebot.knowledge.passages import Passage
from guidebot.search.analysis import Analyzer
from guidebot.search.compounds import CompoundPieces, lower_pieces
from guidebot.search.highlights import PassageWords

WASTE = """
---
title: Waste Guide
---
This guide covers bins and recycling in the district.

## Reporting Fly-Tipping
Fly-tipping is illegal dumping. Report fly-tipping online with a photo; fly-tipping
reports are cleared within five working days.

## Recycling centres
Our recycling centres, which many people call the tip, take rubble, wood and garden waste.
"""


def _first(bot: Bot, question: str) -> str:
    best = bot.retriever.search(question).best
    assert best is not None
    return best.passage.section


def test_a_piece_of_a_compound_asked_alone_is_not_the_compound(make_knowledge):
    bot = Bot.load(make_knowledge({"guides/waste.md": WASTE}))
    assert _first(bot, "is the tip open on sunday") == "Recycling centres"
    result = bot.retriever.search("can i take rubble to the tip")
    fly = next(h for h in result.hits if h.passage.section == "Reporting Fly-Tipping")
    assert "tip" not in fly.matched
    for named in ("how do i report fly tipping", "who clears fly-tipping", "flytipping"):
        assert _first(bot, named) == "Reporting Fly-Tipping", named


def _pieces(*texts: str) -> CompoundPieces:
    passages = [
        Passage(f"g/{i}", "g", "G", "S", text, "S", "guide", "g.md", 1)
        for i, text in enumerate(texts)
    ]
    analyzer = Analyzer()
    return CompoundPieces(passages, analyzer, PassageWords(passages, analyzer))


def test_only_a_term_written_nowhere_else_in_the_passage_counts():
    pieces = _pieces("We offer part-time study.", "Part-time study takes time.")
    assert pieces.unasked(0, ["time", "part", "studi"], {"time"}) == ["time"]
    assert pieces.unasked(0, ["time", "part", "studi"], {"time", "part"}) == []
    assert pieces.unasked(1, ["time", "part"], {"study"}) == ["part"]


def test_a_partner_named_or_begun_keeps_the_credit():
    pieces = _pieces("We offer part-time study.")
    assert pieces.unasked(0, ["time"], {"time", "part"}) == []
    assert pieces.unasked(0, ["time"], {"time", "timers"}) == ["time"]
    assert pieces.unasked(0, ["part"], {"part", "timers"}) == []


def test_a_word_after_a_prefix_or_a_stop_word_keeps_its_sense():
    pieces = _pieces("No food after midnight before a post-op check.", "In-state fees are lower.")
    assert pieces.unasked(0, ["op", "post"], set()) == ["post"]
    assert pieces.unasked(1, ["state", "fee"], set()) == []


def test_a_compound_with_a_figure_is_not_read():
    assert _pieces("Our 24-hour line.").unasked(0, ["hour"], set()) == []


def test_the_credit_taken_is_the_term_s_bm25_score_in_the_pool_only():
    pieces = _pieces("fly-tipping", "the tip", "fly-tipping again")
    scores = np.array([3.0, 2.0, 1.0])
    credit = np.array([1.5, 1.0, 0.5])
    taken = lower_pieces(
        scores, 0.0, {"tip": 1.0}, {"tip"}, pieces, lambda w: (credit.copy(), 0.0), pool=2
    )
    assert taken == {0: ["tip"]}
    assert scores.tolist() == [1.5, 2.0, 1.0]
