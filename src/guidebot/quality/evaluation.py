"""Runs evaluation cases through a Bot and measures what a person would notice."""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace

from guidebot.bot import Bot
from guidebot.errors import EvalSetError, Problem
from guidebot.knowledge.passages import heading_slug
from guidebot.quality.evalset import Case
from guidebot.reply import Reply

MRR_DEPTH = 10


@dataclass(frozen=True)
class Outcome:
    """How the bot did on one case: the rank of the first right source (0: none), and the reply."""

    case: Case
    kind: str
    rank: int
    got: str
    seconds: float

    @property
    def correct(self) -> bool:
        return self.rank == 1 if self.case.expect == "answer" else self.kind == self.case.expect


@dataclass
class Report:
    """The figures `guidebot eval` prints; failures list what to fix."""

    cases: int = 0
    top1: float | None = None  # None: no case of that kind
    top3: float | None = None  # None: no case of that kind
    mrr: float | None = None  # None: no case of that kind
    answerable: int = 0
    wrongly_declined: float | None = None  # None: no case of that kind
    decline_precision: float | None = None  # None: no case of that kind
    decline_recall: float | None = None  # None: no case of that kind
    smalltalk_accuracy: float | None = None  # None: no case of that kind
    clarify_accuracy: float | None = None  # None: no case of that kind
    followup_accuracy: float | None = None  # None: no case of that kind
    single_accuracy: float | None = None  # None: no case of that kind
    latency_p50_ms: float = 0.0
    latency_p95_ms: float = 0.0
    failures: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def resolve_cases(
    bot: Bot, cases: Sequence[Case], shown: str, allow_missing: bool = False
) -> list[Case]:
    """Turn section keys (a passage id without its number, e.g. guide/section-slug) into
    headings, and refuse cases naming sections that do not exist: they would measure nothing.

    Evaluation files name sections by key rather than heading so that no heading text, which
    the knowledge also holds, stands in them (leakcheck.py would rightly call that a copy).
    A key whose guide is not in the knowledge matches the one section of any guide with the
    same heading slug: the same article brought in by `guidebot ingest` gets another guide
    slug, and the dev set then measures it too. Passage ids are matched the same way.
    With allow_missing, a section the knowledge lacks is kept as written (no source can
    match it, so its case counts as a miss) instead of being refused: an imported article
    may have left out an empty heading the cases were written against.
    """
    headings = {p.section: p.section for p in bot.passages}
    # A key names its guide's section: its label (knowledge.labels), which is the heading
    # unless several guides answer, so that an answer from another guide's "Prices" misses.
    label = bot.retriever.labels.of
    keys = {p.id.rsplit("/", 1)[0]: label(p) for p in bot.passages if p.kind == "guide"}
    # A parent heading (one whose only content is sub-headings) has no passage of its own;
    # a case naming it is answered by any section under it.
    keys |= {
        f"{p.guide}/{heading_slug(parent)}": parent
        for p in bot.passages
        if p.kind == "guide"
        for parent in p.headings[:-1]
    }
    headings |= keys
    headings |= _unique_by_tail(keys)
    passages = {p.id: p.id for p in bot.passages} | _unique_by_tail(
        {p.id: p.id for p in bot.passages if p.kind == "guide"}
    )
    problems = [
        Problem(shown, c.line, f"case {c.id}: no section '{s}' in the knowledge")
        for c in cases
        for s in c.sections
        if _find(headings, s) is None
    ]
    if problems and not allow_missing:
        raise EvalSetError(problems)
    return [
        replace(
            c,
            sections=tuple(_find(headings, s) or s for s in c.sections),
            passage=(_find(passages, c.passage) or c.passage) if c.passage else c.passage,
        )
        for c in cases
    ]


def _unique_by_tail(by_key: dict[str, str]) -> dict[str, str]:
    """The same mapping keyed by what follows the guide slug ("section-slug[/n]"), for the
    tails that only one guide has."""
    tails: dict[str, list[str]] = {}
    for key, value in by_key.items():
        if "/" in key:
            tails.setdefault(key.split("/", 1)[1], []).append(value)
    return {f"*/{tail}": values[0] for tail, values in tails.items() if len(values) == 1}


