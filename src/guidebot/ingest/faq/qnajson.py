"""QnA Maker knowledge bases as JSON: what its "download knowledge base" API returns
({"qnaDocuments": [...]}) and what its create call takes ({"qnaList": [...]}).

Each item: "id", "answer", "questions" (the first the question, the rest alternates),
"source", "metadata" (a list of {"name", "value"}) and "context" with "isContextOnly" and
"prompts" (a list of {"displayOrder", "qnaId", "displayText"}). As for the TSV export
(qnamaker.py), the id is the entry's key, prompts become follow_ups, and metadata, source
and isContextOnly go into the entry's metadata. A prompt that holds its own question and
answer ("qna") instead of pointing at an id is left out with a note.
"""

from __future__ import annotations

from typing import Any

from guidebot.errors import InputError
from guidebot.ingest.faq.rows import (
    Row,
    answer_text,
    in_display_order,
    item_at,
    one_line,
    raise_problems,
    wordings_of,
)

FORM = "a QnA Maker knowledge base (JSON)"
LISTS = ("qnaDocuments", "qnaList")


def is_qna_json(data: Any) -> bool:
    return isinstance(data, dict) and any(isinstance(data.get(key), list) for key in LISTS)


def read_qna_json(data: dict[str, Any], shown: str) -> tuple[list[Row], list[str]]:
    """Rows of the items and notes; InputError lists every item that cannot be used."""
    items = next(data[key] for key in LISTS if isinstance(data.get(key), list))
    rows: list[Row] = []
    problems: list[str] = []
    first_at: dict[str, str] = {}
    for number, item in enumerate(items, start=1):
        where = item_at(shown, item, number)
        if not isinstance(item, dict):
            problems.append(f"{where}: each item must be an object with questions and answer")
            continue
        key = one_line(item.get("id"))
        wordings = wordings_of(item.get("questions"))
        answer = answer_text(item.get("answer"))
        if key and key in first_at:
            problems.append(f"{where}: id {key} is used again (first at {first_at[key]})")
        elif not wordings:
            problems.append(f'{where}: the item has no questions ("questions": ["..."])')
        elif not answer:
            problems.append(f'{where}: "{wordings[0]}" has no answer ("answer": "...")')
        else:
            first_at[key or where] = where
            metadata = _metadata(item, where, problems)
            prompts = _prompts(item, where, problems)
            rows.append(
                Row(
                    where,
                    wordings[0],
                    answer,
                    wordings[1:],
                    key=key,
                    follow_ups=prompts,
                    metadata=metadata,
                )
            )
    known = {row.key for row in rows}
    for row in rows:
        problems += [
            f"{row.where}: a prompt leads to id {target}, which is not in the export"
            if target != row.key
            else f"{row.where}: a prompt leads back to its own entry (id {target})"
            for target in row.follow_ups
            if target not in known or target == row.key
        ]
    raise_problems(problems)
    if not rows:
        raise InputError(f"{shown}: the list of questions is empty")
    lists = [_prompt_list(item) for item in items]
    inline = sum(_inline(p) for prompts in lists if isinstance(prompts, list) for p in prompts)
    note = f"{shown}: left out {inline} prompt(s) holding a question of their own, with no qnaId"
    return rows, [note] if inline else []


def _metadata(item: dict[str, Any], where: str, problems: list[str]) -> dict[str, str]:
    """Metadata pairs, then source and isContextOnly, as the TSV export's reader keeps them."""
    metadata: dict[str, str] = {}
    pairs = item.get("metadata") or []
    if isinstance(pairs, dict):  # some tools write {"name": "value"}
        pairs = [{"name": k, "value": v} for k, v in pairs.items()]
    for pair in pairs if isinstance(pairs, list) else [None]:
        name = one_line(pair.get("name")) if isinstance(pair, dict) else ""
        value = one_line(pair.get("value")) if isinstance(pair, dict) else ""
        if not name or not value:
            problems.append(
                f'{where}: metadata must be a list of {{"name": ..., "value": ...}}, '
                "both of them text"
            )
            break
        metadata[name] = value
    source = one_line(item.get("source"))
    if source:
        metadata.setdefault("source", source)
    context = item.get("context")
    if isinstance(context, dict) and context.get("isContextOnly") is True:
        metadata.setdefault("context_only", "true")  # only reachable through a prompt there
    return metadata


def _prompts(item: dict[str, Any], where: str, problems: list[str]) -> list[str]:
    """The ids the item's follow-up prompts lead to, in their displayOrder (inline ones left
    out: read_qna_json notes them)."""
    prompts = _prompt_list(item)
    targets: list[tuple[object, str]] = []
    for prompt in prompts if isinstance(prompts, list) else [None]:
        target = one_line(prompt.get("qnaId")) if isinstance(prompt, dict) else ""
        if _inline(prompt):
            continue
        if not isinstance(prompt, dict) or not target:
            problems.append(
                f'{where}: prompts must be a list like {{"displayOrder": 1, "qnaId": 2, '
                '"displayText": "..."}'
            )
            return []
        targets.append((prompt.get("displayOrder"), target))
    return in_display_order(targets)


def _prompt_list(item: object) -> object:
    """An item's context.prompts as written (a list, or whatever else stands there); [] when
    it has none."""
    context = item.get("context") if isinstance(item, dict) else None
    return (context.get("prompts") if isinstance(context, dict) else None) or []


def _inline(prompt: object) -> bool:
    """Whether a prompt carries a question and answer of its own ("qna") and no qnaId."""
    return (
        isinstance(prompt, dict)
        and not one_line(prompt.get("qnaId"))
        and isinstance(prompt.get("qna"), dict)
    )
