"""Comparatives and superlatives read as the plain adjective the knowledge writes.

Snowball leaves "earliest", "cheapest" and "closer" as terms of their own, so a question
asking "earliest i can drop him off" meets nothing in a guide that says "as early as 7:30".
Degrees are a closed pattern of English (-er, -est, with their spelling rules), not a list
of any guide's words.
"""

from __future__ import annotations

from collections.abc import Container

from guidebot.search.english import EnglishWords


def degree_bases(word: str, english: Container[str]) -> list[str]:
    """The plain adjective a comparative or superlative may come from ("earliest" early,
    "biggest" big, "closer" close, "cheapest" cheap), likeliest first, or none: the word
    less -er or -est, with a final "i" back to "y", a doubled consonant single, or an "e"
    restored; those `english` lists and, when it counts words (EnglishWords), commoner
    than the word, commonest first. Only for a word English lists whose other degree it
    lists too ("earliest" and "earlier"), so that "printer", "letter", "forest" or "modest"
    is no degree of "print", "let", "for" or "mode"."""
    ending = "est" if word.endswith("est") else "er" if word.endswith("er") else ""
    stem = word[: -len(ending)] if ending else ""
    other = "er" if ending == "est" else "est"
    if len(stem) < 3 or word not in english or stem + other not in english:
        return []
    bases = [stem, stem + "e"]
    if stem.endswith("i"):
        bases.insert(0, stem[:-1] + "y")
    if stem[-1] == stem[-2]:
        bases.insert(0, stem[:-1])
    if not isinstance(english, EnglishWords):
        return [base for base in bases if base in english]
    # The plain form is the commoner one in English ("early" to "earliest"); a word list's
    # rare entries ("clos", "lat") and a word that only looks like a degree ("number",
    # "honest": "numb" and "hone" are rarer) are no base.
    rarity = english.surprisal(word)
    return sorted(
        (base for base in bases if base in english and english.surprisal(base) <= rarity),
        key=english.surprisal,
    )
