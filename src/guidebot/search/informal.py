"""English as people type it in a chat: shortened and texting spellings read as the words
they stand for ("avg pay w/ a masters", "job growth thru 2032", "b4 i start").

Left as typed, such a word is a term no passage uses, rare and so heavy in BM25, and a word
the built-in word vectors do not know, so a question holding one is read by its words
alone; "w/" is even read as the letter "w". This is part of reading English, as stop words
are, not of any one guide, and only spellings that stand for one word in any subject are
listed ("max" is "maximum"): "min" (minute or minimum), "diff" (difference or different),
"hr" (hour or human resources), "pic" and "bc" are not. A knowledge base that uses the
short form itself ("info"), or its plural ("loos" for "loo"), or names it in its synonyms,
keeps it as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from guidebot.search.repairs import Repair

INFORMAL: dict[str, str] = {
    "thru": "through",
    "tho": "though",
    "altho": "although",
    "b4": "before",
    "w/": "with",
    "w/o": "without",
    "cuz": "because",
    "coz": "because",
    "bcuz": "because",
    "becuz": "because",
    "ppl": "people",
    "pls": "please",
    "plz": "please",
    "avg": "average",
    "approx": "approximately",
    "max": "maximum",
    "yr": "year",
    "yrs": "years",
    "hrs": "hours",
    "mins": "minutes",
    "wk": "week",
    "wks": "weeks",
    "mths": "months",
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "tonite": "tonight",
    "govt": "government",
    "mgmt": "management",
    "dept": "department",
    "acct": "account",
    "amt": "amount",
    "qty": "quantity",
    "msg": "message",
    "msgs": "messages",
    "abt": "about",
    "wat": "what",
    "wot": "what",
    "wut": "what",
    "wats": "whats",
    "info": "information",
    "prereq": "prerequisite",
    "prereqs": "prerequisites",
    "reqs": "requirements",
    "uni": "university",
    "univ": "university",
    "intl": "international",
    # A name people shorten in any subject: "do you take amex" at shops that write it out.
    "amex": "american express",
    # British everyday words for one thing in any subject, which the built-in word vectors
    # read poorly or not at all ("loo" is 0.02 from "toilet").
    "loo": "toilet",
    "loos": "toilets",
    "quid": "pounds",
    "telly": "tv",
    "brekkie": "breakfast",
    "brekky": "breakfast",
    # ... and "shut" for "close" ("what time do you shut"), 0.48 from it in the vectors and
    # a term no passage uses where the knowledge writes "close".
    "shut": "close",
    "shuts": "closes",
}

# A spelling stands alone: not inside a word, a web address ("w/o" in "a.com/w/o") or a
# figure ("2yrs" is left to the tokenizer).
_SPELLING = re.compile(
    r"(?<![\w/.@-])(?:"
    + "|".join(sorted(map(re.escape, INFORMAL), key=len, reverse=True))
    + r")(?![\w/@-]|\.\w)",
    re.IGNORECASE,
)


def spelled_out(text: str, uses: Callable[[str], bool]) -> tuple[str, list[Repair]]:
    """The text with each informal spelling replaced by the word it stands for, unless the
    knowledge `uses` that spelling itself; and a Repair (noted=False) for each one replaced,
    so that a sentence-embedding model reads the same words (repairs.as_repaired)."""
    repairs: dict[str, Repair] = {}

    def replaced(match: re.Match[str]) -> str:
        typed = match.group(0).lower()
        if uses(typed):
            return match.group(0)
        repairs.setdefault(typed, Repair(typed, INFORMAL[typed], noted=False))
        return INFORMAL[typed]

    return _SPELLING.sub(replaced, text), list(repairs.values())
