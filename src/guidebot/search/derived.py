"""What the retriever derives from the passages besides the field indexes: built with them
and cached with them (in Bundle.meta), so a large library does not derive it on every start.

* "faq_rows" and "faq_texts": every FAQ question and alternate as faqmatch compares them
  (its plain text) and the row of its passage, in passage order (30,000 of them at 100,000
  passages: 0.15 s to derive);
* "headings": [[guide slug, section heading], ...], each guide section once, in passage
  order, and "heading_terms": {term: [number in "headings", ...]}, the sections whose
  heading holds the term (20,000 headings to analyse: 0.2 s);
* "compounds": {joined word: hyphenated form}, each word the passages write with hyphens
  ("wifi": "wi-fi", "ebooks": "e-books"), for typo repair to read the joined form people
  type as the knowledge's own words;
* "acronyms": {acronym: name}, the initials of the names the passages write out ("fca":
  "financial conduct authority"; search/acronyms.py), for typo repair likewise.

The cache is read back untrusted: `check` raises ValueError for anything malformed, so a
damaged file is rebuilt rather than failing a question later.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import chain
from typing import Any

from guidebot.knowledge.passages import Passage
from guidebot.knowledge.table import passage_column
from guidebot.search.acronyms import acronyms
from guidebot.search.analysis import Analyzer, normalise
from guidebot.search.faqmatch import faq_wording

KEYS = ("faq_rows", "faq_texts", "headings", "heading_terms", "compounds", "acronyms")
# Letters joined by single hyphens, in lower-cased text: "wi-fi", "e-books", "check-in".
_HYPHENATED = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)+(?![\w-])")


def derive(passages: Sequence[Passage], analyzer: Analyzer) -> dict[str, Any]:
    """The JSON-able meta entries above, for passages analysed by analyzer."""
    columns = (passage_column(passages, name) for name in ("kind", "guide", "section"))
    headings = list(
        dict.fromkeys((g, s) for kind, g, s in zip(*columns, strict=True) if kind == "guide")
    )
    terms: dict[str, list[int]] = {}
    for number, (_, heading) in enumerate(headings):
        for term in dict.fromkeys(analyzer.terms(heading)):
            terms.setdefault(term, []).append(number)
    wording = faq_wording(passages)
    return {
        "faq_rows": [row for row, _ in wording],
        "faq_texts": [text for _, text in wording],
        "headings": [[g, s] for g, s in headings],
        "heading_terms": terms,
        "compounds": compounds(passages),
        "acronyms": acronyms(chain.from_iterable((p.section, p.text) for p in passages)),
    }


def compounds(passages: Sequence[Passage]) -> dict[str, str]:
    """{joined: hyphenated} for every hyphenated word of the passages' headings and texts."""
    found: dict[str, str] = {}
    for passage in passages:
        for text in (passage.section, passage.text):
            if "-" in text:
                for word in _HYPHENATED.findall(normalise(text)):
                    found.setdefault(word.replace("-", ""), word)
    return found


def check(meta: dict[str, Any], passages: int) -> None:
    """Raises ValueError unless meta holds the entries above, well formed for that many
    passages."""
    rows, texts, headings, terms, joined, initials = (meta.get(key) for key in KEYS)
    if not (
        isinstance(rows, list)
        and isinstance(texts, list)
        and len(texts) == len(rows)
        and _numbers(rows, passages)
        and all(type(text) is str for text in texts)
    ):
        raise ValueError("the FAQ wording is malformed")
    if not isinstance(headings, list) or not all(
        _pair(item) and type(item[0]) is str and type(item[1]) is str for item in headings
    ):
        raise ValueError("the headings are malformed")
    if (
        not isinstance(terms, dict)
        or not all(isinstance(numbers, list) for numbers in terms.values())
        or not _numbers(list(chain.from_iterable(terms.values())), len(headings))
    ):
        raise ValueError("the heading terms are malformed")
    if not isinstance(joined, dict) or not all(
        type(k) is str and type(v) is str and v.replace("-", "") == k for k, v in joined.items()
    ):
        raise ValueError("the compounds are malformed")
    if not isinstance(initials, dict) or not all(
        type(k) is str and type(v) is str for k, v in initials.items()
    ):
        raise ValueError("the acronyms are malformed")


def wording_of(meta: dict[str, Any]) -> tuple[list[int], list[str]]:
    """(passage rows, plain texts) of checked meta: FaqMatcher's input."""
    return meta["faq_rows"], meta["faq_texts"]


def headings_by_term(meta: dict[str, Any]) -> dict[str, list[tuple[str, str]]]:
    """term -> the (guide, heading) of each section whose heading holds it, of checked meta."""
    headings = [(g, s) for g, s in meta["headings"]]
    return {term: [headings[n] for n in numbers] for term, numbers in meta["heading_terms"].items()}


def _pair(item: Any) -> bool:
    return isinstance(item, list) and len(item) == 2


def _numbers(value: Any, size: int) -> bool:
    """A list of ints (not bools) each in range(size)."""
    return (
        isinstance(value, list)
        and all(type(n) is int for n in value)
        and (not value or min(value) >= 0 and max(value) < size)
    )
