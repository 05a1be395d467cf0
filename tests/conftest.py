"""Shared fixtures: the bundled knowledge, and small knowledge directories written per test."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import pytest

from guidebot.bot import Bot
from tests.search.tinymodel import SCRIPTS

if TYPE_CHECKING:
    from guidebot.search.semantic.encoder import Encoder

ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE = ROOT / "knowledge"


def run_guidebot(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """Run the real `guidebot` command line (as `python -m guidebot.cli`) and capture it."""
    return subprocess.run(
        [sys.executable, "-m", "guidebot.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture(autouse=True)
def private_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tests, and the guidebot processes they start, never write to the real user's
    directories: the unanswered-questions log and caches go to a temporary folder."""
    home = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("GUIDEBOT_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("GUIDEBOT_TRANSCRIPTS_DIR", str(home / "transcripts"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    # No model from the person's environment: commands read meaning with the built-in word
    # vectors, as installed, and a sentence model only in the tests that give one (its
    # Hugging Face cache is under XDG_CACHE_HOME).
    for name in ("GUIDEBOT_MODEL", "GUIDEBOT_SEMANTIC", "HF_HOME", "HF_HUB_CACHE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def bot() -> Bot:
    return Bot.load(KNOWLEDGE)


@pytest.fixture
def make_knowledge(tmp_path: Path) -> Callable[[dict[str, str]], Path]:
    """Write {relative path: text} into a fresh knowledge directory and return it."""

    def make(files: dict[str, str]) -> Path:
        root = tmp_path / "kb"
        for name, text in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        root.mkdir(exist_ok=True)
        return root

    return make


GUIDE = """
---
title: Test Guide
author: A. Writer
---
The introduction explains what this small test guide is about for every reader.

## Costs
Tuition for the whole programme runs from $10,000 to $20,000 in total, fees included.

Scholarships and employer support can lower the price that students finally pay.

## Admission
Applicants need a bachelor's degree and some programming experience in Python.
"""


# The semantic re-ranker's tests run a tiny random model that tests/search/tinymodel.py builds.
@pytest.fixture(scope="module")
def onnx_bert() -> Iterator[ModuleType]:
    """scripts/onnx_bert.py, imported with scripts/ on sys.path for this module only."""
    pytest.importorskip("onnx")
    pytest.importorskip("onnxruntime")
    pytest.importorskip("tokenizers")
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(SCRIPTS))
        yield importlib.import_module("onnx_bert")


@pytest.fixture(scope="module")
def tiny_model_dir(onnx_bert: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory holding the tiny random sentence encoder (skips without the extra)."""
    from tests.search.tinymodel import build_model

    return build_model(onnx_bert, tmp_path_factory.mktemp("tiny")).path


@pytest.fixture(scope="module")
def tiny_encoder(tiny_model_dir: Path) -> Encoder:
    """The tiny random sentence encoder, loaded."""
    from guidebot.search.semantic.encoder import Encoder

    return Encoder.load(tiny_model_dir, threads=1)


# A bike repairer's guide whose section on services states no price (the gap log's check
# and the heading rule of dialogue/clarify.py are tried on it)
REPAIRS_GUIDE = """---
title: Bike Repairs
---
## Services we offer
We mend punctures, adjust gears and brakes, true wheels and fit new parts.

## Opening hours
We open Tuesday to Saturday, nine till five.
"""
