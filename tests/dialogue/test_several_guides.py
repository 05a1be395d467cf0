"""Knowledge of several guides that share topics: a pool's guide and a gym's guide, each
with its own "Opening hours" (dialogue with knowledge.labels and search.guidenames)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from guidebot.bot import Bot
from guidebot.dialogue.state import ConversationState
from guidebot.search.semantic.load import load_model
from guidebot.search.semantic.model_dir import builtin_dir
from tests.conftest import run_guidebot

POOL = """
---
title: Swimming pool guide
---
Everything about swimming at the Riverside centre.

## Opening hours
We open at 6:30am on weekdays and shut at 9:30pm. At weekends we open at 8am and shut at
6pm, with last entry half an hour before closing.

## Lockers and changing rooms
Lockers take a one pound coin, which you get back. The village changing rooms have family
cubicles and hairdryers.

## Swimming lessons
Children can start lessons at four years old. A block of ten lessons costs £65.
"""

GYM = """
---
title: Gym and fitness classes guide
---
Everything about the gym and the studio classes at the Riverside centre.

## Opening Hours
Open from 6am to 10pm from Monday to Friday, and from 7am to 7pm on Saturdays and
Sundays. Last entry is thirty minutes before closing.

## Lockers And Changing Rooms
The gym changing rooms have showers and lockers with a four-digit code you set yourself.

## Gym Inductions
Before using the gym for the first time every member books a free induction with a gym
instructor, which lasts about forty-five minutes.

## Gym Rules
Wear clean trainers in the gym, wipe down machines after use and bring a towel.
"""

FAQ = """
- question: Is there wifi?
  answer: Free wifi covers the whole building; ask at reception for the password.
- question: Is there parking?
  answer: Parking is free for three hours in the centre's car park.
"""

POOL_TITLE, GYM_TITLE = "Swimming pool guide", "Gym and fitness classes guide"


@pytest.fixture(params=["words", "word vectors"])
def knowledge(request, make_knowledge) -> tuple[Path, Bot]:
    root = make_knowledge({"guides/pool.md": POOL, "guides/gym.md": GYM, "faq/centre.yaml": FAQ})
    encoder = load_model(builtin_dir()) if request.param == "word vectors" else None
    return root, Bot.load(root, encoder=encoder)


def first(reply) -> tuple[str, str]:
    assert reply.kind == "answer", reply.text
    return reply.sources[0].guide_title, reply.sources[0].section


def test_a_heading_two_guides_share_is_asked_back_naming_each_guide(knowledge):
    _, bot = knowledge
    conversation = bot.conversation()
    reply = conversation.ask("what are your opening times")
    assert reply.kind == "clarify"
    assert {"Opening hours (Swimming pool guide)", f"Opening Hours ({GYM_TITLE})"} <= set(
        reply.choices
    )
    number = reply.choices.index("Opening hours (Swimming pool guide)") + 1
    assert first(conversation.ask(str(number))) == (POOL_TITLE, "Opening hours")


def test_a_reply_naming_a_guide_picks_its_section(knowledge):
    _, bot = knowledge
    conversation = bot.conversation()
    reply = conversation.ask("lockers")
    assert reply.kind == "clarify"
    assert sorted(reply.choices) == sorted(
        [f"Lockers and changing rooms ({POOL_TITLE})", f"Lockers And Changing Rooms ({GYM_TITLE})"]
    )
    assert first(conversation.ask("the gym one")) == (GYM_TITLE, "Lockers And Changing Rooms")


@pytest.mark.parametrize("reply", ["gym", "the gym", "gym?", "the gym one"])
def test_a_bare_guide_name_picks_its_section(knowledge, reply):
    _, bot = knowledge
    conversation = bot.conversation()
    assert conversation.ask("lockers").kind == "clarify"
    assert first(conversation.ask(reply)) == (GYM_TITLE, "Lockers And Changing Rooms")


@pytest.mark.parametrize("reply", ["the swimming pool one", "swimming pool"])
def test_a_reply_naming_a_guide_whose_opening_it_leads_to_picks_its_section(knowledge, reply):
    """ "the swimming pool one" leads alone to the pool guide's opening, no choice: it names
    that guide, of which one choice is a section."""
    _, bot = knowledge
    conversation = bot.conversation()
    assert conversation.ask("lockers").kind == "clarify"
    assert first(conversation.ask(reply)) == (POOL_TITLE, "Lockers and changing rooms")


def test_a_reply_naming_a_topic_a_guides_title_holds_is_a_new_question(make_knowledge):
    """ "prices" after "how do i cancel" was asked back names the title "Gym Membership and
    Prices", but leads to a section of its own: a new question, not the gym's choice."""
    gym = (
        "---\ntitle: Gym Membership and Prices\n---\nWelcome to the gym.\n\n"
        "## Booking and cancelling\nCancel a class up to two hours before it starts.\n\n"
        "## Membership prices\nStandard membership is £30 a month.\n"
    )
    pt = (
        "---\ntitle: Personal Training\n---\nOur trainers build a programme for you.\n\n"
        "## How do I cancel a session?\nCancel a session 24 hours ahead.\n\n"
        "## Session prices\nA session costs £40.\n"
    )
    root = make_knowledge({"guides/gym.md": gym, "guides/pt.md": pt})
    bot = Bot.load(root, encoder=load_model(builtin_dir()))
    for reply in ("prices", "prices?", "membership prices"):
        conversation = bot.conversation()
        assert conversation.ask("how do i cancel").kind == "clarify"
        answered = conversation.ask(reply)
        assert not answered.read_as.startswith("how do i cancel"), reply
    conversation = bot.conversation()
    conversation.ask("how do i cancel")
    assert first(conversation.ask("the personal training one"))[1] == "How do I cancel a session?"


