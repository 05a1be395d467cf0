"""The knowledge's words near each table word (search/semantic/nearwords.py): every pair at the
reach or more against a brute-force product, the lookups the alignment makes with them, and
the cache file they are kept in."""

from __future__ import annotations

from functools import partial

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guidebot.bot import Bot
from guidebot.dialogue.policy import default_policy
from guidebot.search.npzmap import aligned_npz
from guidebot.search.semantic import nearwords
from guidebot.search.semantic.alignment import WordAlignment
from guidebot.search.semantic.load import load_model
from guidebot.search.semantic.model_dir import builtin_dir
from guidebot.search.semantic.nearwords import NearWords, cached, spans
from guidebot.search.semantic.wordvectors import WordVectors
from tests.search.test_semantic_alignment import VOCABULARY, _table

KNOWLEDGE = [1, 4, 5, 9, 11]  # rows of the table the knowledge uses, in its numbering


@pytest.fixture(scope="module")
def table(tmp_path_factory) -> WordVectors:
    return _table(tmp_path_factory.mktemp("table"), seed=3)


def _vocabulary(table: WordVectors) -> np.ndarray:
    return np.array(KNOWLEDGE, dtype=np.int64)


def test_the_lists_hold_every_pair_at_the_reach_or_more(table):
    near = NearWords.build(table, _vocabulary(table), 0.2)
    assert near.starts.shape == (table.size + 1,) and near.starts[-1] == len(near.words)
    vectors = table.unit_vectors(_vocabulary(table))
    for row in range(table.size):
        products = vectors @ table.unit_vectors(np.array([row]))[0]
        expected = np.flatnonzero(products >= 0.2)
        listed = near.words[near.starts[row] : near.starts[row + 1]]
        assert listed.tolist() == expected.tolist()  # ascending, as the product's order
        cosines = near.cosines[near.starts[row] : near.starts[row + 1]]
        assert np.allclose(cosines, products[expected], atol=1e-6)


def test_the_lists_do_not_depend_on_how_many_words_are_multiplied_at_once(table, monkeypatch):
    whole = NearWords.build(table, _vocabulary(table), 0.2)
    monkeypatch.setattr(nearwords, "PRODUCTS", 2 * len(KNOWLEDGE) + 1)  # two rows at once
    pieces = NearWords.build(table, _vocabulary(table), 0.2)
    assert pieces.starts.tolist() == whole.starts.tolist()
    assert pieces.words.tolist() == whole.words.tolist()
    assert np.allclose(pieces.cosines, whole.cosines, atol=1e-6)  # summed in another order


def test_pairs_keep_those_at_the_floor_and_refuse_a_floor_under_the_reach(table):
    near = NearWords.build(table, _vocabulary(table), 0.2)
    rows = np.array([KNOWLEDGE[2], 0, KNOWLEDGE[0]])
    which, words, cosines = near.pairs(rows, 0.5)
    assert (cosines >= 0.5).all() and np.all(np.diff(which) >= 0)
    assert (0, 2) in zip(which.tolist(), words.tolist(), strict=True)  # a word is itself
    assert (2, 0) in zip(which.tolist(), words.tolist(), strict=True)
    with pytest.raises(ValueError, match="reach"):
        near.pairs(rows, 0.1)
    # A pair exactly at the floor is kept.
    at = float(cosines[np.argmin(cosines)])
    which, words, exactly = near.pairs(rows, at)
    assert at in exactly.tolist()


def test_no_knowledge_words_lists_nothing(table):
    near = NearWords.build(table, np.zeros(0, dtype=np.int64), 0.5)
    assert not near.starts.any() and not len(near.words)
    assert [len(part) for part in near.pairs(np.array([0, 3]), 0.5)] == [0, 0, 0]


@given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 4)), max_size=6))
def test_spans_are_the_ranges_one_after_another(ranges):
    starts = np.array([s for s, _ in ranges], dtype=np.int64)
    counts = np.array([c for _, c in ranges], dtype=np.int64)
    expected = [at for start, count in ranges for at in range(start, start + count)]
    assert spans(starts, counts).tolist() == expected


@settings(max_examples=60, deadline=None)
@given(
    words=st.lists(st.sampled_from([*VOCABULARY, "zebra"]), max_size=5),
    floor=st.sampled_from([0.3, 0.5, 0.9]),
)
def test_the_nearest_words_are_the_same_looked_up(table, words, floor):
    fields = [("alpha bravo", "echo the golf"), ("india", "kilo lima hotel")]
    multiplied = WordAlignment(table, fields)
    looked_up = WordAlignment(table, fields, partial(NearWords.build, reach=0.3))
    expected = multiplied.nearest_words(words, floor)
    got = looked_up.nearest_words(words, floor)
    assert [g and g[0] for g in got] == [e and e[0] for e in expected]
    assert [g and g[1] for g in got] == pytest.approx([e and e[1] for e in expected], abs=1e-6)


def test_the_lists_are_kept_and_read_back_rather_than_built_again(table, tmp_path, monkeypatch):
    file = tmp_path / "nearwords-x.npz"
    first = cached(file, table, _vocabulary(table))
    assert file.is_file()

    def refuse(*args):
        raise AssertionError("built again")

    monkeypatch.setattr(NearWords, "build", refuse)
    again = cached(file, table, _vocabulary(table))
    for name in ("starts", "words", "cosines"):
        assert np.array_equal(getattr(again, name), getattr(first, name))


