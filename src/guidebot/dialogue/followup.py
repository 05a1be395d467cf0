"""Whether a question follows on from the conversation's topic ("and what does it cost?"), and
the search it is answered from either way."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from guidebot.dialogue.context import TurnContext
from guidebot.dialogue.uncovered import content_words, lead_with
from guidebot.search.analysis import AUXILIARIES, words
from guidebot.search.results import Hit, SearchResult
from guidebot.search.semantic.textencoder import word_cosine, word_cosines

_OPENERS = ("and", "also", "plus", "or", "but", "so", "then", "vs", "versus", "compared")
_QUESTION_WORDS = frozenset("what whats how hows when where why which who whos whose whom".split())
_REFERENCES = frozenset("it its they them their that this those these there same".split())
# A form of "be" beside "there" makes it existential ("are there", "there is"), no place.
# (words() joins a contraction: "aren't" is "arent"; "there's" is "there" alone.)
_BE = frozenset("is are was were be been isnt arent wasnt werent".split())


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
    followup = (
        toward
        and top_label(context, combined) != top_label(context, result)
        and (said == "explicit" or combined.coverage >= context.policy.decline_coverage)
    )
    if followup and alternative(question):
        combined = _led_by_its_own(context, question, result, combined, topic_question)
    return Reading(combined if followup else result, said, followup, topic_question, topic)


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


def _led_by_its_own(
    context: TurnContext, question: str, alone: SearchResult, combined: SearchResult, topic: str
) -> SearchResult:
    """The reading of a follow-up that only offers another thing (alternative) led by the
    first of its passages (to Policy.naming_depth) that holds every term of that thing and
    every term of the topic the best holds but the one the thing takes the place of, when
    the best holds none of the thing's: "what about a dog?" after "when can my kitten be
    neutered" is answered from the section on neutering that speaks of dogs, not from the
    entry on cats that leads for the two questions' meaning together; "and for cats?"
    after a dog's vaccinations is not answered from a section that names cats and dogs but
    no vaccination. Failing that, the first holding every term of the thing and, for each
    topic term it lacks, a word near it in meaning (_stands_in). Only when meaning is read
    (without it the thing's own terms outweigh the topic's in the search). A follow-up
    asking something of its own, "how long does that take?", is answered by what it asks,
    which need not repeat its words. When the best holds the thing, and the kind of the
    topic's thing it replaces too, see _without_the_replaced."""
    own = set(alone.terms)
    best, vectors = combined.best, context.retriever.vectors
    if not own or best is None or vectors is None:
        return combined
    if own & set(best.matched):
        return _without_the_replaced(context, question, alone, combined, topic)
    needed = set(best.matched) - {_taken_over(context, topic, alone, best.matched)}
    shown = combined.hits[1 : context.policy.naming_depth]
    for hit in shown:
        if own | needed <= set(hit.matched):
            return lead_with(context.retriever, question, combined, hit)
    for hit in shown if context.policy.followup_stand_in_cosine else ():
        if own <= set(hit.matched) and _stands_in(context, topic, needed, hit):
            return lead_with(context.retriever, question, combined, hit)
    return combined


def _without_the_replaced(
    context: TurnContext, question: str, alone: SearchResult, combined: SearchResult, topic: str
) -> SearchResult:
    """The reading of a follow-up offering another kind of the topic's thing, when the best
    passage holds both kinds, led by the first (to Policy.naming_depth) that holds the new
    kind and the rest of the topic but not the kind replaced: "and the emergency line?"
    after "when is the claims line open" is answered from the section on emergency help,
    not from the one on claims that says to use the emergency line instead."""
    best = combined.best
    assert best is not None
    replaced = _modifier_replaced(context, topic, alone, best.matched)
    if not replaced:
        return combined
    own = set(alone.terms)
    needed = own | (set(best.matched) - {replaced})
    for hit in combined.hits[1 : context.policy.naming_depth]:
        if needed <= set(hit.matched) and replaced not in hit.matched:
            return lead_with(context.retriever, question, combined, hit)
    return combined


def _modifier_replaced(
    context: TurnContext, topic: str, alone: SearchResult, matched: Sequence[str]
) -> str:
    """The topic's term that the follow-up's word before a word they share stands in for:
    "claims" for "emergency" where "and the emergency line?" follows "when is the claims
    line open", "day" in "and a monthly pass?" after "how much is a day pass" (one of the
    `matched` terms); "" when there is none. Word cosines do not tell these apart: "open"
    is nearer to "emergency" than "claims" is."""
    terms_of = context.retriever.analyzer.terms_of_words
    said, mine = words(topic), list(alone.surface)
    for at, word in enumerate(mine[1:], start=1):
        if word not in said or not terms_of([word]) or not terms_of([mine[at - 1]]):
            continue
        where = said.index(word)
        before = said[where - 1] if where else ""
        theirs = terms_of([before]) if before and before != mine[at - 1] else []
        if theirs and theirs[0] in matched:
            return theirs[0]
    return ""


