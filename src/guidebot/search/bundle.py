"""Building the field indexes of a set of passages: what the on-disk cache stores.

Every passage is analysed once into title and body terms; three field indexes are built from
them (title, body, and the passage's whole guide section, stored once per section), with the
surface-word counts that typo repair needs. Bump BUILD_VERSION when what a build produces
changes meaning, so that caches of the old build are not used (the cache key records it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from guidebot.knowledge.passages import Passage
from guidebot.knowledge.table import passage_column
from guidebot.search.analysis import Analyzer
from guidebot.search.bulk import BulkAnalyzer, Docs, take
from guidebot.search.config import RetrievalConfig
from guidebot.search.derived import derive
from guidebot.search.grouped import GroupedIndex
from guidebot.search.index import FieldIndex

BUILD_VERSION = 6  # 2: the section field stored once per section; 3-6: meta from derived.py
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
    built today (tests check both). build_bundle keeps the terms as ids instead of lists."""
    titles, bodies, bulk = _analyse(passages, analyzer)
    names = list(bulk.terms)
    return Analysed(_term_lists(titles, names), _term_lists(bodies, names), bulk.vocabulary())


def _analyse(passages: Sequence[Any], analyzer: Analyzer) -> tuple[Docs, Docs, BulkAnalyzer]:
    """Every passage's title terms and body terms, as ids, and the BulkAnalyzer that
    numbered them (its `terms`) and counted their words (its `vocabulary()`)."""
    titles, bodies = passage_column(passages, "title"), passage_column(passages, "text")
    # Each title just before its text, so that words are met (and the vocabulary ordered)
    # as in words(f"{p.title} {p.text}"), passage after passage.
    texts = [text for pair in zip(titles, bodies, strict=True) for text in pair]
    bulk = BulkAnalyzer(analyzer)
    docs = bulk.analyse(texts)
    rows = np.arange(len(texts))
    return take(docs, rows[0::2]), take(docs, rows[1::2]), bulk


def _term_lists(docs: Docs, names: list[str]) -> list[list[str]]:
    terms = [names[i] for i in docs.ids.tolist()]
    spans = zip(np.cumsum(docs.lengths).tolist(), docs.lengths.tolist(), strict=True)
    return [terms[end - length : end] for end, length in spans]


def section_groups(passages: Sequence[Passage]) -> tuple[np.ndarray, np.ndarray]:
    """Each guide section's whole text as one document, so evidence spread over a section's
    paragraphs counts for each of them: (the document row of every passage, int32
    [passages]; the guide passages whose bodies make up the documents, in document order
    and then passage order, int64 [guide passages]).

    An FAQ entry drawn from a section shares that section's document; a standalone entry has
    none, row -1 (its answer is already the body field, and counting it twice would let
    long answers win on filler words)."""
    kinds, guides, sections = (passage_column(passages, n) for n in ("kind", "guide", "section"))
    keys = list(zip(guides, sections, strict=True))
    is_guide = [kind == "guide" for kind in kinds]
    in_guides = dict.fromkeys(key for key, guide in zip(keys, is_guide, strict=True) if guide)
    rows = {key: row for row, key in enumerate(in_guides)}
    groups = np.fromiter((rows.get(k, -1) for k in keys), dtype=np.int32, count=len(keys))
    members = np.flatnonzero(is_guide)
    return groups, members[np.argsort(groups[members], kind="stable")]


def build_bundle(
    passages: Sequence[Passage], analyzer: Analyzer, config: RetrievalConfig
) -> Bundle:
    """Analyse the passages once and build the three field indexes (what the cache stores)."""
    titles, bodies, bulk = _analyse(passages, analyzer)
    names, vocabulary = list(bulk.terms), bulk.vocabulary()
    groups, members = section_groups(passages)
    sections = take(bodies, members)  # each section's passages one after another
    section_lengths = np.bincount(groups[members], sections.lengths).astype(np.int64)  # summed
    # Each input is dropped once its index is built (at 100,000 passages, tens of MB each):
    # a lower peak, and memory that the next build reuses rather than takes afresh.
    del bulk
    title = FieldIndex.from_ids(*titles, names, config.bm25)
    del titles
    body = FieldIndex.from_ids(*bodies, names, config.bm25)
    del bodies
    section = GroupedIndex.from_ids(sections.ids, section_lengths, names, groups, config.bm25)
    del sections
    fields: dict[str, FieldIndex | GroupedIndex] = {
        "title": title,
        "body": body,
        "section": section,
    }
    meta = {"passages": len(passages), "vocabulary": vocabulary}
    return Bundle(fields, meta | derive(passages, analyzer))
