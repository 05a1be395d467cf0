"""How a statement beside small talk speaks of the answer just given: where a remark on it
begins ("thx, that cleared things up"), whether a negation in it negates the answer ("that
didn't help", "that's not correct") or not ("no problem", "not bad", "no more questions"),
whether it is a bare verdict on the answer ("that worked", "that covers it"), and whether it
finds fault with the answer in a complaint's own words ("that's the wrong answer").

`on_answer(word)` says whether a word is one small talk on an answer is made of (the thanks
and acknowledge examples' words: "help", "answer", "clear", "sense", "right"); `names(word)`
whether the knowledge is about it ("work" to a bank whose app "doesn't work").
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Sequence
from functools import cached_property

from guidebot.dialogue.wording import (
    ARTICLES,
    ASKING,
    AUXILIARIES,
    NEGATIONS,
    POINTING,
    asks,
    inverted,
    negated,
    negated_at,
    negates,
    root,
)

# Negations naming what is absent, as "no" does: the word after is a noun ("no problem",
# "nothing else", "none left") or what the absent thing would be ("nothing wrong with it").
_ABSENCE = frozenset("no nothing none".split())
# Negations bearing on the very word after them, as a bare "not" does ("not clear", "hardly
# helpful", "neither clear nor useful"); the others negate a verb ("didn't work").
_BARE = frozenset("not neither nor hardly".split())
# Words naming the reply itself: "that's the wrong answer", "that response wasn't helpful"
# speak of the answer, whatever the knowledge says of answers or responses.
ABOUT_THE_ANSWER = frozenset("answer answers reply replies response responses".split())
# In a complaint, words addressing guidebot say whose fault it is ("you misunderstood me");
# they find no fault themselves. The speaker's own words make it about the speaker: "i was
# wrong", "my question was wrong" are no complaint about the answer.
_ADDRESSING = frozenset("you youre your me".split())
_SPEAKER = frozenset("i im ive id my we our".split())
_PRONOUNS = POINTING | _ADDRESSING | _SPEAKER
# What a complaint may open on, past thanks ("that …", "no, …", "you …"), and the words a
# look for that opening stops at besides those of small talk on an answer.
_COMPLAINT_OPENINGS = POINTING | NEGATIONS | {"you"}
_STOPS_A_LOOK = POINTING | _SPEAKER
# Words that neither find fault nor name a topic: pointing at or naming the answer,
# articles, auxiliaries and those addressing guidebot.
_NEUTRAL = POINTING | ARTICLES | AUXILIARIES | _ADDRESSING | ABOUT_THE_ANSWER

Judge = Callable[[str], bool]
# has_content(text, besides): whether text names something the knowledge is about, besides
# the words of `besides` (SmalltalkMatcher.match)
Content = Callable[[str, str], bool]


def negation_end(
    words: Sequence[str], at: int, on_answer: Judge, names: Judge, pointing: bool = False
) -> int | None:
    """Where the negation at words[at] and the word it negates end, when it does not negate
    the answer; None when it does. It does when the word it negates is one small talk on an
    answer is made of ("not helpful", "didn't answer", "no help", "not very clear"), or one
    the knowledge is about ("ok, no fees then"), except in a remark pointing at the answer
    (`pointing`) where it names what is absent or how it was: a noun after "no" or an
    article ("that's no problem", "that's not a problem"), or a word after a bare "not"
    (`_BARE`) that is no verb's participle ("that's not bad"; "it's not covered" negates).
    A verb after a negated auxiliary always does: "that didn't work"."""
    n = negated_at(words, at)
    noun = words[at] in _ABSENCE or not ARTICLES.isdisjoint(words[at + 1 : n])
    if n == len(words):  # "not at all"
        return n
    negated = words[n]
    if on_answer(negated) or (not noun and words[at] not in _BARE):
        return None
    if names(negated):
        verbal = not noun and (words[at] not in _BARE or negated.endswith("ed"))
        if not pointing or verbal:
            return None
    return n + 1


def without_negations(words: Sequence[str], on_answer: Judge, names: Judge) -> list[str] | None:
    """The words with each negation that does not negate the answer taken out with the word
    it negates ("thats no problem" is "thats"; "no more questions" is "questions"), else
    None: one negates it."""
    kept: list[str] = []
    n = 0
    while n < len(words):
        if words[n] not in NEGATIONS:
            kept.append(words[n])
            n += 1
            continue
        end = negation_end(
            words, n, on_answer, names, pointing=bool(words) and words[0] in POINTING
        )
        if end is None:
            return None
        n = end
    return kept


def remark_at(words: Sequence[str], on_answer: Judge, names: Judge) -> int | None:
    """Where a remark on the answer begins: the first word pointing back at it, not after
    "of" ("thanks, none of that helped" is one remark), unless a word that asks comes first
    ("thanks, is it any good") or it asks (`inverted`); else past the end. None when it
    negates the answer: "thanks, that didn't work" is a complaint; "thanks, that's no
    problem" is not."""
    after = ["", *words]  # the word before each
    at = next(
        (n for n, w in enumerate(words) if w in ASKING or (w in POINTING and after[n] != "of")),
        len(words),
    )
    if at == len(words) or words[at] not in POINTING:
        return len(words)
    if without_negations(words[at:], on_answer, names) is None:
        return None
    return len(words) if inverted(words[at:]) else at


