"""`guidebot ingest`: articles become guides/<slug>.md, FAQ tables and exports (CSV, Excel,
QnA Maker, QnABot, Rasa, Dialogflow: see guidebot.ingest.tables) become faq/<name>.yaml.

All or nothing: every file is written atomically, the result is validated with
load_knowledge, and if that fails every file is put back as it was before.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from guidebot.errors import InputError, KnowledgeError, Problem, WriteFailed, WriteRefused
from guidebot.ingest.articles import Article, render_guide
from guidebot.ingest.entries import faq_entries
from guidebot.ingest.inputs import read_all, refuse_same_names
from guidebot.ingest.review import keep_reviewed_hashes
from guidebot.ingest.staging import Staging, finish_interrupted, sole_ingest, sweep_abandoned
from guidebot.ingest.tables import FaqTable, first_copy, render_faq
from guidebot.knowledge.faqfile import parse_faq_file
from guidebot.knowledge.guidefile import parse_guide
from guidebot.knowledge.loader import (
    load_knowledge,
    loose_faq_files,
)
from guidebot.knowledge.model import Guide, KnowledgeBase
from guidebot.knowledge.slugs import UniqueIds
from guidebot.locations import is_bundled

# The first line of an FAQ file ingest writes (render_faq makes it a comment) names the
# export it came from, between these two: bringing that export in again writes there.
FROM, ON = "# FAQ entries brought in from ", " by guidebot ingest on "


@dataclass
class Written:
    path: Path
    what: str


@dataclass
class IngestResult:
    """What was written, the knowledge as loaded afterwards, and what to tell about the inputs.

    `warnings` (e.g. one question with two answers in a table) are also among kb.warnings, so
    front ends that show the knowledge's warnings show them too.
    """

    written: list[Written]
    kb: KnowledgeBase
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class IngestUndone(KnowledgeError):
    """The ingested files did not pass the check; the knowledge was put back as it was."""

    def __str__(self) -> str:
        problems = "\n".join(str(p) for p in self.problems)
        return f"the result did not pass the check, so nothing was changed:\n{problems}"


def ingest(
    paths: list[Path], target: Path, force: bool = False, slug: str | None = None
) -> IngestResult:
    """Bring every file of paths into the knowledge directory target (see module docstring),
    one ingest at a time (staging.sole_ingest)."""
    _refuse_target(target)
    with sole_ingest(target):
        return _ingest(paths, target, force, slug)


def finish(target: Path) -> bool:
    """Finish an ingest into target that was interrupted while making its files live
    (staging.finish_interrupted); True if there was one."""
    _refuse_target(target)
    if not target.is_dir():
        return False
    with sole_ingest(target):
        return _finish_interrupted(target)


def _finish_interrupted(target: Path) -> bool:
    """staging.finish_interrupted, a failed move raised as WriteFailed."""
    try:
        return finish_interrupted(target)
    except OSError as error:
        raise WriteFailed(target, error.strerror or str(error)) from None


def _ingest(paths: list[Path], target: Path, force: bool, slug: str | None) -> IngestResult:
    _finish_interrupted(target)
    _check_target(target)
    sweep_abandoned(target, time.time())
    articles, tables, notes = read_all(paths, slug)
    _same_names_as_before(tables, target)
    refuse_same_names(articles, tables)
    warnings = [w for table in tables for w in table.warnings]
    outputs = [target / "guides" / f"{s}.md" for s, _, _ in articles]
    outputs += [target / "faq" / f"{table.name}.yaml" for table in tables]
    if not force:
        _refuse_other_articles(articles, target)
    _refuse_existing(outputs, force)
    taken = UniqueIds(_existing_faq_ids(target, set(outputs)))
    staging = Staging(target)
    written: list[Written] = []
    try:
        staged = [
            (staging.write(f"guides/{name}.md", render_guide(article)), article.title, source)
            for name, article, source in articles
        ]
        guides = _guides(staging.root)
        by_name = {Path(g.path).name: g for g in guides}  # staged, then moved in place
        for path, title, source in staged:
            guide = by_name.get(Path(path).name)
            written.append(Written(path, _describe_guide(guide, title, source)))
        for table in tables:
            entries = faq_entries(table.rows, guides, taken)
            kept = keep_reviewed_hashes(entries, target / "faq" / f"{table.name}.yaml")
            notes += [_kept_note(table.shown, kept)] if kept else []
            source = table.source
            header = f"{FROM[2:]}{source}{ON}{date.today()}."
            path = staging.write(f"faq/{table.name}.yaml", render_faq(entries, header))
            count = f"{len(entries)} FAQ {'entry' if len(entries) == 1 else 'entries'}"
            written.append(Written(path, f"{count} from {source}"))
        load_knowledge(staging.root)  # the whole result must load before any of it is live
    except KnowledgeError as error:
        staging.discard()
        raise IngestUndone(_unstaged(error.problems, staging.root, target)) from None
    except BaseException:
        staging.discard()
        raise
    for final, copy in staging.commit(time.strftime("%Y-%m-%d-%H%M%S")):
        notes.append(f"replaced {final}; the file it replaced is kept as {copy}")
    kb = load_knowledge(target)
    kb = dataclasses.replace(kb, warnings=(*warnings, *kb.warnings))
    return IngestResult(written, kb, notes, warnings)


def _same_names_as_before(tables: list[FaqTable], target: Path) -> None:
    """An export brought in before goes to the file it was written to then (its first line
    names it), so that bringing it in again asks for --force rather than writing a second
    copy beside the first ("faq-csv.yaml" from a run with faq.xlsx, "faq.yaml" alone), under
    whatever name a second download gave it ("faq (1).xlsx": tables.first_copy)."""
    earlier: dict[str, str] = {}
    for path in sorted(target.glob("faq/*.yaml")):
        try:
            with path.open(encoding="utf-8") as file:
                first = file.readline()
        except (OSError, UnicodeDecodeError):
            continue  # the check before ingest reports an unreadable file
        if first.startswith(FROM) and ON in first:
            source = first[len(FROM) : first.rindex(ON)]
            earlier.setdefault(source, path.stem)
            earlier.setdefault(first_copy(source), path.stem)  # what a copy it was copies
    for table in tables:  # "faq (1).xlsx", downloaded again, is the export "faq.xlsx"
        table.name = earlier.get(table.source) or earlier.get(first_copy(table.source), table.name)


def _unstaged(problems: tuple[Problem, ...], staged: Path, target: Path) -> list[Problem]:
    """Problems as they would read in target: the staging folder is an inner detail."""
    return [dataclasses.replace(p, path=p.path.replace(str(staged), str(target))) for p in problems]


def _refuse_target(target: Path) -> None:
    if is_bundled(target):
        raise InputError(
            f"{target} is the knowledge bundled inside the installed package and is never "
            "changed; choose a directory with --knowledge DIR (an empty or new one is fine)"
        )
    if target.exists() and not target.is_dir():
        raise InputError(f"{target}: not a directory")
    loose = [p.name for p in loose_faq_files(target)]
    if loose:  # once guides/ or faq/ exists, the loader no longer reads them: they would be lost
        raise InputError(
            f"{target} holds FAQ files directly in it ({', '.join(loose)}); move them into "
            f"{target / 'faq'} first, then run guidebot ingest again"
        )


def _check_target(target: Path) -> None:
    has_knowledge = any(target.glob("guides/*.md")) or any(target.glob("faq/*.y*ml"))
    if has_knowledge:
        try:
            load_knowledge(target)
        except KnowledgeError as error:
            raise InputError(
                f"{target} has problems already; fix them first (guidebot check {target}):\n{error}"
            ) from None


def _refuse_other_articles(articles: list[tuple[str, Article, str]], target: Path) -> None:
    """WriteRefused when an article would be written over a guide brought in from another
    file (two articles of one title): naming both files and the way to keep both."""
    for name, article, shown in articles:
        path = target / "guides" / f"{name}.md"
        guide = parse_guide(path, str(path))[0] if path.is_file() else None
        if guide is not None and guide.source and guide.source != article.source:
            raise WriteRefused(
                f"{path} is already there, brought in from {guide.source}: to keep both, "
                f"give {shown} a name of its own with --slug NAME; nothing written",
                [str(path)],
            )


def _refuse_existing(outputs: list[Path], force: bool) -> None:
    odd = [str(p) for p in outputs if p.exists() and not p.is_file()]
    if odd:
        raise WriteRefused("not a regular file, nothing written: " + ", ".join(odd), odd)
    existing = [str(p) for p in outputs if p.exists()]
    if existing and not force:
        raise WriteRefused("already there, nothing written: " + ", ".join(existing), existing)


def _existing_faq_ids(target: Path, replaced: set[Path]) -> set[str]:
    taken: set[str] = set()
    for path in sorted(target.glob("faq/*.y*ml")):
        if path not in replaced:
            entries, _ = parse_faq_file(path, str(path))
            taken |= {e.id for e in entries if e.id}
    return taken


def _guides(target: Path) -> list[Guide]:
    guides = []
    for path in sorted(target.glob("guides/*.md")):
        guide, _ = parse_guide(path, str(path))
        if guide:
            guides.append(guide)
    return guides


def _kept_note(shown: str, kept: int) -> str:
    entries = "entry keeps" if kept == 1 else "entries keep"
    return (
        f"{shown}: {kept} unchanged {entries} the section_hash of the file replaced, so "
        "`guidebot check` still says which answers may be out of date"
    )


def _describe_guide(guide: Guide | None, title: str, source: str) -> str:
    """What a written guide holds, counted as `guidebot check` counts it (its sections as
    loaded: the introduction is one, a heading with only sub-headings under it none)."""
    if guide is None:  # it did not load: the check after writing lists why
        return f"guide '{title}' from {source}"
    sections = guide.sections
    nested = sum(1 for s in sections if s.parents)
    under = f", {nested} of them sub-sections" if nested else ""
    count = f"{len(sections)} section" + ("" if len(sections) == 1 else "s")
    return f"guide '{guide.title}' from {source}: {count}{under}"
