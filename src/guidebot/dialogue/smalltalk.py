"""Recognises greetings, thanks and questions about guidebot or the guide itself."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from rapidfuzz import fuzz, process

from guidebot.knowledge.model import KnowledgeBase, SmalltalkIntent
from guidebot.search.analysis import normalise

MATCH_FLOOR = 85.0
MAX_WORDS = 12  # longer is a question, whatever greeting or thanks it contains
_CLAUSE = re.compile(r"[,.!?;:]+")


class SmalltalkMatcher:
    """Matches a whole utterance against the example phrasings of each intent."""

    def __init__(
        self,
        kb: KnowledgeBase,
        topics: Sequence[str],
        respell: Callable[[str], str] = str,
        floor: float = MATCH_FLOOR,
    ) -> None:
        self._intents: list[SmalltalkIntent] = list(kb.smalltalk)
        self._respell = respell
        self._examples = [self._normal(e) for i in self._intents for e in i.examples]
        self._owner = [n for n, i in enumerate(self._intents) for _ in i.examples]
        self._words = [frozenset(example.split()) for example in self._examples]
        self._with_word: dict[str, list[int]] = {}
        for n, example_words in enumerate(self._words):
            for word in example_words:
                self._with_word.setdefault(word, []).append(n)
        self._fields = _fields(kb, topics)
        self._floor = floor

    def match(self, text: str, has_content: Callable[[str, str], bool]) -> tuple[str, str] | None:
        """(intent, reply) when text is small talk, else None.

        A close match of the whole utterance counts; so does an example contained in it
        ("thank you so much!") as long as the rest names nothing the knowledge is about
        besides the example's own words, which `has_content(rest, example)` judges: "hi,
        what's the salary?" is a question, not a greeting.
        """
        # "thx!! super helpful" is two pieces of small talk: each clause may match alone.
        clauses = [c for c in _CLAUSE.split(text) if _clean(c)]
        if len(clauses) > 1:
            matches = [self._match_whole(c, has_content) for c in clauses]
            if all(matches):
                return matches[0]
        return self._match_whole(text, has_content)

    def _match_whole(
        self, text: str, has_content: Callable[[str, str], bool]
    ) -> tuple[str, str] | None:
        cleaned = self._normal(text)
        if not cleaned or not self._examples or len(cleaned.split()) > MAX_WORDS:
            return None
        close = process.extractOne(
            cleaned, self._examples, scorer=fuzz.ratio, score_cutoff=self._floor
        )
        found = close[2] if close else self._containing(cleaned, has_content)
        if found is None:
            return None
        intent = self._intents[self._owner[found]]
        return intent.intent, _fill(intent.reply, self._fields)

    def _containing(self, cleaned: str, has_content: Callable[[str, str], bool]) -> int | None:
        """The number of the first example whose words all stand in the text, provided the
        words left once every contained example is taken out name nothing the knowledge is
        about (stems count as the same word): "thanks that helped a lot" holds "thanks a
        lot" and "that helped"; "bye, thanks for the help" holds "bye", "thanks" and "help";
        "help me, do i need to work" holds "help me" and "i need help" and still leaves
        "work", so it is a question. A text inside an example ("article" in "who wrote the
        article") is not."""
        said = set(cleaned.split())
        sharing = sorted({n for w in said for n in self._with_word.get(w, ())})
        contained = [n for n in sharing if self._words[n] <= said]
        if not contained:
            return None
        besides = " ".join(self._examples[n] for n in contained)
        if has_content(_rest(cleaned, besides), besides):
            return None
        return contained[0]

    def _normal(self, text: str) -> str:
        """Cleaned words, each respelt as `respell` says (the analyzer's one-word synonyms),
        so "are u a bot" meets the example "are you a bot" (synonyms.yaml has u/you)."""
        return " ".join(map(self._respell, _clean(text).split()))


def _rest(text: str, example: str) -> str:
    used = set(example.split())
    return " ".join(w for w in text.split() if w not in used)


def _clean(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", normalise(text).replace("'", "")))


def _fields(kb: KnowledgeBase, topics: Sequence[str]) -> dict[str, str]:
    first = kb.guides[0] if kb.guides else None
    titles = [g.title for g in kb.guides]
    return {
        "title": first.title if first else "the FAQ",
        "titles": "; ".join(titles) or "the FAQ",
        "author": (first.author if first else "") or "an unnamed author",
        "author_title": first.author_title if first else "",
        "edition": (first.edition if first else "") or "current",
        "topics": ", ".join(topics),
    }


def _fill(template: str, fields: dict[str, str]) -> str:
    """Fill {placeholders}; an unknown one is left as written rather than failing."""
    return re.sub(r"\{(\w+)\}", lambda m: fields.get(m.group(1), m.group(0)), template)
