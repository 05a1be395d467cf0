"""The conversation's pieces: the welcome message, a question, and an answer with citations."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Button, Markdown, Static

from guidebot.reply import Reply
from guidebot.tui.messages import AskRequested, CitationSelected

CITE = "cite:"
_ESCAPE = str.maketrans({ch: "\\" + ch for ch in "\\`*_{}[]<>()#+-.!|~&="})


def escape_markdown(text: str) -> str:
    """Knowledge text as Markdown that renders literally; "- " bullet lists stay lists."""
    lines = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        bullet = line[:2] in ("- ", "* ")
        body = line[2:] if bullet else line
        lines.append(("- " if bullet else "") + body.translate(_ESCAPE))
    return "\n\n".join(lines)


def answer_markdown(reply: Reply) -> str:
    """The answer as Markdown, ending with a clickable numbered citation per source."""
    text = escape_markdown(reply.answer)
    if reply.sources:
        text += " " + " ".join(f"[\\[{s.number}\\]]({CITE}{s.number})" for s in reply.sources[:1])
    return text


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class AskButton(Button):
    """A compact button that asks `ask` (showing `shown`) when pressed."""

    def __init__(self, label: str, ask: str, shown: str, **kwargs) -> None:
        super().__init__(Content(label), compact=True, **kwargs)
        self.ask, self.shown = ask, shown

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(AskRequested(self.ask, self.shown))


class CitationButton(Button):
    """A compact "[n] Section heading" button; pressing it shows the passage."""

    def __init__(self, turn: int, number: int, label: str) -> None:
        super().__init__(Content(label), compact=True, classes="citation")
        self.turn, self.number = turn, number

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(CitationSelected(self.turn, self.number))


class Welcome(Vertical):
    """What guidebot knows, and suggested first questions (type the number or click)."""

    def __init__(self, title: str, author: str, suggestions: list[str]) -> None:
        super().__init__(classes="welcome")
        self.title, self.author, self.suggestions = title, author, suggestions

    def compose(self) -> ComposeResult:
        by = f" by {self.author}" if self.author else ""
        yield Static(Content("Welcome to guidebot"), classes="welcome-title")
        yield Static(
            Content(f"I answer questions about “{self.title}”{by}, citing the passages I quote."),
            classes="welcome-about",
        )
        if self.suggestions:
            yield Static(Content("Try one (type its number, or click it):"), classes="hint")
            for n, question in enumerate(self.suggestions, start=1):
                yield AskButton(f"{n}. {question}", question, question, classes="suggestion")


class QuestionView(Static):
    """What the person asked, shown literally."""

    def __init__(self, text: str) -> None:
        super().__init__(
            Content.assemble(("› ", "bold $text-accent"), text), classes="question", markup=False
        )
        self.text = text


class AnswerView(Vertical):
    """One reply: notes, the answer as Markdown with citations, choices or suggestions, sources."""

    def __init__(self, reply: Reply, turn: int) -> None:
        super().__init__(classes=f"answer kind-{reply.kind}")
        self.reply, self.turn = reply, turn

    def compose(self) -> ComposeResult:
        reply = self.reply
        for note in reply.notes:
            yield Static(Content(f"({note})"), classes="note")
        options = reply.choices if reply.kind == "clarify" else reply.suggestions
        if options:
            yield Static(Content(reply.answer.split("\n", 1)[0]), classes="lead")
            hint = "type its number, or click it" if reply.kind == "clarify" else "click to ask"
            yield Static(Content(f"({hint})"), classes="hint")
            for n, option in enumerate(options, start=1):
                ask = str(n) if reply.kind == "clarify" else option
                yield AskButton(f"{n}. {option}", ask, option, classes="choice")
        else:
            yield Markdown(answer_markdown(reply), open_links=False)
        for source in reply.sources:
            label = _short(f"[{source.number}] {source.section}", 76)
            yield CitationButton(self.turn, source.number, label)

    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        event.stop()
        if event.href.startswith(CITE) and event.href[len(CITE) :].isdigit():
            self.post_message(CitationSelected(self.turn, int(event.href[len(CITE) :])))
