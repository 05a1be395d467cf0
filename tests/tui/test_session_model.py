"""The chat app's session loads the sentence-embedding model with the Bot, in its worker,
and says why when the model cannot be loaded instead of failing."""

from __future__ import annotations

from guidebot.knowledge.loader import load_knowledge
from guidebot.tui.session import ChatSession
from tests.conftest import KNOWLEDGE


def test_the_bot_is_built_with_the_model(tiny_model_dir, tmp_path):
    session = ChatSession(
        knowledge=load_knowledge(KNOWLEDGE), cache_dir=tmp_path, model=tiny_model_dir
    )
    bot = session.build()
    assert bot is not None and bot.encoder is not None
    assert bot.retriever.search("average salary", k=1).similarity is not None


def test_a_model_that_does_not_load_is_a_failure_message(tmp_path):
    broken = tmp_path / "model"
    broken.mkdir()
    (broken / "tokenizer.json").write_text("{}")
    (broken / "model.onnx").write_bytes(b"not onnx")
    session = ChatSession(knowledge=load_knowledge(KNOWLEDGE), cache_dir=tmp_path, model=broken)
    assert session.build() is None
    assert "could not load the model" in session.failure
