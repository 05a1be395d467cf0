"""Conversation behaviour on the bundled knowledge: follow-ups, clarifying, small talk, declines."""

from __future__ import annotations

import dataclasses
import json

import pytest

from guidebot.bot import Bot
from guidebot.dialogue import uncovered
from guidebot.dialogue.conversation import ConversationState
from guidebot.dialogue.followup import cue
from guidebot.search.semantic.load import load_model
from guidebot.search.semantic.model_dir import builtin_dir
from tests.conftest import KNOWLEDGE

SALARY = (
    "What is the average salary for professionals with an AI Master's degree "
    "working in manufacturing?"
)
COSTS = (
    "How long does it take to complete an AI Master's degree, and what are typical program costs?"
)
ADMISSION = (
    "What are the admission requirements and prerequisites for entering an "
    "AI Master's degree program?"
)


def test_answer_cites_guide_section_with_scores(bot):
    reply = bot.ask("What's the average salary?")
    assert reply.kind == "answer" and not reply.abstained
    assert "$145,000" in reply.answer
    assert reply.sources[0].section == SALARY
    assert reply.sources[0].guide_title == "2026 AI Master's Degree Careers in Manufacturing"
    scores = [s.score for s in reply.sources]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0
    assert "salary" in [w.lower() for w in reply.sources[0].highlights]


def test_elliptic_followup_uses_the_earlier_topic(bot):
    conversation = bot.conversation()
    conversation.ask("How long does the degree take?")
    reply = conversation.ask("and what does it cost?")
    assert reply.sources[0].section == COSTS
    assert "$40,000" in " ".join(s.text for s in reply.sources)


def test_followup_changes_answer_and_says_how_it_read_the_question(bot):
    conversation = bot.conversation()
    conversation.ask("What's the average salary?")
    reply = conversation.ask("what about early on?")
    assert reply.sources[0].section == SALARY
    assert any(n.startswith("Taking this as:") for n in reply.notes)


def test_self_contained_question_is_not_polluted_by_previous_topic(bot):
    conversation = bot.conversation()
    conversation.ask("What's the average salary?")
    reply = conversation.ask("Do I need the GRE to get in?")
    assert reply.sources[0].section == ADMISSION
    assert not any(n.startswith("Taking this as") for n in reply.notes)


def test_clarifying_question_then_choice_by_number_and_by_words(bot):
    conversation = bot.conversation()
    reply = conversation.ask("what are the requirements?")
    assert reply.kind == "clarify" and ADMISSION in reply.choices
    picked = conversation.ask(str(reply.choices.index(ADMISSION) + 1))
    assert picked.kind == "answer" and picked.sources[0].section == ADMISSION
    conversation = bot.conversation()
    conversation.ask("what are the requirements?")
    assert conversation.ask("admission").sources[0].section == ADMISSION


def test_a_follow_up_after_a_pick_goes_on_from_the_section_picked(bot):
    conversation = bot.conversation()
    reply = conversation.ask("requirements?")
    conversation.ask(str(reply.choices.index(ADMISSION) + 1))
    cost = conversation.ask("and how much does it cost")
    assert cost.kind == "answer" and cost.sources[0].section == COSTS


def test_a_topic_a_decline_offers_is_picked_by_its_number_and_words_ask_anew(bot):
    conversation = bot.conversation()
    declined = conversation.ask("whats the weather in paris tomorrow")
    assert declined.kind == "decline" and len(declined.suggestions) >= 2
    picked = conversation.ask("2")
    assert picked.kind == "answer"
    assert picked.notes == (f"Taking this as: {declined.suggestions[1]}",)
    assert picked.sources[0].section == declined.suggestions[1]
    assert picked.sources[0].id.endswith("/1")  # the section's opening, not an FAQ entry
    conversation.ask("whats the weather in paris tomorrow")
    fresh = conversation.ask("salary?")
    assert fresh.kind == "answer" and not fresh.notes  # a question, not a pick


