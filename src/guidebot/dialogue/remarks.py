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

import re
from collections.abc import Callable, Container, Iterable, Sequence

# Words pointing back at the answer just given: a statement opening with one beside small
# talk ("thx a lot, that cleared things up") remarks on that answer, in words of its own.
POINTING = frozenset("that thats this it its".split())
# An auxiliary before its subject opens a question, mid-message too: "that helps is it any
# good", "that was useful do i need to work"; not "that is all", after its subject.
AUXILIARIES = frozenset("is are am was were do does did can could will would shall should".split())
SUBJECTS = POINTING | set("i you he she we they there these those the a an my your our".split())
# A message that opens like this, or ends in "?", asks something: a statement such as "nice"
# or "ok" found inside it ("is the dean nice?") does not make it small talk.
ASKING = AUXILIARIES | set(
    "may might has have what who whom whose which when where why how".split()
)
# English negations (apostrophes dropped), never read as misspelt small talk ("doesnt" is
# not "does").
NEGATIONS = frozenset(
    "not no never cannot dont doesnt didnt isnt arent wasnt werent cant couldnt wont wouldnt "
    "shouldnt hasnt havent hadnt aint nope nah".split()
)
# What stands between a negation and the word it negates: an article makes that word a
# noun ("not a problem"), a degree word leaves it what it was ("not very clear").
_ARTICLES = frozenset("a an the".split())
_DEGREE = frozenset("any too so very really quite at all".split())
# Negations that answer rather than negate the word after them: "no thanks", "nah, great".
_INTERJECTIONS = frozenset("no nope nah".split())
# Words naming the reply itself: "that's the wrong answer", "that response wasn't helpful"
# speak of the answer, whatever the knowledge says of answers or responses.
ABOUT_THE_ANSWER = frozenset("answer answers reply replies response responses".split())
# In a complaint, words addressing guidebot say whose fault it is ("you misunderstood me");
# they find no fault themselves. The speaker's own words make it about the speaker: "i was
# wrong", "my question was wrong" are no complaint about the answer.
_ADDRESSING = frozenset("you youre your me".split())
_SPEAKER = frozenset("i im ive id my we our".split())

Judge = Callable[[str], bool]
# has_content(text, besides): whether text names something the knowledge is about, besides
# the words of `besides` (SmalltalkMatcher.match)
Content = Callable[[str, str], bool]


def root(word: str) -> str:
    """A word without its commonest English endings: "helpful", "helped" and "helps" are
    "help"; "answers", "cleared" "answer", "clear"."""
    return re.sub(r"(?<=..)(ful|ing|ed|es|s)$", "", word)


def negation_end(
    words: Sequence[str], at: int, on_answer: Judge, names: Judge, pointing: bool = False
) -> int | None:
    """Where the negation at words[at] and the word it negates end, when it does not negate
    the answer; None when it does. It does when the word it negates is one small talk on an
    answer is made of ("not helpful", "didn't answer", "no help", "not very clear"), or one
    the knowledge is about ("ok, no fees then"), except in a remark pointing at the answer
    (`pointing`) where it names what is absent or how it was: a noun after "no" or an
    article ("that's no problem", "that's not a problem"), or a word after a bare "not"
    that is no verb's participle ("that's not bad"; "it's not covered" negates). A verb
    after a negated auxiliary always does: "that didn't work"."""
    n = _negated_at(words, at)
    noun = words[at] == "no" or not _ARTICLES.isdisjoint(words[at + 1 : n])
    if n == len(words):  # "not at all"
        return n
    negated = words[n]
    if on_answer(negated) or (not noun and words[at] not in ("no", "not")):
        return None
    if names(negated):
        verbal = not noun and (words[at] != "not" or negated.endswith("ed"))
        if not pointing or verbal:
            return None
    return n + 1


def _negated_at(words: Sequence[str], at: int) -> int:
    """Where the word the negation at words[at] bears on stands, past articles and degree
    words ("not a problem", "not very clear"); len(words) when none follows."""
    n = at + 1
    while n < len(words) and (words[n] in _ARTICLES or words[n] in _DEGREE):
        n += 1
    return n


def negated(words: Sequence[str]) -> list[tuple[str, str]]:
    """(negation, word it bears on) for each negation that negates the word after it ("not
    great", "isnt correct", "not a bad answer"); not "no", "nope" or "nah", which answer as
    often as they negate ("no thanks", "nah, great")."""
    pairs = []
    for at, word in enumerate(words):
        if word in NEGATIONS and word not in _INTERJECTIONS:
            n = _negated_at(words, at)
            if n < len(words):
                pairs.append((word, words[n]))
    return pairs


def says(words: Sequence[str], example: Container[str]) -> bool:
    """Whether words holding an example's words say what it says: no negation of theirs
    negates a word of it ("not a bad answer", "that's not correct" say no "bad answer", no
    "correct"), unless the negation is the example's own ("you don't understand")."""
    return all(w not in example or no in example for no, w in negated(words))


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
    """Where a remark on the answer begins: the first word pointing back at it, unless a word
    that asks comes first ("thanks, is it any good") or it asks (`inverted`); else past the
    end. None when it negates the answer: "thanks, that didn't work" is a complaint;
    "thanks, that's no problem" is not."""
    at = next((n for n, w in enumerate(words) if w in ASKING or w in POINTING), len(words))
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


def inverted(words: Sequence[str]) -> bool:
    """Whether an auxiliary before its subject opens a question among the words ("that helps
    is it any good"), not one after it ("that is all")."""
    return any(
        word in AUXILIARIES and before not in SUBJECTS and after in SUBJECTS
        for before, word, after in zip(words, words[1:], words[2:], strict=False)
    )


def negates(words: Sequence[str]) -> bool:
    return not NEGATIONS.isdisjoint(words)


def asks(text: str) -> bool:
    words = text.split()
    return bool(words) and words[0] in ASKING


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
    opening = next((w for w in words if w in POINTING or not on_answer(w)), "")
    if opening not in POINTING | NEGATIONS | {"you"}:
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
    neutral = POINTING | _ARTICLES | AUXILIARIES | _ADDRESSING | _SPEAKER | ABOUT_THE_ANSWER
    return frozenset(w for w in plain if w not in others and w not in neutral)


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
    excused = POINTING | _ARTICLES | AUXILIARIES | _ADDRESSING | ABOUT_THE_ANSWER | NEGATIONS
    found = False
    for word in words:
        if word in fault:
            found = True
        elif word in _SPEAKER or not (word in excused or on_answer(word)):
            return False
    return found


class OnAnswer:
    """Small talk on an answer, in one knowledge base's words: the words of its thanks and
    acknowledgements (`said`), which a remark on the answer is made of and a complaint negates
    ("that didn't help"), and those its complaint's examples find fault with (`fault_words`).
    Called with a word, says whether it is one of `said` (stems count: "helped", "helps")."""

    def __init__(
        self, said: Iterable[str], complaints: Iterable[Sequence[str]], others: Container[str]
    ) -> None:
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
        """`decries` with this knowledge's words: "that's the wrong answer"."""
        return decries(words, self.fault, self)

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
