"""Semantic fusion through the real Bot and Retriever, on the tiny random encoder: which
texts are embedded, the similarity of a question, the embeddings cache, and the fused
ranking (a weight of 0 ranks as BM25 alone; no encoder, no change at all)."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import numpy as np
import pytest

from guidebot.bot import Bot
from guidebot.dialogue.policy import Policy
from guidebot.search.config import RetrievalConfig
from guidebot.search.results import SearchResult
from guidebot.search.semantic import passages as semantic_passages
from guidebot.search.semantic.encoder import Encoder
from guidebot.search.semantic.passages import PassageVectors, passage_views
from guidebot.search.sentences import sentences
from tests.conftest import GUIDE

FAQ = """
- id: refund
  question: How do I get my money back?
  alternates: [refund policy, can i get a refund]
  answer: Ask the student office within a week and the fee is paid back.
- id: hours
  question: When is the library open?
  alternates: [library opening hours, is the library open today]
  answer: The library opening hours are nine to five every day of the week.
"""


@pytest.fixture(scope="module")
def encoder(tiny_encoder) -> Encoder:
    return tiny_encoder


@pytest.fixture
def knowledge(make_knowledge) -> Path:
    return make_knowledge({"guides/test.md": GUIDE, "faq/a.yaml": FAQ})


def test_views_are_each_way_of_asking_and_the_answer_or_heading_text_and_sentences(knowledge):
    bot = Bot.load(knowledge)
    texts, rows = passage_views(bot.passages)
    refund = next(n for n, p in enumerate(bot.passages) if p.id == "faq/refund")
    assert [t for t, r in zip(texts, rows, strict=True) if r == refund] == [
        "How do I get my money back?",
        "refund policy",
        "can i get a refund",
        bot.passages[refund].text,
    ]
    for guide, passage in enumerate(bot.passages):
        if passage.kind != "guide":
            continue
        whole, heading, *each = [t for t, r in zip(texts, rows, strict=True) if r == guide]
        assert whole == f"{passage.section}\n{passage.text}" and heading == passage.section
        assert each == (sentences(passage.text) if len(sentences(passage.text)) > 1 else [])
    assert np.all(np.diff(rows) >= 0) and set(rows.tolist()) == set(range(len(bot.passages)))


def test_similarity_is_the_closest_view_or_its_smooth_maximum(knowledge, encoder):
    bot = Bot.load(knowledge)
    vectors, _ = PassageVectors.build(encoder, bot.passages)
    texts, rows = passage_views(bot.passages)
    question = "how do i get a refund"
    cosines = encoder.encode(texts) @ encoder.encode([question])[0]
    for row in range(len(bot.passages)):
        own = cosines[rows == row]
        assert vectors.similarities(question)[row] == pytest.approx(own.max(), abs=1e-5)
        assert vectors.closest(question, row) == pytest.approx(own.max(), abs=1e-5)
        smooth = 0.1 * np.log(np.exp(own / 0.1).sum())
        assert vectors.similarities(question, 0.1)[row] == pytest.approx(smooth, abs=1e-4)


QUESTION = "how do i get a refund"


def _prototypes(knowledge, encoder, question: str):
    """(bot, its PassageVectors, row -> cosine of the question to that passage's normalised
    mean view), the mean computed here from the encoder, not by PassageVectors."""
    bot = Bot.load(knowledge)
    vectors, _ = PassageVectors.build(encoder, bot.passages)
    texts, rows = passage_views(bot.passages)
    embedded = encoder.encode(texts)
    query = encoder.encode([question])[0]

    def prototype_of(row: int) -> float:
        mean = embedded[rows == row].sum(axis=0)
        return float(mean @ query / np.linalg.norm(mean))

    return bot, vectors, prototype_of


def test_an_faq_entry_mixes_in_its_prototype_and_a_guide_passage_does_not(knowledge, encoder):
    """similarities(question, t, p): for an FAQ entry (1 - p) * the smooth maximum + p * the
    cosine to the normalised mean of its views; a guide passage keeps the smooth maximum."""
    bot, vectors, prototype_of = _prototypes(knowledge, encoder, question := QUESTION)
    plain = vectors.similarities(question, 0.05)
    mixed = vectors.similarities(question, 0.05, 0.5)
    kinds = {p.kind for p in bot.passages}
    assert kinds == {"faq", "guide"}
    for row, passage in enumerate(bot.passages):
        if passage.kind == "guide":
            assert mixed[row] == pytest.approx(plain[row], abs=1e-6)
            continue
        expected = 0.5 * plain[row] + 0.5 * prototype_of(row)
        assert mixed[row] == pytest.approx(expected, abs=1e-4)


def test_agreement_is_the_closest_view_mixed_with_an_faq_entrys_prototype(knowledge, encoder):
    bot, vectors, prototype_of = _prototypes(knowledge, encoder, question := QUESTION)
    for row, passage in enumerate(bot.passages):
        closest = vectors.closest(question, row)
        assert vectors.agreement(question, row, 0.0) == pytest.approx(closest)
        mixed = 0.7 * closest + 0.3 * prototype_of(row)
        expected = closest if passage.kind == "guide" else mixed
        assert vectors.agreement(question, row, 0.3) == pytest.approx(expected, abs=1e-5)
    result = Bot.load(knowledge, encoder=encoder).retriever.search(question)
    best = result.hits[0]
    config = RetrievalConfig()
    expected = vectors.agreement(question, best.row, 0.5, config.semantic_cohesion)
    assert result.similarity == pytest.approx(expected, abs=1e-5)


def _own_agreement(views: np.ndarray, prototype: float) -> float:
    """The mean agreement of each view with the rest of its entry, written out."""
    found = []
    for i, view in enumerate(views):
        rest = np.delete(views, i, axis=0)
        mean = rest.sum(axis=0) / np.linalg.norm(rest.sum(axis=0))
        found.append((1 - prototype) * float((rest @ view).max()) + prototype * float(mean @ view))
    return float(np.mean(found))


def test_cohesion_asks_more_of_an_entry_whose_phrasings_are_alike(knowledge, encoder):
    """PassageVectors.agreement with cohesion c: an FAQ entry's agreement less c times how
    much more alike its own views are (each against the rest) than the entries' mean; a
    guide passage's is unchanged."""
    bot, vectors, _ = _prototypes(knowledge, encoder, QUESTION)
    entries = [row for row, p in enumerate(bot.passages) if p.kind == "faq"]
    own = {row: _own_agreement(vectors.views(row), 0.5) for row in entries}
    count = {row: len(vectors.views(row)) for row in entries}
    mean = {
        n: float(np.mean([own[row] for row in entries if count[row] == n]))
        for n in set(count.values())
    }
    offsets = {row: own[row] - mean[count[row]] for row in entries}
    for row in range(len(bot.passages)):
        plain = vectors.agreement(QUESTION, row, 0.5)
        assert vectors.agreement(QUESTION, row, 0.5, 0.3) == pytest.approx(
            plain - 0.3 * offsets.get(row, 0.0), abs=1e-5
        )
    assert any(abs(offset) > 1e-3 for offset in offsets.values())
    # Kept per prototype: another mix gives other offsets.
    row = max(offsets, key=lambda r: abs(offsets[r]))
    other = own[row] - _own_agreement(vectors.views(row), 0.9) != 0
    assert other and vectors.agreement(QUESTION, row, 0.9, 0.3) != pytest.approx(
        vectors.agreement(QUESTION, row, 0.9) - 0.3 * offsets[row], abs=1e-6
    )


