"""Loading what a model directory holds: word vectors or a sentence-embedding model."""

from __future__ import annotations

from pathlib import Path

from guidebot.search.semantic.encoder import Encoder
from guidebot.search.semantic.model_dir import WORD_VECTORS
from guidebot.search.semantic.textencoder import TextEncoder
from guidebot.search.semantic.wordvectors import WordVectors


def load_model(directory: Path) -> TextEncoder:
    """The encoder of a model directory (model_dir.find_model): its word vectors when it
    holds word-vectors.npz (numpy alone), else its ONNX model (Encoder.load, which needs the
    semantic extra). Raises InputError, naming the file, when it does not load."""
    if (directory / WORD_VECTORS).is_file():
        return WordVectors.load(directory)
    return Encoder.load(directory)
