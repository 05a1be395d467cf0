"""The conversation's pieces: the welcome message, a question, and an answer with citations.

Answers are plain Statics over Content built here (knowledge text is never parsed as markup),
one widget for the text, so a new answer is laid out and painted in a single frame. Older
answers are `freeze()`d into one Static each, which keeps the number of widgets, and so the
cost of every layout, nearly flat however long the conversation gets.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.style import Style
from textual.widgets import Button, Static

from guidebot.reply import Reply, Source
from guidebot.tui.messages import AskRequested, CitationSelected

LABEL_WIDTH = 70  # a citation label fits one line of an 80-column terminal
MAX_LABEL_WIDTH = 110
EXCERPT_WIDTH = 34
STALE = "⚠ may be out of date"
LINK = "bold $text-accent"


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: max(1, limit - 1)].rstrip() + "…"


def excerpt(text: str, limit: int = EXCERPT_WIDTH) -> str:
    """The first words of a passage, cut at a word boundary: “Early-career graduates and…”."""
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

    Sources often share one heading, so the excerpt is what tells them apart; the heading is
    shortened first, and the warning is never cut off.
    """
    head = f"[{source.number}] "
    tail = f"  {STALE}" if stale else ""
    room_for_excerpt = max(EXCERPT_WIDTH, (width - len(head) - len(tail)) // 2)
    quote = f" › “{excerpt(source.text, room_for_excerpt)}”" if source.text.strip() else ""
    room = width - len(head) - len(quote) - len(tail)
    if room < 12:  # a very long excerpt: give the heading its share back
        quote = f" › “{excerpt(source.text, max(8, width - len(head) - len(tail) - 30))}”"
        room = width - len(head) - len(quote) - len(tail)
    return head + _short(source.section, max(8, room)) + quote + tail


def answer_lines(answer: str) -> list[str]:
    """The answer's paragraphs (one per line of the reply), "- " bullets shown as "• "."""
    lines = []
    for line in answer.split("\n"):
        line = line.strip()
        if line:
            lines.append("• " + line[2:].strip() if line[:2] in ("- ", "* ") else line)
    return lines


def _cite_style(turn: int, number: int) -> Style:
    return Style.from_meta({"@click": f"screen.select_citation({turn},{number})"})


def answer_content(reply: Reply, turn: int) -> Content:
    """The answer as literal text in paragraphs, ending with a clickable [1] when it cites."""
    body = Content("\n\n".join(answer_lines(reply.answer)))
    if reply.sources:
        link = Content("[1]").stylize(LINK).stylize(_cite_style(turn, 1))
        body = Content.assemble(body, " ", link)
    return body


def frozen_content(
    reply: Reply, turn: int, stale: frozenset[int] = frozenset(), width: int = LABEL_WIDTH
) -> Content:
    """A whole earlier answer as one Content: notes, text or options, clickable citations."""
    parts: list[Content] = [
        Content(f"({note})").stylize("italic $text-muted") for note in reply.notes
    ]
    options = reply.choices if reply.kind == "clarify" else reply.suggestions
    if options:
        parts.append(Content(reply.answer.split("\n", 1)[0]))
        parts += [Content(f"  {n}. {option}") for n, option in enumerate(options, start=1)]
    else:
        parts.append(answer_content(reply, turn))
    if reply.sources:
        parts += [Content(""), citation_lines(turn, reply.sources, stale, width=width)]
    return Content("\n").join(parts)


class AskButton(Button):
    """A compact button that asks `ask` (showing `shown`) when pressed."""

    def __init__(self, label: str, ask: str, shown: str, **kwargs) -> None:
        super().__init__(Content(label), compact=True, **kwargs)
        self.ask, self.shown = ask, shown

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(AskRequested(self.ask, self.shown))


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
        lines.append(line.stylize(_cite_style(turn, source.number)) if links else line)
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


class Welcome(Vertical):
    """What guidebot knows, and suggested first questions (type the number or click).

    With no suggestions yet (the bot is still being built) it says so; `show_suggestions`
    fills them in.
    """

    def __init__(self, about: str, suggestions: list[str] | None) -> None:
        super().__init__(classes="welcome")
        self.about, self.suggestions = about, suggestions

    def compose(self) -> ComposeResult:
        yield Static(Content("Welcome to guidebot"), classes="welcome-title")
        yield Static(Content(self.about), classes="welcome-about")
        yield from self._suggestion_widgets()

    def _suggestion_widgets(self) -> list[Static | AskButton]:
        if self.suggestions is None:
            return [
                Static(Content("Getting the guide ready… you can type already."), classes="hint")
            ]
        if not self.suggestions:
            return []
        widgets: list[Static | AskButton] = [
            Static(Content("Try one (type its number, or click it):"), classes="hint")
        ]
        for n, question in enumerate(self.suggestions, start=1):
            widgets.append(AskButton(f"{n}. {question}", question, question, classes="suggestion"))
        return widgets

    async def show_suggestions(self, suggestions: list[str]) -> None:
        self.suggestions = suggestions
        await self.query(".hint, .suggestion").remove()
        await self.mount_all(self._suggestion_widgets())


class QuestionView(Static):
    """What the person asked, shown literally; its id is the turn's."""

    def __init__(self, text: str, id: str | None = None) -> None:
        super().__init__(self._content(text), classes="question", markup=False, id=id)
        self.text = text

    @staticmethod
    def _content(text: str) -> Content:
        return Content.assemble(("› ", "bold $text-accent"), text)

    def show_text(self, text: str) -> None:
        self.text = text
        self.update(self._content(text))


class AnswerView(Vertical):
    """One reply: notes, the answer with a [1] link, choices or suggestions, its sources."""

    def __init__(
        self,
        reply: Reply,
        turn: int,
        stale: frozenset[int] = frozenset(),
        room: int = LABEL_WIDTH + 2,
    ) -> None:
        """`room`: the columns inside the answer, so its source labels fit from the start."""
        cites = " -cites" if reply.sources else ""
        super().__init__(classes=f"answer kind-{reply.kind}{cites}")
        self.reply, self.turn, self.stale, self.room = reply, turn, stale, room

    def compose(self) -> ComposeResult:
        reply = self.reply
        if reply.notes:
            notes = "\n".join(f"({note})" for note in reply.notes)
            yield Static(Content(notes), classes="note")
        options = reply.choices if reply.kind == "clarify" else reply.suggestions
        if options:
            hint = "type its number, or click it" if reply.kind == "clarify" else "click to ask"
            lead = Content.assemble(
                reply.answer.split("\n", 1)[0], "\n", (f"({hint})", "italic $text-muted")
            )
            yield Static(lead, classes="lead")
            for n, option in enumerate(options, start=1):
                ask = str(n) if reply.kind == "clarify" else option
                yield AskButton(f"{n}. {option}", ask, option, classes="choice")
        else:
            yield Static(answer_content(reply, self.turn), classes="body")
        if reply.sources:
            yield CitationList(self.turn, reply.sources, self.stale, fit_width(self.room))

    def on_resize(self) -> None:
        for citations in self.query(CitationList):
            citations.fit(self.content_size.width)

    def frozen(self) -> FrozenAnswer:
        """The same answer as one Static, for when it is no longer the latest."""
        width = fit_width(self.content_size.width or self.room)
        return FrozenAnswer(self.reply, self.turn, self.stale, width)


class FrozenAnswer(Static):
    """An earlier answer in one widget: its links work, it takes no focus, and it costs a
    layout one widget instead of several."""

    def __init__(
        self,
        reply: Reply,
        turn: int,
        stale: frozenset[int] = frozenset(),
        width: int = LABEL_WIDTH,
    ) -> None:
        cites = " -cites" if reply.sources else ""
        super().__init__(
            frozen_content(reply, turn, stale, width), classes=f"answer kind-{reply.kind}{cites}"
        )
        self.reply, self.turn, self.stale = reply, turn, stale
