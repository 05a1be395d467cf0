"""The small-talk matcher on the bundled knowledge's intents."""

from __future__ import annotations

import pytest

from guidebot.bot import Bot
from guidebot.dialogue.smalltalk_intents import LIVE
from guidebot.search.semantic.load import load_model
from guidebot.search.semantic.model_dir import builtin_dir
from tests.conftest import KNOWLEDGE


def never(_: str, __: str = "") -> bool:
    return False


def always(_: str, __: str = "") -> bool:
    return True


def test_whole_utterance_matches_close_wording(bot):
    assert bot.context.smalltalk.match("thank u!", never)[0] == "thanks"
    assert bot.context.smalltalk.match("helo", never)[0] == "greeting"


def test_each_clause_may_be_small_talk_on_its_own(bot):
    # `always`: no leftover words are excused, so each clause has to match by itself
    assert bot.context.smalltalk.match("thx!! super helpful", always)[0] == "thanks"
    assert bot.context.smalltalk.match("hi, how are you?", always)[0] == "greeting"


def test_a_clause_that_is_a_question_makes_it_a_question(bot):
    assert bot.context.smalltalk.match("hi, what's the salary?", always) is None
    assert bot.context.smalltalk.match("what is the salary for a data scientist", never) is None


def test_a_clause_asking_in_words_small_talk_never_uses_asks_a_question(bot):
    """Beside a clause that is small talk ("i need help ..."), one asking in words no
    example uses asks something, even of things the knowledge never names ("never"): it
    is answered or declined, and so logged, not met with the help text."""
    match = bot.context.smalltalk.match
    assert match("i need help logging in", never)[0] == "help"
    assert match("i need help logging in, is there an it helpdesk number", never) is None
    assert match("hello, could you help me", never)[0] == "greeting"  # all small talk's


@pytest.mark.parametrize(
    "text", ["translate hello into spanish", "say hi to my mum", "hey whats the capital of peru"]
)
def test_a_greeting_mentioned_or_beside_a_question_of_its_own_is_no_small_talk(bot, text):
    """A greeting further into a message is talked about, not said; words beside one
    that ask something ask it, whatever they name ("never": nothing the knowledge is
    about)."""
    assert bot.context.smalltalk.match(text, never) is None


@pytest.mark.parametrize(
    "text",
    [
        "oh hi",
        "um hi there, im emma",
        "hello there my friend",
        "ok hi",
        "hey whats up",
        "hi, can you help",
        "hello, could you help me",
    ],
)
def test_a_greeting_that_opens_or_ends_a_clause_is_small_talk(bot, text):
    assert bot.context.smalltalk.match(text, never)[0] in {"greeting", "howareyou", "help"}


def test_placeholders_are_filled_from_the_guide(bot):
    _, reply = bot.context.smalltalk.match("who wrote this", never)
    assert "{author}" not in reply and "{title}" not in reply


def test_texting_spellings_meet_the_examples_through_the_synonyms(bot):
    # synonyms.yaml spells "u" as "you": "are u a bot" meets the example "are you a bot"
    assert bot.context.smalltalk.match("r u a bot", never)[0] == "identity"


def test_examples_inside_a_message_must_account_for_its_topic_words(bot):
    # "helped" is a knowledge word ("help"), but "that helped" and "thanks a lot" cover it
    assert bot.ask("thanks that helped a lot!!").kind == "smalltalk"
    assert bot.ask("thanks that helped, what does it cost?").kind == "answer"
    # "help me" and "i need help" are contained, yet "work" is left: a question
    for text in ("help me, do i need to work", "ok is it good?"):
        assert bot.ask(text).kind != "smalltalk", text
    # examples of several intents together ("bye", "thanks", "help") account for the text
    assert bot.ask("bye, thanks for the help").kind == "smalltalk"


def test_a_message_inside_an_example_is_not_that_example(bot):
    # "who wrote the guide" holds "guide" (spelt "article" by the synonyms), not vice versa
    assert bot.context.smalltalk.match("article?", never) is None


def test_a_long_message_is_never_small_talk(bot):
    eleven = "thanks " + "so " * 10
    assert bot.context.smalltalk.match(eleven, never)[0] == "thanks"
    assert bot.context.smalltalk.match(eleven + "so so", never) is None


