"""Where guidebot keeps what it writes for the user (locations.py)."""

from __future__ import annotations

from pathlib import Path

from guidebot import locations


def test_transcripts_go_where_the_environment_says(monkeypatch, tmp_path):
    monkeypatch.setenv(locations.ENV_TRANSCRIPTS_DIR, str(tmp_path / "saved"))
    assert locations.transcripts_dir() == tmp_path / "saved"
    monkeypatch.delenv(locations.ENV_TRANSCRIPTS_DIR)
    assert locations.transcripts_dir().name == "guidebot"
    assert locations.transcripts_dir() != tmp_path / "saved"


def test_the_data_folder_follows_its_variable(monkeypatch, tmp_path):
    monkeypatch.setenv(locations.ENV_DATA_DIR, str(tmp_path))
    assert locations.unanswered_log() == Path(tmp_path) / "unanswered.jsonl"
