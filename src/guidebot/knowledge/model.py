"""The knowledge as loaded from disk: guides, their sections, FAQ entries, synonyms, small talk."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Paragraph:
    """A block of guide text separated from its neighbours by blank lines."""

    text: str
    line: int


@dataclass(frozen=True)
class Section:
    """A guide section: its heading exactly as the guide wrote it, and its paragraphs.

    `parents` are the headings it sits under, outermost first ("## Other Things" for a
    "### How is AI changing quality control?"): a heading whose only content is
    sub-headings is a parent, never a section of its own, so every Section has text.
    """

    heading: str
    line: int
    paragraphs: tuple[Paragraph, ...]
    is_intro: bool = False
    parents: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)

    @property
    def path(self) -> tuple[str, ...]:
        """The heading path, outermost first, ending with this section's own heading."""
        return (*self.parents, self.heading)


@dataclass(frozen=True)
class Guide:
    """One article, from knowledge/guides/<slug>.md."""

    slug: str
    path: str
    title: str
    sections: Sequence[Section]  # a tuple, or from a snapshot a LazyTuple (knowledge/lazy.py)
    author: str = ""
    author_title: str = ""
    edition: str = ""
    summary: str = ""
    source: str = ""
    updated: str = ""  # when the guide says it was last changed, as written ("February 2026")

    def section(self, heading: str) -> Section | None:
        return next((s for s in self.sections if s.heading == heading), None)


@dataclass(frozen=True)
class FaqEntry:
    """A question with its answer; `section` names the guide section it was drawn from, if any."""

    id: str
    question: str
    answer: str
    path: str
    line: int
    alternates: tuple[str, ...] = ()
    section: str = ""
    guide: str = ""
    section_hash: str = ""
    follow_ups: tuple[str, ...] = ()  # ids of entries to offer as next questions
    metadata: tuple[tuple[str, str], ...] = ()  # (name, value) pairs kept from an export


@dataclass(frozen=True)
class SmalltalkIntent:
    """Greetings, thanks, questions about guidebot itself: example phrasings and one reply."""

    intent: str
    examples: tuple[str, ...]
    reply: str


@dataclass(frozen=True)
class ScopeTopic:
    """Something the guides do not cover, and the words that signal a question about it."""

    topic: str
    terms: tuple[str, ...]


@dataclass(frozen=True)
class KnowledgeBase:
    """Everything guidebot knows, validated; `fingerprint` changes whenever any file does."""

    root: str
    guides: tuple[Guide, ...]
    faqs: Sequence[FaqEntry]  # a tuple, or from a snapshot a LazyTuple (knowledge/lazy.py)
    synonyms: tuple[tuple[str, ...], ...] = ()
    smalltalk: tuple[SmalltalkIntent, ...] = ()
    out_of_scope: tuple[ScopeTopic, ...] = ()
    fingerprint: str = ""
    warnings: tuple[str, ...] = field(default=())  # "file:line: message", for `guidebot check`
    stale_faqs: tuple[str, ...] = ()  # ids of FAQ entries whose section changed (section_hash)

    def guide(self, slug: str) -> Guide | None:
        return next((g for g in self.guides if g.slug == slug), None)

    def faqs_of(self, slug: str) -> tuple[FaqEntry, ...]:
        """The FAQ entries linked to guide `slug`."""
        return tuple(f for f in self.faqs if f.guide == slug)

    def is_stale(self, passage_id: str) -> bool:
        """True for a cited FAQ passage ('faq/<id>') whose guide section changed since."""
        return passage_id.startswith("faq/") and passage_id[4:] in self.stale_faqs
