"""Question frames (search/frames.py): "long" in "how long" asks for a length of time."""

import dataclasses

import numpy as np

from guidebot import Bot
from guidebot.knowledge.passages import Passage
from guidebot.search.frames import FramedPassages, framed_words


def test_the_word_after_how_is_framed_only_in_a_frame():
    assert framed_words("how long do you keep footage".split()) == {"long"}
    assert framed_words("how often is it emptied".split()) == {"often"}
    assert framed_words("a long drive how far".split()) == set()  # not after "how"
    assert framed_words("how safe is it".split()) == set()  # "safe" is what is asked about
    assert framed_words("what time do you open".split()) == {"time"}
    assert framed_words("what times are you open".split()) == {"times"}
    assert framed_words("is story time free".split()) == set()  # "time" is the topic


def _passage(row: int, title: str, kind: str = "guide", question: str = "") -> Passage:
    return Passage(
        id=f"p{row}",
        guide="g",
        guide_title="G",
        section=title,
        text="",
        title=title,
        kind=kind,
        path="g.md",
        line=1,
        question=question,
    )


def test_passages_asked_in_a_frame_are_those_whose_wording_writes_it():
    passages = [
        _passage(0, "How long does a refund take?"),
        _passage(1, "Long-term storage"),
        _passage(2, "Refunds", "faq", "Can I get my money back?"),
        _passage(3, "Timing", "faq", "When do I get it?"),
    ]
    wording = (
        [2, 2, 3, 3],
        [
            "can i get my money back",
            "somehow longer",
            "when do i get it",
            "how long until i get it",
        ],
    )
    framed = FramedPassages(passages, wording)
    assert framed.asking("long").tolist() == [0, 3]
    assert framed.asking("often").tolist() == []
    scores = np.zeros(4)
    framed.restore({"long": ("long", 0.7)}, scores, lambda weights: (np.full(4, 2.5), 0.5))
    assert scores.tolist() == [2.0, 0.0, 0.0, 2.0]  # the term's part, less BM25+'s constant


STORAGE = """
---
title: Storage Guide
---
## Minimum let
The minimum let is one week, and you can stay as long as you like after that. Long lets
of a year or more get a discount.

## Access hours
Sites open from 6am to 10pm every day; your gate code works for as long as you rent.

## Security at our sites
Every site has CCTV on every corridor, recorded and kept for 30 days, and alarms on every
door.

## Insurance
Your goods must be insured. Our cover costs £2 a week for £1,000 of goods.

## Paying
Rent is taken every four weeks by card or Direct Debit. A key deposit is £10.
"""

TIMING = """
- question: How long does it take to get a key?
  answer: Keys are cut while you wait.
"""


def test_how_long_asks_for_a_time_not_about_anything_long(make_knowledge):
    """ "long" is said three times in the section on minimum lets, which led "how long do
    you keep cctv footage" over the one keeping CCTV for 30 days; an FAQ entry asked "how
    long" is still found by it."""
    bot = Bot.load(make_knowledge({"guides/storage.md": STORAGE, "faq/keys.yaml": TIMING}))
    reply = bot.ask("how long do you keep cctv footage")
    assert reply.kind == "answer"
    assert reply.sources[0].section == "Security at our sites"
    assert (
        bot.ask("how long till i get a key").sources[0].id
        == "faq/how-long-does-it-take-to-get-a-key"
    )


def test_passages_asked_in_the_frame_keep_its_full_weight(make_knowledge):
    """BM25 is linear in the query's weights: over a section matching only "key", the FAQ
    entry asked "how long" leads by as much as if the frame weighed in full, while the
    section saying "long" only as a word gains less on it."""
    bot = Bot.load(make_knowledge({"guides/storage.md": STORAGE, "faq/keys.yaml": TIMING}))
    policy = bot.policy
    whole = bot.with_policy(
        dataclasses.replace(
            policy, retrieval=dataclasses.replace(policy.retrieval, frame_weight=1.0)
        )
    )
    assert policy.retrieval.frame_weight < 1.0

    def over_paying(one: Bot, row: str) -> float:
        hits = one.retriever.search("how long till i get a key", k=9, boost=False).hits
        scores = {h.passage.id: h.score for h in hits}
        return scores[row] - scores["storage/paying/1"]

    entry = "faq/how-long-does-it-take-to-get-a-key"
    assert abs(over_paying(bot, entry) - over_paying(whole, entry)) < 1e-9
    assert over_paying(bot, "storage/minimum-let/1") < over_paying(whole, "storage/minimum-let/1")


LIBRARY = """
---
title: Library Guide
---
## Story time
Story time for under-fives is on Saturday mornings at Central, and on Tuesday afternoons in
Eastfield. It is free and needs no booking; bring a grown-up.

## Branches and opening hours
Central opens at 9am and closes at 7pm on weekdays, at 4pm on Saturdays. Eastfield opens
10am-6pm on weekdays and 10am-1pm on Saturdays. Both are shut on bank holidays.

## Joining
Anyone living, working or studying in the county can join for free.
"""


def test_what_time_asks_for_a_time_of_day_not_about_story_time(make_knowledge):
    """A heading that says "time" as its topic ("Story time") led "what time does central
    close on a saturday" over the branches' opening hours, as "long" in "how long" did."""
    bot = Bot.load(make_knowledge({"guides/library.md": LIBRARY}))
    hours = bot.ask("what time does central close on a saturday")
    assert hours.sources[0].section == "Branches and opening hours"
    for question in ("is story time free", "what time does story time start"):
        assert bot.ask(question).sources[0].section == "Story time", question
