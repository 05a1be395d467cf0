"""Replies composed from a search: what an answer says beside its passage."""

from __future__ import annotations

from dataclasses import replace

from guidebot.dialogue.compose import BY_MEANING_ONLY, answer_reply, unmatched_note
from guidebot.reply import LOW_CONFIDENCE


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


def test_an_answer_holding_few_of_the_questions_words_names_those_it_lacks(bot):
    """ "can i borrow money from you" at a library went to its loans section at confidence
    0.42, shown as if sure: under LOW_CONFIDENCE (where it is also logged as a gap) the reply
    names the words the passage lacks, in the question's order, at most three."""
    retriever = bot.retriever
    found = retriever.search("what is the average salary of janitors and welders")
    hits = found.hits[:3]
    assert {"salari", "averag"} <= set(hits[0].matched)
    low = replace(found, coverage=LOW_CONFIDENCE - 0.1)
    assert answer_reply("q", low, hits, retriever).notes == (
        "This passage does not mention 'janitors' or 'welders'; check that it answers what you"
        " asked.",
    )
    assert answer_reply("q", replace(found, coverage=LOW_CONFIDENCE), hits, retriever).notes == ()
    assert answer_reply("q", low, hits, retriever, on_its_own=False).notes == ()
    assert unmatched_note(["a", "b", "c"]) == (
        "This passage does not mention 'a', 'b' or 'c'; check that it answers what you asked."
    )
