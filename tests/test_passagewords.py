"""Passage word maps: matched terms and highlights on the bundled knowledge."""

from __future__ import annotations


def test_highlights_are_passage_words_whose_terms_all_matched(bot):
    hit = bot.retriever.search("average salary", k=1).best
    highlights = bot.retriever.highlights(hit)
    assert highlights and all(word in hit.passage.text for word in highlights)
    assert any(word.lower() == "salary" for word in highlights)
    assert len(highlights) == len(set(highlights))


def test_matched_keeps_the_question_order_and_drops_what_is_absent(bot):
    hit = bot.retriever.search("average salary", k=1).best
    words = bot.retriever._words
    assert words.matched(["zzzz", *hit.matched], hit.row) == hit.matched
    assert words.highlights(hit.row, ()) == ()


def test_a_figure_with_a_thousands_separator_is_one_word(bot):
    # "$145,000" once split into "145" and "000", so it matched nothing and was declined
    reply = bot.ask("145,000?")
    assert reply.kind == "answer" and "145,000" in reply.sources[0].highlights
