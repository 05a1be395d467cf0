"""HTML to a flat list of (kind, text) events with the stdlib html.parser: for HTML inside
FAQ answers of exports (ingest/faq/markup.py). Whole web pages go through trafilatura
(webpage.py), which knows a page's main content from its menus and teasers."""

from __future__ import annotations

import json
from html.parser import HTMLParser

SKIPPED = {"script", "style", "noscript", "nav", "footer", "aside", "form", "svg", "template"}
SKIPPED |= {"button", "select", "iframe", "object"}
HEADINGS = {"h1": "h1", "h2": "h2", "h3": "h2", "h4": "h2", "h5": "h2", "h6": "h2"}
BLOCKS = {"p", "div", "section", "blockquote", "pre", "td", "th", "dd", "dt", "figcaption"}
BLOCKS |= {"ul", "ol", "table", "tr", "article", "main", "header", "br", "hr", "details", "summary"}
# The meta tags giving a page's dates (Open Graph's article properties, Dublin Core).
_MODIFIED = {"article:modified_time", "og:updated_time", "dcterms.modified", "last-modified"}
_PUBLISHED = {"article:published_time", "dcterms.issued", "dcterms.created", "dc.date", "date"}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        # kind, text, inside <main>/<article>, and an "ol" item's number (else 0)
        self.events: list[tuple[str, str, bool, int]] = []
        self.meta: dict[str, str] = {}
        self.kind = ""
        self.text: list[str] = []
        self.skip = 0
        self.main = 0
        self.in_title = False
        self.title: list[str] = []
        self.lists: list[int | None] = []  # the open lists, innermost last: for an <ol>
        # the number of its next item, for a <ul> None
        self.number = 0  # of the "ol" item being read
        self.linked_data: list[str] | None = None  # the text of a JSON-LD script being read

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: (v or "") for k, v in attrs}
        if tag == "meta":
            self._meta(values)
        elif tag == "link" and "canonical" in values.get("rel", "").split():
            self.meta.setdefault("source", values.get("href", "").strip())
        elif tag == "script" and values.get("type", "").strip().lower() == "application/ld+json":
            self.linked_data = []
        if tag in {"meta", "link", "img", "input", "br", "hr", "wbr"}:
            if tag in {"br", "hr"} and not self.skip:
                self._flush()
            return  # void elements: no end tag follows
        if tag in SKIPPED:
            self.skip += 1
        elif tag == "title":
            self.in_title = True
        elif tag in {"main", "article"}:
            self.main += 1
        if self.skip:
            return
        if tag in HEADINGS:
            self._flush(HEADINGS[tag])
        elif tag == "li":
            innermost = self.lists[-1] if self.lists else None
            self._flush("li" if innermost is None else "ol")
            if innermost is not None:
                self.number, self.lists[-1] = innermost, innermost + 1
        elif tag == "ul":
            self.lists.append(None)
        elif tag == "ol":
            start = values.get("start", "").strip()
            self.lists.append(int(start) if start.isascii() and start.isdigit() else 1)
        elif tag in BLOCKS:
            self._flush("p")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.linked_data is not None:
            self._linked_data("".join(self.linked_data))
            self.linked_data = None
        if tag in SKIPPED and self.skip:
            self.skip -= 1
            return
        if tag == "title":
            self.in_title = False
        if self.skip:
            return
        if tag in HEADINGS or tag == "li" or tag in BLOCKS:
            self._flush("p")
        if tag in {"ul", "ol"}:
            self.events.append(("", "", self.main > 0, 0))
            if self.lists:
                self.lists.pop()
        if tag in {"main", "article"} and self.main:
            self.main -= 1

    def handle_data(self, data: str) -> None:
        if self.linked_data is not None:
            self.linked_data.append(data)
        elif self.in_title:
            self.title.append(data)
        elif not self.skip:
            self.text.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def _flush(self, next_kind: str = "p") -> None:
        text = " ".join("".join(self.text).split())
        kind = self.kind or "p"
        if text:
            self.events.append((kind, text, self.main > 0, self.number if kind == "ol" else 0))
            if kind not in {"li", "ol"}:  # list items group into one block; the rest stand alone
                self.events.append(("", "", self.main > 0, 0))
        self.text, self.kind = [], next_kind

    def _meta(self, values: dict[str, str]) -> None:
        name = (values.get("name") or values.get("property") or "").lower()
        content = " ".join(values.get("content", "").split())
        if not content:
            return
        if name in {"author", "article:author"}:
            self.meta.setdefault("author", content)
        elif name in {"description", "og:description"}:
            self.meta.setdefault("description", content)
        elif name == "og:url":
            self.meta.setdefault("source", content)
        elif name == "og:title":
            self.meta.setdefault("og_title", content)
        elif name in _MODIFIED or name in _PUBLISHED:
            self.meta.setdefault("modified" if name in _MODIFIED else "published", content)

    def _linked_data(self, text: str) -> None:
        """The dates of a JSON-LD script's schema.org data, kept as linked_modified and
        linked_published: the dateModified and datePublished of its top-level objects and
        of those their @graph lists (the page's Article or WebPage), not of objects inside
        them (a comment's, a related article's). A script that is not JSON, or nests deeper
        than Python reads, is passed over, as a browser would."""
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            return
        tops = [
            top for top in (data if isinstance(data, list) else [data]) if isinstance(top, dict)
        ]
        graphs = [top.get("@graph") for top in tops]
        tops += [item for graph in graphs if isinstance(graph, list) for item in graph]
        for item in tops:
            for key, kept in (
                ("dateModified", "linked_modified"),
                ("datePublished", "linked_published"),
            ):
                value = item.get(key) if isinstance(item, dict) else None
                if isinstance(value, str) and value.strip():
                    self.meta.setdefault(kept, " ".join(value.split()))


def html_blocks(text: str) -> tuple[list[tuple[str, str, int]], dict[str, str]]:
    """Events (kind: h1/h2/p/li/ol/'', text, and an "ol" item's number as the list numbers
    it, else 0) of the page's main content, and its meta data.

    When the page marks its content with <main> or <article>, only that part counts, so site
    menus and footers stay out of the guide.
    """
    collector = _Collector()
    collector.feed(text)
    collector.close()
    events = collector.events
    if any(inside and kind for kind, _, inside, _ in events):
        events = [e for e in events if e[2]]
    meta = dict(collector.meta)
    title = " ".join("".join(collector.title).split())
    meta["title"] = title or meta.get("og_title", "")
    return [(kind, text, number) for kind, text, _, number in events], meta
