"""The arrays of an uncompressed .npz file as read-only views of one memory map.

`np.load` copies every array of an .npz into the process. The caches are written
uncompressed (`aligned_npz`), so each array's bytes lie in the file as they are in memory:
mapped instead of copied, the operating system's page cache holds them once for every
process that opens the same file (several API workers), and pages are read only when a
query touches them. `aligned_npz` also starts each array's data at a multiple of 64 bytes
in the file: `np.savez` does not, and numpy reads a misaligned float array through a slow
path (BLAS is not used for a product with it: the question times the passages' view
vectors took 37 us instead of 15 us on the bundled guide).

Nothing in the file is trusted: each member must be stored (not compressed), lie inside the
file, hold a plain numeric .npy array whose size matches the bytes stored, and match its
CRC-32; otherwise ValueError names the problem. No pickle is ever read.
"""

from __future__ import annotations

import io
import mmap
import struct
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from guidebot import mapped as mapping

_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, ..., name length, extra length
_LOCAL_SIGNATURE = b"PK\x03\x04"
ALIGNMENT = 64  # bytes; a cache line, and what .npy headers pad themselves to
# Padding goes in an extra field of the member's local header; this is the id Android's
# zipalign gives the same padding, which zip readers skip as an unknown field.
_PADDING_ID = 0xD935
_EXTRA = struct.Struct("<HH")  # id, size of the data that follows


@dataclass(frozen=True)
class MappedNpz:
    """The arrays of one file (member name without ".npy" -> read-only array) and its map."""

    arrays: dict[str, np.ndarray]
    mapped: mmap.mmap

    def drop_pages(self) -> None:
        """Let go of the pages read so far (checking CRCs reads them all): they stay in the
        operating system's page cache, shared, and each is mapped again when a query first
        touches it, so a process holds only the postings its questions use."""
        mapping.release(self.mapped)


def aligned_npz(arrays: Mapping[str, np.ndarray]) -> bytes:
    """An uncompressed .npz of these arrays (name -> plain numeric array; np.load reads it
    as it reads np.savez's) in which each array's data starts at a multiple of ALIGNMENT
    bytes, so map_npz's views of it are aligned. A member over 4 GiB gets zip64 fields in
    its header and is left as it falls (still readable, only slower).
    Raises ValueError for an array of Python objects (it would need a pickle)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
        for name, array in arrays.items():
            data = np.asanyarray(array)
            info = zipfile.ZipInfo(f"{name}.npy")
            # The size, roughly (the .npy header is under 4 KiB), only decides zip64 fields.
            info.file_size = data.nbytes + 4096
            # The .npy header pads itself to ALIGNMENT, so aligning the member aligns its data.
            start = buffer.tell() + _LOCAL_HEADER.size + len(info.filename.encode()) + _EXTRA.size
            padding = -start % ALIGNMENT
            info.extra = _EXTRA.pack(_PADDING_ID, padding) + bytes(padding)
            # Written straight into the archive, as np.savez does: no copy of each array.
            with archive.open(info, "w") as member:
                np.lib.format.write_array(member, data, allow_pickle=False)
    return buffer.getvalue()


def map_npz(path: Path) -> MappedNpz:
    """The file's arrays, each a read-only view of one memory map of the file.

    Raises ValueError for a file that is not an uncompressed .npz of numeric arrays, or
    whose members are damaged; OSError when it cannot be read."""
    with path.open("rb") as handle:
        try:
            archive = zipfile.ZipFile(handle)
        except zipfile.BadZipFile as exc:
            raise ValueError(f"not an index cache: {exc}") from None
        with archive:
            members = archive.infolist()
    mapped = mapping.map_file(path)
    view = memoryview(mapped)
    return MappedNpz({_name(info): _array(mapped, view, info) for info in members}, mapped)


def _name(info: zipfile.ZipInfo) -> str:
    return info.filename[:-4] if info.filename.endswith(".npy") else info.filename


def _array(mapped: mmap.mmap, view: memoryview, info: zipfile.ZipInfo) -> np.ndarray:
    if info.compress_type != zipfile.ZIP_STORED:
        raise ValueError(f"array '{info.filename}' is compressed")
    at, size = info.header_offset, len(view)
    if at + _LOCAL_HEADER.size > size:
        raise ValueError(f"array '{info.filename}' lies outside the file")
    signature, name_length, extra_length = _LOCAL_HEADER.unpack(view[at : at + _LOCAL_HEADER.size])
    start = at + _LOCAL_HEADER.size + name_length + extra_length
    end = start + info.file_size
    if signature != _LOCAL_SIGNATURE or end > size:
        raise ValueError(f"array '{info.filename}' lies outside the file")
    member = view[start:end]
    if mapping.crc32(mapped, start, end) != info.CRC:
        raise ValueError(f"array '{info.filename}' is damaged (CRC)")
    stream = _Reader(member)
    major, _ = np.lib.format.read_magic(stream)
    read_header = (
        np.lib.format.read_array_header_1_0 if major == 1 else np.lib.format.read_array_header_2_0
    )
    shape, fortran, dtype = read_header(stream)
    if dtype.hasobject:
        raise ValueError(f"array '{info.filename}' holds Python objects (a pickle)")
    count = int(np.prod(shape, dtype=np.int64))
    if stream.at + count * dtype.itemsize != len(member):
        raise ValueError(f"array '{info.filename}' claims {count * dtype.itemsize:,} bytes")
    array = np.frombuffer(member, dtype=dtype, count=count, offset=stream.at)
    return array.reshape(shape, order="F" if fortran else "C")


class _Reader:
    """The file-like `read` that numpy's .npy header readers need, over a memoryview."""

    def __init__(self, data: memoryview) -> None:
        self.data, self.at = data, 0

    def read(self, size: int = -1) -> bytes:
        end = len(self.data) if size < 0 else self.at + size
        chunk = bytes(self.data[self.at : end])
        self.at += len(chunk)
        return chunk
