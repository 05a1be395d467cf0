"""What a conversation turn produces: the reply and the cited sources, ready for any front end."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

Kind = Literal["answer", "clarify", "smalltalk", "decline"]
KINDS: tuple[Kind, ...] = get_args(Kind)


@dataclass(frozen=True)
class Source:
    """A cited passage: numbered as in the reply, with its guide's title and section heading.

    `path` and `line` say where the passage's text is written (knowledge file, 1-based line).
    """

    number: int
    id: str
    guide_title: str
    section: str
    text: str
    score: float
    highlights: tuple[str, ...] = ()  # words of `text` that matched the question
    path: str = ""
    line: int = 0
    headings: tuple[str, ...] = ()  # heading path down to `section`, outermost first

    @property
    def heading_path(self) -> str:
        """The heading path as one line: "Other Things … › How is AI changing quality
        control …?" (just the section when it is a top-level one)."""
        return " › ".join(self.headings or (self.section,))


@dataclass(frozen=True)
class Reply:
    """One turn's reply, as data: a front end lays these fields out, it never re-parses text.

    `answer` is the reply's own prose: the passage quoted (for an FAQ answer, without its
    question, which is `title`), the small-talk reply, or the sentence that asks back or
    declines, whose `choices` or `suggestions` are separate fields. `text` is all of it as one
    plain text. `notes` say how the question was read; `confidence` is the idf-weighted share
    of the question's terms found in the best passage (0-1; 1 for small talk and picks).
    """

    question: str
    answer: str
    kind: Kind
    abstained: bool = False
    confidence: float = 0.0
    sources: tuple[Source, ...] = ()
    notes: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()  # for kind "clarify": the topics to choose from
    suggestions: tuple[str, ...] = ()  # for kind "decline": topics the knowledge does cover
    title: str = ""  # for an FAQ answer: the question it answers, shown above it
    see_also: tuple[str, ...] = ()  # for kind "answer": other sections it fits about as well

    @property
    def text(self) -> str:
        """The whole reply as plain text: title, answer, then numbered choices or bulleted
        suggestions, one per line."""
        lines = [self.title] if self.title else []
        lines.append(self.answer)
        if self.kind == "clarify":
            lines += [f"{n}. {c}" for n, c in enumerate(self.choices, start=1)]
        elif self.kind == "decline":
            lines += [f"- {s}" for s in self.suggestions]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, object]:
        """The JSON shape printed by `guidebot ask --json`."""
        return {
            "question": self.question,
            "answer": self.text,
            "abstained": self.abstained,
            "confidence": round(self.confidence, 4),
            "kind": self.kind,
            "sources": [
                {
                    "id": s.id,
                    "guide": s.guide_title,
                    "section": s.section,
                    "headings": list(s.headings or (s.section,)),
                    "text": s.text,
                    "score": round(s.score, 4),
                }
                for s in self.sources
            ],
            "notes": list(self.notes),
            "choices": list(self.choices),
            "suggestions": list(self.suggestions),
            "see_also": list(self.see_also),
        }
