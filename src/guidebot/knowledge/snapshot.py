"""A cached copy of validated knowledge and its passages, so a large library starts without
parsing every guide and FAQ file again.

At 100,000 passages, parsing and validating the files and cutting them into passages take
several seconds on every start, while the files rarely change. A snapshot is keyed on the
knowledge folder's path and on each knowledge file's name, size, inode, modification and
status-change times (as git's index does): any edit, added or removed file makes another key,
and the files are read and checked in full again. Knowledge whose files changed within the
last seconds is not snapshotted (knowledge/cached.py), since on a file system with coarse
times a second edit in the same tick would keep the key (git's "racily clean" case). A
snapshot is only ever written from knowledge that loaded without problems, so a hit is
knowledge that was valid when written.

The file is an 8-byte header length and a CRC-32 of all that follows: a JSON header, the end
offsets of the texts and the passages as rows of numbers (int64), then every distinct text
once, as UTF-8 (no pickle: reading it cannot run code). The header holds the knowledge as
lists of fields in order, each text as its number in the table, and is checked while it is
turned back into objects; a file that is damaged, from another version or for another key
is a note and None, and the caller loads the files as usual. Writes are atomic.
"""

from __future__ import annotations

import hashlib
import json
import os
import zlib
from array import array
from collections.abc import Sequence
from itertools import accumulate, pairwise
from pathlib import Path
from typing import Any

from guidebot.atomic import prune, write_bytes
from guidebot.errors import GuidebotError
from guidebot.knowledge.loader import INTERRUPTED_INGEST, knowledge_files
from guidebot.knowledge.model import (
    FaqEntry,
    Guide,
    KnowledgeBase,
    Paragraph,
    ScopeTopic,
    Section,
    SmalltalkIntent,
)
from guidebot.knowledge.passages import Passage

SNAPSHOT_FORMAT = 1  # bump when the layout below or what the loader produces changes
PREFIX = "knowledge-"
PASSAGE_FIELDS = 12
SEPARATOR = "\0"  # joins a passage's alternates; knowledge text never holds NUL (yamlsource)
KEEP = 4  # snapshots kept per cache directory, newest first
MAX_BYTES = 1 << 30  # knowledge whose snapshot would be larger is simply not snapshotted


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


def save(
    directory: Path, key: str, version: str, kb: KnowledgeBase, passages: Sequence[Passage]
) -> str | None:
    """Write the snapshot atomically; None when written, else a note saying why not."""
    path = snapshot_path(directory, key, version)
    strings: dict[str, int] = {}
    rows = array("q", (n for p in passages for n in _passage_row(p, strings)))
    header = {
        "format": SNAPSHOT_FORMAT,
        "version": version,
        "key": key,
        "kb": _encode(kb, strings),
        "passages": len(passages),
        "strings": len(strings),
    }
    if any(SEPARATOR in x for p in passages for x in (*p.alternates, *p.headings)):
        return "did not cache the knowledge: a question or heading holds a NUL character"
    ends = array("q", accumulate(map(len, strings)))
    # surrogateescape: a folder name that is not UTF-8 is kept as Python holds it
    blob = "".join(strings).encode("utf-8", "surrogateescape")
    head = json.dumps(header, separators=(",", ":")).encode("ascii")
    body = b"".join((head, ends.tobytes(), rows.tobytes(), blob))
    data = len(head).to_bytes(8, "little") + zlib.crc32(body).to_bytes(4, "little") + body
    if len(data) > MAX_BYTES:
        return f"did not cache the knowledge: {len(data):,} bytes is over the limit"
    try:
        write_bytes(path, data)
    except (OSError, GuidebotError) as exc:
        return f"could not save the knowledge snapshot to {directory}: {exc}"
    prune(path, f"{PREFIX}*.bin", KEEP)
    return None


def load(
    directory: Path, key: str, version: str
) -> tuple[tuple[KnowledgeBase, tuple[Passage, ...]] | None, str]:
    """((knowledge, passages), "") from a sound snapshot for key; (None, "") when there is
    none; (None, note) when one exists but cannot be used (the caller loads the files)."""
    path = snapshot_path(directory, key, version)
    if not path.is_file():
        return None, ""
    try:
        header, ends, rows, text = _read(path, key, version)
        t = _table(text, ends.tolist())
        del text  # the texts now live in the table; this copy of them all can go
        kb = _knowledge(header["kb"], t)
        passages = _passages(rows.tolist(), t)
    except Exception as exc:  # noqa: BLE001 - whatever is wrong with the file, load the files
        return None, f"ignored the knowledge snapshot {path}: {_reason(exc)}"
    return (kb, passages), ""


def _read(path: Path, key: str, version: str) -> tuple[dict[str, Any], array, array, str]:
    """(header, text ends, passage rows, all texts) of a snapshot file, checked against the
    key, the version and the checksum; raises ValueError (or OSError) otherwise. The file's
    bytes are dropped on return, so they and the table cut from them are never both held."""
    if path.stat().st_size > MAX_BYTES:
        raise ValueError("the file is larger than any snapshot guidebot writes")
    data = memoryview(path.read_bytes())
    size = int.from_bytes(data[:8], "little")
    if zlib.crc32(data[12:]) != int.from_bytes(data[8:12], "little"):
        raise ValueError("the file is damaged (checksum)")
    data = data[4:]  # the header then starts at 8, as the offsets below count
    header = json.loads(bytes(data[8 : 8 + size]).decode("ascii"))
    if header.get("format") != SNAPSHOT_FORMAT or header.get("version") != version:
        raise ValueError("it was written by another version")
    if header.get("key") != key:
        raise ValueError("it was written for other files")
    ends, rows = array("q"), array("q")
    start = 8 + size
    ends.frombytes(data[start : start + 8 * _int(header["strings"])])
    start += len(ends) * 8
    rows.frombytes(data[start : start + 8 * PASSAGE_FIELDS * _int(header["passages"])])
    blob = data[start + len(rows) * 8 :]
    return header, ends, rows, str(blob, "utf-8", "surrogateescape")


