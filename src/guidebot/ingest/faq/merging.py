"""Rules every FAQ input goes through once read:

- rows that give the same answer become one entry, the later questions its alternates (how
  a sheet with one row per wording says "these are one question"). Answers of a few words
  ("Yes.", "No, sorry.") are not merged: different questions share them by chance. Rows
  with an id or an export key of their own are entries of their own and stay apart; the
  metadata of rows made one is merged (a Category of each);
- one question with two different answers is a warning naming both lines; the first answer
  is kept and the later wording left out (an entry left with no wording goes, and so do the
  follow-up links to it).
"""

from __future__ import annotations

from guidebot.ingest.faq.rows import Row, question_key

MIN_MERGED_WORDS = 4  # an answer this long or longer is no coincidence when it repeats


def combine(rows: list[Row]) -> tuple[list[Row], list[str]]:
    """The entries rows make under the rules above, and the warnings."""
    entries: list[Row] = []
    by_answer: dict[tuple[object, ...], Row] = {}
    asked: dict[str, Row] = {}  # question_key of each wording kept -> its entry
    dropped: set[str] = set()
    warnings: list[str] = []
    for row in rows:
        answer = " ".join(row.answer.split())
        wordings = []
        for text in [row.question, *row.alternates]:
            earlier = asked.get(question_key(text))
            if earlier is not None and " ".join(earlier.answer.split()) != answer:
                warnings.append(_two_answers(text, earlier.where, row.where))
            else:
                wordings.append(text)
        if not wordings:
            if row.key:
                dropped.add(row.key)
            continue
        group = _group(row, answer)
        entry = by_answer.get(group) if group else None
        if entry is None:
            row.question, row.alternates = wordings[0], wordings[1:]
            entries.append(row)
            entry = row
            if group:
                by_answer[group] = row
        if entry is not row:
            entry.metadata = _merged(entry.metadata, row.metadata)
        known = {question_key(t) for t in [entry.question, *entry.alternates]}
        for text in wordings:
            if question_key(text) not in known:
                entry.alternates.append(text)
                known.add(question_key(text))
            asked.setdefault(question_key(text), entry)
    for entry in entries:
        entry.follow_ups = [k for k in entry.follow_ups if k not in dropped]
    return entries, warnings


def _group(row: Row, answer: str) -> tuple[object, ...] | None:
    """What rows must share to become one entry; None for a row that stays on its own."""
    if row.id or row.key or row.follow_ups or len(answer.split()) < MIN_MERGED_WORDS:
        return None
    return (answer, row.section, row.guide)


def _merged(kept: dict[str, str], more: dict[str, str]) -> dict[str, str]:
    """The metadata of rows made one entry: each name's different values joined by "; "
    (a Category of "Fees" and one of "Membership" are both kept)."""
    merged = dict(kept)
    for name, value in more.items():
        values = merged[name].split("; ") if name in merged else []
        merged[name] = "; ".join([*values, value]) if value not in values else merged[name]
    return merged


def _two_answers(question: str, first: str, later: str) -> str:
    file, _, first_line = first.rpartition(":")
    later_file, _, later_line = later.rpartition(":")
    lines = (
        f"lines {first_line} and {later_line}"
        if file == later_file and first_line.isdigit()
        else f"{first} and {later}"
    )
    return f"{later}: the question '{question}' has two answers ({lines}); kept the first"
