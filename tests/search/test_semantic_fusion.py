"""The linear mix of BM25 and similarity that the retriever applies (fusion.mix_into)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from guidebot.search.semantic.fusion import mix_into


def mixed(scores, similarities, weight, baseline=0.0) -> list[float]:
    out = np.array(scores, dtype=np.float64)
    mix_into(out, baseline, np.array(similarities, dtype=np.float64), weight)
    return out.tolist()


def test_weight_zero_keeps_bm25_and_one_keeps_the_similarity_in_bm25_units() -> None:
    assert mixed([4.0, 2.0, 0.0], [0.9, 0.1, 0.5], 0.0) == pytest.approx([4.0, 2.0, 0.0])
    assert mixed([4.0, 2.0, 0.0], [0.9, 0.1, 0.5], 1.0) == pytest.approx([3.6, 0.4, 2.0])


def test_bm25_is_a_share_of_the_best_above_the_baseline() -> None:
    # baseline 1 (BM25+'s constant): shares 1, 0.5, 0; similarities 0, 1, 0.5; weight 0.5
    assert mixed([5.0, 3.0, 1.0], [0.0, 1.0, 0.5], 0.5, baseline=1.0) == pytest.approx(
        [3.0, 4.0, 2.0]
    )


def test_negative_similarities_count_as_zero_and_ruled_out_passages_stay_out() -> None:
    result = mixed([2.0, -np.inf, 1.0], [-0.5, 0.9, -0.1], 0.5)
    assert result[0] == pytest.approx(1.0) and result[1] == -np.inf
    assert result[2] == pytest.approx(0.5)


def test_weak_matches_are_not_blown_up_and_no_match_lets_similarity_decide() -> None:
    # The best BM25 score 0.2 counts as 1: shares stay 0.2 and 0.1, not 1 and 0.5.
    assert mixed([0.2, 0.1], [0.0, 0.0], 0.5) == pytest.approx([0.1, 0.05])
    assert np.argmax(mixed([0.0, 0.0, 0.0], [0.1, 0.7, 0.3], 0.85)) == 1


def test_nothing_finite_is_left_alone_and_bad_input_is_refused() -> None:
    assert mixed([-np.inf, -np.inf], [0.5, 0.5], 0.5) == [-np.inf, -np.inf]
    with pytest.raises(ValueError, match="weight"):
        mixed([1.0], [0.5], 1.5)
    with pytest.raises(ValueError, match="differ"):
        mix_into(np.zeros(2), 0.0, np.zeros(3), 0.5)


@given(
    st.lists(st.floats(0, 50), min_size=1, max_size=20).flatmap(
        lambda bm25: st.tuples(
            st.just(bm25),
            st.lists(st.floats(-1, 1), min_size=len(bm25), max_size=len(bm25)),
            st.floats(0, 1),
        )
    )
)
def test_the_mix_lies_between_its_two_parts(data) -> None:
    bm25, sims, weight = data
    top = max(max(bm25), 1.0)
    for score, sim, fused in zip(bm25, sims, mixed(bm25, sims, weight), strict=True):
        low, high = sorted((score, top * max(sim, 0.0)))
        assert low - 1e-9 <= fused <= high + 1e-9
