"""All or nothing: a killed ingest never leaves half-imported knowledge that is served."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from guidebot.errors import InputError, KnowledgeError, WriteFailed
from guidebot.ingest import staging
from guidebot.ingest.pipeline import ingest
from guidebot.knowledge.loader import INTERRUPTED_INGEST, load_knowledge

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


class Killed(BaseException):
    """Stands for the process being killed: not an Exception, nothing catches it."""


def test_a_run_killed_while_going_live_is_refused_then_finished(tmp_path, monkeypatch):
    target = tmp_path / "kb"
    inputs = [FIXTURES / "article.txt", FIXTURES / "faq.csv"]  # the FAQ links to the article
    real_replace = os.replace
    moved: list[str] = []

    def replace_then_die(source, destination):
        if moved:
            raise Killed
        moved.append(str(destination))
        real_replace(source, destination)

    monkeypatch.setattr(staging.os, "replace", replace_then_die)
    with pytest.raises(Killed):
        ingest(inputs, target)
    assert (target / INTERRUPTED_INGEST).is_file() and len(moved) == 1
    with pytest.raises(KnowledgeError, match="an ingest into this folder was interrupted"):
        load_knowledge(target)  # half of it is there, and none of it is served
    monkeypatch.setattr(staging.os, "replace", real_replace)
    assert staging.finish_interrupted(target)
    kb = load_knowledge(target)
    assert kb.guides and kb.faqs
    left = [p.name for p in target.iterdir() if p.name.startswith(".guidebot")]
    assert left == [staging.LOCK]  # what the next ingest takes turns by, and nothing else


def test_a_result_that_fails_the_check_leaves_nothing_behind(tmp_path):
    target = tmp_path / "new" / "kb"
    bad = tmp_path / "bad.csv"
    bad.write_text("question,answer,section\nWhere?,Here.,No Such Heading\n", encoding="utf-8")
    with pytest.raises(KnowledgeError):
        ingest([bad], target)
    assert not (tmp_path / "new").exists()


def test_a_linked_guide_stays_a_link_when_replaced(tmp_path):
    target = tmp_path / "kb"
    ingest([FIXTURES / "article.md"], target)
    (guide,) = (target / "guides").iterdir()
    real = tmp_path / "kept-elsewhere.md"
    real.write_bytes(guide.read_bytes())
    guide.unlink()
    guide.symlink_to(real)
    ingest([FIXTURES / "article.md"], target, force=True)
    assert guide.is_symlink() and real.read_text(encoding="utf-8").startswith("---")


def test_a_file_replaced_with_other_text_is_kept_and_named(tmp_path):
    """--force may replace hand edits: the old file is copied aside first, outside what the
    loader reads, and ingest's notes say where; the same text again keeps no copy."""
    target = tmp_path / "kb"
    ingest([FIXTURES / "faq-plain.csv"], target)
    (faq,) = (target / "faq").iterdir()
    edited = faq.read_text(encoding="utf-8") + "- question: Added by hand?\n  answer: Here.\n"
    faq.write_text(edited, encoding="utf-8")
    result = ingest([FIXTURES / "faq-plain.csv"], target, force=True)
    (copy,) = (target / staging.REPLACED).rglob("*.yaml")
    assert copy.read_text(encoding="utf-8") == edited
    assert f"replaced {faq}; the file it replaced is kept as {copy}" in result.notes
    assert "Added by hand?" not in faq.read_text(encoding="utf-8")
    assert not any(e.question == "Added by hand?" for e in load_knowledge(target).faqs)
    again = ingest([FIXTURES / "faq-plain.csv"], target, force=True)
    assert not any("replaced" in note for note in again.notes)
    assert len(list((target / staging.REPLACED).rglob("*.yaml"))) == 1


def test_the_same_export_on_another_day_keeps_no_copy(tmp_path):
    target = tmp_path / "kb"
    ingest([FIXTURES / "faq-plain.csv"], target)
    (faq,) = (target / "faq").iterdir()
    first, rest = faq.read_text(encoding="utf-8").split("\n", 1)
    faq.write_text(first[: -len("2026-12-01.")] + "2020-01-01.\n" + rest, encoding="utf-8")
    result = ingest([FIXTURES / "faq-plain.csv"], target, force=True)
    assert not any("replaced" in note for note in result.notes)
    assert not (target / staging.REPLACED).exists()


def test_a_disk_that_cannot_be_written_is_a_clear_error(tmp_path, monkeypatch):
    import errno

    from guidebot.errors import WriteFailed

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(staging.tempfile, "mkdtemp", full)
    with pytest.raises(WriteFailed, match=r"cannot write .*kb: No space left on device"):
        ingest([FIXTURES / "article.md"], tmp_path / "kb")
    assert not (tmp_path / "kb").exists()


