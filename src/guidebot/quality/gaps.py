"""Questions guidebot could not answer, grouped into gaps to fill: similar wordings together,
most asked first (`group_questions`), and a starter FAQ file to write their answers in
(`starter_faq`). The log they come from is log.py's.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import yaml
from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from guidebot.dialogue.split import opens_a_question
from guidebot.knowledge.slugs import UniqueIds, slugify
from guidebot.quality.log import FEEDBACK, LogRecord, printable
from guidebot.search.analysis import STOP_WORDS

# How alike two questions' telling words (_telling_words, _alike) are, at or above which
# they are one gap. token_set_ratio over whole questions scored a wording held in a longer
# one at 100, the question words shared weighing most: "thanks! and how much is it?" and
# "how much is express and how long does it take?" were one gap, and an export made each
# the other's alternate. Over the 28 blind trials' questions grouped as a log would be, it
# made 239 groups of two or more, many unrelated ("where can i park" with "where can i
# hire a costume"); this, 120.
SIMILARITY = 80.0
TODO = "TODO"
_PRONOUN_I = re.compile(r"(?<![\w'\u2019-])i(?=$|[\s'\u2019,.?!;:])")


@dataclass(frozen=True)
class Gap:
    """Similar unanswered questions: the most common wording first, how often, when last."""

    question: str
    count: int
    wordings: tuple[str, ...]  # every distinct wording, most frequent first
    last_asked: str
    kinds: tuple[str, ...]
    # The sections answered from (feedback, and answers logged for low confidence or for
    # what they lacked), most often first, and the ids of the passages, likewise
    answered: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    comments: tuple[str, ...] = ()  # feedback: what people wrote, latest first
    # feedback: the sections named as the right ones, most often first
    right_sections: tuple[str, ...] = ()
    confidence: float | None = None  # the lowest of its logged answers' (0 to 1)
    lacks: tuple[str, ...] = ()  # what its answers lacked of the kind asked ("price")

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "question": self.question,
            "count": self.count,
            "wordings": list(self.wordings),
            "last_asked": self.last_asked,
            "kinds": list(self.kinds),
        }
        for name in ("answered", "sources", "comments", "right_sections"):
            if getattr(self, name):
                data[name] = list(getattr(self, name))
        if self.confidence is not None:
            data["confidence"] = self.confidence
        if self.lacks:
            data["lacks"] = list(self.lacks)
        return data


def split_feedback(
    records: Iterable[LogRecord],
) -> tuple[list[LogRecord], list[LogRecord], int]:
    """The unanswered questions, the answers marked not helpful, and how many were marked
    helpful: what `guidebot gaps` lists, side by side."""
    unanswered, unhelpful, helpful = [], [], 0
    for record in records:
        if record.kind != FEEDBACK:
            unanswered.append(record)
        elif record.helpful:
            helpful += 1
        else:
            unhelpful.append(record)
    return unanswered, unhelpful, helpful


def wording_key(text: str) -> str:
    """A question as groups compare wordings: letter case, punctuation and spacing aside
    (rapidfuzz default_process), apostrophes dropped first, so that "What's" is "whats"
    as people type it, not "what s"."""
    return default_process(text.replace("'", "").replace("\u2019", ""))


def group_questions(records: Iterable[LogRecord], threshold: float = SIMILARITY) -> list[Gap]:
    """Group similar questions (rapidfuzz token_sort_ratio of their telling words >=
    threshold), most asked first. Feedback records bring what was answered (sections,
    source ids) and comments along."""
    counts: Counter[str] = Counter()
    wording: dict[str, Counter[str]] = {}
    last: dict[str, str] = {}
    kinds: dict[str, set[str]] = {}
    answered: dict[str, list[LogRecord]] = {}
    for record in records:
        key = wording_key(record.question)
        if not key:
            continue
        counts[key] += 1
        wording.setdefault(key, Counter())[" ".join(record.question.split())] += 1
        last[key] = max(last.get(key, ""), record.time)
        kinds.setdefault(key, set()).add(record.kind)
        answered.setdefault(key, []).append(record)
    groups: list[list[str]] = []
    leaders: list[str] = []  # the telling words of each group's first question
    with_word: dict[str, list[int]] = {}  # word -> the leaders that have it, in order
    # Most frequent questions lead; ties go to the shorter (more general) wording. A leader
    # similar enough shares a telling word with the question (_blocking_keys), so each
    # question is compared with those (blocking) rather than with every leader: 10,000
    # distinct questions took 44 s compared pairwise.
    for key, _ in sorted(counts.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0])):
        tokens = _blocking_keys(key)
        near = (
            sorted({i for w in tokens for i in with_word.get(w, ())})
            if threshold > 0
            else list(range(len(leaders)))
        )
        telling = " ".join(_telling_words(key)) or key  # "is it ok" has none: all it says
        match = process.extractOne(
            telling,
            [leaders[i] for i in near],
            scorer=_alike,
            score_cutoff=threshold,
        )
        if match:
            groups[near[match[2]]].append(key)
        else:
            for word in tokens:
                with_word.setdefault(word, []).append(len(leaders))
            leaders.append(telling)
            groups.append([key])
    gaps = []
    for keys in groups:
        words: Counter[str] = Counter()
        for key in keys:
            words.update(wording[key])
        ordered = tuple(w for w, _ in sorted(words.items(), key=lambda kv: (-kv[1], kv[0])))
        said = sorted((r for k in keys for r in answered[k]), key=lambda r: r.time, reverse=True)
        gaps.append(
            Gap(
                question=ordered[0],
                count=sum(counts[k] for k in keys),
                wordings=ordered,
                last_asked=max(last[k] for k in keys),
                kinds=tuple(sorted(set().union(*(kinds[k] for k in keys)))),
                answered=_most_often(s for r in said for s in r.sections),
                sources=_most_often(s for r in said for s in r.sources),
                comments=tuple(dict.fromkeys(c for r in said if (c := printable(r.comment)))),
                right_sections=_most_often(s for r in said for s in r.right_sections),
                confidence=min((r.confidence for r in said if r.kind == "answer"), default=None),
                lacks=_most_often(r.lacks for r in said if r.lacks),
            )
        )
    gaps.sort(key=lambda g: g.question)
    gaps.sort(key=lambda g: g.last_asked, reverse=True)  # among equals, the latest first
    gaps.sort(key=lambda g: g.count, reverse=True)
    return gaps


_COMMON = frozenset(
    "what when where which with that this there have does your from about would could should "
    "will want need whats hows wheres whos thats theres much many".split()
)
_NOT_TELLING = _COMMON | STOP_WORDS  # made once: read for every word of every question


def _alike(one: str, other: str, *, score_cutoff: float | None = None, **_: object) -> float:
    """How alike two questions' telling words are (0-100): 100 when the two or more of one
    are all among the other's ("nurses earn" in "nurses earn texas": the same gap), else
    rapidfuzz token_sort_ratio. A single word held in a longer question ("parking" in
    "parking hospital") says too little, and two sharing words of how they ask ("long take"
    in "long day take" and "refund long take") are not the same gap."""
    mine, theirs = set(one.split()), set(other.split())
    if min(len(mine), len(theirs)) >= 2 and (mine <= theirs or theirs <= mine):
        return 100.0
    return fuzz.token_sort_ratio(one, other, score_cutoff=score_cutoff)


def _telling_words(question: str) -> list[str]:
    """The question's telling words, in order: three letters or more ("dog", "fee"), no
    stop word (search.analysis) and not among the most common question words."""
    return [w for w in question.split() if len(w) >= 3 and w not in _NOT_TELLING]


def _blocking_keys(question: str) -> set[str]:
    """The question's telling words (_telling_words), and their first three letters when
    there is only one: two questions of several words that are alike share a whole word;
    one word can be misspelt ("salry")."""
    telling = set(_telling_words(question))
    if len(telling) == 1:
        telling |= {f"{w[:3]}…" for w in telling}
    return telling or set(question.split())


def _most_often(items: Iterable[str]) -> tuple[str, ...]:
    counts = Counter(items)  # ties keep the order first seen: the latest record first
    return tuple(sorted(counts, key=lambda item: -counts[item]))


def starter_faq(gaps: Sequence[Gap], source: str) -> str:
    """An FAQ file with one entry per gap, `answer: TODO`; `guidebot check` rejects TODOs."""
    lines = [
        f"# Starter FAQ from {len(gaps)} groups of questions guidebot declined, answered with",
        "# little confidence or without the kind of answer asked, or answered in a way people",
        "# marked not helpful",
        f"# (exported from {source}).",
        "#",
        f"# Every answer says {TODO}: replace it with a short answer (2 to 4 sentences); if",
        "# it comes from a guide, add 'section:' with the exact heading. Some of these were",
        "# answered with little confidence and may be right already: delete the entries you",
        "# do not want. `guidebot check` reports every answer still left as TODO, so this",
        "# file cannot go live unfinished. See knowledge/README.md for the format.",
        "",
    ]
    used = UniqueIds()
    for gap in gaps:
        entry: dict[str, object] = {
            "id": _unique_id(gap.question, used),
            "question": _as_question(gap.question),
            "answer": TODO,
        }
        if len(gap.wordings) > 1:
            entry["alternates"] = list(gap.wordings[1:9])
        asked = "once" if gap.count == 1 else f"{gap.count} times"
        lines.append(f"# asked {asked}, last on {gap.last_asked[:10]}")
        said = "; ".join(printable(a) for a in gap.answered)
        if gap.confidence is not None and gap.answered:
            lines.append(f"# answered with confidence {gap.confidence:.2f} from: {said}")
        if gap.lacks:
            lines.append(f"# the answer gave no {' or '.join(gap.lacks)}")
        if gap.kinds == ("decline",):
            # Off-topic questions ("what's the weather") are declined too, and should stay so.
            lines.append(
                "# declined: answer it if your knowledge should; if not, delete it (naming"
                " its topic in scope.yaml keeps such questions out of gaps)"
            )
        if FEEDBACK in gap.kinds:
            if gap.answered:
                lines.append(f"# marked not helpful; answered from: {said}")
            if gap.right_sections:
                right = "; ".join(printable(s) for s in gap.right_sections)
                lines.append(f"# the right source, people said: {right}")
            lines += [f"# comment: {c}" for c in gap.comments[:3]]
        lines.append(
            yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=100).rstrip()
        )
        lines.append("")
    return "\n".join(lines)


def _as_question(text: str) -> str:
    """A logged wording as an FAQ entry's question: its first letter and the pronoun "i"
    in capitals, and a question mark when it opens like a question and ends in no stop
    ("can i bring my dog" is "Can I bring my dog?"). Its typos stay: the person answering
    knows what was meant, and its other wordings stay as typed."""
    text = _PRONOUN_I.sub("I", text.strip())
    text = text[:1].upper() + text[1:]
    if text and text[-1] not in ".?!" and opens_a_question(text):
        text += "?"
    return text


def _unique_id(question: str, used: UniqueIds) -> str:
    return used.of(slugify(question, fallback="question"))
