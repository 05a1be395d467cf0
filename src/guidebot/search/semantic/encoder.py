"""Sentence embeddings from an ONNX model directory, for the optional semantic re-ranker.

onnxruntime and tokenizers come with the `semantic` extra (`pip install 'guidebot[semantic]'`).
They are imported inside the functions that need them, never when this module is imported, so
that guidebot without the extra imports, starts and answers exactly as before.

The model directory (see model_dir.py) holds an encoder graph taking input_ids /
attention_mask / token_type_ids (whichever it declares) and giving last_hidden_state (batch,
sequence, dim); the encoder mean-pools it over the real tokens and scales each row to unit
length, as sentence-transformers does for all-MiniLM-L6-v2. An optional guidebot-model.json
(written by scripts/convert_model.py) may set "max_length" and must say "pooling": "mean" if
it names a pooling.
"""

from __future__ import annotations

import hashlib
import importlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from guidebot.errors import InputError
from guidebot.search.semantic.model_dir import model_files

MAX_LENGTH = 256  # tokens, special ones included; all-MiniLM-L6-v2 was trained at this length
METADATA = "guidebot-model.json"
_FEEDS = ("input_ids", "attention_mask", "token_type_ids")
_FINGERPRINT_CHUNK = 1 << 20  # bytes hashed from each end of model.onnx for model_id


class Encoder:
    """A loaded sentence-embedding model; make one with Encoder.load(model_dir). It keeps no
    state between encode() calls."""

    word_level = False  # a word's vector depends on its sentence (TextEncoder)

    def __init__(
        self,
        session: Any,
        tokenizer: Any,
        *,
        path: Path,
        max_length: int,
        model_id: str,
    ) -> None:
        self._session = session
        self._tokenizer = tokenizer
        self._path = path
        self._max_length = max_length
        self._model_id = model_id
        declared = {i.name: i for i in session.get_inputs()}
        # Each input's integer type as the graph declares it ("tensor(int64)" in most exports).
        self._feeds = {
            name: np.int32 if "int32" in declared[name].type else np.int64
            for name in _FEEDS
            if name in declared
        }
        outputs = [o.name for o in session.get_outputs()]
        self._output = "last_hidden_state" if "last_hidden_state" in outputs else outputs[0]
        self._dim = 0  # set by load() from a first run

    @classmethod
    def load(cls, model_dir: Path, *, threads: int = 2) -> Encoder:
        """Load the model in `model_dir` and run it once on a probe sentence.

        threads: onnxruntime intra-op threads. Two about halve a query's time against one
        (all-MiniLM-L6-v2: p50 1.7 against 2.9 ms); the target machine has 2 cores.

        Raises InputError (naming the directory or file) when the directory is not a model,
        the extra is not installed, guidebot-model.json, tokenizer.json or model.onnx cannot
        be read, or the graph does not take input_ids or does not run.
        """
        files = model_files(model_dir)
        if files is None:
            raise InputError(
                f"{model_dir}: not a model directory; "
                "it needs tokenizer.json and model.onnx (or onnx/model.onnx)"
            )
        onnx_path, tokenizer_path = files
        try:
            ort = importlib.import_module("onnxruntime")
            from tokenizers import Tokenizer
        except (ImportError, OSError) as exc:
            raise InputError(
                "the semantic re-ranker needs its extra: pip install '.[semantic]' in guidebot's "
                f"folder, or pip install onnxruntime tokenizers ({exc})"
            ) from exc
        max_length = _max_length(model_dir / METADATA)
        try:
            tokenizer = Tokenizer.from_file(str(tokenizer_path))
        except Exception as exc:  # the Rust library raises a bare Exception
            raise InputError(f"{tokenizer_path}: not a usable tokenizer: {exc}") from exc
        # tokenizer.json files often carry the padding and truncation of their training
        # (all-MiniLM-L6-v2's pads every text to 128): padding is done per batch below.
        tokenizer.no_padding()
        tokenizer.enable_truncation(max_length)

        options = ort.SessionOptions()
        options.intra_op_num_threads = max(1, threads)
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        # onnxruntime's threads otherwise spin after each run, waiting for the next one;
        # a question is one run followed by numpy work that they then slow down. Measured in
        # one run on 2 cores (ask p50, bundled guide): all-mpnet-base-v2 int8 19.4 -> 10.8 ms,
        # float 28.5 -> 15.6 ms; all-MiniLM-L6-v2 1.9 -> 2.4 ms; a batch of 791 passages
        # takes the same time either way.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.log_severity_level = 3  # errors only: some exports warn about unused weights
        try:
            session = ort.InferenceSession(
                str(onnx_path), sess_options=options, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # onnxruntime's own types (InvalidProtobuf, Fail, ...)
            raise InputError(f"{onnx_path}: not a usable ONNX model: {_first_line(exc)}") from exc
        inputs = {i.name for i in session.get_inputs()}
        if "input_ids" not in inputs or not inputs <= set(_FEEDS):
            raise InputError(
                f"{onnx_path}: takes inputs {sorted(inputs)}; a sentence encoder takes "
                "input_ids and optionally attention_mask and token_type_ids"
            )
        encoder = cls(
            session,
            tokenizer,
            path=onnx_path,
            max_length=max_length,
            model_id=_fingerprint(onnx_path, tokenizer_path, max_length),
        )
        # The first run tells the embedding width and proves the graph runs on our inputs.
        encoder._dim = encoder._embed(tokenizer.encode_batch(["probe"])).shape[1]
        return encoder

    def known_share(self, text: str) -> float:
        """1.0: the tokenizer splits any word into pieces the model reads (TextEncoder)."""
        return 1.0

    @property
    def dim(self) -> int:
        """Width of an embedding (384 for all-MiniLM-L6-v2)."""
        return self._dim

    @property
    def max_length(self) -> int:
        """Tokens per text, special tokens included; longer texts are cut at the end."""
        return self._max_length

    @property
    def model_id(self) -> str:
        """A stable fingerprint for cache keys (32 hex digits): sha256 of model.onnx's size,
        first and last MiB, the whole tokenizer.json and max_length. Equal files give equal
        ids on every machine; editing any of them changes it."""
        return self._model_id

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """Embeddings of `texts`: float32 array of shape (len(texts), dim), one unit-length
        row per text in the order given. Each text is cut to max_length tokens. Texts are
        run in batches of similar length (less padding); with a float model the result does
        not depend on the batching beyond float rounding (~1e-6). A dynamically quantized
        model (scripts/onnx_quantize.py) scales each batch's activations together, so a
        text's vector moves with its batch (all-mpnet-base-v2 int8: cosine 0.88-0.99 to
        the same text alone); encoding passages one at a time did not change its P@1 on the
        outside sets' dev parts (CLINC150 0.854 -> 0.853, Banking77 0.847 -> 0.844).

        Raises TypeError for a single str (it would be read as a sequence of characters),
        ValueError for batch_size < 1, InputError when the model fails to run.
        """
        if isinstance(texts, str):
            raise TypeError("encode() takes a sequence of texts, not one str")
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, not {batch_size}")
        if "attention_mask" not in self._feeds:
            batch_size = 1  # without a mask, padding would be attended to: no padding at all
        out = np.empty((len(texts), self._dim), dtype=np.float32)
        if not texts:
            return out
        encodings = self._tokenizer.encode_batch(list(texts))
        order = np.argsort([len(e.ids) for e in encodings], kind="stable")
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            out[rows] = self._embed([encodings[i] for i in rows])
        return out

    def _embed(self, encodings: Sequence[Any]) -> np.ndarray:
        """Run one padded batch; (len(encodings), dim) float32, unit rows."""
        length = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), length), dtype=np.int64)  # pad id 0: masked out anyway
        mask = np.zeros_like(ids)
        for row, encoding in enumerate(encodings):
            ids[row, : len(encoding.ids)] = encoding.ids
            mask[row, : len(encoding.ids)] = encoding.attention_mask
        arrays = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        feed = {name: arrays[name].astype(dtype) for name, dtype in self._feeds.items()}
        try:
            (output,) = self._session.run([self._output], feed)
        except Exception as exc:  # onnxruntime's own types
            raise InputError(f"{self._path}: the model failed to run: {_first_line(exc)}") from exc
        hidden: np.ndarray = np.asarray(output, dtype=np.float32)
        if hidden.ndim == 3:  # (batch, seq, dim): mean over the real tokens
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1.0)
        elif hidden.ndim == 2:  # an export that pools inside the graph
            pooled = hidden
        else:
            raise InputError(f"{self._path}: output {self._output} has shape {hidden.shape}")
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        unit: np.ndarray = pooled / np.maximum(norms, 1e-12)
        return unit.astype(np.float32)


