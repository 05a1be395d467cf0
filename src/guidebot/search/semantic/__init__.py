"""The optional semantic re-ranker's parts (the `semantic` extra): finding a sentence-embedding
model (model_dir), running it (encoder) and fusing its similarities with BM25 (fusion).

Importing this package never imports onnxruntime or tokenizers; only Encoder.load does, so the
lexical core works, and starts as fast, without the extra.
"""

from guidebot.search.semantic.encoder import Encoder, semantic_available
from guidebot.search.semantic.fusion import linear_mix, rrf
from guidebot.search.semantic.model_dir import find_model, is_model_dir

__all__ = ["Encoder", "find_model", "is_model_dir", "linear_mix", "rrf", "semantic_available"]
