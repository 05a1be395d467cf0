"""What a knowledge folder now says of questions logged before, for `guidebot gaps`: the
questions its FAQ answers in so many words (a question support staff have since written an
entry for is a gap filled) and the topics its scope.yaml rules out."""

from __future__ import annotations

from pathlib import Path

from guidebot.knowledge.faqfile import parse_faq_file
from guidebot.knowledge.loader import knowledge_files
from guidebot.knowledge.model import ScopeTopic
from guidebot.knowledge.sidefiles import parse_scope


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


def scope_topics(root: Path | str) -> tuple[ScopeTopic, ...]:
    """The topics the folder's scope.yaml says the guides do not cover; none when it has
    no such file or the file has a problem (which `guidebot check` reports)."""
    path = Path(root) / "scope.yaml"
    try:
        topics, problems = parse_scope(path, str(path))
    except OSError:
        return ()
    return () if problems else topics
