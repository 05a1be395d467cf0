"""What a conversation turn produces: the reply and the cited sources, ready for any front end."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal, get_args

Kind = Literal["answer", "clarify", "smalltalk", "decline"]
KINDS: tuple[Kind, ...] = get_args(Kind)
# An answer's confidence under which it is weak: logged as a gap (quality/log.py), and it
# names the telling words of the question its passage lacks (dialogue/compose.py). On five
# newcomers' blind trials, 31 of the 51 answers under it were wrong or off-topic, 44 of
# the 179 above.
LOW_CONFIDENCE = 0.5
PART_MARK = "› "  # before each question of a reply of several parts, as the chat shows questions


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
    question: str = ""  # an FAQ entry's own question ("" for a guide passage)
    # The section's label (knowledge.labels): its heading, with its guide's title where
    # several guides answer; what logs and choices name it by ("" read as `section`).
    label: str = ""

    @property
    def named(self) -> str:
        """The section as logs name it: its label, else its heading."""
        return self.label or self.section

    @property
    def heading_path(self) -> str:
        """The heading path as one line: "Other Things … › How is AI changing quality
        control …?" (just the section when it is a top-level one)."""
        return " › ".join(self.headings or (self.section,))


@dataclass(frozen=True)
class Complaint:
    """The answer a message complained about ("that's wrong", "not helpful"): the question
    it answered (as read: a follow-up with its topic), the ids and sections of the passages
    it answered from and its confidence (0-1), for the log of answers marked not helpful."""

    question: str
    sources: tuple[str, ...]
    sections: tuple[str, ...]
    confidence: float = 0.0

    def to_dict(self) -> dict[str, object]:
        return {
            "question": self.question,
            "sources": list(self.sources),
            "sections": list(self.sections),
            "confidence": round(self.confidence, 4),
        }


@dataclass(frozen=True)
class Reply:
    """One turn's reply, as data: a front end lays these fields out, it never re-parses text.

    `answer` is the reply's own prose: the passage quoted (for an FAQ answer, without its
    question, which is `title`), the small-talk reply, or the sentence that asks back or
    declines, whose `choices` or `suggestions` are separate fields. `text` is all of it as one
    plain text. `notes` say how the question was read; `confidence` is the idf-weighted share
    of the question's terms found in the best passage (0-1; 1 for small talk and picks).

    A message that asks several questions gets one reply with a reply per question in `parts`
    (see `of_parts`): each part keeps its own question, notes, sources and see-also, its
    sources numbered on from the part before; the whole reply's `sources` (and `see_also`)
    hold all of them in that order, so a citation number means the same source in a part
    and in the whole reply, and a front end that knows nothing of parts still lists them.
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
    parts: tuple[Reply, ...] = ()  # for a message of several questions: a reply to each
    complaint: Complaint | None = None  # for a complaint: the answer of the turn before
    # The message as read leaning on the turn before, when it does: a follow-up with the
    # question it follows ("do you ship internationally? and to canada?"), a pick with the
    # question asked back ("requirements? — Admission"); "" when the message stands alone.
    read_as: str = ""

    @property
    def asked(self) -> str:
        """What was asked, for the log, `guidebot gaps` and feedback: `read_as`, else the
        message ("1" or "and to canada?" alone say nothing to whoever reads the log)."""
        return self.read_as or self.question

    @classmethod
    def of_parts(cls, question: str, parts: Sequence[Reply]) -> Reply:
        """One reply to a message asking several questions, from the reply to each: their
        sources renumbered on from the part before, `answer` every part's `cited_text`, the
        sources and "see also" of all parts together (front ends list them once). It is an
        answer when any part is; its confidence is the least of the answers'."""
        numbered: list[Reply] = []
        for part in parts:
            offset = sum(len(p.sources) for p in numbered)
            sources = tuple(replace(s, number=offset + s.number) for s in part.sources)
            numbered.append(replace(part, sources=sources))
        answers = [p for p in numbered if p.kind == "answer"]
        return cls(
            question=question,
            answer="\n\n".join(p.cited_text for p in numbered),
            kind="answer" if answers else numbered[-1].kind,
            abstained=all(p.abstained for p in numbered),
            confidence=min((p.confidence for p in answers), default=0.0),
            sources=tuple(s for p in numbered for s in p.sources),
            see_also=tuple(dict.fromkeys(s for p in numbered for s in p.see_also)),
            parts=tuple(numbered),
        )

    @property
    def quoted(self) -> tuple[Source, ...]:
        """The sources the answer quotes, which it answered from: its first, or for a reply
        of several parts the first of each part that answers; the others listed are shown
        beside it. () when it quotes none (asking back, declining, small talk)."""
        if self.parts:
            return tuple(p.sources[0] for p in self.parts if p.kind == "answer" and p.sources)
        return self.sources[:1] if self.kind == "answer" else ()

    @property
    def cited_text(self) -> str:
        """This reply as one part of a reply of several: the question it answers, then its
        `text` ending with the number of the source it quotes ("… [4]")."""
        mark = f" [{self.sources[0].number}]" if self.sources else ""
        return f"{PART_MARK}{self.question}\n{self.text}{mark}"

    @property
    def text(self) -> str:
        """The whole reply as plain text: title, answer, then numbered choices or bulleted
        suggestions, one per line (for a reply of several parts, each part's `cited_text`)."""
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
            "read_as": self.read_as,
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
                    "question": s.question,
                    "text": s.text,
                    "score": round(s.score, 4),
                }
                for s in self.sources
            ],
            "notes": list(self.notes),
            "choices": list(self.choices),
            "suggestions": list(self.suggestions),
            "see_also": list(self.see_also),
            "parts": [part.to_dict() for part in self.parts],
            "complaint": self.complaint.to_dict() if self.complaint else None,
        }
