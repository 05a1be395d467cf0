"""The small-talk intents' example phrasings, indexed for SmalltalkMatcher: each example's
words and intent, and the two ways a message is found near one (in letters, in words)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from guidebot.dialogue.wording import ASKING, Speller, asks, negates, root
from guidebot.knowledge.model import SmalltalkIntent

MATCH_FLOOR = 85.0
# A message may differ from an example by one word per this many of the example's ("what do
# you cover" from "what do you do"); from an example of one or two words, by none.
WORDS_PER_EDIT = 3


class Examples:
    """Every intent's examples as `Speller.normal` reads them, numbered in intent order:
    `texts[n]`, its words in order (`sequences[n]`) and as a set (`words[n]`), the intent
    it belongs to (`intent(n)`), and each intent's words together (`intent_words`)."""

    def __init__(
        self, intents: Sequence[SmalltalkIntent], plain: Speller, floor: float = MATCH_FLOOR
    ) -> None:
        """`plain` reads the examples as written; `floor` is the letters' closeness (a
        rapidfuzz ratio, 0-100) from which a message is an example's."""
        self.intents = list(intents)
        self.texts = [plain.normal(e) for i in self.intents for e in i.examples]
        self.owner = [n for n, i in enumerate(self.intents) for _ in i.examples]
        self.sequences = [example.split() for example in self.texts]
        self.words = [frozenset(words) for words in self.sequences]
        self.intent_words: list[set[str]] = [set() for _ in self.intents]
        self._with_word: dict[str, list[int]] = {}
        for n, (owner, words) in enumerate(zip(self.owner, self.words, strict=True)):
            self.intent_words[owner].update(words)
            for word in words:
                self._with_word.setdefault(word, []).append(n)
        self._floor = floor

    def intent(self, example: int) -> SmalltalkIntent:
        return self.intents[self.owner[example]]

    def own_words(self, example: int) -> set[str]:
        """The words of every example of the example's intent."""
        return self.intent_words[self.owner[example]]

    def sharing(self, words: set[str]) -> list[int]:
        """The examples holding one of the words, in order."""
        return sorted({n for w in words for n in self._with_word.get(w, ())})

    def close(self, cleaned: str) -> tuple[str, float, int] | None:
        """(example, closeness, number) of the example closest in letters, from the floor."""
        # One word is matched exactly (after repair): "than" is as close to "thanx" as a
        # misspelling is, but it is a word of its own.
        floor = 100.0 if " " not in cleaned else self._floor
        return process.extractOne(cleaned, self.texts, scorer=fuzz.ratio, score_cutoff=floor)

    def near_in_words(self, cleaned: str) -> int | None:
        """The example the text is fewest words from (WORDS_PER_EDIT), when all its words are
        the intent's: "what are you able to help with" is "what are you able to do" in the
        words of "what can you help me with", though the guide uses "able" and "help"; "what
        can you get" asks about the guide. A text that asks is near only one that asks."""
        words, asking = cleaned.split(), asks(cleaned)
        shared = Counter(n for w in set(words) for n in self._with_word.get(w, ()))
        best: tuple[int, int] | None = None  # (words apart, example)
        for n, count in sorted(shared.items()):
            example = self.sequences[n]
            allowed = len(example) // WORDS_PER_EDIT
            if not allowed or count < len(example) - allowed or asking != (example[0] in ASKING):
                continue
            apart = Levenshtein.distance(words, example, score_cutoff=allowed)
            if apart <= allowed and (best is None or apart < best[0]):
                best = (apart, n)
        if best is None:
            return None
        found, own = best[1], self.own_words(best[1])
        brought = [w for w in words if w not in self.words[found]]
        return found if all(w in own for w in words) and not negates(brought) else None

    def brought(self, cleaned: str) -> list[str]:
        """The words a text (as Speller.normal gives it) brings to the example it is close
        to in letters, else in words: those whose root the example lacks; none when it is
        near no example."""
        close = self.close(cleaned)
        near = close[2] if close else self.near_in_words(cleaned)
        if near is None:
            return []
        roots = {root(w) for w in self.words[near]}
        return [w for w in cleaned.split() if root(w) not in roots]
