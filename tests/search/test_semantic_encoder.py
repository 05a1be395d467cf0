"""The semantic re-ranker's model: finding it, and the Encoder on a tiny random BERT built here.

The model is built at test time by scripts/onnx_bert.py (1 layer, hidden 16, 2 heads, a
100-word vocabulary: ~25 KB), so the real loading, tokenising, batching and pooling code runs
with no download. The tests that need onnx, onnxruntime and tokenizers skip without them;
find_model's need nothing.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from guidebot.errors import InputError
from guidebot.search.semantic.encoder import Encoder
from guidebot.search.semantic.model_dir import (
    builtin_dir,
    find_model,
    is_model_dir,
    semantic_available,
)
from tests.search.tinymodel import (
    MAX_LENGTH,
    TEXTS,
    WORDS,
    TinyModel,
    build_model,
)


@pytest.fixture(scope="module")
def tiny(onnx_bert: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> TinyModel:
    return build_model(onnx_bert, tmp_path_factory.mktemp("tiny"))


@pytest.fixture(scope="module")
def encoder(tiny: TinyModel) -> Encoder:
    return Encoder.load(tiny.path, threads=1)


def reference(onnx_bert: ModuleType, tiny: TinyModel, text: str) -> np.ndarray:
    """The numpy forward pass on one text (no padding), mean-pooled and unit length."""
    numpy_bert = importlib.import_module("numpy_bert")
    ids = np.array([tiny.tokenizer.encode(text).ids])
    mask = np.ones_like(ids)
    hidden = numpy_bert.numpy_forward(tiny.weights, tiny.config, ids, mask)
    return numpy_bert.mean_pool_normalise(hidden, mask)[0]


# --- Encoder ---------------------------------------------------------------------------------


def test_model_files_are_tiny(tiny: TinyModel) -> None:
    assert (tiny.path / "model.onnx").stat().st_size < 40_000


def test_encode_gives_unit_float32_rows(encoder: Encoder) -> None:
    vectors = encoder.encode(TEXTS)
    assert encoder.dim == 16 and encoder.max_length == MAX_LENGTH
    assert vectors.shape == (len(TEXTS), 16) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-6)
    assert len({v.tobytes() for v in vectors}) == len(TEXTS)  # different texts, different rows


def test_encode_of_no_texts(encoder: Encoder) -> None:
    assert encoder.encode([]).shape == (0, 16)


def test_encode_agrees_with_the_numpy_forward_pass(
    onnx_bert: ModuleType, tiny: TinyModel, encoder: Encoder
) -> None:
    # Batched (so with padding and the attention mask at work) against one text at a time.
    vectors = encoder.encode(TEXTS)
    expected = np.stack([reference(onnx_bert, tiny, text) for text in TEXTS])
    assert np.abs(vectors - expected).max() < 1e-5


def test_encode_is_deterministic(tiny: TinyModel, encoder: Encoder) -> None:
    first = encoder.encode(TEXTS)
    assert np.array_equal(first, encoder.encode(TEXTS))
    again = Encoder.load(tiny.path, threads=1)
    assert np.array_equal(first, again.encode(TEXTS))
    assert again.model_id == encoder.model_id


@pytest.mark.parametrize("batch_size", [1, 2, 3, 32])
def test_batching_does_not_change_the_vectors(encoder: Encoder, batch_size: int) -> None:
    one_by_one = np.stack([encoder.encode([text])[0] for text in TEXTS])
    assert np.abs(encoder.encode(TEXTS, batch_size=batch_size) - one_by_one).max() < 1e-6


def test_long_texts_are_cut_at_max_length(encoder: Encoder) -> None:
    words = (WORDS * 3)[:100]  # 102 tokens with [CLS] and [SEP]; the model has 24 positions
    long, kept = encoder.encode([" ".join(words), " ".join(words[: MAX_LENGTH - 2])])
    assert np.abs(long - kept).max() < 1e-6
    # The cut is the encoder's 16, not the 8 saved in tokenizer.json.
    assert np.abs(long - encoder.encode([" ".join(words[:6])])[0]).max() > 1e-3


def test_a_graph_without_token_type_ids_is_fed_without_them(
    onnx_bert: ModuleType, tiny: TinyModel, encoder: Encoder, tmp_path: Path
) -> None:
    plain = build_model(onnx_bert, tmp_path / "plain", token_type_ids=False)
    vectors = Encoder.load(plain.path).encode(TEXTS)
    assert np.abs(vectors - encoder.encode(TEXTS)).max() < 1e-6


def test_model_id_fingerprints_the_model(
    onnx_bert: ModuleType, encoder: Encoder, tmp_path: Path
) -> None:
    assert len(encoder.model_id) == 32 and int(encoder.model_id, 16) >= 0
    other_weights = build_model(onnx_bert, tmp_path / "seed1", seed=1)
    other_length = build_model(onnx_bert, tmp_path / "len12", max_length=12)
    ids = {encoder.model_id}
    ids |= {Encoder.load(m.path).model_id for m in (other_weights, other_length)}
    assert len(ids) == 3


def test_encode_refuses_a_lone_string_and_a_zero_batch(encoder: Encoder) -> None:
    with pytest.raises(TypeError):
        encoder.encode("refund policy")
    with pytest.raises(ValueError):
        encoder.encode(["refund policy"], batch_size=0)


def test_convert_model_turns_safetensors_into_the_same_encoder(
    onnx_bert: ModuleType, tiny: TinyModel, encoder: Encoder, tmp_path: Path
) -> None:
    """scripts/convert_model.py on a sentence-transformers directory holding the tiny
    weights (named "bert.*", as some checkpoints are) gives the tiny model back."""
    convert_model = importlib.import_module("convert_model")
    source = tmp_path / "st"
    (source / "1_Pooling").mkdir(parents=True)
    config = {**dataclasses.asdict(tiny.config), "model_type": "bert", "hidden_act": "gelu"}
    (source / "config.json").write_text(json.dumps(config), encoding="utf-8")
    tensors = {f"bert.{name}": value for name, value in tiny.weights.items()}
    tensors["bert.embeddings.position_ids"] = np.arange(24, dtype=np.int64)[None, :]
    onnx_bert.write_safetensors(source / "model.safetensors", tensors)
    assert onnx_bert.read_safetensors(source / "model.safetensors").keys() == {
        *tiny.weights,
        "embeddings.position_ids",
    }
    (source / "tokenizer.json").write_bytes((tiny.path / "tokenizer.json").read_bytes())
    (source / "sentence_bert_config.json").write_text('{"max_seq_length": 16}', encoding="utf-8")
    pooling = '{"pooling_mode_mean_tokens": true}'
    (source / "1_Pooling" / "config.json").write_text(pooling, encoding="utf-8")

    out = tmp_path / "out"
    meta = convert_model.convert(source, out, "tiny-st")
    assert (meta["dim"], meta["max_length"], meta["pooling"]) == (16, MAX_LENGTH, "mean")
    assert convert_model.check_graph(source, out) < 1e-5
    converted = Encoder.load(out)
    assert np.abs(converted.encode(TEXTS) - encoder.encode(TEXTS)).max() < 1e-6


# --- Encoder.load: every failure is an InputError naming the file -----------------------------


def copy_model(tiny: TinyModel, directory: Path) -> Path:
    directory.mkdir()
    for name in ("model.onnx", "tokenizer.json", "guidebot-model.json"):
        (directory / name).write_bytes((tiny.path / name).read_bytes())
    return directory


def test_a_corrupt_model_file_is_an_input_error(tiny: TinyModel, tmp_path: Path) -> None:
    broken = copy_model(tiny, tmp_path / "m")
    (broken / "model.onnx").write_bytes(b"this is not a protobuf \x00\xff" * 20)
    with pytest.raises(InputError, match="model.onnx: not a usable ONNX model") as caught:
        Encoder.load(broken)
    assert "\n" not in str(caught.value)  # onnxruntime's C++ trace is left out


def test_a_truncated_model_file_is_an_input_error(tiny: TinyModel, tmp_path: Path) -> None:
    broken = copy_model(tiny, tmp_path / "m")
    data = (broken / "model.onnx").read_bytes()
    (broken / "model.onnx").write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match="model.onnx"):
        Encoder.load(broken)


def test_a_graph_that_is_no_sentence_encoder_is_an_input_error(
    tiny: TinyModel, tmp_path: Path
) -> None:
    import onnx
    from onnx import TensorProto, helper

    image = helper.make_tensor_value_info("pixel_values", TensorProto.FLOAT, [1, 3])
    out = helper.make_tensor_value_info("out", TensorProto.FLOAT, [1, 3])
    graph = helper.make_graph(
        [helper.make_node("Identity", ["pixel_values"], ["out"])], "g", [image], [out]
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], ir_version=8)
    wrong = copy_model(tiny, tmp_path / "m")
    onnx.save(model, wrong / "model.onnx")
    with pytest.raises(InputError, match="pixel_values"):
        Encoder.load(wrong)


def test_a_bad_tokenizer_is_an_input_error(tiny: TinyModel, tmp_path: Path) -> None:
    broken = copy_model(tiny, tmp_path / "m")
    (broken / "tokenizer.json").write_text('{"version": "1.0", "model": 3}', encoding="utf-8")
    with pytest.raises(InputError, match="tokenizer.json"):
        Encoder.load(broken)


@pytest.mark.parametrize(
    ("meta", "match"),
    [
        ("{not json", "cannot be read"),
        ('["a list"]', "JSON object"),
        ('{"pooling": "cls"}', "pooling"),
        ('{"max_length": "long"}', "max_length"),
        ('{"max_length": 1}', "max_length"),
    ],
)
def test_a_bad_guidebot_model_json_is_an_input_error(
    tiny: TinyModel, tmp_path: Path, meta: str, match: str
) -> None:
    broken = copy_model(tiny, tmp_path / "m")
    (broken / "guidebot-model.json").write_text(meta, encoding="utf-8")
    with pytest.raises(InputError, match=match):
        Encoder.load(broken)


def test_guidebot_model_json_is_optional(tiny: TinyModel, tmp_path: Path) -> None:
    plain = copy_model(tiny, tmp_path / "m")
    (plain / "guidebot-model.json").unlink()
    assert Encoder.load(plain).max_length == 256


def test_a_directory_without_the_files_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a model directory"):
        Encoder.load(tmp_path)


def test_load_without_the_extra_says_how_to_install_it(
    tiny: TinyModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # import now raises ImportError
    assert not semantic_available()
    with pytest.raises(InputError, match=r"pip install '\.\[semantic\]'"):
        Encoder.load(tiny.path)


def test_semantic_available_with_the_extra() -> None:
    pytest.importorskip("onnxruntime")
    pytest.importorskip("tokenizers")
    assert semantic_available()


def test_importing_the_package_loads_neither_library() -> None:
    code = (
        "import sys, guidebot.search.semantic; "
        "print(sorted({'onnxruntime', 'tokenizers', 'onnx'} & set(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


# --- find_model ----------------------------------------------------------------------------


def fake_model(directory: Path, *, onnx_dir: bool = False, tokenizer: bool = True) -> Path:
    """Empty files with a model's names: find_model looks at names only."""
    onnx = directory / "onnx" / "model.onnx" if onnx_dir else directory / "model.onnx"
    onnx.parent.mkdir(parents=True, exist_ok=True)
    onnx.write_bytes(b"")
    if tokenizer:
        (directory / "tokenizer.json").write_text("{}", encoding="utf-8")
    return directory


