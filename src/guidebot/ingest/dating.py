"""The date an article gives itself in its byline ("Updated February 2026", "Last updated:
6 January 2026", "By Jane Doe · Published 2025-03-03"), kept as written for the guide's
front matter (`updated`), so that "is this up to date?" gets the source's own answer.

Only a short line counts, and only where a byline puts its date: at the line's start or
after a separator ("·", "|", a dash, a comma). A sentence of the text ("the timetable was
updated in March 2026") states when something else changed, not the article.
"""

from __future__ import annotations

import datetime
import re

_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_DATE = (
    rf"(?:{_DAY}\s+{_MONTH},?\s+{_YEAR}"  # 6 January 2026
    rf"|{_MONTH}\s+(?:{_DAY},?\s+)?{_YEAR}"  # January 6, 2026; February 2026
    rf"|{_YEAR}-\d\d-\d\d"  # 2026-01-06
    rf"|\d{{1,2}}[/.]\d{{1,2}}[/.]{_YEAR})"  # 06/01/2026 (the page's own order, kept)
)
_UPDATED = r"(?:last\s+)?(?:updated|modified|reviewed|revised|edited)"
_PUBLISHED = r"(?:first\s+)?(?:published|posted)"
_STATED = re.compile(
    rf"(?:^|\s*[·•|—–,;]\s*|\s+-\s+)(?P<label>{_UPDATED}|{_PUBLISHED})(?:\s+(?:on|in))?\s*:?\s*"
    rf"(?P<date>{_DATE})(?![\w-])\s*",
    re.IGNORECASE,
)
MAX_WORDS = 16  # a byline: names, a job title, one or two dates
FRONT_MATTER_DATES = ("updated", "lastmod", "last_modified_at", "modified", "date")


def split_date(line: str) -> tuple[str, str]:
    """(the date the line states as its article's, as written, "" for none; the line without
    it). With both a publication and an update date the update's, the later by its label.
    Only a line of at most MAX_WORDS words is read, and its date only after a label at its
    start or after a separator: "By Jane Doe · Updated February 2026" gives ("February
    2026", "By Jane Doe")."""
    if len(line.split()) > MAX_WORDS:
        return "", line
    found = list(_STATED.finditer(line))
    if not found:
        return "", line
    updates = [m for m in found if re.fullmatch(_UPDATED, m.group("label"), re.IGNORECASE)]
    date = " ".join((updates or found)[0].group("date").split())
    rest = _STATED.sub(" ", line)
    return date, " ".join(rest.split()).strip(" ·•|—–,;-")


def take_date(blocks: list[str], first: int = 3) -> str:
    """The date stated by one of the `first` blocks (split_date), "" for none; that block is
    changed in place to what is left of it, or removed when nothing is."""
    for index, block in enumerate(blocks[:first]):
        date, rest = split_date(block)
        if date:
            if rest:
                blocks[index] = rest
            else:
                del blocks[index]
            return date
    return ""


def front_matter_date(meta: dict[str, object]) -> str:
    """The date a Markdown file's front matter gives, by the first of FRONT_MATTER_DATES
    (Hugo's `lastmod`, Jekyll's `last_modified_at`, the plain `date` last): as written, a
    date or time YAML read as one by its ISO form (its date alone)."""
    for key in FRONT_MATTER_DATES:
        value = meta.get(key)
        if isinstance(value, datetime.datetime):
            return value.date().isoformat()
        if isinstance(value, datetime.date):
            return value.isoformat()
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return ""