def test_cohesion_in_chunks_is_the_same(knowledge, encoder, monkeypatch):
    bot, vectors, _ = _prototypes(knowledge, encoder, QUESTION)
    whole = vectors._cohesion(0.5).copy()
    monkeypatch.setattr(semantic_passages, "CHUNK", 1)
    vectors._cohesions.clear()
    assert np.allclose(vectors._cohesion(0.5), whole)


def test_embeddings_are_cached_and_a_damaged_cache_is_recomputed(
    knowledge, encoder, tmp_path, monkeypatch
):
    bot = Bot.load(knowledge)
    first, note = PassageVectors.build(encoder, bot.passages, tmp_path, "k")
    assert note == ""
    (path,) = tmp_path.glob("embeddings-*.npz")
    with monkeypatch.context() as patch:
        patch.setattr(Encoder, "encode", lambda *a, **k: pytest.fail("encoded again"))
        patch.setattr(semantic_passages, "passage_views", lambda *a: pytest.fail("cut again"))
        again, note = PassageVectors.build(encoder, bot.passages, tmp_path, "k")
    assert note == "" and np.array_equal(again.vectors, first.vectors)
    assert np.array_equal(again.rows, first.rows)
    good = path.read_bytes()
    flipped = good[:-60] + bytes([good[-60] ^ 1]) + good[-59:]  # caught by the zip CRC
    nan = io.BytesIO()  # well formed, CRC and all, but no unit vectors
    np.savez(nan, vectors=np.full(first.vectors.shape, np.nan, np.float32), rows=first.rows)
    skewed = io.BytesIO()  # rows of other passages
    np.savez(skewed, vectors=first.vectors, rows=first.rows + 1)
    for damage in (good[:100], b"", flipped, nan.getvalue(), skewed.getvalue()):
        path.write_bytes(damage)
        fixed, note = PassageVectors.build(encoder, bot.passages, tmp_path, "k")
        assert "ignored the embeddings cache" in note
        assert np.allclose(fixed.vectors, first.vectors)


def test_without_an_encoder_nothing_changes_and_similarity_is_none(knowledge, encoder):
    lexical = Bot.load(knowledge)
    result = lexical.retriever.search("tuition fees", k=3)
    assert result.similarity is None
    fused = Bot.load(knowledge, encoder=encoder).retriever.search("tuition fees", k=3)
    assert fused.similarity is not None and -1.0 <= fused.similarity <= 1.01


