"""Amazon QnABot exports: {"qna": [{"qid": "...", "q": ["...", ...], "a": "...", "t": ...}]}.

The first of `q` is the question and the rest its alternates; `a` is the answer. The qid
becomes the entry's id when it makes one once slugged ("Bikes.Rental-1" -> "bikes-rental-1");
the qid as written goes into metadata whenever the id differs from it, so nothing is lost.
The topic `t` is kept in metadata too. Items of another type (quizzes, slot types) are left
out with a note.
"""

from __future__ import annotations

from typing import Any

from guidebot.errors import InputError
from guidebot.ingest.faq.rows import (
    Row,
    answer_text,
    item_at,
    one_line,
    raise_problems,
    wordings_of,
)
from guidebot.knowledge.slugs import slugify

FORM = "an Amazon QnABot export"


def is_qnabot(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("qna"), list)


def read_qnabot(data: dict[str, Any], shown: str) -> tuple[list[Row], list[str]]:
    """Rows of a QnABot export and notes; InputError lists every item that cannot be used."""
    rows: list[Row] = []
    problems: list[str] = []
    other_types: dict[str, int] = {}
    first_at: dict[str, str] = {}
    for number, item in enumerate(data["qna"], start=1):
        where = item_at(shown, item, number)
        if not isinstance(item, dict):
            problems.append(f"{where}: each item of 'qna' must be an object with qid, q and a")
            continue
        kind = one_line(item.get("type")) or "qna"
        if kind != "qna":
            other_types[kind] = other_types.get(kind, 0) + 1
            continue
        qid = one_line(item.get("qid"))
        wordings = wordings_of(item.get("q"))
        answer = answer_text(item.get("a"))
        if not qid:
            problems.append(f"{where}: the item has no qid")
        elif qid in first_at:
            problems.append(f"{where}: qid '{qid}' is used again (first at {first_at[qid]})")
        elif not wordings:
            problems.append(f"{where}: qid '{qid}' has no questions (q: [\"...\"])")
        elif not answer:
            problems.append(f"{where}: qid '{qid}' has no answer (a: \"...\")")
        else:
            first_at[qid] = where
            rows.append(_row(where, qid, wordings, answer, item))
    raise_problems(problems)
    if not rows and not other_types:
        raise InputError(f"{shown}: the 'qna' list is empty")
    skipped = ", ".join(f"{n} of type '{k}'" for k, n in sorted(other_types.items()))
    return rows, [f"{shown}: left out items that are not questions: {skipped}"] if skipped else []


def _row(where: str, qid: str, wordings: list[str], answer: str, item: dict[str, Any]) -> Row:
    entry_id = slugify(qid, words=20, fallback="")
    metadata = {"qid": qid} if entry_id != qid else {}
    topic = one_line(item.get("t"))
    if topic:
        metadata["topic"] = topic
    return Row(where, wordings[0], answer, wordings[1:], id=entry_id, key=qid, metadata=metadata)
