"""A term a passage holds only inside hyphenated compounds (search/compounds.py): no credit
for a question naming that piece alone."""

from __future__ import annotations

import numpy as np

from guidebot.bot import Bot
from guidebot.knowledge.passages import Passage
from guidebot.search.analysis import Analyzer
from guidebot.search.compounds import CompoundPieces
from guidebot.search.highlights import PassageWords

WASTE = """
---
title: Waste Guide
---
This guide covers bins and recycling in the district.

## Reporting Fly-Tipping
Fly-tipping is illegal dumping. Report fly-tipping online with a photo; fly-tipping
reports are cleared within five working days; the form is open all week.

## Recycling centres
Our recycling centres, which many people call the tip, take rubble, wood and garden waste,
and are open every day.
"""


def _first(bot: Bot, question: str) -> str:
    best = bot.retriever.search(question).best
    assert best is not None
    return best.passage.section


def test_a_last_word_of_a_compound_asked_alone_is_not_the_compound(make_knowledge):
    bot = Bot.load(make_knowledge({"guides/waste.md": WASTE}))
    assert _first(bot, "is the tip open on sunday") == "Recycling centres"
    result = bot.retriever.search("is the tip open on sunday", k=10)
    fly = next(h for h in result.hits if h.passage.section == "Reporting Fly-Tipping")
    assert "tip" not in fly.matched and fly.apart == ("tip",)
    assert bot.retriever.coverage_of("is the tip open on sunday", fly)[1] == {"tip"}
    for named in ("how do i report fly tipping", "who clears fly-tipping", "flytipping"):
        assert _first(bot, named) == "Reporting Fly-Tipping", named


SHOP = """
- question: How do I pay at the cafe?
  answer: The cafe is card-only; we take no cash.
- question: What do you serve for lunch?
  answer: Soup, sandwiches and gluten-free cakes.
- question: Where is the car park?
  answer: Behind the hall. Parking is free for visitors.
"""


def test_the_words_before_the_last_keep_their_sense(make_knowledge):
    bot = Bot.load(make_knowledge({"faq/shop.yaml": SHOP}))
    paying = bot.ask("can i pay by card")
    assert paying.kind == "answer" and paying.sources[0].id == "faq/how-do-i-pay-at-the-cafe"
    assert bot.ask("is parking free").sources[0].id == "faq/where-is-the-car-park"
    gluten = bot.retriever.search("anything with gluten").best
    assert gluten is not None and "gluten" in gluten.matched


def _pieces(*texts: str, pool: int = 2) -> CompoundPieces:
    passages = [
        Passage(f"g/{i}", "g", "G", "S", text, "S", "guide", "g.md", 1)
        for i, text in enumerate(texts)
    ]
    analyzer = Analyzer()
    return CompoundPieces(passages, analyzer, PassageWords(passages, analyzer), pool)


def test_only_the_last_word_and_only_where_the_passage_writes_it_nowhere_else():
    pieces = _pieces("We offer part-time study.", "Part-time study takes time.")
    assert pieces.unasked(0, ["time", "part", "studi"], {"time"}) == ["time"]
    assert pieces.unasked(0, ["time", "part", "studi"], {"time", "part"}) == []
    assert pieces.unasked(1, ["time", "part"], {"study"}) == []


def test_a_partner_named_as_it_is_or_inflected_keeps_the_credit():
    pieces = _pieces("Our jackets are water-proof.")
    assert pieces.unasked(0, ["proof"], {"proof", "water"}) == []
    assert pieces.unasked(0, ["proof"], {"proof", "waters"}) == []
    assert pieces.unasked(0, ["proof"], {"proof", "watery"}) == ["proof"]


def test_a_word_after_a_prefix_or_a_stop_word_keeps_its_sense():
    pieces = _pieces("No food before a post-op check.", "In-state fees are lower.")
    assert pieces.unasked(0, ["op", "post"], set()) == []
    assert pieces.unasked(1, ["state", "fee"], set()) == []


def test_a_compound_with_a_figure_is_not_read():
    assert _pieces("Our 24-hour line.").unasked(0, ["hour"], set()) == []
    assert _pieces("Free two-hour parking.").unasked(0, ["hour"], set()) == []


def _credit(values):
    return lambda weights: (np.array(values), 0.0)


def test_the_credit_is_taken_in_the_pool_read_again_as_passages_fall():
    pieces = _pieces("fly-tipping", "the tip", "fly-tipping again")
    scores = np.array([3.0, 2.0, 1.9])
    taken = pieces.lower(scores, 0.0, {"tip": 1.0}, {"tip"}, _credit([1.5, 1.0, 0.5]))
    assert taken == {0: ("tip",), 2: ("tip",)}
    assert scores.tolist() == [1.5, 2.0, 1.4]


def test_a_term_naming_the_passage_s_guide_keeps_its_credit():
    pieces = _pieces("fly-tipping")
    scores = np.array([3.0])
    naming = lambda terms, row: ["tip"]  # noqa: E731
    lowered = pieces.lower(scores, 0.0, {"tip": 1.0}, {"tip"}, _credit([1.5]), naming)
    assert lowered == {} and scores.tolist() == [3.0]
