"""The names a knowledge base uses: words its text writes with a capital letter wherever it
writes them (the town, the shop, the days of the week), as opposed to words of its topics.
Unlike english.own_names (words English lacks, such as "xero"), this finds names that are
English words too: "Leeds", "Cambridge", "Cornwall"."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from guidebot.knowledge.model import KnowledgeBase

# A sentence ends at . ! ? : ; (a closing bracket or quote may follow, then a space), at a
# line break or at a table cell's edge.
_SENTENCE_END = re.compile(r"[.!?:;][)\]\"'’”]*\s+|\n+|\|")
# An address or a link ("info@millbrook.nhs.uk", "wexbridge.co.uk/hire") writes its words
# in lower case however the text names them.
_ADDRESS = re.compile(r"[@/]|\.\w")
_EDGES = ".,;:!?()[]{}\"'“”‘’*_"
_POSSESSIVE = re.compile(r"['’]s$")
_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")
MIN_LETTERS = 3  # "I", "UK": too short to tell a name by


def proper_names(texts: Iterable[str]) -> frozenset[str]:
    """The words (lower-cased, possessive 's taken off) that `texts` write capitalised at
    least once inside a sentence (not as its first word) and never in lower case: in
    "Our shop in Wexbridge opens on Saturday", "wexbridge" and "saturday". Headings are for
    the caller to leave out, since they capitalise every word."""
    capitalised: set[str] = set()
    lower: set[str] = set()
    for text in texts:
        for sentence in _SENTENCE_END.split(text):
            for position, word in _words(sentence):
                if word[0].isupper():
                    if position:
                        capitalised.add(word.lower())
                else:
                    lower.add(word.lower())
    return frozenset(w for w in capitalised - lower if len(w) >= MIN_LETTERS)


def _words(sentence: str) -> Iterator[tuple[int, str]]:
    """(position among the sentence's words, word): a bullet ("-", "1)") is none, so the
    word after it opens the sentence."""
    position = 0
    for token in sentence.split():
        word = _POSSESSIVE.sub("", token.strip(_EDGES))
        if _ADDRESS.search(token) or not any(c.isalpha() for c in word):
            continue
        if _WORD.fullmatch(word):
            yield position, word
        position += 1


def capitalised_names(kb: KnowledgeBase) -> frozenset[str]:
    """proper_names of a knowledge base's running text: its guides' paragraphs and its FAQ
    answers (questions and headings capitalise too freely to tell)."""
    paragraphs = (p.text for g in kb.guides for s in g.sections for p in s.paragraphs)
    return proper_names([*paragraphs, *(f.answer for f in kb.faqs)])
