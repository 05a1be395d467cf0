"""How much of a question a passage covers (SearchResult.coverage), the share that declines
are read from."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

EVERYDAY_WEIGHT = 1.0  # coverage weight of an everyday word the knowledge never uses


def coverage(
    terms: Sequence[str],
    matched: Collection[str],
    loose: Collection[str],
    weight: Callable[[str], float],
    loose_credit: float,
) -> float:
    """The weighted share, in [0, 1], of the question's terms found among `matched` (the
    passage's), a term it holds only loosely (another word of the same stem, `loose`)
    counting `loose_credit` of one; `weight` gives each term's (term_weight). 0.0 for no
    terms."""
    if not terms:
        return 0.0
    weights = [weight(t) for t in terms]
    total = sum(weights)
    found = sum(
        w * (loose_credit if t in loose else 1.0)
        for t, w in zip(terms, weights, strict=True)
        if t in matched
    )
    return found / total if total else 0.0


def term_weight(
    term: str, everyday: Collection[str], knows: Callable[[str], bool], idf: Callable[[str], float]
) -> float:
    """A term's weight in coverage: its idf, so that a telling word counts more. A term the
    knowledge never uses counts as most telling ("fafsa", "gmat"), unless it is an everyday
    English word ("wife", "shortlist"): those pad long questions without making them out of
    scope, so they weigh like a common term."""
    return EVERYDAY_WEIGHT if not knows(term) and term in everyday else idf(term)


def nearly_found(
    surface: Sequence[str],
    found: Collection[str],
    terms_of: Callable[[str], Sequence[str]],
    nearness: Callable[[str], float],
    line: float,
) -> set[str]:
    """The terms (`terms_of` a word) of the question's words (`surface`) not `found` whose
    word has one at least `line` near in meaning in the passage (`nearness`, a cosine):
    "bikes" is found in "Bicycle racks are by the main entrance" (0.80)."""
    nearly: set[str] = set()
    for word in surface:
        missing = [t for t in terms_of(word) if t not in found]
        if missing and nearness(word) >= line:
            nearly.update(missing)
    return nearly
