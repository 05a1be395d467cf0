"""Building the field indexes of a set of passages: what the on-disk cache stores.

Every passage is analysed once into title and body terms; three FieldIndexes are built from
them (title, body, and the passage's whole guide section), with the surface-word counts that
typo repair needs. Bump BUILD_VERSION when what a build produces changes meaning, so that
caches of the old build are not used (the cache key records it).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from guidebot.knowledge.passages import Passage
from guidebot.search.analysis import Analyzer, words
from guidebot.search.config import RetrievalConfig
from guidebot.search.index import FieldIndex

BUILD_VERSION = 1
FIELDS = ("title", "body", "section")


@dataclass(frozen=True)
class Bundle:
    """What one build produces: field indexes by name and JSON-able metadata."""

    fields: dict[str, FieldIndex]
    meta: dict[str, Any] = field(default_factory=dict)


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


def _section_docs(passages: Sequence[Passage], body: list[list[str]]) -> list[list[str]]:
    """Each passage's whole guide section as one document, so evidence spread over a
    section's paragraphs counts for each of them. An FAQ entry drawn from a section shares
    that section's document; a standalone entry has none (its answer is already the body
    field, and counting it twice would let long answers win on filler words)."""
    by_section: dict[tuple[str, str], list[str]] = {}
    for passage, terms in zip(passages, body, strict=True):
        if passage.kind == "guide":
            by_section.setdefault((passage.guide, passage.section), []).extend(terms)
    return [by_section.get((p.guide, p.section), []) for p in passages]


def build_bundle(
    passages: Sequence[Passage], analyzer: Analyzer, config: RetrievalConfig
) -> Bundle:
    """Analyse the passages once and build the three field indexes (what the cache stores)."""
    analysed = analyse_passages(passages, analyzer)
    fields = {
        "title": FieldIndex.build(analysed.title, config.bm25),
        "body": FieldIndex.build(analysed.body, config.bm25),
        "section": FieldIndex.build(_section_docs(passages, analysed.body), config.bm25),
    }
    return Bundle(fields, {"passages": len(passages), "vocabulary": analysed.vocabulary})
