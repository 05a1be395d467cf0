"""Bot: the entry point that loads, indexes and hands out conversations."""

from __future__ import annotations

import dataclasses
import gc
import weakref

from guidebot.bot import Bot
from guidebot.dialogue.policy import Policy
from guidebot.search.config import RetrievalConfig
from tests.conftest import KNOWLEDGE


def test_with_policy_shares_the_index_when_ranking_is_the_same(bot):
    wider = bot.with_policy(dataclasses.replace(bot.policy, top_k=6))
    assert wider.retriever is bot.retriever
    assert len(wider.ask("salary").sources) == 6 and len(bot.ask("salary").sources) == 3


def test_with_policy_builds_a_new_index_when_ranking_changes(bot):
    other = bot.with_policy(Policy(retrieval=RetrievalConfig(title_weight=1.0)))
    assert other.retriever is not bot.retriever
    assert other.ask("salary").kind == "answer"


def test_a_conversation_does_not_reach_back_into_the_bot(bot):
    conversation = bot.conversation()
    assert not any(isinstance(v, Bot) for v in vars(conversation).values())


def test_a_dropped_bot_is_freed_without_the_cycle_collector():
    """What a load builds holds no reference cycle (knowledge/gcpause.py): a bot a reload
    replaces, its index and embeddings with it, is freed when dropped, not at the next full
    collection. With word vectors, so that every helper the retriever builds is there."""
    from guidebot.dialogue.policy import default_policy
    from guidebot.search.semantic.load import load_model
    from guidebot.search.semantic.model_dir import builtin_dir

    bot = Bot.load(KNOWLEDGE, default_policy(True), encoder=load_model(builtin_dir()))
    assert bot.ask("how much does the program cost?").kind == "answer"
    retriever, bundle = weakref.ref(bot.retriever), weakref.ref(bot.retriever.bundle)
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        del bot
        assert retriever() is None and bundle() is None
    finally:
        if was_enabled:
            gc.enable()


def test_an_answer_quoting_an_faq_entry_whose_section_changed_says_it_may_be_out_of_date(
    make_knowledge,
):
    """The entry's section_hash is not its section's any more (`guidebot check` warns): an
    answer from it says so in its notes, a part of a reply to several questions in its own;
    answered from a current entry, nothing."""
    from guidebot.dialogue.compose import OUT_OF_DATE
    from guidebot.knowledge.loader import load_knowledge, section_hash

    guide = (
        "---\ntitle: Gym\n---\n## Prices\nStandard membership is £36.99 a month.\n\n"
        "## Opening hours\nWe open at 6am every day.\n"
    )
    entry = (
        "- question: How much does membership cost?\n"
        "  answer: Standard is £34.99 a month.\n"
        "  section: Prices\n"
        "  section_hash: {hash}\n"
    )
    root = make_knowledge({"guides/gym.md": guide, "faq/faq.yaml": entry.format(hash="0000abcd")})
    reply = Bot.load(root).ask("how much does membership cost")
    assert reply.sources[0].id == "faq/how-much-does-membership-cost"
    assert OUT_OF_DATE in reply.notes
    several = Bot.load(root).ask("when do you open? and how much does membership cost?")
    assert [OUT_OF_DATE in part.notes for part in several.parts] == [False, True]
    current = section_hash(load_knowledge(root).guides[0].sections[0])
    (root / "faq" / "faq.yaml").write_text(entry.format(hash=current), encoding="utf-8")
    assert OUT_OF_DATE not in Bot.load(root).ask("how much does membership cost").notes
