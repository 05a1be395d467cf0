"""The words beside a question about live information (the weather, departures) that say
where or when it is wanted rather than what about: "what's the weather like in wexbridge
this weekend" asks about the weather at a shop in Wexbridge open at the weekend."""

from __future__ import annotations

from collections.abc import Collection
from functools import cache, partial

from guidebot.dialogue.smalltalk_intents import LIVE
from guidebot.knowledge.model import KnowledgeBase
from guidebot.knowledge.names import capitalised_names

# Words saying when, though a knowledge base may use them: "what's the weather doing this
# weekend" at a bike hire open at the weekend, "what time is the next train" at a hotel
# with a section on departure times, "whats the weather like there in may" at a cottage
# agency whose guide says "you may". (The days of the week are its names.)
WHEN = frozenset(
    "now today tonight tomorrow later next last coming day days week weekend morning"
    " afternoon evening night time times spring summer autumn winter january february"
    " march april may june july august september october november december".split()
)


class WhereOrWhen:
    """Tells the words that say where or when: the names the knowledge uses
    (knowledge.names, read the first time they are needed) and those of WHEN."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._names = cache(partial(capitalised_names, kb))

    def __call__(self, word: str) -> bool:
        """Whether a lower-case word says where or when."""
        return word in WHEN or word in self._names()

    def without(self, text: str) -> str:
        """The text's words (lower-case, space-separated) less those saying where or when."""
        return " ".join(w for w in text.split() if not self(w))

    def beside(self, rest: str, intents: Collection[str]) -> str:
        """The rest of a text beside examples of small talk (their `intents`), less the
        words saying where or when if every one is of live information, else all of it:
        "in wexbridge this weekend" beside "what's the weather like" at a shop in Wexbridge
        says nothing the question is about."""
        return self.without(rest) if intents and all(i == LIVE for i in intents) else rest
