"""Replies as plain terminal text and as paste-ready Markdown (the JSON form is Reply.to_dict)."""

from __future__ import annotations

import re

from guidebot.reply import Reply, Source
from guidebot.reply.model import PART_MARK

# What a Markdown renderer would read as markup in text that is not ours: an HTML tag or
# comment ("<script>", "</p>", "<!--"), an autolink ("<https://…>"), an entity ("&lt;"),
# any bracket (a link or image, "[x](http://…)", "![…][ref]", nested "[a [b] c](…)", a
# reference definition "[x]: http://…"), and a backslash, which would otherwise escape the
# escape ("C:\\<img …>"). Each is escaped with a backslash, which CommonMark shows as the
# character itself; other text is left as written, so a reply pasted into a plain-text
# email reads as it did.
_MARKUP = re.compile(r"<(?=[A-Za-z/!?])|&(?=#?[A-Za-z0-9]+;)|[\[\\]")


def literal(text: str) -> str:
    """Text from a guide, an import or a person, made inert in Markdown (see _MARKUP)."""
    return _MARKUP.sub(lambda match: "\\" + match.group(), text)


def as_text(reply: Reply) -> str:
    """Readable terminal output: notes, the answer with its citation mark, numbered sources.
    A reply to several questions shows each part so (its notes, the question, its answer and
    citation mark), then all the sources once."""
    lines: list[str] = []
    for n, part in enumerate(reply.parts or (reply,)):
        lines += [""] if n else []
        lines += [f"({note})" for note in part.notes]
        lines.append(part.cited_text if reply.parts else _cited(part.text, part))
        if part.see_also:
            lines.append("See also: " + "; ".join(part.see_also))
    if reply.sources:
        lines.append("")
        lines.append("Sources:")
        lines += [
            f"  [{s.number}] {s.guide_title} › {s.heading_path}  ({s.id})" for s in reply.sources
        ]
    return "\n".join(lines)


def as_markdown(reply: Reply, emphasis: bool = True) -> str:
    """A reply to paste into an email or ticket: answer, then the sources its marks cite,
    each as "- [n] ..." (for a reply to several questions, each part's question and answer
    in turn), then the other sections shown beside them, each once and none already under
    "See also", as "Also in the guides". Without `emphasis` no guide title is in italics: an
    email pasted as plain text would show the asterisks, and nothing else in it is markup a
    plain-text reader sees. (A numbered list "1." then "4." would be renumbered 1, 2 by
    any Markdown renderer, leaving the text's [4] pointing nowhere.)"""
    parts: list[str] = []
    cited: set[int] = set()  # the numbers of the sources the text's marks cite
    suggested: set[str] = set()  # section labels already offered under "See also"
    for part in reply.parts or (reply,):
        if part.kind == "clarify" and part.choices:
            parts.append(literal(part.answer))
            choices = enumerate(part.choices, start=1)
            parts.append("\n".join(f"{n}. {literal(c)}" for n, c in choices))
        else:
            text = _cited_part(part) if reply.parts else _cited(literal(part.text), part)
            parts.append(_quote_free(text))
            cited |= {part.sources[0].number} if part.sources else set()
        if part.see_also:
            parts.append("See also: " + "; ".join(f"“{literal(s)}”" for s in part.see_also))
            suggested.update(part.see_also)
    mark = "*" if emphasis else ""
    listed = [s for s in reply.sources if s.number in cited]
    if listed:
        parts.append(
            "Sources:\n" + "\n".join(f"- [{s.number}] {cited_as(s, mark)}" for s in listed)
        )
    shown = {cited_as(s, mark) for s in listed}
    others = dict.fromkeys(
        cited_as(s, mark)
        for s in reply.sources
        if s.number not in cited and s.named not in suggested and cited_as(s, mark) not in shown
    )
    if others:
        parts.append("Also in the guides:\n" + "\n".join(f"- {named}" for named in others))
    return "\n\n".join(parts) + "\n"


def cited_as(source: Source, mark: str = "*") -> str:
    """How Markdown names a source: its guide's title between `mark`s, then the section
    ('*A Guide*, section “Costs”'), or for an FAQ entry no section holds, its own question
    ('*FAQ*, question “Can I pay by card?”'): a question is no section."""
    title = f"{mark}{literal(source.guide_title)}{mark}"
    if source.question and source.heading_path == source.question:
        return f"{title}, question “{literal(source.question)}”"
    return f"{title}, section “{literal(source.heading_path)}”"


def _cited_part(part: Reply) -> str:
    """Reply.cited_text with the question and answer made inert, not the source's mark."""
    mark = f" [{part.sources[0].number}]" if part.sources else ""
    return f"{PART_MARK}{literal(part.question)}\n{literal(part.text)}{mark}"


def _cited(text: str, reply: Reply) -> str:
    """A single reply's text with the mark of the source it quotes, always [1]."""
    return text + (" [1]" if reply.sources else "")


def _quote_free(text: str) -> str:
    """Each line of the reply's text (title, answer, suggestions) as a Markdown paragraph."""
    return "\n\n".join(line.strip() for line in text.split("\n") if line.strip())
