"""Whether a question follows on from the conversation's topic ("and what does it cost?"), and
the search it is answered from either way."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from guidebot.dialogue.alternatives import (
    OPENERS,
    REFERENCES,
    alternative,
    first_holding,
    led_by_its_own,
)
from guidebot.dialogue.context import TurnContext
from guidebot.dialogue.foreign import knowledge_names
from guidebot.dialogue.uncovered import lead_with
from guidebot.search.analysis import AUXILIARIES, STOP_WORDS, words
from guidebot.search.answertypes import Kind
from guidebot.search.english import EnglishWords
from guidebot.search.kindonly import asked_alone, cue_words, holds
from guidebot.search.results import SearchResult

# A form of "be" beside "there" makes it existential ("are there", "there is"), no place.
# (words() joins a contraction: "aren't" is "arent"; "there's" is "there" alone.)
_BE = frozenset("is are was were be been isnt arent wasnt werent".split())
# What "one" follows when it stands for a thing named before (followup._stands_for_a_thing).
_POINTING = frozenset("that this which".split())
_ARTICLES = frozenset("the a an".split())


@dataclass(frozen=True)
class Reading:
    """How a question is searched: the result to answer from, its follow-up cue (see `cue`)
    and whether it was read against the conversation's topic."""

    result: SearchResult
    cue: str
    followup: bool
    topic: str = ""  # the topic's question it was searched against, if any
    topic_terms: Mapping[str, float] = field(default_factory=dict)  # and its weighted terms


def read(
    context: TurnContext,
    topic: Mapping[str, float],
    guides: Sequence[str],
    question: str,
    topic_question: str = "",
) -> Reading:
    """Search the question alone, and against the topic's weighted terms when it has a cue
    for a follow-up; a follow-up it is only when that changes the answer. With a model, a
    follow-up is read in meaning as `topic_question` and the question together, for its
    similarity and most of its ranking (the follow-up alone ranks for
    RetrievalConfig.followup_own_share): "and if i do the fast track version?" alone is far
    from every passage."""
    retriever = context.retriever
    result = retriever.search(question, k=10, guides=guides)
    said = cue(context, topic, question, guides)
    if not said:
        return Reading(result, said, False, topic_question, topic)
    elsewhere = _in_the_guide_named(context, question, result, topic_question, guides)
    if elsewhere is not None:
        return Reading(elsewhere, said, True, topic_question, topic)
    # Only a follow-up if the earlier topic changes the answer: "how long does it take?"
    # after a salary question is a new topic even though it says "it".
    # Without the topic's question (an older saved state) the follow-up alone says too
    # little for the model: BM25 ranks.
    together = f"{topic_question} {question}" if topic_question else None
    combined = retriever.search(question, k=10, context=topic, guides=guides, meaning=together)
    # ... and only if the earlier topic leaves something of this question's own found:
    # "requirements?" after a quality-control answer is a new vague question, not a
    # follow-up that no passage of that topic answers.
    # ... and only toward the topic: its best passage holds one of the topic's words, so
    # "requirements?" after a salary answer is not read as required courses.
    if said == "explicit":
        combined = _toward_the_topic(context, question, result, combined, topic)
    toward = bool(combined.best and topic.keys() & set(combined.best.matched))
    # One only offering another thing is led by a passage holding it with the rest of the
    # topic before the two readings are compared: "and a dog?" after "how much to neuter
    # my cat" leads to a dog's microchip both alone and read with the topic. Not a thing
    # naming a heading's topic, asked about for itself: "and for supply chains?".
    offered = alternative(question)
    named = offered and any(context.retriever.sections.naming(t, guides) for t in result.terms)
    read_on = combined
    if toward and offered and not named:
        combined = led_by_its_own(context, question, result, combined, topic_question)
    alone = top_label(context, result)
    changed = top_label(context, combined) != alone or top_label(context, read_on) != alone
    # "and the minimum?" names no topic: read alone, meaning may find the same section
    # the topic leads to, on none of its words, and it would be declined as a question
    # of its own; it asks the minimum of the topic (as "and how long does it take?" asks
    # its length of time).
    kind = asks_only(context, question)
    of_the_topic = _of_the_topic(context, kind, question, result)
    followup = (
        toward
        and (changed or of_the_topic)
        and (
            said == "explicit"
            or of_the_topic
            or combined.coverage >= context.policy.decline_coverage
        )
        and not _names_elsewhere(context, result, combined)
    )
    if followup and named:
        combined = led_by_its_own(context, question, result, combined, topic_question)
    elif (
        followup
        and of_the_topic
        and combined.best is not None
        and not holds(combined.best.passage.text, kind)
    ):
        # "how much is that?" after "tell me about crowns": the crowns section gives no
        # price, the price list's row for a crown does, beside the word.
        needed = set(combined.best.matched)
        combined = first_holding(context, question, combined, needed, kind=kind) or combined
    return Reading(combined if followup else result, said, followup, topic_question, topic)


