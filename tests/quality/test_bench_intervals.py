"""scripts/bench_faq.py's Wilson intervals: how far chance alone moves a figure."""

from __future__ import annotations

import importlib

import pytest

from tests.search.tinymodel import SCRIPTS


def test_wilson_intervals_match_the_textbook_and_stay_within_bounds() -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(SCRIPTS))
        wilson = importlib.import_module("bench_faq").wilson
    low, high = wilson(0.69, 100)  # CLINC150's dev part: 69 of 100 out-of-scope declined
    assert (round(low, 3), round(high, 3)) == (0.594, 0.772)
    narrow = wilson(0.618, 1000)
    assert narrow[1] - narrow[0] < high - low  # ten times the questions, a third the width
    assert wilson(0.0, 10)[0] == 0.0 and 0.27 < wilson(0.0, 10)[1] < 0.28
    assert wilson(1.0, 10)[1] == 1.0
    assert wilson(0.5, 0) == (0.0, 1.0)
