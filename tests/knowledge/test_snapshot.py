"""The knowledge snapshot: the same knowledge and passages as parsing the files, used only
while the files are unchanged, and never trusted when damaged."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from guidebot.bot import Bot
from guidebot.errors import KnowledgeError
from guidebot.knowledge import loader, snapshot, snapshot_read
from guidebot.knowledge.loader import load_knowledge
from guidebot.knowledge.passages import build_passages
from guidebot.version import __version__
from tests.conftest import KNOWLEDGE

VERSION = __version__


@pytest.fixture
def knowledge(tmp_path):
    """A copy of the bundled knowledge (guides with sub-headings, FAQ with alternates,
    follow-ups, synonyms, small talk and scope), so tests may edit it."""
    return shutil.copytree(KNOWLEDGE, tmp_path / "knowledge")


def test_round_trip_equals_parsing_the_files(tmp_path, knowledge):
    kb = load_knowledge(knowledge)
    passages = build_passages(kb)
    key = snapshot.signature(knowledge)
    assert snapshot.save(tmp_path / "cache", key, VERSION, kb, passages) is None
    found, note = snapshot_read.load(tmp_path / "cache", key, VERSION)
    assert note == "" and found is not None
    assert found == (kb, passages)
    assert any(p.alternates for p in passages) and any(len(p.headings) > 1 for p in passages)


def test_a_second_load_reads_the_snapshot_not_the_files(tmp_path, knowledge, monkeypatch):
    first = Bot.load(knowledge, cache_dir=tmp_path / "cache")
    monkeypatch.setattr("guidebot.knowledge.cached.load_knowledge", lambda p: pytest.fail("parsed"))
    second = Bot.load(knowledge, cache_dir=tmp_path / "cache")
    assert second.notes == [] and second.kb == first.kb and second.passages == first.passages
    question = "how long does the program take"
    assert second.ask(question).to_dict() == first.ask(question).to_dict()


@pytest.mark.parametrize("change", ["edit", "add", "remove", "touch"])
def test_any_change_to_the_files_loads_them_again(tmp_path, knowledge, change):
    cache = tmp_path / "cache"
    Bot.load(knowledge, cache_dir=cache)
    guide = next((knowledge / "guides").glob("*.md"))
    faq = next((knowledge / "faq").glob("*.yaml"))
    if change == "edit":  # same size, same second: only the nanoseconds differ
        info = guide.stat()
        text = guide.read_text().replace("Imed", "Imeq", 1)
        guide.write_text(text)
        os.utime(guide, ns=(info.st_atime_ns, info.st_mtime_ns + 1))
    elif change == "add":
        (knowledge / "faq" / "extra.yaml").write_text(
            "- id: extra\n  question: Is there a night school?\n  answer: Not that we know.\n"
        )
    elif change == "remove":
        faq.unlink()
    else:
        os.utime(guide)
    fresh = Bot.load(knowledge, cache_dir=cache)
    assert fresh.kb == load_knowledge(knowledge)


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "header"])
def test_a_damaged_snapshot_is_a_note_and_the_files_are_read(tmp_path, knowledge, damage):
    cache = tmp_path / "cache"
    Bot.load(knowledge, cache_dir=cache)
    (path,) = cache.glob("knowledge-*.bin")
    data = bytearray(path.read_bytes())
    if damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "flip":
        data[-10] ^= 0x20
    elif damage == "garbage":
        data = bytearray(b"\xff" * 64)
    else:
        # The preamble's stored checksum (bytes 8-11). Flipped, not set: a set byte equal to
        # the one there (1 in 256 files) was no damage at all, and the test failed by chance.
        data[8] ^= 0x5B
    path.write_bytes(bytes(data))
    again = Bot.load(knowledge, cache_dir=cache)
    assert any("ignored the knowledge snapshot" in note for note in again.notes)
    assert again.kb == load_knowledge(knowledge)


def test_a_snapshot_from_another_version_is_not_used(tmp_path, knowledge):
    kb = load_knowledge(knowledge)
    key = snapshot.signature(knowledge)
    snapshot.save(tmp_path, key, "0.0.1", kb, build_passages(kb))
    assert snapshot_read.load(tmp_path, key, VERSION) == (None, "")
    shutil.copy(
        snapshot.snapshot_path(tmp_path, key, "0.0.1"),
        snapshot.snapshot_path(tmp_path, key, VERSION),
    )
    found, note = snapshot_read.load(tmp_path, key, VERSION)
    assert found is None and "another version" in note


def test_broken_knowledge_is_never_snapshotted(tmp_path, knowledge):
    guide = next((knowledge / "guides").glob("*.md"))
    guide.write_bytes(guide.read_bytes() + b"\n\x1b[2J\n")
    with pytest.raises(KnowledgeError):
        Bot.load(knowledge, cache_dir=tmp_path / "cache")
    assert not list((tmp_path / "cache").glob("knowledge-*"))


def test_the_same_folder_spelt_another_way_keeps_its_own_paths(tmp_path, knowledge, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Bot.load("knowledge", cache_dir=tmp_path / "cache")
    other = Bot.load(knowledge, cache_dir=tmp_path / "cache")
    assert other.kb.root == str(knowledge)
    assert all(p.path.startswith(str(knowledge)) for p in other.passages)


def test_an_unwritable_cache_is_a_note_not_a_failure(tmp_path, knowledge):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    bot = Bot.load(knowledge, cache_dir=blocker)
    assert bot.notes and bot.ask("how long does the program take").kind == "answer"


def test_signature_names_every_knowledge_file(knowledge):
    before = snapshot.signature(knowledge)
    files = [p for group in loader.knowledge_files(knowledge).values() for p in group]
    assert len(files) > 2
    os.utime(files[-1], ns=(0, 0))
    assert snapshot.signature(knowledge) != before


def test_a_changed_number_in_the_header_is_caught(tmp_path, knowledge):
    cache = tmp_path / "cache"
    Bot.load(knowledge, cache_dir=cache)
    (path,) = cache.glob("knowledge-*.bin")
    data = bytearray(path.read_bytes())
    at = data.index(b'"kb":[') + 10
    digit = next(i for i in range(at, at + 200) if chr(data[i]).isdigit())
    data[digit] = ord("1") if data[digit] != ord("1") else ord("2")
    path.write_bytes(bytes(data))
    again = Bot.load(knowledge, cache_dir=cache)
    assert any("damaged" in note for note in again.notes)
    assert again.kb == load_knowledge(knowledge)


def test_an_edit_that_keeps_size_and_modification_time_is_still_seen(tmp_path, knowledge):
    cache = tmp_path / "cache"
    Bot.load(knowledge, cache_dir=cache)
    guide = next((knowledge / "guides").glob("*.md"))
    info = guide.stat()
    guide.write_text(guide.read_text().replace("Imed", "Imeq", 1))
    os.utime(guide, ns=(info.st_atime_ns, info.st_mtime_ns))  # the status-change time moves
    assert Bot.load(knowledge, cache_dir=cache).kb == load_knowledge(knowledge)


def test_files_changed_a_moment_ago_are_not_snapshotted(tmp_path, knowledge):
    guide = next((knowledge / "guides").glob("*.md"))
    guide.write_text(guide.read_text() + "\n")  # modified now
    Bot.load(knowledge, cache_dir=tmp_path / "cache")
    assert not list((tmp_path / "cache").glob("knowledge-*"))


def test_a_folder_name_that_is_not_utf8_is_snapshotted_too(tmp_path, knowledge):
    odd = Path(os.fsdecode(os.fsencode(str(tmp_path)) + b"/kn\xe9"))
    shutil.copytree(knowledge, odd)
    first = Bot.load(odd, cache_dir=tmp_path / "cache")
    assert list((tmp_path / "cache").glob("knowledge-*"))
    second = Bot.load(odd, cache_dir=tmp_path / "cache")
    assert second.notes == [] and second.kb == first.kb and second.passages == first.passages


def test_texts_the_bulk_numbering_misses_are_numbered_when_met(tmp_path, knowledge, monkeypatch):
    """The bulk pass only orders the table for speed: leaving out the lazily decoded parts'
    texts still writes a snapshot that reads back as the files."""
    monkeypatch.setattr(snapshot, "_lazy_texts", lambda kb: iter(()))
    kb = load_knowledge(knowledge)
    passages = build_passages(kb)
    key = snapshot.signature(knowledge)
    assert snapshot.save(tmp_path / "cache", key, VERSION, kb, passages) is None
    found, note = snapshot_read.load(tmp_path / "cache", key, VERSION)
    assert note == "" and found == (kb, passages)
