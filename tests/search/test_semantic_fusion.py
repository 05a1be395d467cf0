"""Fusion of BM25 with embedding similarity: reciprocal rank fusion and the linear mix."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from guidebot.search.semantic.fusion import linear_mix, rrf


def test_rrf_sums_reciprocal_ranks_with_k_60() -> None:
    ids, scores = rrf([[1, 2, 3], [3, 1, 2]])
    assert ids.tolist() == [1, 3, 2]
    expected = {1: 1 / 61 + 1 / 62, 3: 1 / 63 + 1 / 61, 2: 1 / 62 + 1 / 63}
    assert scores.tolist() == pytest.approx([expected[i] for i in ids.tolist()])
    assert ids.dtype == np.int64 and scores.dtype == np.float64


def test_rrf_rewards_agreement_over_one_top_rank() -> None:
    # 2 is second in both lists; 1 and 3 are first in one and absent from the other.
    ids, _ = rrf([[1, 2], [3, 2]])
    assert ids.tolist() == [2, 1, 3]


def test_rrf_k_weights_the_top_ranks() -> None:
    # With k = 0 a first place (1/1) outweighs two third places (2/3); with k = 60 it does not.
    assert rrf([[7, 8, 9], [5, 6, 9]], k=0)[0][0] == 7
    assert rrf([[7, 8, 9], [5, 6, 9]], k=60)[0][0] == 9


def test_rrf_ties_follow_the_first_list() -> None:
    assert rrf([[1, 2], [2, 1]])[0].tolist() == [1, 2]
    assert rrf([[2, 1], [1, 2]])[0].tolist() == [2, 1]
    # Ids only the later lists name come after, in the order those lists first name them.
    assert rrf([[1], [2], [3]])[0].tolist() == [1, 2, 3]
    assert rrf([[4], [9, 8]])[0].tolist() == [4, 9, 8]


def test_rrf_same_ranks_in_another_order_tie_exactly() -> None:
    # Each id is 1st, 2nd and 3rd once: the sums must be exactly equal, not 1 ulp apart.
    ids, scores = rrf([[1, 2, 3], [2, 3, 1], [3, 1, 2]])
    assert ids.tolist() == [1, 2, 3]
    assert scores[0] == scores[1] == scores[2]


def test_rrf_accepts_numpy_rankings() -> None:
    ids, _ = rrf([np.array([4, 2]), np.array([2, 4], dtype=np.int32)])
    assert ids.tolist() == [4, 2]


def test_rrf_of_nothing_is_empty() -> None:
    for lists in ([], [[]], [[], []]):
        ids, scores = rrf(lists)
        assert ids.shape == scores.shape == (0,)


def test_rrf_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="twice"):
        rrf([[1, 2, 1]])
    with pytest.raises(ValueError, match="k"):
        rrf([[1]], k=-1)


@given(st.lists(st.permutations(range(8)), min_size=1, max_size=4))
def test_rrf_ranks_every_id_once_best_first(rankings: list[list[int]]) -> None:
    ids, scores = rrf(rankings)
    assert sorted(ids.tolist()) == list(range(8))
    assert np.all(np.diff(scores) <= 0)
    if len(rankings) == 1:
        assert ids.tolist() == rankings[0]


def test_linear_mix_divides_bm25_by_the_best_score() -> None:
    fused = linear_mix([4.0, 2.0, 0.0], [0.0, 0.0, 0.0], weight=0.0)
    assert fused.tolist() == [1.0, 0.5, 0.0]


def test_linear_mix_weight_is_the_cosine_share() -> None:
    bm25, cos = [4.0, 2.0], [0.1, 0.9]
    assert linear_mix(bm25, cos, 1.0).tolist() == pytest.approx(cos)
    assert linear_mix(bm25, cos, 0.5).tolist() == pytest.approx([0.55, 0.7])
    # The cosine lifts the lexically weaker candidate above the stronger one.
    assert np.argmax(linear_mix(bm25, cos, 0.5)) == 1


def test_linear_mix_ignores_the_scale_of_bm25() -> None:
    bm25, cos = np.array([3.0, 1.5, 0.2]), np.array([0.2, 0.5, 0.4])
    assert np.allclose(linear_mix(bm25, cos, 0.3), linear_mix(bm25 * 17.0, cos, 0.3))


def test_linear_mix_with_no_lexical_match_lets_the_cosines_decide() -> None:
    fused = linear_mix([0.0, 0.0, 0.0], [0.2, 0.8, -0.1], weight=0.4)
    assert fused.tolist() == pytest.approx([0.08, 0.32, -0.04])
    assert np.isfinite(fused).all()


def test_linear_mix_counts_negative_bm25_as_zero() -> None:
    assert linear_mix([2.0, -1.0], [0.0, 0.0], 0.0).tolist() == [1.0, 0.0]
    assert linear_mix([-2.0, -1.0], [0.0, 0.0], 0.0).tolist() == [0.0, 0.0]


def test_linear_mix_of_one_candidate_and_of_none() -> None:
    assert linear_mix([3.2], [0.5], 0.5).tolist() == [0.75]
    assert linear_mix([], [], 0.5).shape == (0,)


@pytest.mark.parametrize(
    ("bm25", "cos", "weight", "match"),
    [
        ([1.0], [0.5], 1.5, "weight"),
        ([1.0], [0.5], -0.1, "weight"),
        ([1.0, 2.0], [0.5], 0.5, "equal length"),
        ([[1.0]], [[0.5]], 0.5, "1-D"),
        ([float("nan")], [0.5], 0.5, "finite"),
        ([1.0], [float("inf")], 0.5, "finite"),
    ],
)
def test_linear_mix_rejects_bad_input(bm25, cos, weight, match) -> None:
    with pytest.raises(ValueError, match=match):
        linear_mix(bm25, cos, weight)
