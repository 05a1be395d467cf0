"""Answering from the knowledge as it last loaded cleanly when its files break
(knowledge/lastgood.py through knowledge/cached.py and Bot.load)."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from guidebot.bot import Bot
from guidebot.errors import KnowledgeError
from guidebot.knowledge import lastgood
from guidebot.knowledge.cached import load_cached
from tests.conftest import KNOWLEDGE

QUESTION = "how long does the program take"


@pytest.fixture
def knowledge(tmp_path):
    """A copy of the bundled knowledge, its files dated a minute ago so that it is
    snapshotted (files changed a moment ago are not: cached.RACY_SECONDS)."""
    root = shutil.copytree(KNOWLEDGE, tmp_path / "knowledge")
    _age(root)
    return root


def _age(root):
    earlier = time.time() - 60
    for path in root.rglob("*"):
        os.utime(path, (earlier, earlier))


def _break(root):
    bad = root / "faq" / "zz-broken.yaml"
    bad.write_text("- question: [unclosed\n", encoding="utf-8")
    _age(root)
    return bad


def test_a_broken_edit_answers_from_the_knowledge_as_it_last_loaded(tmp_path, knowledge):
    cache = tmp_path / "cache"
    good = Bot.load(knowledge, cache_dir=cache)
    bad = _break(knowledge)
    bot = Bot.load(knowledge, cache_dir=cache, last_good=True)
    assert bot.problems is not None
    assert [p.path for p in bot.problems.problems] == [str(bad)]
    assert bot.kb == good.kb
    assert bot.ask(QUESTION).to_dict() == good.ask(QUESTION).to_dict()


def test_without_asking_for_it_a_broken_edit_still_raises(tmp_path, knowledge):
    Bot.load(knowledge, cache_dir=tmp_path / "cache")
    _break(knowledge)
    with pytest.raises(KnowledgeError):
        Bot.load(knowledge, cache_dir=tmp_path / "cache")


def test_knowledge_that_never_loaded_cleanly_has_nothing_to_fall_back_to(tmp_path, knowledge):
    _break(knowledge)
    with pytest.raises(KnowledgeError):
        Bot.load(knowledge, cache_dir=tmp_path / "cache", last_good=True)


def test_a_folder_that_is_gone_is_not_answered_from_its_cache(tmp_path, knowledge):
    Bot.load(knowledge, cache_dir=tmp_path / "cache")
    shutil.rmtree(knowledge)
    with pytest.raises(KnowledgeError, match="not found"):
        load_cached(knowledge, tmp_path / "cache", last_good=True)


def test_the_last_good_state_follows_the_latest_clean_load(tmp_path, knowledge):
    cache = tmp_path / "cache"
    Bot.load(knowledge, cache_dir=cache)
    faq = knowledge / "faq" / "zz-added.yaml"
    faq.write_text("- question: Is there a campus cat?\n  answer: Yes, Tabby.\n", encoding="utf-8")
    _age(knowledge)
    Bot.load(knowledge, cache_dir=cache)  # clean: now the last good state
    _break(knowledge)
    bot = Bot.load(knowledge, cache_dir=cache, last_good=True)
    assert bot.problems is not None
    assert any(f.question == "Is there a campus cat?" for f in bot.kb.faqs)


def test_a_pruned_snapshot_leaves_nothing_to_fall_back_to(tmp_path, knowledge):
    cache = tmp_path / "cache"
    Bot.load(knowledge, cache_dir=cache)
    for snapshot in cache.glob("knowledge-*"):
        snapshot.unlink()
    _break(knowledge)
    with pytest.raises(KnowledgeError):
        Bot.load(knowledge, cache_dir=cache, last_good=True)


def test_recall_gives_what_remember_noted_per_folder(tmp_path):
    key, one, two = "ab" * 32, tmp_path / "one", tmp_path / "two"
    one.mkdir(), two.mkdir()
    lastgood.remember(tmp_path, one, key)
    assert lastgood.recall(tmp_path, one) == key
    assert lastgood.recall(tmp_path, two) == ""
    lastgood.forget(tmp_path, one)
    assert lastgood.recall(tmp_path, one) == ""


def test_another_folder_made_at_the_same_path_is_not_the_one_remembered(tmp_path):
    one = tmp_path / "one"
    one.mkdir()
    lastgood.remember(tmp_path, one, "ab" * 32)
    one.rename(tmp_path / "moved")
    one.mkdir()
    assert lastgood.recall(tmp_path, one) == ""


@pytest.mark.parametrize("text", ["", "not a key", "ab" * 31, "\x1b[2J" * 16, "AB" * 32])
def test_a_damaged_pointer_is_no_key(tmp_path, text):
    (tmp_path / "one").mkdir()
    path = lastgood.pointer_path(tmp_path, tmp_path / "one")
    path.write_text(text, encoding="latin-1")
    assert lastgood.recall(tmp_path, tmp_path / "one") == ""


def test_a_cache_that_cannot_be_written_is_no_failure(tmp_path):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    (tmp_path / "one").mkdir()
    lastgood.remember(blocker, tmp_path / "one", "ab" * 32)
    assert lastgood.recall(blocker, tmp_path / "one") == ""


def test_an_emptied_folder_is_no_broken_edit(tmp_path, knowledge):
    Bot.load(knowledge, cache_dir=tmp_path / "cache")
    for path in [*knowledge.rglob("*.md"), *knowledge.rglob("*.yaml")]:
        path.unlink()
    with pytest.raises(KnowledgeError, match="no knowledge found"):
        Bot.load(knowledge, cache_dir=tmp_path / "cache", last_good=True)


def test_another_folder_at_the_same_path_is_not_answered_from_the_old_one(tmp_path, knowledge):
    Bot.load(knowledge, cache_dir=tmp_path / "cache")
    knowledge.rename(tmp_path / "moved")
    shutil.copytree(tmp_path / "moved", knowledge)
    _break(knowledge)
    with pytest.raises(KnowledgeError):
        Bot.load(knowledge, cache_dir=tmp_path / "cache", last_good=True)


def test_a_clean_load_not_snapshotted_is_newer_than_the_state_remembered(tmp_path, knowledge):
    """Files loaded cleanly a moment after an edit are not snapshotted (RACY_SECONDS): the
    state remembered before is no longer the last good one, and is not served."""
    cache = tmp_path / "cache"
    Bot.load(knowledge, cache_dir=cache)
    faq = knowledge / "faq" / "zz-added.yaml"
    faq.write_text("- question: Is there a campus cat?\n  answer: Yes, Tabby.\n", encoding="utf-8")
    Bot.load(knowledge, cache_dir=cache)  # clean, changed just now: not snapshotted
    _break(knowledge)
    with pytest.raises(KnowledgeError):
        Bot.load(knowledge, cache_dir=cache, last_good=True)


def test_a_reload_of_new_knowledge_forgets_the_state_remembered(tmp_path, knowledge):
    cache = tmp_path / "cache"
    bot = Bot.load(knowledge, cache_dir=cache)
    faq = knowledge / "faq" / "zz-added.yaml"
    faq.write_text("- question: Is there a campus cat?\n  answer: Yes, Tabby.\n", encoding="utf-8")
    _age(knowledge)
    reloaded, error = bot.reloaded()
    assert error is None and reloaded is not bot
    _break(knowledge)
    with pytest.raises(KnowledgeError):
        Bot.load(knowledge, cache_dir=cache, last_good=True)


def test_the_folder_spelt_another_way_is_not_answered_from_its_snapshot(
    tmp_path, knowledge, monkeypatch
):
    """A snapshot keeps the paths as spelt when it was made ("knowledge" from tmp_path);
    from another folder the same spelling would name another folder."""
    monkeypatch.chdir(tmp_path)
    Bot.load(Path("knowledge"), cache_dir=tmp_path / "cache")
    _break(knowledge)
    with pytest.raises(KnowledgeError):
        Bot.load(knowledge, cache_dir=tmp_path / "cache", last_good=True)