def test_only_groups_with_a_one_word_first_entry_respell_words():
    from guidebot.search.analysis import Analyzer

    groups = [("you", "u"), ("artificial intelligence", "ai"), ("salary", "pay", "pay check")]
    respell = Analyzer(groups).respell
    assert {w: respell(w) for w in ("u", "pay", "ai", "check")} == {
        "u": "you",
        "pay": "salary",
        "ai": "ai",
        "check": "check",
    }


def test_greetings_questions_about_the_bot_and_goodbyes_in_one_message(bot):
    assert bot.ask("hello! am i talking to a bot or a human?").kind == "smalltalk"
    assert bot.ask("thanks mate, take care").kind == "smalltalk"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("thnaks", "thanks"),  # two letters swapped
        ("thanx", "thanks"),
        ("tnx", "thanks"),
        ("thankss!", "thanks"),  # letters repeated
        ("hii", "greeting"),
        ("helloo there", "greeting"),
        ("byee", "goodbye"),
        ("lol", "acknowledge"),  # chat laughter: no question, nothing to decline
        ("hahaha", "acknowledge"),
        ("hahahahaha", "acknowledge"),
        ("hahahah", "acknowledge"),
    ],
)
def test_misspelt_small_talk_is_small_talk_in_any_knowledge(make_knowledge, text, intent):
    """A guide imported today has no smalltalk.yaml: the built-in intents answer for it."""
    from guidebot.bot import Bot
    from tests.conftest import GUIDE

    bot = Bot.load(make_knowledge({"guides/test.md": GUIDE}))
    assert bot.context.smalltalk.match(text, never) is not None
    assert bot.context.smalltalk.match(text, never)[0] == intent
    assert bot.ask(text).kind == "smalltalk"


@pytest.mark.parametrize("text", ["xyzzy plugh", "plugh"])
def test_a_made_up_word_is_no_small_talk_two_edits_from_a_short_word(make_knowledge, text):
    """ "plugh" is two edits from "ugh" (a complaint), but three letters are not five: two
    edits read a word as small talk only between words of five letters or more."""
    from guidebot.bot import Bot
    from tests.conftest import GUIDE

    bot = Bot.load(make_knowledge({"guides/test.md": GUIDE}))
    assert bot.context.smalltalk.match(text, never) is None
    assert bot.ask(text).kind == "decline"


def test_real_words_are_never_read_as_misspelt_small_talk(make_knowledge):
    from guidebot.bot import Bot
    from tests.conftest import GUIDE

    bot = Bot.load(make_knowledge({"guides/test.md": GUIDE}))
    for text in ("think", "than", "hire", "yes"):
        assert bot.context.smalltalk.match(text, never) is None, text


def test_a_question_is_not_small_talk_for_a_statement_inside_it(bot):
    assert bot.context.smalltalk.match("is the dean nice?", never) is None
    assert bot.context.smalltalk.match("are you a bot?", never)[0] == "identity"
    assert bot.ask("Is the dean nice?").kind != "smalltalk"


def test_the_knowledge_keeps_its_own_reply_and_gains_the_builtin_examples(make_knowledge):
    from guidebot.bot import Bot
    from tests.conftest import GUIDE

    own = '- intent: thanks\n  examples: ["merci"]\n  reply: "My pleasure."\n'
    bot = Bot.load(make_knowledge({"guides/test.md": GUIDE, "smalltalk.yaml": own}))
    assert bot.ask("merci").answer == "My pleasure."
    assert bot.ask("thank you very much").answer == "My pleasure."
    assert bot.ask("goodbye").kind == "smalltalk"  # a built-in intent it did not name


@pytest.mark.parametrize(
    ("front", "author", "dating"),
    [
        (
            "title: Test Guide\nauthor: A. Writer\nauthor_title: Editor\nedition: 2025\n",
            "“Test Guide” was written by A. Writer, Editor.",
            "This is the 2025 edition of “Test Guide”; it gives no exact date.",
        ),
        (
            "title: Test Guide\n",
            "“Test Guide” does not name its author.",
            "“Test Guide” does not say when it was written.",
        ),
        (
            "title: Test Guide\nauthor: A. Writer\nupdated: February 2026\n",
            "“Test Guide” was written by A. Writer.",
            "“Test Guide” is dated February 2026.",
        ),
        (  # YAML reads an unquoted ISO date as a date: kept as written all the same
            "title: Test Guide\nupdated: 2026-01-06\nedition: 2026\n",
            "“Test Guide” does not name its author.",
            "“Test Guide” is dated 2026-01-06; it is the 2026 edition.",
        ),
    ],
)
def test_any_guide_says_who_wrote_it_and_when_or_that_it_does_not(
    make_knowledge, front, author, dating
):
    """Built-in intents: an imported guide answers from its front matter, and says plainly
    when the front matter does not tell."""
    from guidebot.bot import Bot
    from tests.conftest import GUIDE

    guide = "---\n" + front + "---\n" + GUIDE.split("---\n", 2)[2]
    bot = Bot.load(make_knowledge({"guides/test.md": guide}))
    for text in ("who wrote this guide", "who's the author?", "who's the author of this guide?"):
        reply = bot.ask(text)
        assert (reply.kind, reply.answer) == ("smalltalk", author), text
    reply = bot.ask("when was this published?")
    assert reply.kind == "smalltalk" and reply.answer.startswith(dating)


