"""Writing files so that a crash or a full disk never leaves half a file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from guidebot.errors import UsageError


def write_text(path: Path, text: str, overwrite: bool = False) -> Path:
    """Write text (UTF-8) to path through a temporary file and an atomic rename.

    Refuses (UsageError) to replace an existing file unless overwrite is True.
    """
    path = Path(path)
    if path.exists() and not overwrite:
        raise UsageError(f"{path} already exists (use --force to replace it)")
    return write_bytes(path, text.encode("utf-8"))


def write_bytes(path: Path, data: bytes) -> Path:
    """Atomically replace path with data: readers see the old file or the new, never half."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
