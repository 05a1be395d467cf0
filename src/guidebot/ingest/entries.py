"""FAQ rows as the entries ingest writes: unique ids, each linked section's hash, follow-ups
and metadata."""

from __future__ import annotations

from guidebot.errors import KnowledgeError, Problem
from guidebot.ingest.faq.rows import Row
from guidebot.knowledge.links import nearest_heading
from guidebot.knowledge.loader import section_hash
from guidebot.knowledge.model import Guide
from guidebot.knowledge.slugs import UniqueIds, slugify


def faq_entries(rows: list[Row], guides: list[Guide], taken: UniqueIds) -> list[dict[str, object]]:
    """Entries ready for YAML: unique ids (none of `taken`, which grows), a section_hash for
    every linked section, follow-ups turned from the export's keys into the ids given here,
    metadata kept. A row's section names a heading letter case aside, and the entry is given
    the heading as the guide writes it. Raises KnowledgeError naming each row ("file:line")
    whose section is in no guide, or in several without a guide column."""
    entries: list[dict[str, object]] = []
    problems: list[Problem] = []
    ids: dict[str, str] = {}  # an export's key (QnaId, qid) -> the id its entry got
    linked: list[tuple[dict[str, object], Row]] = []
    for row in rows:
        entry: dict[str, object] = {"id": taken.of(row.id or slugify(row.question))}
        if row.key:
            ids[row.key] = str(entry["id"])
        entry |= {"question": row.question, "answer": row.answer}
        if row.alternates:
            entry["alternates"] = row.alternates
        if row.section:
            named = [g for g in guides if (not row.guide or g.slug == row.guide)]
            owners = [(g, s) for g in named if (s := g.section(row.section)) is not None]
            if not owners:  # "Contact Us" for the heading "Contact us": letter case aside
                owners = [(g, s) for g in named for s in g.sections if _alike(s.heading, row)]
            if len(owners) != 1:
                where = f"guide '{row.guide}'" if row.guide else "any guide of the knowledge"
                headings = sorted({s.heading for _, s in owners})
                reason = (
                    f"is not in {where}" + nearest_heading(row.section, named)
                    if not owners
                    else "is in several guides; add a guide column"
                    if len({g.slug for g, _ in owners}) > 1
                    else f"matches {' and '.join(map(repr, headings))}; write one as the guide does"
                )
                problems.append(Problem(row.where, 0, f"section '{row.section}' {reason}"))
                continue
            entry["section"] = owners[0][1].heading
            if row.guide or len(guides) > 1:
                entry["guide"] = owners[0][0].slug
            entry["section_hash"] = section_hash(owners[0][1])
        elif row.guide:
            entry["guide"] = row.guide
        entries.append(entry)
        linked.append((entry, row))
    for entry, row in linked:
        follow_ups = [ids[key] for key in row.follow_ups if key in ids]
        if follow_ups:
            entry["follow_ups"] = follow_ups
        if row.metadata:
            entry["metadata"] = dict(row.metadata)
    if problems:
        raise KnowledgeError(problems)
    return entries


def _alike(heading: str, row: Row) -> bool:
    """Whether the row's section names the heading, letter case aside."""
    return heading.casefold() == row.section.casefold()