def test_small_talk_shows_no_passage(bot):
    for text in ("hi", "thanks!", "who wrote this guide?", "bye"):
        reply = bot.ask(text)
        assert reply.kind == "smalltalk" and not reply.sources, text
    assert "Imed Bouchrika" in bot.ask("who wrote this guide").answer


def test_greeting_with_a_question_answers_the_question(bot):
    reply = bot.ask("hello, what's the average salary?")
    assert reply.kind == "answer" and reply.sources[0].section == SALARY


def test_out_of_scope_is_declined_with_suggestions(bot):
    for text in (
        "how much do nurses earn in texas",
        "law school tuition",
        "how do I get a student visa",
    ):
        reply = bot.ask(text)
        assert reply.kind == "decline" and reply.abstained and not reply.sources, text
        assert reply.suggestions and "doesn't cover" in reply.answer


def test_a_decline_calls_its_suggestions_nearby_only_when_they_share_a_word(bot):
    """The first topics offered to a question sharing no word with any are no nearby
    topics: "who painted the mona lisa" is not near the first FAQ entries."""
    near = bot.ask("how much do nurses earn in texas")
    assert near.suggestions and "Nearby topics it does answer:" in near.answer
    far = bot.ask("who painted the mona lisa")
    assert far.kind == "decline" and far.suggestions
    assert "Topics it does answer:" in far.answer and "Nearby" not in far.answer


def test_naming_an_uncovered_topic_declines_even_with_covered_words(bot):
    reply = bot.ask("what's the salary for AI master's grads in texas")
    assert reply.kind == "decline" and "(texas)" in reply.answer
    assert reply.suggestions[0] == SALARY
    assert bot.ask("can I get a student visa for an AI master's program").kind == "decline"


def test_typo_repair_is_reported(bot):
    reply = bot.ask("whats the salry for ai grads in manufactring")
    assert reply.sources[0].section == SALARY
    assert "Read 'salry' as 'salary'." in reply.notes


def test_state_round_trips_through_json(bot):
    conversation = bot.conversation()
    conversation.ask("How long does the degree take?")
    saved = json.loads(json.dumps(conversation.state.to_dict()))
    resumed = bot.conversation(ConversationState.from_dict(saved))
    assert resumed.ask("and what does it cost?").sources[0].section == COSTS


def test_new_conversation_forgets_the_topic(bot):
    conversation = bot.conversation()
    conversation.ask("what are the requirements?")
    conversation.reset()
    assert conversation.ask("1").kind != "answer" or conversation.state.pending_choices == []


def test_empty_question_gets_a_prompt(bot):
    for text in ("   \t ", "???", "🙂"):
        reply = bot.ask(text)
        assert reply.kind == "smalltalk" and "Ask me" in reply.answer and not reply.choices


def test_a_longer_reply_to_a_clarifying_question_is_a_new_question(bot):
    conversation = bot.conversation()
    assert conversation.ask("what are the requirements?").kind == "clarify"
    reply = conversation.ask("what is the average salary in the first year?")
    assert reply.sources[0].section == SALARY


SCHOOL = """
---
title: Studying at Example College
---
What a student at Example College should know.

## Admission requirements
Applicants need a bachelor's degree and a grade average of 3.0 to be admitted.

## Curriculum requirements
Every student completes core classes in machine learning, statistics and ethics.

## Program length
Most students take two years to finish; part-time students take three years and take fewer
classes each term.
"""


def test_a_reply_to_a_clarifying_question_is_read_with_the_question_asked_back(make_knowledge):
    """Alone, "take" leads the reply to the program's length; read with "requirements?"
    (as the built-in word vectors read it), to the curriculum, one of the choices offered.
    A reply naming nothing of its own, or a new question, picks nothing."""
    bot = Bot.load(make_knowledge({"guides/school.md": SCHOOL}), encoder=load_model(builtin_dir()))
    reply = "i mean which classes i have to take"
    assert bot.retriever.search(reply, k=1).hits[0].passage.section == "Program length"
    for then, section in (
        (reply, "Curriculum requirements"),
        ("how long does it take?", "Program length"),
    ):
        conversation = bot.conversation()
        asked = conversation.ask("requirements?")
        assert asked.kind == "clarify" and "Curriculum requirements" in asked.choices
        answer = conversation.ask(then)
        assert answer.kind == "answer" and answer.sources[0].section == section, then
    conversation = bot.conversation()
    conversation.ask("requirements?")
    assert conversation.ask("thanks").kind == "smalltalk"


