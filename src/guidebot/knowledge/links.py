"""FAQ entries linked to the guides: each given an id, unique, and its `section:` (and
`guide:`) checked to name a real heading, with the nearest heading offered when it does not."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from rapidfuzz import fuzz, process, utils

from guidebot.errors import Problem
from guidebot.knowledge.model import FaqEntry, Guide
from guidebot.knowledge.slugs import UniqueIds, slugify


def link_faqs(
    faqs: list[FaqEntry], guides: list[Guide], check_links: bool = True
) -> tuple[list[FaqEntry], list[Problem]]:
    """Give every entry an id and check that ids are unique and links point at real sections
    (not when a guide failed to load: every link into it would be reported as a second,
    misleading problem)."""
    problems: list[Problem] = []
    seen: dict[str, FaqEntry] = {}
    taken = UniqueIds(e.id for e in faqs if e.id)  # explicit ids win over generated ones
    linked: list[FaqEntry] = []
    by_slug = {g.slug: g for g in guides}
    for entry in faqs:
        entry_id = entry.id or taken.of(slugify(entry.question))
        if entry.id and entry.id in seen:
            first = seen[entry.id]
            problems.append(
                Problem(
                    entry.path,
                    entry.line,
                    f"duplicate id '{entry.id}' (first at {first.path}:{first.line})",
                )
            )
            continue
        guide_slug, problem = _resolve_link(entry, by_slug)
        if problem and check_links:
            problems.append(problem)
        linked_entry = (
            entry  # already complete: spares a copy per entry of a large FAQ
            if (entry.id, entry.guide) == (entry_id, guide_slug)
            else dataclasses.replace(entry, id=entry_id, guide=guide_slug)
        )
        seen[entry_id] = linked_entry
        taken.add(entry_id)
        linked.append(linked_entry)
    for entry in linked:
        problems += [
            Problem(entry.path, entry.line, f"follow-up '{target}' is not an entry's id")
            for target in entry.follow_ups
            if target not in seen
        ]
    return linked, problems


def _resolve_link(entry: FaqEntry, guides: dict[str, Guide]) -> tuple[str, Problem | None]:
    if entry.guide and entry.guide not in guides:
        known = ", ".join(sorted(guides)) or "none"
        return entry.guide, Problem(
            entry.path, entry.line, f"unknown guide '{entry.guide}' (guides: {known})"
        )
    if not entry.section:
        return entry.guide, None
    candidates = [guides[entry.guide]] if entry.guide else list(guides.values())
    owners = [g.slug for g in candidates if g.section(entry.section)]
    if not owners:
        return entry.guide, Problem(
            entry.path,
            entry.line,
            f"section '{entry.section}' does not exist in {_where(entry)}"
            + nearest_heading(entry.section, candidates),
        )
    if len(owners) > 1:
        return entry.guide, Problem(
            entry.path, entry.line, f"section '{entry.section}' is in several guides; add 'guide:'"
        )
    return owners[0], None


def _where(entry: FaqEntry) -> str:
    return f"guide '{entry.guide}'" if entry.guide else "any guide"


def nearest_heading(heading: str, guides: Iterable[Guide]) -> str:
    """ " (did you mean '…'?)" naming the section heading of `guides` closest in spelling to
    one that is in none of them ("Collection Day" for "Collection Days"), when one is close
    (rapidfuzz ratio 80 or more, case aside); else ""."""
    headings = [s.heading for g in guides for s in g.sections]
    found = process.extractOne(
        heading, headings, scorer=fuzz.ratio, processor=utils.default_process, score_cutoff=80
    )
    return f" (did you mean '{found[0]}'?)" if found else ""