def _max_length(path: Path) -> int:
    """max_length from guidebot-model.json when it is there, else MAX_LENGTH."""
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return MAX_LENGTH
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: cannot be read: {exc}") from exc
    if not isinstance(meta, dict):
        raise InputError(f"{path}: must hold a JSON object")
    if meta.get("pooling", "mean") != "mean":
        raise InputError(f"{path}: pooling {meta['pooling']!r} is not supported (mean is)")
    value = meta.get("max_length", MAX_LENGTH)
    if isinstance(value, bool) or not isinstance(value, int) or value < 2:
        raise InputError(f"{path}: max_length must be a whole number of at least 2")
    return value


def _fingerprint(onnx_path: Path, tokenizer_path: Path, max_length: int) -> str:
    digest = hashlib.sha256()
    try:
        size = onnx_path.stat().st_size
        with onnx_path.open("rb") as f:
            digest.update(f"{size}:{max_length}:".encode())
            digest.update(f.read(_FINGERPRINT_CHUNK))
            f.seek(max(0, size - _FINGERPRINT_CHUNK))
            digest.update(f.read(_FINGERPRINT_CHUNK))
        digest.update(tokenizer_path.read_bytes())
    except OSError as exc:
        raise InputError(f"{onnx_path.parent}: cannot be read: {exc}") from exc
    return digest.hexdigest()[:32]


def _first_line(exc: Exception) -> str:
    """onnxruntime messages run over several lines with C++ source paths; the first says it."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