def test_weight_zero_ranks_as_bm25_and_a_question_sharing_no_word_still_finds(knowledge, encoder):
    policy = Policy()
    lexical = Bot.load(knowledge)
    none = dataclasses.replace(policy.retrieval, semantic_weight=0.0)
    bm25_only = Bot.load(knowledge, dataclasses.replace(policy, retrieval=none), encoder=encoder)
    question = "tuition fees for the programme"
    ids = [h.passage.id for h in lexical.retriever.search(question, k=5).hits]
    assert [h.passage.id for h in bm25_only.retriever.search(question, k=5).hits] == ids
    semantic = Bot.load(knowledge, encoder=encoder)
    assert lexical.retriever.search("zzz qqq", k=5).hits == ()
    assert semantic.retriever.search("zzz qqq", k=5).hits  # similarity alone ranks


def test_passages_of_other_guides_stay_out_when_fused(knowledge, encoder):
    bot = Bot.load(knowledge, encoder=encoder)
    hits = bot.retriever.search("refund policy", k=10, guides=["test"]).hits
    assert hits and all(h.passage.guide == "test" for h in hits)


def test_a_follow_up_with_context_terms_ranks_by_its_words(knowledge, encoder):
    """A follow-up ("and the fees?") means little alone: with the earlier turn's terms as
    context and nothing else given for the model to read, BM25 ranks, as without one."""
    context = {"tuition": 0.5, "programm": 0.5}
    lexical = Bot.load(knowledge).retriever.search("and the fees?", k=5, context=context)
    fused = Bot.load(knowledge, encoder=encoder).retriever.search(
        "and the fees?", k=5, context=context
    )
    assert [h.passage.id for h in fused.hits] == [h.passage.id for h in lexical.hits]
    assert [h.score for h in fused.hits] == [h.score for h in lexical.hits]
    assert fused.similarity is not None


def test_a_follow_up_read_with_its_topic_is_ranked_by_that_meaning(knowledge, encoder):
    """Given `meaning` (the follow-up with the question it follows), the model reads that in
    the question's place, repaired, for the ranking and for the similarity; the words
    searched stay the follow-up's and the context's."""
    retriever = Bot.load(knowledge, encoder=encoder).retriever
    context = {"tuition": 0.5, "programm": 0.5}
    meaning = "when is the library open and the fees?"
    lexical = retriever.search("and the fees?", k=5, context=context)
    read = retriever.search("and the fees?", k=5, context=context, meaning=meaning)
    assert [h.score for h in read.hits] != [h.score for h in lexical.hits]
    assert read.terms == lexical.terms
    misspelt = meaning.replace("library", "librray")
    again = retriever.search("and the fees?", k=5, context=context, meaning=misspelt)
    assert retriever.read(misspelt) == meaning
    assert [h.score for h in again.hits] == pytest.approx([h.score for h in read.hits])
    assert read.best is not None and read.similarity == pytest.approx(
        retriever.similarity(meaning, read.best.row)
    )


def test_a_follow_up_is_also_read_alone_by_its_share(knowledge, encoder):
    """RetrievalConfig.followup_own_share of a follow-up's similarities come from the
    follow-up read alone, typos repaired: at 0 the scores are those of the text together,
    at 1 those of the repaired follow-up as its own `meaning`, and in between the linear
    mix of the two (fusion is linear in a similarity that is not negative; the tiny
    model's are all positive here). The similarity declines read stays the text
    together's."""
    bot = Bot.load(knowledge, encoder=encoder)
    followup, together = "and the librray fees?", "when is the library open and the fees?"

    def search(share: float, meaning: str) -> SearchResult:
        config = dataclasses.replace(bot.policy.retrieval, followup_own_share=share)
        policy = dataclasses.replace(bot.policy, retrieval=config)
        retriever = bot.with_policy(policy).retriever
        return retriever.search(followup, k=10, context={"tuition": 0.5}, meaning=meaning)

    def scores(result: SearchResult) -> np.ndarray:
        return np.array([h.score for h in sorted(result.hits, key=lambda h: h.row)])

    assert bot.policy.retrieval.followup_own_share > 0
    vectors = bot.retriever.vectors
    assert vectors is not None and bot.retriever.read(followup) == "and the library fees?"
    assert (vectors.similarities(together) > 0).all()
    plain, alone, mixed = search(0.0, together), search(1.0, together), search(0.3, together)
    assert not np.allclose(scores(plain), scores(alone))
    assert np.allclose(scores(alone), scores(search(0.0, "and the library fees?")))
    assert np.allclose(scores(mixed), 0.7 * scores(plain) + 0.3 * scores(alone))
    assert plain.similarity == alone.similarity == mixed.similarity


def test_the_model_reads_a_misspelt_question_as_repaired(knowledge, encoder):
    """The tiny model has its own word pieces for "librray", so only the repair makes the
    two questions the same to it."""
    retriever = Bot.load(knowledge, encoder=encoder).retriever
    misspelt = retriever.search("When is the librray open?")
    assert [(r.original, r.replacement) for r in misspelt.repairs] == [("librray", "library")]
    right = retriever.search("When is the library open?")
    assert misspelt.similarity == pytest.approx(right.similarity, abs=1e-6)
    assert misspelt.hits[0].row == right.hits[0].row
