"""Where the sentence-embedding model is: `--model DIR`, else GUIDEBOT_MODEL, else the Hugging
Face cache; GUIDEBOT_SEMANTIC=0 turns the re-ranker off whatever else is set.

A model directory holds `tokenizer.json` and `model.onnx` (or `onnx/model.onnx`, where the
Hugging Face ONNX exports keep it). Only file names are looked at here; whether the files load
is Encoder.load's business. Pure functions of their arguments and the file system: the
environment comes in as a mapping, so callers (and tests) decide what it is.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator, Mapping
from pathlib import Path

from guidebot.errors import InputError

OFF_VALUES = frozenset({"0", "false", "no", "off"})

# Cached models tried first, in this order, when the Hugging Face cache holds several: the
# small mean-pooled English sentence embedders the re-ranker was measured with.
PREFERRED = (
    "sentence-transformers/all-MiniLM-L6-v2",
    "Xenova/all-MiniLM-L6-v2",
    "sentence-transformers/all-MiniLM-L12-v2",
    "Xenova/all-MiniLM-L12-v2",
)


# Files that sentence-transformers writes beside a model it saves.
SENTENCE_MARKS = ("config_sentence_transformers.json", "modules.json", "1_Pooling/config.json")


# `--model builtin` (or GUIDEBOT_MODEL=builtin): the word vectors guidebot ships
# (wordvectors.py), a model directory holding only word-vectors.npz.
BUILTIN = "builtin"
WORD_VECTORS = "word-vectors.npz"


def builtin_dir() -> Path:
    """The directory of the word vectors shipped with guidebot."""
    return Path(__file__).parent / BUILTIN


def named_model(name: str) -> Path:
    """The directory a --model or GUIDEBOT_MODEL value names: builtin_dir() for `builtin`."""
    return builtin_dir() if name == BUILTIN else Path(name).expanduser()


def model_files(directory: Path) -> tuple[Path, Path] | None:
    """(model.onnx, tokenizer.json) of a model directory, or None when it is not one."""
    tokenizer = directory / "tokenizer.json"
    if not tokenizer.is_file():
        return None
    for onnx in (directory / "model.onnx", directory / "onnx" / "model.onnx"):
        # is_file() follows symbolic links, so a cache snapshot whose blob was never
        # downloaded (a dangling link) does not count.
        if onnx.is_file():
            return onnx, tokenizer
    return None


def is_model_dir(directory: Path) -> bool:
    """A sentence-embedding model (model_files) or a table of word vectors."""
    return model_files(directory) is not None or (directory / WORD_VECTORS).is_file()


def semantic_switched_off(env: Mapping[str, str]) -> bool:
    """GUIDEBOT_SEMANTIC is 0, false, no or off (any case)."""
    return env.get("GUIDEBOT_SEMANTIC", "").strip().lower() in OFF_VALUES


def find_model(explicit: Path | str | None, env: Mapping[str, str]) -> Path | None:
    """The model directory to use, or None for none (GUIDEBOT_SEMANTIC=0: BM25 alone).

    Precedence: GUIDEBOT_SEMANTIC=0 (None, even with --model), then `explicit` (--model DIR),
    then GUIDEBOT_MODEL (either may be `builtin`, the shipped word vectors: builtin_dir),
    then the first sentence encoder in the Hugging Face hub cache (see `hf_hub_cache`): a
    PREFERRED repository, else one sentence-transformers saved (SENTENCE_MARKS), by name;
    one whose 1_Pooling/config.json asks for other than mean pooling is passed over; else
    the built-in word vectors.

    `explicit` as typed (str) or a directory (Path). Raises InputError when --model or
    GUIDEBOT_MODEL names a directory that is not a model:
    a person asked for that one, so falling back silently to another would hide their mistake.
    """
    if semantic_switched_off(env):
        return None
    if explicit is not None:
        # As typed: "./builtin" names a folder of that name, only "builtin" the shipped table.
        chosen = named_model(explicit) if isinstance(explicit, str) else explicit.expanduser()
        return _checked(chosen, "--model")
    named = env.get("GUIDEBOT_MODEL", "").strip()
    if named:
        return _checked(named_model(named), "GUIDEBOT_MODEL")
    return next(_cached_models(hf_hub_cache(env)), None) or builtin_dir()


def _checked(directory: Path, source: str) -> Path:
    if not directory.is_dir():
        problem = "a file, not a directory" if directory.exists() else "no such directory"
        raise InputError(f"{directory} (from {source}): {problem}")
    if not is_model_dir(directory):
        raise InputError(
            f"{directory} (from {source}): not a model directory; "
            "it needs tokenizer.json and model.onnx (or onnx/model.onnx), or word-vectors.npz"
        )
    return directory


def hf_hub_cache(env: Mapping[str, str]) -> Path:
    """The Hugging Face hub cache, resolved as huggingface_hub does: HF_HUB_CACHE, else
    HF_HOME/hub, else XDG_CACHE_HOME/huggingface/hub, else ~/.cache/huggingface/hub."""
    hub = env.get("HF_HUB_CACHE") or env.get("HUGGINGFACE_HUB_CACHE")
    if hub:
        return Path(hub).expanduser()
    if env.get("HF_HOME"):
        return Path(env["HF_HOME"]).expanduser() / "hub"
    if env.get("XDG_CACHE_HOME"):
        return Path(env["XDG_CACHE_HOME"]).expanduser() / "huggingface" / "hub"
    home = Path(env["HOME"]) if env.get("HOME") else Path.home()
    return home / ".cache" / "huggingface" / "hub"


def _cached_models(hub: Path) -> Iterator[Path]:
    """Snapshot directories of cached repositories that are models, best first."""
    try:
        repos = [p for p in hub.glob("models--*") if p.is_dir()]
    except OSError:
        return
    by_id = {p.name.removeprefix("models--").replace("--", "/"): p for p in repos}
    ranked = sorted(
        by_id,
        key=lambda r: (PREFERRED.index(r) if r in PREFERRED else len(PREFERRED), r.lower(), r),
    )
    for repo_id in ranked:
        snapshot = _snapshot(by_id[repo_id])
        if snapshot is None or not _mean_pooled(snapshot):
            continue
        # Only a model that says it is a sentence encoder is taken unasked: a cached
        # token classifier or GPT-2 export would load, or fail to, and change every answer.
        if repo_id in PREFERRED or any((snapshot / name).is_file() for name in SENTENCE_MARKS):
            yield snapshot


def _snapshot(repo: Path) -> Path | None:
    """The snapshot refs/main points at when it is a model, else the newest one that is."""
    snapshots = repo / "snapshots"
    try:
        main = (repo / "refs" / "main").read_text(encoding="utf-8").strip()
    except OSError:
        main = ""
    if main and is_model_dir(snapshots / main):
        return snapshots / main
    try:
        found = [p for p in snapshots.iterdir() if is_model_dir(p)]
        found.sort(key=lambda p: (p.stat().st_mtime, p.name), reverse=True)
    except OSError:
        return None
    return found[0] if found else None


def _mean_pooled(snapshot: Path) -> bool:
    """False only when a sentence-transformers pooling config asks for other than mean pooling
    (the encoder always mean-pools, which would give a CLS-pooled model poor embeddings)."""
    try:
        pooling = json.loads((snapshot / "1_Pooling" / "config.json").read_text("utf-8"))
    except (OSError, ValueError):
        return True
    return not isinstance(pooling, dict) or bool(pooling.get("pooling_mode_mean_tokens", True))


def semantic_available() -> bool:
    """True when the `semantic` extra is installed (onnxruntime and tokenizers are found).
    Found, not imported: onnxruntime brings numpy, and the chat app asks before its first
    frame. A wheel that is found but does not load is Encoder.load's InputError."""
    try:
        return all(importlib.util.find_spec(name) for name in ("onnxruntime", "tokenizers"))
    except (ImportError, ValueError):  # ValueError: a module set to None in sys.modules
        return False
