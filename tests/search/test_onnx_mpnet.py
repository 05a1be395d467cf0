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


def test_the_bias_table_is_indexed_head_query_key(onnx_mpnet: ModuleType) -> None:
    """bias[h, q, k] is the table's row for bucket (q, k), column h: a table whose every
    entry differs catches a swapped query and key or a transposed table."""
    table = np.arange(64, dtype=np.float32).reshape(32, 2) * np.array([1, -10], np.float32)
    weights = {"encoder.relative_attention_bias.weight": table}
    bias = onnx_mpnet.relative_attention_bias(weights, 20)
    assert bias.shape == (2, 20, 20)
    for head in range(2):
        for query in range(20):
            for key in range(20):
                assert bias[head, query, key] == table[t5_bucket(query, key), head]


def test_positions_count_from_two_whatever_the_padding_id(
    onnx_mpnet: ModuleType, tmp_path: Path
) -> None:
    """Hugging Face's MPNetEmbeddings fixes its padding index at 1, so the first token takes
    row 2 of the position table even when the config names another pad_token_id."""
    config = {"model_type": "mpnet", "vocab_size": 10, "hidden_size": 4}
    config |= {"num_hidden_layers": 1, "num_attention_heads": 2, "intermediate_size": 8}
    config |= {"max_position_embeddings": 24, "pad_token_id": 0}
    (tmp_path / "config.json").write_text(json.dumps(config), encoding="utf-8")
    assert onnx_mpnet.mpnet_config(tmp_path / "config.json").position_offset == 2


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

    numpy_bert = importlib.import_module("numpy_bert")
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
        hidden = numpy_bert.numpy_forward(weights, config, ids, mask, attention_bias=bias)
        rows.append(numpy_bert.mean_pool_normalise(hidden, mask)[0])
    return np.stack(rows)


def test_convert_model_builds_an_mpnet_encoder(
    onnx_bert: ModuleType, onnx_mpnet: ModuleType, tmp_path: Path
) -> None:
    convert_model = importlib.import_module("convert_model")
    source, out = tmp_path / "st", tmp_path / "out"
    write_tiny_mpnet(onnx_bert, source)
    meta = convert_model.convert(source, out, "tiny-mpnet")
    assert (meta["dim"], meta["max_length"]) == (16, MAX_LENGTH)
    assert convert_model.check_graph(source, out) < 1e-5
    encoder = Encoder.load(out)
    assert np.abs(encoder.encode(TEXTS) - reference(onnx_bert, onnx_mpnet, source)).max() < 1e-5


# The tiny MPNet's vectors for TEXTS[0], [1] and [3], computed once by Hugging Face's own
# MPNetModel (transformers 5.24 on torch 2.13, the safetensors write_tiny_mpnet writes, mean
# pooling, normalised) in a scratch environment: an implementation independent of onnx_mpnet.
# (Texts with an unknown word are left out: the tiny vocabulary's [UNK] is id 1, which MPNet
# takes for padding when numbering positions; a real MPNet vocabulary has <pad> there.)
# fmt: off
TORCH_VECTORS = {
    0: [0.091178, 0.222321, -0.168316, 0.27434, -0.159811, 0.157144, 0.232268, 0.165259,
        -0.423099, 0.383498, -0.327601, -0.041624, -0.224278, 0.364197, -0.2979, 0.018758],
    1: [-0.160212, -0.030968, 0.169402, 0.219711, -0.029985, 0.501361, 0.124216, -0.039715,
        -0.471813, 0.256195, -0.259384, -0.094822, -0.158049, 0.421962, -0.244084, -0.003417],
    3: [0.151412, 0.067715, -0.092219, 0.197829, 0.010156, 0.489855, 0.21988, 0.130129,
        -0.420483, 0.367843, -0.4594, -0.079472, -0.10586, 0.115246, -0.24518, -0.073665],
}
# fmt: on


def test_the_converted_mpnet_agrees_with_hugging_faces(
    onnx_bert: ModuleType, tmp_path: Path
) -> None:
    convert_model = importlib.import_module("convert_model")
    source, out = tmp_path / "st", tmp_path / "out"
    write_tiny_mpnet(onnx_bert, source)
    convert_model.convert(source, out, "tiny-mpnet")
    vectors = Encoder.load(out).encode([TEXTS[i] for i in TORCH_VECTORS])
    expected = np.array(list(TORCH_VECTORS.values()), np.float32)
    assert np.abs(vectors - expected).max() < 1e-5


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
