"""Recognises greetings, thanks and questions about guidebot or the guide itself.

Which intents a knowledge base has, and how their replies are filled, is smalltalk_intents.py.
Misspelt small talk ("thnaks", "hii", "tnx") is read against the examples' own words (see
`SmalltalkMatcher._normal`), and so are new wordings: a question about guidebot in the words of its examples ("what are you
able to help with"), thanks with a remark on the answer ("thx, that cleared things up").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Sequence

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Levenshtein

from guidebot.dialogue.smalltalk_intents import fields_of, fill, merged
from guidebot.knowledge.model import KnowledgeBase, SmalltalkIntent
from guidebot.search.analysis import normalise

MATCH_FLOOR = 85.0
MAX_WORDS = 12  # longer is a question, whatever greeting or thanks it contains
# A message may differ from an example by one word per this many of the example's ("what do
# you cover" from "what do you do"); from an example of one or two words, by none.
WORDS_PER_EDIT = 3
_CLAUSE = re.compile(r"[,.!?;:]+")
# Texting spellings of the small-talk examples' own words, for knowledge without synonyms
# saying so ("are u a bot", "what r u"): part of reading English, not of any one guide.
_TEXTING = {"u": "you", "ur": "your", "r": "are", "ya": "you", "pls": "please", "plz": "please"}
# A message that opens like this, or ends in "?", asks something: a statement such as "nice"
# or "ok" found inside it ("is the dean nice?") does not make it small talk.
_ASKING = frozenset(
    "is are am was were do does did can could will would should shall may might has have "
    "what who whom whose which when where why how".split()
)
# Words pointing back at the answer just given: a statement opening with one beside small
# talk ("thx a lot, that cleared things up") remarks on that answer, in words of its own.
_POINTING = frozenset("that thats this it its".split())
# The intents that respond to an answer, which such a remark goes with; not a greeting or a
# goodbye: "it was a pleasure talking to you, goodbye" is no remark on an answer.
_ON_AN_ANSWER = frozenset({"thanks", "acknowledge"})


class SmalltalkMatcher:
    """Matches a whole utterance against the example phrasings of each intent."""

    def __init__(
        self,
        kb: KnowledgeBase,
        topics: Sequence[str],
        respell: Callable[[str], str] = str,
        floor: float = MATCH_FLOOR,
        builtin: Sequence[SmalltalkIntent] = (),
        english: Container[str] = frozenset(),
    ) -> None:
        """`respell` maps a word to its canonical spelling (the analyzer's one-word synonyms);
        `builtin` intents join the knowledge's own (see `merged`); `english` is the word list
        of real words, which are never read as misspelt small talk."""
        self._intents: list[SmalltalkIntent] = merged(kb.smalltalk, builtin)
        self._respell = respell
        self._english = english
        self._vocabulary: list[str] = []
        self._examples = [self._normal(e) for i in self._intents for e in i.examples]
        self._vocabulary = sorted({w for e in self._examples for w in e.split()})
        self._owner = [n for n, i in enumerate(self._intents) for _ in i.examples]
        self._sequences = [example.split() for example in self._examples]
        self._words = [frozenset(words) for words in self._sequences]
        self._intent_words: list[set[str]] = [set() for _ in self._intents]
        for owner, words in zip(self._owner, self._sequences, strict=True):
            self._intent_words[owner].update(words)
        # All of small talk's words, as a text for `has_content` to excuse (stems count as
        # the same word: "answered" is excused by "answers").
        self._all_words = " ".join(self._vocabulary)
        self._with_word: dict[str, list[int]] = {}
        for n, example_words in enumerate(self._words):
            for word in example_words:
                self._with_word.setdefault(word, []).append(n)
        self._guides = {g.slug: g for g in kb.guides}
        self._fields = fields_of(kb.guides, topics)
        self._topics = topics
        self._floor = floor

    def match(
        self, text: str, has_content: Callable[[str, str], bool], guides: Sequence[str] = ()
    ) -> tuple[str, str] | None:
        """(intent, reply) when text is small talk, else None.

        A close match of the whole utterance counts, in letters or in words; so does an
        example contained in it ("thank you so much!") as long as the rest names nothing the
        knowledge is about besides the example's own words, which `has_content(rest,
        example)` judges: "hi, what's the salary?" is a question, not a greeting. The reply
        speaks of the one guide in `guides` (slugs the conversation is limited to), else of
        the first guide.
        """
        # "thx!! super helpful" is two pieces of small talk: each clause may match alone, or
        # remark on the answer beside one that does ("thx a lot, that cleared things up").
        # A remark is a statement: not in a message ending in "?", nor beside a clause that
        # asks something of its own ("thanks that helps, is it any good").
        asking = text.rstrip().endswith("?")
        clauses = [c for c in _CLAUSE.split(text) if _clean(c)]
        if len(clauses) > 1:
            said = [self._normal(c) for c in clauses]
            matches = [self._match_whole(c, has_content, guides) for c in said]
            answered = any(m and m[0] in _ON_AN_ANSWER for m in matches)
            if any(matches) and all(
                m or (answered and self._remarks(c, has_content))
                for m, c in zip(matches, said, strict=True)
            ):
                return next(m for m in matches if m)
            asking = asking or any(_asks(c) and not m for m, c in zip(matches, said, strict=True))
        return self._match_whole(self._normal(text), has_content, guides, remarks=not asking)

    def _fields_of(self, guides: Sequence[str]) -> dict[str, str]:
        chosen = self._guides.get(guides[0]) if len(guides) == 1 else None
        return fields_of((chosen,), self._topics) if chosen else self._fields

    def uses(self, word: str) -> bool:
        """Whether the word (lower case) is one of the small-talk examples' own words."""
        return word in self._vocabulary

    def _match_whole(
        self,
        cleaned: str,
        has_content: Callable[[str, str], bool],
        guides: Sequence[str] = (),
        remarks: bool = False,
    ) -> tuple[str, str] | None:
        """(intent, reply) for a text as `_normal` gives it, else None."""
        if not cleaned or not self._examples or len(cleaned.split()) > MAX_WORDS:
            return None
        # One word is matched exactly (after repair): "than" is as close to "thanx" as a
        # misspelling is, but it is a word of its own.
        floor = 100.0 if " " not in cleaned else self._floor
        close = process.extractOne(cleaned, self._examples, scorer=fuzz.ratio, score_cutoff=floor)
        # Close in letters is not the same: "who wrote this study" is near "who wrote this
        # guide", and its own word the knowledge is about makes it a question.
        rest = _rest(cleaned, close[0]) if close else ""
        if close and rest and has_content(rest, close[0]):
            close = None
        found = close[2] if close else self._near_in_words(cleaned)
        if found is None:
            found = self._containing(cleaned, has_content, remarks)
        if found is None:
            return None
        intent = self._intents[self._owner[found]]
        return intent.intent, fill(intent.reply, self._fields_of(guides))

    def _near_in_words(self, cleaned: str) -> int | None:
        """The example the text is fewest words from (WORDS_PER_EDIT), when all its words are
        the intent's: "what are you able to help with" is "what are you able to do" in the
        words of "what can you help me with", though the guide uses "able" and "help"; "what
        can you get" asks about the guide. A text that asks is near only one that asks."""
        said, asks = cleaned.split(), _asks(cleaned)
        shared: dict[int, int] = {}
        for word in set(said):
            for n in self._with_word.get(word, ()):
                shared[n] = shared.get(n, 0) + 1
        best: tuple[int, int] | None = None  # (words apart, example)
        for n, count in sorted(shared.items()):
            example = self._sequences[n]
            allowed = len(example) // WORDS_PER_EDIT
            if not allowed or count < len(example) - allowed or asks != (example[0] in _ASKING):
                continue
            apart = Levenshtein.distance(said, example, score_cutoff=allowed)
            if apart <= allowed and (best is None or apart < best[0]):
                best = (apart, n)
        if best is None:
            return None
        found = best[1]
        own = self._intent_words[self._owner[found]]
        return found if all(w in own for w in said) else None

    def _containing(
        self, cleaned: str, has_content: Callable[[str, str], bool], remarks: bool = False
    ) -> int | None:
        """The number of the first example whose words all stand in the text, provided the
        words left once every contained example is taken out name nothing the knowledge is
        about (stems count as the same word): "thanks that helped a lot" holds "thanks a
        lot" and "that helped"; "bye, thanks for the help" holds "bye", "thanks" and "help";
        "help me, do i need to work" holds "help me" and "i need help" and still leaves
        "work", so it is a question. A text inside an example ("article" in "who wrote the
        article") is not. With `remarks`, a remark on the answer may follow thanks or an
        acknowledgement in any of small talk's words (`_remark_at`): "cheers mate that
        answers it"."""
        said = set(cleaned.split())
        sharing = sorted({n for w in said for n in self._with_word.get(w, ())})
        contained = [n for n in sharing if self._words[n] <= said]
        if _asks(cleaned):
            contained = [n for n in contained if _asks(self._examples[n])]
        if not contained:
            return None
        besides = " ".join(self._examples[n] for n in contained)
        words = cleaned.split()
        answered = any(self._intents[self._owner[n]].intent in _ON_AN_ANSWER for n in contained)
        at = _remark_at(words) if remarks and answered else len(words)
        head, remark = " ".join(words[:at]), " ".join(words[at:])
        if has_content(_rest(head, besides), besides):
            return None
        if remark and has_content(remark, self._all_words):
            return None
        return contained[0]

    def _remarks(self, cleaned: str, has_content: Callable[[str, str], bool]) -> bool:
        """Whether a clause beside thanks remarks on the answer: it opens pointing back at
        it and names nothing the knowledge is about besides small talk's words (the thanks
        examples hold the usual ones), so "that cleared things up" does and "that salary
        seems low" does not."""
        words = cleaned.split()
        return bool(words) and _remark_at(words) == 0 and not has_content(cleaned, self._all_words)

    def _normal(self, text: str) -> str:
        """Cleaned words, each respelt as `respell` says (the analyzer's one-word synonyms),
        so "are u a bot" meets the example "are you a bot" (synonyms.yaml has u/you), and
        each misspelt one read as the example word it is closest to (`_repaired`)."""
        return " ".join(
            self._repaired(self._respell(_TEXTING.get(w, w))) for w in _clean(text).split()
        )

    def _repaired(self, word: str) -> str:
        """An unknown word read as the one small-talk word it is close to: the same with
        repeated letters run together ("hii", "thankss"), or one edit away (OSA: "thnaks",
        "tnx"), two for words of five letters or more ("thanx"). Real English words and
        words of the examples stay as they are."""
        vocabulary = self._vocabulary
        if len(word) < 3 or not vocabulary or word in self._english or word in vocabulary:
            return word
        squeezed = re.sub(r"(.)\1+", r"\1", word)
        if squeezed in vocabulary:
            return squeezed
        allowed = 2 if len(word) >= 5 else 1
        close = process.extract(word, vocabulary, scorer=OSA.distance, score_cutoff=allowed)
        if not close:
            return word
        nearest = min(distance for _, distance, _ in close)
        # Among equally near words, the one sharing most letters in order ("helo": "hello"
        # rather than "help"); still a tie, no guess.
        ranked = sorted(
            ((fuzz.ratio(word, w), w) for w, distance, _ in close if distance == nearest),
            reverse=True,
        )
        if len(ranked) > 1 and ranked[1][0] == ranked[0][0]:
            return word
        return ranked[0][1]


def _asks(text: str) -> bool:
    words = text.split()
    return bool(words) and words[0] in _ASKING


def _remark_at(words: Sequence[str]) -> int:
    """Where a remark on the answer begins: the first word pointing back at it, unless a
    word that asks comes before ("thanks, is it any good" asks); else past the end."""
    for at, word in enumerate(words):
        if word in _ASKING:
            break
        if word in _POINTING:
            return at
    return len(words)


def _rest(text: str, example: str) -> str:
    used = set(example.split())
    return " ".join(w for w in text.split() if w not in used)


def _clean(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", normalise(text).replace("'", "")))