def _encode(value: Any, strings: dict[str, int]) -> Any:
    """Dataclasses as lists of their fields in order, tuples as lists, and each text as its
    number in `strings` (texts repeat: every passage names its guide and section)."""
    if isinstance(value, str):
        return strings.setdefault(value, len(strings))
    fields = getattr(value, "__dataclass_fields__", None)
    if fields is not None:
        return [_encode(getattr(value, name), strings) for name in fields]
    if isinstance(value, tuple):
        return [_encode(v, strings) for v in value]
    return value


def _table(text: str, ends: Any) -> list[str]:
    """The texts, cut from their concatenation at `ends` (character offsets)."""
    ends = _list(ends)
    if ends and (ends[-1] != len(text) or any(b < a for a, b in pairwise([0, *ends]))):
        raise ValueError("the text table does not add up")
    return [text[a:b] for a, b in pairwise([0, *ends])]


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise ValueError(f"expected a list, found {type(value).__name__}")
    return value


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"expected a number, found {type(value).__name__}")
    return value


def _strs(ids: Any, t: list[str]) -> tuple[str, ...]:
    return tuple(map(t.__getitem__, _list(ids)))


# Texts are looked up as t[number]: a list index is an int or a TypeError, and the table
# holds only strings, so every text field is a str whatever the file says.
def _knowledge(row: Any, t: list[str]) -> KnowledgeBase:
    root, guides, faqs, synonyms, smalltalk, scope, fingerprint, warnings, stale = _list(row)
    return KnowledgeBase(
        root=t[root],
        guides=tuple(_guide(g, t) for g in _list(guides)),
        faqs=tuple(_faq(f, t) for f in _list(faqs)),
        synonyms=tuple(_strs(g, t) for g in _list(synonyms)),
        smalltalk=tuple(SmalltalkIntent(t[i], _strs(e, t), t[r]) for i, e, r in _list(smalltalk)),
        out_of_scope=tuple(ScopeTopic(t[topic], _strs(w, t)) for topic, w in _list(scope)),
        fingerprint=t[fingerprint],
        warnings=_strs(warnings, t),
        stale_faqs=_strs(stale, t),
    )


def _guide(row: Any, t: list[str]) -> Guide:
    slug, path, title, sections, *about = _list(row)
    return Guide(
        t[slug],
        t[path],
        t[title],
        tuple(_section(s, t) for s in _list(sections)),
        *_strs(about, t),
    )


def _section(row: Any, t: list[str]) -> Section:
    heading, line, paragraphs, is_intro, parents = _list(row)
    return Section(
        t[heading],
        _int(line),
        tuple(Paragraph(t[text], _int(n)) for text, n in _list(paragraphs)),
        is_intro is True,
        _strs(parents, t),
    )


def _faq(row: Any, t: list[str]) -> FaqEntry:
    ident, question, answer, path, line, alternates, section, guide, digest, nexts, meta = _list(
        row
    )
    return FaqEntry(
        t[ident],
        t[question],
        t[answer],
        t[path],
        _int(line),
        _strs(alternates, t),
        t[section],
        t[guide],
        t[digest],
        _strs(nexts, t),
        tuple((t[k], t[v]) for k, v in _list(meta)),
    )


def _passage_row(p: Passage, strings: dict[str, int]) -> list[int]:
    """A passage as PASSAGE_FIELDS numbers: its line, and every other field as a text
    number (the alternates and the heading path each joined into one text)."""
    texts = (p.id, p.guide, p.guide_title, p.section, p.text, p.title, p.kind, p.path)
    rest = (p.question, SEPARATOR.join(p.alternates), SEPARATOR.join(p.headings))
    return [*(_encode(x, strings) for x in texts), p.line, *(_encode(x, strings) for x in rest)]


def _passages(numbers: list[int], t: list[str]) -> tuple[Passage, ...]:
    if len(numbers) % PASSAGE_FIELDS:
        raise ValueError("the passage table is cut short")
    rows = zip(*[iter(numbers)] * PASSAGE_FIELDS, strict=True)
    joined: dict[int, tuple[str, ...]] = {}  # a section's heading path recurs in each passage

    def split(number: int) -> tuple[str, ...]:
        parts = joined.get(number)
        if parts is None:
            parts = joined[number] = tuple(t[number].split(SEPARATOR)) if t[number] else ()
        return parts

    return tuple(
        Passage(
            id=t[r[0]],
            guide=t[r[1]],
            guide_title=t[r[2]],
            section=t[r[3]],
            text=t[r[4]],
            title=t[r[5]],
            kind=t[r[6]],
            path=t[r[7]],
            line=r[8],
            question=t[r[9]],
            alternates=split(r[10]),
            headings=split(r[11]),
        )
        for r in rows
    )


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 200 else text[:197] + "..."
