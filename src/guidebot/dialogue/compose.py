"""Composes replies from search results: extractive answers, declines, clarifying questions."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace

import numpy as np

from guidebot.reply import LOW_CONFIDENCE, Reply, Source
from guidebot.search.analysis import content_words, contracted
from guidebot.search.asking import lacks
from guidebot.search.english import EnglishWords
from guidebot.search.inflection import plural_stems
from guidebot.search.results import Hit, SearchResult
from guidebot.search.retriever import Retriever
from guidebot.search.semantic.textencoder import word_cosines


def sources_of(hits: Sequence[Hit], retriever: Retriever) -> tuple[Source, ...]:
    """Numbered citations for hits, with the passage words that matched the question."""
    return tuple(
        Source(
            number=n,
            id=h.passage.id,
            guide_title=h.passage.guide_title,
            section=h.passage.section,
            text=h.passage.text,
            score=h.score,
            highlights=retriever.highlights(h),
            path=h.passage.path,
            line=h.passage.line,
            headings=h.passage.headings,
            question=h.passage.question,  # "" for a guide passage
            label=retriever.labels.of(h.passage),
        )
        for n, h in enumerate(hits, start=1)
    )


# Said beside an answer whose passage holds none of the question's words: closest in
# meaning only, which a reader should know before relying on it.
BY_MEANING_ONLY = (
    "None of your question's words are in this passage; it is the closest in meaning, so "
    "check that it answers what you asked."
)

# Said beside an answer quoting an FAQ entry whose guide section changed after the answer
# was written (`guidebot check` warns of the same entry): it may no longer hold.
OUT_OF_DATE = (
    "This answer was written before its guide section last changed, so it may be out of "
    "date; check it against the section."
)


def noting_out_of_date(reply: Reply, stale: Collection[str]) -> Reply:
    """The reply, with OUT_OF_DATE among its notes when a source it quotes is one of the
    `stale` passage ids (FAQ entries whose section changed since: KnowledgeBase.stale_faqs);
    for a reply of several parts, among the notes of each part quoting one, which is where
    front ends show a part's notes."""
    if not any(source.id in stale for source in reply.quoted):
        return reply
    if reply.parts:
        return replace(reply, parts=tuple(noting_out_of_date(p, stale) for p in reply.parts))
    if OUT_OF_DATE in reply.notes:
        return reply
    return replace(reply, notes=(*reply.notes, OUT_OF_DATE))


NAMED_MISSING = 3  # at most so many of the words lacking are named
# Only words at least this rare in English are named: "food" (9.0 nats), "bank" (9.7), not
# "money" (7.8), "people" (6.7) or "really" (6.4), which a chatty question holds whatever
# it asks. With the line of meaning (answer_reply's far_below) and the other words left
# out (_unmatched) the note fell on 74 of the bundled dev set's 413 right answers rather
# than 96, and on five blind trials 22 of the 27 answers it fell on were wrong or
# off-topic (31 of 51 naming every word).
TELLING_NATS = 8.5


def no_kind_note(kind: str) -> str:
    """What an answer giving none of the kind of answer asked says ("price")."""
    return f"This passage gives no {kind}; check that it answers what you asked."


def unmatched_note(words: Sequence[str]) -> str:
    """What an answer holding few of the question's words says: the words it lacks."""
    quoted = [f"'{word}'" for word in words]
    listed = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"
    return f"This passage does not mention {listed}; check that it answers what you asked."


def _unmatched(
    result: SearchResult, best: Hit, retriever: Retriever, far_below: float = 0.0
) -> list[str]:
    """The question's telling words (as typed, a spelling the repair changed unasked given
    back) whose terms the best passage lacks, in the question's order: not a figure, a
    piece of a hyphenated word ("wi", "fi"), a contraction ("youre"), a word the passage
    writes in its plural or singular ("dvd" beside "DVDs") or one under TELLING_NATS in
    English; a loose match ("booked" for "book") is no match, as for coverage. With
    `far_below` and the retriever reading meaning, only those whose nearest word of the
    passage in meaning is under that cosine (or that it cannot read): "remuneration"
    asked of a passage on salaries is said in other words, "welders" is not."""
    held = set(best.matched) - result.loose
    english = retriever.repairer.english
    lacking = [
        word
        for word in dict.fromkeys(result.surface)
        if len(word) > 2
        and word.isalpha()
        and not contracted(word)
        and (terms := retriever.analyzer.terms_of_words([word]))
        and not held.intersection(terms)
        and (not isinstance(english, EnglishWords) or english.surprisal(word) >= TELLING_NATS)
    ]
    if not lacking:  # the passage's words are read only for a word that may be named
        return []
    said = content_words(best.passage)
    written = set().union(*map(plural_stems, said))
    lacking = [word for word in lacking if not written.intersection(plural_stems(word))]
    vectors = retriever.vectors
    if lacking and far_below and vectors is not None:
        cosines = word_cosines(vectors.encoder, lacking, said)
        near = [not np.isnan(row).all() and np.nanmax(row) >= far_below for row in cosines]
        lacking = [word for word, close in zip(lacking, near, strict=True) if not close]
    typed = {r.replacement: r.original for r in result.repairs if not r.noted}
    return [typed.get(word, word) for word in lacking[:NAMED_MISSING]]