def _find(table: dict[str, str], key: str) -> str | None:
    """The entry for key, else for its tail in any one guide."""
    if key in table:
        return table[key]
    return table.get(f"*/{key.split('/', 1)[1]}") if "/" in key else None


def evaluate(bot: Bot, cases: Sequence[Case], progress: Callable[[], None] | None = None) -> Report:
    """Run every case in a fresh conversation and summarise."""
    outcomes = []
    for case in cases:
        outcomes.append(run_case(bot, case))
        if progress:
            progress()
    return summarise(outcomes)


def run_case(bot: Bot, case: Case) -> Outcome:
    conversation = bot.conversation()
    for turn in case.turns[:-1]:
        conversation.ask(turn)
    start = time.perf_counter()
    reply = conversation.ask(case.turns[-1])
    seconds = time.perf_counter() - start
    return Outcome(case, reply.kind, _rank(case, reply), _describe(reply), seconds)


def summarise(outcomes: Sequence[Outcome]) -> Report:
    answerable = [o for o in outcomes if o.case.expect == "answer"]
    singles = [o for o in outcomes if not o.case.is_conversation]
    conversations = [o for o in outcomes if o.case.is_conversation]
    declined = [o for o in outcomes if o.kind == "decline"]
    should_decline = [o for o in outcomes if o.case.expect == "decline"]
    times = sorted(o.seconds * 1000 for o in outcomes)
    return Report(
        cases=len(outcomes),
        top1=_share(answerable, lambda o: o.rank == 1),
        top3=_share(answerable, lambda o: 0 < o.rank <= 3),
        mrr=statistics.fmean([1 / o.rank if o.rank else 0.0 for o in answerable])
        if answerable
        else 0.0,
        answerable=len(answerable),
        wrongly_declined=_share(answerable, lambda o: o.kind == "decline"),
        decline_precision=_share(declined, lambda o: o.case.expect == "decline"),
        decline_recall=_share(should_decline, lambda o: o.kind == "decline"),
        smalltalk_accuracy=_share(
            [o for o in outcomes if o.case.expect == "smalltalk"], lambda o: o.correct
        ),
        clarify_accuracy=_share(
            [o for o in outcomes if o.case.expect == "clarify"], lambda o: o.correct
        ),
        followup_accuracy=_share(conversations, lambda o: o.correct),
        single_accuracy=_share(singles, lambda o: o.correct),
        latency_p50_ms=_percentile(times, 50),
        latency_p95_ms=_percentile(times, 95),
        failures=[_failure(o) for o in outcomes if not o.correct],
    )


def _rank(case: Case, reply: Reply) -> int:
    if case.expect != "answer" or reply.kind != "answer":
        return 0
    for source in reply.sources[:MRR_DEPTH]:
        right_section = (
            source.section in case.sections
            or source.named in case.sections  # its label, what section keys resolve to
            or any(heading in case.sections for heading in source.headings)
        )
        right_passage = not case.passage or source.id == case.passage
        right_figure = not case.figure or re.search(case.figure, source.text)
        if right_section and right_passage and right_figure:
            return source.number
    return 0


def _describe(reply: Reply) -> str:
    if reply.kind == "answer" and reply.sources:
        return f"answer: {reply.sources[0].section} ({reply.sources[0].id})"
    if reply.kind == "clarify":
        return "clarify: " + " | ".join(reply.choices)
    return reply.kind


def _failure(o: Outcome) -> dict[str, str]:
    expected = o.case.expect
    if expected == "answer":
        expected = " or ".join(o.case.sections) + (f" [{o.case.figure}]" if o.case.figure else "")
        expected += f" ({o.case.passage})" if o.case.passage else ""
    return {
        "id": o.case.id,
        "question": " → ".join(o.case.turns),
        "expected": expected,
        "got": o.got,
    }


def _share(items: Sequence[Outcome], good: Callable[[Outcome], bool]) -> float | None:
    return sum(1 for o in items if good(o)) / len(items) if items else None


def _percentile(sorted_values: Sequence[float], pct: float) -> float:
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, round(pct / 100 * (len(sorted_values) - 1)))
    return sorted_values[index]
