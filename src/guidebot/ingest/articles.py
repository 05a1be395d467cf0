"""Articles in plain text, Markdown or HTML, read into an Article and written as a guide file.

Plain text has no markup, so headings are found by their shape: a standalone short line that
asks a question ("...?"), a usual heading name ("Table of contents", "References"), or a short
Title-Case line ("Key Things You Should Know"). Everything after a "Related Articles" heading
is a list of links, never headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from guidebot.ingest.html import html_blocks

EMPTY_SECTION = "(This section has no text in the source.)"
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
_BULLET = re.compile(r"^\s*(?:[•◦▪‣●·*+-]|\d{1,2}[.)])\s+")
_DATE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}, \d{4}\b"
)


@dataclass
class Article:
    """An article read from any format: front matter fields, introduction, sections."""

    title: str
    author: str = ""
    author_title: str = ""
    source: str = ""
    summary: str = ""
    intro: list[str] = field(default_factory=list)  # blocks: a paragraph or '- ' bullet lines
    sections: list[tuple[str, list[str]]] = field(default_factory=list)

    @property
    def empty_sections(self) -> int:
        return sum(1 for _, blocks in self.sections if not blocks)


def heading_key(text: str) -> str:
    return " ".join(text.lower().rstrip(":").split())


def looks_like_heading(line: str) -> bool:
    """A standalone line that is a heading by its shape (see the module docstring)."""
    words = line.split()
    if not words or _BULLET.match(line) or len(line) > 200:
        return False
    if heading_key(line) in KNOWN_HEADINGS | TRAILING_LISTS:
        return True
    if line.endswith("?"):
        return len(words) <= 30 and not re.search(r"[a-z]{2}[.!?]\s+[A-Z]", line[:-1])
    if len(words) > 12 or line[-1] in ".,;:!" or not (line[0].isupper() or line[0].isdigit()):
        return False
    significant = [w for w in words if w.lower() not in SMALL_WORDS and w[0].isalpha()]
    return bool(significant) and all(w[0].isupper() for w in significant)


def parse_plain_text(text: str) -> Article:
    """Read a plain-text article (title first, optional 'by' lines, shape-detected headings)."""
    blocks = _blocks(text)
    if not blocks:
        return Article(title="")
    first = blocks.pop(0)
    article = Article(title=first[0])
    blocks[:0] = [[line] for line in first[1:]]
    _byline(article, blocks)
    repeated = _repeated_later(blocks)
    current: list[str] = article.intro
    heading = ""
    for index, block in enumerate(blocks):
        line = block[0]
        if heading_key(heading) in TRAILING_LISTS:
            current.extend(block)  # turned into a list of links below
        elif len(block) == 1 and looks_like_heading(line):
            if heading_key(heading) in TOC_HEADINGS and index in repeated:
                current.append(f"- {line}")  # a contents entry: the heading comes again later
                continue
            heading, current = line, []
            article.sections.append((heading, current))
        else:
            current.append(_block_text(block))
    for number, (name, body) in enumerate(article.sections):
        if heading_key(name) in TRAILING_LISTS and body:
            article.sections[number] = (name, [_link_list(body)])
    return article


def parse_markdown(text: str) -> Article:
    """Read Markdown: optional front matter, '# ' title, '## '..'###### ' headings."""
    meta: dict = {}
    lines = text.splitlines()
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        if end is not None:
            try:
                loaded = yaml.safe_load("\n".join(lines[1:end]))
            except yaml.YAMLError:
                loaded = None
            meta = loaded if isinstance(loaded, dict) else {}
            lines = lines[end + 1 :]
    events: list[tuple[str, str]] = []  # ("h1"/"h2"/"p"/"li", text)
    in_code = False
    for number, raw in enumerate(lines):
        line = raw.rstrip()
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
            continue
        nxt = lines[number + 1].strip() if number + 1 < len(lines) else ""
        match = re.match(r"^(#{1,6})\s+(.*?)\s*#*$", line)
        if in_code:
            events.append(("p", line.strip()) if line.strip() else ("", ""))
        elif match:
            events.append(("h1" if len(match.group(1)) == 1 else "h2", _inline(match.group(2))))
        elif line.strip() and re.fullmatch(r"=+|-+", nxt) and not _BULLET.match(line):
            events.append(("h1" if nxt.startswith("=") else "h2", _inline(line.strip())))
        elif re.fullmatch(r"\s*(=+|-{3,}|\*{3,}|_{3,})\s*", line):
            events.append(("", ""))
        elif _BULLET.match(line):
            events.append(("li", _inline(_BULLET.sub("", line))))
        elif line.strip():
            events.append(("p", _inline(line.strip())))
        else:
            events.append(("", ""))
    article = article_from_events(events)
    for key in ("title", "author", "author_title", "source", "summary"):
        value = meta.get(key)
        if isinstance(value, str | int | float) and str(value).strip():
            setattr(article, key, " ".join(str(value).split()))
    return article


def parse_html(text: str) -> Article:
    """Read HTML with html.parser: h1 is the title, h2-h6 start sections, p/li hold text."""
    events, meta = html_blocks(text)
    article = article_from_events(events)
    if not article.title:
        article.title = meta.get("title", "")
    article.author = article.author or meta.get("author", "")
    article.source = meta.get("source", "")
    article.summary = meta.get("description", "")
    return article


def article_from_events(events: list[tuple[str, str]]) -> Article:
    """Events (kind, text) -> Article; kinds: h1, h2, p, li, '' (a break between blocks)."""
    article = Article(title="")
    current = article.intro
    block: list[str] = []
    kind_of_block = ""

    def flush() -> None:
        nonlocal block, kind_of_block
        if block:
            text = "\n".join(f"- {b}" for b in block) if kind_of_block == "li" else " ".join(block)
            current.append(_escape(text))
        block, kind_of_block = [], ""

    for kind, text in events:
        text = " ".join(text.split())
        if kind in {"h1", "h2"} and text:
            flush()
            if kind == "h1" and not article.title:
                article.title = text
                continue
            current = []
            article.sections.append((text, current))
        elif kind in {"p", "li"} and text:
            if kind != kind_of_block:
                flush()
            kind_of_block = kind
            block.append(text)
        else:
            flush()
    flush()
    if article.intro and not article.author:
        match = re.fullmatch(r"(?i)by\s+(.{2,80})", article.intro[0])
        if match:
            article.author = match.group(1)
            article.intro.pop(0)
    return article


def render_guide(article: Article) -> str:
    """The guide file: YAML front matter, introduction, then '## ' sections."""
    meta = {
        key: getattr(article, key)
        for key in ("title", "author", "author_title", "summary", "source")
        if getattr(article, key)
    }
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    parts = [f"---\n{front}---\n"]
    parts += [f"{block}\n" for block in article.intro]
    for heading, blocks in article.sections:
        parts.append(f"## {heading}\n")
        parts += [f"{block}\n" for block in blocks] or [f"{EMPTY_SECTION}\n"]
    return "\n".join(parts)


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


def _byline(article: Article, blocks: list[list[str]]) -> None:
    """Take 'by Name', a repeated name and the author's job title from the lines after the title."""
    head = [b[0] for b in blocks[:4] if len(b) == 1 and len(b[0].split()) <= 12]
    by = next((i for i, line in enumerate(head) if re.match(r"(?i)by\s+\S", line)), None)
    if by is None or any(len(blocks[i]) > 1 for i in range(by + 1)):
        return
    article.author = re.sub(r"(?i)^by\s+", "", head[by]).strip()
    taken = by + 1
    if (
        by + 1 < len(head)
        and not head[by + 1].endswith(("?", "."))
        and heading_key(head[by + 1]) not in KNOWN_HEADINGS | TRAILING_LISTS
    ):
        article.author_title = head[by + 1]
        taken += 1
    kept = [blocks[i] for i in range(by) if blocks[i][0] != article.author]
    blocks[:taken] = kept