def _stands_in(context: TurnContext, topic: str, needed: set[str], hit: Hit) -> bool:
    """Whether the passage holds, for each of the `needed` terms it lacks, a word near in
    meaning to the topic's word of that term (Policy.followup_stand_in_cosine): "and on
    jackets?" after "what's the warranty on tents" is answered from the section on
    guarantees that names jackets, "guarantee" 0.51 to "warranty"; "and for cats?" after a
    dog's vaccinations not from the section on neutering that names cats, nothing there
    nearer to "vaccinating" than "vet" (0.34)."""
    retriever, missing = context.retriever, needed - set(hit.matched)
    assert retriever.vectors is not None
    analyzer = retriever.analyzer
    theirs = [w for w in dict.fromkeys(words(topic)) if missing & set(analyzer.terms_of_words([w]))]
    if not missing or not theirs:
        return not missing
    cosines = word_cosines(retriever.vectors.encoder, theirs, content_words(hit.passage))
    nearest = np.nan_to_num(cosines, nan=-1.0).max(axis=1, initial=-1.0)
    line = context.policy.followup_stand_in_cosine
    stood_in = {
        term
        for word, cosine in zip(theirs, nearest, strict=True)
        if cosine >= line
        for term in analyzer.terms_of_words([word])
    }
    return missing <= stood_in


def _taken_over(
    context: TurnContext, topic: str, alone: SearchResult, matched: Sequence[str]
) -> str:
    """Of the topic's terms that `matched` holds, the one whose word is nearest in meaning
    to the follow-up's own words ("kitten" to "dog"), which the thing offered replaces;
    "" when none is."""
    retriever = context.retriever
    assert retriever.vectors is not None
    alike = word_cosine(retriever.vectors.encoder)
    mine = [w for w in alone.surface if retriever.analyzer.terms_of_words([w])]
    nearest, term = -1.0, ""
    for word in dict.fromkeys(words(topic)) if mine else ():
        held = [t for t in retriever.analyzer.terms_of_words([word]) if t in matched]
        cosines = [c for c in alike(word, mine) if c is not None] if held else []
        if cosines and max(cosines) > nearest:
            nearest, term = max(cosines), held[0]
    return term


def cue(
    context: TurnContext, topic: Mapping[str, float], question: str, guides: Sequence[str] = ()
) -> str:
    """ "explicit" for "and …", "what about …", "does it …" (and an existential "there"
    about a detail: "is there an internship?"); "short" for a bare topic word after an
    earlier answer; "" when the question stands on its own: longer, or a clause naming a
    heading's topic ("what kind of jobs are there", "wat jobs can i get")."""
    if not topic:
        return ""
    surface = words(question)
    terms = context.retriever.analyzer.terms_of_words(surface)
    if len(terms) > context.policy.followup_max_terms:
        return ""
    opener = bool(surface) and surface[0] in _OPENERS
    what_about = " ".join(surface[:3]).startswith(
        ("what about", "how about", "what if", "and what")
    )
    if opener or what_about or any(_refers(surface, n) for n in range(len(surface))):
        return "explicit"
    if len(terms) > 1:
        return ""
    # A clause naming a heading's topic asks about that topic ("what kind of jobs are
    # there" after the salary); one naming only a detail goes on from the topic ("is there
    # an internship?" after the curriculum), as a bare word does ("online?").
    if AUXILIARIES.intersection(surface) and any(
        context.retriever.sections.naming(t, guides) for t in terms
    ):
        return ""
    return "explicit" if "there" in surface else "short"


def alternative(question: str) -> bool:
    """Whether the message only offers another thing for the question before: openers
    ("and", "or", "what about", "and what about") and a bare phrase ("and slack?", "what
    about github", "or on the mobile app?"), with no auxiliary verb, question word or word
    pointing back after them ("and is it free?", "and how long?", "what about it?" ask
    something of their own)."""
    surface = rest = words(question)
    while rest:
        if rest[:2] in (["what", "about"], ["how", "about"]):
            rest = rest[2:]
        elif rest[0] in _OPENERS:
            rest = rest[1:]
        else:
            break
    if len(rest) == len(surface):
        return False  # no opener
    saying = AUXILIARIES | _QUESTION_WORDS | _REFERENCES
    return bool(rest) and not saying.intersection(rest)


def _refers(surface: Sequence[str], n: int) -> bool:
    """Whether the n-th word points back ("it", "those", "there" as a place)."""
    word = surface[n]
    if word != "there":
        return word in _REFERENCES
    return not _BE.intersection(surface[max(n - 1, 0) : n + 2])


def top_label(context: TurnContext, result: SearchResult) -> str:
    """The label (knowledge.labels) of the best passage, "" with none."""
    return context.retriever.labels.of(result.hits[0].passage) if result.hits else ""
