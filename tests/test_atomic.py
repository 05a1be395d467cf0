"""Atomic writes: whole files or nothing, nothing replaced unasked, modes kept."""

from __future__ import annotations

import os
import stat

import pytest

from guidebot.atomic import write_bytes, write_text
from guidebot.errors import WriteRefused


def test_new_file_is_readable_and_existing_one_is_not_replaced_unasked(tmp_path):
    path = write_text(tmp_path / "a" / "x.md", "one")
    assert path.read_text() == "one" and stat.S_IMODE(path.stat().st_mode) == 0o644
    with pytest.raises(WriteRefused, match="already exists"):
        write_text(path, "two")
    assert path.read_text() == "one"


def test_replacing_keeps_the_mode_and_leaves_no_temporary_files(tmp_path):
    path = tmp_path / "x.md"
    path.write_text("old")
    path.chmod(0o640)
    write_text(path, "new", overwrite=True)
    assert path.read_text() == "new" and stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["x.md"]


def test_a_directory_is_never_written_over(tmp_path):
    (tmp_path / "x.md").mkdir()
    with pytest.raises(WriteRefused, match="not a regular file"):
        write_text(tmp_path / "x.md", "text", overwrite=True)


def test_a_failed_write_names_the_file_and_leaves_nothing(tmp_path):
    from guidebot.errors import WriteFailed

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(WriteFailed, match=r"cannot write .*not-a-folder/out.md: "):
        write_text(blocker / "out.md", "text")
    assert list(tmp_path.iterdir()) == [blocker]


def test_a_symbolic_link_stays_a_link(tmp_path):
    real = tmp_path / "real.md"
    real.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    write_text(link, "new", overwrite=True)
    assert link.is_symlink() and real.read_text() == "new"


def test_pieces_are_written_one_after_another_and_a_cache_may_skip_the_fsync(tmp_path, monkeypatch):
    synced = []
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd))
    target = tmp_path / "cache.bin"
    write_bytes(target, [b"ab", b"", b"cd"], durable=False)
    assert target.read_bytes() == b"abcd" and synced == []
    write_bytes(target, b"whole")
    assert target.read_bytes() == b"whole" and len(synced) == 1
