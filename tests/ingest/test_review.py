"""Bringing an export in again keeps what `guidebot check` knows of its answers' review
(ingest/review.py): a section edited since an answer was written is still flagged."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_guidebot

GUIDE = "# Cafe Guide\n\nAll about the cafe.\n\n## Opening hours\n\nWe open at 8am every day.\n"
FAQ = "question,answer,section\nWhen do you open?,{answer},Opening hours\n"


def _ingest(target: Path, *paths: Path) -> str:
    done = run_guidebot("ingest", "--knowledge", str(target), "--force", *map(str, paths))
    assert done.returncode == 0, done.stderr
    return done.stdout


def _check(target: Path) -> str:
    done = run_guidebot("check", str(target))
    assert done.returncode == 0, done.stderr
    return done.stdout + done.stderr


def test_an_unchanged_answer_stays_flagged_after_its_export_comes_in_again(tmp_path: Path):
    guide, faq, target = tmp_path / "cafe.md", tmp_path / "faq.csv", tmp_path / "kb"
    guide.write_text(GUIDE, encoding="utf-8")
    faq.write_text(FAQ.format(answer="At 8am."), encoding="utf-8")
    _ingest(target, guide, faq)
    assert "may be out of date" not in _check(target)
    guide.write_text(GUIDE.replace("8am", "9am"), encoding="utf-8")
    _ingest(target, guide)
    assert "may be out of date" in _check(target)
    # the same export again: nobody has read the answer against the new hours
    out = _ingest(target, faq)
    assert "1 unchanged entry keeps the section_hash of the file replaced" in out
    assert "may be out of date" in _check(target)
    # a new answer was written against the section as it is now
    faq.write_text(FAQ.format(answer="At 9am."), encoding="utf-8")
    out = _ingest(target, faq)
    assert "keeps the section_hash" not in out
    assert "may be out of date" not in _check(target)


def test_an_entry_moved_to_another_guide_takes_that_sections_hash(tmp_path: Path):
    from guidebot.ingest.review import keep_reviewed_hashes

    replaced = tmp_path / "faq.yaml"
    replaced.write_text(
        "- question: When do you open?\n  answer: At 8am.\n  section: Opening hours\n"
        "  guide: cafe\n  section_hash: aaaaaaaa\n",
        encoding="utf-8",
    )
    entry: dict[str, object] = {"question": "When do you open?", "answer": "At 8am."}
    entry |= {"section": "Opening hours", "guide": "shop", "section_hash": "bbbbbbbb"}
    assert keep_reviewed_hashes([entry], replaced) == 0 and entry["section_hash"] == "bbbbbbbb"
    entry["guide"] = "cafe"
    assert keep_reviewed_hashes([entry], replaced) == 1 and entry["section_hash"] == "aaaaaaaa"