def test_a_new_question_after_a_clarifying_question_is_no_pick():
    """Read with "requirements?", "how long does it take" leads to the admission section
    (it holds "take"), but alone the question finds the program's length far closer: it
    is a new question (Policy.choice_reading_ratio; at 0 it was taken as a pick). Without
    the answer-kind lift too, which now leads the reading together to the length ("how
    long" asks for a duration), so that the pick's reading is the admission section."""
    bot = Bot.load(KNOWLEDGE, encoder=load_model(builtin_dir()))
    unlifted = dataclasses.replace(bot.policy.retrieval, answer_kind=0.0)
    alone = bot.with_policy(dataclasses.replace(bot.policy, retrieval=unlifted))
    anything = alone.with_policy(dataclasses.replace(alone.policy, choice_reading_ratio=0.0))
    for each, picked in ((bot, False), (alone, False), (anything, True)):
        conversation = each.conversation()
        assert conversation.ask("requirements?").kind == "clarify"
        reply = conversation.ask("how long does it take")
        assert any(note.startswith("Taking this as") for note in reply.notes) is picked
        assert (reply.sources[0].section == ADMISSION) is picked


def test_small_talk_near_an_entry_stays_small_talk_after_an_answer():
    """With the built-in word vectors "who wrote this" is near an FAQ entry, so small talk
    yields; read on from the answer before ("this"), it would be answered with the tuition.
    It is small talk, and the conversation goes on from the tuition as before."""
    bot = Bot.load(KNOWLEDGE, encoder=load_model(builtin_dir()))
    conversation = bot.conversation()
    conversation.ask("how much does it cost")
    topic = dict(conversation.state.topic_terms)
    reply = conversation.ask("who wrote this")
    assert reply.kind == "smalltalk" and not reply.sources
    assert conversation.state.topic_terms == topic


def test_choice_by_number_after_a_question_without_topic_words(bot):
    conversation = bot.conversation()
    reply = conversation.ask("how much?")
    assert reply.kind == "clarify"
    picked = conversation.ask("1")
    assert picked.kind == "answer" and picked.sources[0].section == reply.choices[0]


def test_one_word_naming_one_heading_is_answered_and_several_is_asked_back(bot):
    assert bot.ask("salary?").sources[0].section == SALARY
    assert bot.ask("cost").sources[0].section == COSTS
    reply = bot.ask("requirements?")
    assert reply.kind == "clarify" and ADMISSION in reply.choices
    assert all("requirements" in choice for choice in reply.choices)


def test_a_heading_word_alone_is_answered_by_the_entry_asked_like_the_heading(bot):
    """ "salary" names the salary section's heading: the entry asked most like it ("What is
    the average salary?") answers, not another salary entry that uses the word more."""
    for question in ("salary", "salary?"):
        assert bot.ask(question).sources[0].id == "faq/average-salary"


SHORT_HEADING = """
---
title: Pay
---
About pay.

## Salary
Graduates earn $145,000 on average.
"""
SALARY_FAQ = """
- id: offer
  question: How should I judge a salary offer?
  answer: Compare it with the $145,000 average and the cost of living.
  section: Salary
- id: average
  question: What is the average salary?
  answer: The average is $145,000.
  section: Salary
"""


def test_a_short_heading_is_matched_by_words_not_by_its_question_mark(make_knowledge):
    """Heading "Salary": "What is the average salary?" and "How should I judge a salary
    offer?" both hold it whole; punctuation aside they are alike, and the plainer question
    stands for the section."""
    root = make_knowledge({"guides/pay.md": SHORT_HEADING, "faq/pay.yaml": SALARY_FAQ})
    assert Bot.load(root).ask("salary").sources[0].id == "faq/average"