ASKED = [
    ("what time does the gym open", (GYM_TITLE, "Opening Hours")),
    ("when does the pool open", (POOL_TITLE, "Opening hours")),
    ("when do you open on saturday at the gym", (GYM_TITLE, "Opening Hours")),
    ("is there parking", ("FAQ", "Is there parking?")),
]


@pytest.mark.parametrize(
    ("knowledge", "question", "expected"),
    [(knowledge, q, e) for knowledge in ("words", "word vectors") for q, e in ASKED],
    indirect=["knowledge"],
)
def test_a_question_naming_a_guide_is_answered_from_it(knowledge, question, expected):
    _, bot = knowledge
    assert first(bot.conversation().ask(question)) == expected


def test_a_follow_up_naming_the_other_guide_asks_the_topic_of_that_guide(knowledge):
    _, bot = knowledge
    conversation = bot.conversation()
    assert first(conversation.ask("what time does the pool open on saturday")) == (
        POOL_TITLE,
        "Opening hours",
    )
    switched = conversation.ask("and the gym?")
    assert first(switched) == (GYM_TITLE, "Opening Hours")
    assert switched.read_as == "what time does the pool open on saturday — and the gym?"
    # The same after a pick: the topic is the question asked back.
    conversation = bot.conversation()
    choices = conversation.ask("lockers").choices
    conversation.ask(str(choices.index(f"Lockers and changing rooms ({POOL_TITLE})") + 1))
    assert first(conversation.ask("and the gym?")) == (GYM_TITLE, "Lockers And Changing Rooms")


def test_the_command_line_asks_back_and_picks_by_the_labelled_choice(knowledge):
    root, _ = knowledge
    done = run_guidebot("ask", "--json", "--knowledge", str(root), stdin="lockers\nthe pool one\n")
    assert done.returncode == 0, done.stderr
    asked, picked = (json.loads(line) for line in done.stdout.splitlines())
    assert f"Lockers and changing rooms ({POOL_TITLE})" in asked["choices"]
    assert f". Lockers and changing rooms ({POOL_TITLE})" in asked["answer"]
    assert picked["sources"][0]["guide"] == POOL_TITLE
    assert picked["read_as"] == f"lockers — Lockers and changing rooms ({POOL_TITLE})"