def cache_repo(hub: Path, repo_id: str, revision: str = "abc123", **kwargs: bool) -> Path:
    """A Hugging Face hub cache entry: models--org--name/snapshots/REV, refs/main -> REV."""
    repo = hub / ("models--" + repo_id.replace("/", "--"))
    (repo / "refs").mkdir(parents=True, exist_ok=True)
    (repo / "refs" / "main").write_text(revision, encoding="utf-8")
    return fake_model(repo / "snapshots" / revision, **kwargs)


def test_a_model_needs_both_files(tmp_path: Path) -> None:
    assert is_model_dir(fake_model(tmp_path / "flat"))
    assert is_model_dir(fake_model(tmp_path / "hf", onnx_dir=True))
    assert not is_model_dir(fake_model(tmp_path / "no-tokenizer", tokenizer=False))
    assert not is_model_dir(tmp_path / "missing")


def test_explicit_then_env_then_cache_then_the_builtin_word_vectors(tmp_path: Path) -> None:
    explicit, named = fake_model(tmp_path / "explicit"), fake_model(tmp_path / "named")
    cached = cache_repo(tmp_path / "hf" / "hub", "sentence-transformers/all-MiniLM-L6-v2")
    env = {"GUIDEBOT_MODEL": str(named), "HF_HOME": str(tmp_path / "hf")}
    assert find_model(explicit, env) == explicit
    assert find_model(None, env) == named
    assert find_model(None, {**env, "GUIDEBOT_MODEL": ""}) == cached
    assert find_model(None, {"HOME": str(tmp_path / "nobody")}) == builtin_dir()


