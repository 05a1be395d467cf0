"""Markdown articles, parsed by markdown-it-py (CommonMark, with tables).

Front matter in YAML (between '---' lines) or TOML (between '+++' lines) gives the title,
author, date (ingest/dating.py) and the rest; entities are decoded; a list item stays
whole, however many lines or paragraphs it has, and blocks of code or HTML inside it join
its words; a table becomes one line per row; links keep their words; images and inline
HTML tags are dropped ("<br>" as a space), with a note naming those that took text with
them (_inline_html), and an HTML block reads as the Markdown it stands for would
(guidebot.ingest.fragments): its headings, tables, lists and paragraphs. Liquid and Hugo
template tags ('{% … %}', '{{ … }}') are removed with a note, since they are instructions
to a site generator, not text.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from guidebot.ingest.articles import Article, Event, article_from_events, table_events
from guidebot.ingest.dating import front_matter_date
from guidebot.ingest.fragments import fragment_events, fragment_text

_TEMPLATE_TAG = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)
_META_KEYS = ("title", "author", "author_title", "source", "summary")


def parse_markdown(text: str) -> Article:
    """Read a Markdown article (see the module docstring)."""
    meta, body, broken = _front_matter(text)
    body, tags = _TEMPLATE_TAG.subn("", body)
    tokens = MarkdownIt("commonmark").enable("table").parse(body)
    article = article_from_events(_events(_html_joined(tokens)))
    article.notes += [broken] if broken else []
    article.notes += _inline_html(tokens, len(text.splitlines()) - len(body.splitlines()))
    for key in _META_KEYS:
        value = meta.get("description" if key == "summary" and key not in meta else key)
        if isinstance(value, str | int | float) and str(value).strip():
            setattr(article, key, " ".join(str(value).split()))
    # An update the front matter names, else the byline's date, else its publication date.
    article.updated = (
        front_matter_date(meta) or article.updated or front_matter_date(meta, ("date",))
    )
    if tags:
        article.notes.append(f"removed {tags} template tag(s) ('{{% … %}}' or '{{{{ … }}}}')")
    return article


_TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)")
_BREAK = re.compile(r"<br\b", re.IGNORECASE)
_VOID = frozenset("br hr img wbr".split())  # tags that close nothing and hold no text
_HIDDEN = frozenset({"script", "style"})  # tags whose text is left out with them
MAX_TAGS_NAMED = 5


def _inline_html(tokens: list[Token], offset: int) -> list[str]:
    """A note naming the HTML tags in the text's lines that were left out with something
    written: a script's or style's text, or a tag never closed, which reads as a tag
    written about ("type <script> to ..."; "Use <b> tags?"), from the first line holding
    one (`offset`: the lines before the body, front matter). A Markdown page would not show
    them either; in `backticks` they stay. A tag that only formats ("<b>bold</b>", "<br>")
    loses nothing and is not named."""
    found: dict[str, int] = {}
    for token in tokens:
        if token.type != "inline" or token.map is None:
            continue
        tags = [
            m.groups()
            for c in token.children or []
            if c.type == "html_inline"
            for m in [_TAG.match(c.content)]
            if m
        ]
        closed = {name.lower() for slash, name in tags if slash}
        for slash, name in tags:
            name = name.lower()
            if not slash and (name in _HIDDEN or (name not in closed and name not in _VOID)):
                found.setdefault(f"<{name}>", token.map[0] + 1 + offset)
    if not found:
        return []
    named = ", ".join(list(found)[:MAX_TAGS_NAMED]) + (
        " ..." if len(found) > MAX_TAGS_NAMED else ""
    )
    return [
        f"line {min(found.values())}: HTML tags left out with what they held or said "
        f"({named}); to show one as text, put it in `backticks`"
    ]


def _front_matter(text: str) -> tuple[dict[str, Any], str, str]:
    """(front matter as a dict, the rest, a note when it could not be read): YAML between
    '---' lines or TOML between '+++'."""
    lines = text.splitlines()
    fence = lines[0].strip() if lines else ""
    if fence not in {"---", "+++"}:
        return {}, text, ""
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == fence), None)
    if end is None:
        return {}, text, f"line 1: the front matter's '{fence}' is never closed"
    source = "\n".join(lines[1:end])
    language, broken = "YAML" if fence == "---" else "TOML", ""
    try:
        loaded = yaml.safe_load(source) if fence == "---" else tomllib.loads(source)
    except (yaml.YAMLError, tomllib.TOMLDecodeError, RecursionError, ValueError) as error:
        # ValueError: PyYAML's for an impossible date ("date: 2026-13-45")
        loaded, reason = None, " ".join(str(error).split()[:12])
        broken = f"lines 1-{end + 1}: the front matter is not valid {language} ({reason}); left out"
    rest = "\n".join(lines[end + 1 :])
    return (loaded if isinstance(loaded, dict) else {}), rest, broken


def _events(tokens: list[Token]) -> list[Event]:
    """Headings, paragraphs, whole list items (numbered or not) and table rows, in order."""
    events: list[Event] = []
    depth = 0  # inside a list item: its paragraphs join the item
    numbered: list[int | None] = []  # the open lists, outermost first: next item's number
    # (None: bullets)
    item: list[str] = []
    row: list[str] = []
    rows: list[list[str]] = []
    header: list[str] | None = None
    level = 0
    for token in tokens:
        kind = token.type
        if kind == "heading_open":
            level = int(token.tag[1])
        elif kind == "bullet_list_open":
            numbered.append(None)
        elif kind == "ordered_list_open":
            start = token.attrGet("start")
            numbered.append(int(start) if start is not None else 1)
        elif kind == "list_item_open":
            depth += 1
            if depth == 1:
                item = []
        elif kind == "list_item_close":
            depth -= 1
            number = numbered[0] if numbered else None
            if depth == 0 and number is not None:
                events.append(("ol", " ".join(item), number))
                numbered[0] = number + 1
            elif depth == 0:
                events.append(("li", " ".join(item), 0))
        elif kind in {"bullet_list_close", "ordered_list_close"}:
            numbered.pop()
            if depth == 0:
                events.append(("", "", 0))
        elif kind == "table_open":
            rows, header = [], None
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close":
            rows.append(row)
        elif kind == "thead_close" and rows:
            header = rows.pop()
        elif kind == "table_close":
            events += table_events(rows, header)
        elif kind == "inline":
            text = _plain(token)
            if level:
                events.append(("h", text, level))
                level = 0
            elif depth:
                item.append(text)
            elif token.map is not None and _in_cell(tokens, token):
                row.append(text)
            else:
                events += [("p", text, 0), ("", "", 0)]
        elif kind in {"fence", "code_block", "html_block"} and depth:
            # a block inside a list item is part of the item, as its paragraphs are
            item.append(fragment_text(token.content) if kind == "html_block" else token.content)
        elif kind in {"fence", "code_block"}:
            events += [("p", token.content, 0), ("", "", 0)]
        elif kind == "html_block":
            events += fragment_events(token.content)
    return events


def _html_joined(tokens: list[Token]) -> list[Token]:
    """The tokens with each run of adjacent HTML blocks made one: a blank line ends
    CommonMark's HTML block, so a <table> with one between its rows comes in parts, and
    no part alone is the table."""
    joined: list[Token] = []
    for token in tokens:
        last = joined[-1] if joined else None
        if token.type == "html_block" and last is not None and last.type == "html_block":
            joined[-1] = last.copy(content=f"{last.content}\n{token.content}")
        else:
            joined.append(token)
    return joined


def _in_cell(tokens: list[Token], inline: Token) -> bool:
    index = tokens.index(inline)
    return index > 0 and tokens[index - 1].type in {"th_open", "td_open"}


_OPENS = re.compile(r"<(script|style)(?=[\s/>])", re.I)  # elements whose content is no text


def _plain(inline: Token) -> str:
    """An inline token's text: entities decoded, links' words kept, images and HTML dropped,
    with a script's or style's content ("<script>alert(1)</script>"), when it is closed
    ("add a <script> tag" is text about one)."""
    parts: list[str] = []
    children = inline.children or []
    closing = ""  # inside a script or style: the tag that ends it
    for at, child in enumerate(children):
        if closing:
            if child.type == "html_inline" and child.content.lower().startswith(closing):
                closing = ""
            continue
        if child.type == "html_inline" and (opened := _OPENS.match(child.content)):
            end = f"</{opened.group(1).lower()}"
            later = children[at + 1 :]
            if any(c.type == "html_inline" and c.content.lower().startswith(end) for c in later):
                closing = end
        elif child.type in {"text", "code_inline"}:
            parts.append(child.content)
        elif child.type in {"softbreak", "hardbreak"} or _BREAK.match(child.content):
            parts.append(" ")  # "text<br>and more" is two words, as a page shows them
    return " ".join("".join(parts).split())
