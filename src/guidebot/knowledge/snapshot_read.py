"""Reading a knowledge snapshot (the layout is in knowledge/snapshot.py) without making what
start-up does not need.

The file is mapped, not read (guidebot.mapped), and its CRC checked. The passages become a
PassageTable over the map, the guides' sections and the FAQ entries LazyTuples decoded on
first use; only the small parts (synonyms, small talk, scope, guide titles) are made now.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from guidebot import mapped
from guidebot.errors import GuidebotError
from guidebot.knowledge.lazy import LazyTuple
from guidebot.knowledge.loader import load_knowledge
from guidebot.knowledge.model import (
    FaqEntry,
    Guide,
    KnowledgeBase,
    Paragraph,
    ScopeTopic,
    Section,
    SmalltalkIntent,
)
from guidebot.knowledge.snapshot import MAX_BYTES, PREAMBLE, SNAPSHOT_FORMAT, snapshot_path
from guidebot.knowledge.table import WIDTH, PassageTable, TextTable

T = TypeVar("T")


def load(
    directory: Path, key: str, version: str
) -> tuple[tuple[KnowledgeBase, PassageTable] | None, str]:
    """((knowledge, passages), "") from a sound snapshot for key; (None, "") when there is
    none; (None, note) when one exists but cannot be used (the caller loads the files)."""
    path = snapshot_path(directory, key, version)
    if not path.is_file():
        return None, ""
    try:
        header, texts, rows = _read(path, key, version)
        kb = _knowledge(header["kb"], texts)
        passages = PassageTable(rows, texts)
    except Exception as exc:  # noqa: BLE001 - whatever is wrong with the file, load the files
        return None, f"ignored the knowledge snapshot {path}: {_reason(exc)}"
    return (kb, passages), ""


def _read(path: Path, key: str, version: str) -> tuple[dict[str, Any], TextTable, memoryview]:
    """(header, text table, passage rows) of a snapshot file, checked against the key, the
    version and the checksum; raises ValueError (or OSError) otherwise."""
    if path.stat().st_size > MAX_BYTES:
        raise ValueError("the file is larger than any snapshot guidebot writes")
    data = mapped.map_file(path)
    if len(data) < PREAMBLE:
        raise ValueError("the file is cut short")
    if mapped.crc32(data, PREAMBLE, len(data)) != int.from_bytes(data[8:12], "little"):
        raise ValueError("the file is damaged (checksum)")
    size = int.from_bytes(data[:8], "little")
    header = json.loads(data[PREAMBLE : PREAMBLE + size].decode("ascii"))
    if not isinstance(header, dict):
        raise ValueError("the header is not a JSON object")
    if header.get("format") != SNAPSHOT_FORMAT or header.get("version") != version:
        raise ValueError("it was written by another version")
    if header.get("key") != key:
        raise ValueError("it was written for other files")
    strings, count = _int(header["strings"]), _int(header["passages"])
    view = memoryview(data)
    start = PREAMBLE + size
    ends = view[start : start + 8 * strings].cast("q")
    start += 8 * strings
    rows = view[start : start + 8 * WIDTH * count].cast("q")
    start += 8 * WIDTH * count
    if len(ends) != strings or len(rows) != WIDTH * count:
        raise ValueError("the file is cut short")
    return header, TextTable(view[start:], ends), rows


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise ValueError(f"expected a list, found {type(value).__name__}")
    return value


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"expected a number, found {type(value).__name__}")
    return value


def _strs(numbers: Any, t: TextTable) -> tuple[str, ...]:
    return tuple(t[_int(n)] for n in _list(numbers))


# Texts are looked up as t[number]: TextTable takes only ints in range and holds only
# strings, so every text field is a str whatever the file says.
def _knowledge(row: Any, t: TextTable) -> KnowledgeBase:
    root, guides, (faqs, faq_count), synonyms, smalltalk, scope, fingerprint, warnings, stale = (
        _list(row)
    )
    files = _Files(t[root])
    return KnowledgeBase(
        root=t[root],
        guides=tuple(_guide(g, t, files) for g in _list(guides)),
        faqs=_lazy(lambda: _faqs(t[faqs], t), _int(faq_count), files.faqs),
        synonyms=tuple(_strs(g, t) for g in _list(synonyms)),
        smalltalk=tuple(SmalltalkIntent(t[i], _strs(e, t), t[r]) for i, e, r in _list(smalltalk)),
        out_of_scope=tuple(ScopeTopic(t[topic], _strs(w, t)) for topic, w in _list(scope)),
        fingerprint=t[fingerprint],
        warnings=_strs(warnings, t),
        stale_faqs=_strs(stale, t),
    )


def _guide(row: Any, t: TextTable, files: _Files) -> Guide:
    slug, path, title, sections, count, *about = _list(row)
    number, slug = _int(sections), t[slug]
    return Guide(
        slug,
        t[path],
        t[title],
        _lazy(
            lambda: [_section(s, t) for s in _list(json.loads(t[number]))],
            _int(count),
            lambda: files.sections(slug),
        ),
        *_strs(about, t),
    )


def _lazy(decode: Callable[[], list[T]], count: int, rescue: Callable[[], Sequence[T]]) -> Any:
    """A LazyTuple of what decode() gives, or, should that fail or give other than `count`
    items (a file whose checksum holds but whose parts do not: never one guidebot wrote),
    what rescue() reads from the knowledge files instead: decoded late, a bad part must
    not fail a question."""

    def make() -> Sequence[T]:
        try:
            items = decode()
            if len(items) == count:
                return items
        except Exception:  # noqa: BLE001, S110 - any fault in the part: read the files
            pass
        return rescue()

    return LazyTuple(make, count)


class _Files:
    """The knowledge read from its files, once, for parts of a snapshot that cannot be
    decoded; nothing when the files do not load either."""

    def __init__(self, root: str) -> None:
        self._root = root
        self._kb: KnowledgeBase | None = None
        self._tried = False

    def _knowledge(self) -> KnowledgeBase | None:
        if not self._tried:
            self._tried = True
            try:
                self._kb = load_knowledge(self._root)
            except (GuidebotError, OSError):
                self._kb = None
        return self._kb

    def sections(self, slug: str) -> Sequence[Section]:
        guide = (kb := self._knowledge()) and kb.guide(slug)
        return guide.sections if guide else ()

    def faqs(self) -> Sequence[FaqEntry]:
        kb = self._knowledge()
        return kb.faqs if kb else ()


def _section(row: Any, t: TextTable) -> Section:
    heading, line, paragraphs, is_intro, parents = _list(row)
    return Section(
        t[heading],
        _int(line),
        tuple(Paragraph(t[text], _int(n)) for text, n in _list(paragraphs)),
        is_intro is True,
        _strs(parents, t),
    )


def _faqs(text: str, t: TextTable) -> list[FaqEntry]:
    return [_faq(row, t) for row in _list(json.loads(text))]


def _faq(row: Any, t: TextTable) -> FaqEntry:
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


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 200 else text[:197] + "..."