@pytest.mark.parametrize("value", ["0", "off", "False", " no "])
def test_guidebot_semantic_0_turns_it_off(tmp_path: Path, value: str) -> None:
    model = fake_model(tmp_path / "m")
    env = {"GUIDEBOT_SEMANTIC": value, "GUIDEBOT_MODEL": str(model)}
    assert find_model(model, env) is None
    assert find_model(None, env) is None
    assert find_model(None, {**env, "GUIDEBOT_SEMANTIC": "1"}) == model


def test_an_explicit_directory_that_is_no_model_is_an_error(tmp_path: Path) -> None:
    half = fake_model(tmp_path / "half", tokenizer=False)
    with pytest.raises(InputError, match="--model"):
        find_model(half, {})
    with pytest.raises(InputError, match="GUIDEBOT_MODEL"):
        find_model(None, {"GUIDEBOT_MODEL": str(half)})
    with pytest.raises(InputError, match="no such directory"):
        find_model(tmp_path / "nowhere", {})
    (tmp_path / "dev.yaml").write_text("cases: []", encoding="utf-8")
    with pytest.raises(InputError, match="a file, not a directory"):
        find_model(tmp_path / "dev.yaml", {})


@pytest.mark.parametrize(
    ("variable", "value", "hub"),
    [
        ("HF_HUB_CACHE", "custom", "custom"),
        ("HF_HOME", "home", "home/hub"),
        ("XDG_CACHE_HOME", "xdg", "xdg/huggingface/hub"),
        ("HOME", "user", "user/.cache/huggingface/hub"),
    ],
)
def test_the_hugging_face_cache_is_where_huggingface_hub_puts_it(
    tmp_path: Path, variable: str, value: str, hub: str
) -> None:
    cached = cache_repo(tmp_path / hub, "Xenova/all-MiniLM-L6-v2", onnx_dir=True)
    assert find_model(None, {variable: str(tmp_path / value)}) == cached


