"""A word naming the document ("guide", "page", "article") in a phrase the knowledge itself
writes ("guide dogs", "tour guide", "page numbers"): there it names no document.

"can I bring my guide dog" is not about the guide, whose opening (headed by a title with
"Guide" in it) out-scored the section saying "Guide dogs are welcome" on that word alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

# Passages read, at most, to find a phrase: most questions hold no word naming the document,
# and those that do seldom share both words with more.
MAX_PASSAGES = 50
MAX_KNOWN = 10_000  # pairs whose finding is kept; then forgotten all at once


def in_a_written_phrase(
    term: str,
    terms: Sequence[str],
    holders: Callable[[str], np.ndarray],
    follows: Callable[[int, str, str], bool],
    known: dict[tuple[str, str], bool],
) -> bool:
    """Whether `term` stands next to a neighbour in the question's `terms` (stop words left
    out) as it does in some passage's writing: `holders` gives the rows of the passages
    holding a term, `follows(row, a, b)` whether that passage writes b right after a
    (highlights.PassageWords.follows). `known` keeps each pair's finding (word pair ->
    bool), so that a pair is looked for once however often it is asked about."""
    pairs = {(terms[at - 1], term) for at in range(1, len(terms)) if terms[at] == term}
    pairs |= {(term, terms[at + 1]) for at in range(len(terms) - 1) if terms[at] == term}
    for pair in pairs - {(term, term)}:
        if pair not in known:
            if len(known) >= MAX_KNOWN:
                known.clear()
            rows = np.intersect1d(holders(pair[0]), holders(pair[1]))[:MAX_PASSAGES]
            known[pair] = any(follows(row, *pair) for row in rows.tolist())
        if known[pair]:
            return True
    return False


def written_together(
    terms_of_words: Callable[[Sequence[str]], list[str]],
    holders: Callable[[str], np.ndarray],
    follows: Callable[[int, str, str], bool],
) -> Callable[[str, str], bool]:
    """A test of whether the knowledge writes two words side by side ("sat nav"), by their
    terms as in_a_written_phrase finds them, each pair's finding kept."""
    known: dict[tuple[str, str], bool] = {}

    def together(first: str, second: str) -> bool:
        terms = terms_of_words([first, second])
        return len(terms) == 2 and in_a_written_phrase(terms[0], terms, holders, follows, known)

    return together
