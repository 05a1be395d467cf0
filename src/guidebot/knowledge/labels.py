"""Naming a section apart from every other of a knowledge base: its label.

Two guides may each have an "Opening hours" section (a pool and a gym). Their heading alone
cannot tell them apart when guidebot asks back which one is meant, or when a reply picks
one, so where several guides answer, a section's label is its heading with its guide's
title: "Opening hours (Swimming pool guide)". Nor does "Guests" beside "Guests and visitors"
say which is the halls' and which the sports centre's. With one guide, or for an FAQ entry
no guide holds, the label is the heading (or question) as written, unless another guide has
a section of that heading: headings that differ only in letter case ("Opening Hours") count
as the same, as people read them. A guide's opening, headed by its title, is not named
twice; guides of one title are named by their slugs.
"""

from __future__ import annotations

from collections.abc import Sequence

from guidebot.knowledge.passages import Passage
from guidebot.knowledge.table import passage_column


class SectionLabels:
    """The label of each section of a set of passages (guide sections and FAQ entries)."""

    def __init__(self, passages: Sequence[Passage]) -> None:
        """From every passage's guide, guide title, section and kind, read once."""
        names = ("guide", "section", "guide_title", "kind")
        columns = [passage_column(passages, n) for n in names]
        # Distinct rows first, in C: 20,000 sections rather than 100,000 passages.
        rows = list(dict.fromkeys(zip(*columns, strict=True)))
        several = len({guide for guide, _, _, kind in rows if kind == "guide"}) > 1
        first: dict[str, str] = {}  # folded heading -> the first guide seen with it
        shared: set[str] = set()
        slugs_of: dict[str, set[str]] = {}  # guides of one title are told apart by slug
        for guide, section, title, _ in rows:
            folded = section.casefold()
            if first.setdefault(folded, guide) != guide:
                shared.add(folded)
            slugs_of.setdefault(title, set()).add(guide)
        self._named: dict[tuple[str, str], str] = {}
        self._guides: dict[str, str] = {}  # a label naming its guide -> the guide's slug
        for guide, section, title, _ in rows:
            named = (several and guide) or section.casefold() in shared
            if named and section != title:
                name = title if len(slugs_of[title]) == 1 else guide
                label = self._named.setdefault((guide, section), f"{section} ({name})")
                self._guides.setdefault(label, guide)
        self._labelled = frozenset(self._named.values())
        self.all = frozenset(columns[1]) | self._labelled

    def names_a_guide(self, text: str) -> bool:
        """Whether the text is a label that names a section's guide beside its heading."""
        return text in self._labelled

    def guide_of(self, label: str) -> str:
        """The slug of the guide a label names beside its heading, else ""."""
        return self._guides.get(label, "")

    def of(self, passage: Passage) -> str:
        """The label of a passage's section (an FAQ entry's own, or the guide section it
        belongs to)."""
        return self.label(passage.guide, passage.section)

    def label(self, guide: str, section: str) -> str:
        """The label of `section` (a heading as written) of `guide` (a slug; "" for an FAQ
        entry linked to no guide)."""
        return self._named.get((guide, section), section)
