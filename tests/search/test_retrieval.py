"""Retrieval: field scoring, the index cache, guide filtering."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from guidebot.bot import Bot
from guidebot.dialogue.policy import Policy
from guidebot.search.config import RetrievalConfig
from tests.conftest import GUIDE, KNOWLEDGE


def _first_section(bot: Bot, question: str) -> str:
    """The section heading of the passage ranked first for the question."""
    return bot.retriever.search(question, k=1).best.passage.section


def test_cached_bot_answers_exactly_like_a_fresh_one(tmp_path: Path, bot: Bot):
    first = Bot.load(KNOWLEDGE, cache_dir=tmp_path)
    assert first.notes == [] and list(tmp_path.glob("index-*.npz"))
    cached = Bot.load(KNOWLEDGE, cache_dir=tmp_path)
    for question in ("What's the average salary?", "do i need the gre", "is online ok"):
        assert cached.ask(question) == first.ask(question) == bot.ask(question)


def test_corrupt_cache_is_a_note_and_a_rebuild(tmp_path: Path, bot: Bot):
    Bot.load(KNOWLEDGE, cache_dir=tmp_path)
    (cache_file,) = tmp_path.glob("index-*.npz")
    cache_file.write_bytes(cache_file.read_bytes()[:100])
    rebuilt = Bot.load(KNOWLEDGE, cache_dir=tmp_path)
    assert rebuilt.notes and "rebuild" in rebuilt.notes[0]
    assert rebuilt.ask("salary") == bot.ask("salary")


def test_scores_are_bm25_fields_and_hits_carry_matched_terms(bot: Bot):
    result = bot.retriever.search("average salary", k=3)
    assert [h.score for h in result.hits] == sorted((h.score for h in result.hits), reverse=True)
    assert "salari" in result.hits[0].matched
    assert result.coverage == 1.0


def test_guide_filter_excludes_other_guides(bot: Bot):
    result = bot.retriever.search("average salary", k=5, guides=("no-such-guide",))
    assert result.hits == ()


def test_unknown_everyday_words_do_not_make_a_question_uncovered(bot: Bot):
    plain = bot.retriever.search("what is the average salary")
    padded = bot.retriever.search("my wife asks what is the average salary")
    assert plain.coverage == 1.0 and padded.coverage > 0.5


RERANK_FAQ = """
- id: asks-it
  question: Can I defer my start date?
  answer: Yes, by one term.
- id: mentions-it
  question: When do classes begin?
  answer: The start date is in your letter, and you may defer it once.
- id: other
  question: Is there a deposit?
  answer: Yes, a small one.
