"""A cached copy of validated knowledge and its passages, so a large library starts without
parsing every guide and FAQ file again, and without making every passage either.

At 100,000 passages, parsing and validating the files and cutting them into passages take
several seconds on every start, while the files rarely change. A snapshot is keyed on the
knowledge folder's path and on each knowledge file's name, size, inode, modification and
status-change times (as git's index does): any edit, added or removed file makes another key,
and the files are read and checked in full again. Knowledge whose files changed within the
last seconds is not snapshotted (knowledge/cached.py), since on a file system with coarse
times a second edit in the same tick would keep the key (git's "racily clean" case). A
snapshot is only ever written from knowledge that loaded without problems, so a hit is
knowledge that was valid when written.

The file (format 2) is, in order:
* 8 bytes, the header's length; 4 bytes, a CRC-32 of everything after them;
* the header, JSON padded with spaces so that the tables after it start 8-byte aligned: the
  knowledge's small parts, each text as its number in the text table; each guide's sections
  and the FAQ entries are JSON texts of their own in the table, decoded when first used;
* the text table's end offsets (int64, bytes), then one row per passage (int64 [12], the
  fields of knowledge/table.py's FIELDS, texts by number);
* every distinct text once, UTF-8.
No pickle: reading it cannot run code. Reading (knowledge/snapshot_read.py) maps the file
and checks the CRC; a file that is damaged, from another version or for another key is a
note, and the caller loads the files as usual. Writes are atomic.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import zlib
from array import array
from collections.abc import Iterator, Sequence
from itertools import accumulate, chain
from pathlib import Path
from typing import Any

from guidebot.atomic import prune, write_bytes
from guidebot.errors import GuidebotError
from guidebot.knowledge.loader import INTERRUPTED_INGEST, knowledge_files
from guidebot.knowledge.model import FaqEntry, Guide, KnowledgeBase, Section
from guidebot.knowledge.passages import Passage
from guidebot.knowledge.table import FIELDS, LINE, SEPARATOR

SNAPSHOT_FORMAT = 4  # bump when the layout below or what the loader produces changes
PREFIX = "knowledge-"
KEEP = 4  # snapshots kept per cache directory, newest first
MAX_BYTES = 1 << 30  # knowledge whose snapshot would be larger is simply not snapshotted
PREAMBLE = 12  # the header's length and the CRC


def signature(root: Path) -> str:
    """A hash of root's path and every knowledge file's name, size and modification time;
    raises OSError when a file cannot be examined. The path counts as spelt and as resolved,
    since the paths that messages and citations show are spelt from it."""
    digest = hashlib.sha256(os.fsencode(root) + b"\0" + os.fsencode(root.resolve()) + b"\0")
    digest.update(b"interrupted" if (root / INTERRUPTED_INGEST).exists() else b"")
    for group in knowledge_files(root).values():
        for path in group:
            info = path.stat()
            name = os.fsencode(path.relative_to(root))
            digest.update(
                b"%s\0%d\0%d\0%d\0%d\0"
                % (name, info.st_size, info.st_ino, info.st_mtime_ns, info.st_ctime_ns)
            )
    return digest.hexdigest()


def newest_change(root: Path) -> float:
    """The latest modification time (seconds) of root's knowledge files; raises OSError when
    a file cannot be examined."""
    return max(
        (path.stat().st_mtime for group in knowledge_files(root).values() for path in group),
        default=0.0,
    )


def snapshot_path(directory: Path, key: str, version: str) -> Path:
    digest = hashlib.sha256(f"{SNAPSHOT_FORMAT} {version} {key}".encode()).hexdigest()
    return directory / f"{PREFIX}{digest[:24]}.bin"


def touch(directory: Path, key: str, version: str) -> None:
    """Mark the snapshot for key as just used, so that pruning (KEEP, newest first) takes
    it last; nothing happens when it cannot be marked."""
    with contextlib.suppress(OSError):
        os.utime(snapshot_path(directory, key, version))


def save(
    directory: Path, key: str, version: str, kb: KnowledgeBase, passages: Sequence[Passage]
) -> str | None:
    """Write the snapshot atomically; None when written, else a note saying why not."""
    if any(SEPARATOR in x for p in passages for x in (*p.alternates, *p.headings)):
        return "did not cache the knowledge: a question or heading holds a NUL character"
    texts = _Texts(kb, passages)
    rows = texts.passage_rows(passages)
    header = {
        "format": SNAPSHOT_FORMAT,
        "version": version,
        "key": key,
        "kb": _knowledge_row(kb, texts),
        "passages": len(passages),
        "strings": len(texts.index),
    }
    encoded = [t.encode("utf-8", "surrogateescape") for t in texts.index]
    ends = array("q", accumulate(map(len, encoded)))
    head = json.dumps(header, separators=(",", ":")).encode("ascii")
    head += b" " * (-(PREAMBLE + len(head)) % 8)  # the tables after it start 8-byte aligned
    # Written piece by piece, never joined: at 100,000 passages a join is 90 MB more.
    body = [head, ends.tobytes(), rows.tobytes(), *encoded]
    del encoded
    size = PREAMBLE + sum(map(len, body))
    if size > MAX_BYTES:
        return f"did not cache the knowledge: {size:,} bytes is over the limit"
    crc = 0
    for piece in body:
        crc = zlib.crc32(piece, crc)
    preamble = len(head).to_bytes(8, "little") + crc.to_bytes(4, "little")
    path = snapshot_path(directory, key, version)
    try:
        write_bytes(path, [preamble, *body], durable=False)  # the CRC catches a cut file
    except (OSError, GuidebotError) as exc:
        return f"could not save the knowledge snapshot to {directory}: {exc}"
    prune(path, f"{PREFIX}*.bin", KEEP)
    return None


class _Texts:
    """The text table being written: each distinct text once, numbered in bulk
    (dict.fromkeys dedupes in C) in the order start-up reads them, so that the few pages a
    start touches lie together: the knowledge's small parts, then the passages' short fields
    column by column, then their texts, then the texts of the lazily decoded parts. A text
    not met in bulk (the parts' JSON) is numbered when first asked for: the bulk order is a
    matter of speed and locality, never of correctness."""

    def __init__(self, kb: KnowledgeBase, passages: Sequence[Passage]) -> None:
        self.columns = _passage_columns(passages)
        short = (self.columns[name] for name in FIELDS if name not in ("line", "text"))
        order = chain(_eager_texts(kb), *short, self.columns["text"], _lazy_texts(kb))
        self.index = _Numbers((t, i) for i, t in enumerate(dict.fromkeys(order)))

    def passage_rows(self, passages: Sequence[Passage]) -> array[int]:
        """int64, WIDTH numbers per passage: `line` as it is, the other fields by number."""
        numbered = {
            name: list(map(self.index.__getitem__, column)) for name, column in self.columns.items()
        }
        numbered["line"] = [p.line for p in passages]
        return array("q", chain.from_iterable(zip(*(numbered[n] for n in FIELDS), strict=True)))


class _Numbers(dict[str, int]):
    """Text -> its number in the table; a text not yet in it gets the next number."""

    def __missing__(self, text: str) -> int:
        number = self[text] = len(self)
        return number


def _passage_columns(passages: Sequence[Passage]) -> dict[str, list[str]]:
    """Every text field of the passages, by name (alternates and headings joined by
    SEPARATOR)."""
    columns = {name: [getattr(p, name) for p in passages] for name in FIELDS[:LINE]}
    columns["question"] = [p.question for p in passages]
    columns["alternates"] = [SEPARATOR.join(p.alternates) for p in passages]
    columns["headings"] = [SEPARATOR.join(p.headings) for p in passages]
    return columns


def _eager_texts(kb: KnowledgeBase) -> Iterator[str]:
    """The texts snapshot_read decodes at start-up, in the order _knowledge_row meets them."""
    yield kb.root
    for g in kb.guides:
        yield from (g.slug, g.path, g.title, g.author, g.author_title, g.edition, g.summary)
        yield from (g.source, g.updated)
    yield from chain.from_iterable(kb.synonyms)
    for intent in kb.smalltalk:
        yield from (intent.intent, *intent.examples, intent.reply)
    for topic in kb.out_of_scope:
        yield from (topic.topic, *topic.terms)
    yield from (kb.fingerprint, *kb.warnings, *kb.stale_faqs)


def _lazy_texts(kb: KnowledgeBase) -> Iterator[str]:
    """The texts of every guide's sections and of the FAQ entries (decoded on first use)."""
    for g in kb.guides:
        for s in g.sections:
            yield from (s.heading, *(p.text for p in s.paragraphs), *s.parents)
    for f in kb.faqs:
        yield from (f.id, f.question, f.answer, f.path, *f.alternates, f.section, f.guide)
        yield from (f.section_hash, *f.follow_ups, *chain.from_iterable(f.metadata))


def _knowledge_row(kb: KnowledgeBase, texts: _Texts) -> list[Any]:
    """The header's "kb": root, guides, FAQ, synonyms, small talk, scope, fingerprint,
    warnings, stale FAQ ids, each text by its number (all numbered already: the lookup is
    a plain dict's, in C; only the parts' JSON texts are new)."""
    n = texts.index.__getitem__  # a dict lookup in C; the misses are numbered by __missing__
    faqs = json.dumps([_faq_row(f, n) for f in kb.faqs], separators=(",", ":"))
    return [
        n(kb.root),
        [_guide_row(g, n) for g in kb.guides],
        [n(faqs), len(kb.faqs)],
        [[n(w) for w in group] for group in kb.synonyms],
        [[n(i.intent), [n(e) for e in i.examples], n(i.reply)] for i in kb.smalltalk],
        [[n(s.topic), [n(w) for w in s.terms]] for s in kb.out_of_scope],
        n(kb.fingerprint),
        [n(w) for w in kb.warnings],
        [n(w) for w in kb.stale_faqs],
    ]


def _guide_row(g: Guide, n: Any) -> list[Any]:
    sections = json.dumps([_section_row(s, n) for s in g.sections], separators=(",", ":"))
    about = (g.author, g.author_title, g.edition, g.summary, g.source, g.updated)
    return [n(g.slug), n(g.path), n(g.title), n(sections), len(g.sections), *map(n, about)]


def _section_row(s: Section, n: Any) -> list[Any]:
    paragraphs = [[n(p.text), p.line] for p in s.paragraphs]
    return [n(s.heading), s.line, paragraphs, s.is_intro, [n(h) for h in s.parents]]


def _faq_row(f: FaqEntry, n: Any) -> list[Any]:
    return [
        n(f.id),
        n(f.question),
        n(f.answer),
        n(f.path),
        f.line,
        [n(a) for a in f.alternates],
        n(f.section),
        n(f.guide),
        n(f.section_hash),
        [n(x) for x in f.follow_ups],
        [[n(k), n(v)] for k, v in f.metadata],
    ]
