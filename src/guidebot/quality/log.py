"""The log of questions guidebot could not answer and of answers people marked: JSON Lines,
one record a line, written whole or not at all.

Any front end records a turn with `record_unanswered(reply)`; it appends one line only when
the reply is a decline, an answer below LOW_CONFIDENCE or one lacking the kind of answer
asked (lacking.py: no price for "how much"), or complains about the answer before it
(Reply.complaint, logged as that answer marked not helpful), and never raises for a log it
cannot write (a note comes back instead). `record_feedback` adds a person's verdict on an
answer (kind "feedback": helpful or not, the sources answered, a comment). `read_log`
reads it back. Separating and grouping them into gaps to fill is gaps.py's job.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from guidebot.errors import InputError
from guidebot.knowledge.yamlsource import ESCAPE
from guidebot.locations import unanswered_log
from guidebot.reply import LOW_CONFIDENCE, Reply

ENV_NO_LOG = "GUIDEBOT_NO_LOG"
FEEDBACK = "feedback"  # the kind of a record_feedback record


@dataclass(frozen=True)
class LogRecord:
    """One logged turn, as stored: time (UTC, ISO 8601), question, kind, confidence, score,
    and the knowledge folder asked (its absolute path; "" in records from before it was
    kept).

    A feedback record (kind FEEDBACK) also has `helpful`, the ids and sections of the
    sources the judged reply answered from, and the person's comment ("" for none); a
    low-confidence answer has the ids and sections of the sources it quoted, and an answer
    lacking the kind asked names it in `lacks` ("price"; lacking.NAMES)."""

    time: str
    question: str
    kind: str
    confidence: float
    score: float | None = None
    guides: tuple[str, ...] = ()
    helpful: bool | None = None
    sources: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    comment: str = ""
    knowledge: str = ""
    # feedback: the source a person named as the one that should have answered, and its section
    right: tuple[str, ...] = ()
    right_sections: tuple[str, ...] = ()
    lacks: str = ""

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "time": self.time,
            "question": printable(self.question),
            "kind": self.kind,
            "confidence": self.confidence,
            "score": self.score,
        }
        if self.guides:
            data["guides"] = list(self.guides)
        if self.knowledge:
            data["knowledge"] = self.knowledge
        if self.kind == FEEDBACK:
            data["helpful"] = self.helpful
        if self.kind == FEEDBACK or self.sources:
            data["sources"] = list(self.sources)
            data["sections"] = list(self.sections)
        if self.kind == FEEDBACK:
            data["comment"] = printable(self.comment)
        if self.right:
            data["right"] = list(self.right)
            data["right_sections"] = list(self.right_sections)
        if self.lacks:
            data["lacks"] = self.lacks
        return data


def logging_disabled() -> bool:
    """True when $GUIDEBOT_NO_LOG is set to anything but '', '0', 'false' or 'no'."""
    return os.environ.get(ENV_NO_LOG, "").strip().lower() not in {"", "0", "false", "no"}


def is_unanswered(reply: Reply, low_confidence: float = LOW_CONFIDENCE) -> bool:
    """A decline, or an answer that found less than low_confidence of the question or
    lacks the kind of answer it asks for (lacking.lacks)."""
    if reply.kind == "decline":
        return True
    return reply.kind == "answer" and (reply.confidence < low_confidence or bool(lacking(reply)))


def lacking(reply: Reply) -> str:
    """What an answer lacks of the kind asked (lacking.lacks), "" for any other reply."""
    # Answer kinds load the search stage (numpy): the chat app's first frame does not wait.
    from guidebot.quality.lacking import reply_lacks

    return reply_lacks(reply) if reply.kind == "answer" else ""


def record_unanswered(
    reply: Reply,
    guides: Sequence[str] = (),
    path: Path | None = None,
    now: datetime | None = None,
    knowledge: str = "",
) -> str | None:
    """Append reply to the log if it went unanswered; return a note if the log is unwritable.
    A complaint about the answer before it ("that's wrong", also opening a new question) is
    appended as a verdict on that answer: not helpful, the message its comment.

    Does nothing when logging_disabled(). `path` defaults to locations.unanswered_log();
    `knowledge` is the folder asked (KnowledgeBase.root), kept so `guidebot gaps` can tell
    folders apart.
    """
    about, note = reply.complaint, None
    if about is not None:
        note = record_feedback(
            about.question,
            helpful=False,
            sources=about.sources,
            sections=about.sections,
            comment=reply.question,
            confidence=about.confidence,
            guides=guides,
            path=path,
            now=now,
            knowledge=knowledge,
        )
    if logging_disabled() or not is_unanswered(reply) or not reply.question.strip():
        return note
    record = LogRecord(
        time=(now or datetime.now(UTC)).isoformat(timespec="seconds"),
        question=reply.asked,
        kind=reply.kind,
        confidence=round(reply.confidence, 4),
        score=round(reply.sources[0].score, 4) if reply.sources else None,
        guides=tuple(guides),
        # What a low-confidence answer quoted (a decline quotes none), for `guidebot gaps`.
        sources=tuple(s.id for s in reply.quoted),
        sections=tuple(dict.fromkeys(s.named for s in reply.quoted)),
        knowledge=folder(knowledge),
        lacks=lacking(reply),
    )
    return _write(record, path) or note


def record_feedback(
    question: str,
    helpful: bool,
    sources: Sequence[str] = (),
    sections: Sequence[str] = (),
    comment: str = "",
    confidence: float = 0.0,
    guides: Sequence[str] = (),
    path: Path | None = None,
    now: datetime | None = None,
    knowledge: str = "",
    right: Sequence[str] = (),
    right_sections: Sequence[str] = (),
) -> str | None:
    """Append a person's verdict on a reply to the log (a FEEDBACK record): the question,
    whether the reply helped, the ids and sections of the sources it answered from, the
    source they named as the right one (`right`, its section `right_sections`) and their
    comment. Returns a note if the log is unwritable; nothing when logging_disabled().
    """
    if logging_disabled():
        return None
    record = LogRecord(
        time=(now or datetime.now(UTC)).isoformat(timespec="seconds"),
        question=question,
        kind=FEEDBACK,
        confidence=round(confidence, 4),
        guides=tuple(guides),
        helpful=helpful,
        sources=tuple(sources),
        sections=tuple(sections),
        comment=comment,
        knowledge=folder(knowledge),
        right=tuple(right),
        right_sections=tuple(right_sections),
    )
    return _write(record, path)


def folder(knowledge: str | Path) -> str:
    """A knowledge folder as the log keeps it: its absolute path ("" stays "")."""
    return str(Path(knowledge).resolve()) if str(knowledge) else ""


def _write(record: LogRecord, path: Path | None) -> str | None:
    target = path or unanswered_log()
    line = json.dumps(record.to_dict(), ensure_ascii=False) + "\n"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        append_record(target, line.encode("utf-8"))
    except OSError as error:
        reason = error.strerror or str(error)
        if (blocked := _file_in_the_way(target)) is not None:
            reason = f"{blocked} is a file, not a folder ({_DATA_DIR_HINT})"
        return f"could not write the unanswered-questions log {target}: {reason}"
    return None


_DATA_DIR_HINT = "is GUIDEBOT_DATA_DIR right?"


def _file_in_the_way(target: Path) -> Path | None:
    """The first folder on the log's way that is a file instead, if one is."""
    return next((p for p in reversed(target.parents) if p.exists() and not p.is_dir()), None)


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
    from guidebot.quality.lacking import read_lack  # as lacking(): not for start-up

    target = path or unanswered_log()
    if (blocked := _file_in_the_way(target)) is not None:
        raise InputError(f"{target}: {blocked} is a file, not a folder ({_DATA_DIR_HINT})")
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
                    question=printable(str(data["question"])),
                    kind=str(data.get("kind", "")),
                    confidence=float(data.get("confidence") or 0.0),
                    score=None if data.get("score") is None else float(data["score"]),
                    guides=tuple(_controls_out(str(g)) for g in data.get("guides") or ()),
                    helpful=None if data.get("helpful") is None else bool(data["helpful"]),
                    sources=tuple(_controls_out(str(s)) for s in data.get("sources") or ()),
                    sections=tuple(_controls_out(str(s)) for s in data.get("sections") or ()),
                    comment=printable(str(data.get("comment") or "")),
                    knowledge=_controls_out(str(data.get("knowledge") or "")),
                    right=tuple(_controls_out(str(s)) for s in data.get("right") or ()),
                    right_sections=tuple(
                        _controls_out(str(s)) for s in data.get("right_sections") or ()
                    ),
                    lacks=read_lack(data),
                )
            )
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
            notes.append(f"{target}:{number}: not a log record, skipped")
    return records, notes


def printable(text: str) -> str:
    """Text as the log keeps it and gives it back: control and format characters (a
    terminal's escape sequences, dropped whole; a right-to-left override, a zero-width
    space) turned to spaces and white space collapsed. A log is written by a web server
    from anyone's requests, and what `guidebot gaps` reads from it reaches terminals and
    FAQ files."""
    return " ".join(_controls_out(text, " ").split())


def _controls_out(text: str, space: str = "") -> str:
    """A name kept as the log gives it (a folder, an id, a heading), spacing and all, so
    that it still matches what it names; only control and format characters are dropped
    (each turned to `space`), an escape sequence whole ("\x1b[2J", not only its ESC)."""
    return "".join(ch if ch.isprintable() else space for ch in ESCAPE.sub("", text))
