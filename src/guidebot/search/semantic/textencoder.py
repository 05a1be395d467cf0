"""What ranking needs of whatever turns text into vectors: a sentence-embedding model
(encoder.Encoder) or a table of word vectors (wordvectors.WordVectors)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np


class TextEncoder(Protocol):
    """Unit vectors for texts, and a fingerprint for the caches that keep them."""

    @property
    def dim(self) -> int: ...

    @property
    def model_id(self) -> str: ...

    @property
    def word_level(self) -> bool:
        """True when a word's vector is the same in every sentence (static word vectors),
        whose similarities answer to their own calibration (dialogue.policy)."""
        ...

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray: ...

    def known_share(self, text: str) -> float:
        """How much of the text the encoder reads, 0 to 1: a sentence model reads every
        word (1.0); a table of word vectors only those it holds."""
        ...


def word_cosines(encoder: TextEncoder, words: Sequence[str], others: Sequence[str]) -> np.ndarray:
    """The cosine similarity, in [-1, 1], of each of `words` to each of `others` as the
    encoder reads them (all encoded at once): float64 [len(words), len(others)], NaN for a
    pair where it reads either as nothing (a table of word vectors has none for a word it
    lacks)."""
    vectors = encoder.encode([*words, *others]).astype(np.float64)
    norms = np.linalg.norm(vectors, axis=1)
    units = vectors / np.where(norms > 0, norms, 1.0)[:, None]
    cosines = units[: len(words)] @ units[len(words) :].T
    read = norms > 0
    cosines[~np.outer(read[: len(words)], read[len(words) :])] = np.nan
    return cosines


def word_cosine(encoder: TextEncoder) -> Callable[[str, Sequence[str]], list[float | None]]:
    """word_cosines of one word, as a list with None where it is NaN."""

    def alike(word: str, others: Sequence[str]) -> list[float | None]:
        return [None if np.isnan(c) else float(c) for c in word_cosines(encoder, [word], others)[0]]

    return alike
