"""PassageTable, TextTable and LazyTuple: what a snapshot gives instead of made objects must
behave as the objects would."""

from __future__ import annotations

import operator
import shutil
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


def test_a_lazy_tuple_of_another_length_than_promised_is_refused():
    with pytest.raises(ValueError, match="expected 2"):
        LazyTuple(lambda: [1], 2).items()
