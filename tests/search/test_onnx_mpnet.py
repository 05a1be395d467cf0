"""scripts/onnx_mpnet.py: MPNet's relative position buckets, and a tiny random MPNet through
scripts/convert_model.py into the encoder guidebot loads."""

from __future__ import annotations

import importlib
import json
import math
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from guidebot.search.semantic.encoder import Encoder
from tests.search.tinymodel import TEXTS, WORDS, write_tokenizer

# MPNetModel names of the BertModel weights onnx_bert.random_weights makes.
MPNET_NAMES = {
    "attention.self.query": "attention.attn.q",
    "attention.self.key": "attention.attn.k",
    "attention.self.value": "attention.attn.v",
    "attention.output.dense": "attention.attn.o",
    "attention.output.LayerNorm": "attention.LayerNorm",
}
MAX_LENGTH = 16


@pytest.fixture(scope="module")
def onnx_mpnet(onnx_bert: ModuleType) -> ModuleType:
    return importlib.import_module("onnx_mpnet")


def t5_bucket(query: int, key: int, num_buckets: int = 32, max_distance: int = 128) -> int:
    """The bucket of one (query, key) pair, written out as MPNet's relative_position_bucket."""
    n = query - key
    half = num_buckets // 2
    bucket = half if n < 0 else 0
    n, exact = abs(n), half // 2
    if n < exact:
        return bucket + n
    large = exact + int(math.log(n / exact) / math.log(max_distance / exact) * (half - exact))
    return bucket + min(large, half - 1)


def test_relative_buckets_follow_the_scalar_definition(onnx_mpnet: ModuleType) -> None:
    buckets = onnx_mpnet.relative_buckets(300)
    assert buckets.shape == (300, 300)
    for query in range(0, 300, 7):
        for key in range(0, 300, 5):
            assert buckets[query, key] == t5_bucket(query, key)


def test_relative_buckets_at_the_edges(onnx_mpnet: ModuleType) -> None:
    buckets = onnx_mpnet.relative_buckets(300)
    assert buckets[5, 5] == 0
    assert buckets[5, 4] == 1  # the key one token before the query
    assert buckets[4, 5] == 17  # one token after: the upper half
    assert buckets[299, 0] == 15 and buckets[0, 299] == 31  # beyond 128: the last bucket


def write_tiny_mpnet(onnx_bert: ModuleType, source: Path, bias_scale: float = 1.0) -> None:
    """A sentence-transformers directory holding a random 1-layer MPNet."""
    (source / "1_Pooling").mkdir(parents=True)
    config = {
        "model_type": "mpnet",
        "hidden_act": "gelu",
        "vocab_size": len(WORDS) + 4,
        "hidden_size": 16,
        "num_hidden_layers": 1,
        "num_attention_heads": 2,
        "intermediate_size": 32,
        "max_position_embeddings": 24,
        "pad_token_id": 1,
        "layer_norm_eps": 1e-5,
    }
    (source / "config.json").write_text(json.dumps(config), encoding="utf-8")
    shaped = ("vocab_size", "hidden_size", "num_hidden_layers", "num_attention_heads")
    shape = onnx_bert.BertConfig(
        **{k: config[k] for k in shaped}, intermediate_size=32, max_position_embeddings=24
    )
    tensors = {}
    for name, value in onnx_bert.random_weights(shape).items():
        if "token_type" in name:
            continue  # MPNet has no segments
        for bert, mpnet in MPNET_NAMES.items():
            name = name.replace(bert, mpnet)
        tensors[name] = value
    rng = np.random.default_rng(1)
    table = (rng.standard_normal((32, 2)) * bias_scale).astype(np.float32)
    tensors["encoder.relative_attention_bias.weight"] = table
    onnx_bert.write_safetensors(source / "model.safetensors", tensors)
    write_tokenizer(source / "tokenizer.json")
    (source / "sentence_bert_config.json").write_text('{"max_seq_length": 16}', encoding="utf-8")
    pooling = '{"pooling_mode_mean_tokens": true}'
    (source / "1_Pooling" / "config.json").write_text(pooling, encoding="utf-8")


def reference(onnx_bert: ModuleType, onnx_mpnet: ModuleType, source: Path) -> np.ndarray:
    """Sentence vectors of TEXTS by the numpy forward pass, one text at a time."""
    from tokenizers import Tokenizer

    config = onnx_mpnet.mpnet_config(source / "config.json")
    raw = onnx_bert.read_safetensors(source / "model.safetensors")
    weights = onnx_mpnet.bert_weights(raw, config)
    bias = onnx_mpnet.relative_attention_bias(raw, MAX_LENGTH)
    tokenizer = Tokenizer.from_file(str(source / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(MAX_LENGTH)
    rows = []
    for text in TEXTS:
        ids = np.array([tokenizer.encode(text).ids], np.int64)
        mask = np.ones_like(ids)
        hidden = onnx_bert.numpy_forward(weights, config, ids, mask, attention_bias=bias)
        rows.append(onnx_bert.mean_pool_normalise(hidden, mask)[0])
    return np.stack(rows)


def test_convert_model_builds_an_mpnet_encoder(
    onnx_bert: ModuleType, onnx_mpnet: ModuleType, tmp_path: Path
) -> None:
    convert_model = importlib.import_module("convert_model")
    source, out = tmp_path / "st", tmp_path / "out"
    write_tiny_mpnet(onnx_bert, source)
    meta = convert_model.convert(source, out, "tiny-mpnet")
    assert (meta["dim"], meta["max_length"]) == (16, MAX_LENGTH)
    assert convert_model.check_graph(source, out, MAX_LENGTH) < 1e-5
    encoder = Encoder.load(out)
    assert np.abs(encoder.encode(TEXTS) - reference(onnx_bert, onnx_mpnet, source)).max() < 1e-5


def test_the_relative_position_bias_changes_the_vectors(
    onnx_bert: ModuleType, tmp_path: Path
) -> None:
    """The bias table is wired into attention: the same weights without it encode otherwise."""
    convert_model = importlib.import_module("convert_model")
    vectors = []
    for scale in (1.0, 0.0):
        source, out = tmp_path / f"st{scale}", tmp_path / f"out{scale}"
        write_tiny_mpnet(onnx_bert, source, bias_scale=scale)
        convert_model.convert(source, out, "tiny-mpnet")
        vectors.append(Encoder.load(out).encode(["how do i get my money back"]))
    assert np.abs(vectors[0] - vectors[1]).max() > 1e-3
