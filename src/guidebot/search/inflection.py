"""Telling a word from its other inflections.

The index stems with Snowball, which is right for ranking ("programs" finds "program") but
joins words that a reader keeps apart: "book" the thing and "booked" the verb. Whether a
passage really holds a question's word is decided here with a light stemmer that removes
plural endings only, so "books" is "book" while "booked" and "booking" are other words.

The engine asks only of words an FAQ entry holds in its answer and not in its question or
alternates (answer_only_variants): an entry's question says what it answers, so "Can I borrow
a book?" is not the projector entry whose answer says "booked". Asking of guide passages
too, whose prose says "adoption" where people ask "adopt", declined 60 of CLINC150's dev
questions that stemming had rightly matched ("meaning" for "means"), 7 of the ingested
article's and 3 of the bundled guide's; so limited, none.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from guidebot.search.analysis import Analyzer, is_number, words
from guidebot.search.highlights import PassageWords
from guidebot.search.index import FieldIndex
from guidebot.search.results import Hit


def plural_stems(word: str) -> set[str]:
    """What a lower-case word may be without its plural ending: Harman's S-stemmer ("How
    effective is suffixing?", JASIS 42(1), 1991: -ies -> -y, -es -> -e, -s -> nothing, each
    with its exceptions), and for "-es" also the word without it, since the S-stemmer
    leaves "boxe" and "campuse" ("causes" may be "cause", "campuses" is "campus"). Two
    words are the same when their sets meet. A word with no plural ending is its own set."""
    if len(word) <= 3 or not word.endswith("s"):
        return {word}
    if word.endswith("ies") and not word.endswith(("eies", "aies")):
        return {word[:-3] + "y"}
    if word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
        return {word[:-1], word[:-2]}
    if word.endswith(("us", "ss")):
        return {word}
    return {word[:-1]}


def forms_by_term(analyzer: Analyzer, surface: Iterable[str]) -> dict[str, set[str]]:
    """For each search term of the words, the plural stems of the words that yield it,
    after synonyms (so a synonym counts as the word it stands for)."""
    forms: dict[str, set[str]] = {}
    for word in analyzer.apply_synonyms(list(surface)):
        term = analyzer.term_of(word)
        if term is not None:
            forms.setdefault(term, set()).update(plural_stems(word))
    return forms


def loosely_matched(
    analyzer: Analyzer,
    asked: Mapping[str, set[str]],
    written: Mapping[str, Iterable[str]],
) -> frozenset[str]:
    """The terms a passage holds only as other words of the same stem: for each term of
    `asked` (forms_by_term of the question), `written` gives the passage's tokens yielding
    it. A term with no tokens there (it came from a phrase) or no forms asked is not loose,
    nor is a figure ("two" and "2" are one term and one number)."""
    loose = set()
    for term, forms in asked.items():
        tokens = list(written.get(term, ()))
        if not tokens or not forms or is_number(term):
            continue
        found = forms_by_term(analyzer, (w for token in tokens for w in words(token)))
        if forms.isdisjoint(found.get(term, ())):
            loose.add(term)
    return frozenset(loose)


def answer_only_variants(
    analyzer: Analyzer,
    title: FieldIndex,
    passage_words: PassageWords,
    hit: Hit,
    surface: Sequence[str],
) -> frozenset[str]:
    """The question's terms (from its words, `surface`) that FAQ hit holds only in its
    answer, not in its title field (question and alternates), and there only as other words
    of the same stem. Empty for a guide passage (see the module docstring)."""
    if hit.passage.kind != "faq":
        return frozenset()
    answer_only = [t for t in hit.matched if not title.contains(t, hit.row)]
    if not answer_only:
        return frozenset()
    forms = forms_by_term(analyzer, surface)
    asked = {t: forms[t] for t in answer_only if t in forms}
    return loosely_matched(analyzer, asked, passage_words.written(hit.row, asked))
