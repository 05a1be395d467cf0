"""What the guides do not cover: uncovered topics a question names (knowledge/scope.yaml),
the shown passage that names them after all, and questions about something else entirely.

The conversation asks these after searching; each takes what it needs and keeps no state.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from guidebot.dialogue.policy import Policy
from guidebot.dialogue.scope import ScopeMatcher
from guidebot.knowledge.passages import Passage
from guidebot.search.analysis import (
    Analyzer,
    is_number,
    words,
)
from guidebot.search.english import EnglishWords
from guidebot.search.results import Hit, SearchResult
from guidebot.search.retriever import Retriever


def uncovered_topics(
    scope: ScopeMatcher, analyzer: Analyzer, question: str, result: SearchResult
) -> list[str]:
    """Uncovered topics the question names, less those the best passage itself mentions
    (scope.yaml lists PhDs as uncovered, yet a related article is about a PhD's statement
    of purpose). Only the best: a PhD named in the third passage shown does not make "how
    long does a PhD take" answerable."""
    best = result.best
    shown = set(best.matched) if best else set()
    return [
        term
        for term in scope.match(question)
        if not (terms := set(analyzer.terms(term)))
        or not terms <= shown
        or (best is not None and not _writes_phrase(analyzer, best.passage, term))
    ]


def _writes_phrase(analyzer: Analyzer, passage: Passage, term: str) -> bool:
    """Whether a passage writes a scope term of several words as a phrase, word after word
    (by stem: "business banks" is "business bank"), not only its words apart: "business
    bank" is no topic of a passage saying "2 business days" and "your bank account", nor
    "do my accounts" of one saying "account". A term of one word is written if used."""
    wanted = [analyzer.stem(w) for w in words(term)]
    if len(wanted) < 2:
        return True
    said = [analyzer.stem(w) for w in words(f"{passage.section} {passage.title} {passage.text}")]
    size = len(wanted)
    return any(said[at : at + size] == wanted for at in range(len(said) - size + 1))


def led_by_naming(
    retriever: Retriever, depth: int, question: str, result: SearchResult, outside: list[str]
) -> SearchResult | None:
    """The result led by one of the first `depth` passages that names the uncovered topics
    and matches every word the best one does, else None: "articles on writing a statement of
    purpose for a PhD" is answered by the related article about just that, ranked below an
    admission tip that never says PhD, while "how long does a PhD take" has no passage with
    all its words. A topic made of stop words only ("who won") can never be named by a
    passage. (Asking only for as much idf-weighted match as the best passage declined fewer
    of dev's out-of-scope questions: 98% against 100%.)"""
    named = [set(retriever.analyzer.terms(term)) for term in outside]
    if not result.best or not all(named):
        return None
    needed = set(result.best.matched).union(*named)
    for hit in result.hits[1:depth]:
        if needed <= set(hit.matched) and all(
            _writes_phrase(retriever.analyzer, hit.passage, term) for term in outside
        ):
            return lead_with(retriever, question, result, hit)
    return None


def lead_with(retriever: Retriever, question: str, result: SearchResult, hit: Hit) -> SearchResult:
    """The result with `hit` (one of its hits) first, and what it says of the best passage
    (coverage, loose terms, similarity in meaning) recomputed for that hit, so that the
    decline rules read the passage that will be shown."""
    hits = (hit, *(h for h in result.hits if h is not hit))
    coverage, loose = retriever.coverage_of(question, hit)
    similarity = result.similarity
    if similarity is not None:
        similarity = retriever.similarity(result.as_read(question), hit.row)
    return replace(result, hits=hits, coverage=coverage, loose=loose, similarity=similarity)


# Phrasings an FAQ entry needs for the share of them using a word to tell its theme; with
# fewer (a question alone, as in most exports) rarity in English decides, as for a guide.
THEME_VIEWS = 3


