"""A question as the conversation reads it: control characters and pasted HTML markup gone,
its length capped.

Questions pasted with markup in them ("<p>What is the tuition?</p>", copied from an email or
a web page) read as their text: tag names are no words of the question, and a script's or
style sheet's content is no question at all. The markup is dropped, never interpreted:
nothing here fetches, runs or renders anything.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from guidebot.knowledge.yamlsource import ESCAPE, INVISIBLE

# The elements of HTML (the WHATWG living standard's, less the rare ones): a "<" and a name
# that is none of them ("Is <salary> per year?", "x<y and y>z") is what someone typed.
ELEMENTS = frozenset(
    """a abbr address article aside b blockquote body br button caption cite code col dd del
    details div dl dt em figcaption figure font footer form h1 h2 h3 h4 h5 h6 head header hr
    html i iframe img input ins kbd label li link main mark meta nav noscript ol option p pre
    q s samp script section select small span strike strong style sub summary sup svg table
    tbody td template textarea tfoot th thead title tr u ul var""".split()
)
# A whole tag of one of them, or a comment: "<", a name, attributes, ">".
TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)(?:\s[^<>]*)?/?>|<!--")
# Elements whose content is code or data, not words someone asked, when they are closed.
HIDDEN = frozenset({"script", "style", "template", "noscript", "svg", "head", "title"})
_HIDDEN_START = re.compile(r"<(" + "|".join(sorted(HIDDEN)) + r")(?:\s[^<>]*)?>", re.IGNORECASE)
# Markup is read in at most this many characters: HTMLParser is linear, but a question
# needs no more, and the conversation caps what it keeps far below this.
MAX_MARKUP = 20_000


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden: list[str] = []  # text inside hidden elements still open

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN:
            self.hidden.append("")
        self.parts.append(" ")  # "<b>hi</b><i>there</i>" is two words

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN and self.hidden:
            self.hidden.pop()
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if self.hidden:
            self.hidden[-1] += data
        else:
            self.parts.append(data)

    def text(self) -> str:
        """What was read; the content of a hidden element left open is words after all."""
        return "".join(self.parts + self.hidden)


def has_markup(text: str) -> bool:
    """Whether the text holds a tag of an HTML element or a comment."""
    return any(
        match.group(0) == "<!--" or match.group(2).lower() in ELEMENTS
        for match in TAG.finditer(text)
    )


def without_markup(text: str) -> str:
    """The text with its HTML tags, comments and closed hidden elements' content removed and
    its character references ("&amp;") read, when it holds at least one tag of an HTML
    element or a comment (read in its first MAX_MARKUP characters); otherwise the text
    unchanged ("salary < 100k", "<3", "Is <salary> per year?" are what someone typed).
    Whitespace is not collapsed here."""
    if not has_markup(text):
        return text
    parser = _Text()
    parser.feed(_unclosed_hidden_dropped(text[:MAX_MARKUP]))
    parser.close()
    return parser.text()


def _unclosed_hidden_dropped(text: str) -> str:
    """The text with the start tag of each hidden element that is never closed blanked out:
    html.parser reads everything after "<style>" as the style sheet until "</style>", so "<style>
    what is the tuition?" would lose the question."""
    lowered = text.lower()
    last_end = {name: lowered.rfind(f"</{name}") for name in HIDDEN}
    kept, at = [], 0
    for match in _HIDDEN_START.finditer(text):
        if last_end[match.group(1).lower()] < match.end():
            kept += [text[at : match.start()], " "]
            at = match.end()
    return "".join(kept) + text[at:]


def clean_question(text: str, limit: int) -> str:
    """The question as read: markup, terminal escape sequences and marks of no width dropped
    (without_markup, knowledge.yamlsource.ESCAPE and INVISIBLE, as imports drop them), other
    control characters turned to spaces, whitespace
    collapsed and at most `limit` characters, cut before a word the limit would split (a
    word longer than the limit is cut), so that no input can break a front end or leave
    half a word to be read as a misspelling."""
    text = INVISIBLE.sub("", ESCAPE.sub("", without_markup(text)))
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    if text[limit] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip()
