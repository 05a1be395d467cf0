"""Questions about a document as a whole ("what is this article about?", "summary?") and
the passages that answer them: each guide's introduction, the text before its first
heading."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

import numpy as np

from guidebot.knowledge.passages import INTRO
from guidebot.knowledge.table import passage_column


def introduction_rows(passages: Sequence[Any]) -> np.ndarray:
    """int64 [k]: the rows of the passages of an introduction section: the guide passages
    with ids guide/intro/n, and the FAQ entries drawn from that section."""
    kinds, ids = passage_column(passages, "kind"), passage_column(passages, "id")
    guides, sections = passage_column(passages, "guide"), passage_column(passages, "section")
    opening = {
        (guide, section)
        for kind, pid, guide, section in zip(kinds, ids, guides, sections, strict=True)
        if kind == "guide" and pid.split("/")[1:2] == [INTRO]
    }
    pairs = zip(guides, sections, strict=True)
    return np.array([row for row, pair in enumerate(pairs) if pair in opening], dtype=np.int64)


def lift_introductions(
    scores: np.ndarray,
    baseline: float,
    rows: np.ndarray,
    terms: Sequence[str],
    document: Collection[str],
) -> bool:
    """Put the introductions (`rows`, of the guides not ruled out) above every other passage,
    and above `baseline` (the score of a passage matching nothing) when every term of the
    question names the document itself (`document`: the analysed config.document_words),
    so "what is this article about" reads the article's opening rather than a section named
    with that word ("Related Articles").

    Returns whether it did: the question is about the document, and an introduction then
    answers it as fully as an FAQ entry asked in its words, whether or not the document
    uses the word ("guide" in an article that never says it)."""
    if not terms or not rows.size or not all(t in document for t in terms):
        return False
    open_rows = rows[np.isfinite(scores[rows])]
    if not open_rows.size:
        return False
    others = scores.copy()
    others[open_rows] = -np.inf
    top = max(float(others.max()), baseline)
    # Raised together, so that they keep their order (an FAQ entry on the introduction
    # written for the question before the opening paragraph itself).
    lift = top + 1e-6 * max(abs(top), 1.0) - float(scores[open_rows].max())
    if lift > 0:
        scores[open_rows] += lift
    return True
