"""Numeric character references that stand for no character: "&#0;", a lone surrogate
("&#xD800;"), a number past Unicode's last character ("&#x110000;") or a noncharacter
("&#xFFFE;").

HTML and Markdown readers turn each into U+FFFD, the replacement character, which would
show in an answer as a box or a question mark where the author meant something, and no
message would say so. Ingest drops them before the text is read instead, and says which it
dropped where (controls.article_without_controls names the line, controls.
rows_without_controls the FAQ row), so that whoever imports can put back what was meant.
"""

from __future__ import annotations

import re

# Any number of digits, as HTML reads them: "&#0000065;" is an "A".
NUMERIC = re.compile(r"&#(?:([0-9]+)|[xX]([0-9a-fA-F]+));")
LAST = 0x10FFFF


def code_point(match: re.Match[str]) -> int:
    """The number a NUMERIC match names; past LAST for any too long to be a character
    (without reading a thousand digits into a number)."""
    decimal, hexadecimal = match.groups()
    digits = (decimal or hexadecimal).lstrip("0") or "0"
    if len(digits) > 8:
        return LAST + 1
    return int(digits) if decimal else int(digits, 16)


def stands_for_nothing(code: int) -> bool:
    """Whether a reference to code names no character a text may hold: NUL, a surrogate
    (half of a UTF-16 pair, nothing alone), past LAST, or a noncharacter."""
    return (
        code == 0
        or 0xD800 <= code <= 0xDFFF
        or code > LAST
        or 0xFDD0 <= code <= 0xFDEF
        or code & 0xFFFE == 0xFFFE
    )


def invalid_references(text: str) -> list[str]:
    """The references in text that stand for nothing, as written, each once, in order."""
    found = (m.group() for m in NUMERIC.finditer(text) if stands_for_nothing(code_point(m)))
    return list(dict.fromkeys(found))


def without_invalid_references(text: str) -> tuple[str, list[str]]:
    """(text without the references that stand for nothing, those references: see
    invalid_references). A text without any is returned as it is."""
    found = invalid_references(text)
    if not found:
        return text, []
    return NUMERIC.sub(lambda m: "" if m.group() in found else m.group(), text), found


def kept_as_written(markup: str) -> str:
    """HTML whose references that stand for nothing read as the text they are written as
    ("&#xD800;"), not as U+FFFD: for the cleaning after it to find, drop and name."""
    return NUMERIC.sub(
        lambda m: "&amp;" + m.group()[1:] if stands_for_nothing(code_point(m)) else m.group(),
        markup,
    )


def said(references: list[str]) -> str:
    """A note's words for the references dropped."""
    plural = "s" if len(references) > 1 else ""
    return (
        f"dropped invalid character reference{plural} {', '.join(references)} "
        "(standing for no character)"
    )