def bare(words: Sequence[str]) -> bool:
    """Whether a remark is a bare verdict on the answer: a word pointing at it, auxiliaries,
    one word, and at most words pointing back at it again ("that worked", "that did work",
    "that covers it", "it works"). Its one word has nothing but the answer to be about:
    "that takes a year" has a year, "that salary seems low" a salary."""
    rest = list(words)
    if not rest or rest[0] not in POINTING:
        return False
    rest = rest[1:]
    while rest and rest[0] in AUXILIARIES:
        rest = rest[1:]
    return bool(rest) and rest[0] not in ASKING and all(w in POINTING for w in rest[1:])


def complains(
    words: Sequence[str], on_answer: Judge, names: Judge, names_more: Callable[[str], bool]
) -> bool:
    """Whether the words complain about the answer and about nothing else: no question; past
    any thanks, they open on the answer ("that", "it"), on a negation ("no, that's wrong")
    or on "you", not on an instruction ("tell fred that i don't have his guitar"); a
    negation of a word small talk on an answer uses ("didn't answer", "wasnt helpful"); and
    besides the negations nothing the knowledge is about (`names_more`) beyond those words."""
    if asks(" ".join(words)) or not negates(words):
        return False
    # The speaker's words stand in thanks ("just what i needed"), but a negation after them
    # is the speaker's: "i don't know the answer" says nothing of guidebot's.
    opening = next((w for w in words if w in _STOPS_A_LOOK or not on_answer(w)), "")
    if opening not in _COMPLAINT_OPENINGS:
        return False
    if without_negations(words, on_answer, names) is not None:
        return False
    return not names_more(" ".join(w for w in words if w not in NEGATIONS))


def fault_words(complaints: Iterable[Sequence[str]], others: Container[str]) -> frozenset[str]:
    """The words a complaint's examples find fault with ("wrong", "useless", "bad"): the words
    of its examples that negate nothing ("that's wrong", not "you don't understand", where
    "understand" is no fault), but those of other intents' examples ("you", "bot"), words
    pointing at the answer, articles, auxiliaries, words addressing guidebot and words about
    the answer."""
    plain = {w for example in complaints if not negates(example) for w in example}
    return frozenset(w for w in plain if w not in others and w not in _NEUTRAL | _SPEAKER)


def decries(words: Sequence[str], fault: Container[str], on_answer: Judge) -> bool:
    """Whether the words find fault with the answer in words of a complaint's own (`fault`,
    see `fault_words`): "that's the wrong answer", "useless answer", "this answer is bad",
    "thanks, that's wrong". Besides at least one such word, only words pointing at the
    answer, articles, auxiliaries, words addressing guidebot, words about the answer
    (ABOUT_THE_ANSWER, or small talk on an answer: `on_answer`) and negations that negate
    no fault ("no, that's wrong"): "not bad" praises, "my card is bad" and a bank's "wrong
    amount charged" speak of something else, and "i was wrong" of the speaker."""
    if asks(" ".join(words)) or any(w in fault for _, w in negated(words)):
        return False
    excused = _NEUTRAL | NEGATIONS
    found = False
    for word in words:
        if word in fault:
            found = True
        elif word in _SPEAKER or not (word in excused or on_answer(word)):
            return False
    return found