def test_an_input_over_the_size_limit_is_refused_unread(tmp_path, monkeypatch):
    from guidebot.errors import InputError
    from guidebot.ingest import sources

    monkeypatch.setattr(sources, "MAX_INPUT_BYTES", 100)
    big = tmp_path / "big.md"
    big.write_text("# Big\n\n" + "word " * 100, encoding="utf-8")
    with pytest.raises(InputError, match="over the 100 byte limit"):
        ingest([big], tmp_path / "kb")


def test_a_bare_folder_of_faq_files_is_not_ingested_into(tmp_path):
    from guidebot.errors import InputError

    bare = tmp_path / "bare"
    bare.mkdir()
    (bare / "desk.yaml").write_text("- question: When are you open?\n  answer: At nine.\n")
    with pytest.raises(InputError, match=r"holds FAQ files directly in it \(desk.yaml\)"):
        ingest([FIXTURES / "article.md"], bare)
    assert sorted(p.name for p in bare.iterdir()) == ["desk.yaml"]  # nothing was lost


def test_a_staging_folder_left_by_a_killed_run_is_swept_once_an_hour_old(tmp_path):
    target = tmp_path / "kb"
    ingest([FIXTURES / "article.txt"], target)
    old, young = target / f"{staging.PREFIX}old", target / f"{staging.PREFIX}young"
    for folder in (old, young):
        (folder / "guides").mkdir(parents=True)
        (folder / "guides" / "copy.md").write_text("# a copy\n", encoding="utf-8")
    two_hours_ago = old.stat().st_mtime - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))
    ingest([FIXTURES / "faq.csv"], target)
    assert not old.exists() and young.exists()  # the young one may be another ingest's
    load_knowledge(target)


def test_nothing_is_swept_while_a_journal_names_a_staging_folder(tmp_path):
    target = tmp_path / "kb"
    left = target / f"{staging.PREFIX}left"
    left.mkdir(parents=True)
    (target / INTERRUPTED_INGEST).write_text('{"staging": "x", "files": []}', encoding="utf-8")
    assert staging.sweep_abandoned(target, now=left.stat().st_mtime + 10**6) == []
    assert left.exists()


def test_a_commit_whose_staged_files_were_swept_fails_and_changes_nothing(tmp_path):
    """An ingest paused for over an hour may find its staging folder swept by another: it
    must say so, not report files it never wrote."""
    target = tmp_path / "kb"
    ingest([FIXTURES / "article.txt"], target)
    before = sorted(p.name for p in (target / "guides").iterdir())
    staged = staging.Staging(target)
    staged.write("guides/late.md", "# Late\n")
    shutil.rmtree(staged.root)
    with pytest.raises(WriteFailed):
        staged.commit("now")
    assert sorted(p.name for p in (target / "guides").iterdir()) == before
    assert not (target / INTERRUPTED_INGEST).exists()


def test_a_second_ingest_into_a_folder_being_written_stops_at_once(tmp_path):
    """Two ingests at once could each pass the check alone and together break the
    knowledge (one export's ids taken twice): the second says so and writes nothing."""
    from filelock import FileLock

    target = tmp_path / "kb"
    ingest([FIXTURES / "article.txt"], target)
    before = sorted(p.relative_to(target) for p in target.rglob("*"))
    busy = pytest.raises(InputError, match="another guidebot ingest is writing")
    with FileLock(target / staging.LOCK, timeout=0), busy:  # another ingest, mid-way
        ingest([FIXTURES / "faq.csv"], target)
    assert sorted(p.relative_to(target) for p in target.rglob("*")) == before
    assert ingest([FIXTURES / "faq.csv"], target).written  # once it has finished


def test_a_failed_ingest_into_a_new_folder_leaves_no_folder(tmp_path):
    target = tmp_path / "new"
    with pytest.raises(InputError, match="no such file"):
        ingest([tmp_path / "missing.csv"], target)
    assert not target.exists()


def test_a_journal_that_cannot_be_read_is_a_clear_error(tmp_path):
    target = tmp_path / "kb"
    ingest([FIXTURES / "article.txt"], target)
    (target / INTERRUPTED_INGEST).write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="cannot finish the interrupted ingest") as raised:
        ingest([FIXTURES / "faq.csv"], target)
    assert str(target / INTERRUPTED_INGEST) in str(raised.value)


def test_an_input_that_cannot_be_read_is_a_clear_error(tmp_path, monkeypatch):
    """Running as root, permissions are not enforced: the read itself is made to fail."""
    table = tmp_path / "faq.csv"
    shutil.copy(FIXTURES / "faq.csv", table)
    real = Path.read_bytes

    def refused(path: Path) -> bytes:
        if path == table:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", refused)
    with pytest.raises(InputError, match=r"faq\.csv: cannot read it \(Permission denied\)"):
        ingest([table], tmp_path / "kb")