def test_one_word_naming_no_heading_is_asked_back_when_sections_are_close(bot):
    reply = bot.ask("experience?")
    assert reply.kind == "clarify" and len(reply.choices) >= 2


PLANS = """
---
title: Plans
---
What each plan costs and allows.

## Prices
Basic costs $8 and Pro costs $15 per person each month, with no setup fee.

## Limits
Pro workspaces may send 500 requests a minute; Basic ones 100, and more for a fee.

## Storage
Pro keeps deleted files for a whole year and Basic keeps them for one month only.
"""


@pytest.mark.parametrize("question", ["how much is pro", "how much for pro?"])
def test_a_kind_of_answer_asked_beside_one_word_is_no_vague_question(make_knowledge, question):
    """ "how much" names no term, but a price is not a limit: one word and a kind of answer
    (search/answertypes.py) are answered, the other sections offered beside."""
    bot = Bot.load(make_knowledge({"guides/plans.md": PLANS}))
    assert bot.ask("pro?").kind == "clarify"
    reply = bot.ask(question)
    assert reply.kind == "answer" and reply.see_also
    assert reply.sources[0].section == "Prices"


def test_a_kind_named_by_the_one_word_itself_stays_vague(make_knowledge):
    """ "fees?" asks for money by its only word, and two sections name fees."""
    bot = Bot.load(make_knowledge({"guides/plans.md": PLANS}))
    assert bot.ask("fees?").kind == "clarify"


def test_an_uncovered_topic_named_by_the_best_passage_is_covered_after_all(bot):
    related = bot.ask("any articles about AI PhD programs?")
    assert related.kind == "answer" and related.sources[0].section == "Related Articles"
    assert bot.ask("how long does a phd take").kind == "decline"


def test_a_comparison_opener_is_a_follow_up(bot):
    conversation = bot.conversation()
    first = conversation.ask("is hiring of AI specialists in factories going up")
    reply = conversation.ask("versus other jobs?")
    assert reply.kind == "answer" and reply.sources[0].section == first.sources[0].section
    assert any(n.startswith("Taking this as") for n in reply.notes)


def test_a_shown_passage_naming_the_uncovered_topic_may_lead_the_answer(bot):
    # the best passage (statement-of-purpose tips) never says PhD; the related article does
    # and has every word the best one matched, so it answers instead of a decline
    reply = bot.ask("is there something on writing a phd statement of purpose")
    assert reply.kind == "answer" and reply.sources[0].section == "Related Articles"
    assert bot.ask("what does a phd cost").kind == "decline"


def test_other_industries_and_plain_trivia_are_declined(bot):
    for text in ("what do loan officers at banks make", "who won the world cup in 2014"):
        reply = bot.ask(text)
        assert reply.kind == "decline" and not reply.sources, text


def test_one_shared_word_and_several_unknown_ones_is_another_subject(bot):
    # the best passage meets these only on "make" / "keep"; the rest is unknown to the guide
    for text in ("how to make sourdough starter", "my dishwasher keeps leaking, how do i fix it"):
        reply = bot.ask(text)
        assert reply.kind == "decline" and not reply.sources, text
    # one word the guide never uses ("brush") does not make a question off topic
    assert bot.ask("which math topics should i brush up on first").kind == "answer"


def test_a_follow_up_keeps_its_topic_despite_unknown_words(bot):
    conversation = bot.conversation()
    conversation.ask("is the gre required")
    reply = conversation.ask("what if i already took it in 2015")
    assert reply.kind == "answer" and reply.sources[0].section == ADMISSION


def test_framing_words_numbers_and_jargon_do_not_make_a_question_off_topic(bot):
    for text in (
        "does my gpa of 2.8 disqualify me",
        "my dad thinks its a scam, is it accredited",
        "my advisor told me the gre is optional, true?",
    ):
        assert bot.ask(text).kind == "answer", text


