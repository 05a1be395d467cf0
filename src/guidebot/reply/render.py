"""Replies as plain terminal text and as paste-ready Markdown (the JSON form is Reply.to_dict)."""

from __future__ import annotations

from guidebot.reply import Reply


def as_text(reply: Reply) -> str:
    """Readable terminal output: notes, the answer with its citation mark, numbered sources."""
    lines = [f"({note})" for note in reply.notes]
    answer = reply.text + (" [1]" if reply.sources else "")
    lines.append(answer)
    if reply.see_also:
        lines.append("See also: " + "; ".join(reply.see_also))
    if reply.sources:
        lines.append("")
        lines.append("Sources:")
        lines += [
            f"  [{s.number}] {s.guide_title} › {s.heading_path}  ({s.id})" for s in reply.sources
        ]
    return "\n".join(lines)


def as_markdown(reply: Reply) -> str:
    """A reply to paste into an email or ticket: answer, then a numbered source list."""
    parts: list[str] = []
    if reply.kind == "clarify" and reply.choices:
        parts.append(reply.answer)
        parts.append("\n".join(f"{n}. {c}" for n, c in enumerate(reply.choices, start=1)))
    else:
        parts.append(_quote_free(reply.text) + (" [1]" if reply.sources else ""))
    if reply.see_also:
        parts.append("See also: " + "; ".join(f"“{s}”" for s in reply.see_also))
    if reply.sources:
        listed = "\n".join(
            f"{s.number}. *{s.guide_title}*, section “{s.heading_path}”" for s in reply.sources
        )
        parts.append("Sources:\n" + listed)
    return "\n\n".join(parts) + "\n"


def _quote_free(text: str) -> str:
    """Each line of the reply's text (title, answer, suggestions) as a Markdown paragraph."""
    return "\n\n".join(line.strip() for line in text.split("\n") if line.strip())
