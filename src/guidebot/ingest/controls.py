"""Control characters in what is brought in: dropped, with a warning naming where.

Knowledge holding a control character is refused when it is loaded (knowledge.yamlsource:
an escape sequence that reaches a terminal can clear the screen or retitle the window), so
an export carrying one (a colour code pasted from a terminal, a stray BEL, a right-to-left
override) would make knowledge that never loads. The text they stand in carries on without
them: a terminal escape sequence goes whole ("ESC [31m", not leaving "[31m" behind), a
vertical tab or form feed becomes a line break and the other separators a space, as they
read in the text; every other one is dropped.

Marks of no width that split a word without showing (knowledge.yamlsource.INVISIBLE: a
zero-width space, a word joiner, a byte order mark inside the text, a soft hyphen) go too,
with no warning, as they go from questions (dialogue.markup.clean_question): left in, they
split a word for the search ("pass<U+200B>word" is not "password") while it looks whole.
The joiners that shape Persian, Indic and Mongolian words and emoji stay. In an article, a
character reference standing for one ("&#8203;", "&ZeroWidthSpace;") goes before it is
read, as the character would: after, a heading of nothing else would be left empty.
"""

from __future__ import annotations

import html
import re
from functools import partial

from guidebot.errors import InputError
from guidebot.ingest.articles import GUIDE_KEYS, Article
from guidebot.ingest.faq.rows import Row
from guidebot.knowledge.yamlsource import CONTROL, ESCAPE, INVISIBLE

_AS_SPACE = str.maketrans(
    {"\x0b": "\n", "\x0c": "\n", "\r": "\n"} | dict.fromkeys("\x1c\x1d\x1e\x1f", " ")
)
_CRLF = re.compile(r"\r\n")
_REFERENCE = re.compile(r"&#(?:([0-9]{1,8})|[xX]([0-9a-fA-F]{1,6}));")
_ANY_REFERENCE = re.compile(r"&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
SHOWN_LINES = 5  # lines of one article named in warnings; more are counted


def without_controls(text: str) -> tuple[str, list[str]]:
    """(the text without control characters, as above; the characters dropped, each once as
    "U+001B", in the order found; characters of no width are dropped unnamed). A text
    without any is returned as it is."""
    text = INVISIBLE.sub("", text)
    if not CONTROL.search(text):
        return text, []
    found = dict.fromkeys(CONTROL.findall(text))
    dropped = [f"U+{ord(ch):04X}" for ch in found if ord(ch) not in _AS_SPACE]
    text = _CRLF.sub("\n", ESCAPE.sub("", text)).translate(_AS_SPACE)
    return CONTROL.sub("", text), dropped


def article_without_controls(text: str, shown: str) -> tuple[str, list[str]]:
    """An article's text without control characters, written as they are or as numeric
    character references ("&#27;", which a web page's reader cannot hold and gives up on),
    and a warning "file:line: ..." for each of the first SHOWN_LINES lines that held one
    (then how many more did). Characters of no width go unnamed, written or referred to."""
    text = INVISIBLE.sub("", _ANY_REFERENCE.sub(_invisible_referred, text))
    if not CONTROL.search(text) and not _REFERENCE.search(text):
        return text, []
    warnings: list[str] = []
    lines = _CRLF.sub("\n", text).split("\n")
    cleaned: list[str] = []
    held = 0
    for number, line in enumerate(lines, start=1):
        line, dropped = without_controls(_REFERENCE.sub(_control_referred, line))
        cleaned.append(line)
        if dropped:
            held += 1
            if held <= SHOWN_LINES:
                warnings.append(f"{shown}:{number}: {_dropped(dropped)}")
    if held > SHOWN_LINES:
        warnings.append(f"{shown}: and on {held - SHOWN_LINES} more lines")
    return "\n".join(cleaned), warnings


def _control_referred(match: re.Match[str]) -> str:
    """The control character a numeric character reference names, so that it goes as one
    written out does (an escape sequence whole); any other reference as it was."""
    decimal, hexadecimal = match.groups()
    code = min(int(decimal) if decimal else int(hexadecimal, 16), 0x10FFFF)
    return chr(code) if CONTROL.match(chr(code)) else match.group()


def _invisible_referred(match: re.Match[str]) -> str:
    """Nothing for a reference to a character of no width; any other as it was."""
    return "" if INVISIBLE.fullmatch(html.unescape(match.group())) else match.group()


def rows_without_controls(rows: list[Row]) -> list[str]:
    """Drop control characters from every text of the rows, in place, and the alternates
    left empty; a warning naming the row (its "file:line") for each row that held one.
    Raises InputError naming each row whose question or answer held nothing else (nor
    anything but characters of no width)."""
    warnings: list[str] = []
    empty: list[str] = []
    for row in rows:
        found: dict[str, None] = {}
        held = {"question": row.question, "answer": row.answer}
        clean = partial(_clean, found=found)
        row.question, row.answer, row.section, row.guide, row.id, row.key = map(
            clean, (row.question, row.answer, row.section, row.guide, row.id, row.key)
        )
        row.alternates = [text for text in map(clean, row.alternates) if text.strip()]
        row.follow_ups = [clean(key) for key in row.follow_ups]
        row.metadata = {clean(key): clean(value) for key, value in row.metadata.items()}
        if found:
            warnings.append(f"{row.where}: {_dropped(list(found))}")
        empty += [
            f"{row.where}: the {what} holds nothing but control or zero-width characters"
            for what, text in (("question", row.question), ("answer", row.answer))
            if held[what].strip() and not text.strip()
        ]
    if empty:
        raise InputError("\n".join(empty))
    return warnings


def article_fields_without_controls(article: Article, shown: str) -> list[str]:
    """Drop control characters from an article as read, in place: what parsing brings that
    its text did not show, such as its file name (which becomes its `source`) or a named
    reference a format decodes. One note for the file when any were found."""
    found: dict[str, None] = {}
    clean = partial(_clean, found=found)
    for field in GUIDE_KEYS:
        setattr(article, field, clean(getattr(article, field)))
    article.intro = [clean(block) for block in article.intro]
    for section in article.sections:
        section.heading = clean(section.heading)
        section.blocks = [clean(block) for block in section.blocks]
    return [f"{shown}: {_dropped(list(found))}"] if found else []


def _clean(text: str, found: dict[str, None]) -> str:
    """without_controls' text, adding what it dropped to `found`."""
    text, dropped = without_controls(text)
    found.update(dict.fromkeys(dropped))
    return text


def _dropped(codes: list[str]) -> str:
    which = ", ".join(codes)
    return f"dropped control character{'s' if len(codes) > 1 else ''} {which}"