def _block_text(block: list[str]) -> str:
    """A paragraph joined into one line, or a bullet list with continuation lines folded in."""
    if not _BULLET.match(block[0]):
        return _escape(" ".join(block))
    items: list[str] = []
    for line in block:
        if _BULLET.match(line):
            items.append(_BULLET.sub("", line))
        else:
            items[-1] += " " + line
    return "\n".join(f"- {item}" for item in items)


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
            items.append({"title": _BULLET.sub("", line), "by": "", "meta": pending})
            pending = ""
    rendered = []
    for item in items:
        text = item["title"] + (f", {item['by']}" if item["by"] else "")
        rendered.append(f"- {text} ({item['meta']})" if item["meta"] else f"- {text}")
    return _escape("\n".join(rendered))


def _repeated_later(blocks: list[list[str]]) -> set[int]:
    """Indexes of heading-shaped lines whose text stands again as a heading further on."""
    seen: set[str] = set()
    repeated: set[int] = set()
    for index in range(len(blocks) - 1, -1, -1):
        block = blocks[index]
        if len(block) == 1 and looks_like_heading(block[0]):
            if block[0] in seen:
                repeated.add(index)
            seen.add(block[0])
    return repeated


def _inline(text: str) -> str:
    """Markdown/HTML inline markup to plain text: images dropped, links keep their words."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)
    return text.strip()


def _escape(text: str) -> str:
    """Keep paragraph lines from reading as headings or front matter in the guide file."""
    return "\n".join(
        "\\" + line if line.startswith("#") or line.strip() == "---" else line
        for line in text.split("\n")
    )