def test_small_talk_about_the_guide_speaks_of_the_chosen_one(make_knowledge):
    from guidebot.bot import Bot
    from tests.conftest import GUIDE

    other = "---\ntitle: Other Guide\nauthor: Z. Other\n---\n" + GUIDE.split("---\n", 2)[2]
    bot = Bot.load(make_knowledge({"guides/test.md": GUIDE, "guides/zz-other.md": other}))
    assert "A. Writer" in bot.ask("who wrote this guide?").answer  # the first, when all
    chosen = bot.conversation(guides=["zz-other"]).ask("who wrote this guide?")
    assert (chosen.kind, chosen.answer) == ("smalltalk", "“Other Guide” was written by Z. Other.")


def test_a_close_wording_with_a_word_of_the_knowledge_is_a_question(make_knowledge):
    """ "who wrote this study" is one letter-edit family away from "who wrote this guide",
    but "study" is something the guide speaks of."""
    from guidebot.bot import Bot

    guide = "---\ntitle: T\nauthor: A. Writer\n---\n## Study\nThe study was done by nine people.\n"
    bot = Bot.load(make_knowledge({"guides/test.md": guide}))
    assert bot.context.smalltalk.match("who wrote this guide", bot.context.names_a_topic)
    assert bot.ask("who wrote this study").kind != "smalltalk"


def test_an_faq_entry_asked_in_the_same_words_answers_before_small_talk(make_knowledge):
    from guidebot.bot import Bot

    faq = (
        "- question: Who are you?\n"
        "  answer: We are the student office of the media school, open every weekday.\n"
        "- question: Where is the media desk?\n"
        "  answer: The media desk is on the ground floor next to the library.\n"
    )
    bot = Bot.load(make_knowledge({"faq/office.yaml": faq}))
    reply = bot.ask("who are you?")
    assert reply.kind == "answer" and reply.sources[0].id == "faq/who-are-you"
    assert bot.ask("hello").kind == "smalltalk"


def test_small_talk_stays_when_no_single_entry_of_the_guides_asks_it(make_knowledge):
    """Two entries asked in the same words: neither is lifted first, so small talk answers;
    likewise for an entry of a guide the conversation is not limited to."""
    from guidebot.bot import Bot

    entry = "- question: Who are you?\n  answer: {}\n"
    twice = {
        "faq/a.yaml": entry.format("The student office, open every weekday morning."),
        "faq/b.yaml": entry.format("The media desk, open every weekday afternoon."),
    }
    assert Bot.load(make_knowledge(twice)).ask("who are you?").kind == "smalltalk"


def test_an_entry_of_another_guide_does_not_displace_small_talk(make_knowledge):
    from guidebot.bot import Bot
    from tests.conftest import GUIDE

    faq = "- question: Who are you?\n  guide: other\n  answer: The office of another guide.\n"
    knowledge = make_knowledge(
        {"guides/test.md": GUIDE, "guides/other.md": GUIDE, "faq/office.yaml": faq}
    )
    bot = Bot.load(knowledge)
    assert bot.conversation().ask("who are you?").kind == "answer"
    assert bot.conversation(guides=["test"]).ask("who are you?").kind == "smalltalk"


@pytest.mark.parametrize(
    "text", ["that's the wrong answer", "useless answer", "this answer is bad", "wrong"]
)
def test_fault_found_in_a_complaints_own_words_is_a_complaint_whatever_the_knowledge(bot, text):
    # `always`: every word is one the knowledge is about, yet "wrong", "useless" and "bad"
    # are the frustration examples' own, and "answer", "this", "is" find no fault and name
    # nothing but the answer
    assert bot.context.smalltalk.match(text, always)[0] == "frustration"


