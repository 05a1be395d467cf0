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
    ABOUT_THE_ANSWER,
    Content,
    OnAnswer,
    bare,
    names_of,
    remark_at,
    without_negations,
)
from guidebot.dialogue.smalltalk_examples import MATCH_FLOOR, Examples
from guidebot.dialogue.smalltalk_intents import (
    CALCULATION,
    COMPLAINT,
    GREETING,
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
    asks_on,
    asks_otherwise,
    fills,
    inverted,
    says,
    swaps_a_word,
)
from guidebot.dialogue.wording import asks as _asks
from guidebot.dialogue.wording import negates as _negates
from guidebot.dialogue.wording import rest as _rest
from guidebot.knowledge.model import KnowledgeBase, SmalltalkIntent
from guidebot.search.analysis import STOP_WORDS

MAX_WORDS = 12  # longer is a question, whatever greeting or thanks it contains
_CLAUSE = re.compile(r"[,.!?;:]+")
_ANSWER_WORDS = " ".join(sorted(ABOUT_THE_ANSWER))  # as has_content excuses them
# The intents that respond to an answer, which such a remark goes with, in their examples'
# words only; not a greeting or a goodbye: "it was a pleasure talking to you, goodbye" is
# no remark on an answer.
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
        alike: Alike | None = None,
    ) -> None:
        """`topics` are what "help" lists (the headings of offered.offered_topics);
        `respell` maps a word to its canonical spelling (the analyzer's one-word synonyms);
        `builtin` intents join the knowledge's own (see `merged`); `english` is the word list
        of real words, which are never read as misspelt small talk; `alike`, the cosine of
        two words when meaning is read (wording.swaps_a_word)."""
        topics = listed_topics(kb, topics)
        plain = Speller((), respell, english)  # the examples are read as written
        self._ex = examples = Examples(merged(kb.smalltalk, builtin), plain, floor)
        vocabulary = sorted({w for e in examples.texts for w in e.split()})
        self._speller = Speller(vocabulary, respell, english)
        # What small talk on an answer is made of (thanks and acknowledgements), and what a
        # complaint finds fault with, in words of no other intent ("wrong", not "you")
        named = [(i.intent, examples.intent_words[n]) for n, i in enumerate(examples.intents)]
        self._on_answer = OnAnswer(
            (w for intent, words in named if intent in _ON_AN_ANSWER for w in words),
            (
                examples.sequences[n]
                for n, o in enumerate(examples.owner)
                if named[o][0] == COMPLAINT
            ),
            {w for intent, words in named if intent != COMPLAINT for w in words},
            lambda: (plain.normal(q) for f in kb.faqs for q in (f.question, *f.alternates)),
        )
        self._guides = {g.slug: g for g in kb.guides}
        self._fields = fields_of(kb.guides, topics)
        self._topics = topics
        self._own = (english, self.uses, alike)  # what tells a question about a thing of its own
        self.where_or_when = WhereOrWhen(kb)

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
        answered = any(m and m[0] in _ON_AN_ANSWER for m in found)
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
            # don't understand"; and then a question about live information: "hi, what's
            # the weather like"
            return min((m for m in found if m), key=lambda m: (m[0] != COMPLAINT, m[0] != LIVE))
        # A remark is a statement: not in a message ending in "?", nor beside a clause that
        # asks something of its own ("thanks that helps, is it any good").
        asking = text.rstrip().endswith("?") or any(
            _asks(c) and not m for m, c in zip(found, clauses, strict=True)
        )
        ends = set(accumulate(len(c.split()) for c in parts))
        whole = self._match_whole(normal, has_content, guides, not asking, ends)
        if asking and whole and whole[0] in _ON_AN_ANSWER:  # "correct?" asks
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
        rest = self._beside(_rest(cleaned, close[0]), [close[2]]).split() if close else []
        if close and rest and (has_content(" ".join(rest), close[0]) or _negates(rest)):
            close = None
        if close and _asks(cleaned) and self._swaps(cleaned, close[0], close[2]):
            close = None  # "what should i wear" is not "what should i ask"
        found = close[2] if close else self._ex.near_in_words(cleaned)
        if found is None or self._disowned(cleaned.split(), found):
            found = self._containing(cleaned, has_content, remarks, ends)
        if found is None:
            return None
        intent = self._ex.intent(found)
        # A verdict on the answer that is asked is a question about it: "is that correct"
        if intent.intent in _ON_AN_ANSWER and (_asks(cleaned) or inverted(cleaned.split())):
            return None
        return intent.intent, fill(intent.reply, self._fields_of(guides))

    def _beside(self, rest: str, examples: Sequence[int]) -> str:
        """The rest of a text beside examples, less what says where or when if they are all
        of live information (live.WhereOrWhen.beside)."""
        return self.where_or_when.beside(rest, {self._ex.intent(n).intent for n in examples})

    def _opens(self, words: Sequence[str], example: int, ends: Container[int]) -> bool:
        """Whether an example of a greeting opens the words, after small talk or stop words
        only, or ends a clause of them ("um hi there, i'm emma"); any other example is
        used wherever it stands ("ok thanks")."""
        if self._ex.intent(example).intent != GREETING:
            return True
        start = words.index(self._ex.sequences[example][0])
        end = start + len(self._ex.sequences[example])
        return (
            end == len(words)
            or end in ends
            or all(self.uses(w) or w in STOP_WORDS for w in words[:start])
        )

    def _swaps(self, cleaned: str, example: str, number: int) -> bool:
        theirs = self._ex.own_words(number)  # every example of its intent
        said = cleaned.split()
        # A complaint may ask why ("why you don't understand") in words none of its own do.
        otherwise = self._ex.intent(number).intent != COMPLAINT and asks_otherwise(said, theirs)
        return otherwise or swaps_a_word(said, example.split(), theirs, *self._own)

    def _disowned(self, words: Sequence[str], example: int) -> bool:
        """Whether a complaint's example found in the words finds no fault with the answer
        (`OnAnswer.disowns`): "i gave the wrong answer" speaks of the speaker."""
        complaint = self._ex.intent(example).intent == COMPLAINT
        return complaint and self._on_answer.disowns(words, self._ex.words[example])

    def _containing(
        self, cleaned: str, has_content: Content, remarks: bool = False, ends: Container[int] = ()
    ) -> int | None:
        """The number of the first example whose words all stand in the text (a repeated
        word as often), provided the words left once every contained example is taken out
        name nothing the knowledge is about (stems count as the same word): "bye, thanks
        for the help" holds "bye", "thanks" and "help"; "help me, do i need to work" leaves
        "work", so it is a question. With `remarks`, a remark on the answer may follow
        thanks or an acknowledgement (`remark_at`): "cheers mate that answers it"."""
        words = cleaned.split()
        present = set(words)
        sharing = self._ex.sharing(present)
        contained = [
            n
            for n in sharing
            if self._ex.words[n] <= present
            and fills(self._ex.sequences[n], words, self._ex.own_words(n) | ABOUT_THE_ANSWER)
        ]
        if _asks(cleaned):
            contained = [n for n in contained if _asks(self._ex.texts[n])]
        # Not "not a bad answer", nor "i gave the wrong answer"
        contained = [
            n for n in contained if says(words, self._ex.words[n]) and not self._disowned(words, n)
        ]
        # A greeting is used where it opens the message; further in it is mentioned:
        # "translate hello into spanish", "say hi to my mum".
        contained = [n for n in contained if self._opens(words, n, ends)]
        if not contained:
            return None
        besides = " ".join(self._ex.texts[n] for n in contained)
        answered = any(self._ex.intent(n).intent in _ON_AN_ANSWER for n in contained)
        names = names_of(has_content)
        at = remark_at(words, self._on_answer, names) if remarks and answered else len(words)
        if at is None:  # a complaint: "thanks, that's not up to date"
            return None
        head, remark = " ".join(words[:at]), " ".join(words[at:])
        left = self._beside(_rest(head, besides), contained)
        if asks_on(left) and not all(self.uses(w) or w in STOP_WORDS for w in left.split()):
            return None  # "hey, what's the weather like" asks something; "hi, can you help" not
        if without_negations(left.split(), self._on_answer, names) is None:
            return None  # "ok, my card doesn't work"
        # Thanks or an acknowledgement may name what it is for: "great answer, thanks".
        if has_content(left, f"{besides} {_ANSWER_WORDS}" if answered else besides):
            return None
        # In the words of the examples on an answer, or of one it holds ("have a good one")
        kept = without_negations(words[at:], self._on_answer, names) or []
        if (
            remark
            and not bare(kept)
            and has_content(_rest(" ".join(kept), besides), self._on_answer.words)
        ):
            return None
        return contained[0]
