"""The cache of passage embeddings: one file per knowledge and model in the cache directory
(the newest KEEP kept), holding the views' vectors and the passage each belongs to, mapped
rather than read when loaded (search/npzmap.py)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

from guidebot.atomic import prune, write_bytes
from guidebot.errors import GuidebotError
from guidebot.search.npzmap import aligned_npz, map_npz

PREFIX = "embeddings-"
KEEP = 4


def path(directory: Path, key: str, prefix: str = PREFIX) -> Path:
    """The cache file for `key`, which names everything the embeddings (or, under another
    prefix, what is kept beside them) depend on: what is embedded, the knowledge's
    fingerprint, the model."""
    return directory / f"{prefix}{hashlib.sha256(key.encode()).hexdigest()[:24]}.npz"


def read(file: Path, passages: int) -> tuple[np.ndarray, np.ndarray]:
    """(vectors float32 [views, dim], rows int64 [views]) stored in `file` for that many
    passages; raises OSError, ValueError or KeyError when it cannot be read or is damaged."""
    stored = map_npz(file).arrays
    rows = _checked_rows(stored["rows"], passages)
    return _checked(stored["vectors"]), rows


def write(file: Path, vectors: np.ndarray, rows: np.ndarray) -> str:
    """Keep the embeddings in `file` (atomically, pruning older ones); returns what went
    wrong ("" when nothing did). Nothing read (a table of English words over a guide in
    another language) is no file worth keeping: _checked would call it damaged at every
    start."""
    if not vectors.any():
        return ""
    return keep(file, {"vectors": vectors, "rows": rows}, "the embeddings cache")


def keep(file: Path, arrays: dict[str, np.ndarray], what: str, prefix: str = PREFIX) -> str:
    """Write `arrays` to `file` uncompressed (mapped when read: npzmap.py), atomically,
    and delete all but the newest KEEP files of that prefix beside it; returns what went
    wrong saving `what` ("" when nothing did)."""
    try:
        write_bytes(file, aligned_npz(arrays), durable=False)
        prune(file, f"{prefix}*.npz", KEEP)
    except (OSError, GuidebotError) as exc:
        return f"could not save {what}: {exc}"
    return ""


def _checked(vectors: np.ndarray) -> np.ndarray:
    """Stored embeddings as computed: finite float32 rows of unit length, or zero for a text
    none of whose words a table of word vectors holds, and not all zero (a file damaged in
    place would otherwise decline every question without a word); raises ValueError."""
    if vectors.ndim != 2 or vectors.dtype != np.float32:
        raise ValueError(f"embeddings of shape {vectors.shape} and type {vectors.dtype}")
    norms = np.linalg.norm(vectors, axis=1)
    unit = np.abs(norms - 1.0) < 1e-3
    if not np.all(unit | (norms == 0)) or (len(norms) and not unit.any()):
        raise ValueError("the embeddings are not unit vectors: the file is damaged")
    return vectors


def _checked_rows(rows: np.ndarray, passages: int) -> np.ndarray:
    """Stored view rows as passage_views gives them for that many passages: int64, from 0,
    each passage's views together and every passage with one at least; raises ValueError."""
    if rows.ndim != 1 or rows.dtype != np.int64 or not len(rows) or passages < 1:
        raise ValueError("the view rows are not a list of passage numbers")
    steps = np.diff(rows)
    if rows[0] != 0 or rows[-1] != passages - 1 or not np.all((steps == 0) | (steps == 1)):
        raise ValueError("the view rows were made for other passages")
    return rows