@pytest.mark.parametrize(
    "text",
    [
        "wrong amount charged",  # words of no complaint's example
        "my card is bad",
        "i was wrong",  # the speaker's fault
        "not a bad answer",  # a negated fault
        "that's not wrong",
        "you're a bot",  # "you" and "bot" are other intents' words: no fault
        "is that the wrong answer?",
        # negations beyond "not": praise
        "nothing wrong with that answer",
        "nothing bad about that answer",
        # the speaker is the subject, though an example ("wrong answer") stands in it
        "i gave the wrong answer",
        "my answer was wrong",
        "i got a bad answer in the quiz",
    ],
)
def test_other_words_beside_a_fault_make_no_complaint(bot, text):
    found = bot.context.smalltalk.match(text, never)
    assert found is None or found[0] != "frustration", text


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("thanks, that's not correct", "frustration"),  # negates a verdict on the answer
        ("that's not accurate", "frustration"),
        ("that's correct", "acknowledge"),
        ("thanks, that's not bad", "thanks"),  # negates a fault
        ("thanks, you don't understand", "frustration"),  # the complaint beside thanks
        # negations beyond "not" negate a word of small talk on an answer
        ("hardly helpful", "frustration"),
        ("none of that helped", "frustration"),
        ("thanks, none of that helped", "frustration"),
        ("that was neither clear nor useful", "frustration"),
        ("thanks, nothing else", "thanks"),  # says what is absent
        # guidebot, not the speaker, is the subject
        ("you misunderstood my question", "frustration"),
        ("wrong answer to my question", "frustration"),
    ],
)
def test_negating_a_verdict_that_the_answer_is_right_complains(bot, text, intent):
    assert bot.context.smalltalk.match(text, never)[0] == intent


def test_a_knowledge_s_own_complaint_examples_bring_their_fault_words(make_knowledge):
    from guidebot.bot import Bot
    from tests.conftest import GUIDE

    own = '- intent: frustration\n  examples: ["that is rubbish"]\n  reply: "Sorry!"\n'
    bot = Bot.load(make_knowledge({"guides/test.md": GUIDE, "smalltalk.yaml": own}))
    assert bot.context.smalltalk.match("rubbish answer", always) == ("frustration", "Sorry!")
    assert bot.context.smalltalk.match("rubbish tuition fees", never) is None


@pytest.mark.parametrize(
    ("asked", "said"),
    [
        ("is that correct", "that's correct"),
        ("is that right", "that's right"),
        ("correct?", "correct"),
        ("that's correct?", "thats correct"),
        ("ok, is that right", "ok, that's right"),
    ],
)
def test_a_verdict_on_the_answer_that_is_asked_is_no_small_talk(bot, asked, said):
    """ "correct" and "that's correct" acknowledge an answer; asked (an auxiliary before its
    subject, or "?"), they ask whether it is right."""
    assert bot.context.smalltalk.match(asked, never) is None, asked
    assert bot.context.smalltalk.match(said, never)[0] == "acknowledge", said


@pytest.fixture(scope="module")
def reading() -> Bot:
    """The bundled knowledge with the built-in word vectors, as `guidebot ask` reads it."""
    return Bot.load(KNOWLEDGE, encoder=load_model(builtin_dir()))


def test_a_question_swapping_in_a_thing_of_its_own_is_no_small_talk(reading):
    """ "what should i wear" is close in letters to "what should i ask", but "wear" is far in
    meaning from every word of that intent's examples: a question, whether or not the
    knowledge covers it (`never`), so it is declined and shows in `guidebot gaps`."""
    assert reading.context.smalltalk.match("what should I wear?", never) is None
    assert reading.ask("what should I wear?").kind == "decline"


def test_a_question_asking_for_a_time_place_or_person_is_no_small_talk_that_does_not(bot):
    """ "when can i ask" (after an answer on swapping rooms) asks for a time, though it is
    one letter or so from "what can i ask"; "who are you" asks what its intent's examples
    ask with "who"; a complaint may ask why."""
    match = bot.context.smalltalk.match
    assert match("when can i ask", never) is None
    assert match("where can i ask", never) is None
    assert match("what can i ask", never)[0] == "capabilities"
    assert match("who are you", never)[0] == "identity"
    assert match("why you don't understand", never)[0] == "frustration"  # a complaint may


