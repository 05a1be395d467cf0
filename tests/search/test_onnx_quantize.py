"""scripts/onnx_quantize.py on the tiny random BERT: which MatMuls stay float, and that the
int8 model still loads and encodes near the float one."""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

import numpy as np
import onnx
import pytest

from guidebot.search.semantic.encoder import Encoder
from tests.search.tinymodel import TEXTS, build_model


@pytest.fixture(scope="module")
def onnx_quantize(onnx_bert: ModuleType) -> ModuleType:
    return importlib.import_module("onnx_quantize")


def test_attention_products_and_feed_forward_outputs_stay_float(
    onnx_bert: ModuleType, onnx_quantize: ModuleType, tmp_path: Path
) -> None:
    model = onnx.load(str(build_model(onnx_bert, tmp_path / "m").path / "model.onnx"))
    weights = {i.name for i in model.graph.initializer}
    inputs = {n.name: list(n.input) for n in model.graph.node if n.op_type == "MatMul"}
    kept = onnx_quantize.float_matmuls(model)
    # One layer: Q·K and probabilities·V, and the feed-forward output projection.
    assert len(kept) == 3
    assert [i for name in kept for i in inputs[name] if i in weights] == [
        "encoder.layer.0.output.dense.weight"
    ]
    quantized = set(inputs) - set(kept)  # query, key, value, attention output, intermediate
    assert len(quantized) == 5


def test_the_int8_model_encodes_close_to_the_float_one(
    onnx_bert: ModuleType, onnx_quantize: ModuleType, tmp_path: Path
) -> None:
    tiny = build_model(onnx_bert, tmp_path / "float")
    before = Encoder.load(tiny.path).encode(TEXTS)
    onnx_quantize.quantize(tiny.path / "model.onnx", tmp_path / "int8.onnx")
    (tmp_path / "int8.onnx").replace(tiny.path / "model.onnx")
    graph = onnx.load(str(tiny.path / "model.onnx"))
    assert any(n.op_type in ("MatMulInteger", "DynamicQuantizeMatMul") for n in graph.graph.node)
    kept = onnx_quantize.float_matmuls(
        onnx.load(str(build_model(onnx_bert, tmp_path / "f2").path / "model.onnx"))
    )
    still_float = {n.name for n in graph.graph.node if n.op_type == "MatMul"}
    assert set(kept) <= still_float  # the exclusions were passed on
    after = Encoder.load(tiny.path).encode(TEXTS)
    assert after.shape == before.shape and after.dtype == np.float32
    assert onnx_quantize.lowest_cosine(before, after) > 0.99  # 0.9998 with onnxruntime 1.32
