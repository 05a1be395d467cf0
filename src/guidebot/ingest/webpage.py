"""Web pages: the main content, found by trafilatura (the field's standard extractor), as
headings, paragraphs, list items and table rows.

Navigation, cookie banners, "you may also like" teasers, share buttons and pop-up text are
what trafilatura is made to leave out; the byline becomes the author and the date it gives
(`updated`), the canonical address the source, tables are kept row by row and links keep
their address: "words (https://…)".
"""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import trafilatura

from guidebot.ingest.articles import Article, Event, article_from_events, table_events
from guidebot.ingest.dating import stated_date
from guidebot.ingest.faq.markup import link_text
from guidebot.ingest.html import html_blocks


def parse_html(text: str) -> Article:
    """Read a web page's main content (an Article with no sections if there is none)."""
    extracted = trafilatura.extract(
        text,
        output_format="xml",
        include_tables=True,
        include_links=True,
        include_comments=False,
        include_images=False,
        with_metadata=True,
        favor_precision=True,
    )
    if not extracted:
        return Article(title="")
    document = ElementTree.fromstring(extracted)
    article = article_from_events(_events(document, document.get("url", "")))
    if not article.title:
        article.title = document.get("title", "")
    article.author = article.author or byline_author(document.get("author", ""), text)
    article.source = document.get("url", "")
    article.summary = document.get("description", "")
    article.updated = article.updated or page_date(text)
    return article


_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")


def page_date(page: str) -> str:
    """The date a page gives itself: its byline's, as written, which trafilatura leaves out of
    the main content (dating.stated_date of the page's opening: _openings), else the day of
    its meta tags' modified or published time, else its JSON-LD's (html.py); "" for none. Not
    trafilatura's own date, a guess that may be any year the page names ("2026-01-01" for a
    page updated in February 2026)."""
    events, meta = html_blocks(page)
    for opening in _openings(events):
        date = stated_date(opening)
        if date:
            return date
    for key in ("modified", "published", "linked_modified", "linked_published"):
        found = _ISO_DAY.match(meta.get(key, ""))
        if found:
            return found.group()
    return ""


def _openings(events: list[tuple[str, str, int]]) -> list[list[str]]:
    """The texts of the page before its first section heading; and, when the title (h1)
    comes only after that heading, those from the title to the next heading too: a banner
    headed "Subscribe to our newsletter" may come before the article. Not the blocks
    between the two, a banner's own, nor those under a later h1 once the title came first
    (a news item's "Posted 1 May 2019")."""
    kinds = [kind for kind, _, _ in events]
    first = kinds.index("h2") if "h2" in kinds else len(kinds)
    openings = [[text for _, text, _ in events[:first] if text]]
    if "h1" in kinds[first:] and "h1" not in kinds[:first]:
        title = kinds.index("h1", first)
        end = kinds.index("h2", title) if "h2" in kinds[title:] else len(kinds)
        openings.append([text for _, text, _ in events[title:end] if text])
    return openings


# What a byline puts after the names: "· Updated January 6, 2026", "| 5 min read".
_BYLINE_REST = re.compile(r"\s+[·•|—–]\s.*$")
# What is left of a date's label once the date is taken out: "... Council Last updated", or
# the whole byline when it named no one ("Last updated: 3 March 2025", "Page last reviewed",
# "First published").
_DATE_LABEL = re.compile(
    r"(?:^(?:page\s+|date\s+|first\s+|originally\s+)?|\s+)(?:last\s+)?"
    r"(?:updated|modified|published|posted|reviewed|edited)(?:\s+on)?$",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^>]*>")


def byline_author(text: str, page: str = "") -> str:
    """The names of a byline as the page's metadata gives them, without what follows a
    separator ("Dana Whitfield; People Operations · Updated January 6" -> "Dana Whitfield;
    People Operations") nor a date's label ("... Council Last updated"): a date or a
    reading time is no author. Names the metadata split apart at "and" and commas ("The
    Waste; Street Scene Team" for "By the Waste and Street Scene Team, ...") come as the
    `page` (its HTML) writes them, when it holds them so in that order. A byline of a date
    alone names no author: ""."""
    names = _DATE_LABEL.sub("", _BYLINE_REST.sub("", text).strip()).rstrip(" ;,")
    parts = [part.strip() for part in names.split(";") if part.strip()]
    if len(parts) < 2 or not page:
        return names
    between = r"[\s,;]*(?:(?:and|&)\s+)?"
    written = re.compile(between.join(re.escape(part) for part in parts), re.IGNORECASE)
    found = written.search(" ".join(html.unescape(_TAG.sub(" ", page)).split()))
    return found.group(0) if found else names


def _events(document: ElementTree.Element, base: str) -> list[Event]:
    events: list[Event] = []
    main = document.find("main")
    for element in main if main is not None else []:
        tag = element.tag
        if tag == "head":
            rend = element.get("rend", "h2")
            level = int(rend[1]) if len(rend) == 2 and rend[0] == "h" and rend[1] in "123456" else 2
            events.append(("h", text_of(element, base), level))
        elif tag == "list":
            # Its own items only: a list inside one is in that item's words (text_of).
            kind, number = ("ol", -1) if element.get("rend") == "ol" else ("li", 0)
            events += [(kind, text_of(item, base), number) for item in element.findall("item")]
            events.append(("", "", 0))
        elif tag == "table":
            rows = [list(row.iter("cell")) for row in element.iter("row")]
            texts = [[text_of(cell, base) for cell in row] for row in rows]
            # A caption (or a title row spanning the table) comes out as a row with one
            # cell filled: said before the table, so the header row under it still names
            # the columns.
            while len(texts) > 1 and sum(map(bool, texts[0])) == 1:
                events += [("p", next(filter(None, texts[0])), 0), ("", "", 0)]
                rows, texts = rows[1:], texts[1:]
            # A header names every column but perhaps the first: not a title spanning them
            heads = bool(rows) and all(cell.get("role") == "head" for cell in rows[0])
            heads = heads and all(texts[0][1:])
            events += table_events(texts[1:], texts[0]) if heads else table_events(texts, None)
        else:
            events += [("p", text_of(element, base), 0), ("", "", 0)]
    return events


# Elements whose words are never glued to those around them; "lb" is a line break (<br>):
# "Bring these:<br>- your order number" is not "these:- your".
_BLOCKS = frozenset({"list", "item", "p", "head", "quote", "table", "row", "cell", "lb"})


def text_of(element: ElementTree.Element, base: str = "") -> str:
    """An element's words, each link followed by its address in brackets when the address
    leads somewhere a reader can go: not to a place on the page ("#contact"), nor to a path
    of a site the page does not name (base: the page's own address, against which a relative
    link is resolved)."""
    parts = [element.text or ""]
    for child in element:
        inner = text_of(child, base)
        if child.tag in _BLOCKS:  # its own words, not glued to the last ("Change it now")
            inner = f" {inner} "
        target = _address(child.get("target", ""), base) if child.tag == "ref" else ""
        parts.append(inner if target in inner else link_text(inner, target))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _address(target: str, base: str) -> str:
    """Where a link leads, absolute, or "" when nowhere a reader of the answer can follow."""
    target = target.strip()
    if target.startswith("#"):
        return ""
    if urlsplit(target).scheme:
        return target
    if urlsplit(base).scheme in {"http", "https"}:
        return urljoin(base, target)
    return ""
