"""The questions a knowledge folder's FAQ now answers in so many words, for `guidebot gaps`:
a logged question that support staff have since written an entry for is a gap filled."""

from __future__ import annotations

from pathlib import Path

from guidebot.knowledge.faqfile import parse_faq_file
from guidebot.knowledge.loader import knowledge_files


def written_questions(root: Path | str) -> list[str]:
    """The questions and alternates of the folder's well-formed FAQ entries (an answer
    written, no TODO), each file read on its own: an entry still saying TODO, or a file
    with a problem, leaves the other entries counted. Empty for a folder that is gone or
    unreadable; never raises for what the files hold."""
    root = Path(root)
    try:
        files = knowledge_files(root)["faq"] if root.is_dir() else []
    except OSError:
        return []
    found: list[str] = []
    for path in files:
        entries, _ = parse_faq_file(path, str(path))
        found += [text for entry in entries for text in (entry.question, *entry.alternates)]
    return found
