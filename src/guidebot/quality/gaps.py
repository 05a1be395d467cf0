"""Questions guidebot could not answer: a local JSON Lines log, grouped into gaps to fill.

Any front end records a turn with `record_unanswered(reply)`; it appends one line only when
the reply is a decline or an answer below LOW_CONFIDENCE, and never raises for a log it
cannot write (a note comes back instead). `read_log` and `group_questions` turn the log into
`Gap`s, most asked first; `starter_faq` writes them as an FAQ file to fill in.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from guidebot.errors import InputError
from guidebot.knowledge.slugs import slugify, unique
from guidebot.locations import unanswered_log
from guidebot.reply import Reply

ENV_NO_LOG = "GUIDEBOT_NO_LOG"
LOW_CONFIDENCE = 0.5  # answers below this share of the question found are logged as gaps
SIMILARITY = 80.0  # rapidfuzz token_set_ratio at or above which two questions are one gap
TODO = "TODO"


@dataclass(frozen=True)
class LogRecord:
    """One logged turn, as stored: time (UTC, ISO 8601), question, kind, confidence, score."""

    time: str
    question: str
    kind: str
    confidence: float
    score: float | None = None
    guides: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "time": self.time,
            "question": self.question,
            "kind": self.kind,
            "confidence": self.confidence,
            "score": self.score,
        }
        if self.guides:
            data["guides"] = list(self.guides)
        return data


@dataclass(frozen=True)
class Gap:
    """Similar unanswered questions: the most common wording first, how often, when last."""

    question: str
    count: int
    wordings: tuple[str, ...]  # every distinct wording, most frequent first
    last_asked: str
    kinds: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "question": self.question,
            "count": self.count,
            "wordings": list(self.wordings),
            "last_asked": self.last_asked,
            "kinds": list(self.kinds),
        }


def logging_disabled() -> bool:
    """True when $GUIDEBOT_NO_LOG is set to anything but '', '0', 'false' or 'no'."""
    return os.environ.get(ENV_NO_LOG, "").strip().lower() not in {"", "0", "false", "no"}


def is_unanswered(reply: Reply, low_confidence: float = LOW_CONFIDENCE) -> bool:
    """A decline, or an answer that found less than low_confidence of the question."""
    if reply.kind == "decline":
        return True
    return reply.kind == "answer" and reply.confidence < low_confidence


def record_unanswered(
    reply: Reply,
    guides: Sequence[str] = (),
    path: Path | None = None,
    now: datetime | None = None,
) -> str | None:
    """Append reply to the log if it went unanswered; return a note if the log is unwritable.

    Does nothing when logging_disabled(). `path` defaults to locations.unanswered_log().
    """
    if logging_disabled() or not is_unanswered(reply) or not reply.question.strip():
        return None
    record = LogRecord(
        time=(now or datetime.now(UTC)).isoformat(timespec="seconds"),
        question=reply.question,
        kind=reply.kind,
        confidence=round(reply.confidence, 4),
        score=round(reply.sources[0].score, 4) if reply.sources else None,
        guides=tuple(guides),
    )
    target = path or unanswered_log()
    line = json.dumps(record.to_dict(), ensure_ascii=False) + "\n"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        append_record(target, line.encode("utf-8"))
    except OSError as error:
        return f"could not write the unanswered-questions log {target}: {error.strerror or error}"
    return None


def append_record(path: Path, record: bytes) -> None:
    """Append one record (a line) whole or not at all, starting on a fresh line.

    One write with O_APPEND, so records of several processes never interleave; a record
    cut short (a full disk) is cut off again, so the next one is not glued to half of it;
    and if an earlier crash left a line unfinished, this record starts on a line of its own.
    Raises OSError when the record could not be written."""
    fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            record = b"\n" + record
        try:
            written = os.write(fd, record)
            if written != len(record):
                raise OSError(errno.ENOSPC, "no space left for the whole record")
        except OSError:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, size)
            raise
    finally:
        os.close(fd)


def read_log(path: Path | None = None) -> tuple[list[LogRecord], list[str]]:
    """Every record in the log (none if it does not exist yet) and notes on unreadable lines."""
    target = path or unanswered_log()
    if not target.is_file():
        return [], []
    records: list[LogRecord] = []
    notes: list[str] = []
    try:
        text = target.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        raise InputError(f"{target}: cannot read the log ({error.strerror or error})") from None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            records.append(
                LogRecord(
                    time=str(data["time"]),
                    question=str(data["question"]),
                    kind=str(data.get("kind", "")),
                    confidence=float(data.get("confidence") or 0.0),
                    score=None if data.get("score") is None else float(data["score"]),
                    guides=tuple(data.get("guides") or ()),
                )
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            notes.append(f"{target}:{number}: not a log record, skipped")
    return records, notes


def group_questions(records: Iterable[LogRecord], threshold: float = SIMILARITY) -> list[Gap]:
    """Group similar questions (rapidfuzz token_set_ratio >= threshold), most asked first."""
    counts: Counter[str] = Counter()
    wording: dict[str, Counter[str]] = {}
    last: dict[str, str] = {}
    kinds: dict[str, set[str]] = {}
    for record in records:
        key = default_process(record.question)
        if not key:
            continue
        counts[key] += 1
        wording.setdefault(key, Counter())[" ".join(record.question.split())] += 1
        last[key] = max(last.get(key, ""), record.time)
        kinds.setdefault(key, set()).add(record.kind)
    groups: list[list[str]] = []
    leaders: list[str] = []
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
        match = process.extractOne(
            key, [leaders[i] for i in near], scorer=fuzz.token_set_ratio, score_cutoff=threshold
        )
        if match:
            groups[near[match[2]]].append(key)
        else:
            for word in tokens:
                with_word.setdefault(word, []).append(len(leaders))
            leaders.append(key)
            groups.append([key])
    gaps = []
    for keys in groups:
        words: Counter[str] = Counter()
        for key in keys:
            words.update(wording[key])
        ordered = tuple(w for w, _ in sorted(words.items(), key=lambda kv: (-kv[1], kv[0])))
        gaps.append(
            Gap(
                question=ordered[0],
                count=sum(counts[k] for k in keys),
                wordings=ordered,
                last_asked=max(last[k] for k in keys),
                kinds=tuple(sorted(set().union(*(kinds[k] for k in keys)))),
            )
        )
    gaps.sort(key=lambda g: g.question)
    gaps.sort(key=lambda g: g.last_asked, reverse=True)  # among equals, the latest first
    gaps.sort(key=lambda g: g.count, reverse=True)
    return gaps


_COMMON = frozenset(
    "what when where which with that this there have does your from about would could should "
    "will want need".split()
)


def _blocking_keys(question: str) -> set[str]:
    """The question's telling words (four letters or more, not among the most common
    question words), and their first three letters when there is only one: two questions of
    several words that are alike share a whole word; one word can be misspelt ("salry")."""
    telling = {w for w in question.split() if len(w) >= 4 and w not in _COMMON}
    if len(telling) == 1:
        telling |= {f"{w[:3]}…" for w in telling}
    return telling or set(question.split())


def starter_faq(gaps: Sequence[Gap], source: str) -> str:
    """An FAQ file with one entry per gap, `answer: TODO`; `guidebot check` rejects TODOs."""
    lines = [
        f"# Starter FAQ from {len(gaps)} groups of questions guidebot could not answer",
        f"# (exported from {source}).",
        "#",
        f"# Every answer says {TODO}: replace it with 2 to 4 sentences from the guide, add",
        "# 'section:' with the exact heading the answer comes from, and delete the entries",
        "# you do not want. `guidebot check` reports every answer still left as TODO, so",
        "# this file cannot go live unfinished. See knowledge/README.md for the format.",
        "",
    ]
    used: set[str] = set()
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
        lines.append(
            yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=100).rstrip()
        )
        lines.append("")
    return "\n".join(lines)


def _as_question(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:]


def _unique_id(question: str, used: set[str]) -> str:
    return unique(slugify(question, fallback="question"), used)
