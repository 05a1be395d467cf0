"""Knowledge through its snapshot (knowledge/snapshot.py): the snapshot while the files are
unchanged, else the files themselves, snapshotted once their passages are built.

    loaded = load_cached(root, cache_dir)           # raises KnowledgeError as load_knowledge
    passages = loaded.passages or build_passages(loaded.kb)
    note = save_loaded(loaded, cache_dir, passages)  # a note when it could not be saved

With `last_good=True`, files with problems give the snapshot that last loaded cleanly
(knowledge/lastgood.py) when there is one, its `problems` saying what is wrong now.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from guidebot.errors import KnowledgeError
from guidebot.knowledge import lastgood, snapshot, snapshot_read
from guidebot.knowledge.loader import knowledge_files, load_knowledge
from guidebot.knowledge.model import KnowledgeBase
from guidebot.knowledge.passages import Passage, passages_version

# Files changed this recently are not snapshotted: FAT keeps times to 2 s, some network
# file systems to 1 s.
RACY_SECONDS = 3.0


@dataclass(frozen=True)
class Loaded:
    """Validated knowledge; `passages` when they came from the snapshot (None: the files were
    read, and the passages are still to build); `key`, the files' signature before they were
    read ("" when they could not be examined); `notes`, what went wrong with the snapshot;
    `problems`, when the files are broken and this is the knowledge as it last loaded
    cleanly, what is wrong with them."""

    root: Path
    kb: KnowledgeBase
    passages: Sequence[Passage] | None
    key: str
    notes: tuple[str, ...] = ()
    problems: KnowledgeError | None = None


def load_cached(root: Path, cache_dir: Path, last_good: bool = False) -> Loaded:
    """The knowledge at root, from its snapshot in cache_dir when every file is unchanged;
    else loaded from the files. Raises KnowledgeError listing their problems, unless
    `last_good`, the folder still holds knowledge files and a snapshot of the knowledge as
    it last loaded cleanly there is still in cache_dir: that is returned, with the problems
    (knowledge/lastgood.py)."""
    key = _signature(root)
    notes: tuple[str, ...] = ()
    if key:
        found, note = snapshot_read.load(cache_dir, key, passages_version())
        notes = (note,) if note else ()
        if found is not None:
            lastgood.remember(cache_dir, root, key)
            snapshot.touch(cache_dir, key, passages_version())  # in use: pruned last
            return Loaded(root, found[0], found[1], key, notes)
    try:
        kb = load_knowledge(root)
    except KnowledgeError as error:
        earlier = _last_good(root, cache_dir) if last_good and _holds_files(root) else None
        if earlier is None:
            raise
        return replace(earlier, problems=error)
    if not key or lastgood.recall(cache_dir, root) != key:
        lastgood.forget(cache_dir, root)  # save_loaded notes this state once snapshotted
    return Loaded(root, kb, None, key, notes)


def _last_good(root: Path, cache_dir: Path) -> Loaded | None:
    """The knowledge at root as it last loaded cleanly, if its snapshot is still there and
    names root as spelt now (a snapshot keeps the paths its citations show)."""
    key = lastgood.recall(cache_dir, root)
    if not key:
        return None
    found, _ = snapshot_read.load(cache_dir, key, passages_version())
    if found is None or found[0].root != str(root):
        return None
    return Loaded(root, found[0], found[1], key)


def _holds_files(root: Path) -> bool:
    """Whether root is a folder holding knowledge files: one emptied is no broken edit."""
    try:
        return root.is_dir() and any(knowledge_files(root).values())
    except OSError:
        return False


def save_loaded(loaded: Loaded, cache_dir: Path, passages: Sequence[Passage]) -> str | None:
    """Snapshot knowledge that was read from its files, with its passages, unless the files
    changed while they were read or within the last RACY_SECONDS; None when saved or
    nothing to save, else a note."""
    if loaded.passages is not None or not loaded.key or _signature(loaded.root) != loaded.key:
        return None
    try:
        if time.time() - snapshot.newest_change(loaded.root) < RACY_SECONDS:
            return None  # an edit in the same tick of a coarse clock would keep the key
    except OSError:
        return None
    note = snapshot.save(cache_dir, loaded.key, passages_version(), loaded.kb, passages)
    if note is None:
        lastgood.remember(cache_dir, loaded.root, loaded.key)
    return note


def _signature(root: Path) -> str:
    """The files' snapshot key, or "" when they cannot be examined (load_knowledge then says
    what is wrong)."""
    try:
        return snapshot.signature(root)
    except OSError:
        return ""
