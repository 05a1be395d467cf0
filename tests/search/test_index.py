"""FieldIndex against rank-bm25, the reference: same scores within 1e-9, same top 10."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rank_bm25 import BM25L, BM25Okapi, BM25Plus

from guidebot.search.arrays import from_arrays, to_arrays
from guidebot.search.config import Bm25Params
from guidebot.search.index import FieldIndex, best_matching, top_k

TOLERANCE = 1e-9
WORDS = [f"w{i}" for i in range(12)]  # a small vocabulary, so terms repeat across passages

docs_st = st.lists(
    st.lists(st.sampled_from(WORDS), min_size=0, max_size=12), min_size=1, max_size=25
).filter(lambda docs: any(docs))  # rank-bm25 cannot index a corpus without a single token
query_st = st.lists(st.sampled_from([*WORDS, "unknown", "zzz"]), min_size=0, max_size=6)
params_st = st.builds(
    Bm25Params,
    variant=st.sampled_from(["okapi", "plus", "l"]),
    k1=st.sampled_from([0.5, 0.9, 1.2, 1.5, 2.0]),  # k1 = 0 makes rank-bm25 divide 0 by 0
    b=st.sampled_from([0.0, 0.3, 0.75, 1.0]),
    delta=st.sampled_from([0.0, 0.5, 1.0, 2.0]),
    epsilon=st.sampled_from([0.0, 0.25, 0.5]),
)


def reference(docs: list[list[str]], p: Bm25Params):
    if p.variant == "okapi":
        return BM25Okapi(docs, k1=p.k1, b=p.b, epsilon=p.epsilon)
    if p.variant == "plus":
        return BM25Plus(docs, k1=p.k1, b=p.b, delta=p.delta)
    return BM25L(docs, k1=p.k1, b=p.b, delta=p.delta)


def ranking(scores: np.ndarray, k: int) -> list[int]:
    """Reference order: stable sort by -score, so equal scores keep passage order."""
    return [int(i) for i in np.argsort(-scores, kind="stable")[:k]]


def no_match_score(index: FieldIndex, query: list[str]) -> float:
    return sum(index.constant(t) for t in query)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(docs=docs_st, query=query_st, params=params_st)
def test_scores_and_top10_equal_rank_bm25(docs, query, params):
    expected = np.asarray(reference(docs, params).get_scores(query), dtype=np.float64)
    index = FieldIndex.build(docs, params)
    got = index.scores(query)
    assert got.shape == expected.shape
    # rank-bm25 divides 0 by 0 for an empty passage when b = 1 and reports NaN; guidebot gives
    # it the score of a passage that matches nothing. Nowhere else may NaN appear.
    nan = np.isnan(expected)
    if nan.any():
        assert params.b == 1.0
        assert all(len(docs[i]) == 0 for i in np.flatnonzero(nan))
        np.testing.assert_allclose(got[nan], no_match_score(index, query), atol=TOLERANCE)
        expected = np.where(nan, got, expected)
    np.testing.assert_allclose(got, expected, rtol=0, atol=TOLERANCE)

    ids, top_scores = index.top_k(query, 10)
    want = ranking(expected, 10)
    np.testing.assert_allclose(top_scores, got[ids])
    assert_same_top(list(map(int, ids)), want, expected)


def assert_same_top(got: list[int], want: list[int], scores: np.ndarray) -> None:
    """Same ids in the same order; where two scores differ by less than float noise (a tie the
    two implementations may sum to different last bits), the id at that rank must at least
    hold a tied score. Clear ties (bit-equal) are broken identically: lower passage first."""
    assert len(got) == len(want) == len(set(got))
    for rank, (g, w) in enumerate(zip(got, want, strict=True)):
        if g != w:
            assert abs(scores[g] - scores[w]) <= TOLERANCE, (rank, got, want)


@settings(max_examples=150, deadline=None)
@given(docs=docs_st, query=query_st, params=params_st, k=st.integers(0, 30))
def test_top_k_is_the_sorted_prefix(docs, query, params, k):
    index = FieldIndex.build(docs, params)
    scores = index.scores(query)
    ids, _ = index.top_k(query, k)
    order = np.lexsort((np.arange(len(scores)), -scores))[:k]
    assert list(ids) == list(order)


@given(
    scores=st.lists(st.sampled_from([-1.0, 0.0, 0.5, 1.0, 2.0, 3.0]), max_size=40),
    k=st.integers(0, 45),
    baseline=st.sampled_from([None, 0.0, 1.0]),
)
def test_top_k_ties_break_by_position(scores, k, baseline):
    arr = np.array(scores, dtype=np.float64)
    expected = np.lexsort((np.arange(len(arr)), -arr))[:k] if len(arr) else []
    assert list(top_k(arr, k, baseline)) == list(expected)


def test_single_passage_and_repeated_query_terms():
    docs = [["salary", "salary", "pay"]]
    for variant in ("okapi", "plus", "l"):
        params = Bm25Params(variant=variant)
        expected = reference(docs, params).get_scores(["salary", "salary", "nope"])
        got = FieldIndex.build(docs, params).scores(["salary", "salary", "nope"])
        np.testing.assert_allclose(got, expected, atol=TOLERANCE)


def test_scores_at_a_realistic_size():
    """A few thousand passages with a Zipf-like vocabulary: the float sums stay within 1e-9."""
    rng = np.random.default_rng(3)
    vocabulary = np.array([f"t{i}" for i in range(3000)])
    weights = 1 / (np.arange(3000) + 2.7)
    weights /= weights.sum()
    docs = [list(rng.choice(vocabulary, size=rng.integers(0, 90), p=weights)) for _ in range(3000)]
    for variant in ("okapi", "plus", "l"):
        params = Bm25Params(variant=variant)
        ref = reference(docs, params)
        index = FieldIndex.build(docs, params)
        for _ in range(10):
            query = list(rng.choice(vocabulary[:800], size=rng.integers(1, 6)))
            expected = ref.get_scores(query)
            np.testing.assert_allclose(index.scores(query), expected, rtol=0, atol=TOLERANCE)
            ids, _ = index.top_k(query, 10)
            assert_same_top(list(map(int, ids)), ranking(expected, 10), expected)


def test_empty_corpus_and_all_empty_passages():
    empty = FieldIndex.build([], Bm25Params())
    assert empty.scores(["a"]).shape == (0,)
    assert list(empty.top_k(["a"], 5)[0]) == []
    blank = FieldIndex.build([[], []], Bm25Params(variant="okapi"))
    assert list(blank.scores(["a"])) == [0.0, 0.0]
    assert blank.doc_freq("a") == 0


def test_accumulate_adds_the_bm25_plus_constant_once():
    docs = [["a", "b"], ["b"], ["c"]]
    index = FieldIndex.build(docs, Bm25Params(variant="plus"))
    into = np.zeros(3)
    constant = index.accumulate(into, {"a": 1.0, "b": 2.0, "zz": 5.0}, scale=0.5)
    reference = BM25Plus(docs)  # rank-bm25, same defaults
    slow = 0.5 * (reference.get_scores(["a"]) + 2 * reference.get_scores(["b"]))
    np.testing.assert_allclose(into, slow, atol=TOLERANCE)
    assert constant == pytest.approx(0.5 * (index.constant("a") + 2 * index.constant("b")))
    assert into[2] == pytest.approx(constant)  # "c" matches nothing: it gets just the constant
    okapi = FieldIndex.build(docs, Bm25Params(variant="okapi"))
    assert okapi.accumulate(np.zeros(3), {"a": 1.0}) == 0.0


@pytest.fixture
def small() -> FieldIndex:
    docs = [["salary", "pay", "salary"], [], ["tuition"], ["pay", "cost"], ["salary"]]
    return FieldIndex.build(docs, Bm25Params())


def test_contains(small):
    assert small.contains("salary", 0)
    assert small.contains("salary", 4)
    assert not small.contains("salary", 1)
    assert not small.contains("salary", 2)
    assert not small.contains("salary", 5)  # past the last passage
    assert small.contains("pay", 3)
    assert not small.contains("unknown", 0)
    assert not small.contains("tuition", 0)
    assert small.contains("tuition", 2)


def test_doc_freq_counts_passages_not_occurrences(small):
    assert small.doc_freq("salary") == 2
    assert small.doc_freq("pay") == 2
    assert small.doc_freq("cost") == 1
    assert small.doc_freq("unknown") == 0


@settings(max_examples=100, deadline=None)
@given(docs=docs_st, params=params_st)
def test_contains_and_doc_freq_match_the_passages(docs, params):
    index = FieldIndex.build(docs, params)
    for term in [*WORDS, "unknown"]:
        holders = [i for i, d in enumerate(docs) if term in d]
        assert index.doc_freq(term) == len(holders)
        assert [i for i in range(len(docs)) if index.contains(term, i)] == holders


@settings(max_examples=100, deadline=None)
@given(docs=docs_st, query=query_st, params=params_st)
def test_arrays_round_trip_gives_the_same_scores(docs, query, params):
    index = FieldIndex.build(docs, params)
    arrays = to_arrays(index)
    assert all(a.dtype != object for a in arrays.values())
    again = from_arrays(arrays, params)
    assert again.terms == index.terms
    assert np.array_equal(again.scores(query), index.scores(query))


def test_arrays_keep_unusual_terms():
    docs = [["", "café", "日本"], ["a b", ""]]
    index = FieldIndex.build(docs, Bm25Params())
    again = from_arrays(to_arrays(index), Bm25Params())
    assert again.terms == index.terms


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda a: a.pop("docs"), "missing"),
        (lambda a: a.update(docs=a["docs"].astype(np.int64)), "int64"),
        (lambda a: a.update(values=a["values"][:-1]), "length"),
        (lambda a: a.update(indptr=a["indptr"][::-1].copy()), "offsets"),
        (lambda a: a.update(docs=a["docs"] + 100), "out of range"),
        (lambda a: a.update(docs=a["docs"][::-1].copy()), "sorted"),
        (lambda a: a.update(terms=a["terms"][:-1]), "truncated"),
        (lambda a: a.update(terms=np.full_like(a["terms"], 0xFF)), "UTF-8"),
        (lambda a: a.update(params=a["params"] + 1), "parameters"),
        (lambda a: a.update(values=np.full_like(a["values"], np.nan)), "finite"),
        (lambda a: a.update(size=np.array([3], dtype=np.int64)), "size"),
    ],
)
def test_from_arrays_rejects_damaged_arrays(change, message):
    index = FieldIndex.build([["a", "b"], ["b", "c"], ["c", "a", "d"]], Bm25Params())
    arrays = dict(to_arrays(index))
    change(arrays)
    with pytest.raises(ValueError, match=message):
        from_arrays(arrays, Bm25Params())


def test_has_term_agrees_with_contains(small):
    docs = np.array([4, 0, 1, 2, 3])  # any order: the answer follows the docs given
    for term in ("salary", "pay", "tuition", "unknown"):
        expected = [small.contains(term, int(d)) for d in docs]
        assert small.has_term(term, docs).tolist() == expected
    assert small.has_term("salary", docs).tolist() == [True, True, False, False, False]


def test_parts_that_disagree_in_length_are_refused():
    built = FieldIndex.build([["a", "b"], ["b", "c"]], Bm25Params())
    with pytest.raises(ValueError, match="disagree"):
        FieldIndex(
            built.params, built.size, built.avgdl, built.terms, built.idf[:-1],
            built.indptr, built.docs, built.values,
        )  # fmt: skip


def assert_same_index(got: FieldIndex, expected: FieldIndex) -> None:
    """Bit for bit: the same terms in the same order, every array of the same dtype and bytes."""
    assert list(got.terms.items()) == list(expected.terms.items())
    assert (got.params, got.size, got.avgdl) == (expected.params, expected.size, expected.avgdl)
    for name in ("idf", "indptr", "docs", "values"):
        a, b = getattr(got, name), getattr(expected, name)
        assert a.dtype == b.dtype and a.tobytes() == b.tobytes(), name


@settings(max_examples=200, deadline=None)
@given(
    docs=st.lists(st.lists(st.sampled_from(WORDS), max_size=12), max_size=25),
    params=params_st,
    data=st.data(),
)
def test_from_ids_equals_build(docs, params, data):
    """From term ids numbered any way (names may hold terms no passage has), with or without
    copies: the index `build` makes from the term lists."""
    names = data.draw(st.permutations([*WORDS, "unused"]))
    number = {term: i for i, term in enumerate(names)}
    ids = np.array([number[t] for doc in docs for t in doc], dtype=np.int32)
    lengths = np.array([len(doc) for doc in docs], dtype=np.int64)
    copies = data.draw(
        st.none()
        | st.lists(st.integers(1, 4), min_size=len(docs), max_size=len(docs)).map(
            lambda c: np.array(c, dtype=np.int64)
        )
    )
    assert_same_index(
        FieldIndex.from_ids(ids, lengths, names, params, copies),
        FieldIndex.build(docs, params, copies),
    )


def test_best_matching_keeps_only_passages_scoring_above_the_baseline() -> None:
    scores = np.array([1.0, 3.0, 1.0, -np.inf, 2.0, 3.0])
    assert best_matching(scores, 10, baseline=1.0) == [(1, 3.0), (5, 3.0), (4, 2.0)]
    assert best_matching(scores, 2, baseline=1.0) == [(1, 3.0), (5, 3.0)]
    assert best_matching(np.full(4, 0.5), 3, baseline=0.5) == []
