"""Knowledge through its snapshot (knowledge/snapshot.py): the snapshot while the files are
unchanged, else the files themselves, snapshotted once their passages are built.

    loaded = load_cached(root, cache_dir)           # raises KnowledgeError as load_knowledge
    passages = loaded.passages or build_passages(loaded.kb)
    note = save_loaded(loaded, cache_dir, passages)  # a note when it could not be saved
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from guidebot.knowledge import snapshot, snapshot_read
from guidebot.knowledge.loader import load_knowledge
from guidebot.knowledge.model import KnowledgeBase
from guidebot.knowledge.passages import Passage, passages_version

# Files changed this recently are not snapshotted: FAT keeps times to 2 s, some network
# file systems to 1 s.
RACY_SECONDS = 3.0


@dataclass(frozen=True)
class Loaded:
    """Validated knowledge; `passages` when they came from the snapshot (None: the files were
    read, and the passages are still to build); `key`, the files' signature before they were
    read ("" when they could not be examined); `notes`, what went wrong with the snapshot."""

    root: Path
    kb: KnowledgeBase
    passages: Sequence[Passage] | None
    key: str
    notes: tuple[str, ...] = ()


def load_cached(root: Path, cache_dir: Path) -> Loaded:
    """The knowledge at root, from its snapshot in cache_dir when every file is unchanged;
    else loaded from the files (raises KnowledgeError listing their problems)."""
    key = _signature(root)
    notes: tuple[str, ...] = ()
    if key:
        found, note = snapshot_read.load(cache_dir, key, passages_version())
        notes = (note,) if note else ()
        if found is not None:
            return Loaded(root, found[0], found[1], key, notes)
    return Loaded(root, load_knowledge(root), None, key, notes)


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
    return snapshot.save(cache_dir, loaded.key, passages_version(), loaded.kb, passages)


def _signature(root: Path) -> str:
    """The files' snapshot key, or "" when they cannot be examined (load_knowledge then says
    what is wrong)."""
    try:
        return snapshot.signature(root)
    except OSError:
        return ""