def _of_the_topic(context: TurnContext, kind: Kind, question: str, alone: SearchResult) -> bool:
    """Whether the question asks only for a kind of answer (`kind`, as asks_only gives it)
    and, read alone, its best passage holds none of its words but those asking for the kind
    or an extent (kindonly.cue_words): "whats the minimum?" after a gym's price is not about
    the lockers' "minimum deposit", nor "how long for?" after parking about "long hair"."""
    if not kind:
        return False
    matched = set(alone.best.matched) if alone.best is not None else set()
    matched -= set(context.retriever.analyzer.terms_of_words(cue_words(question)))
    return not matched


def asks_only(context: TurnContext, question: str) -> Kind:
    """The kinds of answer the question asks for when it names nothing else
    (kindonly.asked_alone), words at most Policy.kind_alone_common nats rare in English
    naming nothing ("take", "get"); Kind.NONE when it names something."""
    english, common = context.retriever.repairer.english, context.policy.kind_alone_common
    if not isinstance(english, EnglishWords):
        return asked_alone(question)
    return asked_alone(question, lambda word: english.surprisal(word) <= common)


def names_nothing(context: TurnContext, question: str) -> bool:
    """Whether every word of the question is a stop word or one at most
    Policy.kind_alone_common nats rare in English ("and if i go over?"): it names no thing
    of its own, so as a follow-up it asks about the topic it follows."""
    english, common = context.retriever.repairer.english, context.policy.kind_alone_common
    said = words(question)
    return (
        isinstance(english, EnglishWords)
        and bool(said)
        and all(w in STOP_WORDS or english.surprisal(w) <= common for w in said)
    )


def _names_elsewhere(context: TurnContext, alone: SearchResult, combined: SearchResult) -> bool:
    """Whether the question names things of the knowledge's own (foreign.knowledge_names)
    that its best passage alone holds, every one, and the best read with the topic holds
    none of: "does it integrate with xero?" after a question about logos on invoices asks
    about Xero, not about logos ("it" is the product)."""
    names = knowledge_names(context.retriever, alone.surface)
    if not names or alone.best is None or combined.best is None:
        return False
    return names <= set(alone.best.matched) and not names & set(combined.best.matched)


def _in_the_guide_named(
    context: TurnContext,
    question: str,
    alone: SearchResult,
    topic_question: str,
    guides: Sequence[str],
) -> SearchResult | None:
    """The topic's question searched in the guide a follow-up names, when the follow-up
    only offers another thing (alternative) and each of its terms names that guide by its
    title: "and the sports centre?" after the library's opening hours asks the sports
    centre guide for its opening hours (its opening, about the sports centre as a whole,
    led the two questions read together). None otherwise, or when that guide has nothing
    for the topic."""
    if not topic_question or not alone.terms or not alternative(question):
        return None
    named = context.retriever.guide_names.named_by(alone.terms)
    kept = [g for g in sorted(named) if not guides or g in guides]
    if not kept:
        return None
    result = context.retriever.search(topic_question, k=10, guides=kept)
    return result if result.best is not None else None


