"""When a question is vague: the sections it fits about equally well.

The conversation asks back when such a question is very short (policy.clarify_max_terms
terms: "requirements?") and otherwise answers, offering the others as "see also": on the
outside FAQ sets most two-word questions that were asked back had the right entry first.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz, utils

from guidebot.dialogue.context import TurnContext
from guidebot.dialogue.uncovered import lead_with
from guidebot.search.analysis import is_number
from guidebot.search.asking import asked_apart, wanted
from guidebot.search.kindonly import holds
from guidebot.search.results import Hit, SearchResult

MAX_CHOICES = 3  # a longer list of choices is no help to someone who was vague


def close_sections(
    context: TurnContext, guides: Sequence[str], question: str, result: SearchResult
) -> list[str]:
    """Sections a short question fits about equally well, best first (none when it is clear).

    Judged by the margin between the best scores of different sections (scores only
    compare within one query), after the second stage: several sections with an entry
    whose own question names "robotics" make "robotics" vague, where BM25 alone let one
    entry win by its wording. (On dev that asks back three more of the questions meant
    to be asked back and answers one fewer, "whats this page even about", which now
    offers the opening and the table of contents.) A question with no topic words at all
    ("how much?") is judged by the FAQ questions worded like it.
    """
    policy, label = context.policy, context.retriever.labels.of
    if not result.terms:
        # FAQ entries worded like it, stop words included: the wording is all there is.
        retriever = context.retriever
        found = retriever.faqs.best(question, policy.clarify_similarity, limit=10)
        similar = [retriever.passages[row] for row, _ in found]
        kept = [p for p in similar if not guides or p.guide in guides]  # the chosen guides'
        return list(dict.fromkeys(map(label, kept)))[:MAX_CHOICES]
    if len(result.terms) > policy.see_also_max_terms or not result.coverage:
        # The best passage holds no word of it, nor one near in meaning ("tell me a joke"):
        # ranked by meaning alone, the passages tie as far from it, which is no choice to
        # offer; the decline rules judge it.
        return []
    ratio, named = policy.clarify_ratio, []
    if len(result.terms) == 1:
        # One word that names one section's heading is that topic ("salary?"); one named
        # by several headings is a choice among those ("requirements?": admission or
        # curriculum). Either way one word says little, so scores are read less strictly.
        named = context.retriever.sections.naming(result.terms[0], guides)
        if len(named) == 1:
            return []
        ratio = policy.clarify_ratio_one_word
    if all(is_number(t) for t in result.terms):
        # "34% of what?": a bare figure is asked back when sections that state it differ
        # (the pay premium and the share of ABET-accredited programs are both 34%).
        return list(dict.fromkeys(label(h.passage) for h in result.hits))[:MAX_CHOICES]
    # Beside a best passage holding the one word asked, a section holding none came close
    # by meaning alone ("kettle?" and the section on which bin takes what): no choice. Nor
    # one holding it only as another word of its stem ("lifted" for "is there a lift").
    word = set(result.terms) if len(result.terms) == 1 and result.hits else set()

    def holds(hit: Hit) -> bool:
        return bool(word & set(hit.matched) - context.retriever.coverage_of(question, hit)[1])

    held = bool(word) and holds(result.hits[0])
    best: dict[str, float] = {}
    paths: dict[str, tuple[str, ...]] = {}
    for hit in result.hits:
        if not held or holds(hit):
            best.setdefault(label(hit.passage), hit.score)
            paths.setdefault(label(hit.passage), (hit.passage.guide, *hit.passage.headings))
    top = result.hits[0].score if result.hits else 0.0
    close = [s for s, score in best.items() if top > 0 and score / top >= ratio]
    # A section and one of its own sub-sections are no choice: the sub-section is part of
    # it ("Late Payment Fees" under "Deposits, Payment and Late Fees").
    close = [s for s in close if not any(_within(paths[o], paths[s]) for o in close if o != s)]
    return [s for s in close if not named or s in named][:MAX_CHOICES]


def _within(inner: tuple[str, ...], outer: tuple[str, ...]) -> bool:
    """Whether heading path `inner` (its guide first) lies under `outer`."""
    return len(outer) > 1 and len(inner) > len(outer) and inner[: len(outer)] == outer


def clear_in_meaning(
    context: TurnContext,
    guides: Sequence[str],
    question: str,
    result: SearchResult,
    close: Sequence[str],
) -> bool:
    """With a sentence-embedding model: whether the answered section is closer in meaning
    to the question than every other close section, by Policy.clarify_semantic_margin of
    cosine similarity, so that a tie in words is no reason to ask back ("where would my
    phone be" names one word that many entries use, but one entry is about finding a
    phone). False without a model, and for a question with no topic words or only figures,
    which close_sections judges otherwise ("how much?" is worded like several FAQ
    questions, so close to them); else True for a question close to the FAQ entry that
    leads (Policy.clarify_entry_similarity), whatever the margin. False when another close
    section has the answered one's heading in another guide."""
    margin = context.policy.clarify_semantic_margin
    vectors = context.retriever.vectors
    if vectors is None or not margin or not result.hits:
        return False
    if not result.terms or all(is_number(t) for t in result.terms):
        return False
    if _close_to_an_entry(context, guides, result):
        return True
    if heading_shared(context, result, close):
        return False  # what the two say differs, but the question asks them alike
    label = context.retriever.labels.of
    rows: dict[str, int] = {}
    for hit in result.hits:
        rows.setdefault(label(hit.passage), hit.row)
    best = label(result.hits[0].passage)
    similarity = vectors.closest(question, result.hits[0].row)
    others = [vectors.closest(question, rows[s]) for s in close if s != best and s in rows]
    return all(similarity >= other + margin for other in others)


