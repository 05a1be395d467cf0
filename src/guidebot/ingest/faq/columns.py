"""Column names a FAQ table's header may use, and what a header row says about its table."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz, process

COLUMNS = {
    "question": {"question", "questions", "q", "query", "ask", "asked"},
    "answer": {"answer", "answers", "a", "reply", "response"},
    "alternates": {
        "alternates",
        "alternate",
        "alternatives",
        "alternative",
        "variants",
        "variations",
        "paraphrases",
        "alsoasked",
        "otherwordings",
    },
    "section": {"section", "heading"},
    "guide": {"guide", "guideslug"},
    "id": {"id", "key", "slug"},
}
# A header of several words names the alternates when it says "other ... wordings" in any
# of the ways exports and spreadsheets do ("Alternate questions", "Other phrasings",
# "Similar questions", "Question variants"): its words are all from these two sets, and
# from both ("Other" alone may be anything).
_OTHER_WORDS = {
    *("alternate alternates alternative alternatives variant variants variation".split()),
    *("variations paraphrase paraphrases other similar additional extra also more".split()),
}
_WORDING_WORDS = {
    *("question questions phrasing phrasings wording wordings way ways utterance".split()),
    *("utterances query queries asked ask of to the it".split()),
}
# Columns only a QnA Maker / Custom Question Answering export has. An old QnA Maker export
# has just Question, Answer, Source, Metadata, so those two together count as well.
QNA_ONLY = {"qnaid", "prompts", "iscontextonly", "suggestedquestions"}
QNA_PAIR = {"source", "metadata"}


def plain_name(name: str) -> str:
    """A column name as compared: letters only, lower case ("Qna Id" -> "qnaid")."""
    return re.sub(r"[^a-z]", "", name.lower())


def column_key(name: str, worded: bool = False) -> str:
    """The field a column fills (question, answer, alternates, ...), or '' for none. With
    `worded`, a name of several words that says "other wordings" names the alternates too
    ("Alternate questions"): for a header already found, since as a cell of a table without
    one ("Other questions?") it is no column name."""
    plain = plain_name(name)
    key = next((key for key, names in COLUMNS.items() if plain in names), "")
    words = set(re.findall(r"[a-z]+", name.lower()))
    other, wording = words & _OTHER_WORDS, words & _WORDING_WORDS
    if not key and worded and other and wording and words <= other | wording:
        return "alternates"
    return key


def is_qna_header(cells: list[str]) -> bool:
    """Whether a header row is that of a QnA Maker / Custom Question Answering export."""
    names = {plain_name(c) for c in cells}
    has_both = {"question", "answer"} <= names
    return has_both and bool(names & QNA_ONLY or names >= QNA_PAIR)


def names_columns(cells: list[str]) -> bool:
    """Whether a row names at least one known column, so is a header rather than an entry."""
    return any(column_key(c) for c in cells)


def looks_like_header(cells: list[str]) -> bool:
    """Short labels without sentence punctuation: a header in a language we do not know."""
    filled = [c.strip() for c in cells if c.strip()]
    return bool(filled) and all(
        len(c.split()) <= 3 and not re.search(r"[?!.:;]\s*$|[?!]", c) for c in filled
    )


def misspelt_column(needed: str, names: Sequence[str]) -> str:
    """A hint naming the header cell closest in spelling to a column name of `needed`
    (rapidfuzz ratio 75 or more, letters only, case aside) that names no column itself, as
    " ('Qeustion' may be meant as 'question')" to follow a message; else ""."""
    unnamed = [name for name in names if name.strip() and not column_key(name)]
    plain = [plain_name(name) for name in unnamed]
    best = max(
        (
            (found[1], unnamed[found[2]])
            for spelt in COLUMNS[needed]
            if len(spelt) > 2
            and (found := process.extractOne(spelt, plain, scorer=fuzz.ratio, score_cutoff=75))
        ),
        default=None,
    )
    return f" ('{best[1].strip()}' may be meant as '{needed}')" if best else ""
