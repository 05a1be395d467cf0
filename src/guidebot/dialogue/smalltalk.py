"""Recognises greetings, thanks and questions about guidebot or the guide itself.

Which intents a knowledge base has, and how their replies are filled, is smalltalk_intents.py.
Misspelt small talk ("thnaks", "hii", "tnx") is read against the examples' own words (see
`wording.Speller`), and so are new wordings: a question about guidebot in the
words of its examples ("what are you able to help with"), thanks with a remark on the
answer ("thx, that cleared things up").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Sequence
from itertools import accumulate

from guidebot.dialogue.live import WhereOrWhen
from guidebot.dialogue.remarks import (
    Content,
    OnAnswer,
    names_of,
    remark_at,
)
from guidebot.dialogue.smalltalk_contained import ON_AN_ANSWER, Containment
from guidebot.dialogue.smalltalk_examples import MATCH_FLOOR, Examples
from guidebot.dialogue.smalltalk_intents import (
    CALCULATION,
    COMPLAINT,
    HANDOFF,
    LIVE,
    fields_of,
    fill,
    listed_topics,
    merged,
)
from guidebot.dialogue.sums import asks_a_sum
from guidebot.dialogue.wording import (
    Alike,
    Speller,
    asks_otherwise,
    inverted,
    swaps_a_word,
)
from guidebot.dialogue.wording import asks as _asks
from guidebot.dialogue.wording import negates as _negates
from guidebot.dialogue.wording import rest as _rest
from guidebot.knowledge.model import KnowledgeBase, SmalltalkIntent
from guidebot.search.analysis import STOP_WORDS

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
        builtin: Sequence[SmalltalkIntent] = (),
        english: Container[str] = frozenset(),
        alike: Alike | None = None,
        knowledge_uses: Callable[[str], bool] = lambda word: False,
    ) -> None:
        """`topics` are what "help" lists (the headings of offered.offered_topics);
        `respell` maps a word to its canonical spelling (the analyzer's one-word synonyms);
        `builtin` intents join the knowledge's own (see `merged`); `english` is the word list
        of real words, which are never read as misspelt small talk, nor are the words the
        knowledge uses (`knowledge_uses`: "can i ask a question about the gre" is no "... the are");
        `alike`, the cosine of two words when meaning is read (wording.swaps_a_word)."""
        topics = listed_topics(kb, topics)
        plain = Speller((), respell, english)  # the examples are read as written
        self._ex = examples = Examples(merged(kb.smalltalk, builtin), plain, floor)
        vocabulary = sorted({w for e in examples.texts for w in e.split()})
        self._speller = Speller(vocabulary, respell, english, knowledge_uses)
        # What small talk on an answer is made of (thanks and acknowledgements), and what a
        # complaint finds fault with, in words of no other intent ("wrong", not "you")
        named = [(i.intent, examples.intent_words[n]) for n, i in enumerate(examples.intents)]
        self._on_answer = OnAnswer(
            (w for intent, words in named if intent in ON_AN_ANSWER for w in words),
            (
                examples.sequences[n]
                for n, o in enumerate(examples.owner)
                if named[o][0] == COMPLAINT
            ),
            {w for intent, words in named if intent != COMPLAINT for w in words},
            lambda: (plain.normal(q) for f in kb.faqs for q in (f.question, *f.alternates)),
        )
        self.owned = frozenset(i.intent for i in kb.smalltalk)  # the knowledge's own intents
        self._guides = {g.slug: g for g in kb.guides}
        self._fields = fields_of(kb.guides, topics)
        self._topics = topics
        self._own = (english, self.uses, alike)  # what tells a question about a thing of its own
        self.where_or_when = WhereOrWhen(kb)
        self._contained = Containment(examples, self._on_answer, self.where_or_when, self.uses)

    def match(
        self, text: str, has_content: Content, guides: Sequence[str] = ()
    ) -> tuple[str, str] | None:
        """(intent, reply) when text is small talk, else None: close to an example in letters
        or in words, or holding examples ("thank you so much!") whose rest names nothing the
        knowledge is about besides their words, as `has_content(rest, example)` judges ("hi,
        what's the salary?" is a question). The reply speaks of the one guide in `guides`
        (slugs the conversation is limited to), else of the first guide."""
        # "whats 15% of 240", whatever words of the guide's it has; not "a 10 x 10 unit"
        if asks_a_sum(text, lambda word: has_content(word, "")):
            return self._reply_of(CALCULATION, guides)
        # Each clause normalised once; the whole text is the clauses together.
        parts = [c for c in map(self._speller.normal, _CLAUSE.split(text)) if c]
        normal = " ".join(parts)
        # Fault found with the answer in a complaint's words is a complaint, whatever thanks
        # go with it: "thanks, that's the wrong answer", "useless answer".
        if self._on_answer.decries(normal.split()):
            complaint = self._complaint(text, normal, has_content, guides)
            if complaint:
                return complaint
        # "thx!! super helpful" is two pieces of small talk: each clause may match alone, or
        # remark on the answer beside one that does ("thx a lot, that cleared things up").
        clauses = parts if len(parts) > 1 else []  # one is the whole text, matched below
        found = [self._match_whole(c, has_content, guides) for c in clauses]
        answered = any(m and m[0] in ON_AN_ANSWER for m in found)
        on, names = self._on_answer, names_of(has_content)
        if answered and any(
            remark_at(c.split(), on, names) is None
            for m, c in zip(found, clauses, strict=True)
            if not m
        ):
            # "thanks, it didn't help"
            return self._complaint(text, normal, has_content, guides)
        # A remark points back at the answer, naming nothing the knowledge is about but the
        # examples' words on an answer: "that cleared things up", not "that takes a year".
        if any(found) and all(
            m or self._on_answer.remark(c, answered, has_content)
            for m, c in zip(found, clauses, strict=True)
        ):
            # A complaint beside other small talk is what the reply must meet: "thanks, you
            # don't understand"; then a question about live information ("hi, what's the
            # weather like") or for a person ("hello, can i talk to someone")
            return min(
                (m for m in found if m),
                key=lambda m: (m[0] != COMPLAINT, m[0] not in (LIVE, HANDOFF)),
            )
        # A remark is a statement: not in a message ending in "?", nor beside a clause that
        # asks something of its own ("thanks that helps, is it any good").
        asking = text.rstrip().endswith("?") or any(
            _asks(c) and not m for m, c in zip(found, clauses, strict=True)
        )
        # One that asks in words small talk never uses asks a question of its own, beside
        # whatever small talk: "i need help logging in, is there an it helpdesk number".
        if any(
            _asks(c) and not m and any(not self.uses(w) for w in c.split() if w not in STOP_WORDS)
            for m, c in zip(found, clauses, strict=True)
        ):
            return None
        ends = set(accumulate(len(c.split()) for c in parts))
        whole = self._match_whole(normal, has_content, guides, not asking, ends)
        if asking and whole and whole[0] in ON_AN_ANSWER:  # "correct?" asks
            return None
        return whole or (None if asking else self._complaint(text, normal, has_content, guides))

    def _complaint(
        self,
        text: str,
        normal: str,
        has_content: Content,
        guides: Sequence[str],
    ) -> tuple[str, str] | None:
        """The frustration reply to a complaint about the answer that names no topic: it
        finds fault with it in a complaint's words (`decries`: "that's the wrong answer"),
        or negates a word of small talk on an answer, and names nothing else the knowledge
        is about ("that didn't answer my question", "thanks that wasnt helpful"); "ok, that
        didn't work" asks a bank's FAQ about its app that doesn't work. `normal` is the
        text as `Speller.normal` gives it."""
        words = normal.split()
        if len(words) > MAX_WORDS or text.rstrip().endswith("?"):
            return None
        if not self._on_answer.complains(words, has_content):
            return None
        return self._reply_of(COMPLAINT, guides)

    def _reply_of(self, intent: str, guides: Sequence[str]) -> tuple[str, str] | None:
        """(intent, its reply filled), or None if the knowledge has no intent so named."""
        found = next((i for i in self._ex.intents if i.intent == intent), None)
        return (intent, fill(found.reply, self._fields_of(guides))) if found else None

    def new_words(self, text: str) -> list[str]:
        """The words each clause brings to the example it is close to in letters, else in
        words (Examples.brought): "cover" in "what do you cover", near "what do you do".
        SmalltalkYield.faq_asks lets the knowledge answer when they are what it asks about.
        Another ending brings nothing: "cleared" in "that cleared things up", near "that
        clears things up", is no question about the guide's "clear pricing"."""
        clauses = filter(None, map(self._speller.normal, _CLAUSE.split(text)))
        return [w for cleaned in clauses for w in self._ex.brought(cleaned)]

    def _fields_of(self, guides: Sequence[str]) -> dict[str, str]:
        chosen = self._guides.get(guides[0]) if len(guides) == 1 else None
        return fields_of((chosen,), self._topics) if chosen else self._fields

    @property
    def examples(self) -> list[str]:
        """Every intent's example phrasings, as written."""
        return [e for i in self._ex.intents for e in i.examples]

    @property
    def example_intents(self) -> list[str]:
        """The intent of each of `examples`, in the same order."""
        return [i.intent for i in self._ex.intents for _ in i.examples]

    def uses(self, word: str) -> bool:
        """Whether the word (lower case) is one of the small-talk examples' own words."""
        return self._speller.knows(word)

    def _match_whole(
        self,
        cleaned: str,
        has_content: Content,
        guides: Sequence[str] = (),
        remarks: bool = False,
        ends: Container[int] = (),
    ) -> tuple[str, str] | None:
        """(intent, reply) for a text as `Speller.normal` gives it, else None; `ends`, where
        in its words a clause ends (the whole text always does)."""
        if not cleaned or not self._ex.texts or len(cleaned.split()) > MAX_WORDS:
            return None
        close = self._ex.close(cleaned)
        # Close in letters is not the same: "who wrote this study" is near "who wrote this
        # guide", and its own word the knowledge is about makes it a question.
        rest = self._contained.beside(_rest(cleaned, close[0]), [close[2]]).split() if close else []
        if close and rest and (has_content(" ".join(rest), close[0]) or _negates(rest)):
            close = None
        if close and _asks(cleaned) and self._swaps(cleaned, close[0], close[2]):
            close = None  # "what should i wear" is not "what should i ask"
        found = close[2] if close else self._ex.near_in_words(cleaned)
        if found is None or self._contained.disowned(cleaned.split(), found):
            found = self._contained.find(cleaned, has_content, remarks, ends)
        if found is None:
            return None
        intent = self._ex.intent(found)
        # A verdict on the answer that is asked is a question about it: "is that correct"
        if intent.intent in ON_AN_ANSWER and (_asks(cleaned) or inverted(cleaned.split())):
            return None
        return intent.intent, fill(intent.reply, self._fields_of(guides))

    def _swaps(self, cleaned: str, example: str, number: int) -> bool:
        theirs = self._ex.own_words(number)  # every example of its intent
        said = cleaned.split()
        # A complaint may ask why ("why you don't understand") in words none of its own do.
        otherwise = self._ex.intent(number).intent != COMPLAINT and asks_otherwise(said, theirs)
        return otherwise or swaps_a_word(said, example.split(), theirs, *self._own)
