"""British and American spellings of one word ("centre" and "center", "organise" and
"organize"), so that a guide written in one and a question typed in the other still meet.

The regular differences of the two standards, as rules rather than a word list (the
Oxford and Merriam-Webster spellings as set out in the Cambridge Guide to English Usage,
2004): -re/-er, -our/-or, -ise/-ize, -yse/-yze, -ogue/-og, -ence/-ense, -mme/-m and the
doubled l before an ending (-elled/-eled). A rule may make a string that is no word at all
("watre" from "water"); callers keep only spellings found where they look (a table of word
vectors, the words a knowledge base uses), which is what keeps "four" from meaning "for".
"""

from __future__ import annotations

# (British ending, American ending).
_ENDINGS = (
    ("isations", "izations"),
    ("isation", "ization"),
    ("ising", "izing"),
    ("isers", "izers"),
    ("iser", "izer"),
    ("ised", "ized"),
    ("ises", "izes"),
    ("ise", "ize"),
    ("ysing", "yzing"),
    ("ysed", "yzed"),
    ("yses", "yzes"),
    ("yse", "yze"),
    ("elling", "eling"),
    ("ellers", "elers"),
    ("eller", "eler"),
    ("elled", "eled"),
    ("ogues", "ogs"),
    ("ogue", "og"),
    ("mmes", "ms"),
    ("mme", "m"),
    ("tres", "ters"),
    ("tre", "ter"),
    ("bres", "bers"),
    ("bre", "ber"),
    ("ences", "enses"),
    ("ence", "ense"),
)
# What may follow "-our" ("colours", "favourite", "behavioural", "neighbourhood"): not the
# "e" of "youre", which is "you're" and no "yore".
_AFTER_OUR = frozenset(
    "|s|ed|ing|ite|ites|able|ably|al|ful|less|hood|hoods|er|ers|y|ist|ists".split("|")
)
MIN_STEM = 2  # letters before an ending: "litre" is one, "rise" and "wise" are not


# Each ending, British or American, and what the other standard writes for it.
_SWAP = {
    ending: [b if ending == a else a for b, a in _ENDINGS if ending in (b, a)]
    for pair in _ENDINGS
    for ending in pair
}
_LONGEST = max(map(len, _SWAP))


def other_spellings(word: str) -> list[str]:
    """The word (lower-case) as the other standard may spell it, each candidate once, the
    longest ending read first: "centre" gives "center", "colour" "color", "programme"
    "program", "organisations" "organizations", "center" "centre". Empty for a word no
    rule reads. (A few dictionary look-ups: it runs for each word a knowledge lacks.)"""
    found: list[str] = []
    for size in range(min(_LONGEST, len(word) - MIN_STEM), 0, -1):
        for other in _SWAP.get(word[-size:], ()):
            found.append(word[:-size] + other)
    for british, american in (("our", "or"), ("or", "our")):
        at = word.rfind(british)
        if at >= MIN_STEM + 1 and word[at + len(british) :] in _AFTER_OUR:
            found.append(word[:at] + american + word[at + len(british) :])
    return list(dict.fromkeys(f for f in found if f != word))
