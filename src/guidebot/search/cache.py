"""On-disk cache of built indexes, so a large library starts without re-analysing every passage.

A cache file holds a `Bundle` (named FieldIndexes plus small JSON metadata such as the word
counts typo repair needs) for one `CacheKey`: the knowledge fingerprint, guidebot's version,
the BM25 parameters, a hash of the analyzer's settings, and the explicit versions of the
cache layout (CACHE_FORMAT), the build (bundle.BUILD_VERSION) and the analysis
(analysis.ANALYSIS_VERSION); moving or reformatting code changes none of them. The file is
an uncompressed .npz of plain numeric arrays, each aligned, memory-mapped read-only by
search/npzmap.py (so processes opening the same file share its pages) and never unpickled,
so loading it cannot run code; the JSON header sits inside the same file, so arrays and
header are replaced together by one atomic rename and can never come from two different
builds.

Nothing read back is trusted: a file that is truncated, corrupt (the zip CRCs are checked),
made for another key, or whose arrays have the wrong names, dtypes or shapes, is reported
as a note and `load` returns None, so the caller rebuilds. Failing to write (read-only
or missing-and-uncreatable directory, full disk) is also a note, never an exception.

    key = CacheKey(kb.fingerprint, passages_version(), params, analyzer_settings(kb.synonyms))
    bundle, note = load(cache_dir(), key)
    if bundle is None:
        bundle = build_bundle(passages, analyzer, config)
        note = save(cache_dir(), key, bundle) or note
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from guidebot.atomic import prune, write_bytes
from guidebot.errors import GuidebotError
from guidebot.locations import cache_dir as default_cache_dir
from guidebot.search import analysis, derived
from guidebot.search.arrays import from_arrays, to_arrays
from guidebot.search.bundle import BUILD_VERSION, Bundle
from guidebot.search.config import Bm25Params
from guidebot.search.grouped import GroupedIndex
from guidebot.search.index import FieldIndex
from guidebot.search.npzmap import aligned_npz, map_npz

CACHE_FORMAT = 2  # bump when the bundle's layout or meaning changes (2: arrays aligned)
HEADER = "__header__"
PREFIX = "index-"
KEEP = 4  # cache files kept per directory; older ones (other knowledge, old versions) go
MAX_FILE_BYTES = 1 << 30  # an index larger than this is not cached (a 50 MB guide: 0.97 GB)
MAX_TOTAL_BYTES = 2 << 30  # the cache files kept, together, stay under this
_FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class CacheKey:
    """Everything a cached index depends on; any difference means the cache is not for us."""

    knowledge: str  # KnowledgeBase.fingerprint
    version: str  # knowledge.passages.passages_version(): guidebot's and the chunking's
    params: Bm25Params
    analyzer: str  # analyzer_settings(...) or any hash of what shapes the terms

    def as_dict(self) -> dict[str, Any]:
        return {
            "format": CACHE_FORMAT,
            "build": BUILD_VERSION,
            "knowledge": self.knowledge,
            "version": self.version,
            "params": dataclasses.asdict(self.params),
            "analyzer": self.analyzer,
        }

    def digest(self) -> str:
        return hashlib.sha256(json.dumps(self.as_dict(), sort_keys=True).encode()).hexdigest()


def analyzer_settings(synonym_groups: Iterable[Sequence[str]] = (), extra: str = "") -> str:
    """A hash of everything that decides the analyzer's terms: the synonym groups, the stop
    words and analysis.ANALYSIS_VERSION (bumped when the analysis code changes what terms it
    makes); `extra` adds any other setting the build depends on."""
    digest = hashlib.sha256(extra.encode())
    digest.update(json.dumps([list(g) for g in synonym_groups]).encode())
    digest.update(json.dumps(sorted(analysis.STOP_WORDS)).encode())
    digest.update(f"analysis {analysis.ANALYSIS_VERSION}".encode())
    return digest.hexdigest()[:16]


def cache_path(directory: Path | str | None, key: CacheKey) -> Path:
    directory = Path(directory) if directory is not None else default_cache_dir()
    return directory / f"{PREFIX}{key.digest()[:24]}.npz"


def save(directory: Path | str | None, key: CacheKey, bundle: Bundle) -> str | None:
    """Write the bundle for key, atomically; None when written, else a note saying why not.

    Also removes all but the newest KEEP cache files in the directory, so caches for old
    knowledge or old versions do not pile up."""
    path = cache_path(directory, key)
    try:
        arrays: dict[str, np.ndarray] = {}
        for name, index in bundle.fields.items():
            if not _FIELD_NAME.match(name):
                raise ValueError(f"field name {name!r} is not a lower-case identifier")
            arrays.update({f"{name}.{k}": v for k, v in to_arrays(index).items()})
        header = {"key": key.as_dict(), "fields": list(bundle.fields), "meta": bundle.meta}
        arrays[HEADER] = np.frombuffer(json.dumps(header).encode("utf-8"), dtype=np.uint8)
        data = aligned_npz(arrays)
        if len(data) > MAX_FILE_BYTES:
            return f"did not cache the index: {len(data):,} bytes is over the cache's limit"
        write_bytes(path, data, durable=False)  # checked when read back
    except (OSError, ValueError, TypeError, GuidebotError) as exc:
        return f"could not save the index cache to {path.parent}: {_reason(exc)}"
    prune(path, f"{PREFIX}*.npz", KEEP, MAX_TOTAL_BYTES)
    return None


def load(directory: Path | str | None, key: CacheKey) -> tuple[Bundle | None, str]:
    """(bundle, "") from a sound cache file for key; (None, "") when there is none yet;
    (None, note) when one exists but cannot be trusted, saying why (the caller rebuilds)."""
    path = cache_path(directory, key)
    if not path.is_file():
        return None, ""
    try:
        bundle = _read(path, key)
    except Exception as exc:  # noqa: BLE001 - whatever is wrong with the file, rebuild
        return None, f"ignored the index cache {path}: {_reason(exc)}; rebuilding it"
    return bundle, ""


def _read(path: Path, key: CacheKey) -> Bundle:
    mapped = map_npz(path)
    arrays = mapped.arrays
    if HEADER not in arrays:
        raise ValueError("not a guidebot index cache (no header)")
    header = json.loads(arrays[HEADER].tobytes().decode("utf-8"))
    if not isinstance(header, dict) or not isinstance(header.get("key"), dict):
        raise ValueError("the header is not a guidebot index cache header")
    _check_key(header["key"], key)
    names, meta = header.get("fields"), header.get("meta")
    if not isinstance(names, list) or not isinstance(meta, dict):
        raise ValueError("the header lists no fields or metadata")
    fields: dict[str, FieldIndex | GroupedIndex] = {}
    for name in names:
        if not isinstance(name, str) or not _FIELD_NAME.match(name):
            raise ValueError(f"bad field name {name!r}")
        prefix = f"{name}."
        parts = {k[len(prefix) :]: v for k, v in arrays.items() if k.startswith(prefix)}
        try:
            fields[name] = from_arrays(parts, key.params)
        except ValueError as exc:
            raise ValueError(f"field '{name}': {exc}") from None
        mapped.drop_pages()  # checking read every page; queries map back the ones they use
    sizes = {index.size for index in fields.values()}
    if len(sizes) > 1 or ("passages" in meta and sizes and meta["passages"] not in sizes):
        raise ValueError("the fields disagree on the number of passages")
    bundle = Bundle(fields, meta)
    bundle.flat("title"), bundle.flat("body")  # what the retriever reads passage by passage
    passages = meta.get("passages")
    if not isinstance(passages, int) or isinstance(passages, bool) or passages < 0:
        raise ValueError("the metadata gives no number of passages")
    derived.check(meta, passages)
    return bundle


def _check_key(found: dict[str, Any], key: CacheKey) -> None:
    expected = key.as_dict()
    if found == expected:
        return
    what = {
        "format": "an older cache format",
        "build": "an older index build",
        "knowledge": "other knowledge",
        "version": f"guidebot {found.get('version')}",
        "params": "other BM25 parameters",
        "analyzer": "other analyzer settings",
    }
    differs = [what[k] for k in expected if found.get(k) != expected[k]] or ["another key"]
    raise ValueError(f"it was built for {', '.join(differs)}")


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 200 else text[:197] + "..."