FOREIGN = {
    "more words": dict(vocabulary=np.arange(13)),
    "fewer words": dict(vocabulary=np.array(KNOWLEDGE[:3])),
    "as many other words": dict(vocabulary=np.array([0, 2, 3, 6, 7])),
    "another table": dict(extra=1),
    "another reach": dict(reach=0.7),  # cosines of 0.5 to 0.7 left out
    "cosines under the reach": dict(cosines=-1.0),
    "rows out of order": dict(disorder=True),
}


@pytest.mark.parametrize("damage", ["garbage", "cut short", *FOREIGN])
def test_a_damaged_or_foreign_file_is_built_again(table, tmp_path, damage):
    file = tmp_path / "nearwords-x.npz"
    if damage == "garbage":
        file.write_bytes(b"PK\x03\x04 not a zip at all")
    elif damage == "cut short":
        cached(file, table, _vocabulary(table))
        file.write_bytes(file.read_bytes()[:-100])
    else:
        file.write_bytes(_file_of(table, **FOREIGN[damage]))
    near = cached(file, table, _vocabulary(table))
    fresh = NearWords.build(table, _vocabulary(table), nearwords.REACH)
    assert near.words.tolist() == fresh.words.tolist()
    assert near.starts.tolist() == fresh.starts.tolist()
    assert near.cosines.tolist() == fresh.cosines.tolist()
    assert cached(file, table, _vocabulary(table)).words.tolist() == fresh.words.tolist()


def _file_of(
    table: WordVectors,
    vocabulary: np.ndarray | None = None,
    extra: int = 0,
    reach: float = nearwords.REACH,
    cosines: float = 0.0,
    disorder: bool = False,
) -> bytes:
    """A file of lists made for other words, a table of `extra` more words, another reach,
    with cosines lowered by `cosines`, or with two rows' starts swapped."""
    rows = _vocabulary(table) if vocabulary is None else vocabulary.astype(np.int64)
    near = NearWords.build(table, rows, reach)
    starts = np.r_[near.starts, [near.starts[-1]] * extra].astype(np.int64)
    if disorder:
        starts[[1, 2]] = starts[2] + 1, starts[1]
    arrays = {
        "reach": np.array(reach),
        "vocabulary": rows,
        "starts": starts,
        "words": near.words,
        "cosines": near.cosines + np.float32(cosines),
    }
    return aligned_npz(arrays)


def test_a_cache_that_cannot_be_written_costs_time_not_answers(table, tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache directory should be")
    near = cached(blocked / "nearwords-x.npz", table, _vocabulary(table))
    assert near.words.tolist() == NearWords.build(table, _vocabulary(table), 0.5).words.tolist()


BORROWING = """
- question: Can I borrow the projector?
  answer: Staff lend it for a day.
- question: Is the camera available to borrow?
  answer: Yes, for up to two days.
"""


def test_the_bot_keeps_its_lists_with_the_embeddings_and_answers_the_same(make_knowledge, tmp_path):
    knowledge = make_knowledge({"faq/lend.yaml": BORROWING})
    encoder = load_model(builtin_dir())
    kept = Bot.load(knowledge, cache_dir=tmp_path / "cache", encoder=encoder)
    plain = Bot.load(knowledge, encoder=encoder)
    for question in ("may i borrow a camera", "can i lend the projektor", "a beamer for a day"):
        ours, theirs = kept.ask(question), plain.ask(question)
        assert ours.kind == theirs.kind
        assert [s.id for s in ours.sources] == [s.id for s in theirs.sources]
    assert len(list((tmp_path / "cache").glob("nearwords-*.npz"))) == 1


def test_the_rules_floors_are_looked_up_and_no_product_is_taken(table, monkeypatch):
    """Every floor the configuration gives the word vectors reaches the lists (a floor under
    them would quietly multiply at every question), and at such a floor no question is
    multiplied with the knowledge's words."""
    config = default_policy(word_level=True).retrieval
    floors = [config.semantic_alignment_floor, config.expansion_floor, config.soft_coverage]
    assert min(f for f in floors if f) >= nearwords.REACH
    fields = [("alpha bravo", "echo the golf"), ("india", "kilo lima hotel")]
    alignment = WordAlignment(table, fields, partial(NearWords.build, reach=nearwords.REACH))

    def refuse(rows):
        raise AssertionError("multiplied")

    monkeypatch.setattr(table, "unit_vectors", refuse)
    alignment.scores("bravo india zebra", nearwords.REACH)
    alignment.nearest("bravo", 1, 0.7)
    alignment.nearest_words(["bravo", "zebra"], 0.6)
    with pytest.raises(AssertionError, match="multiplied"):
        alignment.scores("bravo", 0.3)


def test_knowledge_of_too_many_words_is_multiplied_at_each_question(table, tmp_path, monkeypatch):
    monkeypatch.setattr(nearwords, "MAX_WORDS", len(KNOWLEDGE))
    assert cached(tmp_path / "nearwords-x.npz", table, _vocabulary(table)) is not None
    monkeypatch.setattr(nearwords, "MAX_WORDS", len(KNOWLEDGE) - 1)
    assert cached(tmp_path / "nearwords-y.npz", table, _vocabulary(table)) is None
    assert [file.name for file in tmp_path.iterdir()] == ["nearwords-x.npz"]
