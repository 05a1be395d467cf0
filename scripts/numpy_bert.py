"""The forward pass onnx_bert.py builds as a graph, in plain float64 numpy, to check it against.

Same weights and config as onnx_bert (BertConfig, Hugging Face BertModel names), and the same
options: a position offset and an additive attention bias (onnx_mpnet.py for MPNet).
"""

from __future__ import annotations

import math

import numpy as np
from onnx_bert import MASK_BIAS, BertConfig


def numpy_forward(
    weights: dict[str, np.ndarray],
    config: BertConfig,
    input_ids: np.ndarray,
    attention_mask: np.ndarray,
    token_type_ids: np.ndarray | None = None,
    attention_bias: np.ndarray | None = None,
) -> np.ndarray:
    """last_hidden_state (batch, seq, hidden) in float64, written as plainly as the maths."""
    c = config
    w = {k: v.astype(np.float64) for k, v in weights.items()}
    if token_type_ids is None:
        token_type_ids = np.zeros_like(input_ids)
    seq = input_ids.shape[1]

    def layer_norm(x: np.ndarray, prefix: str) -> np.ndarray:
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + c.layer_norm_eps) * w[f"{prefix}.weight"] + w[
            f"{prefix}.bias"
        ]

    def linear(x: np.ndarray, prefix: str) -> np.ndarray:
        return x @ w[f"{prefix}.weight"].T + w[f"{prefix}.bias"]

    erf = np.frompyfunc(math.erf, 1, 1)
    x = (
        w["embeddings.word_embeddings.weight"][input_ids]
        + w["embeddings.position_embeddings.weight"][c.position_offset : c.position_offset + seq]
        + w["embeddings.token_type_embeddings.weight"][token_type_ids]
    )
    x = layer_norm(x, "embeddings.LayerNorm")
    bias = (1.0 - attention_mask[:, None, None, :]) * MASK_BIAS
    if attention_bias is not None:
        bias = bias + attention_bias[None, :, :seq, :seq].astype(np.float64)
    batch = input_ids.shape[0]
    for n in range(c.num_hidden_layers):
        p = f"encoder.layer.{n}."

        def heads(x: np.ndarray, name: str, p: str = p) -> np.ndarray:
            y = linear(x, f"{p}attention.self.{name}")
            return y.reshape(batch, seq, c.num_attention_heads, c.head_size).transpose(0, 2, 1, 3)

        q, k, v = heads(x, "query"), heads(x, "key"), heads(x, "value")
        scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(c.head_size) + bias
        probs = np.exp(scores - scores.max(-1, keepdims=True))
        probs /= probs.sum(-1, keepdims=True)
        context = (probs @ v).transpose(0, 2, 1, 3).reshape(batch, seq, c.hidden_size)
        x = layer_norm(
            linear(context, f"{p}attention.output.dense") + x, f"{p}attention.output.LayerNorm"
        )
        hidden = linear(x, f"{p}intermediate.dense")
        gelu = 0.5 * hidden * (1 + erf(hidden / math.sqrt(2)).astype(np.float64))
        x = layer_norm(linear(gelu, f"{p}output.dense") + x, f"{p}output.LayerNorm")
    return x


def mean_pool_normalise(hidden: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
    """Sentence embeddings the sentence-transformers way: mean over real tokens, unit length."""
    mask = attention_mask[:, :, None].astype(hidden.dtype)
    pooled = (hidden * mask).sum(1) / mask.sum(1)
    return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)
