"""Building the field indexes of a set of passages: what the on-disk cache stores.

Every passage is analysed once into title and body terms; three field indexes are built from
them (title, body, and the passage's whole guide section, stored once per section), with the
surface-word counts that typo repair needs. Bump BUILD_VERSION when what a build produces
changes meaning, so that caches of the old build are not used (the cache key records it).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from guidebot.knowledge.passages import Passage
from guidebot.search.analysis import Analyzer, words
from guidebot.search.config import RetrievalConfig
from guidebot.search.derived import derive
from guidebot.search.grouped import GroupedIndex
from guidebot.search.index import FieldIndex

BUILD_VERSION = 3  # 2: the section field is stored once per section; 3: meta from derived.py
FIELDS = ("title", "body", "section")


@dataclass(frozen=True)
class Bundle:
    """What one build produces: field indexes by name and JSON-able metadata."""

    fields: dict[str, FieldIndex | GroupedIndex]
    meta: dict[str, Any] = field(default_factory=dict)

    def flat(self, name: str) -> FieldIndex:
        """The field `name`, one document per passage; raises ValueError when the bundle
        has no such field or stores it grouped (a cache file from elsewhere)."""
        index = self.fields.get(name)
        if not isinstance(index, FieldIndex):
            raise ValueError(f"the index has no per-passage field '{name}'")
        return index


@dataclass
class Analysed:
    """Every passage's title and body terms and the typo vocabulary, from one pass."""

    title: list[list[str]]
    body: list[list[str]]
    vocabulary: dict[str, int]  # alphabetic surface words: count, in order of first use


def analyse_passages(passages: Sequence[Any], analyzer: Analyzer) -> Analysed:
    """Analyse passages (objects with `.title` and `.text`), tokenising each text once.

    Gives the same terms as `analyzer.terms(p.title)` / `analyzer.terms(p.text)` and the same
    counts, in the same order, as counting the alphabetic `words(f"{p.title} {p.text}")`
    over all passages (what TypoRepairer is given), so a Retriever built from it is the one
    built today; but the texts are tokenised once instead of twice (tests check both)."""
    title: list[list[str]] = []
    body: list[list[str]] = []
    vocabulary: Counter[str] = Counter()
    for p in passages:
        title_words, body_words = words(p.title), words(p.text)
        title.append(analyzer.terms_of_words(title_words))
        body.append(analyzer.terms_of_words(body_words))
        vocabulary.update(title_words)
        vocabulary.update(body_words)
    return Analysed(title, body, {w: c for w, c in vocabulary.items() if w.isalpha()})


def section_groups(
    passages: Sequence[Passage], body: list[list[str]]
) -> tuple[list[list[str]], np.ndarray]:
    """Each guide section's whole text as one document, so evidence spread over a section's
    paragraphs counts for each of them: (documents, the document row of every passage).

    An FAQ entry drawn from a section shares that section's document; a standalone entry has
    none, row -1 (its answer is already the body field, and counting it twice would let
    long answers win on filler words)."""
    rows: dict[tuple[str, str], int] = {}
    docs: list[list[str]] = []
    for passage, terms in zip(passages, body, strict=True):
        if passage.kind == "guide":
            row = rows.setdefault((passage.guide, passage.section), len(docs))
            if row == len(docs):
                docs.append([])
            docs[row].extend(terms)
    groups = np.fromiter(
        (rows.get((p.guide, p.section), -1) for p in passages), dtype=np.int32, count=len(passages)
    )
    return docs, groups


def build_bundle(
    passages: Sequence[Passage], analyzer: Analyzer, config: RetrievalConfig
) -> Bundle:
    """Analyse the passages once and build the three field indexes (what the cache stores)."""
    analysed = analyse_passages(passages, analyzer)
    fields: dict[str, FieldIndex | GroupedIndex] = {
        "title": FieldIndex.build(analysed.title, config.bm25),
        "body": FieldIndex.build(analysed.body, config.bm25),
        "section": GroupedIndex.build(*section_groups(passages, analysed.body), config.bm25),
    }
    meta = {"passages": len(passages), "vocabulary": analysed.vocabulary}
    return Bundle(fields, meta | derive(passages, analyzer))
