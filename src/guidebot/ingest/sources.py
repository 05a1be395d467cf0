"""Reading an article to bring in: its bytes checked and decoded, or a plain reason why not."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from guidebot.errors import InputError
from guidebot.ingest.faq.archives import ZIP_MAGIC
from guidebot.ingest.faq.textfile import decode, not_utf8

# A <meta> tag naming a charset: <meta charset="windows-1252"> or <meta http-equiv=
# "Content-Type" content="text/html; charset=iso-8859-1">.
_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
LATIN1_LABELS = frozenset({"iso8859-1", "ascii"})  # as codecs.lookup names them
MAX_INPUT_BYTES = 20_000_000  # as knowledge files: a larger article is refused unread
_MAGIC = {
    b"%PDF": "a PDF",
    ZIP_MAGIC: "a ZIP archive",
    b"\xd0\xcf\x11\xe0": "an old Office file",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
}
# What a ZIP archive given as an article most likely is, by its name: a spreadsheet (.xlsx)
# or an export (.zip) is read as an FAQ table instead, never here.
_ZIPPED = {".docx": "a Word document", ".pptx": "a PowerPoint file", ".odt": "an OpenDocument text"}


def read_input(path: Path, limit: int) -> bytes:
    """The bytes of an input file. Raises InputError when there is no such file, it is a
    directory, it is over `limit` bytes (refused unread), it cannot be read (permissions,
    a folder on its way that cannot be entered), or it holds nothing but white space."""
    try:
        if path.is_dir():
            raise InputError(f"{path}: is a directory; name the files to bring in")
        size = path.stat().st_size
        if size > limit:
            raise InputError(f"{path}: {size:,} bytes is over the {limit:,} byte limit")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read it ({error.strerror or error})") from None
    if not data.strip():
        raise InputError(f"{path}: the file is empty")
    return data


def read_source(path: Path) -> str:
    """The text of an input file, or an InputError saying plainly why it cannot be used."""
    data = read_input(path, MAX_INPUT_BYTES)
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            what = _ZIPPED.get(path.suffix.lower(), what) if magic == ZIP_MAGIC else what
            raise InputError(
                f"{path}: this is {what}, not text; save it as text (.txt) or a web page "
                "(.html) first (spreadsheets and FAQ exports are read as they are)"
            )
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # begins as UTF-16's
        raise InputError(f"{path}: this is UTF-32 text; save it as UTF-8 and try again")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Notepad's "Unicode"
        return decode(data, str(path), spreadsheet=False)
    if b"\0" in data[:8192]:
        raise InputError(f"{path}: this looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        first_bad = error.start
        declared = _declared_charset(data) if path.suffix.lower() in {".html", ".htm"} else None
        if declared is None:
            raise InputError(not_utf8(data, str(path), first_bad)) from None
    label, codec = declared
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InputError(
            f"{path}:{line}: the page says it is {label} text, but byte "
            f"0x{data[error.start]:02x} is not; save it as UTF-8"
        ) from None
    except (LookupError, UnicodeError):  # "rot13", "hex", "undefined": no text encodings
        raise InputError(not_utf8(data, str(path), first_bad)) from None


def _declared_charset(data: bytes) -> tuple[str, str] | None:
    """The encoding a web page declares in its head (<meta charset> or the http-equiv
    Content-Type): (the label as written, the Python codec to read it with); None if none
    is declared, or one Python does not know. A saved page that is not UTF-8 is read as the
    page says, as a browser would."""
    match = _CHARSET.search(data[:4096])
    if not match:
        return None
    label = match.group(1).decode("ascii")
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    # Browsers read a page labelled Latin-1 or ASCII as Windows-1252, whose bytes 0x80-0x9F
    # are the euro sign, dashes and curly quotes (Latin-1 makes them control characters).
    return label, "cp1252" if name in LATIN1_LABELS else name
