"""A tiny random BERT sentence encoder built at test time (scripts/onnx_bert.py: 1 layer,
hidden 16, 2 heads, a 100-word vocabulary, ~25 KB), so the semantic re-ranker's real loading,
tokenising, pooling and fusion code runs with no download."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
MAX_LENGTH = 16  # the tiny model's, from its guidebot-model.json: 14 words + [CLS] + [SEP]
WORDS = """
    refund policy money back how do i get my the a of to and is what when where who can
    library opening hours open close closed today tomorrow week day time salary job work
    career degree master online course cost price fee pay paid free student students
    manufacturing robot robots ai engineer engineering data quality control plant factory
    year years month long take takes need needs require required program programs apply
    application deadline start begin end best good better find help question answer you
    we they it this that in on for with from by
""".split()
TEXTS = [
    "refund policy",
    "how do i get my money back",
    "",
    "opening hours of the library",
    "what is the average salary",  # "average" is not in the vocabulary: [UNK]
    "ai engineer jobs in manufacturing plant quality control",
    "a",
]


@dataclass(frozen=True)
class TinyModel:
    path: Path
    weights: dict[str, np.ndarray]
    config: Any  # onnx_bert.BertConfig
    tokenizer: Any  # tokenizers.Tokenizer, truncating at MAX_LENGTH, no padding


def write_tokenizer(path: Path) -> None:
    """A WordLevel tokenizer: lower-cased whitespace words, [CLS] text [SEP]. It is saved with
    the padding and truncation of its "training" (pad to 40, cut at 8), as all-MiniLM-L6-v2's
    tokenizer.json is (pad to 128): the encoder must replace both with its own."""
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors

    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]"]
    vocab = {word: i for i, word in enumerate(specials + WORDS)}
    tokenizer = Tokenizer(models.WordLevel(vocab, unk_token="[UNK]"))
    tokenizer.normalizer = normalizers.Lowercase()
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    tokenizer.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", special_tokens=[("[CLS]", 2), ("[SEP]", 3)]
    )
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]", length=40)
    tokenizer.enable_truncation(8)
    tokenizer.save(str(path))


def build_model(
    onnx_bert: ModuleType,
    directory: Path,
    *,
    seed: int = 0,
    token_type_ids: bool = True,
    max_length: int = MAX_LENGTH,
) -> TinyModel:
    import onnx
    from tokenizers import Tokenizer

    directory.mkdir(parents=True, exist_ok=True)
    config = onnx_bert.BertConfig(
        vocab_size=len(WORDS) + 4,
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=24,  # fewer than a long text's tokens: truncation is needed
    )
    weights = onnx_bert.random_weights(config, seed=seed)
    model = onnx_bert.build_bert_onnx(weights, config, token_type_ids=token_type_ids)
    onnx.save(model, directory / "model.onnx")
    write_tokenizer(directory / "tokenizer.json")
    meta = {"name": "tiny", "dim": 16, "max_length": max_length, "pooling": "mean"}
    (directory / "guidebot-model.json").write_text(json.dumps(meta), encoding="utf-8")
    tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length)
    return TinyModel(directory, weights, config, tokenizer)
