"""Loads and validates a knowledge directory into a KnowledgeBase, reporting every problem."""

from __future__ import annotations

import hashlib
import os
import shlex
from pathlib import Path

from guidebot.errors import KnowledgeError, Problem
from guidebot.knowledge.faqfile import parse_faq_file
from guidebot.knowledge.gcpause import paused_gc
from guidebot.knowledge.guidefile import one_line, parse_guide
from guidebot.knowledge.links import link_faqs
from guidebot.knowledge.model import (
    FaqEntry,
    Guide,
    KnowledgeBase,
    Section,
)
from guidebot.knowledge.repeats import menu_warnings, repeated_headings, repeated_questions
from guidebot.knowledge.sidefiles import parse_scope, parse_smalltalk, parse_synonyms

SPECIAL_FILES = {"synonyms.yaml", "smalltalk.yaml", "scope.yaml"}
# Left by an ingest killed while moving its checked files into place (ingest/staging.py).
INTERRUPTED_INGEST = ".guidebot-ingest-journal.json"


@paused_gc()
def load_knowledge(root: Path | str) -> KnowledgeBase:
    """Load every file under root; raise KnowledgeError listing all problems if any file is bad."""
    root = Path(root)
    if root.is_file():
        raise KnowledgeError(
            [
                Problem(
                    str(root),
                    0,
                    "a file, not a knowledge folder; bring it in with `guidebot ingest "
                    f"--knowledge DIR {shlex.quote(str(root))}` and name DIR (a guidebot "
                    "guide or FAQ file can also go straight into DIR/guides/ or DIR/faq/)",
                )
            ]
        )
    if not root.is_dir():
        raise KnowledgeError([Problem(str(root), 0, "knowledge directory not found")])
    unread = _unreadable_folders(root)
    if unread:  # glob skips a folder it cannot list without a word: say so instead
        raise KnowledgeError(unread)
    files = knowledge_files(root)
    problems: list[Problem] = []
    if (root / INTERRUPTED_INGEST).exists():
        problems.append(
            Problem(
                str(root / INTERRUPTED_INGEST),
                0,
                "an ingest into this folder was interrupted; finish it with `guidebot ingest "
                f"--knowledge {shlex.quote(str(root))}`",
            )
        )
    for group, paths in files.items():  # a name that is not UTF-8 cannot be shown or cited
        problems += [Problem(_shown(root, p), 0, "the file name is not UTF-8") for p in paths
                     if not _utf8(p.name)]  # fmt: skip
        files[group] = [p for p in paths if _utf8(p.name)]
    guides: list[Guide] = []
    faqs: list[FaqEntry] = []
    for path in files["guides"]:
        guide, found = parse_guide(path, _shown(root, path))
        problems += found
        if guide:
            guides.append(guide)
    for path in files["faq"]:
        entries, found = parse_faq_file(path, _shown(root, path))
        problems += found
        faqs += entries
    synonyms, found = parse_synonyms(root / "synonyms.yaml", _shown(root, root / "synonyms.yaml"))
    problems += found
    smalltalk, found = parse_smalltalk(
        root / "smalltalk.yaml", _shown(root, root / "smalltalk.yaml")
    )
    problems += found
    scope, found = parse_scope(root / "scope.yaml", _shown(root, root / "scope.yaml"))
    problems += found
    faqs, found = link_faqs(faqs, guides, check_links=len(guides) == len(files["guides"]))
    problems += found
    if not guides and not faqs and not problems:
        problems.append(
            Problem(str(root), 0, "no knowledge found (expected guides/*.md or faq/*.yaml)")
        )
    if problems:  # file by file, top to bottom, as someone fixing them reads
        raise KnowledgeError(sorted(problems, key=lambda p: (p.path, p.line)))
    warnings, stale = _staleness(faqs, guides)
    warnings += menu_warnings(guides) + repeated_headings(guides) + repeated_questions(faqs)
    return KnowledgeBase(
        root=str(root),
        guides=tuple(guides),
        faqs=tuple(faqs),
        synonyms=synonyms,
        smalltalk=smalltalk,
        out_of_scope=scope,
        fingerprint=fingerprint(root),
        warnings=tuple(warnings),
        stale_faqs=tuple(stale),
    )


