"""A message that asks several questions at once ("what's the salary and how long does the
program take?"): where it may divide, and whether it does.

Grammar only proposes (`question_parts`). A message may divide between two sentences that
are questions of their own (the first ending in "?"; each opening like a question, or a
bare topic: "salary? cost?"), and inside a sentence at "and" or "plus" (or ", also") when
both sides open like a question: a question word or an auxiliary ("how long…", "is
there…"). So "what are the pros and cons", "salary and benefits", "Python and R" and "how
do AI and automation relate" never divide: nothing after their "and" opens a question. A
part that points back ("what's CAC and why does it matter") stays with the one before it.

The index decides (`stand_apart`, with Conversation asking each part as a turn of its own,
in order): every part answered, none read as a follow-up of the part before (unless it is
answered with confidence alone), no part's answer about as good an answer to another
part, and the passage that best answers the whole message not about as good for every
part (else one answer serves the message). Nothing here names a topic of any guide:
every knowledge base gets the rule.

`after_smalltalk` finds the question after small talk that opens a message ("thanks! and
how long is the program?").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from guidebot.reply import Reply
from guidebot.search.analysis import normalise, without_item_numbers, words
from guidebot.search.results import Hit, SearchResult
from guidebot.search.sentences import sentences

RANKED = 10  # how far down each part's own ranking other answers are looked for
MAX_PARTS = 3  # a message of more would-be questions is a story, not a list of questions
BARE_TOPIC = 3  # words of a question that names its topic only ("the late fee?")
TOPIC_FIRST = 3  # a question may open this many words in, after its topic ("parking how much?")
# English words that open a question: question words and auxiliaries (after apostrophes
# are dropped, as search.analysis.words drops them: "what's" is "what", "isn't" "isnt").
OPENERS = frozenset(
    "what how when where which who whom whose why "
    "is isnt are arent was wasnt were werent am do dont does doesnt did didnt have has had "
    "can cant could couldnt will wont would wouldnt should shouldnt shall may might must".split()
)
# Question words that people contract without the apostrophe ("whats", "hows", "wheres"):
# such a word with its "s" is "<word> is", an opener as "what's" is.
_CONTRACTED = frozenset("what how when where which who why".split())
# Words that point back to something said before: a part holding one ("why does it matter")
# is about the part before it, not a question of its own.
_POINTING = frozenset(
    "it its they them their theirs this that these those one ones he him his she her".split()
)
# Words that may come before the opener of a question that goes on from another one.
_LEAD_INS = frozenset("and also plus so ok okay then oh but".split())
# Where two questions of one sentence may meet: "and" or "plus", or "also" after a comma;
# the next part starts after it. A bare comma is no such place ("When my ID is checked,
# what are the steps?"), nor a bare "also" ("an engineer who also has a degree"). Only
# where a run of spaces starts ("(?<!\s)"): tried from each of its spaces, a long run is
# read again and again (quadratic time); the leftmost match starts there anyway.
_JOIN = re.compile(
    r"(?<!\s)(?:\s*,\s*(?:and\s+|plus\s+)?also\s+|(?:\s*,)?\s+(?:and|plus)\s+(?:(?:also|then)\s+)?)",
    re.IGNORECASE,
)
_BREAK = re.compile(r"[,.!;:]+\s*")
_SPELT = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")  # words as written, apostrophes kept


def opens_a_question(text: str) -> bool:
    """Whether text opens like a question: its first word, after lead-ins such as "and" or
    "ok", is a question word (contracted without its apostrophe too: "whats") or an
    auxiliary. A word contracted with its apostrophe opens one by what comes before it
    ("what's", "who'd"), or as a negated auxiliary ("isn't"): "we're" is "we are", though
    without the apostrophe it spells "were"."""
    said = [w.replace("\u2019", "'") for w in _SPELT.findall(normalise(without_item_numbers(text)))]
    while said and said[0].replace("'", "") in _LEAD_INS:
        said = said[1:]
    if not said:
        return False
    head, apostrophe, tail = said[0].partition("'")
    if apostrophe and tail != "t":
        return head in OPENERS or head in _CONTRACTED
    bare = said[0].replace("'", "")
    return bare in OPENERS or bare.removesuffix("s") in _CONTRACTED


def asks_its_own(text: str) -> bool:
    """Whether a follow-up asks a question of its own ("is it free?", "and how long for?"),
    not only offers another thing to the one before it ("and for kids?", "what about
    online?"): it opens like a question, and not with "what about" or "how about"."""
    said = words(text)
    while said and said[0] in _LEAD_INS:
        said = said[1:]
    if said[:2] in (["what", "about"], ["how", "about"]):
        return False
    return opens_a_question(text)


def _asks(sentence: str) -> bool:
    """Whether a sentence asks: it ends in "?", or opens like a question and does not end
    as a statement does ("When I tried to pay, it was declined." asks nothing)."""
    end = sentence.rstrip()[-1:]
    return end == "?" or (end not in (".", "!") and opens_a_question(sentence))


def _asks_alone(sentence: str) -> bool:
    """Whether a sentence is a question of its own: it asks and opens like a question, or
    it is a bare topic asked about ("salary?", "and the late fee?"), or a topic of a word or
    two put before a question word, ending in "?" ("lost property how long do you keep
    things?"). A statement with a question mark ("I paid a week ago but it's still not
    there??") tells of the problem the question after it asks about."""
    if not _asks(sentence):
        return False
    said = words(sentence)
    while said and said[0] in _LEAD_INS:
        said = said[1:]
    # Only a question word after the topic: "my card was declined?" is no topic and a
    # question, though "was" opens one.
    topic_first = sentence.rstrip().endswith("?") and any(
        said[at].removesuffix("s") in _CONTRACTED for at in range(1, min(TOPIC_FIRST, len(said)))
    )
    return opens_a_question(sentence) or len(said) <= BARE_TOPIC or topic_first


def question_parts(text: str, names: Callable[[str], bool] = lambda part: False) -> list[str]:
    """The questions the message may be made of, in order (the message itself, alone, when
    grammar offers no division or too many). A part that points back is joined to the one
    before it unless `names(part)`: it names a thing of its own, which "it" may not be
    ("can i cancel anytime? does it integrate with xero": "it" is the product); the index
    then decides (`points_back` parts read as follow-ups stay joined)."""
    spans: list[tuple[int, int]] = []  # where each part starts and ends in text
    position, last = 0, ""  # `last`: the previous sentence's last question
    for sentence in sentences(text):
        at = text.find(sentence, position)
        if at < 0:  # sentences() rejoined an abbreviation with other spacing: no division
            return [text]
        position = at + len(sentence)
        pieces = [(at + start, at + end) for start, end in _within(sentence)]
        first = text[slice(*pieces[0])]
        if spans and last.endswith("?") and _asks_alone(last) and _asks_alone(first):
            spans += pieces
        elif spans:
            # A sentence that asks nothing, or follows one that did not ask, belongs with
            # the question before it ("What does it pay? I'm in Ohio.").
            spans[-1] = (spans[-1][0], pieces[0][1])
            spans += pieces[1:]
        else:
            spans += pieces
        last = text[slice(*pieces[-1])]
    parts = [text[start:end] for start, end in _standing(text, spans, names)]
    return parts if 1 < len(parts) <= MAX_PARTS else [text]


def _standing(
    text: str, spans: list[tuple[int, int]], names: Callable[[str], bool]
) -> list[tuple[int, int]]:
    """The parts, each one that points back ("what's CAC and why does it matter") joined
    to the one before it as written, unless it `names` a thing of its own."""
    kept: list[tuple[int, int]] = []
    for start, end in spans:
        if kept and points_back(part := text[start:end]) and not names(part):
            kept[-1] = (kept[-1][0], end)
        else:
            kept.append((start, end))
    return kept


def points_back(part: str) -> bool:
    """Whether a part holds a word pointing back to something said before ("it", "those")."""
    return bool(_POINTING.intersection(words(part)))


def _within(sentence: str) -> list[tuple[int, int]]:
    """Where the sentence's questions start and end when one ends and another begins inside
    it: at a joining word (`_JOIN`) between two pieces that both open like questions."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _JOIN.finditer(sentence):
        left, right = sentence[start : match.start()], sentence[match.end() :]
        # What follows must ask, not tell: "why can they see when I am and when I am not
        # logged in." is one question.
        if opens_a_question(left) and opens_a_question(right) and _asks(right):
            spans.append((start, match.start()))
            start = match.end()
    return [*spans, (start, len(sentence.rstrip()))]


def after_smalltalk(text: str, is_smalltalk: Callable[[str], bool]) -> str:
    """The question after the small talk that opens the message ("thanks! and how long is
    the program?": "and how long is the program?"; "great, thanks. is it online?": "is it
    online?"), or "" when it opens with none or what comes after asks nothing."""
    asked = ""
    for match in _BREAK.finditer(text):
        rest = text[match.end() :]
        if rest and _asks(rest) and is_smalltalk(text[: match.start()]):
            asked = rest  # the longest run of small talk wins
    return asked


def stand_apart(
    replies: Sequence[Reply],
    alone: Sequence[SearchResult],
    whole: Hit | None,
    tie: float,
) -> bool:
    """Whether the parts of a message are questions of their own, judged by the index: from
    the reply each part got as a turn of its own, each part's search alone (`alone`) and the
    best passage for the whole message (`whole`).

    Every part must be answered, as it would be asked alone (whatever its confidence: "what's
    the maximum weight? do you deliver on sundays?" answered whole is the Sunday answer
    only, the weight question, answered for its meaning, lost); no part's answer may be
    about as good an answer to another part (within `tie` of that part's best score: scores
    compare only within one search); and the whole message's best passage must not be
    about as good an answer to every part, else that one answer serves the message."""
    if not all(r.kind == "answer" and r.sources for r in replies):
        return False
    near = [_near_best(result, tie) for result in alone]
    answers = [r.sources[0].id for r in replies]
    crossed = len(set(answers)) < len(answers) or any(
        answers[i] in near[j] for i in range(len(answers)) for j in range(len(near)) if i != j
    )
    served = whole is not None and all(whole.passage.id in close for close in near)
    return not crossed and not served


def _near_best(result: SearchResult, tie: float) -> set[str]:
    """The passages of a search scoring within `tie` of its best."""
    top = result.hits[0].score if result.hits else 0.0
    return {hit.passage.id for hit in result.hits if hit.score >= tie * top}
