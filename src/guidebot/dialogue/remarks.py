"""How a statement beside small talk speaks of the answer just given: where a remark on it
begins ("thx, that cleared things up"), whether a negation in it negates the answer ("that
didn't help") or not ("no problem", "not bad", "no more questions"), and whether it is a
bare verdict on the answer ("that worked", "that covers it").

`on_answer(word)` says whether a word is one small talk on an answer is made of (the thanks
and acknowledge examples' words: "help", "answer", "clear", "sense", "right"); `names(word)`
whether the knowledge is about it ("work" to a bank whose app "doesn't work").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

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

Judge = Callable[[str], bool]


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
    n = at + 1
    noun = words[at] == "no"
    while n < len(words) and (words[n] in _ARTICLES or words[n] in _DEGREE):
        noun = noun or words[n] in _ARTICLES
        n += 1
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
