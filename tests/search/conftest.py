"""Fixtures of the search tests: the tiny sentence-encoder builder (tests/search/tinymodel.py)."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from types import ModuleType

import pytest

from tests.search.tinymodel import SCRIPTS


@pytest.fixture(scope="module")
def onnx_bert() -> Iterator[ModuleType]:
    """scripts/onnx_bert.py, imported with scripts/ on sys.path for this module only."""
    pytest.importorskip("onnx")
    pytest.importorskip("onnxruntime")
    pytest.importorskip("tokenizers")
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(SCRIPTS))
        yield importlib.import_module("onnx_bert")
