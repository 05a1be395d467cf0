"""Recognises greetings, thanks and questions about guidebot or the guide itself.

Which intents a knowledge base has, and how their replies are filled, is smalltalk_intents.py.
Misspelt small talk ("thnaks", "hii", "tnx") is read against the examples' own words (see
`SmalltalkMatcher._normal`), and so are new wordings: a question about guidebot in the
words of its examples ("what are you able to help with"), thanks with a remark on the
answer ("thx, that cleared things up").
"""

from __future__ import annotations

import re
from collections import Counter
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
# Words pointing back at the answer just given: a statement opening with one beside small
# talk ("thx a lot, that cleared things up") remarks on that answer, in words of its own.
_POINTING = frozenset("that thats this it its".split())
# An auxiliary before its subject opens a question, mid-message too: "that helps is it any
# good", "that was useful do i need to work"; not "that is all", after its subject.
_AUXILIARIES = frozenset("is are am was were do does did can could will would shall should".split())
_SUBJECTS = _POINTING | set("i you he she we they there these those the a an my your our".split())
# A message that opens like this, or ends in "?", asks something: a statement such as "nice"
# or "ok" found inside it ("is the dean nice?") does not make it small talk.
_ASKING = _AUXILIARIES | set(
    "may might has have what who whom whose which when where why how".split()
)
# The intents that respond to an answer, which such a remark goes with, in their examples'
# words only; not a greeting or a goodbye: "it was a pleasure talking to you, goodbye" is
# no remark on an answer.
_ON_AN_ANSWER = frozenset({"thanks", "acknowledge"})
# English negations (apostrophes dropped), never read as misspelt small talk ("doesnt" is
# not "does"): a remark that negates is a complaint ("thanks, that's not clear"), and a
# message that negates an example ("that didn't answer my question") is not that example.
_NEGATIONS = frozenset(
    "not no never cannot dont doesnt didnt isnt arent wasnt werent cant couldnt wont wouldnt "
    "shouldnt hasnt havent hadnt aint".split()
)


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
        self._with_word: dict[str, list[int]] = {}
        for n, (owner, words) in enumerate(zip(self._owner, self._words, strict=True)):
            self._intent_words[owner].update(words)
            for word in words:
                self._with_word.setdefault(word, []).append(n)
        # The words a remark on the answer may use, for `has_content` to excuse (stems count:
        # "answered" is excused by "answers"): never another intent's ("year", "work").
        on_an_answer = [n for n, i in enumerate(self._intents) if i.intent in _ON_AN_ANSWER]
        self._remark_words = " ".join(" ".join(self._intent_words[n]) for n in on_an_answer)
        self._guides = {g.slug: g for g in kb.guides}
        self._fields = fields_of(kb.guides, topics)
        self._topics = topics
        self._floor = floor

    def match(
        self, text: str, has_content: Callable[[str, str], bool], guides: Sequence[str] = ()
    ) -> tuple[str, str] | None:
        """(intent, reply) when text is small talk, else None: close to an example in letters
        or in words, or holding examples ("thank you so much!") whose rest names nothing the
        knowledge is about besides their words, as `has_content(rest, example)` judges ("hi,
        what's the salary?" is a question). The reply speaks of the one guide in `guides`
        (slugs the conversation is limited to), else of the first guide."""
        # "thx!! super helpful" is two pieces of small talk: each clause may match alone, or
        # remark on the answer beside one that does ("thx a lot, that cleared things up").
        clauses = [self._normal(c) for c in _CLAUSE.split(text) if _clean(c)]
        clauses = clauses if len(clauses) > 1 else []  # one is the whole text, matched below
        found = [self._match_whole(c, has_content, guides) for c in clauses]
        answered = any(m and m[0] in _ON_AN_ANSWER for m in found)
        if answered and any(_remark_at(c.split()) is None for c in clauses):
            return None  # a complaint: "thanks, it didn't help"
        # A remark points back at the answer, naming nothing the knowledge is about but the
        # examples' words on an answer: "that cleared things up", not "that takes a year".
        if any(found) and all(
            m
            or (answered and _remark_at(c.split()) == 0 and not has_content(c, self._remark_words))
            for m, c in zip(found, clauses, strict=True)
        ):
            return next(m for m in found if m)
        # A remark is a statement: not in a message ending in "?", nor beside a clause that
        # asks something of its own ("thanks that helps, is it any good").
        asking = text.rstrip().endswith("?") or any(
            _asks(c) and not m for m, c in zip(found, clauses, strict=True)
        )
        return self._match_whole(self._normal(text), has_content, guides, remarks=not asking)

    def new_words(self, text: str) -> list[str]:
        """The words each clause brings to the example it is close to in letters, else in
        words (`_near_in_words`): "cover" in "what do you cover", near "what do you do".
        TurnContext.faq_asks lets the knowledge answer when they are what it asks about."""
        brought: list[str] = []
        for cleaned in filter(None, map(self._normal, _CLAUSE.split(text))):
            close = self._close(cleaned)
            near = close[2] if close else self._near_in_words(cleaned)
            if near is not None:
                brought += [w for w in cleaned.split() if w not in self._words[near]]
        return brought

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
        close = self._close(cleaned)
        # Close in letters is not the same: "who wrote this study" is near "who wrote this
        # guide", and its own word the knowledge is about makes it a question.
        rest = _rest(cleaned, close[0]).split() if close else []
        if close and rest and (has_content(" ".join(rest), close[0]) or _negates(rest)):
            close = None
        found = close[2] if close else self._near_in_words(cleaned)
        if found is None:
            found = self._containing(cleaned, has_content, remarks)
        if found is None:
            return None
        intent = self._intents[self._owner[found]]
        return intent.intent, fill(intent.reply, self._fields_of(guides))

    def _close(self, cleaned: str) -> tuple[str, float, int] | None:
        # One word is matched exactly (after repair): "than" is as close to "thanx" as a
        # misspelling is, but it is a word of its own.
        floor = 100.0 if " " not in cleaned else self._floor
        return process.extractOne(cleaned, self._examples, scorer=fuzz.ratio, score_cutoff=floor)

    def _near_in_words(self, cleaned: str) -> int | None:
        """The example the text is fewest words from (WORDS_PER_EDIT), when all its words are
        the intent's: "what are you able to help with" is "what are you able to do" in the
        words of "what can you help me with", though the guide uses "able" and "help"; "what
        can you get" asks about the guide. A text that asks is near only one that asks."""
        words, asks = cleaned.split(), _asks(cleaned)
        shared = Counter(n for w in set(words) for n in self._with_word.get(w, ()))
        best: tuple[int, int] | None = None  # (words apart, example)
        for n, count in sorted(shared.items()):
            example = self._sequences[n]
            allowed = len(example) // WORDS_PER_EDIT
            if not allowed or count < len(example) - allowed or asks != (example[0] in _ASKING):
                continue
            apart = Levenshtein.distance(words, example, score_cutoff=allowed)
            if apart <= allowed and (best is None or apart < best[0]):
                best = (apart, n)
        if best is None:
            return None
        found, own = best[1], self._intent_words[self._owner[best[1]]]
        brought = [w for w in words if w not in self._words[found]]
        return found if all(w in own for w in words) and not _negates(brought) else None

    def _containing(
        self, cleaned: str, has_content: Callable[[str, str], bool], remarks: bool = False
    ) -> int | None:
        """The number of the first example whose words all stand in the text, provided the
        words left once every contained example is taken out name nothing the knowledge is
        about (stems count as the same word): "bye, thanks for the help" holds "bye",
        "thanks" and "help"; "help me, do i need to work" leaves "work", so it is a question.
        With `remarks`, a remark on the answer may follow thanks or an acknowledgement
        (`_remark_at`): "cheers mate that answers it"."""
        words = cleaned.split()
        present = set(words)
        sharing = sorted({n for w in present for n in self._with_word.get(w, ())})
        contained = [n for n in sharing if self._words[n] <= present]
        if _asks(cleaned):
            contained = [n for n in contained if _asks(self._examples[n])]
        if not contained:
            return None
        besides = " ".join(self._examples[n] for n in contained)
        answered = any(self._intents[self._owner[n]].intent in _ON_AN_ANSWER for n in contained)
        at = _remark_at(words) if remarks and answered else len(words)
        if at is None:  # a complaint: "thanks, that's not up to date"
            return None
        head, remark = " ".join(words[:at]), " ".join(words[at:])
        if has_content(_rest(head, besides), besides):
            return None
        # In the words of the examples on an answer, or of one it holds ("have a good one")
        if remark and has_content(_rest(remark, besides), self._remark_words):
            return None
        return contained[0]

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
        words of the examples stay as they are, and so do negations ("doesnt")."""
        vocabulary, english = self._vocabulary, self._english
        if len(word) < 3 or word in english or word in _NEGATIONS or word in vocabulary:
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


def _remark_at(words: Sequence[str]) -> int | None:
    """Where a remark on the answer begins: the first word pointing back at it, unless a word
    that asks comes first ("thanks, is it any good") or it asks (`_inverted`); else past the
    end. None when it negates: "thanks, that didn't work" is a complaint."""
    at = next((n for n, w in enumerate(words) if w in _ASKING or w in _POINTING), len(words))
    if at == len(words) or words[at] not in _POINTING:
        return len(words)
    if _negates(words[at:]):
        return None
    return len(words) if _inverted(words[at:]) else at


def _inverted(words: Sequence[str]) -> bool:
    """Whether an auxiliary before its subject opens a question among the words ("that helps
    is it any good"), not one after it ("that is all")."""
    return any(
        word in _AUXILIARIES and before not in _SUBJECTS and after in _SUBJECTS
        for before, word, after in zip(words, words[1:], words[2:], strict=False)
    )


def _negates(words: Sequence[str]) -> bool:
    return not _NEGATIONS.isdisjoint(words)


def _rest(text: str, example: str) -> str:
    used = set(example.split())
    return " ".join(w for w in text.split() if w not in used)


def _clean(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", normalise(text).replace("'", "")))
