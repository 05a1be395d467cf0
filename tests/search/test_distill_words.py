"""scripts/distill_words.py: words added after the table's own (--extra) leave their vectors
as they were, so a table made with them reads its first words the same."""

from __future__ import annotations

import importlib
from collections.abc import Sequence

import numpy as np
import pytest

from tests.search.tinymodel import SCRIPTS


class _Words:
    """An encoder stand-in: a fixed random vector for each word."""

    def __init__(self, dim: int = 8) -> None:
        self._vectors: dict[str, np.ndarray] = {}
        self._rng = np.random.default_rng(7)
        self._dim = dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        for text in texts:
            self._vectors.setdefault(text, self._rng.normal(size=self._dim))
        return np.array([self._vectors[t] for t in texts], dtype=np.float32)


def test_extra_words_follow_the_table_without_moving_its_own() -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(SCRIPTS))
        distil = importlib.import_module("distill_words").distil
    encoder = _Words()
    words = [f"w{n}" for n in range(40)]
    alone = distil(encoder, words, 4)
    both = distil(encoder, words, 4, ["tv", "app"])
    assert alone.shape == (40, 4) and both.shape == (42, 4)
    assert np.allclose(both[:40], alone)
    # centred on the table's own words: their mean is zero, the extra words' need not be
    assert np.allclose(alone.mean(axis=0), 0.0, atol=1e-9)
    assert not np.allclose(both[40:], 0.0)
