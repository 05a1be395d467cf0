"""Static word vectors (search/semantic/wordvectors.py): the shipped table and tiny ones made
here, how `builtin` is found and loaded, and a bot ranking with them."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from guidebot.bot import Bot
from guidebot.dialogue.policy import Policy, default_policy
from guidebot.errors import InputError
from guidebot.search.semantic.load import load_model
from guidebot.search.semantic.model_dir import builtin_dir, find_model, is_model_dir
from guidebot.search.semantic.wordvectors import WordVectors, pack


def _table(directory: Path, vectors: dict[str, list[float]], counts: dict[str, float]) -> Path:
    directory.mkdir()
    words = list(vectors)
    data = pack(
        words,
        np.array([counts[w] for w in words]),
        np.array([vectors[w] for w in words], dtype=np.float64),
        {"model": "test"},
    )
    (directory / "word-vectors.npz").write_bytes(data)
    return directory


@pytest.fixture
def tiny(tmp_path: Path) -> WordVectors:
    vectors = {
        "the": [1.0, 1.0, 0.0],
        "cat": [1.0, 0.0, 0.0],
        "dog": [0.9, 0.1, 0.0],
        "tax": [0.0, 0.0, 1.0],
    }
    counts = {"the": 1e6, "cat": 10.0, "dog": 10.0, "tax": 10.0}
    return WordVectors.load(_table(tmp_path / "tiny", vectors, counts))


def test_a_text_is_the_weighted_mean_of_its_words(tiny: WordVectors) -> None:
    out = tiny.encode(["The cat", "cat", "tax tax", "", "zebra"])
    assert out.dtype == np.float32 and out.shape == (5, 3)
    # "the" is most of the list's words: a / (a + p) all but silences it
    assert float(out[0] @ out[1]) > 0.99
    assert np.allclose(out[2], [0, 0, 1], atol=1e-2)
    assert not out[3].any() and not out[4].any()  # no word of the table: similar to nothing
    norms = np.linalg.norm(out[[0, 1, 2]], axis=1)
    assert np.allclose(norms, 1.0, atol=1e-5)


def test_the_weights_follow_the_frequency_list(tiny: WordVectors) -> None:
    cat, tax, both, the, the_tax = tiny.encode(["cat", "tax", "cat tax", "the", "the tax"])
    assert np.isclose(float(both @ cat), float(both @ tax), atol=1e-3)  # equal counts
    # "the" is nearly every word of the list: beside "tax" it all but vanishes
    assert float(the_tax @ tax) > 0.99 and float(the_tax @ the) < 0.1


def test_encoding_in_chunks_gives_the_same_vectors(tiny: WordVectors, monkeypatch) -> None:
    texts = ["cat", "", "dog tax", "zebra", "the dog"] * 3
    whole = tiny.encode(texts)
    monkeypatch.setattr("guidebot.search.semantic.wordvectors.CHUNK", 2)
    assert np.array_equal(tiny.encode(texts), whole)


def test_encode_refuses_a_lone_string(tiny: WordVectors) -> None:
    with pytest.raises(TypeError):
        tiny.encode("cat")


def test_a_file_that_is_no_table_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "word-vectors.npz"
    bad.write_bytes(b"not a zip file")
    with pytest.raises(InputError, match="word-vectors.npz: not a word-vector table"):
        WordVectors.load(tmp_path)
    np.savez(
        bad,
        words=np.array(["a", "b"]),
        weights=np.ones(2, np.float32),
        codes=np.zeros((3, 4), np.int8),
        scale=np.float32(1),
        source=np.array("{}"),
    )
    with pytest.raises(InputError, match="disagree in shape"):
        WordVectors.load(bad)


def test_the_model_id_fingerprints_the_table(tmp_path: Path, tiny: WordVectors) -> None:
    other = _table(tmp_path / "other", {"cat": [1.0, 0.0]}, {"cat": 1.0})
    assert WordVectors.load(other).model_id != tiny.model_id
    assert len(tiny.model_id) == 32


def test_builtin_names_the_shipped_table() -> None:
    assert is_model_dir(builtin_dir())
    assert find_model("builtin", {}) == builtin_dir()
    with pytest.raises(InputError, match="no such directory"):
        find_model("./builtin", {})  # a folder of that name, as typed
    assert find_model(None, {"GUIDEBOT_MODEL": "builtin"}) == builtin_dir()
    assert find_model("builtin", {"GUIDEBOT_SEMANTIC": "0"}) is None
    vectors = load_model(builtin_dir())
    assert isinstance(vectors, WordVectors) and vectors.word_level


def test_the_shipped_table_reads_meaning() -> None:
    """Distilled from all-MiniLM-L6-v2: a refund is nearer getting money back than opening
    hours, as the sentence model itself has it (convert_model.py's check)."""
    vectors = WordVectors.load(builtin_dir())
    money, refund, hours = vectors.encode(
        ["How do I get my money back?", "Refund policy", "Opening hours of the library"]
    )
    assert float(money @ refund) > float(money @ hours)


def test_word_vectors_bring_their_own_policy() -> None:
    assert default_policy(False) == Policy()
    calibrated = default_policy(True)
    assert calibrated.retrieval.semantic_weight < Policy().retrieval.semantic_weight
    assert (
        dataclasses.replace(
            calibrated,
            semantic_entry_line=0.39,
            semantic_entry_answer=0.0,
            clarify_semantic_margin=0.1,
            clarify_entry_similarity=0.6,
            semantic_background_decline=0.0,
            semantic_background_answer=0.0,
            semantic_background_coverage=0.0,
            decline_foreign_cosine=0.0,
            decline_scattered_share=0.0,
            decline_foreign_pair_surprisal=0.0,
            followup_stand_in_cosine=0.0,
            retrieval=Policy().retrieval,
        )
        == Policy()
    )


def test_a_bot_with_word_vectors_ranks_a_paraphrase_sharing_no_word(make_knowledge) -> None:
    faq = (
        "- question: What is the refund policy?\n"
        "  answer: Fees are returned in full within 14 days.\n"
        "- question: When is the library open?\n"
        "  answer: From 8 am to 10 pm on weekdays.\n"
    )
    root = make_knowledge({"faq/desk.yaml": faq})
    lexical = Bot.load(root)
    assert lexical.policy == Policy()
    question = "can i get my money back"
    assert lexical.retriever.search(question).best is None
    bot = Bot.load(root, encoder=load_model(builtin_dir()))
    assert bot.policy == default_policy(True)
    assert bot.retriever.search(question).best.passage.id == "faq/what-is-the-refund-policy"
    reply = bot.ask("what time does the library close")
    assert reply.kind == "answer" and reply.sources[0].id == "faq/when-is-the-library-open"


def test_a_view_of_no_known_word_is_cached_as_zero_and_an_all_zero_cache_is_not(
    make_knowledge, tiny: WordVectors, tmp_path: Path
) -> None:
    from guidebot.search.semantic.passages import PassageVectors

    faq = "- question: cat tax\n  alternates: [xyzzy]\n  answer: The dog pays the tax.\n"
    bot = Bot.load(make_knowledge({"faq/pets.yaml": faq}))
    first, note = PassageVectors.build(tiny, bot.passages, tmp_path, "k")
    assert note == "" and not first.vectors.any(axis=1).all()  # "xyzzy" is no word of it
    again, note = PassageVectors.build(tiny, bot.passages, tmp_path, "k")
    assert note == "" and np.array_equal(again.vectors, first.vectors)
    (path,) = tmp_path.glob("embeddings-*.npz")
    with np.load(path) as stored:
        rows = stored["rows"]
    np.savez(path.with_suffix(""), vectors=np.zeros_like(first.vectors), rows=rows)
    _, note = PassageVectors.build(tiny, bot.passages, tmp_path, "k")
    assert "ignored the embeddings cache" in note


def test_known_share_weighs_what_the_table_lacks_as_its_rarest_words(tiny: WordVectors) -> None:
    assert tiny.known_share("") == 1.0
    assert tiny.known_share("the cat") == 1.0
    assert tiny.known_share("zebra") == 0.0
    # "cat" is rare in the list (weight about 1), as the unknown "zebra" counts: half known
    assert 0.45 < tiny.known_share("cat zebra") < 0.55
    # A stop word the table lacks names no topic it fails to read ("I'm", "don't"); a
    # single letter may ("is R worth learning"), so it counts
    assert tiny.known_share("I'm not the cat, don't") == 1.0
    assert tiny.known_share("the cat you've seen wasn't mine") < 1.0  # "seen", "mine"
    assert tiny.known_share("the cat you've got wasn't") == tiny.known_share("the cat got")
    assert 0.45 < tiny.known_share("cat r") < 0.55


def test_a_question_of_words_the_table_lacks_is_read_by_its_words(make_knowledge) -> None:
    """'docker kubernetes necesary??' is 'necessary' to the table, far from every entry: below
    semantic_known_share the question has no similarity and is judged by its words."""
    faq = (
        "- question: Do I need Docker and Kubernetes?\n"
        "  answer: Container tools help with deployment courses.\n"
        "- question: What is the refund policy?\n"
        "  answer: Fees are returned in full within 14 days.\n"
    )
    root = make_knowledge({"faq/desk.yaml": faq})
    bot = Bot.load(root, encoder=load_model(builtin_dir()))
    question = "docker kubernetes necesary??"
    found = bot.retriever.search(question)
    assert (
        found.similarity is None and found.best.passage.id == "faq/do-i-need-docker-and-kubernetes"
    )
    assert bot.ask(question).kind == "answer"
    everyone = dataclasses.replace(bot.policy.retrieval, semantic_known_share=0.0)
    reading = bot.with_policy(dataclasses.replace(bot.policy, retrieval=everyone))
    assert reading.retriever.search(question).similarity is not None
    assert bot.retriever.search("can i get my money back").similarity is not None


def test_a_table_with_bad_weights_or_no_dimensions_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "word-vectors.npz"
    parts = {
        "words": np.array(["a", "b"]),
        "weights": np.ones(2, np.float32),
        "codes": np.ones((2, 3), np.int8),
        "scale": np.float32(1),
        "source": np.array("{}"),
    }
    for name, value in [
        ("weights", np.array(["x", "y"])),
        ("weights", np.array([1.0, np.nan], np.float32)),
        ("weights", np.array([1.0, -1.0], np.float32)),
        ("codes", np.ones((2, 0), np.int8)),
    ]:
        np.savez(bad, **{**parts, name: value})
        with pytest.raises(InputError, match="word-vector table"):
            WordVectors.load(bad)
    np.savez(bad, **parts)
    assert WordVectors.load(bad).dim == 3


def test_a_knowledge_the_table_cannot_read_is_read_by_its_words(make_knowledge, tmp_path) -> None:
    """A guide in another language: no view has a word of the table. No embeddings are kept
    (they would read as damaged at every start) and the bot answers by its words."""
    faq = "- question: 学费是多少？\n  answer: 每年两万元。\n"
    root = make_knowledge({"faq/zh.yaml": faq})
    cache = tmp_path / "cache"
    for _ in range(2):
        bot = Bot.load(root, cache_dir=cache, encoder=load_model(builtin_dir()))
        assert bot.retriever.vectors is None
        assert bot.notes == ["the word vectors know none of the words: words alone"]
    assert not list(cache.glob("embeddings-*.npz"))


def test_a_library_past_the_limit_is_read_by_its_words(make_knowledge) -> None:
    faq = "- question: What is the refund policy?\n  answer: Fees are returned in full.\n"
    root = make_knowledge({"faq/desk.yaml": faq})
    small = dataclasses.replace(default_policy(True).retrieval, word_vector_passages=0)
    policy = dataclasses.replace(default_policy(True), retrieval=small)
    bot = Bot.load(root, policy, encoder=load_model(builtin_dir()))
    assert bot.retriever.vectors is None and "over 0 passages" in bot.notes[0]


def test_a_word_in_the_other_standard_s_spelling_reads_as_the_table_s(tmp_path: Path) -> None:
    """The shipped table was distilled from American text: "centre" reads as "center", and a
    question saying it keeps its meaning rather than counting a word the table lacks."""
    vectors = {"center": [1.0, 0.0], "open": [0.0, 1.0]}
    table = WordVectors.load(_table(tmp_path / "t", vectors, {"center": 10.0, "open": 10.0}))
    centre, center = table.encode(["centre", "center"])
    assert center.any() and np.allclose(centre, center)
    assert table.known_share("when is the centre open") == 1.0
    assert table.rows(["centre", "kerb", "open"]).tolist() == [0, 1]
