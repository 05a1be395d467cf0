"""A BERT encoder as an ONNX graph, built from its weights with onnx.helper (no torch); the
same forward pass in plain numpy, to check the graph against, is numpy_bert.py.

Used by convert_model.py (the real all-MiniLM-L6-v2) and by the tests (a tiny random BERT).
The graph is the encoder only: inputs input_ids, attention_mask and (optionally)
token_type_ids, all int64 of shape (batch, sequence); output last_hidden_state, float32 of
shape (batch, sequence, hidden). Pooling and normalisation happen in
guidebot.search.semantic.encoder, as they do for an export of the Hugging Face kind.

Weights are named as in a Hugging Face BertModel state dict ("embeddings.word_embeddings.weight",
"encoder.layer.0.attention.self.query.weight", ...); a "bert." prefix is dropped. Linear
weights are stored (out, in), as torch does.
"""

from __future__ import annotations

import json
import math
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 17  # the first with LayerNormalization; onnxruntime >= 1.14 runs it
IR_VERSION = 8  # the IR of opset 17, so older onnxruntime releases load the file too
MASK_BIAS = -1e9  # added to the attention scores of padding: exp() of it is 0 in float32


@dataclass(frozen=True)
class BertConfig:
    vocab_size: int
    hidden_size: int
    num_hidden_layers: int
    num_attention_heads: int
    intermediate_size: int
    max_position_embeddings: int = 512
    type_vocab_size: int = 2
    layer_norm_eps: float = 1e-12
    # Row of the position table for the first token: 0 in BERT; RoBERTa-style models such as
    # MPNet count positions from pad_token_id + 1 (onnx_mpnet.py).
    position_offset: int = 0

    @classmethod
    def from_json(cls, path: Path) -> BertConfig:
        """Read a Hugging Face config.json; only the exact-erf GELU and absolute positions of
        the original BERT are built, anything else raises ValueError."""
        raw = json.loads(path.read_text(encoding="utf-8"))
        if raw.get("model_type", "bert") != "bert":
            raise ValueError(f"{path}: model_type {raw.get('model_type')!r} is not bert")
        if raw.get("hidden_act", "gelu") != "gelu":
            raise ValueError(f"{path}: hidden_act {raw['hidden_act']!r} is not built (gelu is)")
        if raw.get("position_embedding_type", "absolute") != "absolute":
            raise ValueError(f"{path}: only absolute position embeddings are built")
        names = cls.__dataclass_fields__
        return cls(**{k: v for k, v in raw.items() if k in names})

    @property
    def head_size(self) -> int:
        return self.hidden_size // self.num_attention_heads


# --- weights ---------------------------------------------------------------------------------

_SAFETENSORS_DTYPES = {"F32": "<f4", "F16": "<f2", "F64": "<f8", "I64": "<i8", "I32": "<i4"}


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """Every tensor of a .safetensors file: 8 bytes little-endian header length, a JSON header
    {name: {dtype, shape, data_offsets}} (offsets from the end of the header), raw bytes."""
    data = path.read_bytes()
    (header_len,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + header_len])
    body = memoryview(data)[8 + header_len :]
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        dtype = info["dtype"]
        if dtype == "BF16":  # numpy has no bfloat16: its bits are the top half of a float32
            bits = np.frombuffer(body[start:end], dtype="<u2").astype(np.uint32) << 16
            array = bits.view(np.float32)
        elif dtype in _SAFETENSORS_DTYPES:
            array = np.frombuffer(body[start:end], dtype=_SAFETENSORS_DTYPES[dtype])
        else:
            raise ValueError(f"{path}: tensor {name} has unsupported dtype {dtype}")
        tensors[name.removeprefix("bert.")] = array.reshape(info["shape"]).copy()
    return tensors


def write_safetensors(path: Path, tensors: dict[str, np.ndarray]) -> None:
    """Write float32/int64 tensors in the safetensors layout read_safetensors reads."""
    header: dict[str, object] = {}
    chunks = []
    offset = 0
    for name, array in tensors.items():
        raw = np.ascontiguousarray(array).astype(array.dtype.newbyteorder("<")).tobytes()
        dtype = {"f": "F32", "i": "I64"}[array.dtype.kind]
        header[name] = {
            "dtype": dtype,
            "shape": list(array.shape),
            "data_offsets": [offset, offset + len(raw)],
        }
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header).encode("utf-8")
    path.write_bytes(struct.pack("<Q", len(text)) + text + b"".join(chunks))


