"""TurnContext: what a turn reads, built once by Bot; suggestions keep to the chosen guides."""

from __future__ import annotations

import dataclasses

import pytest

from guidebot.bot import Bot
from guidebot.search.semantic.load import load_model
from guidebot.search.semantic.model_dir import builtin_dir


def test_topics_are_question_headings_in_guide_order(bot):
    assert bot.context.topics and all(t.endswith("?") for t in bot.context.topics)
    assert bot.context.example == bot.context.topics[0]


def test_suggestions_put_the_nearest_sections_first_without_repeats(bot):
    hits = bot.retriever.search("tuition fees", k=5).hits
    suggested = bot.context.suggestions(hits, limit=3)
    assert suggested[0] == hits[0].passage.section
    assert len(suggested) == len(set(suggested)) == 3


def test_a_passage_sharing_no_word_is_no_nearby_topic(bot):
    """With a sentence-embedding model every passage is ranked by meaning; one that shares
    no word with a declined question is not offered as near it (the first topics are)."""
    hits = bot.retriever.search("tuition fees", k=5).hits
    far = dataclasses.replace(hits[-1], matched=())
    suggested = bot.context.suggestions((far,), limit=3)
    assert far.passage.section not in suggested[:1]
    assert suggested == bot.context.suggestions((), limit=3)


def test_a_guides_opening_is_no_nearby_topic(bot):
    """The opening is headed by the guide's title and shares a word with most questions:
    offered as a topic near a declined question, it names none."""
    hits = bot.retriever.search("manufacturing degree", k=10).hits
    opening = [h for h in hits if h.passage.section == h.passage.guide_title and h.matched]
    assert opening  # the question meets the opening
    suggested = bot.context.suggestions(hits, limit=10)
    assert suggested and opening[0].passage.section not in suggested


def test_suggestions_keep_to_the_chosen_guides(make_knowledge):
    from tests.conftest import GUIDE

    other = GUIDE.replace("Test Guide", "Other Guide").replace("## Costs", "## Why costs?")
    root = make_knowledge({"guides/one.md": GUIDE.replace("## Costs", "## What costs?"),
                           "guides/two.md": other})  # fmt: skip
    bot = Bot.load(root)
    assert bot.context.suggestions((), guides=("two",)) == ["Why costs?"]
    assert bot.context.suggestions((), guides=("one",)) == ["What costs?"]


def test_with_nothing_near_a_plainly_headed_guides_sections_come_before_faq_entries(
    make_knowledge,
):
    """A help desk's guide headed "Making a claim" and its FAQ export: a decline with
    nothing near offers the guide's sections (not its opening), as "help" lists them,
    rather than whichever FAQ entries come first."""
    guide = "---\ntitle: Home Cover\n---\nWe insure homes.\n\n## Making a claim\nCall us.\n"
    guide += "\n## Paying monthly\nBy direct debit.\n"
    faq = "- id: renew\n  question: How do I renew?\n  answer: Online.\n"
    bot = Bot.load(make_knowledge({"guides/home.md": guide, "faq/a.yaml": faq}))
    assert bot.context.suggestions(()) == ["Making a claim", "Paying monthly", "How do I renew?"]
    reply = bot.ask("what is the capital of peru")
    assert reply.kind == "decline" and reply.suggestions[0] == "Making a claim"


def test_a_guide_titled_as_a_question_still_offers_its_plain_headings(make_knowledge):
    """Its opening is headed by its title; the other headings decide, for a decline and
    for "help" alike."""
    guide = "---\ntitle: Do you need home cover?\n---\nWe insure homes.\n\n"
    guide += "## Making a claim\nCall us.\n\n## Paying monthly\nBy direct debit.\n"
    bot = Bot.load(make_knowledge({"guides/home.md": guide}))
    assert bot.context.suggestions(())[:2] == ["Making a claim", "Paying monthly"]
    assert "Making a claim" in bot.ask("help").text


def test_the_context_is_frozen(bot):
    with pytest.raises(dataclasses.FrozenInstanceError):
        bot.context.policy = None  # type: ignore[misc]


