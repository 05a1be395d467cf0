"""What the retriever derives from the passages besides the field indexes: built with them
and cached with them (in Bundle.meta), so a large library does not derive it on every start.

* "faq_wording": [[passage row, plain text], ...], every FAQ question and alternate as
  faqmatch compares them (30,000 of them at 100,000 passages: 0.15 s to derive);
* "headings": [[guide slug, section heading], ...], each guide section once, in passage
  order, and "heading_terms": {term: [number in "headings", ...]}, the sections whose
  heading holds the term (20,000 headings to analyse: 0.2 s).

The cache is read back untrusted: `check` raises ValueError for anything malformed, so a
damaged file is rebuilt rather than failing a question later.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from guidebot.knowledge.passages import Passage
from guidebot.knowledge.table import passage_column
from guidebot.search.analysis import Analyzer
from guidebot.search.faqmatch import faq_wording

KEYS = ("faq_wording", "headings", "heading_terms")


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
    return {
        "faq_wording": [[row, text] for row, text in faq_wording(passages)],
        "headings": [[g, s] for g, s in headings],
        "heading_terms": terms,
    }


def check(meta: dict[str, Any], passages: int) -> None:
    """Raises ValueError unless meta holds the entries above, well formed for that many
    passages."""
    wording, headings, terms = (meta.get(key) for key in KEYS)
    if not isinstance(wording, list) or not all(
        _pair(item) and _row(item[0], passages) and isinstance(item[1], str) for item in wording
    ):
        raise ValueError("the FAQ wording is malformed")
    if not isinstance(headings, list) or not all(
        _pair(item) and all(isinstance(x, str) for x in item) for item in headings
    ):
        raise ValueError("the headings are malformed")
    if not isinstance(terms, dict) or not all(
        isinstance(numbers, list) and all(_row(n, len(headings)) for n in numbers)
        for numbers in terms.values()
    ):
        raise ValueError("the heading terms are malformed")


def wording_of(meta: dict[str, Any]) -> list[tuple[int, str]]:
    """(passage row, plain text) pairs of checked meta."""
    return [(row, text) for row, text in meta["faq_wording"]]


def headings_by_term(meta: dict[str, Any]) -> dict[str, list[tuple[str, str]]]:
    """term -> the (guide, heading) of each section whose heading holds it, of checked meta."""
    headings = [(g, s) for g, s in meta["headings"]]
    return {term: [headings[n] for n in numbers] for term, numbers in meta["heading_terms"].items()}


def _pair(item: Any) -> bool:
    return isinstance(item, list) and len(item) == 2


def _row(value: Any, size: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < size