"""


def test_rerank_raises_entries_whose_own_question_covers_the_query(make_knowledge):
    root = make_knowledge({"faq/a.yaml": RERANK_FAQ})
    off = Policy(retrieval=replace(RetrievalConfig(), rerank_title_coverage=0.0))
    plain = Bot.load(root, off).retriever.search("defer start date", k=2)
    ranked = Bot.load(root).retriever.search("defer start date", k=2)
    before = {h.passage.id: h.score for h in plain.hits}
    after = {h.passage.id: h.score for h in ranked.hits}
    assert after["faq/mentions-it"] == before["faq/mentions-it"]  # its question has none
    assert after["faq/asks-it"] > before["faq/asks-it"]


def test_words_naming_the_document_give_way_to_a_topic(bot: Bot):
    # the table of contents mentions every topic and the word "guide"; it must not win
    # whenever a question names both
    salary = _first_section(bot, "what does the guide say about salary")
    assert salary.startswith("What is the average salary")
    online = _first_section(bot, "does this guide talk about online programs")
    assert online.startswith("How do online AI Master's programs")
    # alone, they are the topic: what the page itself is about
    about = _first_section(bot, "what is this page about")
    assert about == "2026 AI Master's Degree Careers in Manufacturing"


def test_the_sentence_that_asks_outweighs_the_story_before_it(bot: Bot):
    message = (
        "I have offers from two schools and my parents keep arguing about cost. "
        "What should I weigh when comparing programs?"
    )
    assert _first_section(bot, message).startswith("How should you evaluate and compare")


def test_sentences_end_at_full_stops_but_not_after_abbreviations():
    from guidebot.search.sentences import sentences as _sentences

    assert _sentences("Salary for engineers vs. data scientists?") == [
        "Salary for engineers vs. data scientists?"
    ]
    assert _sentences("I work in the U.S. now. Is it worth it?") == [
        "I work in the U.S. now.",
        "Is it worth it?",
    ]
    assert _sentences("My GPA is 2.8. Is that ok?") == ["My GPA is 2.8.", "Is that ok?"]


def test_the_asking_sentences_are_those_after_a_story():
    from guidebot.search.sentences import asking_sentences

    assert asking_sentences("My GPA is 2.8. Is that ok?") == ["Is that ok?"]
    assert asking_sentences("Is that ok? Is it worth it?") == []  # all ask: no story
    assert asking_sentences("My GPA is 2.8.") == []


def test_a_question_naming_no_topic_does_not_outweigh_the_story(bot: Bot):
    # "Is that a problem?" names nothing of the field, so the GPA sentence keeps its weight
    section = _first_section(bot, "My GPA is 2.8. Is that a problem?")
    assert section.startswith("What are the admission requirements")


def test_the_next_several_years_are_the_future_not_a_duration(bot: Bot):
    question = "which ai roles will factories want over the next several years"
    assert _first_section(bot, question).startswith("What is the job outlook")
    # "the next few years" often is a duration ("can I finish in the next few years")
    fees = _first_section(bot, "will fees rise over the next few years")
    assert fees.startswith("How long does it take")


def test_shortlisting_programs_is_evaluating_them(bot: Bot):
    question = "how would you shortlist ai programs with a factory focus"
    assert _first_section(bot, question).startswith("How should you evaluate and compare")


def test_an_faq_entry_asked_in_its_own_words_comes_first(bot):
    """Every entry's question and alternates bring that entry up first, even a wording made
    of stop words only ("what would i actually do")."""
    for passage in bot.passages:
        for asked in passage.asked[:3]:
            result = bot.retriever.search(asked, k=3)
            if len(bot.retriever.faqs.exact(asked)) == 1:
                assert result.exact and result.best.passage.id == passage.id, asked


def test_a_wording_two_entries_share_is_not_lifted(make_knowledge):
    from guidebot.bot import Bot

    faq = (
        "- {id: a, question: Where do I park?, answer: Behind the library.}\n"
        "- {id: b, question: Where do I park?, answer: On the east lot.}\n"
    )
    bot = Bot.load(make_knowledge({"faq/parking.yaml": faq}))
    assert not bot.retriever.search("where do i park", k=2).exact


def test_a_word_the_knowledge_hyphenates_is_found_typed_joined(tmp_path):
    """A guide that writes "Wi-Fi" and "E-books" answers "wifi" and "ebooks", with a note
    of how the word was read (the compounds are derived with the index and cached)."""
    from guidebot import Bot

    guides = tmp_path / "guides"
    guides.mkdir()
    (guides / "library.md").write_text(
        "---\ntitle: Library\n---\n\n## Wi-Fi\n\nThe network needs no password.\n\n"
        "## E-books\n\nBorrow digital titles through the app.\n\n"
        "## Books\n\nPrinted titles are lent for three weeks.\n",
        encoding="utf-8",
    )
    bot = Bot.load(tmp_path)
    for question, heading in [("wifi password", "Wi-Fi"), ("ebooks", "E-books")]:
        reply = bot.ask(question)
        assert reply.kind == "answer" and reply.sources[0].section == heading
        assert any("as '" in note for note in reply.notes)


def test_sections_using_a_term_are_those_whose_headings_or_texts_hold_it(make_knowledge):
    faq = "- question: How do I get my fee back?\n  answer: Ask the office within a week.\n"
    bot = Bot.load(make_knowledge({"guides/test.md": GUIDE, "faq/a.yaml": faq}))
    retriever = bot.retriever
    assert retriever.sections.using("tuition") == ["Costs"]  # in its text only
    assert retriever.sections.using("admiss") == ["Admission"]  # its heading
    assert retriever.sections.using("fee") == ["Costs", "How do I get my fee back?"]
    assert retriever.sections.using("fee", guides=["test"]) == ["Costs"]
    assert retriever.sections.using("nowhere") == []
    assert retriever.sections.using("fee", limit=1) == ["Costs"]


def test_an_entry_asked_in_its_words_but_for_a_typo_is_asked_exactly(make_knowledge):
    """ "how much is a fillin" is read as "how much is a filling": the entry asked so leads,
    as exact as when typed right, over the section about fillings that the typo'd reading
    would rank first."""
    from guidebot.bot import Bot

    guide = (
        "---\ntitle: Dental\n---\n## After a filling\nAfter a filling, wait an hour before "
        "you eat, and chew on the other side for a day. A filling may feel high at first.\n"
    )
    faq = "- question: How much is a filling?\n  answer: A filling costs 75 pounds.\n"
    bot = Bot.load(make_knowledge({"guides/d.md": guide, "faq/f.yaml": faq}))
    result = bot.retriever.search("how much is a fillin")
    assert result.repairs and result.exact
    assert result.best is not None and result.best.passage.question == "How much is a filling?"


COURSE = """
---
title: The course
---
What the course is and who it is for.