def test_a_led_answer_is_not_asked_back_and_reports_its_own_coverage(bot):
    reply = bot.ask("phd sop?")
    assert reply.kind == "answer" and reply.sources[0].section == "Related Articles"
    assert reply.confidence == 1.0  # the leading passage holds every word asked
    # two short words would be asked back, were it not a PhD question led by its article
    assert bot.ask("phd python").kind == "answer"


def test_a_stop_word_topic_is_never_named_by_a_passage(bot):
    # "who won" analyses to nothing, so no passage can lead in its place
    assert bot.ask("who won the ai masters award").kind == "decline"


def test_two_vague_words_are_answered_with_the_other_sections_as_see_also(bot):
    # several sections have an entry whose own question names it: the best is answered,
    # the others offered beside it, since asking back lost right first answers
    reply = bot.ask("predictive maintenance?")
    assert reply.kind == "answer" and reply.see_also
    assert reply.sources[0].section not in reply.see_also
    assert reply.to_dict()["see_also"] == list(reply.see_also)


def test_one_vague_word_is_still_asked_back(bot):
    reply = bot.ask("requirements?")
    assert reply.kind == "clarify" and len(reply.choices) == 2


def test_car_makers_are_the_automotive_industry_the_guide_covers(bot):
    for text in ("ai jobs at car factories", "can i work for a car manufacturer"):
        assert bot.ask(text).kind == "answer", text
    assert bot.ask("how do I fix my car's transmission").kind == "decline"


def test_an_explicit_follow_up_is_never_declined_as_another_subject(bot, monkeypatch):
    # whatever the off-topic test says of the bare words, "what about ..." after an answer
    # takes its subject from that answer
    conversation = bot.conversation()
    conversation.ask("how much does the degree cost")
    monkeypatch.setattr(uncovered, "about_something_else", lambda *_: True)
    assert conversation.ask("what about part-time study").kind == "answer"
    assert bot.conversation().ask("part-time study").kind == "decline"


def test_a_bare_figure_stated_in_several_sections_is_asked_back(bot):
    reply = bot.ask("34% of what?")  # the pay premium, and the share of ABET programs
    assert reply.kind == "clarify" and SALARY in reply.choices
    assert bot.ask("145,000?").kind == "answer"  # stated about pay only


def test_a_percentage_stated_in_two_sections_is_asked_back(bot):
    assert bot.ask("23%?").kind == "clarify"  # job growth to 2030, online completion
    assert bot.ask("2032?").kind == "answer"  # a heading names it: the outlook


@pytest.mark.parametrize(
    ("pick", "number"), [("2", 2), ("the second one", 2), ("number 1 please", 1), ("option 2", 2)]
)
def test_a_number_alone_picks_a_choice(bot, pick, number):
    conversation = bot.conversation()
    asked = conversation.ask("requirements?")
    assert asked.kind == "clarify" and len(asked.choices) == 2
    reply = conversation.ask(pick)
    assert reply.kind == "answer" and reply.sources[0].section == asked.choices[number - 1]
    assert reply.notes and reply.notes[0].startswith("Taking this as: requirements?")


def test_a_question_with_a_number_after_asking_back_is_a_new_question(bot):
    conversation = bot.conversation()
    assert conversation.ask("requirements?").kind == "clarify"
    reply = conversation.ask("2 years part time?")
    assert reply.kind == "answer" and "how long" in reply.sources[0].section.lower()
    assert not any(n.startswith("Taking this as") for n in reply.notes)


def test_a_short_question_the_earlier_topic_cannot_answer_is_a_new_question(bot):
    conversation = bot.conversation()
    assert conversation.ask("How is AI changing quality control?").kind == "answer"
    reply = conversation.ask("requirements?")  # was read as a follow-up, then declined
    assert reply.kind == "clarify" and not reply.notes


