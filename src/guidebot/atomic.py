"""Writing files so that a crash or a full disk never leaves half a file behind."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from guidebot.errors import WriteRefused


def write_text(path: Path, text: str, overwrite: bool = False) -> Path:
    """Write text (UTF-8) to path through a temporary file and an atomic rename.

    Refuses (WriteRefused) to replace an existing file unless overwrite is True.
    """
    path = Path(path)
    if path.exists() and not overwrite:
        raise WriteRefused(f"{path} already exists", [str(path)])
    return write_bytes(path, text.encode("utf-8"))


def write_bytes(path: Path, data: bytes) -> Path:
    """Atomically replace path with data: readers see the old file or the new, never half."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and not path.is_file():
        raise WriteRefused(f"{path} is not a regular file; nothing written", [str(path)])
    # mkstemp makes the file private (0600); keep the mode of the file being replaced, or
    # give a new one the usual 0644, so support staff can still read what guidebot wrote.
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