def _toward_the_topic(
    context: TurnContext,
    question: str,
    alone: SearchResult,
    combined: SearchResult,
    topic: Mapping[str, float],
) -> SearchResult:
    """The reading of an explicit follow-up led by the first of its passages holding every
    term of the follow-up's own and one of the topic's, when the best holds none of the
    topic's: "is it on the nhs?" after "how much is whitening" is asked of whitening,
    answered from the entry on whitening's price that says it is not on the NHS, where the
    entries named for the NHS (its word in their questions) lead for the word alone."""
    own, best = set(alone.terms), combined.best
    if not own or best is None or topic.keys() & set(best.matched):
        return combined
    for hit in combined.hits[1:]:
        if own <= set(hit.matched) and topic.keys() & set(hit.matched):
            return lead_with(context.retriever, question, combined, hit)
    return combined


def cue(
    context: TurnContext, topic: Mapping[str, float], question: str, guides: Sequence[str] = ()
) -> str:
    """ "explicit" for "and …", "what about …", "does it …" (and an existential "there"
    about a detail: "is there an internship?"); "short" for a bare topic word after an
    earlier answer, or a question asking only for a kind of answer (asks_only: "what
    number do I call?" after a power cut); "" when the question stands on its own:
    longer, or a clause naming a heading's topic ("what kind of jobs are there", "wat
    jobs can i get")."""
    if not topic:
        return ""
    surface = words(question)
    terms = context.retriever.analyzer.terms_of_words(surface)
    if len(terms) > context.policy.followup_max_terms:
        return ""
    opener = bool(surface) and surface[0] in OPENERS
    what_about = " ".join(surface[:3]).startswith(
        ("what about", "how about", "what if", "and what")
    )
    if opener or what_about or any(_refers(surface, n) for n in range(len(surface))):
        return "explicit"
    if len(terms) > 1:
        return "short" if asks_only(context, question) else ""
    # A clause naming a heading's topic asks about that topic ("what kind of jobs are
    # there" after the salary); one naming only a detail goes on from the topic ("is there
    # an internship?" after the curriculum), as a bare word does ("online?").
    if (
        AUXILIARIES.intersection(surface)
        and not _existential_yes_no(surface)
        and any(context.retriever.sections.naming(t, guides) for t in terms)
    ):
        return ""
    return "explicit" if "there" in surface else "short"


def _existential_yes_no(surface: Sequence[str]) -> bool:
    """Whether a question opens by asking if something exists ("is there a fee", "are there
    any discounts"): asked after an answer, of that topic, while "what fees are there" asks
    for them all."""
    return len(surface) > 1 and surface[0] in _BE and surface[1] == "there"


def _refers(surface: Sequence[str], n: int) -> bool:
    """Whether the n-th word points back ("it", "those", "there" as a place, "one" standing
    for a thing named before: "that one", "the saturday one", "a slower one")."""
    word = surface[n]
    if word == "one":
        return _stands_for_a_thing(surface[:n])
    if word != "there":
        return word in REFERENCES
    return not _BE.intersection(surface[max(n - 1, 0) : n + 2])


def _stands_for_a_thing(before: Sequence[str]) -> bool:
    """Whether "one" after these words stands for a thing ("which one", "the 20 hour one")
    rather than counting ("one year", "the one-off fee", "a lesson for one hour", "a year
    and one day"): right after a demonstrative or "which", or after a word or two that
    follow an article, none of them a stop word."""
    if before and before[-1] in _POINTING:
        return True
    for size in (1, 2):
        if len(before) > size and before[-size - 1] in _ARTICLES:
            return not STOP_WORDS.intersection(before[-size:])
    return False


def top_label(context: TurnContext, result: SearchResult) -> str:
    """The label (knowledge.labels) of the best passage, "" with none."""
    return context.retriever.labels.of(result.hits[0].passage) if result.hits else ""