def random_weights(config: BertConfig, seed: int = 0) -> dict[str, np.ndarray]:
    """Random float32 weights of a BertModel of this shape (for tests: large enough values that
    every token, position and layer visibly changes the output)."""
    rng = np.random.default_rng(seed)
    h, i = config.hidden_size, config.intermediate_size

    def normal(*shape: int, scale: float = 0.3) -> np.ndarray:
        return (rng.standard_normal(shape) * scale).astype(np.float32)

    w = {
        "embeddings.word_embeddings.weight": normal(config.vocab_size, h, scale=1.0),
        "embeddings.position_embeddings.weight": normal(config.max_position_embeddings, h),
        "embeddings.token_type_embeddings.weight": normal(config.type_vocab_size, h),
        "embeddings.LayerNorm.weight": 1 + normal(h, scale=0.1),
        "embeddings.LayerNorm.bias": normal(h, scale=0.1),
    }
    for n in range(config.num_hidden_layers):
        p = f"encoder.layer.{n}."
        for name in ("query", "key", "value"):
            w[f"{p}attention.self.{name}.weight"] = normal(h, h)
            w[f"{p}attention.self.{name}.bias"] = normal(h, scale=0.1)
        w[f"{p}attention.output.dense.weight"] = normal(h, h)
        w[f"{p}attention.output.dense.bias"] = normal(h, scale=0.1)
        w[f"{p}attention.output.LayerNorm.weight"] = 1 + normal(h, scale=0.1)
        w[f"{p}attention.output.LayerNorm.bias"] = normal(h, scale=0.1)
        w[f"{p}intermediate.dense.weight"] = normal(i, h)
        w[f"{p}intermediate.dense.bias"] = normal(i, scale=0.1)
        w[f"{p}output.dense.weight"] = normal(h, i)
        w[f"{p}output.dense.bias"] = normal(h, scale=0.1)
        w[f"{p}output.LayerNorm.weight"] = 1 + normal(h, scale=0.1)
        w[f"{p}output.LayerNorm.bias"] = normal(h, scale=0.1)
    return w


# --- the ONNX graph --------------------------------------------------------------------------


class _Graph:
    """Collects nodes and float32 initializers; every intermediate gets a fresh name."""

    def __init__(self, weights: dict[str, np.ndarray]) -> None:
        self.weights = weights
        self.nodes: list[onnx.NodeProto] = []
        self.initializers: list[onnx.TensorProto] = []
        self._count = 0

    def const(self, name: str, value: np.ndarray) -> str:
        self.initializers.append(numpy_helper.from_array(value, name))
        return name

    def weight(self, name: str, transpose: bool = False) -> str:
        # Linear weights are (out, in); MatMul wants (in, out), so store them transposed.
        value = self.weights[name].astype(np.float32)
        return self.const(name, np.ascontiguousarray(value.T) if transpose else value)

    def op(self, op_type: str, *inputs: str, **attrs: object) -> str:
        self._count += 1
        out = f"{op_type.lower()}_{self._count}"
        # Named as its output, so that tools that pick nodes by name (quantize.py) can.
        self.nodes.append(helper.make_node(op_type, list(inputs), [out], name=out, **attrs))
        return out

    def linear(self, x: str, prefix: str) -> str:
        product = self.op("MatMul", x, self.weight(f"{prefix}.weight", transpose=True))
        return self.op("Add", product, self.weight(f"{prefix}.bias"))

    def layer_norm(self, x: str, prefix: str, eps: float) -> str:
        scale, bias = self.weight(f"{prefix}.weight"), self.weight(f"{prefix}.bias")
        return self.op("LayerNormalization", x, scale, bias, axis=-1, epsilon=eps)


