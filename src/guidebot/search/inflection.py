"""Telling a word from its other inflections.

The index stems with Snowball, which is right for ranking ("programs" finds "program") but
joins words that a reader keeps apart: "book" the thing and "booked" the verb. Whether a
passage really holds a question's word is decided here with a light stemmer that removes
plural endings only, so "books" is "book" while "booked" and "booking" are other words
(answer_only_variants says where the engine asks).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence

from guidebot.search.analysis import Analyzer, is_number, words
from guidebot.search.highlights import PassageWords


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
    passage_words: PassageWords,
    row: int,
    matched: Collection[str],
    surface: Sequence[str],
) -> frozenset[str]:
    """The question's terms (from its words, `surface`) that FAQ passage `row` holds only in
    its answer, and only as other words of the same stem: an entry's question says what it
    answers, so "Can I borrow a book?" is not the projector entry whose answer says
    "booked". Not for words its question or alternates hold, nor for guide passages, whose
    prose says "adoption" where people ask "adopt": counting every such match as missing
    declined 60 of CLINC150's dev questions that stemming had rightly matched ("meaning"
    for "means"), 7 of the ingested article's and 3 of the bundled guide's; so limited,
    none. Empty for a guide passage."""
    passage = passage_words.passage(row)
    if passage.kind != "faq":
        return frozenset()
    titled = set(analyzer.terms(passage.title))
    asked = {t: f for t, f in forms_by_term(analyzer, surface).items() if t not in titled}
    written = passage_words.written(row, [t for t in asked if t in matched])
    return loosely_matched(analyzer, asked, written)
