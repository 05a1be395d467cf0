"""Cache files read through a read-only memory map, checked without being held in memory.

A large library's caches are a few hundred MB. Read into the process, each would be held
once per worker; mapped, the operating system's page cache holds it once for all of them,
and a process holds only the pages it touches. Checking a checksum touches every page, so
`crc32` releases each stretch of pages as soon as it has read it: peak memory stays near
one stretch instead of the whole file.

guidebot never rewrites a cache file in place (writes go through a new file and a rename,
guidebot.atomic), so a map stays valid while another process replaces or deletes the file.
Another program truncating a mapped file in place would make the next read of a lost page
end the process (SIGBUS): the price of sharing pages instead of copying them.
"""

from __future__ import annotations

import mmap
import zlib
from pathlib import Path

STRETCH = 8 << 20  # bytes checked between two releases of pages


def map_file(path: Path) -> mmap.mmap:
    """The whole file, mapped read-only; raises OSError when it cannot be read and
    ValueError when it is empty (an empty file cannot be mapped)."""
    with path.open("rb") as handle:
        if handle.seek(0, 2) == 0:
            raise ValueError("the file is empty")
        return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)


def crc32(mapped: mmap.mmap, start: int, end: int) -> int:
    """CRC-32 (zlib's) of mapped[start:end], releasing the pages as it goes."""
    view = memoryview(mapped)
    try:
        crc = 0
        for at in range(start, end, STRETCH):
            stop = min(at + STRETCH, end)
            crc = zlib.crc32(view[at:stop], crc)
            release(mapped, at, stop)
        return crc
    finally:
        view.release()


def release(mapped: mmap.mmap, start: int = 0, end: int | None = None) -> None:
    """Let go of the pages of mapped[start:end]: they stay in the page cache, and each is
    mapped again when next touched. A no-op where madvise(MADV_DONTNEED) is missing."""
    if not hasattr(mmap, "MADV_DONTNEED"):
        return
    end = len(mapped) if end is None else end
    first = start - start % mmap.PAGESIZE  # madvise takes whole pages from a page boundary
    if end > first:
        mapped.madvise(mmap.MADV_DONTNEED, first, end - first)
