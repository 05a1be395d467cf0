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
    written: Callable[[int], Sequence[Sequence[str]]],
    known: dict[tuple[str, str], bool],
) -> bool:
    """Whether `term` stands next to a neighbour in the question's `terms` (stop words left
    out, as in the passages) as it does in some passage's writing: `holders` gives the rows
    of the passages holding a term, `written(row)` each of that passage's texts (heading or
    phrasings, body) as terms in order. `known` keeps each pair's finding (word pair ->
    bool), so that a pair is looked for once however often it is asked about."""
    pairs = {(terms[at - 1], term) for at in range(1, len(terms)) if terms[at] == term}
    pairs |= {(term, terms[at + 1]) for at in range(len(terms) - 1) if terms[at] == term}
    for pair in pairs - {(term, term)}:
        if pair not in known:
            if len(known) >= MAX_KNOWN:
                known.clear()
            rows = np.intersect1d(holders(pair[0]), holders(pair[1]))[:MAX_PASSAGES]
            known[pair] = any(_adjacent(text, pair) for r in rows.tolist() for text in written(r))
        if known[pair]:
            return True
    return False


def _adjacent(text: Sequence[str], pair: tuple[str, str]) -> bool:
    return any(a == pair[0] and b == pair[1] for a, b in zip(text, text[1:], strict=False))
