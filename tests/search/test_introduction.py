"""Questions about the document as a whole go to its introduction (search.introduction),
through the real Bot; lexical, so no model is needed."""

from __future__ import annotations

import numpy as np

from guidebot.bot import Bot
from guidebot.search.introduction import introduction_rows, lift_rows, summary_rows
from tests.conftest import GUIDE

RELATED = (
    GUIDE
    + """
## Related Articles
Other articles: how to pay for a degree, and choosing between campus and online study.
"""
)
OTHER = """
---
title: Second Guide
---
This second guide is about housing for students.

## Housing
Rooms near campus cost less when booked early.
"""
FAQ_ON_INTRO = """
- id: purpose
  question: What is this guide for?
  section: Test Guide
  answer: It tells applicants about costs and admission.
"""


def test_a_question_about_the_article_reads_its_opening_not_related_articles(make_knowledge):
    bot = Bot.load(make_knowledge({"guides/test.md": RELATED}))
    for question in ("what is this article about", "article?", "what is this guide about"):
        reply = bot.ask(question)
        assert reply.kind == "answer", question
        assert reply.sources[0].id == "test/intro/1", question
    # A word the guide never uses ("guide" here) is still about the guide.
    assert bot.ask("guide").sources[0].id == "test/intro/1"
    # A topic beside the document's name is a question about that topic.
    assert bot.ask("what does the article say about costs").sources[0].section == "Costs"


def test_an_faq_entry_on_the_introduction_may_answer_for_it(make_knowledge):
    """The introduction's passages are raised together, keeping their order, so the best
    of them (here the FAQ entry drawn from the introduction) leads."""
    bot = Bot.load(make_knowledge({"guides/test.md": RELATED, "faq/a.yaml": FAQ_ON_INTRO}))
    assert bot.ask("what is this article about?").sources[0].id == "faq/purpose"


def test_only_the_guides_asked_about_are_lifted(make_knowledge):
    bot = Bot.load(make_knowledge({"guides/test.md": RELATED, "guides/second.md": OTHER}))
    conversation = bot.conversation(guides=("second",))
    reply = conversation.ask("what is this guide about")
    assert {s.id.split("/")[0] for s in reply.sources} == {"second"}
    assert reply.sources[0].id == "second/intro/1"


def test_a_guide_named_by_its_title_is_the_one_summed_up(make_knowledge):
    """Among several guides, a word of one's title names that document as "guide" does: its
    summary section answers, or its introduction when it has none (never another guide's
    summary)."""
    bot = Bot.load(make_knowledge({"guides/test.md": SUMMED_UP, "guides/second.md": OTHER}))
    for question, expected in [
        ("summarize the test guide", "test/key-points/1"),
        ("tl;dr of the second guide", "second/intro/1"),
        ("give me an overview of the second guide", "second/intro/1"),
        ("what is the second guide about", "second/intro/1"),
    ]:
        assert bot.ask(question).sources[0].id == expected, question


def test_the_lift_keeps_order_and_leaves_ruled_out_rows_alone():
    scores = np.array([5.0, 1.0, 0.5, -np.inf, 0.0])
    assert not lift_rows(scores.copy(), 0.0, np.array([3]))  # all ruled out
    assert lift_rows(scores, 0.0, np.array([1, 2, 3]))
    assert scores[1] > 5.0 > scores[2] > 0.0 and scores[3] == -np.inf
    assert scores[1] - scores[2] == 0.5  # raised together


def test_introduction_rows_are_the_opening_section_and_its_faq_entries(make_knowledge):
    bot = Bot.load(make_knowledge({"guides/test.md": RELATED, "faq/a.yaml": FAQ_ON_INTRO}))
    rows = introduction_rows(bot.passages).tolist()
    assert sorted(bot.passages[r].id for r in rows) == ["faq/purpose", "test/intro/1"]


SUMMED_UP = (
    GUIDE
    + """
## Key Points
- Costs run from $10,000 to $20,000.
- A bachelor's degree is needed to apply.

## Related Articles
Other articles: how to pay for a degree, and choosing between campus and online study.
"""
)
SUMMARY_FAQ = """
- id: summary-question
  question: Where is the summary of my application sent?
  answer: To the email address you applied with.
"""


def test_a_question_asking_for_the_gist_reads_the_summary_section(make_knowledge):
    """No synonyms written for it: "tl;dr" and "takeaways" are read as asking for a summary
    in every knowledge base, and a section headed as one answers."""
    bot = Bot.load(make_knowledge({"guides/test.md": SUMMED_UP}))
    for question in (
        "tl;dr?",
        "give me the main takeaways",
        "quick summary please",
        "no time to read all of it. tldr of the big points?",
    ):
        reply = bot.ask(question)
        assert reply.kind == "answer", question
        assert reply.sources[0].section == "Key Points", question
    # A topic named beside it is a question about that topic, the summary's words weighing
    # as little as words naming the document.
    for question in (
        "summary of the admission requirements",
        "key points about admission",
        "overview of admission",
    ):
        assert bot.ask(question).sources[0].section == "Admission", question


def test_a_count_of_points_asked_for_is_no_figure_to_look_up(make_knowledge):
    """ "3" and "two" stand in the guide ("10,000 to 20,000", "2 years"), yet before the
    summary asked for they say how many points to give; a figure elsewhere is a topic."""
    guide = SUMMED_UP.replace("in total", "in total over 3 or two years")
    bot = Bot.load(make_knowledge({"guides/test.md": guide}))
    for question in ("give me the 3 main takeaways", "top two key points?", "3 takeaways pls"):
        assert bot.ask(question).sources[0].section == "Key Points", question
    assert bot.ask("summary of the 3 years").sources[0].section == "Costs"


