"""The conversation's turns: a question, and an answer with its notes, options and sources.

Answers are plain Statics over Content built here (knowledge text is never parsed as markup),
one widget for the text, so a new answer is laid out and painted in a single frame. Older
answers are `freeze()`d into one Static each, and the oldest turns leave the screen for one
EarlierTurns line, which keeps the number of widgets, and so the cost of every layout and
the app's memory, flat however long the conversation gets. Questions are shown with their
control characters made visible (guidebot.tui.literal).
"""

from __future__ import annotations

import re
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.style import Style
from textual.widgets import Button, Static

from guidebot.reply import Reply
from guidebot.reply.model import PART_MARK
from guidebot.tui.literal import visible
from guidebot.tui.messages import AskRequested
from guidebot.tui.widgets.citations import (
    LABEL_WIDTH,
    CitationList,
    citation_lines,
    cite_style,
    fit_width,
)

LINK = "bold $text-accent"
_LIST_ITEM = re.compile(r"[-*•] |\d{1,3}[.)] ")


def answer_lines(answer: str) -> list[str]:
    """The answer's paragraphs (one per line of the reply), "- " bullets shown as "• "; a
    list's items, and the line that leads into them (ending in ":"), as one paragraph of
    lines, so that a list reads as one."""
    paragraphs: list[str] = []
    follows = False  # whether this line goes on the paragraph before (a list's next line)
    for line in answer.split("\n"):
        line = line.strip()
        if not line:
            follows = False
            continue
        item = _LIST_ITEM.match(line) is not None
        shown = "• " + line[2:].strip() if line[:2] in ("- ", "* ") else line
        if paragraphs and follows and item:
            paragraphs[-1] += "\n" + shown
        else:
            paragraphs.append(shown)
        follows = item or line.endswith(":")
    return paragraphs


def answer_content(reply: Reply, turn: int) -> Content:
    """The answer as literal text in paragraphs, ending with a clickable [1] when it cites;
    for a reply to several questions, each part under its question, with its own link."""
    if reply.parts:
        return Content("\n\n").join(part_content(part, turn) for part in reply.parts)
    return _cited(answer_lines(reply.title) + answer_lines(reply.answer), reply, turn)


def part_content(part: Reply, turn: int) -> Content:
    """One part of a reply to several questions: its notes, the question it answers (shown
    literally, as typed), its text and a clickable link to the source it quotes. (The
    parts' "see also" are the whole reply's, shown after them.)"""
    pieces = [Content(f"({note})").stylize("italic $text-muted") for note in part.notes]
    pieces.append(Content.assemble((PART_MARK, "bold $text-accent"), visible(part.question)))
    pieces.append(_cited(answer_lines(part.text), part, turn))
    return Content("\n").join(pieces)


def _cited(paragraphs: list[str], reply: Reply, turn: int) -> Content:
    """Paragraphs ending with a link to the reply's first source (numbered as in the whole
    reply: a later part's is not [1])."""
    body = Content("\n\n".join(paragraphs))
    if not reply.sources:
        return body
    number = reply.sources[0].number
    link = Content(f"[{number}]").stylize(LINK).stylize(cite_style(turn, number))
    return Content.assemble(body, " ", link)


def frozen_content(
    reply: Reply, turn: int, stale: frozenset[int] = frozenset(), width: int = LABEL_WIDTH
) -> Content:
    """A whole earlier answer as one Content: notes, text or options, clickable citations."""
    parts: list[Content] = [
        Content(f"({note})").stylize("italic $text-muted") for note in reply.notes
    ]
    options = offered(reply)
    if options and not reply.parts:
        # Still clickable, but what they ask stands alone: a number typed now would pick
        # from the latest question asked back, not this one.
        hint = Content("(click to ask)").stylize("italic $text-muted")
        parts.append(Content.assemble(reply.answer, "\n", hint))
        parts += [
            Content(f"  {n}. {option}").stylize(LINK).stylize(option_style(n))
            for n, option in enumerate(options, start=1)
        ]
    else:
        parts.append(answer_content(reply, turn))
    if reply.see_also:
        parts.append(Content("See also: " + "; ".join(reply.see_also)).stylize("$text-muted"))
    if reply.sources:
        parts += [Content(""), citation_lines(turn, reply.sources, stale, width=width)]
    return Content("\n").join(parts)


def offered(reply: Reply) -> tuple[str, ...]:
    """What the reply offers to ask next: its choices when it asks back, else its
    suggestions (numbered and clickable either way)."""
    return reply.choices if reply.kind == "clarify" else reply.suggestions


def option_style(number: int) -> Style:
    """A click on text with this style asks option `number` of the FrozenAnswer it is in."""
    return Style.from_meta({"@click": f"ask_option({number})"})


class AskButton(Button):
    """A compact button that asks `ask` (showing `shown`) when pressed."""

    def __init__(self, label: str, ask: str, shown: str, **kwargs: Any) -> None:
        super().__init__(Content(label), compact=True, **kwargs)
        self.ask, self.shown = ask, shown

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(AskRequested(self.ask, self.shown))


class QuestionView(Static):
    """What the person asked, shown literally (markup as typed, control characters as
    symbols, never sent to the terminal); its id is the turn's."""

    def __init__(self, text: str, id: str | None = None) -> None:
        super().__init__(self._content(text), classes="question", markup=False, id=id)
        self.text = text

    @staticmethod
    def _content(text: str) -> Content:
        return Content.assemble(("› ", "bold $text-accent"), visible(text))

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
        options = offered(reply)
        if options and not reply.parts:
            hint = "type its number, or click it" if reply.kind == "clarify" else "click to ask"
            lead = Content.assemble(reply.answer, "\n", (f"({hint})", "italic $text-muted"))
            yield Static(lead, classes="lead")
            for n, option in enumerate(options, start=1):
                ask = str(n) if reply.kind == "clarify" else option
                yield AskButton(f"{n}. {option}", ask, option, classes="choice")
        else:
            yield Static(answer_content(reply, self.turn), classes="body")
        if reply.see_also:
            # Other sections the question fits about as well: one click asks about each.
            yield Static(Content("See also:").stylize("$text-muted"), classes="lead")
            for section in reply.see_also:
                yield AskButton(section, section, section, classes="choice")
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

    def action_ask_option(self, number: int) -> None:
        """Ask option `number` (1-based) of this earlier reply, in its own words."""
        options = offered(self.reply)
        if 1 <= number <= len(options):
            option = options[number - 1]
            self.post_message(AskRequested(option, option))


class EarlierTurns(Static):
    """Stands, at the top of the conversation, for the turns that left the screen: how many,
    and that they are still in the transcript (the screen's Answers keeps every reply)."""

    def __init__(self, save_key: str = "") -> None:
        """`save_key`: the key that saves the transcript, named in the line."""
        super().__init__(classes="earlier-turns")
        self.count, self.save_key = 0, save_key

    def add(self, count: int) -> None:
        """`count` more turns have left the screen."""
        self.count += count
        turns = "1 earlier turn is" if self.count == 1 else f"{self.count} earlier turns are"
        keep = f"{self.save_key} saves" if self.save_key else "Saving the transcript keeps"
        self.update(Content(f"({turns} not shown here. {keep} the whole conversation.)"))
