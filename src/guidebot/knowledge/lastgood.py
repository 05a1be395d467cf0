"""Which snapshot of a knowledge folder last loaded cleanly, so that a broken edit does not
stop a command that only answers: `guidebot ask`, the chat app and the servers then answer
from the knowledge as it last was, and say what is wrong with the files now.

The chat app keeps its last good knowledge in memory across a reload; a command started
after the edit has no memory, so the cache folder keeps, per knowledge folder (by its
resolved path), the key of the last snapshot made or read from files with no problem, with
the folder's identity (device and inode), so that another folder made at the same path is
never answered from it. A clean load of files that are not snapshotted (changed a moment
ago, or the snapshot could not be written) forgets the key: the state it names is no longer
the last good one. The snapshot itself may since have been pruned (snapshot.KEEP): then
there is nothing to fall back to, and the problems stop the command as before.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

from guidebot.atomic import prune, write_bytes
from guidebot.errors import GuidebotError

PREFIX = "last-good-"
KEEP = 64  # knowledge folders remembered per cache directory, most recently used first
KEY_CHARS = frozenset("0123456789abcdef")


def pointer_path(cache_dir: Path, root: Path) -> Path:
    """Where the last good key of the knowledge at `root` is kept."""
    digest = hashlib.sha256(os.fsencode(root.resolve())).hexdigest()[:32]
    return cache_dir / f"{PREFIX}{digest}.txt"


def remember(cache_dir: Path, root: Path, key: str) -> None:
    """Note `key` (a snapshot.signature) as the knowledge at `root` that loaded cleanly. A
    cache that cannot be written changes nothing but the fallback, so failures are ignored."""
    try:
        path = pointer_path(cache_dir, root)
        line = f"{key} {_identity(root)}"
        if path.is_file() and path.read_text(encoding="ascii") == line:
            os.utime(path)  # used again: the last to be pruned
            return
        write_bytes(path, line.encode("ascii"), durable=False)
        prune(path, f"{PREFIX}*.txt", KEEP)
    except (OSError, UnicodeError, GuidebotError):
        pass


def recall(cache_dir: Path, root: Path) -> str:
    """The key `remember` last noted for `root`, or "" when there is none, it is unreadable,
    or the folder at `root` is not the one it was noted for."""
    try:
        key, _, identity = pointer_path(cache_dir, root).read_text(encoding="ascii").partition(" ")
        same = identity.strip() == _identity(root)
    except (OSError, UnicodeError):
        return ""
    return key if same and len(key) == 64 and set(key) <= KEY_CHARS else ""


def forget(cache_dir: Path, root: Path) -> None:
    """Drop what `remember` noted for `root` (failures ignored, as for remember)."""
    with contextlib.suppress(OSError):
        pointer_path(cache_dir, root).unlink(missing_ok=True)


def _identity(root: Path) -> str:
    """The folder's device and inode: raises OSError when it cannot be examined."""
    info = root.stat()
    return f"{info.st_dev}:{info.st_ino}"
