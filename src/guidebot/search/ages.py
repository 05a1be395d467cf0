"""Ages: a question that tells or asks one ("I'm 22, can I hire?", "how old do you have to
be?", "my 8 year old"), and a passage that sets one ("aged 21 to 24", "at least 18 years
old", "over-65s", "80 and over", "the minimum age").

Such a question is about the passage on age limits, whatever else it shares with other
passages; and the age it tells is the asker's own figure, which the text never writes as
such: searched as a term, "22" met the opening hours' "22:00" instead. The cues are English
phrasings, the same in every guide; answertypes reads them as Kind.AGE.
"""

from __future__ import annotations

import re

_NUMBER = r"\d{1,2}"
# An age told stands alone, the clause going on or ending after it ("I'm 22, can I hire?",
# "my son is 16 and", "I'm 70 now"); a figure followed by a noun counts something else ("I'm
# 5 minutes away", "I'm 4 payments behind", "she's 5'4").
_ALONE = (
    r"(?=\s*(?:[,.!?;:)]|$|(?:and|but|so|now|next|soon|this|can|could|may|will|would|do|does|"
    r"is|am|are|was|years?|yrs?|y/?o)\b))"
)
# After "children under 4", "guests over 6 ft" measures something else.
_NO_UNIT = r"(?!\s*(?:%|ft|feet|foot|inches|in|cm|m|kg|lbs?|stone|st|minutes?|mins?|hours?)\b)"
_KIN = (
    "son|daughter|child|kid|boy|girl|baby|mum|mom|mother|dad|father|gran|grandma|granny|"
    "grandad|granddad|grandpa|grandson|granddaughter|nan|husband|wife|partner|friend|"
    "brother|sister"
)


def _told(age: str) -> str:
    """An age told, `age` the figure's pattern: "I'm 22", "im 23", "my son is 16", "she's
    7", "aged 70", "turning 18"."""
    return (
        rf"\b(?:i['’]?m|i\s+am|he['’]?s|she['’]?s|he\s+is|she\s+is|(?:{_KIN})\s+is|"
        rf"(?:{_KIN})['’]s|aged?|turning|turned|turns)\s+{age}\b{_ALONE}"
    )


def _with_unit(age: str) -> str:
    """An age written with its unit, `age` the figure's pattern: "a 17 year old", "my
    8-year-old", "15yo"."""
    return rf"\b{age}[\s-]*(?:(?:years?|yrs?)[\s-]*olds?|year[\s-]*olds?|y/?o)\b"


_TOLD = re.compile(_told(rf"(?P<age>{_NUMBER})"), re.I)
_WITH_UNIT = re.compile(_with_unit(rf"(?P<age>{_NUMBER})"), re.I)
# What every phrasing of ASKED holds: a figure, "old" or "age".
HINT = re.compile(r"\d|old|age", re.I)
# Asking about ages, told or not: "how old", "minimum age", "age limit", "over 65s".
ASKED = re.compile(
    rf"{_told(_NUMBER)}|{_with_unit(_NUMBER)}|\bhow\s+old\b|"
    r"\b(?:minimum|maximum|min|max|upper|lower)\s+age\b|"
    r"\bage\s+(?:limits?|restrictions?|requirements?|range|groups?|brackets?)\b|"
    r"\bwhat\s+ages?\b|\b(?:over|under)[\s-]?\d{1,2}s\b",
    re.I,
)
# A passage setting an age: "aged 4 to 12", "at least 18 years old", "under-16s", "drivers
# 80 and over", "children under 4", "the minimum age", "in that age bracket"; not any count
# ("groups of 10 and over", "guests over 6 ft").
HELD = re.compile(
    rf"\bage[sd]?\s+(?:of\s+)?{_NUMBER}\b|\b{_NUMBER}[\s-]*(?:years?|yrs?)[\s-]*old\b|"
    rf"\b{_NUMBER}[\s-]*year[\s-]*olds?\b|\b(?:over|under)[\s-]?{_NUMBER}s\b|"
    rf"\bunder[\s-](?:ones|twos|threes|fours|fives|sixes|sevens|eights|nines|tens)\b|"
    rf"\b(?:children|child|kids|babies|infants|anyone|guests|drivers|visitors)\s+"
    rf"(?:(?:over|under)\s+{_NUMBER}\b{_NO_UNIT}|{_NUMBER}\s+(?:or|and)\s+"
    r"(?:over|older|above|under|younger)\b)|"
    r"\b(?:minimum|maximum|upper|lower)\s+age\b|"
    r"\bage\s+(?:limits?|restrictions?|brackets?|range|groups?)\b",
    re.I,
)


def ages_told(text: str) -> list[str]:
    """The figures of the ages the text tells, as written, in order: "22" of "I'm 22, can I
    hire?" and "8" of "my 8 year old". They are the asker's, not words to search."""
    if not HINT.search(text):
        return []  # most questions: no figure, so no age
    found = {m.start("age"): m.group("age") for m in _TOLD.finditer(text)}
    found.update((m.start("age"), m.group("age")) for m in _WITH_UNIT.finditer(text))
    return [found[at] for at in sorted(found)]  # "I'm 21 years old" tells one age
