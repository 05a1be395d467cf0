"""GroupedIndex: one document per group of passages, scoring as the expanded per-passage index."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guidebot.search import cache
from guidebot.search.arrays import from_arrays, to_arrays
from guidebot.search.bundle import Bundle
from guidebot.search.cache import CacheKey
from guidebot.search.config import Bm25Params
from guidebot.search.grouped import GroupedIndex
from guidebot.search.index import FieldIndex
from tests.search.test_index import assert_same_index

TOLERANCE = 1e-9
WORDS = ["w0", "w1", "w2", "w3", "w4"]
query_st = st.lists(st.sampled_from([*WORDS, "unknown"]), max_size=5)
params_st = st.sampled_from(
    [Bm25Params(variant=v, b=b) for v in ("okapi", "plus", "l") for b in (0.0, 0.75, 1.0)]
)
groups_st = (
    st.lists(st.lists(st.sampled_from(WORDS), max_size=10), min_size=1, max_size=8)
    .flatmap(
        lambda docs: st.tuples(
            st.just(docs),
            st.lists(st.integers(-1, len(docs) - 1), max_size=30).map(
                lambda more: [*range(len(docs)), *more]  # every group has a passage
            ),
        )
    )
    .flatmap(lambda data: st.tuples(st.just(data[0]), st.permutations(data[1])))
)


def expanded(docs: list[list[str]], groups: list[int]) -> list[list[str]]:
    """The per-passage documents a GroupedIndex stands for: a passage with no group has none."""
    return [docs[g] if g >= 0 else [] for g in groups]


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(groups_st, query_st, params_st)
def test_scores_equal_the_index_over_the_expanded_documents(data, query, params):
    docs, groups = data
    grouped = GroupedIndex.build(docs, np.array(groups, dtype=np.int32), params)
    flat = FieldIndex.build(expanded(docs, groups), params)
    weights = {t: 1.0 + i for i, t in enumerate(dict.fromkeys(query))}
    mine, theirs = np.zeros(len(groups)), np.zeros(len(groups))
    assert grouped.accumulate(mine, weights, 0.5) == pytest.approx(
        flat.accumulate(theirs, weights, 0.5), abs=TOLERANCE
    )
    assert np.allclose(mine, theirs, rtol=0, atol=TOLERANCE)
    assert grouped.size == len(groups)


def test_postings_are_stored_once_per_group():
    docs = [["a", "b", "a"], ["c"]]
    groups = np.array([0, 0, 0, 1, -1], dtype=np.int32)
    grouped = GroupedIndex.build(docs, groups, Bm25Params())
    flat = FieldIndex.build(expanded(docs, groups.tolist()), Bm25Params())
    assert len(grouped.index.docs) == 3 and len(flat.docs) == 7
    with pytest.raises(ValueError, match="no passage"):
        GroupedIndex.build(docs, np.array([0, 0], dtype=np.int32), Bm25Params())


def test_arrays_round_trip_and_bad_groups_are_refused():
    params = Bm25Params()
    grouped = GroupedIndex.build([["a"], ["b"]], np.array([1, 0, -1], dtype=np.int32), params)
    again = from_arrays(to_arrays(grouped), params)
    assert isinstance(again, GroupedIndex)
    assert np.array_equal(again.groups, grouped.groups)
    bad = {**to_arrays(grouped), "groups": np.array([0, 5, 1], dtype=np.int32)}
    with pytest.raises(ValueError, match="out of range"):
        from_arrays(bad, params)
    wrong_type = {**to_arrays(grouped), "groups": np.array([0.0, 1.0, 0.0])}
    with pytest.raises(ValueError, match="int32"):
        from_arrays(wrong_type, params)


def test_a_cache_whose_per_passage_field_is_grouped_is_refused(tmp_path):
    params = Bm25Params()
    groups = np.array([0, 0], dtype=np.int32)
    grouped = GroupedIndex.build([["a"]], groups, params)
    bundle = Bundle({"title": grouped, "body": FieldIndex.build([["a"], ["b"]], params)})
    key = CacheKey("k", "0", params, "analyzer")
    assert cache.save(tmp_path, key, bundle) is None
    loaded, note = cache.load(tmp_path, key)
    assert loaded is None and "title" in note


@settings(max_examples=100, deadline=None)
@given(groups_st, params_st)
def test_from_ids_equals_build(data, params):
    docs, groups = data
    names = [*reversed(WORDS), "unused"]  # numbered otherwise than in order of appearance
    ids = np.array([names.index(t) for doc in docs for t in doc], dtype=np.int32)
    lengths = np.array([len(doc) for doc in docs], dtype=np.int64)
    groups = np.array(groups, dtype=np.int32)
    got = GroupedIndex.from_ids(ids, lengths, names, groups, params)
    expected = GroupedIndex.build(docs, groups, params)
    assert np.array_equal(got.groups, expected.groups) and got.groups.dtype == np.int32
    assert_same_index(got.index, expected.index)