def answer_reply(
    question: str,
    result: SearchResult,
    hits: Sequence[Hit],
    retriever: Retriever,
    notes: Sequence[str] = (),
    see_also: Sequence[str] = (),
    on_its_own: bool = True,
    far_below: float = 0.0,
    read_as: str = "",
) -> Reply:
    """Quote the best passage; the other hits are further sources; `see_also` names other
    sections the question fits about as well. A question `on_its_own` (no follow-up, whose
    words the topic may supply) answered from a passage holding none of its words, for its
    meaning alone, says so (BY_MEANING_ONLY); one holding under LOW_CONFIDENCE of them names
    those it lacks, with `far_below` only those far in meaning from all of its words
    (_unmatched, unmatched_note). Else, a passage giving none of the kind of answer the
    question asks for in words of its own ("how much": a price; asking.lacks, on the
    question as `read_as`, with the one it follows) says so (no_kind_note)."""
    best = hits[0].passage
    checked = False
    if on_its_own and not result.exact and result.terms:
        if result.coverage == 0:
            notes, checked = [*notes, BY_MEANING_ONLY], True
        elif result.coverage < LOW_CONFIDENCE and (
            lacking := _unmatched(result, hits[0], retriever, far_below)
        ):
            notes, checked = [*notes, unmatched_note(lacking)], True
    if not checked and (kind := lacks(read_as or question, best.text)):
        notes = [*notes, no_kind_note(kind)]
    return Reply(
        question=question,
        answer=best.text,
        title=best.question if best.kind == "faq" else "",
        kind="answer",
        confidence=result.coverage,
        sources=sources_of(hits, retriever),
        notes=tuple(notes),
        see_also=tuple(see_also),
    )


def decline_reply(
    question: str,
    suggestions: Sequence[str],
    notes: Sequence[str] = (),
    missing: Sequence[str] = (),
    knowledge: str = "The guide",
    nearby: bool = True,
) -> Reply:
    """An honest 'not covered', naming what was missing and what the knowledge does cover;
    `knowledge` is what the knowledge is called ("The guide", "The guides", "The FAQ", "The
    guide and FAQ": TurnContext.knowledge_name). The suggestions are nearby topics, or,
    not `nearby` (the question shares no word with any), topics the knowledge covers."""
    about = f" ({', '.join(missing)})" if missing else ""
    several = knowledge.endswith("s") or " and " in knowledge
    verb, they = ("don't", "they do") if several else ("doesn't", "it does")
    text = f"{knowledge} {verb} cover that{about}, so I won't guess."
    if suggestions:
        text += f" {'Nearby topics' if nearby else 'Topics'} {they} answer:"
    return _declined(question, text, suggestions, notes)


def clarify_reply(question: str, choices: Sequence[str], notes: Sequence[str] = ()) -> Reply:
    """Ask which of several equally good topics was meant; the next turn may pick one."""
    return Reply(
        question=question,
        answer="That could mean more than one thing. Which topic did you mean?",
        kind="clarify",
        notes=tuple(notes),
        choices=tuple(choices),
    )


def smalltalk_reply(question: str, text: str) -> Reply:
    """A reply that needs no passage (greetings, thanks, questions about guidebot itself)."""
    return Reply(question=question, answer=text, kind="smalltalk", confidence=1.0)


def live_reply(question: str, text: str, suggestions: Sequence[str]) -> Reply:
    """The decline of a question about live information (small talk's LIVE intent: the
    weather, the news), in that intent's words, offering topics as any decline does."""
    if suggestions:
        text += " Topics I can answer:"
    return _declined(question, text, suggestions)


def _declined(
    question: str, text: str, suggestions: Sequence[str], notes: Sequence[str] = ()
) -> Reply:
    return Reply(
        question=question,
        answer=text,
        kind="decline",
        abstained=True,
        notes=tuple(notes),
        suggestions=tuple(suggestions),
    )
