"""FieldIndex as plain numeric arrays and back, for the on-disk cache.

Only numbers and UTF-8 bytes: the cache is read with np.load(allow_pickle=False), so loading
it cannot run code, and every array is checked before an index is built from it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from guidebot.search.config import VARIANTS, Bm25Params
from guidebot.search.grouped import GroupedIndex
from guidebot.search.index import FieldIndex

ARRAY_FORMAT = 1  # bump when the meaning or layout of the arrays changes


def to_arrays(index: FieldIndex | GroupedIndex) -> dict[str, np.ndarray]:
    """Terms are UTF-8, each followed by a NUL byte, in id order, as one uint8 array; a
    grouped index adds its `groups` array."""
    if isinstance(index, GroupedIndex):
        return {**to_arrays(index.index), "groups": index.groups}
    vocabulary = list(index.terms)
    if any("\0" in t for t in vocabulary):
        raise ValueError("a term contains a NUL character and cannot be stored")
    blob = "".join(t + "\0" for t in vocabulary).encode("utf-8")
    return {
        "format": np.array(ARRAY_FORMAT, dtype=np.int64),
        "params": _params_array(index.params),
        "size": np.array(index.size, dtype=np.int64),
        "avgdl": np.array(index.avgdl, dtype=np.float64),
        "terms": np.frombuffer(blob, dtype=np.uint8),
        "idf": index.idf,
        "indptr": index.indptr,
        "docs": index.docs,
        "values": index.values,
    }


def from_arrays(arrays: Mapping[str, np.ndarray], params: Bm25Params) -> FieldIndex | GroupedIndex:
    """Raises ValueError naming the first problem: a missing array, a wrong dtype or shape,
    parameters other than `params`, inconsistent postings, undecodable terms, groups out of
    range."""
    if "groups" in arrays:
        groups = np.asarray(arrays["groups"])
        if groups.dtype != np.int32 or groups.ndim != 1:
            raise ValueError(f"array 'groups' is {groups.dtype}{list(groups.shape)}, not int32")
        return GroupedIndex(_field_index(arrays, params), groups)
    return _field_index(arrays, params)


def _field_index(arrays: Mapping[str, np.ndarray], params: Bm25Params) -> FieldIndex:
    """The per-document index of the arrays (a grouped one's `groups` aside)."""
    a = _checked_arrays(arrays, params)
    try:
        text = a["terms"].tobytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"terms are not UTF-8: {exc}") from None
    if text and not text.endswith("\0"):
        raise ValueError("terms are truncated")
    vocabulary = text.split("\0")[:-1]
    if len(vocabulary) != len(a["idf"]):
        raise ValueError(f"{len(vocabulary)} terms for {len(a['idf'])} idf values")
    terms = {t: i for i, t in enumerate(vocabulary)}
    if len(terms) != len(vocabulary):
        raise ValueError("terms repeat")
    return FieldIndex(
        params,
        int(a["size"]),
        float(a["avgdl"]),
        terms,
        a["idf"],
        a["indptr"],
        a["docs"],
        a["values"],
    )


_SPEC = {  # name: (dtype, ndim)
    "format": (np.int64, 0),
    "params": (np.float64, 1),
    "size": (np.int64, 0),
    "avgdl": (np.float64, 0),
    "terms": (np.uint8, 1),
    "idf": (np.float64, 1),
    "indptr": (np.int64, 1),
    "docs": (np.int32, 1),
    "values": (np.float64, 1),
}


def _checked_arrays(arrays: Mapping[str, np.ndarray], params: Bm25Params) -> dict[str, np.ndarray]:
    a: dict[str, np.ndarray] = {}
    for name, (dtype, ndim) in _SPEC.items():
        if name not in arrays:
            raise ValueError(f"array '{name}' is missing")
        arr = np.asarray(arrays[name])
        if arr.dtype != dtype or arr.ndim != ndim:
            raise ValueError(
                f"array '{name}' is {arr.dtype}{list(arr.shape)}, not {np.dtype(dtype)}"
            )
        a[name] = arr
    if int(a["format"]) != ARRAY_FORMAT:
        raise ValueError(f"array format {int(a['format'])}, expected {ARRAY_FORMAT}")
    if a["params"].shape != (5,) or not np.array_equal(a["params"], _params_array(params)):
        raise ValueError("built with other BM25 parameters")
    size, vocabulary, postings = int(a["size"]), len(a["idf"]), len(a["docs"])
    indptr, docs = a["indptr"], a["docs"]
    if size < 0 or not math.isfinite(float(a["avgdl"])) or float(a["avgdl"]) < 0:
        raise ValueError("bad passage count or average length")
    if len(indptr) != vocabulary + 1 or len(a["values"]) != postings:
        raise ValueError("postings arrays disagree in length")
    if indptr[0] != 0 or indptr[-1] != postings or np.any(np.diff(indptr) <= 0):
        raise ValueError("postings offsets are not increasing from 0 to the postings count")
    if postings and (int(docs.min()) < 0 or int(docs.max()) >= size):
        raise ValueError("a posting names a passage out of range")
    # Within each term, passages ascend (contains() relies on it); a drop only at term starts.
    drops = np.flatnonzero(np.diff(docs) <= 0) + 1
    if len(drops) and not np.isin(drops, indptr[1:-1]).all():
        raise ValueError("postings are not sorted by passage")
    if not (np.isfinite(a["idf"]).all() and np.isfinite(a["values"]).all()):
        raise ValueError("scores are not finite")
    return a


def _params_array(params: Bm25Params) -> np.ndarray:
    """The parameters stored beside the arrays, so a cache built with others is refused."""
    return np.array(
        [VARIANTS.index(params.variant), params.k1, params.b, params.delta, params.epsilon],
        dtype=np.float64,
    )
