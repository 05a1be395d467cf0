"""The bulk build against its straightforward definition: analysing and indexing passage by
passage gives the same terms, word counts and field indexes, bit for bit."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from unittest.mock import patch

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from guidebot.knowledge.loader import load_knowledge
from guidebot.knowledge.passages import Passage, build_passages
from guidebot.search import bulk
from guidebot.search.analysis import Analyzer, words
from guidebot.search.bulk import BulkAnalyzer, Docs, take
from guidebot.search.bundle import Bundle, analyse_passages, build_bundle
from guidebot.search.config import Bm25Params, RetrievalConfig
from guidebot.search.grouped import GroupedIndex
from guidebot.search.index import FieldIndex
from guidebot.search.pieces import Pieces, _KeyTable
from tests.search.test_index import assert_same_index

ROOT = Path(__file__).resolve().parents[2]
SYNONYMS = [
    ["salary", "pay", "wage"],
    ["machine learning", "ml"],
    ["duration", "how long"],
    ["how", "hw"],
    ["you", "u"],
]
# Words that exercise every path: synonyms (single words, phrases, their first words), stop
# words, possessives, numbers with separators, accents and other scripts, capitals that
# compatibility decomposition makes, curly and doubled apostrophes, pieces over 16 bytes
# and the bytes that the bulk path joins texts with or marks placeholders by.
WORDS = [
    *"salary Pay wage's ML machine learning how long hw u the is it's".split(),
    *"dean's O'Neil can't don’t rock''n Résumé café naïve 日本語 Ελληνικά ℌ 𝐀 ＡＩ".split(),
    *"145,000 1,5 2.8 3.1.4 six 6 a.b e.g. ... ' , x1y".split(),
    "abcdefghijklmnopq",
    "hyperventilations's",
    "\x00",
    "\x01",
    "a\x01b",
]
SEPARATORS = [" ", "  ", ", ", ". ", "\n", "\t", "-", "_", "!", "(", ") ", ":", "/", "’", "é"]
SEPARATORS += ["\n2. ", "\n 10) "]  # list items' numbers, which are no words
text_st = st.one_of(
    st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=10).map(
        lambda parts: "".join(w + s for w, s in parts)
    ),
    st.text(max_size=30),
)


def term_lists(docs: Docs, names: list[str]) -> list[list[str]]:
    spans = zip(np.cumsum(docs.lengths), docs.lengths, strict=True)
    return [[names[i] for i in docs.ids[end - n : end]] for end, n in spans]


@settings(max_examples=300, deadline=None)
@given(st.lists(text_st, max_size=8))
@example(["salary’salary\n2. 6) "])  # list numbers dropped before and in words() alike
def test_the_words_of_a_texts_pieces_are_its_words(texts):
    pieces = Pieces()
    words_of: list[list[str]] = []
    met: list[int] = []
    for batch in (texts[:3], texts[3:]):  # numbering carries over from one call to the next
        cut = pieces.number(batch)
        ends = np.cumsum(cut.counts).tolist()
        words_of += [cut.words[end - n : end] for end, n in zip(ends, cut.counts, strict=True)]
        assert len(words_of) == len(pieces) and len(cut.lengths) == len(batch)
        ends = np.cumsum(cut.lengths)
        for text, end, count in zip(batch, ends, cut.lengths, strict=True):
            numbers = cut.numbers[end - count : end]
            assert [w for n in numbers for w in words_of[n]] == words(text)
        met += cut.numbers.tolist()
    assert list(dict.fromkeys(met)) == list(range(len(pieces)))  # numbered as first met


def test_pieces_that_differ_in_any_one_byte_are_told_apart():
    """Every byte of a piece counts, on each side of the 8- and 16-byte boundaries."""
    texts = [
        "a" * length if i < 0 else "a" * i + "b" + "a" * (length - i - 1)
        for length in range(1, 21)
        for i in range(-1, length)
    ]
    cut = Pieces().number(texts)
    assert cut.lengths.tolist() == [1] * len(texts) and cut.counts.tolist() == [1] * len(texts)
    assert cut.numbers.tolist() == list(range(len(texts)))
    assert cut.words == texts


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 3)), max_size=400),
    st.integers(1, 5),
)
def test_the_key_table_numbers_keys_as_a_dict_would(keys, batches):
    """Few distinct values, so keys repeat within and across batches and share slots."""
    keys = [(a * 0x0101010101010101 + 1, b << 62) for a, b in keys]  # never (0, 0)
    table, model = _KeyTable(), {}
    for part in np.array_split(np.arange(len(keys)), batches):
        batch = [keys[i] for i in part]
        k1 = np.array([a for a, _ in batch], dtype=np.uint64)
        k2 = np.array([b for _, b in batch], dtype=np.uint64)
        found = table.find(k1, k2)
        assert found.tolist() == [model.get(key, -1) for key in batch]
        new = np.flatnonzero(found < 0)
        found[new], first = table.enter(k1[new], k2[new])
        for key in batch:
            model.setdefault(key, len(model))
        assert found.tolist() == [model[key] for key in batch]
        assert table.find(k1, k2).tolist() == found.tolist()
        assert [batch[i] for i in new[first]] == list(model)[len(model) - len(first) :]


def test_the_key_table_grows_and_still_finds_every_key():
    rng = np.random.default_rng(7)
    table = _KeyTable()
    k1 = rng.integers(1, 2**63, 50_000, dtype=np.uint64)
    k2 = rng.integers(0, 4, 50_000, dtype=np.uint64)
    for part in np.array_split(np.arange(50_000), 7):
        found = table.find(k1[part], k2[part])
        new = np.flatnonzero(found < 0)
        table.enter(k1[part][new], k2[part][new])
    assert sorted(table.find(k1, k2).tolist()) == list(range(50_000))
    assert (table.find(k1, k2 + np.uint64(4)) == -1).all()  # no key entered has k2 >= 4


@settings(max_examples=200, deadline=None)
@given(st.lists(text_st, max_size=12))
def test_bulk_analysis_equals_analysing_text_by_text(texts):
    with patch.object(bulk, "CHUNK", 5):  # several chunks, so tables grow between them
        analyser = BulkAnalyzer(Analyzer(SYNONYMS))
        docs = analyser.analyse(texts)
    reference = Analyzer(SYNONYMS)
    assert term_lists(docs, list(analyser.terms)) == [reference.terms(t) for t in texts]
    counts = Counter(w for text in texts for w in words(text) if w.isalpha())
    assert list(analyser.vocabulary().items()) == list(counts.items())  # in order of first use


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 6), max_size=12), st.data())
def test_take_gives_the_documents_asked_for(lengths, data):
    docs = Docs(np.arange(sum(lengths), dtype=np.int32), np.array(lengths, dtype=np.int64))
    rows = data.draw(st.lists(st.integers(0, len(lengths) - 1), unique=True)) if lengths else []
    if data.draw(st.booleans()):
        rows = sorted(rows)  # the masked path
    got = take(docs, np.array(rows, dtype=np.int64))
    expected = term_lists(docs, list(range(len(docs.ids))))
    assert term_lists(got, list(range(len(docs.ids)))) == [expected[r] for r in rows]
    assert got.ids.dtype == np.int32


def straightforward(
    passages: list[Passage], analyzer: Analyzer, config: RetrievalConfig
) -> tuple[dict[str, FieldIndex | GroupedIndex], dict[str, int]]:
    """The fields and the typo vocabulary as defined: each title and text analysed on its
    own, each guide section's passages joined into its document."""
    title = [analyzer.terms(p.title) for p in passages]
    body = [analyzer.terms(p.text) for p in passages]
    rows: dict[tuple[str, str], int] = {}
    sections: list[list[str]] = []
    for passage, terms in zip(passages, body, strict=True):
        if passage.kind == "guide":
            row = rows.setdefault((passage.guide, passage.section), len(sections))
            if row == len(sections):
                sections.append([])
            sections[row] += terms
    groups = np.array([rows.get((p.guide, p.section), -1) for p in passages], dtype=np.int32)
    fields = {
        "title": FieldIndex.build(title, config.bm25),
        "body": FieldIndex.build(body, config.bm25),
        "section": GroupedIndex.build(sections, groups, config.bm25),
    }
    vocabulary = Counter(w for p in passages for w in words(f"{p.title} {p.text}") if w.isalpha())
    return fields, dict(vocabulary)


