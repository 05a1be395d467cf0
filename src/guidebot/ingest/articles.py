"""An article read from any format (plain text, Markdown, HTML), and the guide file it becomes.

Readers (plaintext.py, markdown.py, html.py) turn their format into events, (kind, text,
level) with kinds "h" (a heading of that level, 1 being the title), "p", "li" (an item
of a bulleted list), "ol" (of a numbered one, its number in place of the level; -1 when
the reader does not know it), "row" (a table row) and "" (a break between blocks);
`article_from_events` builds the Article, and `finish` settles its outline: levels that
step down at most one at a time, a heading with no text of its own before deeper headings
kept as their parent, and a heading with neither text nor sub-headings left out with a note,
unless it names a reference list the text's citations can fill (citations.py). No placeholder
text is ever written, so no empty section can become an answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from guidebot.ingest.citations import cited_sources, lists_sources
from guidebot.ingest.dating import take_date

Event = tuple[str, str, int]  # (kind, text, heading level; 0 for anything but a heading)
# The front matter a guide file gets from an Article, in this order (knowledge/guidefile.py).
GUIDE_KEYS = ("title", "author", "author_title", "updated", "summary", "source")


def table_events(rows: list[list[str]], header: list[str] | None) -> list[Event]:
    """A table's "row" events and the break after it. Under a header row each cell is
    named by its column ("Plan: Team; Monthly billing: $9 per user; Yearly billing: $7
    per user"), so that a row quoted alone still says which figure is which and a question
    naming a column finds it; without one, or for a row of another width, its cells are
    joined by " | ", and so is a header with no row under it. A row of empty cells says
    nothing: left out, so a header over nothing but such rows is kept as a row of its own
    words, not lost with them."""
    events: list[Event] = []
    rows = [cells for cells in rows if any(cells)]
    if header and not rows:
        rows, header = [header], None
    for cells in rows:
        if header and len(cells) == len(header):
            named = [f"{h}: {c}" if h else c for h, c in zip(header, cells, strict=True) if c]
            events.append(("row", "; ".join(named), 0))
        else:
            events.append(("row", " | ".join(c for c in cells if c), 0))
    return [*events, ("", "", 0)]


@dataclass
class ArticleSection:
    """A heading (level 2 is '##') and its blocks: paragraphs, or '- ' bullet lines."""

    heading: str
    blocks: list[str] = field(default_factory=list)
    level: int = 2


@dataclass
class Article:
    """An article read from any format: front matter fields, introduction, sections."""

    title: str
    author: str = ""
    author_title: str = ""
    updated: str = ""  # the date it gives itself, as written (dating.py)
    source: str = ""
    summary: str = ""
    intro: list[str] = field(default_factory=list)  # blocks: a paragraph or '- ' bullet lines
    sections: list[ArticleSection] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what reading it left out, and why

    @property
    def headings(self) -> list[str]:
        return [s.heading for s in self.sections]


def article_from_events(events: list[Event]) -> Article:
    """Events -> Article: the first level-1 heading is the title, others start sections."""
    article = Article(title="")
    current = article.intro
    block: list[str] = []
    numbers: list[int] = []  # of a numbered list's items: as the source numbers them
    kind_of_block = ""

    def flush() -> None:
        nonlocal block, kind_of_block
        if block:
            if kind_of_block == "ol":  # the steps keep their numbers in the guide file
                known = min(numbers) >= 0
                numbered = zip(numbers if known else range(1, len(block) + 1), block, strict=True)
                text = "\n".join(f"{n}. {b}" for n, b in numbered)
            elif kind_of_block in {"li", "row"}:
                text = "\n".join(f"- {b}" for b in block)
            else:
                text = " ".join(block)
            current.append(escape(text))
        block, kind_of_block = [], ""
        numbers.clear()

    for kind, text, level in events:
        text = " ".join(text.split())
        if kind == "h" and text:
            flush()
            if level == 1 and not article.title:
                article.title = text
                continue
            section = ArticleSection(text, [], max(level, 2))
            current = section.blocks
            article.sections.append(section)
        elif kind in {"p", "li", "ol", "row"} and text:
            if kind != kind_of_block:
                flush()
            kind_of_block = kind
            block.append(text)
            numbers.append(level)
        else:
            flush()
    flush()
    article.updated = take_date(article.intro)
    if article.intro and not article.author:
        match = re.fullmatch(r"(?i)by\s+(.{2,80})", article.intro[0])
        if match:
            article.author = match.group(1)
            article.intro.pop(0)
    return finish(article)


def finish(article: Article) -> Article:
    """Settle the outline (see the module docstring); returns the same article."""
    sections = article.sections
    top = min((s.level for s in sections), default=2)
    previous = 1
    for section in sections:  # "## A" then "#### B" is read as A's sub-section B
        section.level = min(section.level - top + 2, previous + 1)
        previous = section.level
    kept: list[ArticleSection] = []
    filled = False  # a second empty reference list would repeat the first
    for index, section in enumerate(sections):
        following = sections[index + 1] if index + 1 < len(sections) else None
        is_parent = following is not None and following.level > section.level
        if not (section.blocks or is_parent or filled) and lists_sources(section.heading):
            filled = _fill_with_sources(article, section)
        if section.blocks or is_parent:
            kept.append(section)
        else:
            article.notes.append(f"left out the heading '{section.heading}': no text under it")
    article.sections = kept
    return article


def _fill_with_sources(article: Article, section: ArticleSection) -> bool:
    """Give an empty reference list the sources the article's text names (citations.py);
    whether there were any."""
    text = article.intro + [block for s in article.sections for block in s.blocks]
    sources = cited_sources(text)
    if sources:
        section.blocks = [
            "Sources named in the text:",
            escape("\n".join(f"- {s}" for s in sources)),
        ]
        article.notes.append(
            f"filled the heading '{section.heading}', empty in the source, with the"
            f" {len(sources)} sources its text names"
        )
    return bool(sources)


def render_guide(article: Article) -> str:
    """The guide file: YAML front matter, introduction, then '## ' (and deeper) sections."""
    meta = {key: getattr(article, key) for key in GUIDE_KEYS if getattr(article, key)}
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    parts = [f"---\n{front}---\n"]
    parts += [f"{block}\n" for block in article.intro]
    for section in article.sections:
        parts.append(f"{'#' * section.level} {section.heading}\n")
        parts += [f"{block}\n" for block in section.blocks]
    return "\n".join(parts)


def escape(text: str) -> str:
    """Keep paragraph lines from reading as headings or front matter in the guide file."""
    return "\n".join(
        "\\" + line if line.startswith("#") or line.strip() in {"---", "+++"} else line
        for line in text.split("\n")
    )
