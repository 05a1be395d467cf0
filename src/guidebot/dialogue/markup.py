"""Questions pasted with HTML markup in them ("<p>What is the tuition?</p>", copied from an
email or a web page) read as their text: tag names are no words of the question, and a
script's or style sheet's content is no question at all. The markup is dropped, never
interpreted: nothing here fetches, runs or renders anything.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# A whole tag: "<", a name, attributes, ">". A "<" that opens no tag ("salary < 100k",
# "a<b") stays text, so a question that merely uses the sign is read as it was typed.
TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--.*?-->", re.DOTALL)
# Elements whose content is code or data, not words someone asked.
HIDDEN = frozenset({"script", "style", "template", "noscript", "svg", "head", "title"})


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN:
            self.hidden += 1
        self.parts.append(" ")  # "<b>hi</b><i>there</i>" is two words

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN and self.hidden:
            self.hidden -= 1
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def without_markup(text: str) -> str:
    """The text with its HTML tags, comments and hidden elements' content removed and its
    character references ("&amp;") read, when it holds at least one whole tag or comment;
    otherwise the text unchanged (a lone "<" or "&" is what someone typed). Whitespace is
    not collapsed here."""
    if not TAG.search(text):
        return text
    parser = _Text()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts)