def heading_shared(context: TurnContext, result: SearchResult, close: Sequence[str]) -> bool:
    """Whether another of the close sections (labels) has the best passage's heading, in
    another guide: "opening times" between the pool's and the gym's "Opening hours" is a
    choice however few or many words it has."""
    if not result.hits:
        return False
    label, best = context.retriever.labels.of, result.hits[0].passage
    heading = best.section.casefold()
    return any(
        label(h.passage) in close and label(h.passage) != label(best)
        for h in result.hits
        if h.passage.section.casefold() == heading
    )


def _close_to_an_entry(context: TurnContext, guides: Sequence[str], result: SearchResult) -> bool:
    """Whether a question of more than one word is close in meaning to the FAQ entry that
    leads (Policy.clarify_entry_similarity): worded as people ask that entry, it is not
    vague, whatever few topic words it has. Not when its one term names several sections'
    headings: "what are the requirements?" is a choice between admission and curriculum
    however close it comes to the entry on one of them."""
    best, similarity = result.best, result.similarity
    if best is None or best.passage.kind != "faq" or similarity is None:
        return False
    if (
        len(result.terms) == 1
        and len(context.retriever.sections.naming(result.terms[0], guides)) > 1
    ):
        return False
    return len(result.surface) > 1 and similarity >= context.policy.clarify_entry_similarity


def led_by_heading(
    context: TurnContext, guides: Sequence[str], question: str, result: SearchResult
) -> SearchResult:
    """A one-word question that one heading names is about that section ("ethics?" when a
    heading is about ethical considerations): its passage that best stands for the section
    leads, whatever the scores of passages that merely use the word. That is the FAQ entry
    asked most like the heading ("salary": "What is the average salary?", not "Will pay
    keep rising, and how should I judge a salary offer?"), else the best scored."""
    if len(result.terms) != 1 or not result.hits:
        return result
    if context.retriever.names_the_document(result.terms[0]):
        return result  # "what is this article about" is not about "Related Articles"
    named = heading_named(context, guides, result)
    label = context.retriever.labels.of
    inside = [h for h in result.hits if label(h.passage) == named]
    if named is None or not inside:
        return result
    # Of those that hold the word, when some do: "2032?" is answered with the figure.
    inside = [h for h in inside if h.matched] or inside
    # Asked for a kind of answer in other words, the section's passages giving it come
    # first, and a section giving none does not displace a leader that gives it: "how much
    # is a service" wants the price the leading FAQ entry states, not the section
    # "Services we offer", which has none.
    wanted_kind = wanted(question)
    if wanted_kind:
        giving = [h for h in inside if holds(h.passage.text, wanted_kind)]
        if not giving and holds(result.hits[0].passage.text, wanted_kind):
            return result
        inside = giving or inside

    def standing(hit: Hit) -> tuple[float, float, float]:
        asked = hit.passage.question if hit.passage.kind == "faq" else ""
        if not asked:
            return (-1.0, 0.0, hit.score)
        alike = fuzz.token_set_ratio(asked, named, processor=utils.default_process)
        return (alike, -len(asked), hit.score)  # alike as much: the plainer question

    lead = max(inside, key=standing)
    return (
        result if lead is result.hits[0] else lead_with(context.retriever, question, result, lead)
    )


def heading_named(context: TurnContext, guides: Sequence[str], result: SearchResult) -> str | None:
    """The section whose heading alone a one-term question names ("ethics?"), else None."""
    if len(result.terms) != 1:
        return None
    named = context.retriever.sections.naming(result.terms[0], guides)
    return named[0] if len(named) == 1 else None


def section_named(context: TurnContext, guides: Sequence[str], result: SearchResult) -> str | None:
    """The section a one-term question names: the one whose heading alone holds the term
    (heading_named), else the one whose passages alone use it ("asbestos", where only the
    hazardous waste section says it), else None."""
    named = heading_named(context, guides, result)
    if named is not None or len(result.terms) != 1:
        return named
    using = context.retriever.sections.using(result.terms[0], guides, limit=2)
    return using[0] if len(using) == 1 else None


def weigh_vague(
    context: TurnContext, guides: Sequence[str], question: str, result: SearchResult, vague: bool
) -> tuple[SearchResult, list[str], bool]:
    """(result, close, ask_back) for a question that may be `vague` (neither a follow-up nor
    naming an uncovered topic): the result led by the section a one-word question names
    (led_by_heading), the sections it fits about equally well (close_sections, else none)
    and whether to ask back between them rather than answer: when it names little
    (policy.clarify_max_terms) or they share the best passage's heading, and meaning does
    not settle it (clear_in_meaning). Otherwise the close sections are offered as "see also"."""
    if not vague:
        return result, [], False
    close = close_sections(context, guides, question, result)
    result = led_by_heading(context, guides, question, result)
    ask_back = (
        len(close) > 1
        and (
            named_terms(question, result) <= context.policy.clarify_max_terms
            or heading_shared(context, result, close)
        )
        and not clear_in_meaning(context, guides, question, result, close)
    )
    return result, close, ask_back


def named_terms(question: str, result: SearchResult) -> int:
    """How much a question names, for whether it is too short to answer: its terms, and one
    more when it asks for a kind of answer (search/answertypes.py) in words that are no
    term ("how much is pro" asks for Pro's price, no choice between the sections that name
    Pro). A kind named by a topic word ("prices?", "fees?") adds nothing, and "how much?"
    names no topic and stays vague."""
    if not result.terms:
        return 0
    return len(result.terms) + bool(asked_apart(question))
