"""The kind of answer a question asks for (a price, a share or change in per cent, a time of
day, a length of time, a phone number, an email, web or postal address, an age limit) and
which passages hold one: "whats the phone number for the library" is answered by the
section that gives a number to call, not by the one on lost property that happens to say
"phone".

This is answer typing as factoid question answering has used it since TREC-8 (Moldovan et
al., "LASSO: a tool for surfing the answer net", 1999), reduced to the kinds an FAQ's answers
write with digits and symbols (and a postal address by English-speaking post's conventions:
post codes, street kinds, PO boxes), which read the same in every guide: no list of the
guide's own words is needed. The question's cues are English phrasings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import IntFlag
from functools import lru_cache

import numpy as np

from guidebot.knowledge.passages import Passage
from guidebot.search import ages, postal
from guidebot.search.index import top_k
from guidebot.search.phones import EMAIL, PHONE, SHORT_LINE, is_phone


class Kind(IntFlag):
    """Kinds of answer, as bits: a question may ask for, and a passage hold, several."""

    NONE = 0
    MONEY = 1
    CLOCK = 2
    DURATION = 4
    PHONE = 8
    EMAIL = 16
    WEB = 32
    PERCENT = 64
    FIGURE = 128  # any figure in digits: what a minimum, a maximum or an average asks for
    POSTAL = 256  # a street address, post code or PO box: where to go or to write
    AGE = 512  # an age limit: "aged 21 to 24", "over-65s" (ages.py)
    DATE = 1024  # a day of the year: "15 May", "March 2", "12/03/2026"


_COUNTS = (
    r"\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"twenty|thirty|forty|sixty|ninety|a few|several"
)
_TEENS = "thirteen|fourteen|sixteen|seventeen|eighteen|nineteen"  # fifteen is a count
_UNITS = (
    r"(?:(?:working|business|calendar|school)\s+)?"
    r"(?:minute|min|hour|hr|day|week|month|year|yr|semester|term|quarter)"
)
# Months as a text writes them, capitalised: "may" is the verb ("under 12 may stay free").
_MONTHS = (
    "Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    "Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
# A day of the year: "15 May", "1st June", "March 2", or in figures with its year
# ("12/03/2026"; not a version, "3.2.12", nor sizes, "10-12-14").
_DAY = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b|"
    rf"\b(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?![:.]\d)|"
    r"(?<![\d.])\d{1,2}([./-])\d{1,2}\1(?:19|20)\d\d\b"
)
_COUNTED = re.compile(rf"\b(?:{_COUNTS})[\s-]+(?:{_UNITS})s?\b", re.I)
_HOURS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_HELD: tuple[tuple[Kind, re.Pattern[str]], ...] = (
    (
        Kind.MONEY,
        re.compile(
            r"[$£€¥₹]\s?\d|\b(?:usd|eur|gbp)\s?\d|"
            r"\d\s?(?:dollars?|pounds?|euros?|pence|cents?|usd|eur|gbp)\b|\b\d+p\b",
            re.I,
        ),
    ),
    (
        Kind.CLOCK,
        re.compile(
            r"\b\d{1,2}(?:[:.]\d\d)?\s?(?:am|pm|a\.m\.|p\.m\.)|\b\d{1,2}:\d\d\b|"
            r"\b(?:noon|midday|midnight)\b|"
            # in words: "eight o'clock", "nine till five" ("two to three" may count days)
            rf"\b(?:{_HOURS})\s+o['’]?clock\b|\b(?:{_HOURS})\s+(?:till|until|til)\s+(?:{_HOURS})\b",
            re.I,
        ),
    ),
    (Kind.DURATION, _COUNTED),
    (Kind.DATE, _DAY),
    (Kind.AGE, ages.HELD),
    (
        Kind.PERCENT,
        re.compile(
            rf"\d\s?%|(?:\d|\b(?:{_COUNTS}|{_TEENS}|zero|fifty|seventy|eighty|hundred))\s?"
            r"(?:percent(?:age points?)?|per cent)\b",
            re.I,
        ),
    ),
    # A match starts only where its run of characters does, and never gives back what it
    # took (possessive): a long run of word characters is read once, not once per start.
    (Kind.EMAIL, EMAIL),
    (
        Kind.WEB,
        re.compile(
            # Not the domain of an email address ("waste@harrowby.gov.uk").
            r"https?://|\bwww\.|(?<![\w@.-])[\w-]++\.(?:com|org|net|edu|gov|io|co\.uk|org\.uk|ac\.uk)\b",
            re.I,
        ),
    ),
)
_YEARS = r"(?:years?|yrs?)"
_STORY_YEARS = re.compile(
    rf"\b(?:for|next|past|last)\s+(?:the\s+(?:last|past|next)\s+)?(?:{_COUNTS})[\s-]+"
    rf"(?P<unit>{_YEARS})\b|\b(?:{_COUNTS})[\s-]+(?P<age>{_YEARS})[\s-]+(?:ago|old)\b",
    re.I,
)

# "How much quicker", "by how much": a degree asked, not an amount of money.
_COMPARATIVES = (
    "more|less|fewer|better|worse|faster|quicker|slower|higher|lower|bigger|smaller|longer|"
    "shorter|easier|harder|greater|larger|earlier|later|long|time"
)
# Of those, the rates and sizes compared ("how much faster"), which ask for a share or a
# difference; not "longer" or "later", a length of time.
_RATES = "more|less|fewer|better|worse|faster|quicker|slower|higher|lower|bigger|smaller|greater"
_ASKED: tuple[tuple[Kind, re.Pattern[str]], ...] = (
    (
        Kind.MONEY,
        re.compile(
            r"\b(?:costs?|costing|prices?|"
            r"priced|fees?|charges?|salary|salaries|wages?|earn|earns|expensive|cheap|cheapest|"
            r"afford|tuition|fares?)\b|\b(?:pay|paid)\b(?! off\b)",
            re.I,
        ),
    ),
    (Kind.CLOCK, re.compile(r"\bwhat time\b|\bopening (?:hours|times)\b|\bhours\b", re.I)),
    # "when ... opens" asks a time of day or a day ("when does the new exhibition open?"):
    # read from a line's first "when" only, held (possessive), so that a line of many
    # "when"s is read once, not once from each (33 s for "when " * 20000).
    (
        Kind.CLOCK | Kind.DATE,
        re.compile(
            r"^(?:(?!\bwhen\b).)*+\bwhen\b.*\b(?:opens?|close[sd]?|shuts?|starts?|begins?|finish(?:es)?)\b",
            re.I | re.M,
        ),
    ),
    (Kind.DATE, re.compile(r"\b(?:what|which)\s+dates?\b", re.I)),
    (
        Kind.DURATION,
        re.compile(r"\bhow long\b|\bhow many (?:minutes|hours|days|weeks|months|years)\b", re.I),
    ),
    # A number or an address to reach someone by, not the thing itself: "i left my phone
    # in the library", "i got an email saying" ask for neither.
    (
        Kind.PHONE,
        re.compile(
            r"\b(?:phone|telephone|mobile|contact)\s+(?:number|no)\b|\bcall\b|"
            r"\b(?:contact|reach)\s+(?:you|us)\b|\bget in touch\b|"
            r"\b(?:ring|phone|telephone)\s+(?:you|us|them|the|him|her)\b|\bby (?:tele)?phone\b|"
            # "who do I ring", "what number do I dial": the verbs of calling in British use,
            # after a modal ("I lost my ring" and "the ring road" ask for no number)
            r"\b(?:do|can|should|could|shall|to) (?:i |we )?(?:ring|dial)\b|"
            r"\bwhat(?:s| is)? (?:the )?number (?:do|should|can|could|shall) (?:i|we)\b",
            re.I,
        ),
    ),
    (
        Kind.EMAIL,
        re.compile(
            r"(?<!\bmy )\be-?mail address\b|"
            r"(?<!\ban )(?<!\bmy )\be-?mail\b(?! (?:from|saying|about|address)\b)",
            re.I,
        ),
    ),
    (Kind.WEB, re.compile(r"\b(?:website|web site|url|web page|webpage)\b", re.I)),
    (Kind.AGE, ages.ASKED),
    (Kind.POSTAL, postal.ASKED),
    # A share or a difference: "what percentage", "how much faster".
    (
        Kind.PERCENT,
        re.compile(
            rf"\bpercent(?:age)?s?\b|\bper cent\b|%|\bhow much (?:{_RATES})\b(?! time\b)",
            re.I,
        ),
    ),
)
# "How much" alone asks for an amount of money, not "how much quicker", "by how much".
_HOW_MUCH = re.compile(rf"(?<!\bby )\bhow much\b(?! (?:{_COMPARATIVES})\b)", re.I)
# A degree of change ("by how much can AI cut costs", "how much has adoption grown"): a
# share or an amount, asked within a few words, not across a clause ("how much will I pay
# if prices rise" asks a price).
_CHANGE = (
    r"grow|grows|grown|grew|rise|rises|risen|rose|increase[sd]?|jump(?:s|ed)?|climb(?:s|ed)?|"
    r"fall(?:s|en)?|fell|drop(?:s|ped)?|cut|cuts|reduce[sd]?|trim(?:s|med)?|lower(?:s|ed)?|"
    r"(?:gone|go|goes|went) up|ramp(?:s|ed)? up|shr[iu]nk|shrinks|decline[sd]?"
)
_CHANGING = r"growing|rising|increasing|jumping|climbing|falling|dropping|going up|declining"
_DEGREE = re.compile(
    r"\bby how much\b|"
    r"\bhow much (?:has|have|had|did|does|do|will|would|can|could)"
    rf"(?: (?!pay\b|cost|spend)\w+){{0,4}}? (?:{_CHANGE})\b|"
    # after "is" or "are" only a verb going on: "how much is a trim" asks a price.
    rf"\bhow much (?:is|are|was|were)(?: (?!pay\b|cost|spend)\w+){{0,4}}? (?:{_CHANGING})\b",
    re.I,
)


# Words every phrasing of a costly pattern holds: most questions lack them, and a literal
# search is a tenth of the pattern's time (the age phrasings cost 11 µs a question).
_HINTS = {Kind.AGE: ages.HINT, Kind.POSTAL: postal.HINT}


# Both read one text with some thirty patterns, and a turn asks them of the same question
# (asked apart, lifts, the kind-asked note) and the same passages several times over: kept,
# the patterns run once (0.06 ms a turn on the bundled guide). Pure functions of a string.
@lru_cache(maxsize=4096)
def asked(question: str) -> Kind:
    """The kinds of answer the question asks for (Kind.NONE when it names none)."""
    kind = Kind.NONE
    for each, pattern in _ASKED:
        hint = _HINTS.get(each)
        if (hint is None or hint.search(question)) and pattern.search(question):
            kind |= each
    if _DEGREE.search(question):
        kind |= Kind.PERCENT  # money only if named: "how much did the fee go up"
    elif _HOW_MUCH.search(question):
        kind |= Kind.MONEY
    return kind


@lru_cache(maxsize=4096)
def held(text: str) -> Kind:
    """The kinds of answer the text holds."""
    kind = Kind.NONE
    for each, pattern in _HELD:
        if pattern.search(text):
            kind |= each
    if SHORT_LINE.search(text) or any(is_phone(m.group()) for m in PHONE.finditer(text)):
        kind |= Kind.PHONE
    if postal.HELD.search(text):
        kind |= Kind.POSTAL
    return kind


def years_told(text: str) -> list[str]:
    """The words for years that the text counts as part of a story, as written, in order:
    years spent ("for ten years", "for the last 6 yrs"), gone ("10 yrs ago"), ahead ("over
    the next several years") or of an age ("20 year old machines"). Not "a 4 year program"
    or "in 2 years", where the count may be what is asked."""
    return [m.group("unit") or m.group("age") for m in _STORY_YEARS.finditer(text)]


def reach_at(text: str) -> list[tuple[int, int, Kind]]:
    """Where the text gives a phone number or an email address: (start, end, Kind.PHONE or
    Kind.EMAIL) of each, in order."""
    phones = [m for m in PHONE.finditer(text) if is_phone(m.group())]
    found = [(m.start(), m.end(), Kind.PHONE) for m in [*phones, *SHORT_LINE.finditer(text)]]
    found += [(m.start(), m.end(), Kind.EMAIL) for m in EMAIL.finditer(text)]
    return sorted(found)


class AnswerKinds:
    """The kinds of answer each passage's text holds, read the first time a question asks
    for one of that passage (most questions ask for none, and a large library's texts are
    read from disk only when wanted: knowledge/table.py)."""

    def __init__(self, passages: Sequence[Passage]) -> None:
        self._passages = passages
        self._held: dict[int, Kind] = {}  # passage row -> its kinds

    def passage(self, row: int) -> Passage:
        """Passage `row` itself."""
        return self._passages[row]

    def of(self, row: int) -> Kind:
        """The kinds of answer passage `row`'s text holds."""
        if row not in self._held:
            self._held[row] = held(self._passages[row].text)
        return self._held[row]

    def lift(
        self, wanted: Kind, scores: np.ndarray, baseline: float, pool: int, weight: float
    ) -> None:
        """Raise each of the `pool` best passages (`scores`, float64 [passages], changed in
        place) that holds a kind of answer `wanted` (the question's, asked() reads them) by
        `weight` times the best score above `baseline`. Nothing changes for Kind.NONE."""
        if not wanted or weight <= 0:
            return
        rows = top_k(scores, pool, baseline)
        top = float(scores[rows].max()) - baseline if len(rows) else 0.0
        if top <= 0:
            return
        holding = [row for row in rows.tolist() if self.of(row) & wanted]
        scores[holding] += weight * top