def test_an_introduction_lifted_for_the_document_is_no_entry_asked_in_those_words(
    make_knowledge,
):
    """ "who are you talking to" names "talk", a word naming the document ("what does the
    guide talk about"), so the search lifts the introduction and calls the result exact;
    small talk yields only to an FAQ entry asked in those words ("who are you?" here), so
    it stays small talk (search.introduction, SmalltalkYield.faq_asks). In "who am i talking
    to" the asker talks: no document at all; by its words alone it is small talk, read by
    meaning the export's own "Who are you?" answers it, as a paraphrase of that entry."""
    from tests.conftest import GUIDE

    faq = "- id: office\n  question: Who are you?\n  answer: We are the student office.\n"
    root = make_knowledge({"guides/test.md": GUIDE, "faq/a.yaml": faq})
    words, meaning = Bot.load(root), Bot.load(root, encoder=load_model(builtin_dir()))
    for bot in (words, meaning):
        assert not bot.retriever.search("who am i talking to", k=1).exact
        guide = bot.ask("what does the guide talk about")
        assert guide.kind == "answer" and guide.sources[0].id == "test/intro/1"
        office = bot.ask("who are you?")
        assert office.kind == "answer" and office.sources[0].id == "faq/office"
    assert words.ask("who am i talking to").kind == "smalltalk"
    assert meaning.ask("who am i talking to").sources[0].id == "faq/office"
    assert words.retriever.search("who are you talking to", k=1).exact
    assert words.ask("who are you talking to").kind == "smalltalk"


def test_a_decline_names_the_knowledge_as_it_is(make_knowledge):
    """A help desk's FAQ alone is no guide: its declines say "The FAQ"; several guides are
    "The guides"; one guide "The guide", and with FAQ entries it does not hold "The guide
    and FAQ" (entries linked to its sections are the guide's own)."""
    from tests.conftest import GUIDE

    faq = "- id: office\n  question: When is the office open?\n  answer: From nine to five.\n"
    linked = faq + "  section: Costs\n"
    other = GUIDE.replace("Test Guide", "Other Guide")
    cases = [
        ({"faq/a.yaml": faq}, "The FAQ doesn't cover that"),
        ({"guides/one.md": GUIDE, "faq/a.yaml": faq}, "The guide and FAQ don't cover that"),
        ({"guides/one.md": GUIDE, "faq/a.yaml": linked}, "The guide doesn't cover that"),
        ({"guides/one.md": GUIDE, "guides/two.md": other}, "The guides don't cover that"),
    ]
    for n, (files, start) in enumerate(cases):
        bot = Bot.load(
            make_knowledge({f"{n}/{name}": text for name, text in files.items()}) / str(n)
        )
        reply = bot.ask("how do I fix my bike chain")
        assert reply.kind == "decline" and reply.answer.startswith(start), reply.answer
    kept = bot.conversation(guides=["one"]).ask("how do I fix my bike chain")
    assert kept.answer.startswith("The guide doesn't cover that")  # kept to one guide


def test_a_question_of_no_topic_words_is_asked_back_within_the_chosen_guides(make_knowledge):
    """ "how much?" is asked back among the FAQ questions worded like it: only those of the
    guides the conversation keeps to."""
    from tests.conftest import GUIDE

    other = GUIDE.replace("Test Guide", "Other Guide")
    faq = (
        "- question: How much is the parking permit?\n  answer: Fifty a term.\n  guide: two\n"
        "- question: How much is the library card?\n  answer: It is free.\n  guide: two\n"
        "- question: How much is the tuition?\n  answer: See Costs.\n  guide: one\n"
        "- question: How much is the exam fee?\n  answer: Twenty.\n  guide: one\n"
    )
    root = make_knowledge({"guides/one.md": GUIDE, "guides/two.md": other, "faq/a.yaml": faq})
    bot = Bot.load(root)
    everywhere = bot.ask("how much?")
    kept = bot.conversation(guides=["one"]).ask("how much?")
    assert everywhere.kind == "clarify" and len(everywhere.choices) > len(kept.choices)
    questions = {bot.retriever.labels.of(p): p.guide for p in bot.passages}
    assert kept.choices and all(questions[c] == "one" for c in kept.choices)