## Course length
Full-time study takes two years; part-time study takes three or four years, and a few
students take five years.

## What you study
You study statistics, programming and machine learning, with a project at the end.
"""


def test_years_the_asker_counts_are_their_story_not_the_topic(make_knowledge):
    root = make_knowledge({"guides/course.md": COURSE})
    question = "i worked in retail for ten years, what would i study"
    bot = Bot.load(root)
    assert bot.retriever.search(question).hits[0].passage.section == "What you study"
    counted = replace(bot.policy.retrieval, counted_unit_weight=1.0)
    plain = Bot.load(root, replace(bot.policy, retrieval=counted))
    assert plain.retriever.search(question).hits[0].passage.section == "Course length"
    # "how many years" counts none, and a count asked about is no story: the length is
    # the topic
    for asked in ("how many years to study", "is it a 4 year course of study"):
        assert bot.retriever.search(asked).hits[0].passage.section == "Course length"


def test_a_question_in_the_other_standard_s_spelling_finds_the_guide_s_words(make_knowledge):
    """A British guide asked in American spelling, and the reverse, with no note of a typo."""
    from guidebot.bot import Bot

    guide = (
        "---\ntitle: Leisure\n---\n\n## Sports centre\n\nThe centre opens at 7 am.\n\n"
        "## Sports hall\n\nThe hall is booked by the hour.\n\n"
        "## Colors of the kit\n\nTeams wear blue.\n"
    )
    bot = Bot.load(make_knowledge({"guides/leisure.md": guide}))
    for question, heading in [
        ("sports center", "Sports centre"),
        ("kit colours", "Colors of the kit"),
    ]:
        reply = bot.ask(question)
        assert reply.sources[0].section == heading, question
        assert not reply.notes, question


def test_a_joined_word_meets_the_two_words_a_passage_writes_side_by_side(make_knowledge):
    """ "satnav" (no English word) finds the passage writing "sat nav", through the
    retriever's own test of which words its passages write together."""
    root = make_knowledge(
        {
            "guides/site.md": """---
title: Campsite
---
## Getting here
Put the postcode EX34 7QR into your sat nav, but ignore it in the village.

## Wi-Fi
Free Wi-Fi reaches every pitch near reception.
"""
        }
    )
    result = Bot.load(root).retriever.search("postcode for the satnav")
    assert {"sat", "nav"} <= set(result.hits[0].matched)
    assert result.hits[0].passage.section == "Getting here"
