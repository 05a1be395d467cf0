"""The sources an article names in its text, for a reference list the page left empty.

Web articles often load their reference list apart from the text, so a saved copy of the
page has the heading "References" with nothing under it while the text still names where its
figures come from: "(Graduate Record Examinations Board, 2024)", "according to the U.S.
Bureau of Labor Statistics", "the National Center for Education Statistics (2024)". Those
three forms are the in-text citations of the APA and similar styles (APA Publication Manual,
7th edition, section 8.11). Left out, the heading can answer nobody who asks where the
figures come from; filled with the sources the text names, it answers in the article's own
words. Only those forms are read, so nothing is invented: a text naming no source leaves the
heading out as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# The names a reference list goes by (compared case-insensitively, without a final colon).
LIST_HEADINGS = frozenset(
    {"references", "reference list", "sources", "sources cited", "bibliography", "works cited"}
)
YEAR = r"(?:19|20)\d\d"
# "(Name, 2024)": a name of up to 80 characters, with no brackets, starting with a capital.
_BRACKETED = re.compile(rf"\(([A-Z][^()]{{0,79}}?),\s*({YEAR})[a-z]?\)")
_NAME_YEAR = re.compile(rf"\(({YEAR})[a-z]?\)")  # "Name (2024)": the name comes before it
_ACCORDING = re.compile(r"\baccording to\s+", re.IGNORECASE)
# Words that may join the capitalised words of one name ("Bureau of Labor Statistics").
_JOINING = frozenset({"of", "for", "and", "on", "the", "&"})
MAX_NAME_WORDS = 10
# How far from its year or "according to" a name is looked for, in characters: enough for
# MAX_NAME_WORDS words, and each citation is read in constant time whatever the text's length.
NAME_REACH = 400


def lists_sources(heading: str) -> bool:
    """Whether a heading names a reference list ("References", "Works cited:")."""
    return heading.strip().rstrip(":").strip().casefold() in LIST_HEADINGS


def cited_sources(blocks: Iterable[str]) -> list[str]:
    """The sources the text cites, in the order first named, each once: "Name (year)" when
    a year goes with it, else "Name"."""
    found: dict[str, str] = {}
    for text in blocks:
        for name, year in _citations(" ".join(text.split())):
            if name and (name not in found or not found[name]):
                found[name] = year
    return [f"{name} ({year})" if year else name for name, year in found.items()]


def _citations(text: str) -> list[tuple[str, str]]:
    """(name, year or "") for each citation in one block, in text order."""
    cited: list[tuple[int, str, str]] = []
    for match in _BRACKETED.finditer(text):
        cited.append((match.start(), _trimmed(match.group(1).split()), match.group(2)))
    for match in _NAME_YEAR.finditer(text):
        start = max(0, match.start() - NAME_REACH)
        words = text[start : match.start()].split()[1 if start else 0 :]  # no cut word
        cited.append((match.start(), _trimmed(_name_before(words)), match.group(1)))
    for match in _ACCORDING.finditer(text):
        rest = text[match.end() : match.end() + NAME_REACH]
        words = _name_after(rest.split()[: MAX_NAME_WORDS + 1])
        year = _NAME_YEAR.match(rest[len(" ".join(words)) :].lstrip()) if words else None
        cited.append((match.start(), _trimmed(words), year.group(1) if year else ""))
    return [(name, year) for _, name, year in sorted(cited)]


def _name_before(words: list[str]) -> list[str]:
    """The capitalised words (and words joining them) that end `words`."""
    name: list[str] = []
    for word in reversed(words[-MAX_NAME_WORDS:]):
        if not (_capitalised(word) or word.casefold() in _JOINING):
            break
        name.insert(0, word)
    return name


def _name_after(words: list[str]) -> list[str]:
    """The capitalised words (and words joining them) that start `words`, up to a word
    ending a clause ("Statistics," or "Statistics.")."""
    name: list[str] = []
    for word in words[:MAX_NAME_WORDS]:
        bare = word if _abbreviation(word) else word.rstrip(",;:.")
        if not (_capitalised(bare) or bare.casefold() in _JOINING):
            break
        name.append(bare)
        if bare != word:
            break
    return name


def _trimmed(words: list[str]) -> str:
    """The name in `words`, without joining words at either end or a possessive "'s"."""
    while words and words[0].casefold() in _JOINING:
        words = words[1:]
    while words and words[-1].casefold() in _JOINING:
        words = words[:-1]
    name = " ".join(words).rstrip(",;:")
    for ending in ("'s", "\u2019s"):
        name = name.removesuffix(ending)
    # A date in brackets ("(Artificial Intelligence APR 22, 2026)") names no source.
    if any(c.isdigit() for c in name):
        return ""
    return name if any(_capitalised(w) for w in name.split()) else ""


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _abbreviation(word: str) -> bool:
    """A word whose final period is part of it: "U.S.", "Inc.", "Dept."."""
    return bool(re.fullmatch(r"(?:[A-Z]\.)+|[A-Z][a-z]{1,3}\.", word))
