"""Whether to decline a question whose best passage the search found: the word rules
(uncovered.by_words) and, reading meaning, the similarity lines of the policy."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from guidebot.dialogue.alternatives import alternative
from guidebot.dialogue.clarify import section_named
from guidebot.dialogue.context import TurnContext, in_its_words
from guidebot.dialogue.followup import asks_only, names_nothing
from guidebot.dialogue.foreign import asking_when_open, names_something_else
from guidebot.dialogue.policy import Policy
from guidebot.dialogue.uncovered import by_words
from guidebot.search.kindonly import holds
from guidebot.search.results import SearchResult


def unrelated(
    context: TurnContext,
    guides: Sequence[str],
    question: str,
    result: SearchResult,
    followup: bool,
    cue: str,
    just_given: bool,
) -> bool:
    """Whether the best passage answers something else than the question: it covers
    too little of the question's words, or it shares an everyday one while the
    question's telling words appear nowhere (uncovered.by_words); reading meaning,
    also when it is far from the question in meaning, and not when it is close in
    meaning whatever the words (Policy.semantic_decline / semantic_answer, raised to
    a quantile of how close everyday questions come to the guides (background.py) unless
    the knowledge answers the question in its own words (_answered_in_its_words); for
    an FAQ entry, semantic_entry_line / semantic_entry_answer; not one word naming one
    section); and, with word vectors, when it meets the question on one word while the
    question's other words name things far from all of its words
    (foreign.names_something_else). A follow-up (`followup`, or a `cue` "explicit")
    is close in meaning as read with the question it follows, so for one the word rules
    would decline, its own words must not be far (Policy.followup_own_similarity): "what
    about my cat?" after a refund question; nor, when it only offers another thing
    (alternatives.alternative), may the best passage hold none of its terms while
    another passage holds one. `just_given`: the best passage is the one just answered
    with (uncovered.about_something_else's `continuing`)."""
    policy, best, similarity = context.policy, result.best, result.similarity
    on_its_own = not followup and cue != "explicit"
    if (
        on_its_own
        and policy.decline_foreign_cosine
        and names_something_else(
            context.retriever,
            result,
            policy.decline_foreign_cosine,
            policy.decline_foreign_surprisal,
            policy.decline_foreign_phrasings,
            policy.decline_foreign_pair_surprisal,
        )
    ):
        return True
    if (
        on_its_own
        and similarity is not None
        and policy.decline_scattered_share
        and context.background is not None
        and similarity < context.background.line(policy.decline_scattered_share, guides=guides)
        and _scattered(result, asking_when_open(context.retriever, result.surface))
    ):
        return True
    entry = best is not None and best.passage.kind == "faq"
    decline_below, answer_from = policy.semantic_decline, policy.semantic_answer
    if entry:
        decline_below = policy.semantic_entry_line
        answer_from = max(decline_below, policy.semantic_entry_answer)
    elif (
        similarity is not None
        and context.background is not None
        and not _answered_in_its_words(context, result)
    ):
        line = partial(context.background.line, guides=guides)
        if policy.semantic_background_decline:
            decline_below = max(decline_below, line(policy.semantic_background_decline))
        if policy.semantic_background_answer:
            answer_from = max(answer_from, line(policy.semantic_background_answer))
    # "ethics?" is about the one section so headed, far as one word is from any passage,
    # and "asbestos" about the one section that says it. Nor is a question whose words the
    # best passage all holds (_all_found).
    if (
        similarity is not None
        and on_its_own
        and similarity < decline_below
        and not _all_found(policy, result)
        and not _telling_found(context, result)
        and section_named(context, guides, result) is None
    ):
        return True
    # At or above an FAQ entry's line, meaning found a question on its own close to how
    # people ask that entry, in words it may not share ("abort it" for the entry asked
    # "cancel"): few shared words are then no reason to decline, only words that say
    # the question is about something else (uncovered.about_something_else). Not for
    # a follow-up, whose similarity is that of the question it follows.
    close = on_its_own and similarity is not None and similarity >= decline_below
    by_coverage = not (entry and close)
    words_say = by_words(context.retriever, policy, result, on_its_own, just_given, by_coverage)
    # A follow-up asking only for a kind of answer ("and how long does it take?", "and the
    # minimum?") shares no word with the passage that gives it: one of that kind there
    # answers it.
    if words_say and followup and best is not None and (kind := asks_only(context, question)):
        return not holds(best.passage.text, kind)
    # Nor can the words of one naming nothing at all ("and if i go over?" after the mileage
    # limits): it asks about the topic it follows, which its meaning was read with.
    if words_say and followup and names_nothing(context, question):
        return False
    if not words_say or similarity is None or similarity < answer_from:
        return words_say
    if on_its_own or best is None:
        return False
    # One only offering another thing ("and a taxi to the airport?" after the single fare)
    # that the knowledge names elsewhere must find it in the answer: a passage naming none
    # of it answers the topic instead. A thing named nowhere is left to meaning: "what
    # about in winter" is answered by the months a passage gives.
    retriever = context.retriever
    if alternative(question) and result.coverage == 0 and any(map(retriever.knows, result.terms)):
        return True
    own = retriever.similarity(result.as_read(question), best.row)
    return own is not None and own < policy.followup_own_similarity


def _scattered(result: SearchResult, framing: set[str]) -> bool:
    """Whether the question's three or more terms never meet: two or more are found, but no
    passage found holds two of them ("who won the football last night" at a campsite, whose
    play area says "football" and whose prices say "night"). Terms found nowhere are the
    other rules' (uncovered.by_words): meaning may read them as the knowledge's words. Nor
    do `framing` terms count, the words of a question asking when a place opens
    (foreign.asking_when_open): "what time does the bar close" asks the bar's hours
    wherever else "time" and "close" stand."""
    terms = set(result.terms) - framing
    if len(terms) < 3:
        return False
    held = [terms.intersection(hit.matched) for hit in result.hits]
    return all(len(one) < 2 for one in held) and len(set().union(*held)) >= 2


def _all_found(policy: Policy, result: SearchResult) -> bool:
    """Whether the best passage holds two or more of the question's terms and so nearly all
    of them (Policy.semantic_line_coverage): "do you collect sharps" is the export's one-line
    entry that says "sharps", however far averaged word vectors put the two. A bare word
    ("fee?") meets a passage on that word alone: its meaning still decides."""
    return len(set(result.terms)) > 1 and result.coverage >= policy.semantic_line_coverage


def _telling_found(context: TurnContext, result: SearchResult) -> bool:
    """Whether the best passage holds the question's two or more rarest terms (by idf) and
    lacks only terms the knowledge uses and are commoner in it than each one held: "how much
    is a scale and polish for my dog" at a clinic whose every other passage says "dog"."""
    best = result.best
    if best is None:
        return False
    retriever = context.retriever
    held = set(best.matched) - result.loose
    lacking = set(result.terms) - held
    if len(held) < 2 or not lacking or not all(map(retriever.knows, lacking)):
        return False
    return max(map(retriever.idf, lacking)) < min(map(retriever.idf, held))


def _answered_in_its_words(context: TurnContext, result: SearchResult) -> bool:
    """Whether the knowledge answers the question in its own words: most of its terms are
    the knowledge's and the best passage covers Policy.semantic_background_coverage of
    them. The background leaves such questions out (background.py), so it is no measure
    for them: "district nurse dressings collection" is 0.40 to its section, under a
    background line of 0.46, in words that section holds."""
    share = context.policy.semantic_background_coverage
    return (
        bool(share) and result.coverage >= share and in_its_words(context.retriever, result.terms)
    )