@pytest.mark.parametrize(
    "message", ["what payment methods do you accept", "what brands do you carry"]
)
def test_a_question_holding_an_example_short_of_a_repeat_is_no_small_talk(bot, message):
    """It holds the words of "what do you do" but one "do", and asks about something else,
    whether or not the knowledge covers it."""
    assert bot.context.smalltalk.match(message, never) is None


@pytest.mark.parametrize(
    ("message", "intent"),
    [
        ("what do you usually do", "capabilities"),
        ("what kind of questions do you cover", "capabilities"),
    ],
)
def test_an_example_held_in_full_or_with_its_intents_words_stays_small_talk(bot, message, intent):
    assert bot.context.smalltalk.match(message, never)[0] == intent


@pytest.mark.parametrize(
    ("message", "intent"),
    [
        ("how are you today", "howareyou"),  # a word added, none swapped
        ("who are you anyway", "identity"),
        ("how are things with you", "howareyou"),
        ("wat can u do", "capabilities"),  # misspelt, not another word
        ("am i speaking to a bot", "identity"),  # a word alike in meaning
        ("am i talking to an ai", "identity"),  # near the intent's other examples' words
        ("what kinds of questions do you answer", "capabilities"),
    ],
)
def test_small_talk_reworded_stays_small_talk(reading, message, intent):
    assert reading.context.smalltalk.match(message, never)[0] == intent


def test_without_meaning_read_a_swapped_word_is_not_judged(bot):
    """Words alone cannot tell "wear" from a synonym of "ask": small talk, as it always was."""
    assert bot.context.smalltalk.match("what should I wear?", never) is not None


PUMP_GUIDE = """
---
title: Pump Manual
---
How to use a garden pump safely.

## Priming
Fill the casing with water before starting.

## Storage
Drain the pump before winter.
"""


def test_topics_are_the_headings_when_none_is_a_question(make_knowledge):
    bot = Bot.load(make_knowledge({"guides/pumps.md": PUMP_GUIDE}))
    _, reply = bot.context.smalltalk.match("what can you do", never)
    assert "Topics include: Priming, Storage." in reply


def test_topics_name_a_guides_plain_headings_before_the_faq_questions(make_knowledge):
    """A help desk's guide of plain headings beside its FAQ export: "help" names both."""
    bot = Bot.load(
        make_knowledge(
            {
                "guides/pumps.md": PUMP_GUIDE,
                "faq/more.yaml": "- question: Do you sell hoses?\n  answer: Yes, in 3 sizes.\n",
            }
        )
    )
    _, reply = bot.context.smalltalk.match("what can you do", never)
    assert "Topics include: Priming, Storage, Do you sell hoses?." in reply


def test_small_talk_yields_only_to_an_entry_phrasing_the_word_vectors_read(tmp_path):
    """A library's entry with the alternate "tech help" is read by the built-in table as
    "help" alone ("tech" is not in it), as close to "help" as guidebot's own example: no
    entry asks what "help" asks, so it stays small talk; the entry's own words still reach
    it."""
    faq = tmp_path / "faq"
    faq.mkdir()
    (faq / "library.yaml").write_text(
        "- id: computer-help\n"
        "  question: Do you offer computer help for seniors?\n"
        "  answer: Digital help sessions run every Monday afternoon.\n"
        "  alternates: [tech help]\n"
        "- id: parking\n"
        "  question: Where can I park?\n"
        "  answer: The car park behind the building is free.\n",
        encoding="utf-8",
    )
    bot = Bot.load(tmp_path, encoder=load_model(builtin_dir()))
    assert bot.ask("help").kind == "smalltalk"
    reply = bot.ask("is there computer help for seniors?")
    assert reply.kind == "answer" and reply.sources[0].id == "faq/computer-help"


def test_a_word_naming_the_document_is_a_topic_unless_it_is_this_guide(make_knowledge):
    """A walking-tour company's guides are its topic: "hi, a guide?" asks about them, while
    "who's the author of this guide?" asks about the document (the byline)."""
    from guidebot.bot import Bot

    tour = (
        "---\ntitle: City Walks\nauthor: R. Walker\n---\nWalking tours of the old town.\n\n"
        "## Private guides\nBook a private guide for up to eight people for £90.\n"
    )
    bot = Bot.load(make_knowledge({"guides/tour.md": tour}))
    assert bot.ask("hi, a guide?").kind == "answer"
    assert bot.ask("who's the author of this guide?").kind == "smalltalk"


