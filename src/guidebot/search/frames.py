"""Question frames: "how long", "how often", "how soon", "what time". The word after "how"
asks for a length of time or a frequency (answertypes.Kind.DURATION), not about anything
long, and "time" after "what" for a time of day (Kind.CLOCK), not about "Story time" or
"time off"; so it weighs RetrievalConfig.frame_weight in the query (queryterms.py); the
passages asked in that very frame, an FAQ entry's "How long does a refund take?" or a
heading "How often are bins emptied?", are scored by it in full, since there the frame is
the wording people ask with (an intent of CLINC150 is "how long will it take to drive to
X")."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np

from guidebot.knowledge.passages import Passage
from guidebot.knowledge.table import passage_column
from guidebot.search.analysis import words

# The words that make a frame, each with the word it follows.
FRAMES = {"long": "how", "often": "how", "soon": "how", "time": "what", "times": "what"}


def framed_words(surface: Sequence[str]) -> set[str]:
    """The question's words (as read, typos repaired) that stand in a frame: "long" in
    "how long does it take", "time" in "what time do you open"."""
    pairs = zip(surface, surface[1:], strict=False)  # each word and the one after it
    return {word for before, word in pairs if FRAMES.get(word) == before}


class FramedPassages:
    """Which passages ask in each frame, found the first time a question uses it."""

    def __init__(self, passages: Sequence[Passage], faq_wording: tuple[list[int], list[str]]):
        """`faq_wording`: (passage row, plain text) of every FAQ question and alternate, as
        FaqMatcher holds them; guide passages are read by their headings."""
        self._passages = passages
        self._faq_rows, self._faq_texts = faq_wording
        self._rows: dict[str, np.ndarray] = {}

    def asking(self, word: str) -> np.ndarray:
        """int64 rows of the passages whose question, an alternate or heading writes `word`
        in its frame ("how long", "what time")."""
        found = self._rows.get(word)
        if found is None:
            rows = {
                row
                for row, text in zip(self._faq_rows, self._faq_texts, strict=True)
                if f" {FRAMES[word]} {word} " in f" {text} "
            }
            titles = passage_column(self._passages, "title")
            rows.update(
                row
                for row, title in enumerate(titles)
                if word in title.lower() and word in framed_words(words(title))
            )
            found = self._rows[word] = np.array(sorted(rows), dtype=np.int64)
        return found

    def restore(
        self,
        held: Mapping[str, tuple[str, float]],
        scores: np.ndarray,
        score: Callable[[Mapping[str, float]], tuple[np.ndarray, float]],
    ) -> None:
        """Add back, in place, to the passages asked in a frame, the weight of its term held
        back from the query: `held` maps each framed term to (its word, the weight held
        back); `score` is Retriever.score, `scores` float64 [passages]."""
        for term, (word, weight) in held.items():
            rows = self.asking(word)
            if len(rows) and weight > 0:
                part, baseline = score({term: weight})
                scores[rows] += part[rows] - baseline
