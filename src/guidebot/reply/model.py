"""What a conversation turn produces: the reply and the cited sources, ready for any front end."""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("answer", "clarify", "smalltalk", "decline")


@dataclass(frozen=True)
class Source:
    """A cited passage: numbered as in the reply, with its guide title and section heading."""

    number: int
    id: str
    guide: str
    section: str
    text: str
    score: float
    highlights: tuple[str, ...] = ()  # words of `text` that matched the question
    path: str = ""
    line: int = 0


@dataclass(frozen=True)
class Reply:
    """One answer: `answer` is text from the knowledge; `notes` say how the question was read."""

    question: str
    answer: str
    kind: str
    abstained: bool = False
    confidence: float = 0.0
    sources: tuple[Source, ...] = ()
    notes: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()  # for kind "clarify": the topics to choose from
    suggestions: tuple[str, ...] = ()  # for kind "decline": topics the knowledge does cover

    def to_dict(self) -> dict[str, object]:
        """The JSON shape printed by `guidebot ask --json`."""
        return {
            "question": self.question,
            "answer": self.answer,
            "abstained": self.abstained,
            "confidence": round(self.confidence, 4),
            "kind": self.kind,
            "sources": [
                {
                    "id": s.id,
                    "guide": s.guide,
                    "section": s.section,
                    "text": s.text,
                    "score": round(s.score, 4),
                }
                for s in self.sources
            ],
            "notes": list(self.notes),
            "choices": list(self.choices),
            "suggestions": list(self.suggestions),
        }

    @classmethod
    def from_dict(cls, data: dict) -> Reply:
        """Rebuild a reply saved with to_dict (sources keep id, guide, section, text, score)."""
        sources = tuple(
            Source(
                number=n,
                id=s["id"],
                guide=s["guide"],
                section=s["section"],
                text=s["text"],
                score=s["score"],
            )
            for n, s in enumerate(data.get("sources", []), start=1)
        )
        return cls(
            question=data["question"],
            answer=data["answer"],
            kind=data["kind"],
            abstained=bool(data.get("abstained", False)),
            confidence=float(data.get("confidence", 0.0)),
            sources=sources,
            notes=tuple(data.get("notes", ())),
            choices=tuple(data.get("choices", ())),
            suggestions=tuple(data.get("suggestions", ())),
        )