@pytest.mark.parametrize(
    "text",
    [
        "what's the weather going to be like tomorrow",
        "whats the weather in paris tomorrow",
        "will it rain tomorrow",
        "what's in the news",
        "what's the exchange rate for euros",
        "who won the football",
        # beside a greeting or thanks, the question is what the reply must meet
        "thanks, will it rain tomorrow",
        "hi, what's the weather like",
    ],
)
def test_live_information_is_small_talk_the_conversation_declines(bot, text):
    """No guide says what the weather will be or what the news is: such a question is the
    live-information intent, declined in its words with the guide's topics offered, as any
    decline."""
    assert bot.context.smalltalk.match(text, bot.context.names_a_topic)[0] == LIVE
    reply = bot.conversation().ask(text)
    assert reply.kind == "decline" and reply.abstained and not reply.sources
    assert "live information" in reply.answer and len(reply.suggestions) >= 2


NURSERY = """
---
title: Nursery Handbook
---
## Closing for bad weather
If snow or ice makes the roads unsafe we may close; we text every family by 7am.

## Meals
Lunch is a hot meal cooked on site, with fruit for pudding.
"""


def test_live_information_whose_word_names_a_heading_is_a_question(make_knowledge):
    """The weather a heading is about ("Closing for bad weather") is no live information:
    "what's the weather policy" is answered from that section, as is a question with a word
    of the knowledge's own beside the weather ("do you close when it snows")."""
    bot = Bot.load(make_knowledge({"guides/nursery.md": NURSERY}))
    for text in ("what's the weather policy", "do you close when it snows"):
        reply = bot.conversation().ask(text)
        assert reply.kind == "answer", text
        assert reply.sources[0].section == "Closing for bad weather", text


def test_the_knowledge_s_own_live_information_intent_words_the_decline(make_knowledge):
    """A knowledge base's own smalltalk.yaml may give the decline its words, as for any
    intent it names; the built-in examples still find the question."""
    own = """
- intent: live-information
  examples: ["is it snowing"]
  reply: "We can't check the weather from here; ring the office on 01234 567890."
"""
    bot = Bot.load(make_knowledge({"guides/nursery.md": NURSERY, "smalltalk.yaml": own}))
    reply = bot.conversation().ask("will it rain tomorrow")
    assert reply.kind == "decline"
    assert reply.answer.startswith("We can't check the weather from here")


SHOP = """
---
title: Cycle Shop Guide
---
## Opening hours
Our shop in Wexbridge opens at 9am every day but Sunday.

## Hire
Hire bikes go out from the shop; bring photo ID. In wet weather we lend waterproofs.
At the weekend a day's hire costs £30.

## Collection times
Collect hire bikes from 9am and bring them back by 5pm.

## Airport transfers
The Airport Flyer stops outside the shop every 20 minutes.
"""


def test_live_information_about_a_place_the_knowledge_names_is_still_live(make_knowledge):
    """The weather in the shop's own town is live information: a name the knowledge uses
    (knowledge.names) says where, and a word of time when (live.WHEN), not what about, though the
    knowledge uses "weekend". A word of its topics beside them still makes a question."""
    bot = Bot.load(make_knowledge({"guides/shop.md": SHOP}))
    for text in (
        "what's the weather like in wexbridge tomorrow",
        "will it rain on sunday",
        "what's the weather doing this weekend",
        "what time is the next train to wexbridge",  # "time" names no topic here
    ):
        assert bot.context.smalltalk.match(text, bot.context.names_a_topic)[0] == LIVE, text
        assert bot.conversation().ask(text).kind == "decline", text
    reply = bot.conversation().ask("is the wexbridge shop open on sunday")
    assert reply.kind == "answer" and reply.sources[0].section == "Opening hours"
    # A name that heads a section ("Airport") names its topic: the question is answered.
    reply = bot.conversation().ask("when is the next bus to the airport")
    assert reply.kind == "answer" and reply.sources[0].section == "Airport transfers"
    reply = bot.conversation().ask("what are the collection times")
    assert reply.kind == "answer" and reply.sources[0].section == "Collection times"
    reply = bot.conversation().ask("how much is hire at the weekend")
    assert reply.kind == "answer" and reply.sources[0].section == "Hire"