def about_something_else(
    retriever: Retriever,
    unknown_words: int,
    result: SearchResult,
    rarer_by: float = 0.0,
    peripheral_share: float = 0.0,
    continuing: bool = False,
) -> bool:
    """True when the best passage shares a single word with the question, a word that names
    no heading, while `unknown_words` or more of the question's words appear nowhere in the
    knowledge: "how do I make lasagna from scratch" meets a passage only on "make". A
    rambling question that is on topic shares more words with its answer, names a heading's
    topic ("my dad thinks it's a scam, is it accredited") or a word of the field rather than
    everyday English ("my advisor told me the GRE is optional"); words of three letters or
    fewer (mom, dow, a misspelt "ned") do not count as unknown, while a figure the knowledge
    never states does ("is 3.5 enough? thanks" meets a passage only on "thanks").

    With `rarer_by` (nats), one unknown word is enough when it is that much rarer in English
    than every word of the question the knowledge uses: "when does the concert start" is
    about a concert, while in "which math topics should i brush up on" the rarest word,
    "topics", is one the guide uses (english.EnglishWords.surprisal).

    With `peripheral_share` (0 to 1), when the best passage is an FAQ entry with at least
    THEME_VIEWS phrasings (question and alternates), they decide instead of rarity: one
    unknown word is enough when the shared word stands in fewer than that share of them, a
    word on the entry's edge rather than its theme. "When does the party start?" meets an
    entry about pay only on "start" ("at the start of my career"), "tell me a fact about
    reno" meets the entry of facts on "fact", which most of its phrasings use. Not when
    `continuing`: the best passage is the one just answered with, and the message goes on
    about it ("my bachelors is in history tho" after the admission requirements)."""
    if not result.best:
        return False
    shared = set(result.best.matched) - result.loose - _naming_the_guide(retriever, result.best)
    if len(shared) > 1 or any(
        retriever.sections.naming(t) or t not in result.everyday for t in shared
    ):
        return False
    unknown = [
        t
        for t in dict.fromkeys(result.terms)
        if not retriever.knows(t) and (is_number(t) or (len(t) > 3 and t.isalpha()))
    ]
    if len(unknown) >= unknown_words:
        return True
    if not unknown or not shared:
        return False
    views = result.best.passage.asked if result.best.passage.kind == "faq" else ()
    if peripheral_share and len(views) >= THEME_VIEWS:
        (term,) = shared
        using = sum(term in retriever.analyzer.terms(view) for view in views)
        return not continuing and using < peripheral_share * len(views)
    if not rarer_by:
        return False
    rarity = _rarity(retriever, result)
    known = [t for t in result.terms if retriever.knows(t)]  # the shared word among them
    if not known:
        # The shared word is no indexed term ("long" only ever stands in "how long"): a
        # passage shown for its meaning alone (the semantic re-ranker); no rarity to compare.
        return False
    return max(rarity(t) for t in unknown) >= max(rarity(t) for t in known) + rarer_by


def _naming_the_guide(retriever: Retriever, hit: Hit) -> set[str]:
    """The terms of the hit's guide title that name no section of it but its opening (whose
    heading is that title): "willowbrook" in "what's the weather tomorrow in Willowbrook"
    says where the guide is, not what the question asks about it."""
    title = hit.passage.guide_title
    return {
        term
        for term in retriever.analyzer.terms(title)
        if all(label == title for label in retriever.sections.naming(term))
    }


def by_words(
    retriever: Retriever,
    policy: Policy,
    result: SearchResult,
    on_its_own: bool,
    continuing: bool,
    by_coverage: bool = True,
) -> bool:
    """Whether the words say the best passage answers something else: it covers less than
    policy.decline_coverage of the question's (unless not `by_coverage`), or, for a
    question on its own (no follow-up), about_something_else with the policy's settings;
    `continuing` as there."""
    return (by_coverage and result.coverage < policy.decline_coverage) or (
        on_its_own
        and about_something_else(
            retriever,
            policy.decline_unknown_words,
            result,
            policy.decline_rarer_by,
            policy.decline_peripheral_share,
            continuing,
        )
    )


def _rarity(retriever: Retriever, result: SearchResult) -> Callable[[str], float]:
    """A term's rarity: the surprisal of the rarest question word it comes from."""
    english = retriever.repairer.english
    if not isinstance(english, EnglishWords):
        return lambda term: 0.0
    by_term: dict[str, float] = {}
    analyzer = retriever.analyzer
    for word in analyzer.apply_synonyms(result.surface):
        for term in analyzer.terms_of_words([word]):
            by_term[term] = max(by_term.get(term, 0.0), english.surprisal(word))
    return lambda term: by_term.get(term, 0.0)
