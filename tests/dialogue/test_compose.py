"""Replies composed from a search: what an answer says beside its passage."""

from __future__ import annotations

from dataclasses import replace

from guidebot.bot import Bot
from guidebot.dialogue.compose import BY_MEANING_ONLY, answer_reply, unmatched_note
from guidebot.reply import LOW_CONFIDENCE
from guidebot.search.semantic.load import load_model
from guidebot.search.semantic.model_dir import builtin_dir
from tests.conftest import KNOWLEDGE


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


def test_an_answer_holding_few_of_the_questions_words_names_those_it_lacks():
    """ "can i borrow money from you" at a library went to its loans section at confidence
    0.42, shown as if sure: under LOW_CONFIDENCE (where it is also logged as a gap) the reply
    names the telling words the passage lacks, in the question's order, at most three: not
    an everyday one ("people"), nor, with a line of meaning, one the passage says in other
    words ("remuneration" beside "salary")."""
    bot = Bot.load(KNOWLEDGE, encoder=load_model(builtin_dir()))
    retriever = bot.retriever
    found = retriever.search("what average remuneration do people get as janitors or welders")
    hits = found.hits[:3]
    assert hits[0].passage.id == "faq/average-salary"  # "What is the average salary ..."
    low = replace(found, coverage=LOW_CONFIDENCE - 0.1)
    note = "; check that it answers what you asked."
    named = answer_reply("q", low, hits, retriever).notes
    assert named == (
        f"This passage does not mention 'remuneration', 'janitors' or 'welders'{note}",
    )
    far = answer_reply("q", low, hits, retriever, far_below=0.3).notes
    # "janitors" too is kin to the words of a guide on jobs (cosine 0.51 to "workers"); the
    # built-in table has no vector for "welders", so nothing says it is said there
    assert far == (f"This passage does not mention 'welders'{note}",)
    at_the_line = replace(found, coverage=LOW_CONFIDENCE)
    assert answer_reply("q", at_the_line, hits, retriever).notes == ()
    assert answer_reply("q", low, hits, retriever, on_its_own=False).notes == ()
    assert unmatched_note(["a", "b", "c"]) == f"This passage does not mention 'a', 'b' or 'c'{note}"
