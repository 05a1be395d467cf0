"""Plain-text articles: no markup, so headings are found by their shape.

A heading is a standalone line that asks a question ("...?"), a usual heading name ("Table
of contents", "References"), a short Title-Case line ("Key Things You Should Know"), a
numbered line ("2.3 Sample Results": its numbering gives its depth), a short line in
capitals ("ADMISSION"), or a short line in sentence case ("Buying tickets") in an article
that heads two or more sections so (sentence_headings). A question, a usual heading name
or a line in capitals is a heading also with its text right under it, no blank line
between. A heading with no text of its own followed by more headings is their parent, up
to the next usual heading name. Everything after a "Related Articles" heading is a list of
links, never headings. A table typed with its columns lined up keeps its rows
(texttables.py).
"""

from __future__ import annotations

import re

from guidebot.ingest.articles import Article, ArticleSection, escape, finish
from guidebot.ingest.dating import dated_block
from guidebot.ingest.headingshapes import (
    BULLET,
    KNOWN_HEADINGS,
    NUMBERED,
    TOC_HEADINGS,
    TRAILING_LISTS,
    glued_heading,
    heading_key,
    heading_shaped,
    looks_like_heading,
    sentence_headings,
)
from guidebot.ingest.texttables import aligned_rows

_DATE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}, \d{4}\b"
)


def parse_plain_text(text: str) -> Article:
    """Read a plain-text article (title first, optional 'by' lines, shape-detected headings)."""
    blocks = _blocks(text)
    if not blocks:
        return Article(title="")
    first = blocks.pop(0)
    article = Article(title=first[0])
    blocks[:0] = [[line] for line in first[1:]]
    article.updated = _dated(blocks)
    _byline(article, blocks)
    sentences = sentence_headings(blocks)
    repeated = _repeated_later(blocks, sentences)
    current: list[str] = article.intro
    section: ArticleSection | None = None
    for index, block in enumerate(blocks):
        line = block[0]
        if section is not None and heading_key(section.heading) in TRAILING_LISTS:
            current.extend(block)  # turned into a list of links below
        elif len(block) == 1 and (looks_like_heading(line) or index in sentences):
            if (
                section is not None
                and heading_key(section.heading) in TOC_HEADINGS
                and (index in repeated)
            ):
                current.append(f"- {line}")  # a contents entry: the heading comes again later
                continue
            section = ArticleSection(*_heading(line, article.sections))
            current = section.blocks
            article.sections.append(section)
        elif len(block) > 1 and glued_heading(block):
            section = ArticleSection(*_heading(line, article.sections))
            current = section.blocks
            article.sections.append(section)
            if heading_key(line) in TRAILING_LISTS:
                current.extend(block[1:])  # its links, read as those of a standalone heading
            else:
                current.append(_block_text(block[1:]))
        else:
            current.append(_block_text(block))
    for item in article.sections:
        if heading_key(item.heading) in TRAILING_LISTS and item.blocks:
            item.blocks[:] = [_link_list(item.blocks)]
    return finish(article)


def _heading(line: str, before: list[ArticleSection]) -> tuple[str, list[str], int]:
    """(heading, no blocks yet, level): a numbered line's depth from its numbering; under a
    heading that had no text of its own (other than a usual heading name), one level deeper,
    and the headings after it stay at that depth until a usual heading name comes."""
    numbered = NUMBERED.match(line)
    if numbered:
        return line, [], numbered.group(1).count(".") + 2
    if not before or heading_key(line) in KNOWN_HEADINGS | TRAILING_LISTS:
        return line, [], 2
    previous = before[-1]
    if NUMBERED.match(previous.heading):
        return line, [], 2  # numbering gave the depths; an unnumbered heading is top-level
    if previous.blocks or heading_key(previous.heading) in KNOWN_HEADINGS | TRAILING_LISTS:
        return line, [], previous.level  # an empty "Table of contents" is nobody's parent
    return line, [], previous.level + 1


