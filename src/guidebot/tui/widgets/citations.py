"""An answer's sources: the one-line citation labels and the CitationList that shows them.

Labels are literal text (knowledge is never parsed as markup) sized to the answer's width;
the same lines, as clickable Content, make up a frozen answer's source list.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.reactive import reactive
from textual.style import Style
from textual.widgets import Static

from guidebot.knowledge.passages import FAQ_TITLE
from guidebot.reply import Source
from guidebot.tui.messages import CitationSelected

LABEL_WIDTH = 70  # a citation label fits one line of an 80-column terminal
MAX_LABEL_WIDTH = 110
EXCERPT_WIDTH = 34
MIN_EXCERPT = 8  # an excerpt never shorter, however narrow the label
GUIDE_WIDTH = 24  # a guide's title in a label, when the knowledge holds several guides
STALE = "⚠ may be out of date"


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: max(1, limit - 1)].rstrip() + "…"


def excerpt(text: str, limit: int = EXCERPT_WIDTH) -> str:
    """The first words of a passage, cut at a word boundary: “Early-career graduates and…”
    (at least a few characters, whatever `limit`)."""
    limit = max(limit, MIN_EXCERPT)
    flat = " ".join(text.split()).removeprefix("- ")
    if len(flat) <= limit:
        return flat
    kept = ""
    for word in flat.split(" "):
        if len(kept) + len(word) + 2 > limit:  # a space before it, "…" after it
            break
        kept = f"{kept} {word}" if kept else word
    return (kept or flat[: limit - 1]).rstrip(" ,;:.") + "…"


def fit_width(room: int) -> int:
    """The label width for `room` columns inside an answer (a space each side of a label)."""
    return max(30, min(MAX_LABEL_WIDTH, room - 2))


def citation_label(source: Source, stale: bool = False, width: int = LABEL_WIDTH) -> str:
    """`[2] Section › “First words of the passage…”`, plus a warning when it may be out of date.

    The guide's title comes first (shortened to GUIDE_WIDTH: `[2] Gym guide › Opening hours
    › “…”`) where the knowledge names its sections by guide (Source.label: it holds several
    guides, or two guides share a heading), so that every answer of one knowledge base is
    cited alike. An FAQ entry no guide holds is marked `FAQ › `.

    Sources often share one heading, so the excerpt is what tells them apart: it keeps
    EXCERPT_WIDTH (less in a narrow label), the heading all the rest it needs, the excerpt
    what is left over; the warning is never cut off.
    """
    head = f"[{source.number}] "
    tail = f"  {STALE}" if stale else ""
    if names_its_guide(source):
        # Shorter still when the warning leaves little room for heading and excerpt.
        room_for_title = min(GUIDE_WIDTH, max(8, width - len(tail) - 40))
        head += f"{_short(source.guide_title, room_for_title)} › "
    elif source.question and source.guide_title == FAQ_TITLE:
        head += f"{FAQ_TITLE} › "
    heading = " ".join(source.heading_path.split())
    room = width - len(head) - len(tail)
    quote = ""
    if source.text.strip():
        kept = max(MIN_EXCERPT, min(EXCERPT_WIDTH, room - 25), room - len(heading) - 5)
        quote = f" › “{excerpt(source.text, kept)}”"
    return head + _short(heading, max(8, room - len(quote))) + quote + tail


def names_its_guide(source: Source) -> bool:
    """Whether the knowledge names this source's section by its guide (knowledge.labels):
    its label is not the heading alone."""
    return bool(source.label) and source.label != source.section


def cite_style(turn: int, number: int) -> Style:
    """A click on text with this style shows source `number` of reply `turn`."""
    return Style.from_meta({"@click": f"screen.select_citation({turn},{number})"})


def citation_lines(
    turn: int,
    sources: tuple[Source, ...],
    stale: frozenset[int],
    cursor: int = -1,
    links: bool = True,
    width: int = LABEL_WIDTH,
) -> Content:
    """One line per source, clickable when `links` (`cursor`: the line highlighted), each
    label at most `width` characters."""
    lines = []
    for index, source in enumerate(sources):
        warn = source.number in stale
        line = Content(f" {citation_label(source, warn, width)} ")
        line = line.stylize("bold $text-warning" if warn else "bold $text-accent")
        if index == cursor:
            line = line.stylize("reverse")
        lines.append(line.stylize(cite_style(turn, source.number)) if links else line)
    return Content("\n").join(lines)


class CitationList(Static, can_focus=True):
    """An answer's sources, one line each: click one, or Tab here, Up/Down and Enter.

    One widget rather than a button per source, so an answer costs fewer widgets to mount,
    lay out and paint.
    """

    BINDINGS = [
        Binding("up", "move(-1)", "Previous source", show=False),
        Binding("down", "move(1)", "Next source", show=False),
        Binding("enter,space", "open", "Show source", show=False),
    ]

    cursor: reactive[int] = reactive(0)

    def __init__(
        self,
        turn: int,
        sources: tuple[Source, ...],
        stale: frozenset[int],
        width: int = LABEL_WIDTH,
    ) -> None:
        self.turn, self.sources, self.stale = turn, sources, stale
        self.width = width
        super().__init__(self._lines(-1), classes="citations")

    def labels(self) -> list[str]:
        return [citation_label(s, s.number in self.stale, self.width) for s in self.sources]

    def _lines(self, cursor: int) -> Content:
        return citation_lines(
            self.turn, self.sources, self.stale, cursor, links=False, width=self.width
        )

    def fit(self, width: int) -> None:
        """Make the labels at most `width` wide (the answer was laid out anew)."""
        width = fit_width(width)
        if width != self.width:
            self.width = width
            self._redraw()

    def _redraw(self) -> None:
        self.update(self._lines(self.cursor if self.has_focus else -1))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is not None and 0 <= offset.y < len(self.sources):
            event.stop()
            self.cursor = offset.y
            self.post_message(CitationSelected(self.turn, self.sources[offset.y].number))

    def watch_cursor(self) -> None:
        self._redraw()

    def on_focus(self) -> None:
        self._redraw()

    def on_blur(self) -> None:
        self._redraw()

    def action_move(self, step: int) -> None:
        self.cursor = (self.cursor + step) % len(self.sources)

    def action_open(self) -> None:
        self.post_message(CitationSelected(self.turn, self.sources[self.cursor].number))
