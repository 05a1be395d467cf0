"""Answers written with markup (HTML from a help-desk editor, Markdown links from QnA Maker or
QnABot) as plain text whose links stay readable as "text (url)".

HTML goes through the same extraction as HTML articles (guidebot.ingest.html.html_blocks), so
scripts, menus and forms are dropped the same way; only links are rewritten first, because
that extraction keeps the text of a link and drops where it points.
"""

from __future__ import annotations

import html
import re

from guidebot.ingest.html import html_blocks

_TAG = re.compile(
    r"</?(?:a|p|br|div|span|ul|ol|li|b|i|u|em|strong|h[1-6]|table|tr|td|th|img|hr|blockquote"
    r"|code|pre|font|small|sup|sub)\b[^>]*>",
    re.I,
)
# A script or style element, opened and closed: its content is no text. Named alone ("put it
# in a <style> block") it is text about one.
_ELEMENT = re.compile(r"<(script|style|noscript|iframe)\b[^>]*>.*?</\1\s*>", re.I | re.S)
_ANCHOR = re.compile(
    r"""<a\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>(.*?)</a\s*>""",
    re.I | re.S,
)
_MARKDOWN_LINK = re.compile(r"(?<!!)\[([^\]\n]+)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
# A character reference as HTML writes one: "&amp;", "&#8212;", "&#x1F600;".
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def plain_answer(text: str) -> str:
    """text without HTML tags or Markdown link syntax; line breaks are blocks and list items.
    An answer with character references but no tags ("Smith &amp; Sons &copy; 2020") is
    HTML too: it reads as the characters they stand for."""
    text = _AUTOLINK.sub(r"\1", text)
    if _TAG.search(text) or _ELEMENT.search(text):
        text = html_as_text(text)
    elif _REFERENCE.search(text):  # each reference alone: "?id=1&param=csv" keeps "&para"
        text = _REFERENCE.sub(lambda m: html.unescape(m.group()), text).replace("\xa0", " ")
    return _MARKDOWN_LINK.sub(lambda m: link_text(m.group(1), m.group(2)), text)


def html_as_text(markup: str) -> str:
    """HTML as plain text: blocks apart, links as "words (address)", scripts, styles and
    comments left out."""
    return _html_text(_ANCHOR.sub(_anchor_text, markup))


def plain_line(value: str) -> str:
    """A question as one line of plain text: tags dropped as from an answer ("<b>Where</b>
    are you?"), a script's or style's content with them."""
    return " ".join(plain_answer(value).split())


def _anchor_text(match: re.Match[str]) -> str:
    href = next(g for g in match.groups()[:3] if g is not None)
    inner = match.group(4)
    shown = html.unescape(re.sub(r"<[^>]+>", "", inner)).strip()
    # The URL stays HTML-escaped here: the HTML parser unescapes it with the text around it.
    return inner if _same(shown, html.unescape(href)) else f"{inner} ({href})"


def link_text(text: str, url: str) -> str:
    """A link as "words (address)", or its words alone when the address adds nothing."""
    return text if _same(text, url) else f"{text} ({url})"


def _same(text: str, url: str) -> bool:
    """Links whose text is their address, or that lead nowhere useful, keep only the text."""

    def bare(link: str) -> str:
        return re.sub(r"^(?:https?://|mailto:)", "", link.strip()).rstrip("/")

    return not url or url.startswith(("#", "javascript:")) or bare(text) == bare(url)


def _html_text(markup: str) -> str:
    """Blocks separated by a blank line; the items of one list on lines of their own, those
    of a numbered list numbered."""
    events, _ = html_blocks(markup)
    blocks: list[str] = []
    items: list[str] = []
    for kind, text, number in events:
        if kind in {"li", "ol"}:
            items.append(f"{number}. {text}" if kind == "ol" else f"- {text}")
            continue
        if items:
            blocks.append("\n".join(items))
            items = []
        if kind and text:
            blocks.append(text)
    if items:
        blocks.append("\n".join(items))
    return "\n\n".join(blocks)
