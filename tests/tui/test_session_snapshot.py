"""The chat app loads knowledge through its snapshot: the first start reads the files and
saves one once its bot is built; the next start takes knowledge and passages from it."""

from __future__ import annotations

import shutil

from guidebot.knowledge.cached import load_cached
from guidebot.tui.session import ChatSession
from tests.conftest import KNOWLEDGE


def test_the_second_start_takes_the_knowledge_and_passages_from_the_snapshot(tmp_path):
    knowledge = shutil.copytree(KNOWLEDGE, tmp_path / "knowledge")
    cache = tmp_path / "cache"
    first = load_cached(knowledge, cache)
    assert first.passages is None  # read from the files
    bot = ChatSession(knowledge=first, cache_dir=cache).build()
    assert bot is not None and bot.notes == []
    again = load_cached(knowledge, cache)
    assert again.passages == bot.passages and again.kb == first.kb
    rebuilt = ChatSession(knowledge=again, cache_dir=cache).build()
    assert rebuilt is not None and rebuilt.passages == bot.passages
