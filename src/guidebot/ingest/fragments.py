"""HTML written inside a Markdown article (an html_block), read with lxml.html into the
events the Markdown reader makes of Markdown: a heading at its level ("<h3>" as "###"), a
table row by row with its header naming the cells (as a pipe table), list items, and
paragraphs whose links keep their address ("words (https://…)"). Scripts, styles,
templates, embedded objects and comments leave nothing; what the author wrote in an aside
or on a button ("Click <button>Save</button>") stays, unlike on a saved web page, whose
menus and footers are no part of the guide (guidebot.ingest.html.SKIPPED).
"""

from __future__ import annotations

# lxml ships no type information; what is used of it here is checked by the tests.
import lxml.etree  # type: ignore[import-untyped]
import lxml.html  # type: ignore[import-untyped]

from guidebot.ingest.articles import Event, table_events
from guidebot.ingest.faq.markup import html_as_text, link_text

# Elements whose content is no text of the article's.
_SKIPPED = {"script", "style", "template", "noscript", "svg", "iframe", "object"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Elements whose words stand apart from those around them: each one a paragraph of its own.
_BLOCKS = {"p", "div", "section", "article", "main", "header", "blockquote", "pre", "address"}
_BLOCKS |= {"dl", "dt", "dd", "details", "summary", "figure", "figcaption", "center", "hr"}
_BLOCKS |= {"fieldset", "li", "tr", "td", "th", "caption", "thead", "tbody", "tfoot", "br"}
_BLOCKS |= _HEADINGS | {"table", "ul", "ol"}


def fragment_events(markup: str) -> list[Event]:
    """The events of an HTML fragment (see the module docstring). Markup lxml cannot take is
    read as text the way an FAQ answer's HTML is, a paragraph per block, so nothing is lost."""
    events: list[Event] = []
    parser = lxml.html.HTMLParser()
    try:
        # Read as a page's body: lxml's fragment readers refuse markup holding an <html> tag.
        body = lxml.html.document_fromstring(f"<html><body>{markup}", parser).find("body")
        # A fatal error (elements nested past libxml2's depth limit) ends the reading early,
        # leaving out the rest of the words.
        if not parser.error_log.filter_from_fatals():
            if body is not None:
                _read_blocks(body, events)
            return events
    except (lxml.etree.LxmlError, ValueError, RecursionError):
        pass
    blocks = html_as_text(markup).split("\n\n")
    return [event for text in blocks if text.strip() for event in _paragraph([text])]


def fragment_text(markup: str) -> str:
    """An HTML fragment's words on one line: for a list item, which stays one block."""
    return " ".join(text for _, text, _ in fragment_events(markup) if text)


def _read_blocks(element: lxml.html.HtmlElement, events: list[Event]) -> None:
    """Append the events of element's content: the words between its blocks are paragraphs."""
    run = [element.text or ""]  # words not yet ended by a block
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""  # "": a comment
        if tag in _BLOCKS:
            events += _paragraph(run)
            run = []
            if tag in _HEADINGS:
                events.append(("h", _words(child, links=False), int(tag[1])))
            elif tag == "table":
                events += _table(child)
            elif tag in {"ul", "ol"}:
                events += _list(child)
            else:
                _read_blocks(child, events)
        elif tag and tag not in _SKIPPED:
            run.append(_inline(child))
        run.append(child.tail or "")
    events += _paragraph(run)


def _paragraph(run: list[str]) -> list[Event]:
    text = " ".join("".join(run).split())
    return [("p", text, 0), ("", "", 0)] if text else []


def _words(element: lxml.html.HtmlElement, links: bool = True) -> str:
    """Element's words: each link's followed by its address unless `links` is false (a
    heading keeps its words as written), a block's kept apart from the words around it."""
    parts = [element.text or ""]
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _BLOCKS:
            parts.append(f" {_words(child, links)} ")
        elif tag and tag not in _SKIPPED:
            parts.append(_inline(child, links))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _inline(element: lxml.html.HtmlElement, links: bool = True) -> str:
    """An inline element's words, a link's with its address when `links` is true."""
    words = _words(element, links)
    href = (element.get("href") or "").strip() if element.tag == "a" and links else ""
    return link_text(words, href) if href else words


def _list(element: lxml.html.HtmlElement) -> list[Event]:
    """Each item (and any words straying between them) as an "li", or in an <ol> an "ol"
    numbered from its start, then the break ending the list."""
    start = (element.get("start") or "").strip()
    number = int(start) if element.tag == "ol" and start.isascii() and start.isdigit() else 1
    pieces = [element.text or ""]
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        pieces += [_words(child) if tag and tag not in _SKIPPED else "", child.tail or ""]
    events: list[Event] = []
    for text in filter(str.strip, pieces):
        events.append(("ol", text, number) if element.tag == "ol" else ("li", text, 0))
        number += 1
    return [*events, ("", "", 0)]


def _table(table: lxml.html.HtmlElement) -> list[Event]:
    """A table as a Markdown pipe table reads (articles.table_events): its caption said
    first, then row by row, cells named by the header row when there is one that fits."""
    events: list[Event] = []
    caption = table.find("caption")
    if caption is not None:
        events += _paragraph([_words(caption)])
    rows = [row for row in table.iter("tr") if next(row.iterancestors("table"), None) is table]
    cells = [[cell for cell in row if cell.tag in {"td", "th"}] for row in rows]
    texts = [[_words(cell) for cell in row] for row in cells]
    # A title row spanning the columns ("<th colspan=3>Prices</th>") is said before the rows
    # rather than taken for a header naming a single column, as on a web page (webpage.py).
    while len(texts) > 1 and sum(map(bool, texts[0])) == 1 and len(texts[0]) < len(texts[1]):
        events += _paragraph([next(filter(None, texts[0]))])
        rows, cells, texts = rows[1:], cells[1:], texts[1:]
    if not texts:
        return events
    in_head = rows[0].getparent() is not None and rows[0].getparent().tag == "thead"
    heads = in_head or all(cell.tag == "th" for cell in cells[0])
    # table_events says a header only through the rows of its width: with none, it is a row.
    fits = any(len(row) == len(texts[0]) for row in texts[1:])
    if heads and fits and all(texts[0][1:]):
        return events + table_events(texts[1:], texts[0])
    return events + table_events(texts, None)
