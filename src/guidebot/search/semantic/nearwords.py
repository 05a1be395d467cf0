"""For every word of a table of word vectors, the knowledge's words near it in meaning:
computed once per knowledge and table and kept in the cache directory, so that soft term
matching and query expansion (alignment.py, expansion.py) look a question's words up
rather than multiply them with every word of the knowledge at each question.

That product took 70-130 µs of a question's 1.3 ms on the bundled guide (1,296 words of
the knowledge, 256 dimensions): OpenBLAS multiplies a tall matrix by two to five columns at
a fraction of its speed. Above the least cosine any rule asks for (REACH), a table word has
few near words (about five in the bundled guide), so the lists are small: 15,640 pairs for
the bundled guide's 40,000 table words, built in about 0.5 s. Looked up, a cosine may differ
from the one a question's own product gives in its last float32 bit (one sums in another
order than the other): answers are the same but for a word within that of a floor.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from guidebot.search.npzmap import map_npz
from guidebot.search.semantic import viewcache
from guidebot.search.semantic.wordvectors import WordVectors

# The least cosine the lists hold: the lowest floor the rules use (RetrievalConfig's
# semantic_alignment_floor; expansion_floor and soft_coverage are higher). A lower floor
# is computed in full (WordAlignment).
REACH = 0.5
PRODUCTS = 1 << 20  # cosines computed at once at most (4 MB of float32)
ROWS = 4096  # table words multiplied at once at most (their unit vectors: 4 MB at 256 dim)
# Knowledge of more words is multiplied at each question, as without a cache: the lists'
# build grows with them (at 256 dimensions, 0.5 s for 1,300 words, 8 s for 20,000).
MAX_WORDS = 5_000
PREFIX = "nearwords-"  # kept as the embeddings are, the newest viewcache.KEEP
VERSION = 1  # bump when what is listed, or the numbering of the knowledge's words, changes


def spans(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """int64: the positions starts[i], ..., starts[i] + counts[i] - 1 for each i, one range
    after another (the postings or pairs of several words, in one array)."""
    return np.arange(counts.sum()) + np.repeat(starts - (np.cumsum(counts) - counts), counts)


@dataclass(frozen=True)
class NearWords:
    """The knowledge's words at cosine `reach` or more to each table word, as compressed rows:
    those of table row r are words[starts[r]:starts[r + 1]] (numbers of the knowledge's
    words, ascending) with their cosines."""

    reach: float
    vocabulary: np.ndarray  # int64 [words]: the table's row of each of the knowledge's words
    starts: np.ndarray  # int64 [table rows + 1]
    words: np.ndarray  # int32 [pairs]
    cosines: np.ndarray  # float32 [pairs]

    @classmethod
    def build(cls, table: WordVectors, vocabulary: np.ndarray, reach: float) -> NearWords:
        """The lists for the knowledge's words, `vocabulary` their rows in the table (int64
        [words], in the knowledge's numbering), each table word's products computed as
        WordAlignment computes a question's."""
        if not len(vocabulary):
            empty = np.zeros(0, dtype=np.int32)
            return cls(reach, vocabulary, np.zeros(table.size + 1, dtype=np.int64), empty, empty)
        vectors = table.unit_vectors(vocabulary)
        counts, words, cosines = [], [], []
        chunk = max(1, min(ROWS, PRODUCTS // len(vocabulary)))
        for start in range(0, table.size, chunk):
            rows = np.arange(start, min(start + chunk, table.size))
            products = (vectors @ table.unit_vectors(rows).T).T
            row, word = np.nonzero(products >= reach)
            counts.append(np.bincount(row, minlength=len(rows)))
            words.append(word.astype(np.int32))
            cosines.append(products[row, word])
        starts = np.r_[0, np.cumsum(np.concatenate(counts))].astype(np.int64)
        return cls(reach, vocabulary, starts, np.concatenate(words), np.concatenate(cosines))

    def pairs(self, rows: np.ndarray, floor: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(which, word, cosine) for each knowledge word at `floor` or more to one of the
        table's `rows` (int64 [n]): `which` indexes `rows`, ascending, and within each the
        words ascend. Raises ValueError for a floor under `reach`, which the lists lack."""
        if floor < self.reach:
            raise ValueError(f"floor {floor} is under the lists' reach {self.reach}")
        counts = self.starts[rows + 1] - self.starts[rows]
        at = spans(self.starts[rows], counts)
        which = np.repeat(np.arange(len(rows)), counts)
        cosines = self.cosines[at]
        keep = cosines >= floor
        return which[keep], self.words[at][keep], cosines[keep]


def path(directory: Path, key: str) -> Path:
    """The cache file for `key`, naming what the lists depend on (the knowledge's
    fingerprint, the table)."""
    return viewcache.path(directory, f"{VERSION} {REACH} {key}", PREFIX)


def cached(file: Path, table: WordVectors, vocabulary: np.ndarray) -> NearWords | None:
    """The lists for the knowledge's words (`vocabulary`, their table rows: int64 [words])
    kept in `file`, else built (NearWords.build at REACH) and kept there; None for knowledge
    of more than MAX_WORDS words. A file that cannot be read, or was made for other words,
    another table or another reach, is built again, and one that cannot be written leaves
    the lists unkept: either costs time, not answers."""
    if len(vocabulary) > MAX_WORDS:
        return None
    try:
        return _read(file, table.size, vocabulary)
    except Exception:  # noqa: BLE001 - a damaged zip raises more than ValueError; build again
        pass
    near = NearWords.build(table, vocabulary, REACH)
    arrays = {
        "reach": np.array(REACH),
        "vocabulary": near.vocabulary,
        "starts": near.starts,
        "words": near.words,
        "cosines": near.cosines,
    }
    viewcache.keep(file, arrays, "the near-word lists", PREFIX)  # unkept costs time only
    return near


def _read(file: Path, table_words: int, vocabulary: np.ndarray) -> NearWords:
    """The lists in `file`; raises OSError, ValueError or KeyError when it cannot be read or
    was not made at REACH for a table of `table_words` words and these knowledge words (the
    numbering of the knowledge's words, which the lists hold, is theirs)."""
    stored = map_npz(file).arrays
    starts, found, cosines = stored["starts"], stored["words"], stored["cosines"]
    if stored["reach"].shape != () or float(stored["reach"]) != REACH:
        raise ValueError(f"{file}: near-word lists of another reach")
    if not np.array_equal(stored["vocabulary"], vocabulary):
        raise ValueError(f"{file}: near-word lists for other words")
    if (
        starts.dtype != np.int64
        or found.dtype != np.int32
        or cosines.dtype != np.float32
        or starts.shape != (table_words + 1,)
        or found.shape != cosines.shape
        or starts[0] != 0
        or starts[-1] != len(found)
        or np.any(np.diff(starts) < 0)
    ):
        raise ValueError(f"{file}: near-word lists of another shape")
    if len(found) and (found.min() < 0 or found.max() >= len(vocabulary) or cosines.min() < REACH):
        raise ValueError(f"{file}: near-word lists for other words")
    return NearWords(REACH, vocabulary, starts, found, cosines)
