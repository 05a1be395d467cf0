"""Which lines of a plain-text article are headings by their shape (plaintext.py reads
the article): a question, a usual heading name, a short Title-Case line, a numbered line, a
short line in capitals, or a line in sentence case in an article that heads two or more
sections so."""

from __future__ import annotations

import re

from guidebot.search.analysis import AUXILIARIES
from guidebot.search.analysis import words as words_of

KNOWN_HEADINGS = {
    "table of contents",
    "contents",
    "references",
    "sources",
    "key takeaways",
    "key points",
    "conclusion",
    "summary",
    "introduction",
    "overview",
    "faq",
    "faqs",
    "frequently asked questions",
    "bibliography",
    "notes",
}
TRAILING_LISTS = {
    "related articles",
    "related posts",
    "related reading",
    "you may also like",
    "read more",
    "more articles",
    "recommended articles",
    "see also",
}
TOC_HEADINGS = {"table of contents", "contents"}
SMALL_WORDS = {"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor"}
SMALL_WORDS |= {"of", "on", "or", "per", "the", "to", "vs", "via", "with"}
BULLET = re.compile(r"^\s*(?:[•◦▪‣●·*+-]|\d{1,2}[.)])\s+")
NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(\S.*)$")


def heading_key(text: str) -> str:
    return " ".join(text.lower().rstrip(":").split())


def sentence_headings(blocks: list[list[str]]) -> set[int]:
    """Indexes of the lines written as headings in sentence case ("Buying tickets"), as most
    help-desk writers title sections: short standalone lines starting with a capital and
    ending in no punctuation, each followed by a paragraph (a sentence or a list), and not
    the article's first line of text ("Welcome to our help pages"). One such line is as
    likely a stray phrase as a heading; two or more are the article's way of heading its
    sections. Short lines in a row ("Weekdays from nine until five", "Saturdays ten to
    four") are no headings: none has a paragraph under it."""
    found = {
        index
        for index, block in enumerate(blocks[:-1])
        if index > 0
        and len(block) == 1
        and _sentence_like(block[0])
        and _paragraph(blocks[index + 1])
    }
    return found if len(found) >= 2 else set()


def _paragraph(block: list[str]) -> bool:
    """Whether a block is a paragraph of text: a sentence of eight words or more, or a list."""
    text = " ".join(block)
    sentence = len(text.split()) >= 8 and text[-1] in ".!?:)"
    return sentence or bool(BULLET.match(block[0]))


def _sentence_like(line: str) -> bool:
    """A short line shaped as a heading in sentence case: a capital first, no punctuation
    last, and no verb of a clause ("You can reach us by phone" leads into its text)."""
    words = line.split()
    return (
        len(words) <= 8
        and (line[0].isupper() or line[0].isdigit())
        and line[-1] not in ".,;:!?"
        and not BULLET.match(line)
        and any(c.isalpha() for c in line)
        and not AUXILIARIES.intersection(words_of(line))
    )


def looks_like_heading(line: str) -> bool:
    """A standalone line that is a heading by its shape (see the module docstring)."""
    words = line.split()
    if not words or len(line) > 200:
        return False
    if NUMBERED.match(line) and not line.endswith((".", ",", ";")):
        return _title_like(NUMBERED.match(line).group(2))  # type: ignore[union-attr]
    if BULLET.match(line):
        return False
    if heading_key(line) in KNOWN_HEADINGS | TRAILING_LISTS:
        return True
    if line.endswith("?"):
        return len(words) <= 30 and not re.search(r"[a-z]{2}[.!?]\s+[A-Z]", line[:-1])
    if len(words) <= 8 and line.isupper() and any(c.isalpha() for c in line):
        return True
    return _title_like(line)


def _title_like(line: str) -> bool:
    words = line.split()
    if len(words) > 12 or line[-1] in ".,;:!" or not (line[0].isupper() or line[0].isdigit()):
        return False
    significant = [w for w in words if w.lower() not in SMALL_WORDS and w[0].isalpha()]
    return bool(significant) and all(w[0].isupper() for w in significant)


def glued_heading(block: list[str]) -> bool:
    """Whether a block's first line is a heading written with its text right under it, no
    blank line between: a short question ("Why does saddle height matter?"), a usual heading
    name or a line in capitals, followed by a sentence or a list. Title-Case lines are left
    as text here: the first line of a wrapped paragraph can look like one."""
    first, after = block[0], block[1]
    key = heading_key(first)
    shaped = (
        first.endswith("?")
        or key in KNOWN_HEADINGS | TRAILING_LISTS
        or (first.isupper() and any(c.isalpha() for c in first))
    )
    if key in TOC_HEADINGS:
        return False  # its entries under it are contents, not its text
    starts = after[:1].isupper() or after[:1].isdigit() or bool(BULLET.match(after))
    return shaped and len(first.split()) <= 15 and starts and looks_like_heading(first)


def heading_shaped(line: str, later: list[list[str]]) -> bool:
    """Whether a line after the byline is a heading by a shape no job title has: a question,
    a sentence, a usual heading name, a numbered line or a line ending in a colon; a line in
    capitals ("WHAT TO WEAR") when the article's other headings are in capitals too, since
    a job title may be ("CEO, BIKEWORKS"). A Title-Case line ("Shop Mechanic", "Getting
    Started") stays the author's job title: nothing in its shape tells the two apart."""
    return (
        line.endswith(("?", ".", ":"))
        or heading_key(line) in KNOWN_HEADINGS | TRAILING_LISTS
        or bool(NUMBERED.match(line))
        or (_capitals(line) and any(_capitals(block[0]) for block in later))
    )


def _capitals(line: str) -> bool:
    """A line in capitals, as headings are written in some articles ("HOW OFTEN TO OIL")."""
    return sum(c.isalpha() for c in line) > 1 and line.isupper()
