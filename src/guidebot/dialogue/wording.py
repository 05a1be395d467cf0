"""How small talk reads a message as words: cleaned ("Thanks!!" is "thanks"), texting
spellings respelt ("u" is "you"), misspelt words read as the examples' own ("thnaks" is
"thanks"; `Speller`), and the English word classes the rules on small talk read them with
(pointing words, auxiliaries, words that ask, negations), what a negation bears on
(`negated`), the commonest endings (`root`), and when a question close to an example is
about a thing of its own (`swaps_a_word`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Container, Sequence

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from guidebot.search.analysis import STOP_WORDS, normalise

Known = Callable[[str], bool]  # whether a word is one of the small-talk examples' own
# The cosine of a word to each of others; None for a pair it cannot tell
Alike = Callable[[str, Sequence[str]], "list[float | None]"]

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
# not "does"). Besides "not" and its contractions, the words that deny what follows them:
# "nothing wrong with it", "none of it helped", "neither clear nor useful", "hardly helpful".
NEGATIONS = frozenset(
    "not no never cannot dont doesnt didnt isnt arent wasnt werent cant couldnt wont wouldnt "
    "shouldnt hasnt havent hadnt aint nope nah nothing none neither nor hardly".split()
)
# What stands between a negation and the word it negates: an article makes that word a
# noun ("not a problem"), a degree word leaves it what it was ("not very clear").
ARTICLES = frozenset("a an the".split())
# "else" adds nothing to the negation it follows ("nothing else"), and "of" with a word
# pointing at the answer names what a negation is part of ("none of that helped").
_DEGREE = frozenset("any too so very really quite at all else of".split())
# Negations that answer rather than negate the word after them: "no thanks", "nah, great".
_INTERJECTIONS = frozenset("no nope nah".split())
# Texting spellings of the small-talk examples' own words, for knowledge without synonyms
# saying so ("are u a bot", "what r u"): part of reading English, not of any one guide.
_TEXTING = {"u": "you", "ur": "your", "r": "are", "ya": "you", "pls": "please", "plz": "please"}


def fills(example: Sequence[str], words: Sequence[str], own: Collection[str]) -> bool:
    """Whether words holding an example's words hold them as often as it has them, or,
    short of a repeat, add only words of `own` (its intent's, say), any ending: "what
    payment methods do you accept" has the words of "what do you do" but one "do" and asks
    about payment; "what kinds of questions do you answer" still asks what guidebot covers."""
    if Counter(example) <= Counter(words):
        return True
    roots = {root(w) for w in own}
    return all(root(w) in roots for w in words)


def root(word: str) -> str:
    """A word without its commonest English endings: "helpful", "helped" and "helps" are
    "help"; "answers", "cleared" "answer", "clear"."""
    return re.sub(r"(?<=..)(ful|ing|ed|es|s)$", "", word)


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


def asks_on(text: str) -> bool:
    """Whether words (left beside small talk) are put as a question: they open with a
    question word or an auxiliary verb ("can you help"), or a question word with "'s" run
    on ("whats", "hows")."""
    first = text.split()[:1]
    return bool(first) and (asks(first[0]) or (first[0].endswith("s") and asks(first[0][:-1])))


def negated_at(words: Sequence[str], at: int) -> int:
    """Where the word the negation at words[at] bears on stands, past articles and degree
    words ("not a problem", "not very clear", "none of that"); len(words) when none
    follows."""
    n = at + 1
    while n < len(words) and (
        words[n] in ARTICLES
        or words[n] in _DEGREE
        or (words[n - 1] == "of" and words[n] in POINTING)
    ):
        n += 1
    return n


def negated(words: Sequence[str]) -> list[tuple[str, str]]:
    """(negation, word it bears on) for each negation that negates the word after it ("not
    great", "isnt correct", "not a bad answer"); not "no", "nope" or "nah", which answer as
    often as they negate ("no thanks", "nah, great")."""
    pairs = []
    for at, word in enumerate(words):
        if word in NEGATIONS and word not in _INTERJECTIONS:
            n = negated_at(words, at)
            if n < len(words):
                pairs.append((word, words[n]))
    return pairs


def says(words: Sequence[str], example: Container[str]) -> bool:
    """Whether words holding an example's words say what it says: no negation of theirs
    negates a word of it ("not a bad answer", "that's not correct" say no "bad answer", no
    "correct"), unless the negation is the example's own ("you don't understand")."""
    return all(w not in example or no in example for no, w in negated(words))


def clean(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", normalise(text).replace("'", "")))


def rest(text: str, example: str) -> str:
    """The words of text that are not the example's."""
    used = set(example.split())
    return " ".join(w for w in text.split() if w not in used)


class Speller:
    """Reads a text as the small-talk examples' words (`normal`), given their `vocabulary`
    (none: only cleaned and respelt), `respell` (the analyzer's one-word synonyms) and
    `english`, the real words never read as misspelt small talk, and `keeps`, whether a
    word is one the knowledge uses, never read so either ("gre" is no "are")."""

    def __init__(
        self,
        vocabulary: Sequence[str],
        respell: Callable[[str], str] = str,
        english: Container[str] = frozenset(),
        keeps: Callable[[str], bool] = lambda word: False,
    ) -> None:
        self._vocabulary = list(vocabulary)  # for rapidfuzz
        self._known = frozenset(vocabulary)  # for membership, asked for every word read
        self._respell = respell
        self._english = english
        self._keeps = keeps

    def knows(self, word: str) -> bool:
        """Whether the word (lower case) is one of the vocabulary's."""
        return word in self._known

    def normal(self, text: str) -> str:
        """Cleaned words, each respelt as `respell` says, so "are u a bot" meets the example
        "are you a bot" (synonyms.yaml has u/you), and each misspelt one read as the example
        word it is closest to (`_repaired`)."""
        return " ".join(
            self._repaired(self._respell(_TEXTING.get(w, w))) for w in clean(text).split()
        )

    def _repaired(self, word: str) -> str:
        """An unknown word read as the one small-talk word it is close to: the same with
        repeated letters or syllables run together ("hii", "thankss", "hahahaha"), or one
        edit away (OSA: "thnaks", "tnx"), two between words of five letters or more
        ("thanx").
        Real English words and words of the examples stay as they are, and so do negations
        ("doesnt")."""
        known = self._known
        if len(word) < 3 or word in self._english or word in NEGATIONS or word in known:
            return word
        if self._keeps(word):
            return word
        squeezed = re.sub(r"(.)\1+", r"\1", word)
        if squeezed in known:
            return squeezed
        # A repeated syllable, likewise, run together to two, a cut-off last one with it:
        # "hahahaha" and "hahahah" are "haha"
        repeated = re.fullmatch(r"(\w{2,3}?)\1+(\w*)", word)
        if repeated and repeated[1].startswith(repeated[2]) and repeated[1] * 2 in known:
            return repeated[1] * 2
        allowed = 2 if len(word) >= 5 else 1
        close = process.extract(word, self._vocabulary, scorer=OSA.distance, score_cutoff=allowed)
        # Two edits only between words of five letters or more: "plugh" is no "ugh".
        close = [c for c in close if c[1] < 2 or len(c[0]) >= 5]
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


def names_a_thing(words: Sequence[str], english: Container[str], known: Known) -> bool:
    """Whether the words hold a real English word that is neither a function word nor one
    `known` to small talk (its examples' words)."""
    return any(w in english and w not in STOP_WORDS and not known(w) for w in words)


# Below this cosine (word vectors) a word said in place of an example's word means something
# else: "wear" for "ask" 0.03, while "speaking" for "talking" is 0.65, "answer" for "ask" 0.35.
SWAP_LINE = 0.3


# Question words asking for a time, a place, a person or a reason: unlike "what", "how" and
# "which", which ask much the same ("how can you help", "what can you help with").
ASKING_FOR_A_KIND = frozenset("when where who whos whose whom why".split())


def asks_otherwise(words: Sequence[str], intent: Collection[str]) -> bool:
    """Whether a question asks for a time, a place, a person or a reason (ASKING_FOR_A_KIND)
    with a word no example of its small-talk intent uses (`intent`: all their words): "when
    can i ask" asks for a time, close as it is in letters to "what can i ask"."""
    return any(w in ASKING_FOR_A_KIND and w not in intent for w in words)


def swaps_a_word(
    words: Sequence[str],
    example: Sequence[str],
    intent: Collection[str],
    english: Container[str],
    known: Known,
    alike: Alike | None,
) -> bool:
    """Whether a question close in letters to a small-talk example says a real word of its
    own (names_a_thing) in place of a word of the example, a word `alike` (its cosines to
    other words, None where it cannot tell) finds far from every word of the example's `intent`
    (all its examples' words): a question about something else, whether or not the
    knowledge covers it, which is then declined and shows in `guidebot gaps` ("what should
    i wear" is not "what should i ask"). A word added ("how are you today"), misspelt ("wat
    can u do") or near the intent's ("am i speaking to a bot", "am i talking to an ai"
    beside "am i talking to a human" and "are you a robot") leaves it small talk; so does
    every word when nothing reads meaning."""
    own = [w for w in words if w not in example and names_a_thing([w], english, known)]
    if alike is None or not own or all(w in words for w in example):
        return False
    theirs = list(intent)
    nearness = [n for w in own for n in alike(w, theirs)]
    return all(n is not None and n < SWAP_LINE for n in nearness)


def leaning_on(topic: str, question: str) -> str:
    """A follow-up as read with the question it follows, for the log, `guidebot gaps` and
    feedback (Reply.read_as): "do you ship internationally? and to canada?", and with a
    dash after a topic that ends in no stop ("lost my wallet on the ferry — how long do you
    keep it"), which run on would read as one question to whoever answers the log."""
    topic = topic.rstrip().rstrip(",;:-–—").rstrip()  # "salary," — no comma before the dash
    return f"{topic} {question}" if topic.endswith(("?", ".", "!")) else f"{topic} — {question}"