def reload_knowledge(previous: KnowledgeBase) -> tuple[KnowledgeBase, KnowledgeError | None]:
    """Load previous.root again: (new knowledge, None), or (previous, the error) if it broke.

    Unchanged files (same fingerprint) give back `previous` itself, so callers can skip
    re-indexing with `new is previous`. Front ends keep serving the last good knowledge and
    show the error's file:line problems.
    """
    root = Path(previous.root)
    try:
        if root.is_dir() and fingerprint(root) == previous.fingerprint:
            return previous, None
        return load_knowledge(root), None
    except KnowledgeError as error:
        return previous, error
    except OSError as error:  # a file vanished or became unreadable mid-edit
        return previous, KnowledgeError([Problem(str(root), 0, f"cannot read: {error}")])


def section_hash(section: Section) -> str:
    """A short hash of a section's text, whitespace-insensitive, for FAQ `section_hash:`;
    taken over its paragraphs as single lines (guidefile.one_line), as it always was."""
    text = " ".join(" ".join(one_line(p.text) for p in section.paragraphs).split())
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def _staleness(faqs: list[FaqEntry], guides: list[Guide]) -> tuple[list[str], list[str]]:
    """Warnings for FAQ entries whose section changed since their `section_hash` was taken."""
    warnings: list[str] = []
    stale: list[str] = []
    by_slug = {g.slug: g for g in guides}
    for entry in faqs:
        if not entry.section_hash:
            continue
        where = f"{entry.path}:{entry.line}"
        guide = by_slug.get(entry.guide)
        section = guide.section(entry.section) if guide and entry.section else None
        if guide is None or section is None:
            warnings.append(f"{where}: 'section_hash' has no effect without a 'section'")
            continue
        now = section_hash(section)
        if now != entry.section_hash:
            stale.append(entry.id)
            warnings.append(
                f"{where}: FAQ '{entry.id}' may be out of date: section '{entry.section}' of "
                f"{guide.path} changed since the answer was written. Check the answer, then "
                f"set 'section_hash: {now}'"
            )
    return warnings, stale


def fingerprint(root: Path) -> str:
    """A hash of every knowledge file's name and bytes: equal fingerprints, equal knowledge."""
    digest = hashlib.sha256()
    for group in knowledge_files(root).values():
        for path in group:
            digest.update(os.fsencode(path.relative_to(root)) + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def knowledge_files(root: Path) -> dict[str, list[Path]]:
    """The files that make up a knowledge base; directories and dangling links are not files.

    YAML files directly in root count as FAQ files only in a bare folder of FAQ files (no
    guides/ or faq/), so a stray notes.yaml beside a full knowledge base is not read."""
    special = [root / name for name in sorted(SPECIAL_FILES) if (root / name).is_file()]
    loose_faq = loose_faq_files(root)
    return {
        "guides": _files(root / "guides", "*.md"),
        "faq": _files(root / "faq", "*.yaml", "*.yml") + loose_faq,
        "special": special,
    }


def loose_faq_files(root: Path) -> list[Path]:
    """FAQ files directly in root, read only in a bare folder of FAQ files (no guides/ or
    faq/ beside them)."""
    if (root / "guides").is_dir() or (root / "faq").is_dir():
        return []
    return _files(root, "*.yaml", "*.yml", exclude=SPECIAL_FILES)


def _unreadable_folders(root: Path) -> list[Problem]:
    """A problem for the knowledge folder, or its guides/ or faq/, that cannot be listed."""
    problems = []
    for folder in (root, root / "guides", root / "faq"):
        try:
            if folder is root or folder.is_dir():
                with os.scandir(folder):
                    pass
        except OSError as error:
            reason = error.strerror or str(error)
            problems.append(Problem(str(folder), 0, f"cannot read this folder ({reason})"))
            if folder is root:
                break
    return problems


def _files(
    folder: Path, *patterns: str, exclude: frozenset[str] | set[str] = frozenset()
) -> list[Path]:
    found = {p for pattern in patterns for p in folder.glob(pattern)}
    return sorted(p for p in found if p.name not in exclude and p.is_file())


def _shown(root: Path, path: Path) -> str:
    """Paths in messages: relative to the directory the person named, e.g. knowledge/faq/x.yaml
    (bytes of a name that are not UTF-8 shown as U+FFFD, so the message can be printed)."""
    shown = str(root / path.relative_to(root))
    return shown.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
