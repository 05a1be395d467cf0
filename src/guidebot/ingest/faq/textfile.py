"""The text of a FAQ table file, whatever Unicode form a spreadsheet saved it in; and, for a
file that is not Unicode, a message that names the encoding it most likely is and how to
save it again as UTF-8."""

from __future__ import annotations

import codecs

from guidebot.errors import InputError

EXCEL_HINT = "in Excel choose File > Save As > 'CSV UTF-8 (Comma delimited)'"
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),  # Excel's "Unicode Text": UTF-16 with tabs
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, shown: str, spreadsheet: bool = True) -> str:
    """data as text: UTF-8 (with or without a byte-order mark) or UTF-16 with its mark.

    Raises InputError "file:line: ..." at the first byte that is not UTF-8, naming the
    encoding the file most likely has (Windows-1252 for a CSV from Excel on Windows).
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as error:
                raise InputError(f"{shown}: broken {codec} text ({error.reason})") from None
    if b"\0" in data[:8192]:
        raise InputError(f"{shown}: this looks like a binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(not_utf8(data, shown, error.start, spreadsheet)) from None


def not_utf8(data: bytes, shown: str, start: int, spreadsheet: bool = False) -> str:
    """The message for text that is not UTF-8 at byte `start`: `shown:line:`, the byte, the
    8-bit encoding it most likely has with the word around it read that way, and how to save
    it as UTF-8 (for a spreadsheet, from Excel)."""
    line = data.count(b"\n", 0, start) + 1
    message = f"{shown}:{line}: not UTF-8 text (byte 0x{data[start]:02x})"
    fix = EXCEL_HINT if spreadsheet else "save it as UTF-8 and try again"
    codec, name = _likely_encoding(data)
    # The word around the byte, read the guessed way, lets people confirm the guess.
    begin = max(data.rfind(b" ", 0, start), data.rfind(b"\n", 0, start), -1) + 1
    ends = [i for i in (data.find(b" ", start), data.find(b"\n", start)) if i >= 0]
    word = data[begin : min(ends, default=len(data))].decode(codec, "replace").strip(",;\t\"'")
    return f"{message}; this looks like {name} text ('{word}'); {fix}"


def _likely_encoding(data: bytes) -> tuple[str, str]:
    """(codec, name) of the 8-bit encoding data most likely has, or ('', '') when unsure."""
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        # Five bytes mean nothing in Windows-1252 (what Excel on Windows writes); then it is
        # some other 8-bit encoding, and Latin-1 at least shows every byte.
        return "latin-1", "an 8-bit encoding such as ISO-8859-1 (Latin-1)"
    return "cp1252", "Windows-1252 (Western European)"