def test_without_a_summary_section_the_introduction_sums_up(make_knowledge):
    bot = Bot.load(make_knowledge({"guides/test.md": RELATED}))
    for question in ("tl;dr?", "give me the main takeaways"):
        assert bot.ask(question).sources[0].id == "test/intro/1", question


def test_everyday_words_beside_this_guide_still_ask_about_it(make_knowledge):
    bot = Bot.load(make_knowledge({"guides/test.md": SUMMED_UP}))
    for question in ("who is this guide written for", "what is this article trying to do"):
        assert bot.ask(question).sources[0].id == "test/intro/1", question
    # "articles" that are not this one ask for the related ones.
    related = bot.ask("got any other articles like this one?")
    assert related.sources[0].section == "Related Articles"
    # The byline answers who wrote it, as small talk, not the introduction.
    assert bot.ask("who wrote this guide").kind == "smalltalk"


def test_summary_sections_are_guide_headings_not_faq_questions(make_knowledge):
    bot = Bot.load(make_knowledge({"guides/test.md": SUMMED_UP, "faq/a.yaml": SUMMARY_FAQ}))
    rows = summary_rows(bot.passages, ("summary", "key points"))
    assert {bot.passages[r].section for r in rows} == {"Key Points"}


SALON = """
---
title: Studio Nine
author: B. Stylist
---
Welcome to Studio Nine, a hair salon on the high street.

## Museum Highlights
Our walls show local art; the museum lends us a new piece each month.

## Colour services
Highlights cost $80 and take two hours; a full colour costs $95.

## Summary
We cut, colour and style hair six days a week.
"""
ABOUT_GUIDE_FAQ = """
- id: who-for
  question: Who is this guide for?
  section: Studio Nine
  answer: For anyone booking an appointment.
"""


def test_words_the_knowledge_uses_are_topics_beside_the_document_s_name(make_knowledge):
    """Beside "this guide", a word the knowledge uses names a topic ("scholarships"); only
    the commonest words ("give", "time") and English it never uses ("written") do not."""
    bot = Bot.load(make_knowledge({"guides/test.md": SUMMED_UP}))
    for question in (
        "what does this guide say about students",
        "what does this guide say about the price",
    ):
        assert not bot.retriever.search(question).exact, question  # not lifted
    assert bot.ask("in short, what about the price").sources[0].section == "Costs"
    for question in ("give me the main takeaways", "who is this guide written for"):
        assert bot.retriever.search(question).exact, question


def test_a_summary_word_the_knowledge_writes_as_content_asks_about_that(make_knowledge):
    """A salon's "highlights" are a service; "Museum Highlights" is no summary heading,
    "Summary" is."""
    bot = Bot.load(make_knowledge({"guides/salon.md": SALON}))
    assert bot.ask("how much do highlights cost").sources[0].section == "Colour services"
    found = bot.retriever.search("do you do highlights")
    assert not found.exact and found.hits[0].passage.section != "Studio Nine"
    assert bot.ask("tl;dr?").sources[0].section == "Summary"
    rows = summary_rows(bot.passages, ("summary", "highlights"))
    assert {bot.passages[r].section for r in rows} == {"Summary"}


def test_the_byline_answers_who_wrote_it_beside_an_faq_entry_on_the_guide(make_knowledge):
    """The lift puts the entry "Who is this guide for?" first for "who wrote this guide";
    being placed there is no closeness that lets an entry claim small talk."""
    from guidebot.dialogue.policy import default_policy
    from guidebot.search.semantic.load import load_model
    from guidebot.search.semantic.model_dir import builtin_dir

    root = make_knowledge({"guides/salon.md": SALON, "faq/a.yaml": ABOUT_GUIDE_FAQ})
    bot = Bot.load(root, default_policy(word_level=True), encoder=load_model(builtin_dir()))
    reply = bot.ask("who wrote this guide")
    assert reply.kind == "smalltalk" and "B. Stylist" in reply.answer
    assert bot.ask("who is this guide for?").sources[0].id == "faq/who-for"


HOTEL = """
---
title: Harbour Hotel
---
Welcome to the Harbour Hotel, a short walk from the station.

## Key Points
- Check-in is from 3pm.
- Breakfast is served in the main restaurant.

## Your room
Your room key opens the gym as well. Loyalty members collect points on every stay.
"""


def test_a_summary_phrasing_counts_as_written_only_with_its_words_together(make_knowledge):
    """The hotel writes "key", "points", "main" and "short", never "key points" or "main
    points" outside its summary, and "in short" is an idiom no passage writes as content."""
    bot = Bot.load(make_knowledge({"guides/hotel.md": HOTEL}))
    for question in ("key points?", "give me the main points", "in short?"):
        found = bot.retriever.search(question)
        assert found.exact and found.hits[0].passage.section == "Key Points", question


def test_the_asker_saying_or_talking_asks_nothing_of_the_document(make_knowledge):
    """ "say" and "talk" name what a document does ("what does this guide say?"), but in
    "can I say no?" or "who do we talk to" the asker does it: no question about the guide,
    so its opening is not lifted for them."""
    bot = Bot.load(make_knowledge({"guides/test.md": RELATED}))
    assert bot.ask("what does this guide say?").sources[0].id == "test/intro/1"
    for question in ("can I say no?", "who do we talk to"):
        assert [s.id for s in bot.ask(question).sources[:1]] != ["test/intro/1"], question
