"""A conversation as a Markdown transcript with its citations, saved atomically (no Textual)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from guidebot import atomic
from guidebot.errors import WriteRefused
from guidebot.reply import Reply, Source
from guidebot.reply.render import as_markdown, cited_as, literal

_MAX_TRIES = 100


def to_markdown(
    replies: Sequence[Reply], title: str = "", when: datetime | None = None, files: bool = True
) -> str:
    """Every turn as "You" / "guidebot", each answer followed by its numbered sources,
    cited by passage id and, with `files`, the knowledge file and line (not for a browser's
    visitor: they are the server's).

    User and knowledge text is quoted as written, made inert (render.literal): only the
    layout is Markdown.
    """
    when = when or datetime.now()
    heading = f"# guidebot transcript: {literal(title)}" if title else "# guidebot transcript"
    parts = [heading, f"Saved {when:%Y-%m-%d %H:%M}."]
    if not replies:
        parts.append("*No questions were asked.*")
    for number, reply in enumerate(replies, start=1):
        parts.append(f"## {number}. {literal(_one_line(reply.question))}")
        parts.append(_quote("You", reply.question))
        parts.append("**guidebot:**\n\n" + _answer(reply))
        # A reply to several questions keeps each part's notes with the part.
        for note in (n for part in reply.parts or (reply,) for n in part.notes):
            parts.append(f"*({literal(note)})*")
        if reply.sources:
            cited = "\n\n".join(_passage(s, files) for s in reply.sources)
            parts.append("### Passages cited\n\n" + cited)
    return "\n\n".join(parts) + "\n"


def default_name(when: datetime | None = None) -> str:
    return f"guidebot-{(when or datetime.now()):%Y-%m-%d-%H%M%S}.md"


def save(
    replies: Sequence[Reply], directory: Path, title: str = "", when: datetime | None = None
) -> Path:
    """Write the transcript to a new file in directory and return its path.

    Never replaces a file: a second save in the same second gets a "-2" suffix, and so on.
    """
    when = when or datetime.now()
    text = to_markdown(replies, title, when)
    stem = Path(default_name(when)).stem
    for attempt in range(1, _MAX_TRIES + 1):
        name = f"{stem}.md" if attempt == 1 else f"{stem}-{attempt}.md"
        try:
            return atomic.write_text(Path(directory) / name, text, overwrite=False)
        except WriteRefused:
            continue
    raise WriteRefused(f"{directory}: could not find a free name for the transcript")


def _answer(reply: Reply) -> str:
    """The reply as `guidebot ask --format markdown` prints it (answer, [1], source list)."""
    return as_markdown(reply).rstrip("\n")


def _passage(source: Source, files: bool = True) -> str:
    where = source.id
    if files and source.path and source.line:
        where = f"{source.id}, {source.path}:{source.line}"
    head = f"[{source.number}] {cited_as(source)} ({literal(where)})"
    return head + "\n\n" + "\n".join(f"> {literal(line)}" for line in source.text.splitlines())


def _quote(who: str, text: str) -> str:
    lines = text.splitlines() or [""]
    return f"**{who}:**\n\n" + "\n".join(f"> {literal(line)}" for line in lines)


def _one_line(text: str, limit: int = 70) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
