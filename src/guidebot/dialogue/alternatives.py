"""Follow-ups that offer another thing for the question before ("what about a dog?", "and
the emergency line?"): recognising them, and which passage answers them."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from guidebot.dialogue.context import TurnContext
from guidebot.dialogue.uncovered import lead_with
from guidebot.search.analysis import AUXILIARIES, content_words, words
from guidebot.search.answertypes import Kind
from guidebot.search.kindonly import holds
from guidebot.search.results import Hit, SearchResult
from guidebot.search.semantic.textencoder import word_cosine, word_cosines

OPENERS = ("and", "also", "plus", "or", "but", "so", "then", "vs", "versus", "compared")
QUESTION_WORDS = frozenset("what whats how hows when where why which who whos whose whom".split())
REFERENCES = frozenset("it its they them their that this those these there same".split())


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
        elif rest[0] in OPENERS:
            rest = rest[1:]
        else:
            break
    if len(rest) == len(surface):
        return False  # no opener
    saying = AUXILIARIES | QUESTION_WORDS | REFERENCES
    return bool(rest) and not saying.intersection(rest)


def led_by_its_own(
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
        rest = _holding_the_rest(context, question, alone, combined, topic)
        return rest or _without_the_replaced(context, question, alone, combined, topic)
    needed = set(best.matched) - {_taken_over(context, topic, alone, best.matched)}
    holding = first_holding(context, question, combined, own | needed)
    if holding is not None:
        return holding
    shown = combined.hits[1 : context.policy.naming_depth]
    for hit in shown if context.policy.followup_stand_in_cosine else ():
        if own <= set(hit.matched) and _stands_in(context, topic, needed, hit):
            return lead_with(context.retriever, question, combined, hit)
    return combined


def _holding_the_rest(
    context: TurnContext, question: str, alone: SearchResult, combined: SearchResult, topic: str
) -> SearchResult | None:
    """The reading of a follow-up led by the first of its passages (to Policy.naming_depth)
    holding the thing offered and every term of the topic but the one it replaces
    (_taken_over), when the best holds the thing but not all of those: "and a dog?" after
    "how much to neuter my cat" is answered from the section on neutering that speaks of
    dogs, not from an entry on a dog's microchip that names cats too. The term replaced is
    one the follow-up does not repeat; where it replaces a word before one it repeats ("and
    a monthly pass?" after "how much is a day pass"), _without_the_replaced decides. None
    otherwise."""
    best, retriever = combined.best, context.retriever
    assert best is not None
    own = set(alone.terms)
    topic_terms = list(dict.fromkeys(retriever.analyzer.terms(topic)))
    if _modifier_replaced(context, topic, alone, topic_terms):
        return None
    replaced = _taken_over(context, topic, alone, [t for t in topic_terms if t not in own])
    needed = own | (set(topic_terms) - {replaced})
    if needed <= set(best.matched):
        return None
    return first_holding(context, question, combined, needed)


def first_holding(
    context: TurnContext,
    question: str,
    combined: SearchResult,
    needed: set[str],
    without: str = "",
    kind: Kind = Kind.NONE,
) -> SearchResult | None:
    """The reading led by the first of the hits after the best (to Policy.naming_depth)
    that holds every `needed` term and not `without`, and an answer of `kind` when one is
    given (kindonly.holds); None when none does."""
    for hit in combined.hits[1 : context.policy.naming_depth]:
        if (
            needed <= set(hit.matched)
            and (not without or without not in hit.matched)
            and (not kind or holds(hit.passage.text, kind))
        ):
            return lead_with(context.retriever, question, combined, hit)
    return None


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
    holding = first_holding(context, question, combined, needed, without=replaced)
    return combined if holding is None else holding


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
