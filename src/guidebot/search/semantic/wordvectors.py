"""Static word vectors: a sentence-embedding model distilled into one vector per English word,
so that ranking and declining read meaning with numpy alone (no onnxruntime, no model files
to fetch) at a small cost per question. guidebot ships one such table, distilled from
all-MiniLM-L6-v2, and reads with it unless told otherwise (model_dir.find_model; `--model
builtin` names it); scripts/distill_words.py makes them.

A text's vector is the mean of its words' vectors weighted by a / (a + p(w)), p(w) the
word's share of the frequency list (S. Arora, Y. Liang, T. Ma, "A Simple but Tough-to-Beat
Baseline for Sentence Embeddings", ICLR 2017), normalised to unit length; words outside the
table count for nothing, and a text with none of its words in it gets the zero vector,
similar to nothing. It goes where an Encoder goes (search/semantic/textencoder.py).

The file (`word-vectors.npz`, in a model directory of its own) holds `words` (str [n]),
`weights` (float32 [n]), `codes` (int8 [n, dim]; a vector is codes * scale), `scale`
(float32 []) and `source` (a JSON string naming what it was distilled from).
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
import zlib
from collections.abc import Sequence
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np

from guidebot.errors import InputError
from guidebot.search.analysis import STOP_WORDS, normalise
from guidebot.search.analysis import words as words_of
from guidebot.search.semantic.model_dir import WORD_VECTORS
from guidebot.search.spellings import other_spellings

SIF_A = 1e-3  # Arora et al.'s a, for a frequency list of this size
# A word with the ending of a contraction ("haven't", "you're", "we've"), as words_of joins
# it ("havent"); the possessive's "'s" it drops instead.
_CONTRACTION = re.compile(r"[^\W\d_]+['’](?:t|re|ve|ll|d|m)\b")
CHUNK = 4096  # texts encoded together: bounds the temporary [words in them, dim] array
_PARTS = ("words", "weights", "codes", "scale", "source")


def pack(words: Sequence[str], counts: np.ndarray, vectors: np.ndarray, source: dict) -> bytes:
    """The .npz bytes of a table: `words` with their corpus `counts` (float [n]) and vectors
    (float [n, dim]), stored as int8 with one scale; `source` says what they came from."""
    scale = float(np.abs(vectors).max()) / 127 or 1.0
    codes = np.round(vectors / scale).astype(np.int8)
    weights = (SIF_A / (SIF_A + counts / counts.sum())).astype(np.float32)
    buffer = io.BytesIO()
    np.savez_compressed(
        buffer,
        words=np.array(list(words)),
        weights=weights,
        codes=codes,
        scale=np.float32(scale),
        source=np.array(json.dumps(source)),
    )
    return buffer.getvalue()


class WordVectors:
    """A loaded table of word vectors; make one with WordVectors.load(path)."""

    word_level = True  # a word's vector is the same in every sentence (TextEncoder)

    def __init__(
        self, index: dict[str, int], weights: np.ndarray, codes: np.ndarray, model_id: str
    ) -> None:
        """index: word -> row of `codes` (int8 [n, dim]) and `weights` (float32 [n]);
        model_id: a fingerprint of the table for cache keys (32 hex digits)."""
        self._index, self._weights, self._codes = index, weights, codes
        self.model_id = model_id
        self.size, self.dim = int(codes.shape[0]), int(codes.shape[1])  # words, dimensions

    @classmethod
    def load(cls, path: Path) -> WordVectors:
        """The table in `path` (a word-vectors.npz, or a directory holding one). Raises
        InputError, naming the file, when it cannot be read or its parts disagree."""
        file = path / WORD_VECTORS if path.is_dir() else path
        try:
            data = file.read_bytes()
            with np.load(io.BytesIO(data), allow_pickle=False) as stored:
                parts: dict[str, Any] = {name: stored[name] for name in _PARTS}
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile, zlib.error) as exc:
            raise InputError(f"{file}: not a word-vector table: {exc}") from exc
        words, weights, codes = parts["words"], parts["weights"], parts["codes"]
        if (
            words.ndim != 1
            or words.dtype.kind != "U"
            or codes.dtype != np.int8
            or codes.ndim != 2
            or 0 in codes.shape
            or codes.shape[0] != len(words)
            or weights.shape != (len(words),)
            or parts["scale"].shape != ()
        ):
            raise InputError(f"{file}: a word-vector table whose parts disagree in shape")
        if weights.dtype.kind != "f" or not (np.isfinite(weights) & (weights >= 0)).all():
            raise InputError(f"{file}: a word-vector table whose weights are not all numbers >= 0")
        index = {str(w): i for i, w in enumerate(words.tolist())}
        model_id = hashlib.sha256(data).hexdigest()[:32]
        return cls(index, weights.astype(np.float32), codes, model_id)

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """Unit vectors of `texts`, float32 (len(texts), dim), zero for a text none of whose
        words the table holds. batch_size is accepted for Encoder's sake and not used.
        Raises TypeError for a single str (it would be read as a sequence of characters)."""
        if isinstance(texts, str):
            raise TypeError("encode takes a sequence of texts, not one str")
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), CHUNK):
            self._encode_into(out[start : start + CHUNK], texts[start : start + CHUNK])
        return out

    def rows(self, words: Sequence[str]) -> np.ndarray:
        """int64 [n]: the table's rows for those of `words` it holds, in order, repeats kept."""
        found = (self.row(w) for w in words)
        return np.fromiter((r for r in found if r is not None), dtype=np.int64)

    def row(self, word: str) -> int | None:
        """The table's row for a word, else for its other standard's spelling (the table,
        distilled from American text, lacks "centre" and "programme"), else None."""
        row = self._index.get(word)
        if row is None and len(word) > 3 and word.isalpha():
            row = next((self._index[w] for w in other_spellings(word) if w in self._index), None)
        return row

    def weights(self, rows: np.ndarray) -> np.ndarray:
        """float32 [n]: the words' weights a / (a + p(w)), as `encode` weighs them."""
        return self._weights[rows]

    def unit_vectors(self, rows: np.ndarray) -> np.ndarray:
        """float32 [n, dim]: the words' vectors scaled to unit length (zero stays zero)."""
        vectors = self._codes[rows].astype(np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms > 0, norms, 1.0)

    def known_share(self, text: str) -> float:
        """The share of the text's weight the table holds, 0 to 1 (1 for a text without
        words): each word it holds weighs what it weighs in `encode`, each word or number
        it lacks 1, the weight of the rarest words, since jargon and names ("kubernetes",
        "27001") are what a question is about; a stop word or a contraction it lacks ("im",
        "dont", "havent": the table holds no apostrophes) nothing, since it names nothing,
        unless a single letter ("r", a language). So a text of such words only is 1."""
        known = unknown = 0.0
        contracted = (  # most questions have no apostrophe: no second pass over them
            {c.replace("'", "") for c in _CONTRACTION.findall(normalise(text))}
            if "'" in text or "’" in text
            else set()
        )
        for word in words_of(text):
            row = self.row(word)
            if row is None:
                if len(word) > 1 and (word in STOP_WORDS or word in contracted):
                    continue
                unknown += 1.0
            else:
                known += float(self._weights[row])
        return known / (known + unknown) if known + unknown else 1.0

    def _encode_into(self, out: np.ndarray, texts: Sequence[str]) -> None:
        found = ([self.row(w) for w in words_of(t)] for t in texts)
        rows = [[r for r in text if r is not None] for text in found]
        lengths = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
        flat = np.fromiter(chain.from_iterable(rows), dtype=np.int64, count=int(lengths.sum()))
        if not len(flat):
            return
        # A text's words are consecutive in `flat`: one reduceat sums each text's, for the
        # texts that have any (reduceat would repeat a row for an empty span). The table's
        # scale is left out: it does not change a direction.
        weighted = self._codes[flat].astype(np.float32) * self._weights[flat, None]
        filled = lengths > 0
        starts = (np.cumsum(lengths) - lengths)[filled]
        sums = np.add.reduceat(weighted, starts, axis=0)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        out[filled] = sums / np.where(norms > 0, norms, 1.0)
