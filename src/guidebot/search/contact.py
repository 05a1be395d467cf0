"""Questions asking only for a way to reach the knowledge's owner ("what's your phone
number", "email?", "where are you based?"), and the passages that answer them: those
holding a number, an address or a web page (answertypes), whatever words they use."""

from __future__ import annotations

import numpy as np

from guidebot.search.analysis import STOP_WORDS, words
from guidebot.search.answertypes import AnswerKinds, Kind, asked, reach_at
from guidebot.search.index import top_k
from guidebot.search.inflection import plural_stems
from guidebot.search.introduction import lift_rows

# A way to reach someone, asked for in these words and no others: the question names no
# topic, so the passages holding one answer it, whether or not they say "phone" (a contact
# section gives the number; the one listing phones to recycle does not).
CONTACT = Kind.PHONE | Kind.EMAIL | Kind.WEB | Kind.POSTAL
REACH_WORDS = frozenset(
    "phone phones telephone tel mobile cell number numbers no call ring contact reach email "
    "emails mail address website site web url page webpage postal post postcode zip code "
    "located location based send write letter letters touch "
    # the verbs' other forms: "postal address for sending a letter"
    "sending sent writing calling phoning ringing emailing contacting reaching posting".split()
)
# Words naming the knowledge's owner's own front desk, which say whom to reach, not about
# what: "email address for customer services?" asks what "email address?" asks, while "phone
# number for the bins team" names a topic beside them.
DESK_WORDS = frozenset(
    "customer customers service services support helpline helpdesk help desk enquiries "
    "enquiry inquiries inquiry general main team office".split()
)
_NAMING_NOTHING = STOP_WORDS | REACH_WORDS | DESK_WORDS  # words that name no one to reach
CONTACT_POOL = 200  # passages read for one: all of a help desk's, the best of a library's
# A label says whose a number or an address is, in a few words after a break and right
# before it: "Reception (24 hours): 0117 …". More, it is a sentence that names someone.
LABEL_WORDS = 4
_BREAKS = (". ", "! ", "? ", ";", ",", "\n")


def contact_only(question: str) -> Kind:
    """The ways to reach someone (Kind bits of CONTACT) a question asks for when it asks for
    nothing else: each of its words is a stop word, one of the request's own (REACH_WORDS)
    or one naming the front desk (DESK_WORDS)."""
    if not all(w in _NAMING_NOTHING for w in words(question)):
        return Kind.NONE  # most questions: a word of some topic, no regular expression read
    return asked(question) & CONTACT


def lift_contact(
    kinds: AnswerKinds,
    question: str,
    wanted: Kind,
    scores: np.ndarray,
    baseline: float,
    richest: bool = True,
) -> bool:
    """For a question asking only for a way to reach someone (contact_only), put the
    passages holding one (of the CONTACT_POOL best in `scores`, float64 [passages], changed
    in place) above all others, as the last word on the ranking; True when there were any:
    they answer it as fully as an entry asked in its words. With `richest`, those giving
    the most kinds of way lead them; without (a question read on from an earlier turn's
    terms), their scores do: "what number do I call?" after "my power is off" asks for the
    number given for power cuts, not the switchboard's. `wanted`: the kinds the question
    asks for (answertypes.asked), for one naming whose number it wants (_lift_labelled)."""
    contact = contact_only(question)
    if not contact:
        return _lift_labelled(kinds, question, wanted, scores, baseline)
    rows = top_k(scores, CONTACT_POOL).tolist()
    holding = [row for row in rows if np.isfinite(scores[row]) and kinds.of(row) & contact]
    if not holding or not lift_rows(scores, baseline, np.array(holding, dtype=np.int64)):
        return False
    # Then those giving the most kinds of way (phone, email, web, post): a contact section
    # gives several, a service's section its own line ("whats your phone number" is not
    # answered from an entry on renewing by phone above "Contacting Us"); and first of
    # all an FAQ entry whose own question asks for the way asked for.
    if not richest:
        return True
    counts = [(kinds.of(row) & CONTACT).bit_count() for row in holding]
    fullest = [row for row, n in zip(holding, counts, strict=True) if n == max(counts)]
    asking = [row for row in holding if _asks_for(kinds, row, contact)]
    for first in (fullest, asking):
        if first and len(first) < len(holding):
            lift_rows(scores, baseline, np.array(first, dtype=np.int64))
    return True


def _asks_for(kinds: AnswerKinds, row: int, contact: Kind) -> bool:
    """Whether passage `row` is an FAQ entry asked only for a way of `contact`."""
    return any(contact_only(asked) & contact for asked in kinds.passage(row).asked)


def _lift_labelled(
    kinds: AnswerKinds, question: str, asked_for: Kind, scores: np.ndarray, baseline: float
) -> bool:
    """For a question asking for a phone number or an email of someone it names ("phone
    number for reception", "email for group bookings"), put first the passages (of the
    CONTACT_POOL best) that give one under a label holding every word it names: a contact
    section's "Reception (24 hours): 0117 496 0321". True when there were any."""
    wanted = asked_for & (Kind.PHONE | Kind.EMAIL)
    if not wanted:
        return False
    named = {w for w in words(question) if w not in _NAMING_NOTHING}
    if not named:
        return False
    rows = [
        row
        for row in top_k(scores, CONTACT_POOL).tolist()
        if np.isfinite(scores[row])
        and kinds.of(row) & wanted
        and _labels(kinds.passage(row).text, named, wanted)
    ]
    return bool(rows) and lift_rows(scores, baseline, np.array(rows, dtype=np.int64))


def _labels(text: str, named: set[str], wanted: Kind) -> bool:
    """Whether the text gives a way of the kinds `wanted` under a label holding all the
    words `named`: the words since the last break (a sentence's end, a comma, a semicolon, a
    line, another way), LABEL_WORDS of them at most, stop words and figures not counted,
    a plural as its singular.
    A way right after another keeps its label: "Reservations: 0117 496 0322,
    reservations@…". "ask reception for City Cabs' number: 0117 …" is no label."""
    label: list[str] = []
    end = 0
    for start, stop, kind in reach_at(text):
        before = text[end:start]
        said = [w for w in words(before[_last_break(before) :]) if not w.isdigit()]
        label = said or label
        end = stop
        content = [w for w in label if w not in STOP_WORDS]
        if kind & wanted and len(content) <= LABEL_WORDS and _holds_all(label, named):
            return True
    return False


def _holds_all(label: list[str], named: set[str]) -> bool:
    """Whether the label holds every word named, in the singular or the plural ("a claim"
    under "The claims line is ...": inflection.plural_stems)."""
    forms = set().union(*map(plural_stems, label))
    return all(plural_stems(word) & forms for word in named)


def _last_break(text: str) -> int:
    """Where the text's last break ends (0 without one)."""
    return max((text.rfind(mark) + len(mark) for mark in _BREAKS if mark in text), default=0)
