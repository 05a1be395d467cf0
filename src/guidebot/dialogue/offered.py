"""The topics a knowledge base offers: what "help" lists and what a decline offers when
nothing is near, and the guide sections headed by a question. Built once by Bot."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import zip_longest

from guidebot.knowledge.passages import Passage
from guidebot.knowledge.table import passage_column


def offered_topics(
    passages: Sequence[Passage], topics: Sequence[str]
) -> tuple[tuple[str, str], ...]:
    """(guide, heading) of what "help" lists and a decline offers when nothing is near: the
    headings of each guide none of whose headings is a question, but its opening (headed
    by the guide's title), rather than the first FAQ entries, the guides taking turns;
    then the `topics` (question_topics), each with its guide. Read by columns: a cached
    library's passages are made on use."""
    names = ("guide", "section", "kind", "guide_title")
    # Distinct rows first, in C: 20,000 sections rather than 100,000 passages.
    distinct = dict.fromkeys(zip(*(passage_column(passages, n) for n in names), strict=True))
    headed: dict[str, dict[str, None]] = {}
    for guide, section, kind, title in distinct:
        if kind == "guide" and section != title:
            headed.setdefault(guide, {})[section] = None
    plain_guides = [
        [(guide, heading) for heading in headings]
        for guide, headings in headed.items()
        if not any(h.endswith("?") for h in headings)
    ]
    # Several guides take turns, so that the first few offered come from each of them.
    plain = [pair for turn in zip_longest(*plain_guides) for pair in turn if pair is not None]
    asked = frozenset(topics)  # a set: a large library has thousands of topics
    listed = dict.fromkeys((guide, section) for guide, section, _, _ in distinct)
    return (*plain, *(pair for pair in listed if pair[1] in asked))


def question_topics(passages: Sequence[Passage]) -> tuple[str, ...]:
    """The sections whose heading is a question, in order of first passage."""
    sections = dict.fromkeys(passage_column(passages, "section"))
    return tuple(s for s in sections if s.endswith("?"))