def assert_bundle_is(
    bundle: Bundle,
    passages: list[Passage],
    synonyms: Sequence[Sequence[str]],
    config: RetrievalConfig,
) -> None:
    fields, vocabulary = straightforward(passages, Analyzer(synonyms), config)
    assert list(bundle.fields) == list(fields)
    for name, expected in fields.items():
        got = bundle.fields[name]
        if isinstance(expected, GroupedIndex):
            assert isinstance(got, GroupedIndex)
            assert got.groups.tobytes() == expected.groups.tobytes()
            got, expected = got.index, expected.index
        assert isinstance(got, FieldIndex) and isinstance(expected, FieldIndex)
        assert_same_index(got, expected)
    assert bundle.meta["passages"] == len(passages)
    assert list(bundle.meta["vocabulary"].items()) == list(vocabulary.items())


def passage(kind: str, section: str, title: str, text: str, guide: str = "g1") -> Passage:
    return Passage(
        f"{guide}/{section}", guide, guide.upper(), section, text, title, kind, "g.md", 1
    )


passage_st = st.builds(
    passage,
    kind=st.sampled_from(["guide", "faq"]),
    section=st.sampled_from(["One", "Two", "Three"]),
    title=st.just("") | text_st,
    text=text_st,
    guide=st.sampled_from(["g1", "g2"]),
)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(passage_st, max_size=12),
    st.sampled_from([Bm25Params(), Bm25Params(variant="okapi"), Bm25Params(variant="l")]),
)
@example(
    [
        passage("guide", "One", "", "The dean's salary: $145,000, or 1,5 in Ελληνικά?"),
        passage("guide", "Two", "How long?", "it is the u"),  # stop words only
        passage("faq", "One", "ML pay", "hw long does it take... 2.8 years"),
        passage("guide", "One", "Résumé ＡＩ", "-- !! --"),  # no words; section One again
        passage("faq", "Elsewhere", "", "Machine learning wage, café naïve don’t"),
        passage("guide", "One", "", "", guide="g2"),
        passage("guide", "Two", "", "Steps:\n1. Pay the wage.\n2) See ML 2.8 times"),
    ],
    Bm25Params(variant="okapi"),
)
def test_build_bundle_equals_the_straightforward_build(passages, params):
    """Sections in and out of passage order, FAQ entries inside and outside sections, empty
    titles, texts of stop words only or of no words at all."""
    config = dataclasses.replace(RetrievalConfig(), bm25=params)
    with patch.object(bulk, "CHUNK", 4):
        bundle = build_bundle(passages, Analyzer(SYNONYMS), config)
    assert_bundle_is(bundle, passages, SYNONYMS, config)
    analysed = analyse_passages(passages, Analyzer(SYNONYMS))
    reference = Analyzer(SYNONYMS)
    assert analysed.title == [reference.terms(p.title) for p in passages]
    assert analysed.body == [reference.terms(p.text) for p in passages]


def test_build_bundle_of_the_bundled_knowledge_equals_the_straightforward_build():
    kb = load_knowledge(ROOT / "knowledge")
    passages = list(build_passages(kb))
    bundle = build_bundle(passages, Analyzer(kb.synonyms), RetrievalConfig())
    assert_bundle_is(bundle, passages, kb.synonyms, RetrievalConfig())