def _blocks(text: str) -> list[list[str]]:
    """Runs of non-blank lines, each stripped."""
    blocks: list[list[str]] = [[]]
    for raw in text.splitlines():
        line = raw.strip()
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _dated(blocks: list[list[str]]) -> str:
    """The date a byline among the first blocks states (dating.dated_block), "" for none; it
    is cut to what is left of it ("By Jane Doe"), or taken out. Only blocks of one line: a
    line of a paragraph may read "updated on 6 January 2026" and go on on the next."""
    found = dated_block(["\n".join(block) for block in blocks], 4)
    if found is None:
        return ""
    index, date, rest = found
    blocks[index : index + 1] = [[rest]] if rest else []
    return date


def _byline(article: Article, blocks: list[list[str]]) -> None:
    """Take 'by Name', a repeated name and the author's job title from the lines after the title."""
    # Block numbers, not positions in a list of short lines: the job title is the block right
    # after the byline, never a heading further on past the introduction.
    short = {i for i, b in enumerate(blocks[:4]) if len(b) == 1 and len(b[0].split()) <= 12}
    by = next((i for i in sorted(short) if re.match(r"(?i)by\s+\S", blocks[i][0])), None)
    if by is None or any(len(blocks[i]) > 1 for i in range(by + 1)):
        return
    article.author = re.sub(r"(?i)^by\s+", "", blocks[by][0]).strip()
    taken = by + 1
    after = blocks[by + 1][0] if by + 1 in short else ""
    if after and not heading_shaped(after, blocks[by + 2 :]):
        article.author_title = after
        taken += 1
    kept = [blocks[i] for i in range(by) if blocks[i][0] != article.author]
    blocks[:taken] = kept


def _block_text(block: list[str]) -> str:
    """A paragraph joined into one line, a table typed with its columns lined up as one
    line per row (texttables.py), or a bullet list with continuation lines folded in."""
    if not BULLET.match(block[0]):
        rows = aligned_rows(block)
        return escape("\n".join(f"- {row}" for row in rows) if rows else " ".join(block))
    items: list[list[str]] = []  # [marker, text]: a step keeps its number ("2."), else "-"
    for line in block:
        if found := BULLET.match(line):
            number = found.group(0).strip()
            marker = f"{number[:-1]}." if number[0].isdigit() else "-"
            items.append([marker, line[found.end() :]])
        else:
            items[-1][1] += " " + line
    return "\n".join(f"{marker} {text}" for marker, text in items)


def _link_list(lines: list[str]) -> str:
    """A related-articles list: '<title> thumbnail', '<category> <date>', '<title>', 'by <name>'."""
    items: list[dict[str, str]] = []
    pending = ""
    for line in lines:
        if line.lower().endswith(" thumbnail"):
            continue  # an image's alt text repeats the title
        if _DATE.search(line.lower()) and len(line.split()) <= 8:
            pending = line
        elif re.match(r"(?i)by\s+\S", line) and items and not items[-1]["by"]:
            items[-1]["by"] = line
        else:
            items.append({"title": BULLET.sub("", line), "by": "", "meta": pending})
            pending = ""
    rendered = []
    for item in items:
        text = item["title"] + (f", {item['by']}" if item["by"] else "")
        rendered.append(f"- {text} ({item['meta']})" if item["meta"] else f"- {text}")
    return escape("\n".join(rendered))


def _repeated_later(blocks: list[list[str]], sentences: set[int]) -> set[int]:
    """Indexes of heading-shaped lines (`sentences`: those in sentence case) whose text
    stands again as a heading further on."""
    seen: set[str] = set()
    repeated: set[int] = set()
    for index in range(len(blocks) - 1, -1, -1):
        block = blocks[index]
        if len(block) == 1 and (looks_like_heading(block[0]) or index in sentences):
            if block[0] in seen:
                repeated.add(index)
            seen.add(block[0])
    return repeated