def test_a_bare_topic_word_follows_on_only_toward_the_earlier_topic(bot):
    """After a salary answer, "requirements?" found required courses once read with the
    salary words, but no salary word is in them: it is a new, vague question."""
    conversation = bot.conversation()
    assert conversation.ask("What's the average salary?").kind == "answer"
    assert conversation.ask("requirements?").kind == "clarify"


@pytest.mark.parametrize(
    ("before", "then"),
    [
        ("whats the salary", "what kind of jobs are there"),  # "there" as in "are there"
        ("how much does it cost", "wat jobs can i get"),  # one term, but a whole clause
    ],
)
def test_a_clause_naming_a_headings_topic_is_a_new_question(bot, before, then):
    """A question of its own about a topic a heading names is no follow-up, though it is
    short or says "there": it was answered from the salary or cost topic before it."""
    conversation = bot.conversation()
    assert conversation.ask(before).kind == "answer"
    reply = conversation.ask(then)
    assert not any(note.startswith("Taking this as") for note in reply.notes)
    assert reply.to_dict() == bot.ask(then).to_dict()


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("is there an internship?", "explicit"),  # a detail, no heading's topic
        ("online?", "short"),  # a bare word, though a heading names it
        ("how much?", "short"),
        ("what kind of jobs are there", ""),
        ("what kind of jobs aren't there", ""),  # words() makes it "arent"
        ("wat jobs can i get", ""),
        ("what jobs cant i get", ""),
        ("is it cheaper online?", "explicit"),
        # "one" standing for a thing named before, not counting
        ("which one is cheaper", "explicit"),
        ("how much is the 20 hour one", "explicit"),
        ("is there a slower one", "explicit"),
        ("how long is the one year course", ""),
        ("can i book a lesson for one hour", ""),
        ("is a minimum of one hour needed", ""),
    ],
)
def test_which_questions_may_go_on_from_the_topic(bot, question, expected):
    """followup.cue after an answer: a clause naming a heading's topic stands on its own;
    a bare word, or a clause about a detail, may go on from the topic."""
    topic = {"tuition": 0.5, "cost": 0.5}
    assert cue(bot.context, topic, question) == expected


def test_a_complaint_names_the_answer_it_is_about(bot):
    """Reply.complaint: "that's wrong" right after an answer names that answer (its
    question, and the id and section of the source it quoted, not the others listed beside
    it) for the log; after anything else, or as the first message, there is no answer to
    name."""
    conversation = bot.conversation()
    assert conversation.ask("that's wrong").complaint is None
    answer = conversation.ask("What's the average salary?")
    complaint = conversation.ask("thanks, that didn't answer my question")
    assert complaint.kind == "smalltalk" and complaint.complaint is not None
    assert complaint.complaint.question == "What's the average salary?"
    assert len(answer.sources) > 1 and answer.quoted == answer.sources[:1]
    assert complaint.complaint.sources == (answer.sources[0].id,)
    assert complaint.complaint.sections == (SALARY,)
    assert complaint.to_dict()["complaint"]["sources"] == list(complaint.complaint.sources)
    assert conversation.ask("that's wrong").complaint is None  # the complaint was no answer
    conversation.ask("how much do nurses earn in texas")  # declined: logged as unanswered
    assert conversation.ask("that's wrong").complaint is None
    assert conversation.ask("thanks").complaint is None


def test_the_answer_a_complaint_is_about_survives_a_saved_state(bot):
    conversation = bot.conversation()
    conversation.ask("What's the average salary?")
    saved = json.loads(json.dumps(conversation.state.to_dict()))
    resumed = bot.conversation(ConversationState.from_dict(saved))
    assert resumed.ask("you're useless").complaint is not None


