"""Passage word maps: matched terms and highlights on the bundled knowledge."""

from __future__ import annotations


def test_highlights_are_passage_words_whose_terms_all_matched(bot):
    hit = bot.retriever.search("average salary", k=1).best
    highlights = {word.lower() for word in bot.retriever.highlights(hit)}
    assert {"average", "salary"} <= highlights
    assert "year" not in highlights and "the" not in highlights  # in the text, not asked


def test_matched_terms_are_those_the_index_holds_for_the_passage(bot):
    retriever = bot.retriever
    terms = retriever.understand("online master's cost for working professionals")[0]
    for hit in retriever.search("online master's cost for working professionals", k=5).hits:
        in_index = tuple(
            t
            for t in terms
            if retriever.body.contains(t, hit.row) or retriever.title.contains(t, hit.row)
        )
        assert hit.matched == in_index


def test_a_figure_with_a_thousands_separator_is_one_word(bot):
    # "$145,000" once split into "145" and "000", so it matched nothing and was declined
    reply = bot.ask("145,000?")
    assert reply.kind == "answer" and "145,000" in reply.sources[0].highlights


def test_word_maps_kept_are_bounded_and_rebuilt_the_same(bot, monkeypatch):
    from guidebot.search import highlights
    from guidebot.search.highlights import PassageWords

    monkeypatch.setattr(highlights, "MAX_MAPS", 3)
    words = PassageWords(bot.passages, bot.retriever.analyzer)
    first = words.matched(["salari"], 0)
    for doc in range(1, 10):
        words.matched(["salari"], doc)
    assert len(words._maps) == 3
    assert words.matched(["salari"], 0) == first  # dropped, then built again alike


def test_a_list_items_number_is_never_a_matched_term(make_knowledge):
    """The index holds no list numbers; neither do the matched terms, which coverage reads,
    the first item's (after the title) included."""
    from guidebot.bot import Bot

    guide = "---\ntitle: T\n---\n## Faults\n1. Call the office.\n2. Send the form.\n"
    bot = Bot.load(make_knowledge({"guides/t.md": guide}))
    for step in ("1", "2"):
        hit = bot.retriever.search(f"reporting a fault step {step}", k=1).best
        assert hit is not None and step not in hit.matched
        assert bot.retriever.coverage_of(f"step {step}", hit)[0] == 0
