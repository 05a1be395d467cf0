"""What a conversation remembers between turns: plain data, so a transcript can be saved and
resumed, and a web client can carry it (web.state checks what comes back)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field

from guidebot.reply import Complaint, Reply
from guidebot.search.results import Hit


@dataclass
class ConversationState:
    """The topic a follow-up goes on from, the choices a clarifying question offered, and the
    answer just given, for a complaint about it (Reply.complaint; empty after any other
    reply). `answered_question` is that answer's question as read: a follow-up with the
    topic it goes on from, a pick as the question asked back, a message of several
    questions whole. `base_question` is the topic as it stood before the last messages that
    only offered another thing for it ("and slack?" read on its own): what the next such
    message goes on from (alternatives.alternative)."""

    topic_terms: dict[str, float] = field(default_factory=dict)
    topic_question: str = ""
    pending_question: str = ""
    pending_choices: list[str] = field(default_factory=list)
    answered_question: str = ""
    answered_sources: list[str] = field(default_factory=list)
    answered_sections: list[str] = field(default_factory=list)
    answered_confidence: float = 0.0
    base_question: str = ""

    def complaint(self) -> Complaint | None:
        """What a complaint ("that's wrong", "not helpful") is about: the answer just given,
        if the turn before was one."""
        if not self.answered_question:
            return None
        return Complaint(
            self.answered_question,
            tuple(self.answered_sources),
            tuple(self.answered_sections),
            self.answered_confidence,
        )

    def quoted_first(self, hit: Hit | None) -> bool:
        """Whether the answer just given quoted the hit's passage first."""
        return hit is not None and self.answered_sources[:1] == [hit.passage.id]

    def answered(self, reply: Reply) -> None:
        """Keep what a complaint about this turn's reply would name, if it is an answer: the
        ids and sections of the sources it quoted (Reply.quoted) and its confidence, beside
        the question as read (set when the answer was chosen), else forget the last answer."""
        if reply.kind != "answer":
            self.answered_question, self.answered_confidence = "", 0.0
            self.answered_sources, self.answered_sections = [], []
            return
        if reply.parts or not self.answered_question:
            self.answered_question = reply.question
        self.answered_sources = [s.id for s in reply.quoted]
        self.answered_sections = list(dict.fromkeys(s.named for s in reply.quoted))
        self.answered_confidence = reply.confidence

    def remember(
        self,
        question: str,
        terms: Iterable[str],
        weight: float,
        on_from: tuple[str, Mapping[str, float]] | None = None,
        alternative: bool = False,
    ) -> None:
        """Keep a turn's search terms, each at `weight`, as the topic the next goes on from.
        A follow-up read `on_from` a topic (its question and weighted terms) keeps that
        topic, its terms fading by the weight; a question that only offers another thing
        (`alternative`) leaves the base as it was."""
        kept = {t: weight for t in terms}
        topic = question
        if on_from is not None:
            topic = on_from[0]
            for term, old in on_from[1].items():
                kept.setdefault(term, old * weight)
        # The question as it was read, for the log should someone complain of the answer:
        # "and online?" goes on from the topic; a pick answers the question asked back.
        self.answered_question = f"{topic} {question}" if on_from is not None else question
        self.topic_question = topic
        if not alternative:
            self.base_question = topic
        self.topic_terms = kept

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> ConversationState:
        return cls(
            topic_terms={str(k): float(v) for k, v in dict(data.get("topic_terms", {})).items()},
            topic_question=str(data.get("topic_question", "")),
            pending_question=str(data.get("pending_question", "")),
            pending_choices=[str(c) for c in data.get("pending_choices", [])],
            answered_question=str(data.get("answered_question", "")),
            answered_sources=[str(c) for c in data.get("answered_sources", [])],
            answered_sections=[str(c) for c in data.get("answered_sections", [])],
            answered_confidence=float(data.get("answered_confidence", 0.0)),
            base_question=str(data.get("base_question", "")),
        )