def about_the_speaker(words: Sequence[str], example: Container[str]) -> bool:
    """Whether the speaker is the subject of what the words say in an example's words: the
    last pronoun up to the first of its words (past the speaker's own: "that's not what i
    asked") is the speaker's ("i gave the wrong answer", "my answer was wrong"), not
    guidebot's or the answer's ("you misunderstood my question", "i think that's wrong")."""
    start = next((n for n, w in enumerate(words) if w in example and w not in _SPEAKER), len(words))
    subject = next((w for w in reversed(words[: start + 1]) if w in _PRONOUNS), "")
    return subject in _SPEAKER


class OnAnswer:
    """Small talk on an answer, in one knowledge base's words: the words of its thanks and
    acknowledgements (`said`), which a remark on the answer is made of and a complaint negates
    ("that didn't help"), and those its complaint's examples find fault with (`fault_words`).
    `asked` gives the knowledge's FAQ questions and alternates in the words small talk reads
    (`owned`). Called with a word, says whether it is one of `said` (stems count: "helps")."""

    def __init__(
        self,
        said: Iterable[str],
        complaints: Iterable[Sequence[str]],
        others: Container[str],
        asked: Callable[[], Iterable[str]] = tuple,
    ) -> None:
        self._asked = asked
        said = set(said)
        self._roots = {root(w) for w in said}
        # For `has_content` to excuse: never another intent's words ("year", "work"), but
        # words naming the answer itself, though the knowledge may use them ("the answer",
        # "response times"): "that response wasn't helpful" names no topic.
        self.words = " ".join(sorted(said | ABOUT_THE_ANSWER))
        self.fault = fault_words(complaints, others)

    def __call__(self, word: str) -> bool:
        return root(word) in self._roots

    def remark(self, clause: str, answered: bool, has_content: Content) -> bool:
        """Whether a clause beside small talk remarks on the answer: pointing at it beside
        thanks or an acknowledgement (`answered`, `remark_at`), or saying what is absent ("no
        more questions"), and naming nothing the knowledge is about but the words of small
        talk on an answer, unless it is a bare verdict ("that worked", "that covers it")."""
        words, names = clause.split(), names_of(has_content)
        kept = without_negations(words, self, names)
        if kept is None:
            return False
        at = remark_at(words, self, names)
        if not (answered and at == 0) and not negates(words):
            return False
        return (answered and at == 0 and bare(kept)) or not has_content(" ".join(kept), self.words)

    def decries(self, words: Sequence[str]) -> bool:
        """`decries` with this knowledge's words ("that's the wrong answer"), but for a fault
        the knowledge itself asks about (`owned`)."""
        return decries(words, self.fault, self) and not self.owned(words)

    def disowns(self, words: Sequence[str], example: Container[str]) -> bool:
        """Whether a complaint's example found in the words finds no fault with guidebot's
        answer: the speaker is what they speak of ("i gave the wrong answer"), or the fault
        is one the knowledge asks about (`owned`)."""
        return about_the_speaker(words, example) or self.owned(words)

    def owned(self, words: Sequence[str]) -> bool:
        """Whether the words find fault with an answer in a phrase an FAQ entry asks about, a
        fault word right before a word naming an answer, and say nothing of whose answer it
        is: to a bank asked "What happens if I give a wrong answer to my security question?",
        "wrong answer" may be that question, as it was before it was a complaint; "you gave
        the wrong answer" speaks to guidebot, and the bundled guide asks of no wrong answer."""
        pairs = set(zip(words, words[1:], strict=False))
        named = {(root(a), root(b)) for a, b in pairs if a in self.fault and b in ABOUT_THE_ANSWER}
        return bool(named) and _ADDRESSING.isdisjoint(words) and not named.isdisjoint(self._phrases)

    @cached_property
    def _phrases(self) -> frozenset[tuple[str, str]]:
        """Each two words in a row of the FAQ's questions ending on a word naming an answer,
        made on first need: a snapshot makes its FAQ entries only when they are used."""
        pairs = (zip(w, w[1:], strict=False) for w in (t.split() for t in self._asked()))
        return frozenset((root(a), root(b)) for p in pairs for a, b in p if b in ABOUT_THE_ANSWER)

    def complains(self, words: Sequence[str], has_content: Content) -> bool:
        """Whether the words complain about the answer naming no topic: in a complaint's own
        words (`decries`), or negating small talk on an answer (`complains`: "that didn't
        answer my question")."""

        def besides(rest: str) -> bool:
            return has_content(rest, self.words)

        return self.decries(words) or complains(words, self, names_of(has_content), besides)


def names_of(has_content: Content) -> Judge:
    """Whether the knowledge is about a word, as has_content judges."""
    return lambda word: has_content(word, "")
