"""Every path guidebot reads or writes outside the knowledge, in one place (via platformdirs)."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import platformdirs

APP = "guidebot"
ENV_KNOWLEDGE = "GUIDEBOT_KNOWLEDGE"
ENV_DATA_DIR = "GUIDEBOT_DATA_DIR"  # overrides the user data directory (tests, shared setups)
ENV_TRANSCRIPTS_DIR = "GUIDEBOT_TRANSCRIPTS_DIR"  # where the chat app saves conversations


def bundled_knowledge() -> Path:
    """The knowledge shipped with guidebot: inside an installed wheel, or the repository's."""
    packaged = Path(str(resources.files("guidebot"))) / "bundled"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "knowledge"


def knowledge_dir(explicit: str | Path | None = None) -> Path:
    """--knowledge if given, else $GUIDEBOT_KNOWLEDGE, else the bundled knowledge."""
    chosen = explicit or os.environ.get(ENV_KNOWLEDGE)
    return Path(chosen).expanduser() if chosen else bundled_knowledge()


def is_bundled(path: Path) -> bool:
    """True for the copy inside an installed package, which must never be written to."""
    packaged = Path(str(resources.files("guidebot"))) / "bundled"
    return packaged.is_dir() and path.resolve() == packaged.resolve()


def cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir(APP))


def data_dir() -> Path:
    """$GUIDEBOT_DATA_DIR if set, else the user data directory (e.g. ~/.local/share/guidebot)."""
    chosen = os.environ.get(ENV_DATA_DIR)
    return Path(chosen).expanduser() if chosen else Path(platformdirs.user_data_dir(APP))


def unanswered_log() -> Path:
    """The JSON Lines log of questions guidebot declined or answered with low confidence."""
    return data_dir() / "unanswered.jsonl"


def transcripts_dir() -> Path:
    """$GUIDEBOT_TRANSCRIPTS_DIR if set, else guidebot/ in the user's Documents folder."""
    chosen = os.environ.get(ENV_TRANSCRIPTS_DIR)
    return Path(chosen).expanduser() if chosen else Path(platformdirs.user_documents_dir()) / APP