def test_a_decline_offers_topics_named_with_their_guide_unless_one_guide_is_chosen(knowledge):
    _, bot = knowledge
    offered = bot.conversation().ask("how do i bake bread")
    assert offered.kind == "decline"
    # Each guide's topics in turn: both guides among the three offered, each named.
    named = {s.rpartition(" (")[2] for s in offered.suggestions}
    assert len(offered.suggestions) == 3 and named == {f"{POOL_TITLE})", f"{GYM_TITLE})"}
    kept = bot.conversation(guides=["gym"]).ask("how do i bake bread")
    assert kept.kind == "decline" and kept.suggestions[0] == "Opening Hours"


def test_help_lists_a_heading_two_guides_share_once(knowledge):
    _, bot = knowledge
    listed = bot.conversation().ask("help").answer
    assert listed.lower().count("opening hours") == 1
    assert "Swimming lessons" in listed and "Gym Inductions" in listed


def test_a_label_asked_as_it_was_offered_is_answered_from_that_section(knowledge):
    """Clicking a choice, "see also" or suggestion sends its label as the question."""
    _, bot = knowledge
    for label, expected in [
        (f"Opening hours ({POOL_TITLE})", (POOL_TITLE, "Opening hours")),
        (f"Gym Rules ({GYM_TITLE})", (GYM_TITLE, "Gym Rules")),
        (f"Swimming lessons ({POOL_TITLE})", (POOL_TITLE, "Swimming lessons")),
    ]:
        conversation = bot.conversation()
        assert first(conversation.ask(label)) == expected, label
    # and the talk goes on from it
    assert first(conversation.ask("and the gym?"))[0] == GYM_TITLE


def test_a_choice_saved_before_labels_named_its_guide_is_still_answered(knowledge):
    _, bot = knowledge
    state = ConversationState(pending_question="lockers", pending_choices=["Gym Inductions"])
    reply = bot.conversation(state).ask("1")
    assert first(reply) == (GYM_TITLE, "Gym Inductions")


def test_what_was_answered_is_remembered_and_complained_of_by_label(knowledge):
    """The log of answers marked not helpful names the section with its guide."""
    _, bot = knowledge
    conversation = bot.conversation()
    answered = conversation.ask("when does the pool open")
    assert answered.sources[0].label == f"Opening hours ({POOL_TITLE})"
    assert conversation.state.answered_sections == [f"Opening hours ({POOL_TITLE})"]
    complaint = conversation.ask("that's wrong").complaint
    assert complaint is not None and complaint.sections == (f"Opening hours ({POOL_TITLE})",)


def test_who_wrote_a_guide_named_among_several_is_its_byline(make_knowledge):
    """ "who wrote the gym guide" asks the gym guide's byline (its title's words would
    otherwise be searched, and its opening answered); "who wrote this", of several, names
    each guide's author, not the first's as the whole's."""
    pool = POOL.replace("title: Swimming pool guide", "title: Swimming pool guide\nauthor: Ann Lee")
    gym = GYM.replace(f"title: {GYM_TITLE}", f"title: {GYM_TITLE}\nauthor: Raj Patel")
    bot = Bot.load(make_knowledge({"guides/pool.md": pool, "guides/gym.md": gym}))
    reply = bot.ask("who wrote the gym guide?")
    assert reply.kind == "smalltalk" and "Raj Patel" in reply.answer
    assert "Ann Lee" not in reply.answer
    assert "Ann Lee" in bot.ask("who wrote the swimming pool guide").answer
    both = bot.ask("who wrote this").answer
    assert "Ann Lee" in both and "Raj Patel" in both
    assert bot.ask("what are the gym rules").kind == "answer"  # a topic, no byline
