"""Writing files so that a crash or a full disk never leaves half a file behind.

Every file guidebot writes whole (knowledge from ingest, FAQ exports, transcripts, caches)
goes through write_bytes: a temporary file beside the target, fsync, one atomic rename. A
failure is a WriteFailed naming the file and why, and leaves no temporary file; temporaries
an earlier, killed run left behind are swept on the next write to the same folder.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from guidebot.errors import WriteFailed, WriteRefused

STALE_SECONDS = 3600  # a temporary file this old is a leftover, not another writer's


def write_text(path: Path, text: str, overwrite: bool = False) -> Path:
    """Write text (UTF-8) to path through a temporary file and an atomic rename.

    Refuses (WriteRefused) to replace an existing file unless overwrite is True.
    """
    path = Path(path)
    if path.exists() and not overwrite:
        raise WriteRefused(f"{path} already exists", [str(path)])
    return write_bytes(path, text.encode("utf-8"))


def write_bytes(path: Path, data: bytes | Sequence[bytes], durable: bool = True) -> Path:
    """Atomically replace path with data (bytes, or pieces written one after another, so a
    large file need not be joined in memory first): readers see the old file or the new,
    never half.

    A symbolic link stays a link: the file it points to is replaced. Raises WriteRefused
    when something other than a regular file stands at path, WriteFailed when writing fails.
    `durable=False` skips the fsync, for caches: a power cut may then leave the new file
    empty or cut short, which their checksums catch and a rebuild repairs, and 200 MB of
    caches at 100,000 passages are not held up for the disk (0.2-0.6 s here).
    """
    path = Path(path)
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    if target.exists() and not target.is_file():
        raise WriteRefused(f"{path} is not a regular file; nothing written", [str(path)])
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _sweep(target)
        # mkstemp makes the file private (0600); keep the mode of the file being replaced, or
        # give a new one the usual 0644, so support staff can still read what guidebot wrote.
        mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o644
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as error:
        raise WriteFailed(path, error.strerror or str(error)) from None
    try:
        os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, bytes):
                handle.write(data)
            else:
                handle.writelines(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(tmp, target)
    except OSError as error:
        Path(tmp).unlink(missing_ok=True)
        raise WriteFailed(path, error.strerror or str(error)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _sweep(target: Path) -> None:
    """Remove temporaries of target that a killed write left (older than STALE_SECONDS)."""
    cutoff = time.time() - STALE_SECONDS
    for old in target.parent.glob(f".{target.name}.*.tmp"):
        with contextlib.suppress(OSError):
            if old.stat().st_mtime < cutoff:
                old.unlink()


def prune(keep: Path, pattern: str, count: int, max_total_bytes: int | None = None) -> None:
    """Delete the older files matching pattern beside `keep`, so that `keep` and at most
    count - 1 of the newest others stay, together under max_total_bytes when given. Caches
    use it so that copies for old knowledge or old versions do not pile up; failing to
    tidy changes nothing, so errors are ignored."""
    try:
        others = sorted(
            (p for p in keep.parent.glob(pattern) if p != keep),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        total = keep.stat().st_size
        for number, old in enumerate(others, start=1):
            total += old.stat().st_size
            if number >= count or (max_total_bytes is not None and total > max_total_bytes):
                old.unlink(missing_ok=True)
    except OSError:
        pass
