"""The sources an article names in its text, for a reference list the page left empty.

Web articles often load their reference list apart from the text, so a saved copy of the
page has the heading "References" with nothing under it while the text still names where its
figures come from: "(Graduate Record Examinations Board, 2024)", "according to the U.S.
Bureau of Labor Statistics", "according to the National Center for Education Statistics
(2024)". Left out, the heading can answer nobody who asks where the figures come from;
filled with the sources the text names, it answers in the article's own words.

Two forms are read, both of them citations by their wording rather than by guesswork: the
author-date citation in brackets of the APA and similar styles (APA Publication Manual, 7th
edition, section 8.11: "(Name, 2024)", "(Smith, 2020; Jones, 2021)", "(Smith et al., 2020,
p. 5)"), and a name after "according to". A bare "Name (2024)" is not read: "In March
(2024)", "London (2019)" or a list of articles with their years look the same. A name must
start with a capital, hold no figure (a date in brackets is no source) and not be a word
that labels a date ("(Updated, 2024)", "(Monday, 2024)"). A text naming no source leaves
the heading out as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# The names a reference list goes by (compared case-insensitively, without a final colon).
LIST_HEADINGS = frozenset(
    {"references", "reference list", "sources", "sources cited", "bibliography", "works cited"}
)
MAX_SOURCES = 50  # a longer list says the text is not an article citing its sources
MAX_NAME_WORDS = 10
# How far from "according to" a name is looked for, in characters: enough for MAX_NAME_WORDS
# words, so each citation is read in constant time whatever the text's length.
NAME_REACH = 400
YEAR = r"(?:19|20)[0-9][0-9][a-z]?"
# "(...)" holding one or more "Name, 2024" separated by ";": up to 200 characters, no brackets.
_BRACKETS = re.compile(r"\(([^()]{3,200})\)")
_AUTHOR_DATE = re.compile(rf"^(?P<name>[^,;]{{1,80}}?),\s*(?P<year>{YEAR})(?:,\s*pp?\.\s*[0-9]+)?$")
_ACCORDING = re.compile(r"\baccording to\s+", re.IGNORECASE)
_YEAR_AFTER = re.compile(rf"\s*\(({YEAR})\)")
_ABBREVIATION = re.compile(r"(?:[^\W\d_]\.)+|[^\W\d_][a-z]{1,3}\.")
# Words that may join the capitalised words of one name ("Bureau of Labor Statistics").
_JOINING = frozenset({"of", "for", "and", "on", "the", "&"})
# Words capitalised at a sentence's start or naming a date, which begin no source's name.
_NOT_NAMES = frozenset(
    "in on at by from see also our my your his her their its this that these those a an "
    "the table figure chart section page chapter appendix copyright updated posted "
    "published revised accessed retrieved monday tuesday wednesday thursday friday "
    "saturday sunday january february march april may june july august september october "
    "november december spring summer autumn fall winter".split()
)


def lists_sources(heading: str) -> bool:
    """Whether a heading names a reference list ("References", "Works cited:")."""
    return heading.strip().rstrip(":").strip().casefold() in LIST_HEADINGS


def cited_sources(blocks: Iterable[str]) -> list[str]:
    """The sources the text cites, in the order first named, each once: "Name (year)" when
    a year goes with it, else "Name"; at most MAX_SOURCES of them ([] when more)."""
    found: dict[str, None] = {}
    dated: set[str] = set()  # names cited with a year: "Name" alone adds nothing to them
    for text in blocks:
        for name, year in _citations(" ".join(text.split())):
            if year:
                found.pop(name, None)  # "Name" is then "Name (year)"
                dated.add(name)
            elif name in dated:
                continue
            found[f"{name} ({year})" if year else name] = None
            if len(found) > MAX_SOURCES:
                return []
    return list(found)


def _citations(text: str) -> list[tuple[str, str]]:
    """(name, year or "") for each citation in one block, in text order."""
    cited: list[tuple[int, str, str]] = []
    for brackets in _BRACKETS.finditer(text):
        for part in brackets.group(1).split(";"):
            match = _AUTHOR_DATE.match(part.strip())
            if match:
                name = _named(match.group("name").split())
                cited.append((brackets.start(), name, match.group("year")))
    for according in _ACCORDING.finditer(text):
        rest = text[according.end() : according.end() + NAME_REACH]
        words = _leading_name(rest.split()[:MAX_NAME_WORDS])
        if not words:
            continue
        year = _YEAR_AFTER.match(rest[len(" ".join(words)) :])
        cited.append((according.start(), _named(words), year.group(1) if year else ""))
    cited.sort(key=lambda each: each[0])  # stable: "(A, 2020; B, 2021)" keeps its order
    return [(name, year) for _, name, year in cited if name]


def _leading_name(words: list[str]) -> list[str]:
    """The capitalised words (and words joining them) that start `words`, up to a word that
    ends a clause ("Statistics," or "Statistics."), ending on a capitalised one; none when a
    figure follows ("Table 3")."""
    name: list[str] = []
    for word in words:
        bare = word if _abbreviation(word) else word.rstrip(",;:.!?")
        if bare[:1].isdigit():
            return []  # "according to Table 3": a part of the text, not a source
        if not (_capitalised(bare) or bare.casefold() in _JOINING):
            break
        name.append(bare)
        if bare != word:
            break
    while name and not _capitalised(name[-1]):
        name.pop()
    return name


def _named(words: list[str]) -> str:
    """The name in `words`, without joining words at its start, a possessive "'s" or "et
    al."; "" when it is no name (see the module docstring)."""
    while words and words[0].casefold() in _JOINING:
        words = words[1:]
    name = " ".join(words).rstrip(",;:")
    for ending in (" et al.", "'s", "\u2019s"):
        name = name.removesuffix(ending)
    parts = name.split()
    if not parts or not _capitalised(parts[0]) or parts[0].casefold() in _NOT_NAMES:
        return ""
    if any(c.isdigit() for c in name) or all(_abbreviation(p) for p in parts):
        return ""  # a date ("APR 22"), or "U.S." alone in "according to U.S. law"
    return name


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _abbreviation(word: str) -> bool:
    """A word whose final period is part of it: "U.S.", "Inc.", "Dept."."""
    return bool(_ABBREVIATION.fullmatch(word))