def test_a_complaint_names_the_question_as_it_was_read(bot):
    """The log gets a question that stands on its own: a pick is the question asked back,
    a follow-up goes on from its topic, a message of several questions is whole."""
    conversation = bot.conversation()
    assert conversation.ask("requirements?").kind == "clarify"
    picked = conversation.ask("2")
    assert picked.kind == "answer"
    complaint = conversation.ask("that's wrong").complaint
    assert complaint is not None and complaint.question == "requirements?"
    assert complaint.sections == tuple(dict.fromkeys(s.section for s in picked.sources))

    conversation.ask("What's the average salary?")
    assert conversation.ask("what about early in a career?").notes  # read as a follow-up
    complaint = conversation.ask("that's wrong").complaint
    assert complaint is not None
    assert complaint.question == "What's the average salary? what about early in a career?"

    both = "How long does the program take? What's the average salary?"
    several = conversation.ask(both)
    assert len(several.parts) == 2
    complaint = conversation.ask("that's wrong").complaint
    assert complaint is not None and complaint.question == both
    assert complaint.confidence == pytest.approx(several.confidence)


def test_a_complaint_opening_a_new_question_still_names_the_answer_before(bot):
    conversation = bot.conversation()
    conversation.ask("What's the average salary?")
    reply = conversation.ask("that's wrong, how much is tuition?")
    assert reply.kind == "answer" and "40,000" in reply.answer
    assert reply.complaint is not None
    assert reply.complaint.question == "What's the average salary?"
    follow = conversation.ask("thanks, and how long does it take?")
    assert follow.kind == "answer" and follow.complaint is None


def test_a_declined_follow_up_says_nothing_of_how_it_was_read(bot):
    """A decline is no answer read against the topic: its notes keep only the typos."""
    conversation = bot.conversation()
    conversation.ask("what's the average salary")
    reply = conversation.ask("and for nurses in texas?")
    assert reply.kind == "decline"
    assert not any(note.startswith("Taking this as") for note in reply.notes)


@pytest.mark.parametrize(
    "pasted",
    [
        "<b>hi</b><script>alert(1)</script> what is the tuition?",
        "<p>What is the tuition?</p>",
        "<div><span>what is the</span> <em>tuition</em>?</div>",
    ],
)
def test_pasted_markup_is_read_as_its_text(bot, pasted):
    plain = bot.conversation().ask("what is the tuition?")
    reply = bot.conversation().ask(pasted)
    assert reply.kind == "answer" == plain.kind
    assert reply.sources[0].id == plain.sources[0].id
    assert "<" not in reply.question


def test_a_question_no_passage_holds_a_word_of_is_declined_not_asked_back():
    """With the built-in word vectors every passage is ranked by meaning: sections tied as
    far from it are no choice to offer ("tell me a joke" was asked back between the
    opening and the related articles)."""
    bot = Bot.load(KNOWLEDGE, encoder=load_model(builtin_dir()))
    result = bot.retriever.search("tell me a joke", k=3)
    assert result.hits and not result.coverage
    assert bot.ask("tell me a joke").kind == "decline"
    assert bot.ask("requirements?").kind == "clarify"  # a tie in words still is


@pytest.mark.parametrize("pick", ["1", "option 2", "the first one", "3."])
def test_a_pick_with_no_list_offered_says_so_instead_of_being_searched(bot, pick):
    """A newcomer typed "1" after an answer: it was read as a follow-up of the question
    before, or asked back between unrelated sections. A figure may still be asked about."""
    chat = bot.conversation()
    assert chat.ask("what's the salary?").kind == "answer"
    reply = chat.ask(pick)
    assert reply.kind == "smalltalk" and reply.answer.startswith("There is no list to pick")
    assert bot.conversation().ask("2032?").kind != "smalltalk"


@pytest.mark.parametrize("message", ["፩", "²", "٣", "option ፪"])
def test_digits_of_other_scripts_are_read_without_a_crash(bot, message):
    """str.isdigit accepts "፩" (Ethiopic one), which int() refuses: every message is
    checked for a bare pick, so this once ended in a traceback."""
    assert bot.conversation().ask(message).kind in {"smalltalk", "decline", "answer", "clarify"}


def test_a_number_with_a_question_mark_asks_rather_than_picks(bot):
    chat = bot.conversation()
    chat.ask("what's the salary?")
    assert not chat.ask("2?").answer.startswith("There is no list to pick")