def build_bert_onnx(
    weights: dict[str, np.ndarray],
    config: BertConfig,
    *,
    token_type_ids: bool = True,
    attention_bias: np.ndarray | None = None,
) -> onnx.ModelProto:
    """The encoder as an ONNX model (checked by onnx.checker). token_type_ids=False leaves that
    input out (segment 0 is used), as some exports do. `attention_bias`, float (heads, n, n),
    is added to every layer's attention scores between query i and key j (relative position
    buckets, onnx_mpnet.relative_attention_bias); sequences up to n tokens."""
    g = _Graph(weights)
    c = config
    word = g.op("Gather", g.weight("embeddings.word_embeddings.weight"), "input_ids")
    # Positions offset..offset+sequence-1: `sequence` rows of the position table.
    seq_len = g.op("Shape", "input_ids", start=1, end=2)
    offset = g.const("position_offset", np.array([c.position_offset], np.int64))
    positions = g.op(
        "Slice",
        g.weight("embeddings.position_embeddings.weight"),
        offset,
        g.op("Add", seq_len, offset),
        g.const("axis0", np.array([0], np.int64)),
    )
    x = g.op("Add", word, positions)
    if token_type_ids:
        types = g.weight("embeddings.token_type_embeddings.weight")
        x = g.op("Add", x, g.op("Gather", types, "token_type_ids"))
    else:  # every token is in segment 0
        segment0 = weights["embeddings.token_type_embeddings.weight"][0].astype(np.float32)
        x = g.op("Add", x, g.const("token_type_0", segment0))
    x = g.layer_norm(x, "embeddings.LayerNorm", c.layer_norm_eps)

    # (batch, seq) mask -> (batch, 1, 1, seq) additive bias: 0 for tokens, MASK_BIAS for padding.
    mask = g.op("Cast", "attention_mask", to=TensorProto.FLOAT)
    one = g.const("one", np.array(1.0, np.float32))
    bias = g.op(
        "Mul", g.op("Sub", one, mask), g.const("mask_bias", np.array(MASK_BIAS, np.float32))
    )
    bias = g.op("Unsqueeze", bias, g.const("axes_1_2", np.array([1, 2], np.int64)))
    heads = g.const("heads_shape", np.array([0, 0, c.num_attention_heads, c.head_size], np.int64))
    merged = g.const("merged_shape", np.array([0, 0, c.hidden_size], np.int64))
    scale = g.const("scale", np.array(1 / math.sqrt(c.head_size), np.float32))
    if attention_bias is not None:  # (1, heads, seq, seq): the table's top-left corner
        square = g.op("Concat", seq_len, seq_len, axis=0)
        corner = g.op(
            "Slice",
            g.const("attention_bias", attention_bias[None].astype(np.float32)),
            g.const("zeros2", np.array([0, 0], np.int64)),
            square,
            g.const("axes_2_3", np.array([2, 3], np.int64)),
        )
        bias = g.op("Add", bias, corner)

    for n in range(c.num_hidden_layers):
        p = f"encoder.layer.{n}."

        def split(x: str, name: str, perm: list[int], p: str = p) -> str:
            projected = g.linear(x, f"{p}attention.self.{name}")
            return g.op("Transpose", g.op("Reshape", projected, heads), perm=perm)

        q = split(x, "query", [0, 2, 1, 3])  # (batch, heads, seq, head_size)
        k = split(x, "key", [0, 2, 3, 1])  # (batch, heads, head_size, seq)
        v = split(x, "value", [0, 2, 1, 3])
        scores = g.op("Add", g.op("Mul", g.op("MatMul", q, k), scale), bias)
        context = g.op("MatMul", g.op("Softmax", scores, axis=-1), v)
        context = g.op("Reshape", g.op("Transpose", context, perm=[0, 2, 1, 3]), merged)
        attended = g.linear(context, f"{p}attention.output.dense")
        x = g.layer_norm(
            g.op("Add", attended, x), f"{p}attention.output.LayerNorm", c.layer_norm_eps
        )
        # GELU, exact: x * (1 + erf(x / sqrt 2)) / 2, as BERT's "gelu".
        hidden = g.linear(x, f"{p}intermediate.dense")
        erf = g.op(
            "Erf",
            g.op("Mul", hidden, g.const(f"{p}inv_sqrt2", np.array(1 / math.sqrt(2), np.float32))),
        )
        half = g.const(f"{p}half", np.array(0.5, np.float32))
        gelu = g.op("Mul", g.op("Mul", hidden, half), g.op("Add", erf, one))
        out = g.linear(gelu, f"{p}output.dense")
        x = g.layer_norm(g.op("Add", out, x), f"{p}output.LayerNorm", c.layer_norm_eps)
    g.nodes.append(helper.make_node("Identity", [x], ["last_hidden_state"]))

    ids = ["batch", "sequence"]
    inputs = [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ids)]
    inputs.append(helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ids))
    if token_type_ids:
        inputs.append(helper.make_tensor_value_info("token_type_ids", TensorProto.INT64, ids))
    output = helper.make_tensor_value_info(
        "last_hidden_state", TensorProto.FLOAT, [*ids, c.hidden_size]
    )
    graph = helper.make_graph(g.nodes, "bert_encoder", inputs, [output], g.initializers)
    model = helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", OPSET)],
        producer_name="guidebot scripts/onnx_bert.py",
        ir_version=IR_VERSION,
    )
    onnx.checker.check_model(model)
    return model
