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


def word_cosine(encoder: TextEncoder) -> Callable[[str, Sequence[str]], list[float | None]]:
    """The cosine similarity, in [-1, 1], of a word to each of other words as the encoder
    reads them (the word encoded once with them); None for a pair where it reads either as
    nothing (a table of word vectors has none for a word it lacks)."""

    def alike(word: str, others: Sequence[str]) -> list[float | None]:
        first, *rest = encoder.encode([word, *others])
        norm = float(np.linalg.norm(first))
        return [
            float(first @ v) / (norm * n) if norm and (n := float(np.linalg.norm(v))) else None
            for v in rest
        ]

    return alike
