"""The arithmetic of building a FieldIndex (index.py), over flat numpy arrays: term ids,
the order terms are first met in, term frequencies, idf and rank-bm25's tf/length factor."""

from __future__ import annotations

import math
from operator import itemgetter

import numpy as np

from guidebot.search.config import Bm25Params

_CHUNK = 1 << 20  # entries per step where a step makes int64 temporaries


def first_use(ids: np.ndarray, count: int) -> np.ndarray:
    """The distinct ids in ids (int [n], each below count), in order of first appearance
    (int64 [distinct])."""
    first = np.full(count, len(ids), dtype=np.int64)
    for start in range(0, len(ids), _CHUNK):  # by chunks, to bound the int64 temporaries
        part = ids[start : start + _CHUNK].astype(np.int64)
        np.minimum.at(first, part, np.arange(start, start + len(part)))
    met = np.flatnonzero(first < len(ids))
    return met[np.argsort(first[met])]  # first positions are distinct: any sort is exact


def ids_of(flat: list[str], terms: dict[str, int], chunk: int = 1 << 19) -> np.ndarray:
    """Term ids of a flat token list. itemgetter does the dict lookups in C; going by chunks
    bounds the temporary tuple of Python ints (about 36 bytes a token) to a few MB."""
    out = np.empty(len(flat), dtype=np.int64)
    for start in range(0, len(flat), chunk):
        part = flat[start : start + chunk]
        ids = itemgetter(*part)(terms)
        out[start : start + len(part)] = ids if len(part) > 1 else [ids]
    return out


def term_frequencies(
    flat_ids: np.ndarray, lengths: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(term, passage, count) triples, sorted by term and then passage: int32, int32 and
    float64 arrays."""
    n = max(len(lengths), 1)
    keys = flat_ids  # reused in place: the flat ids are not needed afterwards
    keys *= n
    keys += np.repeat(np.arange(len(lengths), dtype=np.int32), lengths)
    keys.sort()  # one flat int64 sort; np.unique does more work than this needs
    if not len(keys):
        return np.zeros(0, np.int32), np.zeros(0, np.int32), np.zeros(0, np.float64)
    change = np.empty(len(keys), dtype=bool)
    change[0] = True
    np.not_equal(keys[1:], keys[:-1], out=change[1:])
    starts = np.flatnonzero(change)
    del change
    tf = np.empty(len(starts), dtype=np.float64)  # run lengths, computed straight into floats
    np.subtract(starts[1:], starts[:-1], out=tf[:-1])
    tf[-1] = len(keys) - starts[-1]
    unique = keys[starts]
    del keys, starts
    terms, docs = np.empty(len(unique), np.int32), np.empty(len(unique), np.int32)
    np.divmod(unique, n, out=(terms, docs), casting="unsafe")  # both fit: fewer than 2**31
    return terms, docs, tf


def idf_of(df: np.ndarray, n: int, params: Bm25Params) -> np.ndarray:
    if params.variant == "plus":
        return np.log((n + 1) / df)
    if params.variant == "l":
        return math.log(n + 1) - np.log(df + 0.5)
    idf = np.log(n - df + 0.5) - np.log(df + 0.5)
    if len(idf):
        # rank-bm25 floors negative idfs (terms in over half the passages) at epsilon * mean.
        idf = np.where(idf < 0, params.epsilon * idf.mean(), idf)
    return idf


def tf_part(tf: np.ndarray, dl: np.ndarray, avgdl: float, p: Bm25Params) -> np.ndarray:
    """rank-bm25's tf/length factor, operation for operation (so the same roundings), but in
    place where it can be: dl is overwritten."""
    norm = dl
    norm *= p.b
    norm /= avgdl
    np.add(1 - p.b, norm, out=norm)  # 1 - b + b * dl / avgdl
    if p.variant == "l":
        ctd = tf / norm
        return tf * (p.k1 + 1) * (ctd + p.delta) / (p.k1 + ctd + p.delta)
    norm *= p.k1
    norm += tf  # tf + k1 * norm
    out = tf * (p.k1 + 1)
    out /= norm
    return out
