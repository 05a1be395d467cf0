"""Int8 weights for an encoder onnx_bert.py built, so a larger model answers within budget.

onnxruntime's dynamic quantization (weights int8 per output channel, activations quantized on
the fly) of every weight MatMul but the feed-forward output projections: all-mpnet-base-v2
encodes a short question in about 8.5 ms instead of 15 ms on a 2-core machine. Those
projections read GELU outputs, whose rare large values an 8-bit activation scale cannot hold:
quantizing them too brought cosines to the float model's vectors down to 0.66-0.86 (each
layer's alone costs up to 0.04), while leaving them in float32 keeps every check sentence at
0.98 or more. The attention products (two activations) stay in float32 as well. (These
figures are from full 8-bit weights; the weights now use 7 bits of their range, see quantize.)
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import onnx

MIN_COSINE = 0.97  # between float and int8 vectors of the same sentence, for the check
# guidebot-model.json's "quantized": a model quantized before the 7-bit range says
# "int8 weights, feed-forward outputs float32"; on a CPU without VNNI, quantize it again.
QUANTIZED = "int8 weights (7-bit range), feed-forward outputs float32"


def float_matmuls(model: onnx.ModelProto) -> list[str]:
    """Names of the MatMul nodes to keep in float32: those with no weight input, and those
    multiplying by a feed-forward output weight ("encoder.layer.N.output.dense.weight")."""
    weights = {i.name for i in model.graph.initializer}
    keep = []
    for node in model.graph.node:
        if node.op_type != "MatMul":
            continue
        used = [name for name in node.input if name in weights]
        feed_forward_out = any(
            name.endswith(".output.dense.weight") and ".attention." not in name for name in used
        )
        if not used or feed_forward_out:
            keep.append(node.name)
    return keep


def quantize(source: Path, target: Path) -> None:
    """Write `target`, the model at `source` with int8 weights (see the module docstring).
    Raises OSError if a file cannot be read or written, onnx's errors if `source` is no model."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    keep = float_matmuls(onnx.load(str(source)))
    # onnxruntime logs advice to pre-process the model first (shape inference, for static
    # quantization), which dynamic quantization of these graphs does not need.
    logging.disable(logging.WARNING)
    try:
        quantize_dynamic(
            str(source),
            str(target),
            weight_type=QuantType.QInt8,
            op_types_to_quantize=["MatMul"],
            per_channel=True,
            # 7-bit weights: on a CPU without VNNI (AVX2 alone) onnxruntime multiplies
            # u8 by s8 with an instruction whose 16-bit sums saturate on full-range
            # weights; the tiny test model's int8 output fell to cosine 0.96 of the
            # float one on such a machine, and stays above 0.99 with the reduced range.
            reduce_range=True,
            nodes_to_exclude=keep,
        )
    finally:
        logging.disable(logging.NOTSET)


def lowest_cosine(before: np.ndarray, after: np.ndarray) -> float:
    """The lowest cosine between matching rows of two (n, dim) arrays of unit vectors."""
    return float((before * after).sum(axis=1).min())
