"""Small talk held inside a longer message: the examples whose words all stand in it, and
whether what is left once they are taken out names anything the knowledge is about.

SmalltalkMatcher (smalltalk.py) asks this when a message is neither close to one example in
letters nor in words: "bye, thanks for the help" holds "bye", "thanks" and "help"; "help me,
do i need to work" leaves "work", so it is a question.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass

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
from guidebot.dialogue.smalltalk_examples import Examples
from guidebot.dialogue.smalltalk_intents import COMPLAINT, GREETING
from guidebot.dialogue.wording import asks as _asks
from guidebot.dialogue.wording import asks_on, fills, says
from guidebot.dialogue.wording import rest as _rest
from guidebot.search.analysis import STOP_WORDS

_ANSWER_WORDS = " ".join(sorted(ABOUT_THE_ANSWER))  # as has_content excuses them
# The intents that respond to an answer, which such a remark goes with, in their examples'
# words only; not a greeting or a goodbye: "it was a pleasure talking to you, goodbye" is
# no remark on an answer.
ON_AN_ANSWER = frozenset({"thanks", "acknowledge"})


@dataclass(frozen=True)
class Containment:
    """The examples (`ex`), what small talk on an answer is made of (`on_answer`), the
    knowledge's words for where and when (`where_or_when`), and `uses`, whether a word is
    one of the examples' own."""

    ex: Examples
    on_answer: OnAnswer
    where_or_when: WhereOrWhen
    uses: Callable[[str], bool]

    def find(
        self, cleaned: str, has_content: Content, remarks: bool = False, ends: Container[int] = ()
    ) -> int | None:
        """The number of the first example whose words all stand in the text (a repeated
        word as often), provided the words left once every contained example is taken out
        name nothing the knowledge is about (stems count as the same word). With
        `remarks`, a remark on the answer may follow thanks or an acknowledgement
        (`remark_at`): "cheers mate that answers it". `ends`, where in its words a clause
        ends."""
        ex = self.ex
        words = cleaned.split()
        present = set(words)
        contained = [
            n
            for n in ex.sharing(present)
            if ex.words[n] <= present
            and fills(ex.sequences[n], words, ex.own_words(n) | ABOUT_THE_ANSWER)
        ]
        if _asks(cleaned):
            contained = [n for n in contained if _asks(ex.texts[n])]
        # Not "not a bad answer", nor "i gave the wrong answer"
        contained = [
            n for n in contained if says(words, ex.words[n]) and not self.disowned(words, n)
        ]
        # A greeting is used where it opens the message; further in it is mentioned:
        # "translate hello into spanish", "say hi to my mum".
        contained = [n for n in contained if self._opens(words, n, ends)]
        if not contained:
            return None
        besides = " ".join(ex.texts[n] for n in contained)
        answered = any(ex.intent(n).intent in ON_AN_ANSWER for n in contained)
        names = names_of(has_content)
        at = remark_at(words, self.on_answer, names) if remarks and answered else len(words)
        if at is None:  # a complaint: "thanks, that's not up to date"
            return None
        head, remark = " ".join(words[:at]), " ".join(words[at:])
        left = self.beside(_rest(head, besides), contained)
        if asks_on(left) and not all(self.uses(w) or w in STOP_WORDS for w in left.split()):
            return None  # "hey, what's the weather like" asks something; "hi, can you help" not
        if without_negations(left.split(), self.on_answer, names) is None:
            return None  # "ok, my card doesn't work"
        # Thanks or an acknowledgement may name what it is for: "great answer, thanks".
        if has_content(left, f"{besides} {_ANSWER_WORDS}" if answered else besides):
            return None
        # In the words of the examples on an answer, or of one it holds ("have a good one")
        kept = without_negations(words[at:], self.on_answer, names) or []
        if (
            remark
            and not bare(kept)
            and has_content(_rest(" ".join(kept), besides), self.on_answer.words)
        ):
            return None
        return contained[0]

    def beside(self, rest: str, examples: Sequence[int]) -> str:
        """The rest of a text beside examples, less what says where or when if they are all
        of live information (live.WhereOrWhen.beside)."""
        return self.where_or_when.beside(rest, {self.ex.intent(n).intent for n in examples})

    def disowned(self, words: Sequence[str], example: int) -> bool:
        """Whether a complaint's example found in the words finds no fault with the answer
        (`OnAnswer.disowns`): "i gave the wrong answer" speaks of the speaker."""
        complaint = self.ex.intent(example).intent == COMPLAINT
        return complaint and self.on_answer.disowns(words, self.ex.words[example])

    def _opens(self, words: Sequence[str], example: int, ends: Container[int]) -> bool:
        """Whether an example of a greeting opens the words, after small talk or stop words
        only, or ends a clause of them ("um hi there, i'm emma"); any other example is
        used wherever it stands ("ok thanks")."""
        if self.ex.intent(example).intent != GREETING:
            return True
        start = words.index(self.ex.sequences[example][0])
        end = start + len(self.ex.sequences[example])
        return (
            end == len(words)
            or end in ends
            or all(self.uses(w) or w in STOP_WORDS for w in words[:start])
        )
