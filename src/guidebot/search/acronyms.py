"""Acronyms of names the knowledge writes out: "fca" for the "Financial Conduct Authority".

People type the initials of an organisation or scheme ("are you regulated by the fca", "how
do i join the psr") where a guide writes its name in full. An acronym is read as the name
whose capitalised words it spells, in order (each part of a hyphenated one: "EHU" for
"Electric Hook-Up"), found in the knowledge's own text: a run of two to six capitalised
words, the small words between them ("and", "of", "for") spelt or skipped, as acronyms do
both ("DVLA" skips the "and" of "Driver and Vehicle Licensing Agency", "MOT" spells the
"of" of "Ministry of Transport"). An acronym two names give is none; nor is one of fewer
than three letters, which many a name and word share.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

SMALL = frozenset({"and", "of", "for", "the", "on", "in", "to", "&"})
MIN_LETTERS, MAX_WORDS = 3, 6
# A capitalised word (letters, perhaps an apostrophe: "Citizens", "Children's"; hyphenated,
# each part capitalised: "Hook-Up"), or a small word between two of them.
_WORD = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)*(?:'s)?"
_RUN = re.compile(
    rf"(?<![\w']){_WORD}(?:[ \t]+(?:(?:and|of|for|the|on|in|to|&)[ \t]+)*"
    rf"{_WORD})+(?![\w'])"
)


def acronyms(texts: Iterable[str]) -> dict[str, str]:
    """{acronym: name as written, lower-case}, from every run of capitalised words in the
    texts (and its parts: _names); an acronym two names give is left out."""
    found: dict[str, str] = {}
    clashing: set[str] = set()
    for text in texts:
        for run in _RUN.finditer(text):
            # Each part of a hyphenated word is a word of the name: "Hook-Up" gives "hu",
            # and "Authority-Regulated" ends "Financial Conduct Authority" as well.
            pieces = re.split(r"([ \t]+|-)", run.group(0))
            for name, letters in _names(pieces[0::2], pieces[1::2]):
                if found.setdefault(letters, name) != name:
                    clashing.add(letters)
    return {letters: name for letters, name in found.items() if letters not in clashing}


def _names(words: list[str], between: list[str]) -> Iterable[tuple[str, str]]:
    """(name, acronym) for each part of a run of words that starts or ends with it, from one
    capitalised word to another, two to MAX_WORDS capitalised words long, with its small
    words spelt and skipped: "Northgate Driving School" of "Welcome to Northgate Driving
    School", "Financial Conduct Authority" of "Financial Conduct Authority Register". (Its
    middle parts too would square the work for little.) `between[n]` is what separates
    words n and n + 1 (a space or a hyphen), kept in the name."""
    capital = [n for n, word in enumerate(words) if word.lower() not in SMALL]
    spans = {(capital[0], end) for end in capital[1:MAX_WORDS]}
    spans |= {(start, capital[-1]) for start in capital[-MAX_WORDS:-1]}
    for start, end in sorted(spans):
        part = words[start : end + 1]
        name = "".join(w + b for w, b in zip(part, [*between[start:end], ""], strict=True))
        spelt = "".join(word[0] for word in part).lower()
        skipped = "".join(word[0] for word in part if word.lower() not in SMALL).lower()
        for letters in dict.fromkeys((skipped, spelt)):
            if len(letters) >= MIN_LETTERS and letters.isalpha():
                yield " ".join(name.lower().split()), letters
