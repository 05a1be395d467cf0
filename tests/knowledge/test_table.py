"""PassageTable, TextTable and LazyTuple: what a snapshot gives instead of made objects must
behave as the objects would."""

from __future__ import annotations

import operator
import re
import shutil
import zlib
from array import array

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guidebot.knowledge import snapshot, snapshot_read
from guidebot.knowledge.lazy import LazyTuple
from guidebot.knowledge.loader import load_knowledge
from guidebot.knowledge.passages import build_passages
from guidebot.knowledge.table import WIDTH, PassageTable, TextTable, passage_column
from guidebot.version import __version__
from tests.conftest import KNOWLEDGE


def table_of(texts: list[str]) -> TextTable:
    encoded = [t.encode("utf-8", "surrogateescape") for t in texts]
    ends, total = array("q"), 0
    for item in encoded:
        total += len(item)
        ends.append(total)
    return TextTable(memoryview(b"".join(encoded)), memoryview(ends.tobytes()).cast("q"))


@given(st.lists(st.text()))
def test_a_text_table_gives_back_every_text(texts):
    table = table_of(texts)
    assert [table[i] for i in range(len(table))] == texts


def test_a_text_table_refuses_numbers_it_does_not_have():
    table = table_of(["a", "b"])
    for number in (-1, 2):
        with pytest.raises(IndexError):
            table[number]


def test_a_text_table_whose_ends_do_not_add_up_is_refused():
    with pytest.raises(ValueError, match="does not add up"):
        TextTable(memoryview(b"abc"), memoryview(array("q", [1, 2]).tobytes()).cast("q"))


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """The bundled knowledge as parsed, and as read back from its snapshot."""
    root = shutil.copytree(KNOWLEDGE, tmp_path_factory.mktemp("k") / "knowledge")
    cache = tmp_path_factory.mktemp("cache")
    kb = load_knowledge(root)
    passages = build_passages(kb)
    key = snapshot.signature(root)
    assert snapshot.save(cache, key, __version__, kb, passages) is None
    found, note = snapshot_read.load(cache, key, __version__)
    assert note == "" and found is not None
    return kb, passages, found[0], found[1]


def test_the_table_is_the_passages(loaded):
    _, passages, _, table = loaded
    assert isinstance(table, PassageTable)
    assert len(table) == len(passages)
    assert table == passages and passages == table
    assert table[0] == passages[0] and table[-1] == passages[-1]
    assert table[3:7] == passages[3:7]
    assert list(table) == list(passages)
    with pytest.raises(IndexError):
        table[len(passages)]


@pytest.mark.parametrize("name", ["id", "guide", "section", "kind", "question", "text"])
def test_a_column_is_the_field_of_every_passage(loaded, name):
    _, passages, _, table = loaded
    assert passage_column(table, name) == [getattr(p, name) for p in passages]
    assert passage_column(passages, name) == [getattr(p, name) for p in passages]


def test_only_text_fields_are_columns(loaded):
    with pytest.raises(ValueError):
        loaded[3].column("alternates")


def test_the_knowledge_is_equal_and_its_sections_and_faqs_are_made_when_used(loaded):
    kb, _, found, _ = loaded
    guide = found.guides[0]
    assert isinstance(guide.sections, LazyTuple) and isinstance(found.faqs, LazyTuple)
    assert guide.sections._items is None and found.faqs._items is None  # not made at load
    assert len(found.faqs) == len(kb.faqs) and found.faqs._items is None  # len is known
    assert found == kb and hash(found.faqs) == hash(kb.faqs)
    assert found.guide(kb.guides[0].slug).section(kb.guides[0].sections[1].heading)


def test_a_row_naming_a_text_the_table_lacks_is_refused():
    rows = array("q", [0] * WIDTH)
    rows[2] = 5
    with pytest.raises(ValueError, match="names a text"):
        PassageTable(memoryview(rows.tobytes()).cast("q"), table_of(["a", "b"]))
    with pytest.raises(ValueError, match="cut short"):
        PassageTable(memoryview(rows.tobytes()[:-8]).cast("q"), table_of(["a"]))


def test_a_lazy_tuple_is_made_once_and_equals_its_tuple():
    made = []

    def make():
        made.append(1)
        return iter([1, 2, 3])

    lazy = LazyTuple(make, 3)
    assert len(lazy) == 3 and not made
    assert lazy == (1, 2, 3) and operator.eq((1, 2, 3), lazy)  # the tuple on the left too
    assert lazy == LazyTuple(lambda: [1, 2, 3])
    assert lazy[1] == 2 and lazy[1:] == (2, 3) and 3 in lazy and list(lazy) == [1, 2, 3]
    assert lazy + (4,) == (1, 2, 3, 4) and hash(lazy) == hash((1, 2, 3))
    assert made == [1]
    assert lazy != [1, 2, 3]  # a tuple, not a list, as the tuple it stands for


def test_a_lazy_tuple_made_of_another_length_than_promised_trusts_what_it_made():
    lazy = LazyTuple(lambda: [1], 2)
    assert len(lazy) == 2  # the promise, until made
    assert lazy.items() == (1,) and len(lazy) == 1
    assert (0,) + lazy == (0, 1)


def _rewritten(path, old: bytes, new: bytes) -> None:
    """The snapshot with the start of its first guide's sections (a JSON text in the table:
    rows of heading, line, paragraphs...) changed from `old` to `new`, and the checksum made
    to match: a file whose CRC holds but whose parts do not."""
    data = bytearray(path.read_bytes())
    header_end = 12 + int.from_bytes(data[:8], "little")
    at = re.compile(rb"\[\[\d+,\d+,\[\[").search(data, header_end).start()
    assert data[at : at + len(old)] == old
    data[at : at + len(old)] = new
    data[8:12] = zlib.crc32(bytes(data[12:])).to_bytes(4, "little")
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (b"[[", b"{["),  # a guide's sections: not JSON any more
        (b"[[", b"[7"),  # not rows of a section
    ],
)
def test_a_part_decoded_late_that_is_bad_is_read_from_the_files(tmp_path, old, new):
    root = shutil.copytree(KNOWLEDGE, tmp_path / "knowledge")
    kb = load_knowledge(root)
    key = snapshot.signature(root)
    assert snapshot.save(tmp_path / "c", key, __version__, kb, build_passages(kb)) is None
    (path,) = (tmp_path / "c").glob("knowledge-*.bin")
    _rewritten(path, old, new)
    found, note = snapshot_read.load(tmp_path / "c", key, __version__)
    assert note == "" and found is not None  # the damage is only seen when decoded
    assert found[0] == kb  # every guide's sections and the FAQ, from wherever they could be
