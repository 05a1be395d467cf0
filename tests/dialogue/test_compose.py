"""Replies composed from a search: what an answer says beside its passage."""

from __future__ import annotations

from dataclasses import replace

from guidebot.dialogue.compose import BY_MEANING_ONLY, answer_reply


def test_an_answer_holding_none_of_the_questions_words_says_it_is_by_meaning_only(bot):
    """ "what's the weather tomorrow" went to a contact section at confidence 0.00, shown as
    if sure; a follow-up's words may be the topic's, so it is not so marked."""
    retriever = bot.retriever
    found = retriever.search("what is the average salary")
    assert found.coverage > 0
    hits = found.hits[:3]
    assert BY_MEANING_ONLY not in answer_reply("q", found, hits, retriever).notes
    nearest = replace(found, coverage=0.0)
    assert answer_reply("q", nearest, hits, retriever, ["Read 'x' as 'y'."]).notes == (
        "Read 'x' as 'y'.",
        BY_MEANING_ONLY,
    )
    assert (
        BY_MEANING_ONLY not in answer_reply("q", nearest, hits, retriever, on_its_own=False).notes
    )
