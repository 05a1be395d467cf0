"""The date an article gives itself in its byline ("Updated February 2026", "Last updated:
6 January 2026", "By Jane Doe · Published 2025-03-03"), kept as written for the guide's
front matter (`updated`), so that "is this up to date?" gets the source's own answer.

Only a line that is a byline and nothing else counts: one line (not a list), its dates
after a label at its start or after a separator ("·", "|", a dash, a comma, ";"), at most
names before them ("By Jane Doe") and a time of day or "by Name" after them. Anything
more is text to keep: "Updated 1 March 2026: fares rise by 5%" is news of the fares, and
"the timetable was updated in March 2026" says when something else changed.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence

_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_DATE = (
    rf"{_WEEKDAY}(?:{_DAY}\s+{_MONTH},?\s+{_YEAR}"  # (Tuesday) 6 January 2026
    rf"|{_MONTH}\s+(?:{_DAY},?\s+)?{_YEAR}"  # January 6, 2026; February 2026
    rf"|{_YEAR}-\d\d-\d\d"  # 2026-01-06
    rf"|\d{{1,2}}[/.]\d{{1,2}}[/.]{_YEAR})"  # 06/01/2026 (the page's own order, kept)
)
# "at 10:00 am", "10.00 GMT", "T10:00:00Z": the hour is no part of the date kept.
_TIME = r"(?:,?\s*(?:at\s+|T)?\d{1,2}[:.]\d\d(?::\d\d)?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}|Z)?)?"
_UPDATED = r"(?:page\s+)?(?:last\s+)?(?:updated|update|modified|reviewed|revised|edited)"
_PUBLISHED = r"(?:first\s+|originally\s+)?(?:published|posted)"
_DATED = rf"(?P<date>{_DATE}){_TIME}(?![\w-])"  # a date, maybe with its hour
# The separator's spaces from where their run starts only, as in dialogue/split._JOIN.
_STATED = re.compile(
    rf"(?:^|(?<!\s)\s*[·•|—–,;]\s*|(?<!\s)\s+-\s+)"
    rf"(?P<label>{_UPDATED}|{_PUBLISHED})(?:\s+(?:on|in))?\s*:?\s*{_DATED}",
    re.IGNORECASE,
)
# A date's label standing alone, as a definition list's term: "Last updated", "Published:".
_LABEL_ALONE = re.compile(rf"(?:{_UPDATED}|{_PUBLISHED})(?:\s+(?:on|in))?\s*:?", re.IGNORECASE)
# A label's value: the date alone, or with a link after a dash ("— See all updates").
_VALUE_DATE = re.compile(rf"{_DATED}\s*(?:[—–|·]\s*(?:\S+\s*){{1,5}})?", re.IGNORECASE)
# What may stand beside the dates: names before them, "by Name" after.
_NAMES = re.compile(r"(?:by\s+)?[^\d.:!?()]{1,80}", re.IGNORECASE)
_BY_NAME = re.compile(r"\s*by\s+[^\d.:!?()]{1,60}", re.IGNORECASE)
MAX_WORDS = 16  # a byline: names, a job title, one or two dates
UPDATE_KEYS = ("updated", "lastmod", "last_modified_at", "modified")  # a Markdown file's


def split_date(line: str) -> tuple[str, str]:
    """(the date a byline line states, as written, "" for none; the line without it). With
    both a publication and an update date the update's, the later by its label. A line
    holding anything but names, dates and a time of day is no byline: ("", line).
    "By Jane Doe · Updated February 2026" gives ("February 2026", "By Jane Doe")."""
    if "\n" in line or len(line.split()) > MAX_WORDS:
        return "", line
    found = list(_STATED.finditer(line))
    if not found or any(a.end() != b.start() for a, b in zip(found, found[1:], strict=False)):
        return "", line
    before, after = line[: found[0].start()].strip(), line[found[-1].end() :]
    if (before and not _NAMES.fullmatch(before)) or (
        after.strip() and not _BY_NAME.fullmatch(after)
    ):
        return "", line
    updates = [m for m in found if re.fullmatch(_UPDATED, m.group("label"), re.IGNORECASE)]
    date = " ".join((updates or found)[0].group("date").split())
    rest = " ".join(f"{before} {after.strip()}".split()).strip(" ·•|—–,;-")
    return date, rest


def stated_date(blocks: list[str]) -> str:
    """The date the blocks of a page's opening state, "" for none: that of the first byline
    (split_date) or of the labels standing alone each followed by a block that is a date
    and nothing more but a link after a dash (a definition list: "Last updated", then
    "11 March 2024 — See all updates"; an update's before a publication's), whichever
    comes first."""
    updates: list[str] = []
    publications: list[str] = []
    for index, block in enumerate(blocks):
        date, _ = split_date(block)
        if date:  # a byline after the definition list is another item's
            return next(iter(updates + publications), date)
        label = block.strip()
        if not _LABEL_ALONE.fullmatch(label) or index + 1 == len(blocks):
            continue
        value = _VALUE_DATE.fullmatch(blocks[index + 1].strip())
        if value:
            found = " ".join(value.group("date").split())
            (updates if re.match(_UPDATED, label, re.IGNORECASE) else publications).append(found)
    return next(iter(updates + publications), "")


def dated_block(blocks: Sequence[str], first: int = 3) -> tuple[int, str, str] | None:
    """(its index, the date, what is left of it) for the first of the `first` blocks that
    states a date (split_date: a block of several lines never does), None for none."""
    for index, block in enumerate(blocks[:first]):
        date, rest = split_date(block)
        if date:
            return index, date, rest
    return None


def take_date(blocks: list[str], first: int = 3) -> str:
    """The date stated by one of the `first` blocks (dated_block), "" for none; that block
    is changed in place to what is left of it, or removed when nothing is."""
    found = dated_block(blocks, first)
    if found is None:
        return ""
    index, date, rest = found
    blocks[index : index + 1] = [rest] if rest else []
    return date


def front_matter_date(meta: dict[str, object], keys: tuple[str, ...] = UPDATE_KEYS) -> str:
    """The date a Markdown file's front matter gives under the first of `keys` it has (Hugo's
    `lastmod`, Jekyll's `last_modified_at`; pass ("date",) for the publication date): as
    written, a date or time YAML read as one by its ISO form (its date alone)."""
    for key in keys:
        value = meta.get(key)
        if isinstance(value, datetime.datetime):
            return value.date().isoformat()
        if isinstance(value, datetime.date):
            return value.isoformat()
        if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
            return " ".join(str(value).split())
    return ""
