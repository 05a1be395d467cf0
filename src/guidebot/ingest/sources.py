"""Reading an article to bring in: its bytes checked and decoded, or a plain reason why not."""

from __future__ import annotations

from pathlib import Path

from guidebot.errors import InputError

MAX_INPUT_BYTES = 20_000_000  # as knowledge files: a larger article is refused unread
_MAGIC = {
    b"%PDF": "a PDF",
    b"PK\x03\x04": "a ZIP/Word/Excel file",
    b"\xd0\xcf\x11\xe0": "an Office file",
}


def read_source(path: Path) -> str:
    """The text of an input file, or an InputError saying plainly why it cannot be used."""
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory; name the files to bring in")
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(f"{path}: {size:,} bytes is over the {MAX_INPUT_BYTES:,} byte limit")
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read it ({error.strerror or error})") from None
    if not data.strip():
        raise InputError(f"{path}: the file is empty")
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"{path}: this is {what}, not text; save it as text or HTML first")
    if b"\0" in data[:8192]:
        raise InputError(f"{path}: this looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{path}: not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}); "
            "save it as UTF-8 and try again"
        ) from None
