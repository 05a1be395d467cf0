"""What an answered turn leaves as the topic the next one goes on from: its terms, kept in
the conversation's state (ConversationState.remember), and a topic question's terms at the
follow-up weight, which a follow-up is read against (followup.read)."""

from __future__ import annotations

from guidebot.dialogue.alternatives import alternative
from guidebot.dialogue.context import TurnContext
from guidebot.dialogue.followup import Reading
from guidebot.dialogue.state import ConversationState
from guidebot.search.results import SearchResult


def remembered_terms(context: TurnContext, result: SearchResult) -> tuple[str, ...]:
    """The terms an answered turn leaves as the topic to go on from: its own, or, when the
    knowledge uses none of them (an answer found by meaning alone: "how do I complain"
    from "Complaints and the ombudsman"), those of the answer's heading or FAQ question,
    which a follow-up ("how long do you take to sort it out?") can then be read toward. For
    a question standing on its own: a follow-up keeps the topic it was read on from."""
    retriever, best = context.retriever, result.best
    if best is None or any(map(retriever.knows, result.terms)):
        return result.terms
    return tuple(retriever.understand(best.passage.question or best.passage.section)[0])


def keep_topic(
    context: TurnContext,
    state: ConversationState,
    question: str,
    result: SearchResult,
    reading: Reading | None = None,
) -> None:
    """Keep an answered turn's terms as the topic the next goes on from
    (ConversationState.remember): a follow-up (as `reading` says) keeps the topic it was read
    on from; a question on its own, or a section picked (no `reading`), its remembered_terms."""
    on_from = (reading.topic, reading.topic_terms) if reading and reading.followup else None
    terms = result.terms if on_from else remembered_terms(context, result)
    weight = context.policy.followup_weight
    state.remember(question, terms, weight, on_from, alternative(question))


def topic_terms(context: TurnContext, topic: str) -> dict[str, float]:
    """The terms of a topic question, each at the follow-up weight (Policy.followup_weight):
    what a follow-up is read against (ConversationState.topic_terms)."""
    weight = context.policy.followup_weight
    return {term: weight for term in context.retriever.understand(topic)[0]}
