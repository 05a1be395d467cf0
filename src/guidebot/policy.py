"""The thresholds that decide between answering, clarifying and declining.

Every number here was chosen with `guidebot eval tests/eval/dev.yaml`; see scripts/tune.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from guidebot.retrieval import RetrievalConfig


@dataclass(frozen=True)
class Policy:
    """Configuration of a Bot; pass a different one to experiment, nothing here is global."""

    retrieval: RetrievalConfig = field(default_factory=RetrievalConfig)
    top_k: int = 3
    decline_coverage: float = 0.15  # below this share of the question found, decline
    clarify_ratio: float = 0.92  # a different section scoring this close to the best is a tie
    clarify_max_terms: int = 2  # only short, vague questions are worth a question back
    clarify_similarity: float = 85.0  # rapidfuzz score for FAQ questions worded like one
    # with no topic words at all ("how much?")
    followup_weight: float = 0.5  # weight of the previous turn's terms in a follow-up
    followup_max_terms: int = 4  # longer questions stand on their own