def test_cache_entries_that_are_no_model_are_passed_over(tmp_path: Path) -> None:
    hub = tmp_path / "hub"
    cache_repo(hub, "aaa/no-tokenizer", tokenizer=False)
    cls_pooled = cache_repo(hub, "bbb/cls-pooled")
    (cls_pooled / "1_Pooling").mkdir()
    (cls_pooled / "1_Pooling" / "config.json").write_text(
        '{"pooling_mode_cls_token": true, "pooling_mode_mean_tokens": false}', encoding="utf-8"
    )
    dangling = hub / "models--ccc--not-downloaded" / "snapshots" / "r1"
    dangling.mkdir(parents=True)
    (dangling / "tokenizer.json").symlink_to(hub / "blobs" / "missing")
    (dangling / "model.onnx").symlink_to(hub / "blobs" / "missing-too")
    cache_repo(hub, "yyy/not-a-sentence-encoder")  # no sentence-transformers files
    usable = cache_repo(hub, "zzz/usable")
    (usable / "modules.json").write_text("[]", encoding="utf-8")
    assert find_model(None, {"HF_HUB_CACHE": str(hub)}) == usable


def test_preferred_cached_models_come_first(tmp_path: Path) -> None:
    hub = tmp_path / "hub"
    cache_repo(hub, "aaa/some-model")
    preferred = cache_repo(hub, "sentence-transformers/all-MiniLM-L6-v2")
    assert find_model(None, {"HF_HUB_CACHE": str(hub)}) == preferred


def test_the_snapshot_refs_main_names_wins_else_the_newest(tmp_path: Path) -> None:
    hub = tmp_path / "hub"
    env = {"HF_HUB_CACHE": str(hub)}
    older = cache_repo(hub, "org/model", revision="r1")
    newer = cache_repo(hub, "org/model", revision="r2")
    for snapshot in (older, newer):
        (snapshot / "config_sentence_transformers.json").write_text("{}", encoding="utf-8")
    os.utime(older, (1_000_000, 1_000_000))
    os.utime(newer, (2_000_000, 2_000_000))
    (hub / "models--org--model" / "refs" / "main").write_text("r1", encoding="utf-8")
    assert find_model(None, env) == older
    (hub / "models--org--model" / "refs" / "main").unlink()
    assert find_model(None, env) == newer
