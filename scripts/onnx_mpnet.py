"""An MPNet encoder (sentence-transformers/all-mpnet-base-v2) in the shape onnx_bert.py builds.

MPNet (Song et al., 2020, "MPNet: Masked and Permuted Pre-training for Language Understanding")
is a BERT encoder with three differences, all expressible in onnx_bert's graph:
- positions count from 2, as in RoBERTa (BertConfig.position_offset): Hugging Face's
  MPNetEmbeddings numbers them from its padding index, fixed at 1, plus one;
- there are no segment embeddings (a zero table of one row stands in);
- every layer adds a learned bias to its attention scores, one per head and per bucket of the
  relative position key - query, bucketed as T5 does (Raffel et al., 2020): exact up to 8
  tokens either way, then logarithmic up to 128 (relative_attention_bias).
Weights are renamed to the Hugging Face BertModel names onnx_bert reads.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
from onnx_bert import BertConfig

MAX_DISTANCE = 128  # MPNet's relative_position_bucket default
POSITION_OFFSET = 2  # MPNetEmbeddings.padding_idx (1, whatever the config says) + 1


def mpnet_config(path: Path) -> BertConfig:
    """A Hugging Face MPNet config.json as the BertConfig onnx_bert builds (ValueError if the
    file is not an MPNet one with the exact GELU)."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    if raw.get("model_type") != "mpnet":
        raise ValueError(f"{path}: model_type {raw.get('model_type')!r} is not mpnet")
    if raw.get("hidden_act", "gelu") != "gelu":
        raise ValueError(f"{path}: hidden_act {raw['hidden_act']!r} is not built (gelu is)")
    return BertConfig(
        vocab_size=raw["vocab_size"],
        hidden_size=raw["hidden_size"],
        num_hidden_layers=raw["num_hidden_layers"],
        num_attention_heads=raw["num_attention_heads"],
        intermediate_size=raw["intermediate_size"],
        max_position_embeddings=raw["max_position_embeddings"],
        type_vocab_size=1,
        layer_norm_eps=raw.get("layer_norm_eps", 1e-5),
        position_offset=POSITION_OFFSET,
    )


def bert_weights(weights: dict[str, np.ndarray], config: BertConfig) -> dict[str, np.ndarray]:
    """MPNetModel weights under BertModel names, plus a zero segment table (KeyError if one
    the encoder needs is missing)."""
    names = {
        "attention.attn.q": "attention.self.query",
        "attention.attn.k": "attention.self.key",
        "attention.attn.v": "attention.self.value",
        "attention.attn.o": "attention.output.dense",
        "attention.LayerNorm": "attention.output.LayerNorm",
        "intermediate.dense": "intermediate.dense",
        "output.dense": "output.dense",
        "output.LayerNorm": "output.LayerNorm",
    }
    w = {k.removeprefix("mpnet."): v for k, v in weights.items()}
    out = {
        name: w[name]
        for name in (
            "embeddings.word_embeddings.weight",
            "embeddings.position_embeddings.weight",
            "embeddings.LayerNorm.weight",
            "embeddings.LayerNorm.bias",
        )
    }
    out["embeddings.token_type_embeddings.weight"] = np.zeros((1, config.hidden_size), np.float32)
    for n in range(config.num_hidden_layers):
        p = f"encoder.layer.{n}."
        for old, new in names.items():
            for part in ("weight", "bias"):
                out[f"{p}{new}.{part}"] = w[f"{p}{old}.{part}"]
    return out


def relative_buckets(length: int, num_buckets: int = 32) -> np.ndarray:
    """(length, length) bucket of key j seen from query i, as MPNet's relative_position_bucket:
    half the buckets for keys before the query, half for keys after; within each half, exact
    distances below a quarter of the buckets, then log-spaced up to MAX_DISTANCE."""
    position = np.arange(length)
    n = -(position[None, :] - position[:, None])  # query - key
    half = num_buckets // 2
    bucket = (n < 0).astype(np.int64) * half
    n = np.abs(n)
    exact = half // 2
    # max(n, 1): log(0) where n < exact, which np.where drops anyway
    scaled = np.log(np.maximum(n, 1) / exact) / math.log(MAX_DISTANCE / exact) * (half - exact)
    large = exact + scaled.astype(np.int64)
    return bucket + np.where(n < exact, n, np.minimum(large, half - 1))


def relative_attention_bias(weights: dict[str, np.ndarray], length: int) -> np.ndarray:
    """(heads, length, length) float32 added to the attention scores of sequences up to
    `length` tokens."""
    table = weights[
        "encoder.relative_attention_bias.weight"
        if "encoder.relative_attention_bias.weight" in weights
        else "mpnet.encoder.relative_attention_bias.weight"
    ]  # (buckets, heads)
    buckets = relative_buckets(length, table.shape[0])
    return np.ascontiguousarray(table[buckets].transpose(2, 0, 1)).astype(np.float32)
