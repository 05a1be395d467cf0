"""What `guidebot check` knows of a replaced FAQ file's review, kept across a re-import.

An entry's `section_hash` records its section's text when the answer was last read against
it, and `guidebot check` warns once the section has changed since. Bringing the same export
in again with --force wrote the current hash on every entry, so those warnings vanished
though no answer had been read again. An entry whose question, answer, section and guide
are as the replaced file had them keeps that file's hash instead; one whose answer differs
from the file's is taken as written against the section as it is now (an answer edited by
hand in the file and not in the export is replaced, the file kept: staging.REPLACED).
"""

from __future__ import annotations

from pathlib import Path

from guidebot.knowledge.faqfile import parse_faq_file


def _key(*texts: object) -> tuple[str, ...]:
    """The texts compared, whitespace aside (a re-export may wrap or pad them)."""
    return tuple(" ".join(str(text).split()) for text in texts)


def keep_reviewed_hashes(entries: list[dict[str, object]], replaced: Path) -> int:
    """Give each entry (as ingest writes it) that the FAQ file `replaced` holds unchanged
    (question, answer, section and guide alike) the section_hash that file gave it, in place;
    returns how many entries so kept an older hash than ingest's. Nothing happens when the
    file does not exist or holds no such entry."""
    if not replaced.is_file():
        return 0
    old, _ = parse_faq_file(replaced, str(replaced))
    reviewed = {_key(e.question, e.answer, e.section, e.guide): e.section_hash for e in old}
    kept = 0
    for entry in entries:
        if "section_hash" not in entry:
            continue
        asked = (entry["question"], entry["answer"], entry["section"], entry.get("guide", ""))
        earlier = reviewed.get(_key(*asked))
        if earlier and earlier != entry["section_hash"]:
            entry["section_hash"] = earlier
            kept += 1
    return kept
